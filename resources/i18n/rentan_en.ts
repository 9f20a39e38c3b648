<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="id_ID">
    <context>
        <name>AdminPage</name>
        <message>
            <source>Langkah 2 dari 3: Admin pertama</source>
            <translation>Step 2 of 3: First administrator</translation>
        </message>
        <message>
            <source>Akun ini mengelola pengguna dan pengaturan. Simpan kata sandinya di tempat aman.</source>
            <translation>This account manages users and settings. Keep its password somewhere safe.</translation>
        </message>
        <message>
            <source>mis. admin.kecamatan</source>
            <translation>e.g. admin.kecamatan</translation>
        </message>
        <message>
            <source>Nama &amp;pengguna:</source>
            <translation>User &amp;name:</translation>
        </message>
        <message>
            <source>Nama le&amp;ngkap:</source>
            <translation>Full &amp;name:</translation>
        </message>
        <message>
            <source>Kata sand&amp;i:</source>
            <translation>Pass&amp;word:</translation>
        </message>
        <message>
            <source>&amp;Ulangi kata sandi:</source>
            <translation>&amp;Repeat password:</translation>
        </message>
        <message>
            <source>nama pengguna</source>
            <translation>user name</translation>
        </message>
        <message>
            <source>nama lengkap</source>
            <translation>full name</translation>
        </message>
        <message>
            <source>kata sandi</source>
            <translation>password</translation>
        </message>
        <message>
            <source>ulangi kata sandi</source>
            <translation>repeat password</translation>
        </message>
        <message>
            <source>Kedua kata sandi tidak sama.</source>
            <translation>The two passwords differ.</translation>
        </message>
    </context>
    <context>
        <name>Application</name>
        <message>
            <source>Bahasa disimpan dan dipakai saat aplikasi dibuka lagi.</source>
            <translation>The language is saved and used when the app is opened again.</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <source>Setiap perubahan data dicatat dalam jejak audit yang berantai hash: mengubah atau menghapus satu catatan memutus rantainya. Verifikasi menghitung ulang seluruh rantai dan menyebut tautan pertama yang rusak.</source>
            <translation>Every change to the data is recorded in a hash-chained audit trail: altering or deleting one entry breaks the chain. Verification recomputes the whole chain and names the first broken link.</translation>
        </message>
        <message>
            <source>&amp;Verifikasi jejak audit</source>
            <translation>&amp;Verify audit trail</translation>
        </message>
        <message>
            <source>Jejak audit</source>
            <translation>Audit trail</translation>
        </message>
        <message>
            <source>Jejak audit dan masa simpan data</source>
            <translation>Audit trail and data retention</translation>
        </message>
        <message>
            <source>Memeriksa…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Memverifikasi jejak audit…</source>
            <translation>Verifying the audit trail…</translation>
        </message>
        <message>
            <source>Masa simpan data (admin)</source>
            <translation>Data retention (admin)</translation>
        </message>
        <message>
            <source>Data berstatus nonaktif lebih lama dari masa simpan dianonimkan: NIK, KK, nama, alamat, nama ibu, nomor HP dan KPJ dihapus dari catatannya; wilayah, jenis kelamin, tahun lahir dan pekerjaan tetap untuk statistik. Tindakan ini dicatat dalam jejak audit dan tidak dapat dibatalkan.</source>
            <translation>Records inactive for longer than the retention period are anonymised: NIK, KK, name, address, mother's name, phone number and KPJ are removed from the record; region, sex, birth year and occupation remain for statistics. This is recorded in the audit trail and cannot be undone.</translation>
        </message>
        <message>
            <source> tahun</source>
            <translation> years</translation>
        </message>
        <message>
            <source>&amp;Simpan masa simpan</source>
            <translation>&amp;Save retention period</translation>
        </message>
        <message>
            <source>Hitung d&amp;ulu</source>
            <translation>Co&amp;unt first</translation>
        </message>
        <message>
            <source>&amp;Jalankan retensi…</source>
            <translation>&amp;Run retention…</translation>
        </message>
        <message>
            <source>Masa simpan:</source>
            <translation>Retention period:</translation>
        </message>
        <message>
            <source>Masa simpan diatur: {years} tahun.</source>
            <translation>Retention period set: {years} years.</translation>
        </message>
        <message>
            <source>Jalankan retensi</source>
            <translation>Run retention</translation>
        </message>
        <message>
            <source>Anonimkan semua data nonaktif lebih dari {years} tahun? Tindakan ini tidak dapat dibatalkan.</source>
            <translation>Anonymise every record inactive for more than {years} years? This cannot be undone.</translation>
        </message>
        <message>
            <source>Menjalankan retensi…</source>
            <translation>Running retention…</translation>
        </message>
    </context>
    <context>
        <name>BackupSettingsBox</name>
        <message>
            <source>Pengaturan cadangan (admin)</source>
            <translation>Backup settings (admin)</translation>
        </message>
        <message>
            <source>mis. E:\CadanganRentan (disk lain atau flashdisk)</source>
            <translation>e.g. E:\RentanBackups (another disk or a USB stick)</translation>
        </message>
        <message>
            <source>P&amp;ilih…</source>
            <translation>Ch&amp;oose…</translation>
        </message>
        <message>
            <source> menit</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Cadangkan juga saat aplikasi ditutup</source>
            <translation>Also back up when the app closes</translation>
        </message>
        <message>
            <source>harian</source>
            <translation>daily</translation>
        </message>
        <message>
            <source>mingguan</source>
            <translation>weekly</translation>
        </message>
        <message>
            <source>Simpan pen&amp;gaturan</source>
            <translation>Sa&amp;ve settings</translation>
        </message>
        <message>
            <source>minimal 12 karakter</source>
            <translation>at least 12 characters</translation>
        </message>
        <message>
            <source>ulangi</source>
            <translation>repeat</translation>
        </message>
        <message>
            <source>Atur &amp;kata sandi</source>
            <translation>Set p&amp;assphrase</translation>
        </message>
        <message>
            <source>Lokasi kedua:</source>
            <translation>Second location:</translation>
        </message>
        <message>
            <source>Jadwal otomatis setiap:</source>
            <translation>Automatic backup every:</translation>
        </message>
        <message>
            <source>Simpan cadangan:</source>
            <translation>Keep backups:</translation>
        </message>
        <message>
            <source>Kata sandi enkripsi:</source>
            <translation>Encryption passphrase:</translation>
        </message>
        <message>
            <source>Cadangan dienkripsi dengan kata sandi.</source>
            <translation>Backups are encrypted with a passphrase.</translation>
        </message>
        <message>
            <source>Cadangan belum dienkripsi.</source>
            <translation>Backups are not encrypted yet.</translation>
        </message>
        <message>
            <source>Lokasi kedua untuk cadangan</source>
            <translation>Second location for backups</translation>
        </message>
        <message>
            <source>Pengaturan cadangan disimpan.</source>
            <translation>Backup settings saved.</translation>
        </message>
        <message>
            <source>Kedua kata sandi tidak sama.</source>
            <translation>The two passwords differ.</translation>
        </message>
        <message>
            <source>Kata sandi cadangan diatur; cadangan berikutnya dienkripsi. Simpan kata sandi ini di tempat aman: tanpa kata sandi, cadangan di flashdisk tidak bisa dibuka.</source>
            <translation>Backup passphrase set; the next backups are encrypted. Keep this passphrase somewhere safe: without it, backups on a USB stick cannot be opened.</translation>
        </message>
    </context>
    <context>
        <name>BackupTableModel</name>
        <message>
            <source>Tanggal (WITA)</source>
            <translation>Date (WITA)</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Ukuran</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Jumlah data</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Terenkripsi</source>
            <translation>Encrypted</translation>
        </message>
        <message>
            <source>Lokasi</source>
            <translation>Location</translation>
        </message>
        <message>
            <source>otomatis</source>
            <translation>automatic</translation>
        </message>
        <message>
            <source>manual</source>
            <translation>manual</translation>
        </message>
        <message>
            <source>saat keluar</source>
            <translation>on exit</translation>
        </message>
        <message>
            <source>sebelum pemulihan</source>
            <translation>before restore</translation>
        </message>
        <message>
            <source>rusak</source>
            <translation>damaged</translation>
        </message>
        <message>
            <source>ya</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>tidak</source>
            <translation>no</translation>
        </message>
    </context>
    <context>
        <name>BackupsPage</name>
        <message>
            <source>Cadangan dibuat otomatis sesuai jadwal selama aplikasi berjalan dan saat aplikasi ditutup, diperiksa (integrity_check) setelah ditulis, lalu dirotasi. Sebelum memulihkan, basis data yang sekarang selalu disimpan dulu sebagai cadangan "sebelum pemulihan".</source>
            <extracomment>what a restore may have changed: every page reloads what it shows</extracomment>
            <translation>Backups are made automatically on a schedule while the app runs and when it closes, checked (integrity_check) after writing, then rotated. Before a restore, the current database is always kept first as a "before restore" backup.</translation>
        </message>
        <message>
            <source>&amp;Cadangkan sekarang</source>
            <translation>&amp;Back up now</translation>
        </message>
        <message>
            <source>Cari di &amp;folder lain…</source>
            <translation>Look in another fol&amp;der…</translation>
        </message>
        <message>
            <source>Perbarui &amp;daftar</source>
            <translation>Refresh &amp;list</translation>
        </message>
        <message>
            <source>&amp;Pulihkan cadangan terpilih…</source>
            <translation>&amp;Restore selected backup…</translation>
        </message>
        <message>
            <source>Cadangan dan pemulihan</source>
            <translation>Backup and restore</translation>
        </message>
        <message>
            <source>Belum ada cadangan.</source>
            <translation>No backup yet.</translation>
        </message>
        <message>
            <source>Cadangan terakhir: {date} WITA ({count} data).</source>
            <translation>Latest backup: {date} WITA ({count} records).</translation>
        </message>
        <message>
            <source>Folder cadangan (disk lain atau flashdisk)</source>
            <translation>Backup folder (another disk or a USB stick)</translation>
        </message>
        <message>
            <source>Membuat cadangan…</source>
            <translation>Making a backup…</translation>
        </message>
        <message>
            <source>Mencadangkan…</source>
            <translation>Backing up…</translation>
        </message>
        <message>
            <source>Cadangan dibuat: {name} ({size}, {count} data).</source>
            <translation>Backup made: {name} ({size}, {count} records).</translation>
        </message>
        <message>
            <source>Salinan juga ditulis ke {n} lokasi lain.</source>
            <translation>A copy was also written to {n} other location(s).</translation>
        </message>
        <message>
            <source>Gagal di {folder}: {message}</source>
            <translation>Failed at {folder}: {message}</translation>
        </message>
        <message>
            <source>Tunggu sampai pekerjaan yang sedang berjalan selesai.</source>
            <translation>Wait until the running task has finished.</translation>
        </message>
        <message>
            <source>Pulihkan cadangan</source>
            <translation>Restore backup</translation>
        </message>
        <message>
            <source>Cadangan terenkripsi</source>
            <translation>Encrypted backup</translation>
        </message>
        <message>
            <source>Kata sandi cadangan (kosongkan bila kuncinya tersimpan di sini):</source>
            <translation>Backup passphrase (leave empty if the key is stored here):</translation>
        </message>
        <message>
            <source>Pulihkan cadangan tanggal {date} ({size}, {count} data)?

Basis data yang sekarang disimpan dulu sebagai cadangan "sebelum pemulihan", jadi langkah ini dapat dibatalkan dengan memulihkan cadangan itu.</source>
            <translation>Restore the backup of {date} ({size}, {count} records)?

The current database is kept first as a "before restore" backup, so this step can be undone by restoring that backup.</translation>
        </message>
        <message>
            <source>Memulihkan {name}…</source>
            <translation>Restoring {name}…</translation>
        </message>
        <message>
            <source>Memulihkan…</source>
            <translation>Restoring…</translation>
        </message>
        <message>
            <source>Pemulihan selesai: {count} data. Basis data sebelumnya disimpan sebagai {kept}.</source>
            <translation>Restore finished: {count} records. The previous database was kept as {kept}.</translation>
        </message>
    </context>
    <context>
        <name>BatchesPage</name>
        <message>
            <source>Data berpindah antarkantor tanpa internet: batch ditandatangani kunci kantor, ditulis ke flashdisk, dibaca ulang untuk memastikan utuh, lalu diimpor kantor penerima setelah tanda tangannya diperiksa. Batch yang sama tidak pernah diimpor dua kali.</source>
            <translation>Data moves between offices without internet: a batch is signed with the office key, written to a USB stick, read back to make sure it is intact, then imported by the receiving office after its signature is checked. The same batch is never imported twice.</translation>
        </message>
        <message>
            <source>&amp;Kirim batch</source>
            <translation>Se&amp;nd batch</translation>
        </message>
        <message>
            <source>&amp;Terima batch</source>
            <translation>&amp;Receive batches</translation>
        </message>
        <message>
            <source>BPJS K&amp;etenagakerjaan</source>
            <translation>BPJS K&amp;etenagakerjaan</translation>
        </message>
        <message>
            <source>Kirim dan terima batch</source>
            <translation>Send and receive batches</translation>
        </message>
    </context>
    <context>
        <name>BpjsPanel</name>
        <message>
            <source>1. Workbook pendaftaran kolektif untuk BPJS</source>
            <translation>1. Collective registration workbook for BPJS</translation>
        </message>
        <message>
            <source>Tulis &amp;workbook BPJS…</source>
            <translation>Write BPJS &amp;workbook…</translation>
        </message>
        <message>
            <source>Berisi data berstatus Diterima yang belum punya KPJ. Susunan kolom diambil dari berkas pemetaan bpjs_mapping.json (bisa diubah tanpa mengubah program).</source>
            <translation>Holds the Accepted records that have no KPJ yet. The column layout comes from the mapping file bpjs_mapping.json (editable without changing the program).</translation>
        </message>
        <message>
            <source>Tanggal &amp;mulai kepesertaan:</source>
            <translation>Coverage &amp;start date:</translation>
        </message>
        <message>
            <source>2. Hasil dari BPJS (KPJ dan masa kepesertaan)</source>
            <translation>2. Result from BPJS (KPJ and coverage period)</translation>
        </message>
        <message>
            <source>&amp;Impor berkas hasil BPJS…</source>
            <translation>&amp;Import the BPJS result file…</translation>
        </message>
        <message>
            <source>Orang dicocokkan per NIK lalu berstatus Terdaftar BPJS. Berkas dengan baris yang salah tidak diimpor sama sekali.</source>
            <translation>People are matched by NIK and become Registered with BPJS. A file with a wrong row is not imported at all.</translation>
        </message>
        <message>
            <source>Simpan workbook BPJS</source>
            <translation>Save the BPJS workbook</translation>
        </message>
        <message>
            <source>Menulis workbook BPJS…</source>
            <translation>Writing the BPJS workbook…</translation>
        </message>
        <message>
            <source>Workbook BPJS berisi {n} orang disimpan: {path}</source>
            <translation>BPJS workbook with {n} people saved: {path}</translation>
        </message>
        <message>
            <source>Pilih berkas hasil BPJS</source>
            <translation>Choose the BPJS result file</translation>
        </message>
        <message>
            <source>Mengimpor hasil BPJS…</source>
            <translation>Importing the BPJS result…</translation>
        </message>
        <message>
            <source>{n} orang sekarang Terdaftar BPJS; {already} sudah terdaftar sebelumnya.</source>
            <translation>{n} people are now Registered with BPJS; {already} were registered before.</translation>
        </message>
        <message>
            <source>NIK tidak dikenal di sini: {niks}.</source>
            <translation>NIKs unknown here: {niks}.</translation>
        </message>
        <message>
            <source>Belum berstatus Diterima: {niks}.</source>
            <translation>Not yet Accepted: {niks}.</translation>
        </message>
    </context>
    <context>
        <name>CardQueue</name>
        <message>
            <source>Diminta</source>
            <translation>Requested</translation>
        </message>
        <message>
            <source>Dicetak</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Diserahkan</source>
            <translation>Handed over</translation>
        </message>
        <message>
            <source>No. kartu</source>
            <translation>Card no.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>KPJ</source>
            <translation>KPJ</translation>
        </message>
        <message>
            <source>Tahap</source>
            <translation>Stage</translation>
        </message>
        <message>
            <source>Penerima</source>
            <translation>Receiver</translation>
        </message>
    </context>
    <context>
        <name>CardQueueTab</name>
        <message>
            <source>Semua tahap</source>
            <translation>All stages</translation>
        </message>
        <message>
            <source>Antrekan &amp;semua peserta terdaftar</source>
            <translation>Queue all regi&amp;stered members</translation>
        </message>
        <message>
            <source>&amp;Cetak kartu yang diminta</source>
            <translation>Print re&amp;quested cards</translation>
        </message>
        <message>
            <source>Tampilkan:</source>
            <translation>Show:</translation>
        </message>
        <message>
            <source>Cetak</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>Penyerahan kartu terpilih</source>
            <translation>Hand over the selected cards</translation>
        </message>
        <message>
            <source>nama penerima</source>
            <translation>receiver's name</translation>
        </message>
        <message>
            <source>Catat &amp;diserahkan</source>
            <translation>Record handed o&amp;ver</translation>
        </message>
        <message>
            <source>Penerima:</source>
            <translation>Receiver:</translation>
        </message>
        <message>
            <source>Tanggal:</source>
            <translation>Date:</translation>
        </message>
        <message>
            <source>{requested} diminta, {printed} dicetak belum diserahkan, {handed} sudah diserahkan.</source>
            <translation>{requested} requested, {printed} printed but not handed over, {handed} handed over.</translation>
        </message>
        <message>
            <source>Tabel menampilkan {shown} kartu terlama dari {total}.</source>
            <translation>The table shows the {shown} oldest cards of {total}.</translation>
        </message>
        <message>
            <source>Mengantrekan kartu…</source>
            <translation>Queueing cards…</translation>
        </message>
        <message>
            <source>Dibatalkan; antrean tidak berubah.</source>
            <translation>Cancelled; the queue did not change.</translation>
        </message>
        <message>
            <source>{n} kartu baru masuk antrean.</source>
            <translation>{n} new cards queued.</translation>
        </message>
        <message>
            <source>{n} peserta terdaftar belum punya KPJ atau periode kepesertaan, jadi belum bisa dibuatkan kartu.</source>
            <translation>{n} registered members have no KPJ or coverage period yet, so no card can be made for them.</translation>
        </message>
        <message>
            <source>Mencetak kartu…</source>
            <translation>Printing cards…</translation>
        </message>
        <message>
            <source>{n} kartu dicetak di {pages} lembar (potong pada tanda potong).
Disimpan di {path}</source>
            <translation>{n} cards printed on {pages} sheets (cut along the cut marks).
Saved in {path}</translation>
        </message>
        <message>
            <source>Pilih kartu yang diserahkan di tabel lebih dulu.</source>
            <translation>First select the handed-over cards in the table.</translation>
        </message>
        <message>
            <source>Mencatat penyerahan dan mencetak tanda terima…</source>
            <translation>Recording the hand-over and printing the receipt…</translation>
        </message>
        <message>
            <source>{n} kartu dicatat diserahkan kepada {who} pada {when}.</source>
            <translation>{n} cards recorded as handed over to {who} on {when}.</translation>
        </message>
        <message>
            <source>Tanda terima gagal dicetak: {reason}</source>
            <translation>The receipt could not be printed: {reason}</translation>
        </message>
        <message>
            <source>lihat log.</source>
            <translation>see the log.</translation>
        </message>
        <message>
            <source>Tanda terima untuk ditandatangani penerima (cetak 100 %): {path}</source>
            <translation>Receipt for the receiver to sign (print at 100 %): {path}</translation>
        </message>
    </context>
    <context>
        <name>CardVerifyPage</name>
        <message>
            <source>Pindai QR kartu atau ketik kodenya</source>
            <translation>Scan the card's QR code or type its code</translation>
        </message>
        <message>
            <source>&amp;Periksa</source>
            <translation>&amp;Check</translation>
        </message>
        <message>
            <source>&amp;Kode kartu:</source>
            <translation>Card c&amp;ode:</translation>
        </message>
        <message>
            <source>boleh kosong</source>
            <translation>may be left empty</translation>
        </message>
        <message>
            <source>Nama di &amp;e-KTP:</source>
            <translation>Name on the &amp;e-KTP:</translation>
        </message>
        <message>
            <source>&amp;Tahun lahir:</source>
            <translation>&amp;Birth year:</translation>
        </message>
        <message>
            <source>Isi kartu</source>
            <translation>On the card</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Pemegang (inisial, tahun lahir)</source>
            <translation>Holder (initials, birth year)</translation>
        </message>
        <message>
            <source>Nomor KPJ</source>
            <translation>KPJ number</translation>
        </message>
        <message>
            <source>Masa kepesertaan</source>
            <translation>Coverage period</translation>
        </message>
        <message>
            <source>Kantor penerbit</source>
            <translation>Issuing office</translation>
        </message>
        <message>
            <source>Sidik jari kunci</source>
            <translation>Key fingerprint</translation>
        </message>
        <message>
            <source>Status data sekarang</source>
            <translation>Record status now</translation>
        </message>
        <message>
            <source>Periksa kartu peserta</source>
            <translation>Check a participant card</translation>
        </message>
        <message>
            <source>Pemeriksaan tanpa internet: tanda tangan pada kode QR dicocokkan dengan kunci kantor yang terdaftar, lalu masa kepesertaan dan status data dibandingkan dengan hari ini. Kode QR tidak memuat NIK; cocokkan inisial dan tahun lahir pemegang dengan e-KTP.</source>
            <translation>Checked without internet: the QR code's signature is matched against the registered office keys, then the coverage period and the record's status are compared with today. The QR code holds no NIK; compare the holder's initials and birth year with the e-KTP.</translation>
        </message>
        <message>
            <source>Tahun lahir ditulis empat angka, misalnya 1985.</source>
            <translation>Write the birth year as four digits, for example 1985.</translation>
        </message>
        <message>
            <source>– (kartu versi lama)</source>
            <translation>– (old card version)</translation>
        </message>
    </context>
    <context>
        <name>Conflicts</name>
        <message>
            <source>NIK sudah dipakai pendaftaran lain</source>
            <translation>NIK already used by another registration</translation>
        </message>
        <message>
            <source>Diubah di kecamatan dan di sini</source>
            <translation>Changed at the kecamatan and here</translation>
        </message>
        <message>
            <source>Data milik kantor lain</source>
            <translation>Record owned by another office</translation>
        </message>
        <message>
            <source>Di luar wilayah kantor pengirim</source>
            <translation>Outside the sending office's area</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPage</name>
        <message>
            <source>Kolom</source>
            <translation>Column</translation>
        </message>
        <message>
            <source>Data masuk (batch)</source>
            <translation>Incoming (batch)</translation>
        </message>
        <message>
            <source>Data yang ada di sini</source>
            <translation>Existing here</translation>
        </message>
        <message>
            <source>Ambil semua data &amp;masuk</source>
            <translation>Take all &amp;incoming</translation>
        </message>
        <message>
            <source>&amp;Pertahankan data yang ada</source>
            <translation>&amp;Keep the existing record</translation>
        </message>
        <message>
            <source>Serahkan kepemilikan ke kantor pe&amp;ngirim</source>
            <translation>Hand ownership to the se&amp;nding office</translation>
        </message>
        <message>
            <source>Tampilkan NIK/KK len&amp;gkap</source>
            <translation>Show full &amp;NIK/KK</translation>
        </message>
        <message>
            <source>NIK dan KK lengkap ditampilkan setelah dicatat di jejak audit.</source>
            <translation>The full NIK and KK are shown after the view is recorded in the audit trail.</translation>
        </message>
        <message>
            <source>wajib: mengapa data ini yang dipilih</source>
            <translation>required: why these values were chosen</translation>
        </message>
        <message>
            <source>&amp;Simpan keputusan</source>
            <translation>&amp;Save decision</translation>
        </message>
        <message>
            <source>Alasan &amp;keputusan:</source>
            <translation>Reason for &amp;decision:</translation>
        </message>
        <message>
            <source>Tidak ada konflik yang menunggu keputusan.</source>
            <translation>No conflict is waiting for a decision.</translation>
        </message>
        <message>
            <source>Konflik data</source>
            <translation>Data conflicts</translation>
        </message>
        <message>
            <source>Data dari batch yang bertabrakan dengan data di sini ditahan, tidak ditimpa. Pilih per kolom data mana yang benar (kolom berwarna berbeda isinya), tulis alasannya, lalu simpan. Keputusan dan alasannya tercatat di jejak audit.</source>
            <translation>Batch records that collide with records here are held, never overwritten. Choose per field which value is right (coloured fields differ), give the reason, then save. The decision and its reason go into the audit trail.</translation>
        </message>
        <message>
            <source>{kind} — dari kantor {office}</source>
            <translation>{kind} — from office {office}</translation>
        </message>
        <message>
            <source>(kosong)</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <source>Kepemilikan data diserahkan ke kantor {office}; sekarang putuskan kolomnya.</source>
            <translation>Ownership of the record was handed to office {office}; now decide the fields.</translation>
        </message>
        <message>
            <source>Keputusan disimpan: {n} kolom diambil dari data masuk. Alasan: {reason}</source>
            <translation>Decision saved: {n} fields taken from the incoming record. Reason: {reason}</translation>
        </message>
    </context>
    <context>
        <name>CorrectionTasks</name>
        <message>
            <source>K&amp;oreksi data ini</source>
            <translation>C&amp;orrect this record</translation>
        </message>
        <message numerus="yes">
            <source>Perbaikan dari Ketua RT yang belum dikerjakan (%n)</source>
            <translation>
                <numerusform>Corrections asked by RT heads, not yet made (%n)</numerusform>
                <numerusform>Corrections asked by RT heads, not yet made (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 — daftar %2 baris %3: “%4”</source>
            <translation>%1 — list %2 row %3: “%4”</translation>
        </message>
    </context>
    <context>
        <name>DedupePage</name>
        <message>
            <source>Kelompok data yang mungkin orang yang sama (NIK sama, NIK beda satu angka dengan nama mirip, atau nama mirip dengan tanggal lahir sama). Bandingkan kolom demi kolom, lalu putuskan dengan alasan. Tidak ada data yang dihapus: data ganda dinonaktifkan dan semua keputusan dicatat dalam jejak audit.</source>
            <translation>Groups of records that may be the same person (same NIK, NIK one digit apart with a similar name, or a similar name with the same birth date). Compare field by field, then decide with a reason. Nothing is deleted: duplicates are deactivated and every decision is recorded in the audit trail.</translation>
        </message>
        <message>
            <source>&amp;Cari data ganda</source>
            <translation>Find d&amp;uplicates</translation>
        </message>
        <message>
            <source>mis. dicek dengan KTP di kantor desa</source>
            <translation>e.g. checked against the KTP at the village office</translation>
        </message>
        <message>
            <source>Untuk menggabung: klik nilai yang benar pada baris berwarna (atau pilih dengan panah lalu tekan Spasi).</source>
            <translation>To merge: click the correct value in a highlighted row (or move to it with the arrow keys and press Space).</translation>
        </message>
        <message>
            <source>&amp;Pertahankan satu</source>
            <translation>&amp;Keep one</translation>
        </message>
        <message>
            <source>Data lain dinonaktifkan sebagai ganda.</source>
            <translation>The other records are deactivated as duplicates.</translation>
        </message>
        <message>
            <source>&amp;Gabungkan nilai terpilih</source>
            <translation>&amp;Merge chosen values</translation>
        </message>
        <message>
            <source>&amp;Orang berbeda</source>
            <translation>&amp;Different people</translation>
        </message>
        <message>
            <source>Tampilkan NIK leng&amp;kap</source>
            <translation>Show full &amp;NIK</translation>
        </message>
        <message>
            <source>NIK dan KK lengkap ditampilkan dan dicatat di jejak audit (UU PDP).</source>
            <translation>The full NIK and KK are shown and recorded in the audit trail (UU PDP).</translation>
        </message>
        <message>
            <source>Data yang dipertahankan:</source>
            <translation>Record to keep:</translation>
        </message>
        <message>
            <source>Alasan:</source>
            <translation>Reason:</translation>
        </message>
        <message>
            <source>Data ganda</source>
            <translation>Duplicates</translation>
        </message>
        <message>
            <source>Mencari…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>Mencari data ganda…</source>
            <translation>Finding duplicates…</translation>
        </message>
        <message>
            <source>skor {s}</source>
            <translation>score {s}</translation>
        </message>
        <message>
            <source>lintas kecamatan</source>
            <translation>across kecamatan</translation>
        </message>
        <message>
            <source>{n} kelompok</source>
            <translation>{n} groups</translation>
        </message>
        <message>
            <source>Pilih satu kelompok di kiri.</source>
            <translation>Choose a group on the left.</translation>
        </message>
        <message>
            <source>Data {n}: {nama}</source>
            <translation>Record {n}: {nama}</translation>
        </message>
        <message>
            <source>Alasan dicurigai: {r}</source>
            <translation>Suspected because: {r}</translation>
        </message>
        <message>
            <source>Disimpan: satu data dipertahankan, {n} dinonaktifkan sebagai ganda.</source>
            <translation>Saved: one record kept, {n} deactivated as duplicates.</translation>
        </message>
        <message>
            <source>Digabung: {fields} diambil; {n} data lain dinonaktifkan sebagai ganda.</source>
            <translation>Merged: {fields} taken over; {n} other records deactivated as duplicates.</translation>
        </message>
        <message>
            <source>Dicatat: orang berbeda; kelompok ini tidak ditampilkan lagi.</source>
            <translation>Recorded: different people; this group is no longer shown.</translation>
        </message>
    </context>
    <context>
        <name>DestinationChooser</name>
        <message>
            <source>flashdisk atau folder tujuan</source>
            <translation>USB stick or destination folder</translation>
        </message>
        <message>
            <source>Pilih f&amp;older…</source>
            <translation>Choose f&amp;older…</translation>
        </message>
        <message>
            <source>Pilih folder tujuan</source>
            <translation>Choose the destination folder</translation>
        </message>
        <message>
            <source>Folder: {path}</source>
            <translation>Folder: {path}</translation>
        </message>
    </context>
    <context>
        <name>DraftBanner</name>
        <message>
            <source>&amp;Pulihkan (Ctrl+R)</source>
            <translation>&amp;Restore (Ctrl+R)</translation>
        </message>
        <message>
            <source>Bu&amp;ang</source>
            <translation>&amp;Discard</translation>
        </message>
        <message>
            <source>Ada isian yang belum disimpan (%1, %2). Pulihkan untuk melanjutkan?</source>
            <translation>There is an unsaved form (%1, %2). Restore it to continue?</translation>
        </message>
        <message>
            <source>tanpa nama</source>
            <translation>no name</translation>
        </message>
    </context>
    <context>
        <name>DraftNotice</name>
        <message>
            <source>Lanjutkan &amp;entri</source>
            <translation>&amp;Continue entry</translation>
        </message>
        <message>
            <source>Ada entri yang belum disimpan (%1, %2); isiannya aman dan bisa dilanjutkan.</source>
            <translation>There is an unsaved entry (%1, %2); it is safe and can be continued.</translation>
        </message>
        <message>
            <source>tanpa nama</source>
            <translation>no name</translation>
        </message>
    </context>
    <context>
        <name>EntryForm</name>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nomor KK</source>
            <translation>Family card (KK) number</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir (ddmmyyyy)</source>
            <translation>Date of birth (ddmmyyyy)</translation>
        </message>
        <message>
            <source>Jenis kelamin (L/P)</source>
            <translation>Sex (L/P)</translation>
        </message>
        <message>
            <source>Nama ibu kandung</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Nomor HP</source>
            <translation>Mobile number</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Sumber dana</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>Penghasilan (Rp)</source>
            <translation>Income (Rp)</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>L — Laki-laki</source>
            <translation>L — Male</translation>
        </message>
        <message>
            <source>P — Perempuan</source>
            <translation>P — Female</translation>
        </message>
        <message>
            <source>ketik sebagian nama desa</source>
            <translation>type part of the village name</translation>
        </message>
        <message>
            <source>&amp;Simpan dan entri berikutnya (Ctrl+S)</source>
            <translation>&amp;Save and enter next (Ctrl+S)</translation>
        </message>
        <message>
            <source>&amp;Kosongkan (Ctrl+Shift+N)</source>
            <translation>&amp;Clear (Ctrl+Shift+N)</translation>
        </message>
        <message>
            <source>* wajib diisi</source>
            <translation>* required</translation>
        </message>
        <message>
            <source>Koreksi data pendaftar</source>
            <translation>Correct a registration</translation>
        </message>
        <message>
            <source>Entri pendaftar baru</source>
            <translation>New registration</translation>
        </message>
        <message>
            <source> (dari NIK, periksa dengan formulir)</source>
            <translation> (from the NIK, check against the form)</translation>
        </message>
        <message>
            <source>Perbaikan yang diminta Ketua RT (daftar %1, baris %2): “%3”. Simpan setelah dikoreksi; tugasnya selesai.</source>
            <translation>Correction asked by the RT head (list %1, row %2): “%3”. Save once corrected; the task is then done.</translation>
        </message>
    </context>
    <context>
        <name>ExportPanel</name>
        <message>
            <source>1. Data yang akan dikirim</source>
            <translation>1. Records to send</translation>
        </message>
        <message>
            <source>Menghitung…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Baru</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Perbaikan</source>
            <translation>Corrections</translation>
        </message>
        <message>
            <source>2. Tujuan: flashdisk atau folder</source>
            <translation>2. Destination: USB stick or folder</translation>
        </message>
        <message>
            <source>Cari &amp;flashdisk lagi</source>
            <translation>Look for USB stic&amp;ks again</translation>
        </message>
        <message>
            <source>Pilih f&amp;older…</source>
            <translation>Choose f&amp;older…</translation>
        </message>
        <message>
            <source>Kode kantor penerima. Batch dienkripsi untuk kunci kantor ini, sehingga hanya kantor itu yang dapat membukanya; kosongkan untuk kantor tepercaya satu tingkat di atas.</source>
            <translation>The receiving office's code. The batch is encrypted for that office's key, so only that office can open it; leave empty for the trusted office one level up.</translation>
        </message>
        <message>
            <source>&amp;Simpan ke:</source>
            <translation>&amp;Save to:</translation>
        </message>
        <message>
            <source>Kode kantor &amp;penerima:</source>
            <translation>Receivin&amp;g office code:</translation>
        </message>
        <message>
            <source>3. Tulis, baca ulang dan periksa</source>
            <translation>3. Write, read back and verify</translation>
        </message>
        <message>
            <source>Kirim batch ke t&amp;ujuan</source>
            <translation>Send batch to &amp;destination</translation>
        </message>
        <message>
            <source>Cetak be&amp;rita acara serah terima…</source>
            <translation>Print hando&amp;ver report…</translation>
        </message>
        <message>
            <source>Belum ada data yang siap dikirim. Data dikirim setelah diverifikasi Ketua RT (status Terverifikasi).</source>
            <translation>Nothing is ready to send yet. Records are sent once the RT head has verified them (status Verified).</translation>
        </message>
        <message>
            <source>{total} data siap dikirim: {new} data baru dan {fixes} perbaikan data yang sudah pernah dikirim.</source>
            <translation>{total} records ready to send: {new} new and {fixes} corrections of records sent before.</translation>
        </message>
        <message>
            <source> — sisa {mb} MB</source>
            <translation> — {mb} MB free</translation>
        </message>
        <message>
            <source>Tidak ada flashdisk terdeteksi; pasang flashdisk atau pilih folder.</source>
            <translation>No USB stick detected; plug one in or choose a folder.</translation>
        </message>
        <message>
            <source>Pilih folder tujuan</source>
            <translation>Choose the destination folder</translation>
        </message>
        <message>
            <source>Folder: {path}</source>
            <translation>Folder: {path}</translation>
        </message>
        <message>
            <source>Menulis batch ke {path}…</source>
            <translation>Writing the batch to {path}…</translation>
        </message>
        <message>
            <source>Pengiriman dibatalkan; tidak ada data yang ditandai terkirim.</source>
            <translation>Sending cancelled; no record was marked sent.</translation>
        </message>
        <message>
            <source>Batch tidak terkirim: {reason} Tidak ada data yang ditandai terkirim.</source>
            <translation>Batch not sent: {reason} No record was marked sent.</translation>
        </message>
        <message>
            <source>Batch nomor {seq} berisi {rows} data ({new} baru, {fixes} perbaikan) ditulis ke {folder}:
{names}
Berkas sudah dibaca ulang dari tujuan dan cocok dengan tanda tangan. Data ditandai terkirim.
Sidik jari kunci: {fp}

AMAN UNTUK DICABUT.</source>
            <translation>Batch number {seq} with {rows} records ({new} new, {fixes} corrections) written to {folder}:
{names}
The files were read back from the destination and match the signature. The records are marked sent.
Key fingerprint: {fp}

SAFE TO REMOVE.</translation>
        </message>
        <message>
            <source>Membuat berita acara…</source>
            <translation>Making the handover report…</translation>
        </message>
        <message>
            <source>Berita acara disimpan: {path}</source>
            <translation>Handover report saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>Cari NIK atau nama (awal atau sebagian nama)</source>
            <translation>Search NIK or name (start or part of the name)</translation>
        </message>
        <message>
            <source>Semua kecamatan</source>
            <translation>All kecamatan</translation>
        </message>
        <message>
            <source>Semua desa/kel.</source>
            <translation>All villages</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>Semua status</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>Semua pekerjaan</source>
            <translation>All occupations</translation>
        </message>
        <message>
            <source>Semua sumber dana</source>
            <translation>All funders</translation>
        </message>
        <message>
            <source>nomor masuk</source>
            <translation>entry order</translation>
        </message>
        <message>
            <source>nama</source>
            <translation>name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>tanggal lahir</source>
            <translation>birth date</translation>
        </message>
        <message>
            <source>desa</source>
            <translation>desa</translation>
        </message>
        <message>
            <source>status</source>
            <translation>status</translation>
        </message>
        <message>
            <source>&amp;Urut:</source>
            <translation>S&amp;ort:</translation>
        </message>
        <message>
            <source>&amp;Menurun</source>
            <translation>Descendin&amp;g</translation>
        </message>
        <message>
            <source>&amp;Cari:</source>
            <translation>&amp;Search:</translation>
        </message>
        <message>
            <source>Filter:</source>
            <translation>Filter:</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>&amp;Simpan</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>FormTab</name>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Desa</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Cari nama atau NIK, lalu Enter</source>
            <translation>Search a name or NIK, then Enter</translation>
        </message>
        <message>
            <source>&amp;Cari</source>
            <translation>&amp;Search</translation>
        </message>
        <message>
            <source>Cetak formulir &amp;orang terpilih</source>
            <translation>Print f&amp;orm of selected person</translation>
        </message>
        <message>
            <source>Formulir berisi data satu orang dan pemberitahuan pelindungan data pribadi (tujuan, dasar hukum, penerima, masa simpan) untuk disimpan atau ditandatangani pekerja.</source>
            <translation>The form holds one person's data and the personal data protection notice (purpose, legal basis, recipients, retention) for the worker to keep or sign.</translation>
        </message>
        <message>
            <source>Cari dan pilih satu orang lebih dulu.</source>
            <translation>First search and select one person.</translation>
        </message>
        <message>
            <source>Membuat formulir…</source>
            <translation>Making the form…</translation>
        </message>
        <message>
            <source>Formulir {nama} disimpan di {path}</source>
            <translation>Form of {nama} saved in {path}</translation>
        </message>
    </context>
    <context>
        <name>FunderPage</name>
        <message>
            <source>Langkah 3 dari 3: Sumber dana dan target</source>
            <translation>Step 3 of 3: Funder and target</translation>
        </message>
        <message>
            <source>Pemberi bantuan iuran dengan syarat umur dan domisili, dan jumlah orang yang ditanggung tahun ini. Bisa diubah nanti di Pengaturan.</source>
            <translation>Who pays the contributions, its age and domicile rules, and how many people it covers this year. You can change this later in Settings.</translation>
        </message>
        <message>
            <source>mis. Peraturan Bupati No. … Tahun …</source>
            <translation>e.g. Regent Regulation No. … of …</translation>
        </message>
        <message>
            <source>sampai</source>
            <translation>to</translation>
        </message>
        <message>
            <source>tahun</source>
            <translation>years</translation>
        </message>
        <message>
            <source>K&amp;ode sumber dana:</source>
            <translation>Funder c&amp;ode:</translation>
        </message>
        <message>
            <source>&amp;Nama sumber dana:</source>
            <translation>Funder &amp;name:</translation>
        </message>
        <message>
            <source>&amp;Umur peserta:</source>
            <translation>&amp;Participant age:</translation>
        </message>
        <message>
            <source>&amp;Domisili wajib di:</source>
            <translation>&amp;Must live in:</translation>
        </message>
        <message>
            <source>Dasar &amp;hukum:</source>
            <translation>Legal &amp;basis:</translation>
        </message>
        <message>
            <source>&amp;Target orang:</source>
            <translation>&amp;Target (people):</translation>
        </message>
        <message>
            <source>Tahun &amp;program:</source>
            <translation>Pr&amp;ogramme year:</translation>
        </message>
        <message>
            <source>kode sumber dana</source>
            <translation>funder code</translation>
        </message>
        <message>
            <source>nama sumber dana</source>
            <translation>funder name</translation>
        </message>
        <message>
            <source>(tanpa syarat domisili)</source>
            <translation>(no domicile rule)</translation>
        </message>
        <message>
            <source>APBD {region}</source>
            <translation>APBD {region}</translation>
        </message>
        <message>
            <source>Umur minimal tidak boleh lebih dari umur maksimal.</source>
            <translation>The minimum age cannot be above the maximum age.</translation>
        </message>
    </context>
    <context>
        <name>FundersTab</name>
        <message>
            <source>Kode</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Umur</source>
            <translation>Age</translation>
        </message>
        <message>
            <source>Domisili</source>
            <translation>Domicile</translation>
        </message>
        <message>
            <source>Target tahun ini</source>
            <translation>Target this year</translation>
        </message>
        <message>
            <source>Aktif</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>&amp;Tambah sumber dana…</source>
            <translation>&amp;Add funder…</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>&amp;Sumber dana:</source>
            <translation>Fun&amp;der:</translation>
        </message>
        <message>
            <source>Ubah s&amp;yarat…</source>
            <translation>Edit rules (&amp;y)…</translation>
        </message>
        <message>
            <source>belum ada</source>
            <translation>none yet</translation>
        </message>
        <message>
            <source>Simpan ta&amp;rget</source>
            <translation>Save ta&amp;rget</translation>
        </message>
        <message>
            <source>Tahun &amp;program:</source>
            <translation>Pr&amp;ogramme year:</translation>
        </message>
        <message>
            <source>&amp;Jumlah orang:</source>
            <translation>&amp;Number of people:</translation>
        </message>
        <message>
            <source>(bebas)</source>
            <translation>(any)</translation>
        </message>
        <message>
            <source>Ya</source>
            <translation>Yes</translation>
        </message>
        <message>
            <source>Tidak</source>
            <translation>No</translation>
        </message>
        <message>
            <source>Belum ada target untuk tahun ini.</source>
            <translation>No target for this year yet.</translation>
        </message>
        <message>
            <source>kode kabupaten 4 angka, kosong = bebas</source>
            <translation>4-digit regency code, empty = any</translation>
        </message>
        <message>
            <source>Sumber dana aktif</source>
            <translation>Funder is active</translation>
        </message>
        <message>
            <source>&amp;Kode:</source>
            <translation>&amp;Code:</translation>
        </message>
        <message>
            <source>&amp;Nama:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>Umur m&amp;inimal:</source>
            <translation>M&amp;inimum age:</translation>
        </message>
        <message>
            <source>Umur maksim&amp;al:</source>
            <translation>M&amp;aximum age:</translation>
        </message>
        <message>
            <source>&amp;Domisili wajib di:</source>
            <translation>&amp;Must live in:</translation>
        </message>
        <message>
            <source>Dasar &amp;hukum:</source>
            <translation>Legal &amp;basis:</translation>
        </message>
        <message>
            <source>Tambah sumber dana</source>
            <translation>Add funder</translation>
        </message>
        <message>
            <source>Ubah sumber dana {kode}</source>
            <translation>Edit funder {kode}</translation>
        </message>
        <message>
            <source>Target disimpan.</source>
            <translation>Target saved.</translation>
        </message>
    </context>
    <context>
        <name>GeneralTab</name>
        <message>
            <source> menit</source>
            <translation> min</translation>
        </message>
        <message>
            <source>tidak pernah</source>
            <translation>never</translation>
        </message>
        <message>
            <source>&amp;Simpan pengaturan</source>
            <translation>&amp;Save settings</translation>
        </message>
        <message>
            <source>Ganti kata sandi sa&amp;ya…</source>
            <translation>Change m&amp;y password…</translation>
        </message>
        <message>
            <source>Bahasa &amp;tampilan:</source>
            <translation>Display &amp;language:</translation>
        </message>
        <message>
            <source>&amp;Kunci layar setelah tidak aktif:</source>
            <translation>Loc&amp;k the screen after idle:</translation>
        </message>
        <message>
            <source>Pengaturan disimpan.</source>
            <translation>Settings saved.</translation>
        </message>
        <message>
            <source>Ganti kata sandi</source>
            <translation>Change password</translation>
        </message>
        <message>
            <source>Kata sandi &amp;lama:</source>
            <translation>&amp;Old password:</translation>
        </message>
        <message>
            <source>Kata sandi &amp;baru:</source>
            <translation>&amp;New password:</translation>
        </message>
        <message>
            <source>&amp;Ulangi kata sandi baru:</source>
            <translation>&amp;Repeat new password:</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>Beranda</source>
            <extracomment>Extension point: modules exposing ``build(gui, parent) -&gt; QWidget``; each box appears under the charts and refreshes itself (e.g. the data-quality summary).</extracomment>
            <translation>Home</translation>
        </message>
        <message>
            <source>&amp;Perbarui</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <source>Target peserta</source>
            <translation>Target (people)</translation>
        </message>
        <message>
            <source>Sudah terdaftar (aktif)</source>
            <translation>Registered (active)</translation>
        </message>
        <message>
            <source>Sisa kuota</source>
            <translation>Remaining slots</translation>
        </message>
        <message>
            <source>Perkiraan iuran setahun</source>
            <translation>Estimated yearly contributions</translation>
        </message>
        <message>
            <source>Menurut status</source>
            <translation>By status</translation>
        </message>
        <message>
            <source>Belum ada peserta aktif.</source>
            <translation>No active participants yet.</translation>
        </message>
        <message>
            <source>Peserta aktif per desa/kelurahan (15 terbanyak)</source>
            <translation>Active participants per village (top 15)</translation>
        </message>
        <message>
            <source>Peserta aktif per pekerjaan</source>
            <translation>Active participants per occupation</translation>
        </message>
        <message>
            <source>Menghitung ringkasan…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>Tahun program {year}</source>
            <translation>Programme year {year}</translation>
        </message>
        <message>
            <source>Iuran per orang per bulan {total} (JKK {jkk} + JKM {jkm}); perkiraan setahun = peserta aktif × iuran × 12.</source>
            <translation>Contribution per person per month {total} (JKK {jkk} + JKM {jkm}); yearly estimate = active participants × contribution × 12.</translation>
        </message>
    </context>
    <context>
        <name>ImportOptions</name>
        <message>
            <source>Sumber dana:</source>
            <translation>Funder:</translation>
        </message>
        <message>
            <source>Pekerjaan bila kolomnya kosong:</source>
            <translation>Occupation when its column is empty:</translation>
        </message>
        <message>
            <source>Kecamatan bila tidak ada kolomnya:</source>
            <translation>Kecamatan when there is no such column:</translation>
        </message>
        <message>
            <source>(tidak ada: baris ditolak)</source>
            <translation>(none: the row is refused)</translation>
        </message>
        <message>
            <source>(dari kolom kecamatan di berkas)</source>
            <translation>(from the file's kecamatan column)</translation>
        </message>
    </context>
    <context>
        <name>ImportPanel</name>
        <message>
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Kantor pengirim</source>
            <translation>Sending office</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Baru</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Diperbarui</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Tetap</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>Konflik</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>Mungkin ganda</source>
            <translation>Possible duplicates</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Hasil</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>1. Pilih berkas batch</source>
            <translation>1. Choose batch files</translation>
        </message>
        <message>
            <source>&amp;Pilih berkas batch…</source>
            <translation>&amp;Choose batch files…</translation>
        </message>
        <message>
            <source>Cari di &amp;flashdisk</source>
            <translation>Look on USB &amp;sticks</translation>
        </message>
        <message>
            <source>Tiap batch terdiri dari tiga berkas (.rbatch terenkripsi untuk kantor ini, .manifest.json, .manifest.sig) yang harus ada dalam satu folder.</source>
            <translation>Each batch is three files (the .rbatch encrypted for this office, .manifest.json, .manifest.sig) that must be in one folder.</translation>
        </message>
        <message>
            <source>2. Hasil pemeriksaan (belum ada yang diimpor)</source>
            <translation>2. Verification report (nothing imported yet)</translation>
        </message>
        <message>
            <source>3. Impor</source>
            <translation>3. Import</translation>
        </message>
        <message>
            <source>&amp;Impor batch yang lolos pemeriksaan</source>
            <translation>&amp;Import the batches that passed</translation>
        </message>
        <message>
            <source>Pilih berkas batch</source>
            <translation>Choose batch files</translation>
        </message>
        <message>
            <source>Tidak ada berkas batch di flashdisk yang terpasang; gunakan Pilih berkas batch.</source>
            <translation>No batch files on the plugged-in USB sticks; use Choose batch files.</translation>
        </message>
        <message>
            <source>Memeriksa {n} batch…</source>
            <translation>Verifying {n} batches…</translation>
        </message>
        <message>
            <source>DITOLAK</source>
            <translation>REFUSED</translation>
        </message>
        <message>
            <source>✗ {file}: DITOLAK — {reasons}</source>
            <translation>✗ {file}: REFUSED — {reasons}</translation>
        </message>
        <message>
            <source>Lolos, ada peringatan</source>
            <translation>Passed, with warnings</translation>
        </message>
        <message>
            <source>Lolos</source>
            <translation>Passed</translation>
        </message>
        <message>
            <source>✓ {file}: tanda tangan sah ({signer}), berkas utuh.{more}</source>
            <translation>✓ {file}: valid signature ({signer}), files intact.{more}</translation>
        </message>
        <message>
            <source>{office} (tidak dikenal)</source>
            <translation>{office} (unknown)</translation>
        </message>
        <message>
            <source>{good} dari {all} batch lolos pemeriksaan. Bila diimpor: {new} data baru, {updated} diperbarui, {unchanged} tetap, {conflicts} konflik ditahan untuk diputuskan, {flagged} ditandai mungkin ganda; {refused} data ditolak.</source>
            <translation>{good} of {all} batches passed. If imported: {new} new records, {updated} updated, {unchanged} unchanged, {conflicts} conflicts held for a decision, {flagged} flagged as possible duplicates; {refused} records refused.</translation>
        </message>
        <message>
            <source>Mengimpor {n} batch…</source>
            <translation>Importing {n} batches…</translation>
        </message>
        <message>
            <source>{file}: diimpor — {new} baru, {updated} diperbarui, {unchanged} tetap, {conflicts} konflik, {flagged} mungkin ganda.</source>
            <translation>{file}: imported — {new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, {flagged} possible duplicates.</translation>
        </message>
        <message>
            <source>{file}: tidak diimpor — {reasons} Tidak ada data yang berubah.</source>
            <translation>{file}: not imported — {reasons} No record changed.</translation>
        </message>
        <message>
            <source>Buka halaman Konflik untuk memutuskan {n} data yang ditahan.</source>
            <translation>Open the Conflicts page to decide the {n} held records.</translation>
        </message>
    </context>
    <context>
        <name>JobProgress</name>
        <message>
            <source>Bata&amp;l</source>
            <translation>Cance&amp;l</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Membatalkan…</source>
            <translation>Cancelling…</translation>
        </message>
    </context>
    <context>
        <name>KeySheet</name>
        <message>
            <source>Lembar kunci tanda tangan kantor</source>
            <translation>Office signing key sheet</translation>
        </message>
        <message>
            <source>Sidik jari kunci publik (bacakan per kelompok empat karakter):</source>
            <translation>Public key fingerprint (read aloud in groups of four characters):</translation>
        </message>
        <message>
            <source>ID kunci</source>
            <translation>Key ID</translation>
        </message>
        <message>
            <source>Dicetak</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Tanda tangan dan stempel kantor</source>
            <translation>Signature and office stamp</translation>
        </message>
        <message>
            <source>Kantor penerima hanya mempercayai berkas kunci publik kantor ini bila sidik jarinya sama persis dengan lembar ini atau dengan yang dibacakan melalui telepon.</source>
            <translation>A receiving office trusts this office's public key file only if its fingerprint is exactly the one on this sheet or the one read aloud on the phone.</translation>
        </message>
    </context>
    <context>
        <name>KeyingPage</name>
        <message>
            <source>Statistik operator</source>
            <translation>Operator statistics</translation>
        </message>
        <message>
            <source>Sampel entri ganda</source>
            <translation>Double-keying samples</translation>
        </message>
        <message>
            <source>Entri ulang (buta)</source>
            <translation>Second keying (blind)</translation>
        </message>
        <message>
            <source>Mutu pengetikan: berapa data tiap operator per hari, berapa yang tersimpan dengan peringatan atau dikoreksi kemudian, dan tingkat salah ketik dari entri ganda — sebagian formulir kertas diketik ulang oleh operator lain tanpa melihat entri pertama, lalu perbedaannya diputuskan supervisor.</source>
            <translation>Keying quality: how many records each operator keys per day, how many were saved with warnings or corrected later, and the typing error rate from double keying — some paper forms are keyed again by another operator without seeing the first entry, and a supervisor decides the differences.</translation>
        </message>
        <message>
            <source>Verifikasi entri</source>
            <translation>Keying checks</translation>
        </message>
    </context>
    <context>
        <name>KeysPage</name>
        <message>
            <source>Kunci kantor ini</source>
            <translation>This office's key</translation>
        </message>
        <message>
            <source>Buat &amp;kunci kantor</source>
            <translation>Create office &amp;key</translation>
        </message>
        <message>
            <source>Simpan kunci &amp;publik…</source>
            <translation>Save the p&amp;ublic key…</translation>
        </message>
        <message>
            <source>Simpan le&amp;mbar kunci (PDF)…</source>
            <translation>Save the key &amp;sheet (PDF)…</translation>
        </message>
        <message>
            <source>Salin sidik &amp;jari</source>
            <translation>Copy the fin&amp;gerprint</translation>
        </message>
        <message>
            <source>&amp;Ganti kunci (rotasi)…</source>
            <translation>Repla&amp;ce key (rotation)…</translation>
        </message>
        <message>
            <source>Kunci kantor lain yang dipercaya</source>
            <translation>Trusted keys of other offices</translation>
        </message>
        <message>
            <source>Kantor</source>
            <translation>Office</translation>
        </message>
        <message>
            <source>Nama kantor</source>
            <translation>Office name</translation>
        </message>
        <message>
            <source>Sidik jari</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <source>Didaftarkan</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>&amp;Daftarkan kunci kantor lain…</source>
            <translation>&amp;Register another office's key…</translation>
        </message>
        <message>
            <source>alasan pencabutan (wajib)</source>
            <translation>reason for revoking (required)</translation>
        </message>
        <message>
            <source>&amp;Cabut kunci terpilih</source>
            <translation>Re&amp;voke the selected key</translation>
        </message>
        <message>
            <source>Periksa sidik jari sebelum mempercayai</source>
            <translation>Check the fingerprint before trusting</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>P&amp;ercayai kunci ini</source>
            <translation>Trust th&amp;is key</translation>
        </message>
        <message>
            <source>Sidik jari yang dibacakan/&amp;tercetak:</source>
            <translation>Fingerprint read al&amp;oud/printed:</translation>
        </message>
        <message>
            <source>Kunci tanda tangan</source>
            <translation>Signing keys</translation>
        </message>
        <message>
            <source>Batch dan tanda terima ditandatangani kunci kantor. Kunci kantor lain hanya dipercaya setelah sidik jarinya dicocokkan dengan yang dibacakan melalui telepon atau yang tercetak di lembar kunci kantor itu.</source>
            <translation>Batches and receipts are signed with the office key. Another office's key is trusted only after its fingerprint matches the one read aloud on the phone or printed on that office's key sheet.</translation>
        </message>
        <message>
            <source>Kantor ini belum punya kunci tanda tangan. Buat kunci sebelum mengirim batch atau mencetak kartu.</source>
            <translation>This office has no signing key yet. Create one before sending batches or printing cards.</translation>
        </message>
        <message>
            <source>{office} {name}. Sidik jari untuk dibacakan:</source>
            <translation>{office} {name}. Fingerprint to read aloud:</translation>
        </message>
        <message>
            <source>Aktif</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Dicabut {when}: {reason}</source>
            <translation>Revoked {when}: {reason}</translation>
        </message>
        <message>
            <source>Kunci kantor dibuat. Sidik jari: {fp}</source>
            <translation>Office key created. Fingerprint: {fp}</translation>
        </message>
        <message>
            <source>Kunci kantor diganti dengan kunci baru (frasa sandi tetap). Batch, tanda terima dan kartu lama tetap bisa dibuka dan diperiksa. Sesudahnya simpan kunci publik yang baru dan kirim ke koordinator: kunci lama menjamin kunci baru, jadi sidik jari tidak perlu dibacakan lagi. Masukkan frasa sandi kunci kantor:</source>
            <translation>The office key is replaced by a new key (the passphrase stays). Old batches, receipts and cards can still be opened and checked. Afterwards save the new public key and send it to the coordinator: the old key vouches for the new one, so the fingerprint need not be read out again. Enter the office key passphrase:</translation>
        </message>
        <message>
            <source>Kunci kantor diganti. Sidik jari baru: {fp}. Simpan kunci publik dan kirim ke koordinator.</source>
            <translation>The office key was replaced. New fingerprint: {fp}. Save the public key and send it to the coordinator.</translation>
        </message>
        <message>
            <source>Simpan kunci publik ke folder</source>
            <translation>Save the public key to a folder</translation>
        </message>
        <message>
            <source>Kunci publik disimpan: {path}. Kirim berkas ini ke koordinator dan bacakan sidik jarinya melalui telepon.</source>
            <translation>Public key saved: {path}. Send this file to the coordinator and read its fingerprint aloud on the phone.</translation>
        </message>
        <message>
            <source>Simpan lembar kunci</source>
            <translation>Save the key sheet</translation>
        </message>
        <message>
            <source>Lembar kunci disimpan: {path}</source>
            <translation>Key sheet saved: {path}</translation>
        </message>
        <message>
            <source>Pilih berkas kunci publik</source>
            <translation>Choose a public key file</translation>
        </message>
        <message>
            <source>Berkas kunci terbaca. Cocokkan sidik jarinya.</source>
            <translation>Key file read. Compare its fingerprint.</translation>
        </message>
        <message>
            <source>Berkas {file}: kunci kantor {office} {name}. Minta petugas kantor itu membacakan sidik jari kuncinya, lalu ketik di bawah.</source>
            <translation>File {file}: key of office {office} {name}. Ask that office's clerk to read the key fingerprint aloud, then type it below.</translation>
        </message>
        <message>
            <source>Kunci kantor {office} sekarang dipercaya.</source>
            <translation>The key of office {office} is now trusted.</translation>
        </message>
        <message>
            <source>Pilih kunci yang akan dicabut.</source>
            <translation>Select the key to revoke.</translation>
        </message>
        <message>
            <source>Kunci kantor {office} dicabut; batch bertanda tangan kunci ini akan ditolak.</source>
            <translation>The key of office {office} is revoked; batches signed with it will be refused.</translation>
        </message>
    </context>
    <context>
        <name>LegacyImportPage</name>
        <message>
            <source>« &amp;Kembali</source>
            <translation>« &amp;Back</translation>
        </message>
        <message>
            <source>&amp;Periksa (uji coba, data tidak diubah)</source>
            <translation>&amp;Check (dry run, data unchanged)</translation>
        </message>
        <message>
            <source>&amp;Impor baris yang siap</source>
            <translation>&amp;Import the ready rows</translation>
        </message>
        <message>
            <source>Impor data lama (spreadsheet desa/kecamatan)</source>
            <translation>Import legacy data (village/kecamatan spreadsheets)</translation>
        </message>
        <message>
            <source>Pilih daftar lama dalam format Excel (xlsx, xls), ODS atau CSV. Baris judul di atas tabel, sel gabungan, TTL dalam satu kolom, RT/RW "003/002" dan NIK yang sudah dirusak Excel (6.40801E+15) dikenali. Pemeriksaan dilakukan dulu tanpa mengubah data; baru setelah itu baris yang siap diimpor.</source>
            <translation>Choose an old list in Excel (xlsx, xls), ODS or CSV format. Title rows above the table, merged cells, place and date of birth in one column, RT/RW "003/002" and NIKs already damaged by Excel (6.40801E+15) are recognised. The check runs first without changing any data; only then are the ready rows imported.</translation>
        </message>
        <message>
            <source>&amp;Pilih berkas…</source>
            <translation>&amp;Choose file…</translation>
        </message>
        <message>
            <source>Belum ada berkas.</source>
            <translation>No file yet.</translation>
        </message>
        <message>
            <source>Lanj&amp;ut: pemetaan kolom »</source>
            <translation>Contin&amp;ue: column mapping »</translation>
        </message>
        <message>
            <source>Simpan &amp;laporan…</source>
            <translation>Save &amp;report…</translation>
        </message>
        <message>
            <source>Baris {n}:</source>
            <translation>Row {n}:</translation>
        </message>
        <message>
            <source>tidak ada masalah.</source>
            <translation>no problems.</translation>
        </message>
        <message>
            <source>Hanya baris ber&amp;masalah</source>
            <translation>Only rows with &amp;problems</translation>
        </message>
        <message>
            <source>Shee&amp;t:</source>
            <translation>Sh&amp;eet:</translation>
        </message>
        <message>
            <source>Pro&amp;fil pemetaan:</source>
            <translation>Mapping pr&amp;ofile:</translation>
        </message>
        <message>
            <source>P&amp;etakan nilai…</source>
            <translation>Map &amp;values…</translation>
        </message>
        <message>
            <source>Terapkan perubahan &amp;data sebagai koreksi</source>
            <translation>Apply &amp;data changes as corrections</translation>
        </message>
        <message>
            <source>Baris "perubahan data" mengubah data orang yang sudah terdaftar (NIK tidak diubah); setiap perubahan tercatat di riwayat.</source>
            <translation>"Data change" rows change the records of people already registered (the NIK is not changed); every change is recorded in the history.</translation>
        </message>
        <message>
            <source>Baris {n} (sheet {sheet}):</source>
            <translation>Row {n} (sheet {sheet}):</translation>
        </message>
        <message>
            <source>Langkah 1 dari 4: berkas dan sheet</source>
            <translation>Step 1 of 4: file and sheet</translation>
        </message>
        <message>
            <source>Langkah 2 dari 4: pemetaan kolom</source>
            <translation>Step 2 of 4: column mapping</translation>
        </message>
        <message>
            <source>Langkah 4 dari 4: pratinjau masalah per baris, lalu impor</source>
            <translation>Step 4 of 4: problems per row, then import</translation>
        </message>
        <message>
            <source>Langkah 3 dari 4: nilai kolom berkode</source>
            <translation>Step 3 of 4: values of coded columns</translation>
        </message>
        <message>
            <source>(tebak otomatis)</source>
            <translation>(guess automatically)</translation>
        </message>
        <message>
            <source>Pilih daftar lama</source>
            <translation>Choose an old list</translation>
        </message>
        <message>
            <source>(semua sheet, satu sheet per desa)</source>
            <translation>(every sheet, one sheet per desa)</translation>
        </message>
        <message>
            <source>Membaca {name}…</source>
            <translation>Reading {name}…</translation>
        </message>
        <message>
            <source>Membaca berkas…</source>
            <translation>Reading file…</translation>
        </message>
        <message>
            <source>Isi nama profil dulu, mis. nama desa dan tahun daftar.</source>
            <translation>Enter a profile name first, e.g. the village and the year of the list.</translation>
        </message>
        <message>
            <source>Profil "{name}" disimpan.</source>
            <translation>Profile "{name}" saved.</translation>
        </message>
        <message>
            <source>Memeriksa baris…</source>
            <translation>Checking rows…</translation>
        </message>
        <message>
            <source>Memeriksa (uji coba)…</source>
            <translation>Checking (dry run)…</translation>
        </message>
        <message>
            <source>Pemeriksaan dibatalkan.</source>
            <translation>Check cancelled.</translation>
        </message>
        <message>
            <source>Mengimpor…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>Mengimpor data lama…</source>
            <translation>Importing legacy data…</translation>
        </message>
        <message>
            <source>Impor dibatalkan; tidak ada data yang diubah.</source>
            <translation>Import cancelled; nothing was changed.</translation>
        </message>
        <message>
            <source>{rows} baris dibaca: {ready} siap diimpor, {refused} ditolak, {already} sudah diimpor sebelumnya, {warned} dengan peringatan, {clusters} kelompok kemungkinan data ganda.</source>
            <translation>{rows} rows read: {ready} ready to import, {refused} refused, {already} imported before, {warned} with warnings, {clusters} groups of possible duplicates.</translation>
        </message>
        <message>
            <source>{n} baris bukan data orang dilewati ({kinds}).</source>
            <translation>{n} rows that are not people skipped ({kinds}).</translation>
        </message>
        <message>
            <source>Semua baris {sheet}dicatat di desa {desa} ({kode}).</source>
            <translation>Every row {sheet}is recorded in desa {desa} ({kode}).</translation>
        </message>
        <message>
            <source>Sheet tanpa kolom NIK dan NAMA, tidak dibaca: {names}.</source>
            <translation>Sheets without NIK and NAMA columns, not read: {names}.</translation>
        </message>
        <message>
            <source>{n} nilai perlu dipastikan ({fields}): klik "Petakan nilai".</source>
            <translation>{n} values need a decision ({fields}): click "Map values".</translation>
        </message>
        <message>
            <source>{registered} sudah terdaftar (sama), {changed} perubahan data untuk orang yang sudah terdaftar — tidak diimpor sebagai orang baru.</source>
            <translation>{registered} already registered (the same), {changed} data changes for people already registered — not imported as new people.</translation>
        </message>
        <message>
            <source>Ini uji coba: belum ada data yang disimpan.</source>
            <translation>This is a dry run: nothing has been saved yet.</translation>
        </message>
        <message>
            <source>P&amp;etakan nilai ({n} perlu dipastikan)…</source>
            <translation>Map &amp;values ({n} to decide)…</translation>
        </message>
        <message>
            <source>{n} baris diimpor sebagai draf.</source>
            <translation>{n} rows imported as drafts.</translation>
        </message>
        <message>
            <source>{n} data terdaftar dikoreksi.</source>
            <translation>{n} registered records corrected.</translation>
        </message>
        <message>
            <source>Simpan laporan</source>
            <translation>Save report</translation>
        </message>
        <message>
            <source>Menyimpan laporan…</source>
            <translation>Saving the report…</translation>
        </message>
        <message>
            <source>Laporan disimpan: {path}</source>
            <translation>Report saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Masuk — {app}</source>
            <translation>Log in — {app}</translation>
        </message>
        <message>
            <source>Pendaftaran pekerja rentan untuk bantuan iuran BPJS Ketenagakerjaan</source>
            <translation>Registration of vulnerable workers for BPJS Ketenagakerjaan premium assistance</translation>
        </message>
        <message>
            <source>&amp;Nama pengguna:</source>
            <translation>&amp;Username:</translation>
        </message>
        <message>
            <source>&amp;Kata sandi:</source>
            <translation>&amp;Password:</translation>
        </message>
        <message>
            <source>&amp;Masuk</source>
            <translation>&amp;Log in</translation>
        </message>
        <message>
            <source>&amp;Tutup</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <source>Isi nama pengguna.</source>
            <translation>Enter a username.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Berkas</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Keluar akun</source>
            <translation>&amp;Log out</translation>
        </message>
        <message>
            <source>&amp;Tutup aplikasi</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Halaman</source>
            <translation>&amp;Pages</translation>
        </message>
        <message>
            <source>&amp;Alat</source>
            <translation>&amp;Tools</translation>
        </message>
        <message>
            <source>&amp;Kunci layar</source>
            <translation>&amp;Lock screen</translation>
        </message>
        <message>
            <source>Ba&amp;ntuan</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;Tentang Rentan Desktop</source>
            <translation>&amp;About Rentan Desktop</translation>
        </message>
        <message>
            <source>Kantor: {name}</source>
            <translation>Office: {name}</translation>
        </message>
        <message>
            <source>Pengguna: {name} ({role})</source>
            <translation>User: {name} ({role})</translation>
        </message>
        <message>
            <source>Tentang {app}</source>
            <translation>About {app}</translation>
        </message>
        <message>
            <source>&lt;b&gt;{app}&lt;/b&gt; versi {version}&lt;br&gt;Pendaftaran pekerja rentan untuk bantuan iuran BPJS Ketenagakerjaan (JKK dan JKM), bekerja tanpa internet.&lt;br&gt;Database: {db}</source>
            <translation>&lt;b&gt;{app}&lt;/b&gt; version {version}&lt;br&gt;Registration of vulnerable informal workers for BPJS Ketenagakerjaan premium assistance (JKK and JKM), working offline.&lt;br&gt;Database: {db}</translation>
        </message>
    </context>
    <context>
        <name>MappingStep</name>
        <message>
            <source>Kolom di berkas</source>
            <translation>Column in file</translation>
        </message>
        <message>
            <source>Contoh isi</source>
            <translation>Sample contents</translation>
        </message>
        <message>
            <source>Dipakai untuk</source>
            <translation>Used for</translation>
        </message>
        <message>
            <source>Tebakan</source>
            <translation>Guess</translation>
        </message>
        <message>
            <source>mis. Desa Senyiur 2024</source>
            <translation>e.g. Desa Senyiur 2024</translation>
        </message>
        <message>
            <source>Simpan sebagai pro&amp;fil</source>
            <translation>Save as &amp;profile</translation>
        </message>
        <message>
            <source>&amp;Desa semua baris:</source>
            <translation>&amp;Desa of every row:</translation>
        </message>
        <message>
            <source>Nama profil sumber:</source>
            <translation>Source profile name:</translation>
        </message>
        <message>
            <source>Tidak ada kolom DESA: setiap sheet dicatat di desa yang disebut judul atau nama sheet-nya; pemeriksaan menunjukkan desa tiap sheet.</source>
            <translation>No DESA column: each sheet is recorded in the desa its title or its name names; the check shows each sheet's desa.</translation>
        </message>
        <message>
            <source>{desa} (dari {asal})</source>
            <translation>{desa} (from {asal})</translation>
        </message>
        <message>
            <source>(pilih desanya)</source>
            <translation>(choose the desa)</translation>
        </message>
        <message>
            <source>Tidak ada kolom DESA: {asal} menyebut "{tertulis}", semua baris dicatat di desa {desa} ({kode}). Bila salah, pilih desanya.</source>
            <translation>No DESA column: {asal} names "{tertulis}", every row is recorded in desa {desa} ({kode}). If that is wrong, choose the desa.</translation>
        </message>
        <message>
            <source>Tidak ada kolom DESA, dan "{tertulis}" di judul tabel tidak dikenal: pilih desanya, atau petakan kolom desanya di atas.</source>
            <translation>No DESA column, and "{tertulis}" in the table's title is unknown: choose the desa, or map its column above.</translation>
        </message>
        <message>
            <source>Tidak ada kolom DESA dan judul tabel tidak menyebut desa: pilih desa semua baris, atau petakan kolom desanya di atas.</source>
            <translation>No DESA column and the table's title names no desa: choose the desa of every row, or map its column above.</translation>
        </message>
        <message>
            <source>nama sheet</source>
            <translation>the sheet's name</translation>
        </message>
        <message>
            <source>judul tabel</source>
            <translation>the table's title</translation>
        </message>
        <message>
            <source>Sheet "{sheet}": judul kolom ditemukan di baris {row}; data mulai baris {start}. Periksa tebakan di bawah dan ubah bila salah.</source>
            <translation>Sheet "{sheet}": column headings found in row {row}; data starts in row {start}. Check the guesses below and change any that are wrong.</translation>
        </message>
        <message>
            <source>{first} (semua sheet dibaca; sheet lain dengan susunan sendiri dipetakan otomatis)</source>
            <translation>{first} (every sheet is read; other sheets with their own layout are mapped automatically)</translation>
        </message>
        <message>
            <source>Berkas ini punya {n} sheet dan hanya sheet ini yang dibaca; untuk satu sheet per desa, pilih "(semua sheet, satu sheet per desa)" di langkah 1.</source>
            <translation>This file has {n} sheets and only this one is read; for one sheet per desa, choose "(every sheet, one sheet per desa)" in step 1.</translation>
        </message>
        <message>
            <source>(tanpa judul)</source>
            <translation>(no heading)</translation>
        </message>
        <message>
            <source>Kolom wajib belum dipetakan: {fields}.</source>
            <translation>Required fields not mapped yet: {fields}.</translation>
        </message>
    </context>
    <context>
        <name>MasterDataPage</name>
        <message>
            <source>Data induk dari koordinator</source>
            <translation>Master data from the coordinator</translation>
        </message>
        <message>
            <source>Sumber dana, target per kecamatan, tarif iuran, daftar pekerjaan, dan kunci kantor yang dipercaya atau dicabut ditetapkan kabupaten/kota (atau provinsi) dan dikirim sebagai paket bertanda tangan. Paket diperiksa dulu, lalu diterapkan sekaligus; paket lama, terulang, melompati nomor, diubah, atau dari kantor lain ditolak tanpa mengubah apa pun.</source>
            <translation>Funders, targets per kecamatan, the contribution tariff, the occupation list and the office keys trusted or revoked are set by the regency (or the province) and sent as a signed pack. A pack is checked first, then applied all at once; an old, repeated, skipping, changed or foreign pack is refused without changing anything.</translation>
        </message>
        <message>
            <source>Kirim data induk ke kantor di bawah (koordinator)</source>
            <translation>Send master data to the offices below (coordinator)</translation>
        </message>
        <message>
            <source>B&amp;uat paket data induk</source>
            <translation>Make master-data &amp;pack</translation>
        </message>
        <message>
            <source>Terima paket data induk</source>
            <translation>Receive a master-data pack</translation>
        </message>
        <message>
            <source>&amp;Periksa paket…</source>
            <translation>&amp;Check pack…</translation>
        </message>
        <message>
            <source>&amp;Terapkan paket ini</source>
            <translation>&amp;Apply this pack</translation>
        </message>
        <message>
            <source> hari</source>
            <translation> days</translation>
        </message>
        <message>
            <source>&amp;Ingatkan bila data induk atau batch lebih lama dari:</source>
            <translation>&amp;Warn when master data or batches are older than:</translation>
        </message>
        <message>
            <source>&amp;Simpan batas</source>
            <translation>&amp;Save limit</translation>
        </message>
        <message>
            <source>Belum ada paket data induk yang diterapkan di kantor ini.</source>
            <translation>No master-data pack has been applied at this office yet.</translation>
        </message>
        <message>
            <source>Paket terakhir: nomor {seq} dari kantor {office}, diterapkan {date}.</source>
            <translation>Last pack: number {seq} from office {office}, applied {date}.</translation>
        </message>
        <message>
            <source>Peringatan muncul di Beranda setelah {n} hari.</source>
            <translation>The warning appears on the home page after {n} days.</translation>
        </message>
        <message>
            <source>Pilih flashdisk atau folder tujuan lebih dulu.</source>
            <translation>Choose a USB stick or destination folder first.</translation>
        </message>
        <message>
            <source>Paket data induk nomor {seq} disimpan: {path}.</source>
            <translation>Master-data pack number {seq} saved: {path}.</translation>
        </message>
        <message>
            <source>Pilih paket data induk</source>
            <translation>Choose a master-data pack</translation>
        </message>
        <message>
            <source>Paket {file} ditolak.</source>
            <translation>Pack {file} refused.</translation>
        </message>
        <message>
            <source>Paket nomor {seq} dari kantor {office} ({name}), dibuat {date}, sah. Bila diterapkan:</source>
            <translation>Pack number {seq} from office {office} ({name}), made {date}, is genuine. Applying it would:</translation>
        </message>
        <message>
            <source>Tidak ada perubahan.</source>
            <translation>No changes.</translation>
        </message>
        <message>
            <source>Periksa daftar perubahan, lalu tekan Terapkan.</source>
            <translation>Check the list of changes, then press Apply.</translation>
        </message>
        <message>
            <source>Paket nomor {seq} dari kantor {office} diterapkan: {n} perubahan.</source>
            <translation>Pack number {seq} from office {office} applied: {n} changes.</translation>
        </message>
    </context>
    <context>
        <name>NikPanel</name>
        <message>
            <source>&lt;b&gt;Isi NIK&lt;/b&gt;</source>
            <translation>&lt;b&gt;NIK contents&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Ketik NIK untuk melihat isinya.</source>
            <translation>Type a NIK to see what it encodes.</translation>
        </message>
        <message>
            <source>B&amp;uka data yang sudah ada (Ctrl+O)</source>
            <translation>&amp;Open the existing record (Ctrl+O)</translation>
        </message>
        <message>
            <source>Alasan (wajib)</source>
            <translation>Reason (required)</translation>
        </message>
        <message>
            <source>&amp;Tandai: bukan orang yang sama</source>
            <translation>&amp;Mark: not the same person</translation>
        </message>
        <message>
            <source>Kec. %1</source>
            <translation>Kec. %1</translation>
        </message>
        <message>
            <source>kode wilayah %1 tidak dikenal</source>
            <translation>unknown region code %1</translation>
        </message>
        <message>
            <source>Diterbitkan di: %1</source>
            <translation>Issued in: %1</translation>
        </message>
        <message>
            <source>Tanggal lahir: %1</source>
            <translation>Date of birth: %1</translation>
        </message>
        <message>
            <source>Jenis kelamin: %1</source>
            <translation>Sex: %1</translation>
        </message>
        <message>
            <source>Perempuan</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Laki-laki</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar aktif untuk periode %1: %2 (%3). Data tidak bisa disimpan dua kali.</source>
            <translation>This NIK is already registered for %1: %2 (%3). It cannot be saved twice.</translation>
        </message>
        <message numerus="yes">
            <source>Kemungkinan data ganda (%n), periksa sebelum menyimpan:</source>
            <translation>
                <numerusform>Possible duplicate (%n), check before saving:</numerusform>
                <numerusform>Possible duplicates (%n), check before saving:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OfficePage</name>
        <message>
            <source>Langkah 1 dari 3: Kantor</source>
            <translation>Step 1 of 3: Office</translation>
        </message>
        <message>
            <source>Kantor &amp;kecamatan</source>
            <translation>&amp;Kecamatan office</translation>
        </message>
        <message>
            <source>Koordinator p&amp;rovinsi</source>
            <translation>P&amp;rovince coordinator</translation>
        </message>
        <message>
            <source>Pilih wilayah kantor ini dari daftar Kemendagri: kantor kecamatan untuk petugas entri, atau kantor koordinator kabupaten/provinsi. Kode kantor tidak bisa diubah setelah penyiapan.</source>
            <translation>Choose this office's region from the Kemendagri list: a kecamatan office for data entry, or a regency/province coordinator office. The office code cannot be changed after set-up.</translation>
        </message>
        <message>
            <source>Koordinator kab&amp;upaten/kota</source>
            <translation>Regency/city coordinator (&amp;u)</translation>
        </message>
        <message>
            <source>ketik nama atau kode Kemendagri, mis. Muara Ancalong atau 64.08.01</source>
            <translation>type a name or Kemendagri code, e.g. Muara Ancalong or 64.08.01</translation>
        </message>
        <message>
            <source>(belum dipilih)</source>
            <translation>(not chosen)</translation>
        </message>
        <message>
            <source>Memuat daftar wilayah Kemendagri… halaman ini bisa diisi sebentar lagi.</source>
            <translation>Loading the Kemendagri region list… this page can be filled in a moment.</translation>
        </message>
        <message>
            <source>Tingkat kantor:</source>
            <translation>Office level:</translation>
        </message>
        <message>
            <source>&amp;Cari wilayah:</source>
            <translation>&amp;Find region:</translation>
        </message>
        <message>
            <source>&amp;Provinsi:</source>
            <translation>&amp;Province:</translation>
        </message>
        <message>
            <source>Kabupaten/ko&amp;ta:</source>
            <translation>Regency/ci&amp;ty:</translation>
        </message>
        <message>
            <source>Tidak ada wilayah yang cocok. Ketik sebagian nama atau kode Kemendagri.</source>
            <translation>No region matches. Type part of a name or a Kemendagri code.</translation>
        </message>
        <message>
            <source>daftar wilayah (sedang dimuat)</source>
            <translation>region list (loading)</translation>
        </message>
        <message>
            <source>kecamatan</source>
            <translation>kecamatan</translation>
        </message>
        <message>
            <source>kabupaten/kota</source>
            <translation>regency/city</translation>
        </message>
        <message>
            <source>provinsi</source>
            <translation>province</translation>
        </message>
        <message>
            <source>nama kantor</source>
            <translation>office name</translation>
        </message>
        <message>
            <source>K&amp;ecamatan:</source>
            <translation>&amp;District (kecamatan):</translation>
        </message>
        <message>
            <source>&amp;Nama kantor:</source>
            <translation>Office &amp;name:</translation>
        </message>
    </context>
    <context>
        <name>PaperChoice</name>
        <message>
            <source>A4</source>
            <translation>A4</translation>
        </message>
        <message>
            <source>F4 / Folio (215 × 330 mm)</source>
            <translation>F4 / Folio (215 × 330 mm)</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <source>Frasa sandi kunci kantor</source>
            <translation>Office key passphrase</translation>
        </message>
        <message>
            <source>&amp;Ingat di pengelola kredensial sistem</source>
            <translation>&amp;Remember in the system's credential manager</translation>
        </message>
        <message>
            <source>Membuka kunci kantor...</source>
            <translation>Unlocking the office key...</translation>
        </message>
        <message>
            <source>Mengamankan kunci kantor...</source>
            <translation>Securing the office key...</translation>
        </message>
        <message>
            <source>&amp;Frasa sandi:</source>
            <translation>&amp;Passphrase:</translation>
        </message>
        <message>
            <source>&amp;Ulangi:</source>
            <translation>&amp;Repeat:</translation>
        </message>
        <message>
            <source>&amp;Buka kunci</source>
            <translation>&amp;Unlock</translation>
        </message>
        <message>
            <source>&amp;Tetapkan frasa sandi</source>
            <translation>&amp;Set the passphrase</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Kedua frasa sandi tidak sama.</source>
            <translation>The two passphrases differ.</translation>
        </message>
    </context>
    <context>
        <name>PdfResult</name>
        <message>
            <source>&amp;Buka PDF</source>
            <translation>&amp;Open PDF</translation>
        </message>
        <message>
            <source>Simpan &amp;salinan…</source>
            <translation>Save a &amp;copy…</translation>
        </message>
        <message>
            <source>Simpan salinan PDF</source>
            <translation>Save a copy of the PDF</translation>
        </message>
        <message>
            <source>Salinan: {path}</source>
            <translation>Copy: {path}</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <source>Baris</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Masalah</source>
            <translation>Problems</translation>
        </message>
    </context>
    <context>
        <name>PrintingPage</name>
        <message>
            <source>Cetak Daf&amp;tar RT</source>
            <translation>Print RT &amp;list</translation>
        </message>
        <message>
            <source>Antr&amp;ean kartu</source>
            <translation>Card qu&amp;eue</translation>
        </message>
        <message>
            <source>&amp;Formulir pendaftaran</source>
            <translation>Re&amp;gistration form</translation>
        </message>
        <message>
            <source>Cetak dokumen</source>
            <translation>Print documents</translation>
        </message>
    </context>
    <context>
        <name>QualityBox</name>
        <message>
            <source>Kualitas data</source>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>Lihat &amp;kualitas data…</source>
            <translation>See data &amp;quality…</translation>
        </message>
        <message>
            <source>Tidak ada masalah tercatat pada data aktif.</source>
            <translation>No problems noted on the active records.</translation>
        </message>
    </context>
    <context>
        <name>QualityModel</name>
        <message>
            <source>Semua desa</source>
            <translation>All villages</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Jumlah data</source>
            <translation>Records</translation>
        </message>
    </context>
    <context>
        <name>QualityPage</name>
        <message>
            <source>Jumlah data aktif tahun program ini yang membawa tiap jenis masalah, per desa: peringatan saat disimpan (NIK tidak cocok, nama desa dicocokkan, nama ibu kosong, …), nomor HP kosong dan kemungkinan data ganda. Perbaiki data lewat daftar peserta atau halaman Data ganda; angkanya akan turun di grafik.</source>
            <translation>Active records of this programme year carrying each kind of problem, per village: warnings when saved (NIK mismatch, village name matched approximately, mother's name missing, …), missing phone number and possible duplicates. Fix records in the registrant list or on the Duplicates page; the numbers will go down in the chart.</translation>
        </message>
        <message>
            <source>Hitung &amp;ulang</source>
            <translation>Recou&amp;nt</translation>
        </message>
        <message>
            <source>&amp;Catat angka sekarang</source>
            <translation>&amp;Record the numbers now</translation>
        </message>
        <message>
            <source>Menyimpan angka saat ini sebagai titik baru di grafik.</source>
            <translation>Stores the current numbers as a new point in the chart.</translation>
        </message>
        <message>
            <source>Grafik muncul setelah angka dicatat pada dua hari atau lebih.</source>
            <translation>The chart appears once the numbers have been recorded on two or more days.</translation>
        </message>
        <message>
            <source>Perkembangan jumlah masalah (semua desa)</source>
            <translation>Problem counts over time (all villages)</translation>
        </message>
        <message>
            <source>Kualitas data</source>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>Menghitung kualitas data…</source>
            <translation>Counting data quality…</translation>
        </message>
        <message>
            <source>Mencatat angka…</source>
            <translation>Recording the numbers…</translation>
        </message>
        <message>
            <source>{records} data aktif di {desa} desa; {problems} catatan masalah.</source>
            <translation>{records} active records in {desa} villages; {problems} problems noted.</translation>
        </message>
    </context>
    <context>
        <name>Receipts</name>
        <message>
            <source>diterima</source>
            <translation>accepted</translation>
        </message>
        <message>
            <source>dikembalikan</source>
            <translation>returned</translation>
        </message>
        <message>
            <source>terdaftar BPJS</source>
            <translation>registered with BPJS</translation>
        </message>
        <message>
            <source>ditahan (konflik)</source>
            <translation>held (conflict)</translation>
        </message>
        <message>
            <source>nonaktif</source>
            <translation>inactive</translation>
        </message>
        <message>
            <source>tidak berubah</source>
            <translation>unchanged</translation>
        </message>
        <message>
            <source>tidak dikenal di sini</source>
            <translation>unknown here</translation>
        </message>
        <message>
            <source>ditolak (tidak dikirim dalam batch ini)</source>
            <translation>refused (not sent in this batch)</translation>
        </message>
        <message>
            <source>Terkirim, menunggu tanda terima</source>
            <translation>Sent, waiting for a receipt</translation>
        </message>
        <message>
            <source>Tanda terima sudah diimpor</source>
            <translation>Receipt imported</translation>
        </message>
        <message>
            <source>Diimpor</source>
            <translation>Imported</translation>
        </message>
    </context>
    <context>
        <name>ReceiptsPage</name>
        <message>
            <source>Tanda terima batch</source>
            <translation>Batch receipts</translation>
        </message>
        <message>
            <source>Koordinator membuat tanda terima bertanda tangan untuk setiap batch yang diimpor; kecamatan mengimpornya sehingga status datanya ikut berubah. Data yang sudah dikirim tidak diarsipkan sebelum ada tanda terimanya.</source>
            <translation>The coordinator makes a signed receipt for each imported batch; the kecamatan imports it and its records' statuses follow. Sent records are never archived before their receipt arrives.</translation>
        </message>
        <message>
            <source>Buat tanda terima (koordinator)</source>
            <translation>Make receipts (coordinator)</translation>
        </message>
        <message>
            <source>Kantor</source>
            <translation>Office</translation>
        </message>
        <message>
            <source>No. batch</source>
            <translation>Batch no.</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>Diimpor</source>
            <translation>Imported</translation>
        </message>
        <message>
            <source>Tanda terima dibuat</source>
            <translation>Receipts made</translation>
        </message>
        <message>
            <source>&amp;Buat tanda terima batch terpilih</source>
            <translation>&amp;Make a receipt for the selected batch</translation>
        </message>
        <message>
            <source>Batch yang dikirim dan tanda terimanya</source>
            <translation>Batches sent and their receipts</translation>
        </message>
        <message>
            <source>Dikirim</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>&amp;Impor tanda terima…</source>
            <translation>&amp;Import a receipt…</translation>
        </message>
        <message>
            <source>Cetak &amp;rekonsiliasi batch terpilih</source>
            <translation>Print &amp;reconciliation of the selected batch</translation>
        </message>
        <message>
            <source>Pilih batch dan folder tujuan lebih dulu.</source>
            <translation>First select a batch and a destination folder.</translation>
        </message>
        <message>
            <source>Tanda terima batch {office} nomor {seq} disimpan: {path} ({counts}).</source>
            <translation>Receipt for batch {seq} of {office} saved: {path} ({counts}).</translation>
        </message>
        <message>
            <source>Pilih batch lebih dulu.</source>
            <translation>Choose a batch first.</translation>
        </message>
        <message>
            <source>sesuai dengan tanda terima</source>
            <translation>agrees with the receipt</translation>
        </message>
        <message>
            <source>{n} data berbeda dengan tanda terima</source>
            <translation>{n} records differ from the receipt</translation>
        </message>
        <message>
            <source>Rekonsiliasi disimpan: {path} ({verdict}).</source>
            <translation>Reconciliation saved: {path} ({verdict}).</translation>
        </message>
        <message>
            <source>Pilih tanda terima</source>
            <translation>Choose a receipt</translation>
        </message>
        <message>
            <source>Tanda terima ditolak: {reason}</source>
            <translation>Receipt refused: {reason}</translation>
        </message>
        <message>
            <source>{name} ({nik}): {status} — {reason}</source>
            <translation>{name} ({nik}): {status} — {reason}</translation>
        </message>
        <message>
            <source>Tanda terima {file} diimpor: {counts}.</source>
            <translation>Receipt {file} imported: {counts}.</translation>
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Basis data perlu dipulihkan</source>
            <translation>The database needs to be restored</translation>
        </message>
        <message>
            <source>Frasa sandi cadangan terenkripsi</source>
            <translation>Passphrase of the encrypted backup</translation>
        </message>
        <message>
            <source>&amp;Pulihkan dari cadangan</source>
            <translation>&amp;Restore from backup</translation>
        </message>
        <message>
            <source>&amp;Tutup aplikasi</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>Memulihkan…</source>
            <translation>Restoring…</translation>
        </message>
    </context>
    <context>
        <name>RegencyBox</name>
        <message>
            <source>Per kecamatan</source>
            <translation>Per kecamatan</translation>
        </message>
        <message>
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <source>Target</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Received</translation>
        </message>
        <message>
            <source>% target</source>
            <translation>% of target</translation>
        </message>
        <message>
            <source>Batch terakhir</source>
            <translation>Last batch</translation>
        </message>
        <message>
            <source>Batch belum datang</source>
            <translation>Batches not received</translation>
        </message>
        <message>
            <source>Belum ada data dari kecamatan.</source>
            <translation>No data from the kecamatan yet.</translation>
        </message>
        <message>
            <source>Ekspor ke E&amp;xcel…</source>
            <translation>E&amp;xport to Excel…</translation>
        </message>
        <message>
            <source>Peserta aktif per kecamatan</source>
            <translation>Active participants per kecamatan</translation>
        </message>
        <message>
            <source>Ada nomor batch yang belum datang dari {n} kecamatan; tanyakan ke kecamatan itu.</source>
            <translation>Batch numbers are missing from {n} kecamatan; ask those offices.</translation>
        </message>
        <message>
            <source>Tahun program {year}.</source>
            <translation>Programme year {year}.</translation>
        </message>
        <message>
            <source>Simpan ringkasan per kecamatan</source>
            <translation>Save the per-kecamatan summary</translation>
        </message>
        <message>
            <source>Ekspor ringkasan per kecamatan</source>
            <translation>Export the per-kecamatan summary</translation>
        </message>
        <message>
            <source>Disimpan: {path}</source>
            <translation>Saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>RegistrantDetail</name>
        <message>
            <source>Alasan: bukan orang yang sama</source>
            <translation>Reason: not the same person</translation>
        </message>
        <message>
            <source>&amp;Tandai berbeda</source>
            <translation>&amp;Mark as different</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Oleh</source>
            <translation>By</translation>
        </message>
        <message>
            <source>Tindakan</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Rincian</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>&amp;Koreksi data (Ctrl+E)</source>
            <translation>&amp;Correct record (Ctrl+E)</translation>
        </message>
        <message>
            <source>&lt;b&gt;Kemungkinan data ganda&lt;/b&gt;</source>
            <translation>&lt;b&gt;Possible duplicates&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Riwayat perubahan&lt;/b&gt;</source>
            <translation>&lt;b&gt;Change history&lt;/b&gt;</translation>
        </message>
        <message>
            <source>(%1 s.d. %2)</source>
            <translation>(%1 to %2)</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nomor KK</source>
            <translation>Family card (KK) number</translation>
        </message>
        <message>
            <source>Tempat, tgl lahir</source>
            <translation>Place, date of birth</translation>
        </message>
        <message>
            <source>Tampilkan NIK len&amp;gkap</source>
            <translation>Show &amp;full NIK</translation>
        </message>
        <message>
            <source>NIK dan KK lengkap ditampilkan dan dicatat di jejak audit (UU PDP).</source>
            <translation>The full NIK and KK are shown and recorded in the audit trail (UU PDP).</translation>
        </message>
        <message>
            <source>Jenis kelamin</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Perempuan</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Laki-laki</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Nama ibu kandung</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Nomor HP</source>
            <translation>Mobile number</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Sumber dana</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>Periode, KPJ</source>
            <translation>Period, KPJ</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Dibuat / diubah</source>
            <translation>Created / changed</translation>
        </message>
    </context>
    <context>
        <name>RegistrantList</name>
        <message>
            <source>Catat hasil &amp;verifikasi RT… (Ctrl+Shift+V)</source>
            <translation>Record RT &amp;verification… (Ctrl+Shift+V)</translation>
        </message>
        <message>
            <source>N&amp;onaktifkan… (Ctrl+Shift+D)</source>
            <translation>&amp;Deactivate… (Ctrl+Shift+D)</translation>
        </message>
        <message>
            <source>Menghitung…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>%1 pendaftar</source>
            <translation>%1 registrants</translation>
        </message>
        <message>
            <source>Tidak ada yang cocok dengan "{text}". Ketik NIK lengkap (16 angka), 4 angka terakhir NIK, NIK seperti tampil di daftar (6408********0001), atau awal nama.</source>
            <translation>Nothing matches "{text}". Type the full NIK (16 digits), its last 4 digits, the NIK as the list shows it (6408********0001), or the start of a name.</translation>
        </message>
        <message>
            <source>Pilih dulu pendaftar di daftar (Shift/Ctrl + klik atau panah).</source>
            <translation>First select registrants in the list (Shift/Ctrl + click or arrows).</translation>
        </message>
    </context>
    <context>
        <name>RegistrantModel</name>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>L/P</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Desa/kel.</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Thn lahir</source>
            <translation>Birth year</translation>
        </message>
        <message>
            <source>RT/RW</source>
            <translation>RT/RW</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>KPJ</source>
            <translation>KPJ</translation>
        </message>
        <message>
            <source>Diubah</source>
            <translation>Changed</translation>
        </message>
    </context>
    <context>
        <name>RekeyTab</name>
        <message>
            <source>Formulir kertas yang diambil supervisor untuk diketik ulang. Pilih nomor yang tertulis di kertas (EG-…), lalu ketik seluruh isinya. Entri pertama tidak ditampilkan; formulir yang Anda entri sendiri tidak muncul di sini.</source>
            <translation>Paper forms a supervisor picked to be keyed again. Choose the number written on the paper (EG-…), then key all of it. The first entry is not shown; forms you keyed yourself do not appear here.</translation>
        </message>
        <message>
            <source>No. formulir</source>
            <translation>Form no.</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Dientri pertama</source>
            <translation>First keyed</translation>
        </message>
        <message>
            <source>Tidak ada formulir yang menunggu entri ulang.</source>
            <translation>No form is waiting to be keyed again.</translation>
        </message>
        <message>
            <source>Pilih formulir di kiri</source>
            <translation>Choose a form on the left</translation>
        </message>
        <message>
            <source>&amp;Simpan entri ulang (Ctrl+S)</source>
            <translation>&amp;Save second keying (Ctrl+S)</translation>
        </message>
        <message>
            <source>Memuat formulir entri ulang…</source>
            <translation>Loading the forms to key again…</translation>
        </message>
        <message>
            <source>L — Laki-laki</source>
            <translation>L — Male</translation>
        </message>
        <message>
            <source>P — Perempuan</source>
            <translation>P — Female</translation>
        </message>
        <message>
            <source>ketik sebagian nama desa</source>
            <translation>type part of the village name</translation>
        </message>
        <message>
            <source>Formulir {form} — desa {desa}</source>
            <translation>Form {form} — village {desa}</translation>
        </message>
        <message>
            <source>Membandingkan dengan entri pertama…</source>
            <translation>Comparing with the first entry…</translation>
        </message>
        <message>
            <source>{form} tersimpan: {n} ruas berbeda dengan entri pertama; supervisor akan memeriksa kertasnya.</source>
            <translation>{form} saved: {n} fields differ from the first entry; a supervisor will check the paper.</translation>
        </message>
        <message>
            <source>{form} tersimpan: cocok dengan entri pertama.</source>
            <translation>{form} saved: it matches the first entry.</translation>
        </message>
    </context>
    <context>
        <name>RtListTab</name>
        <message>
            <source>semua</source>
            <translation>all</translation>
        </message>
        <message>
            <source>Buat &amp;PDF daftar RT</source>
            <translation>Ma&amp;ke RT list PDF</translation>
        </message>
        <message>
            <source>&amp;Desa/kelurahan:</source>
            <translation>&amp;Desa/kelurahan:</translation>
        </message>
        <message>
            <source>&amp;RT:</source>
            <translation>&amp;RT:</translation>
        </message>
        <message>
            <source>R&amp;W (bila nomor RT berulang):</source>
            <translation>R&amp;W (when RT numbers repeat):</translation>
        </message>
        <message>
            <source>&amp;Kertas:</source>
            <translation>P&amp;aper:</translation>
        </message>
        <message>
            <source>Satu daftar per RT untuk diperiksa Ketua RT: NIK disamarkan, ada kotak centang per orang, kode daftar dan QR di setiap halaman. Setelah kembali, isi hasilnya di halaman Hasil daftar RT.</source>
            <translation>One list per RT for the RT head to review: NIKs masked, tick boxes per person, list code and QR on every page. When it comes back, key the results on the RT results page.</translation>
        </message>
        <message>
            <source>RT {rt} — {n} orang</source>
            <translation>RT {rt} — {n} people</translation>
        </message>
        <message>
            <source>Pilih desa dan RT lebih dulu.</source>
            <translation>First choose a desa and an RT.</translation>
        </message>
        <message>
            <source>Membuat daftar RT {rt}…</source>
            <translation>Making the list of RT {rt}…</translation>
        </message>
        <message>
            <source>Pencetakan dibatalkan; tidak ada yang berubah.</source>
            <translation>Printing cancelled; nothing changed.</translation>
        </message>
        <message>
            <source>Daftar RT dengan kode {code}: {rows} orang, {pages} halaman.
Disimpan di {path}</source>
            <translation>RT list with code {code}: {rows} people, {pages} pages.
Saved in {path}</translation>
        </message>
    </context>
    <context>
        <name>RtResults</name>
        <message>
            <source>Sesuai</source>
            <translation>Correct</translation>
        </message>
        <message>
            <source>Pindah</source>
            <translation>Moved away</translation>
        </message>
        <message>
            <source>Meninggal</source>
            <translation>Deceased</translation>
        </message>
        <message>
            <source>Bukan pekerja rentan</source>
            <translation>Not a vulnerable worker</translation>
        </message>
        <message>
            <source>Perbaikan</source>
            <translation>Correction</translation>
        </message>
        <message>
            <source>Diterapkan: terverifikasi</source>
            <translation>Applied: verified</translation>
        </message>
        <message>
            <source>Diterapkan: dikonfirmasi</source>
            <translation>Applied: confirmed</translation>
        </message>
        <message>
            <source>Diterapkan: nonaktif</source>
            <translation>Applied: inactive</translation>
        </message>
        <message>
            <source>Diterapkan: ditolak</source>
            <translation>Applied: rejected</translation>
        </message>
        <message>
            <source>Perlu dikoreksi (tugas di Beranda)</source>
            <translation>To be corrected (task on Home)</translation>
        </message>
        <message>
            <source>Diterapkan: sudah dikoreksi</source>
            <translation>Applied: corrected</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Hasil RT</source>
            <translation>RT result</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Details</translation>
        </message>
    </context>
    <context>
        <name>RtResultsPage</name>
        <message>
            <source>RT-XXXX-XXXX (ketik atau pindai QR)</source>
            <translation>RT-XXXX-XXXX (type or scan the QR)</translation>
        </message>
        <message>
            <source>B&amp;uka daftar</source>
            <translation>&amp;Open list</translation>
        </message>
        <message>
            <source>&amp;Kode daftar:</source>
            <translation>List &amp;code:</translation>
        </message>
        <message>
            <source>&lt;b&gt;1&lt;/b&gt; Sesuai &amp;nbsp; &lt;b&gt;2&lt;/b&gt; Pindah &amp;nbsp; &lt;b&gt;3&lt;/b&gt; Meninggal &amp;nbsp; &lt;b&gt;4&lt;/b&gt; Bukan pekerja rentan &amp;nbsp; &lt;b&gt;5&lt;/b&gt; Perbaikan (lalu ketik perbaikannya, Enter) &amp;nbsp; &lt;b&gt;0&lt;/b&gt; hapus isian &amp;nbsp; &lt;b&gt;Ctrl+S&lt;/b&gt; simpan</source>
            <translation>&lt;b&gt;1&lt;/b&gt; Correct &amp;nbsp; &lt;b&gt;2&lt;/b&gt; Moved away &amp;nbsp; &lt;b&gt;3&lt;/b&gt; Deceased &amp;nbsp; &lt;b&gt;4&lt;/b&gt; Not a vulnerable worker &amp;nbsp; &lt;b&gt;5&lt;/b&gt; Correction (then type it, Enter) &amp;nbsp; &lt;b&gt;0&lt;/b&gt; clear &amp;nbsp; &lt;b&gt;Ctrl+S&lt;/b&gt; save</translation>
        </message>
        <message>
            <source>&amp;Simpan hasil (Ctrl+S)</source>
            <translation>&amp;Save results (Ctrl+S)</translation>
        </message>
        <message>
            <source>Kor&amp;eksi data sekarang</source>
            <translation>Corr&amp;ect the record now</translation>
        </message>
        <message>
            <source>Hasil daftar RT</source>
            <translation>RT list results</translation>
        </message>
        <message>
            <source>Ketik atau pindai kode daftar yang dikembalikan Ketua RT, lalu tekan satu angka per baris sesuai centang di kertas. Isian baru berwarna kuning sampai disimpan.</source>
            <translation>Type or scan the code of the list the RT head returned, then press one digit per row as ticked on paper. New entries stay yellow until saved.</translation>
        </message>
        <message>
            <source>Hasil belum disimpan</source>
            <translation>Results not saved</translation>
        </message>
        <message>
            <source>Ada {n} isian yang belum disimpan. Tinggalkan tanpa menyimpan?</source>
            <translation>{n} entries are not saved. Leave without saving?</translation>
        </message>
        <message>
            <source>Daftar {code}: {desa}, RT {rt}{rw}, dicetak {printed}; {n} orang.{done}</source>
            <translation>List {code}: {desa}, RT {rt}{rw}, printed {printed}; {n} people.{done}</translation>
        </message>
        <message>
            <source> Semua baris sudah diisi.</source>
            <translation> Every row has been keyed.</translation>
        </message>
        <message>
            <source>Belum disimpan</source>
            <translation>Not saved yet</translation>
        </message>
        <message>
            <source>Tidak diterapkan: {reason}</source>
            <translation>Not applied: {reason}</translation>
        </message>
        <message>
            <source>Perbaikan baris {no}:</source>
            <translation>Correction for row {no}:</translation>
        </message>
        <message>
            <source>{n} isian belum disimpan.</source>
            <translation>{n} entries not saved.</translation>
        </message>
        <message>
            <source>Menyimpan hasil daftar RT…</source>
            <translation>Saving the RT list results…</translation>
        </message>
        <message>
            <source>Tidak ada yang disimpan: {reason}</source>
            <translation>Nothing was saved: {reason}</translation>
        </message>
        <message>
            <source>{n} baris disimpan.</source>
            <translation>{n} rows saved.</translation>
        </message>
        <message>
            <source>{n} baris tidak dapat diterapkan (lihat Keterangan).</source>
            <translation>{n} rows could not be applied (see Remarks).</translation>
        </message>
        <message>
            <source>Daftar ini sudah lengkap.</source>
            <translation>This list is complete.</translation>
        </message>
        <message numerus="yes">
            <source>%n perbaikan menunggu dikoreksi: tekan Koreksi data sekarang (Alt+E), atau kerjakan nanti dari Beranda.</source>
            <translation>
                <numerusform>%n correction(s) waiting: press Correct the record now (Alt+E), or do it later from Home.</numerusform>
                <numerusform>%n correction(s) waiting: press Correct the record now (Alt+E), or do it later from Home.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SamplesTab</name>
        <message>
            <source>Ambil sampel formulir</source>
            <translation>Pick sample forms</translation>
        </message>
        <message>
            <source>&amp;Persen entri:</source>
            <translation>Per&amp;cent of entries:</translation>
        </message>
        <message>
            <source>pada &amp;tanggal:</source>
            <translation>on &amp;date:</translation>
        </message>
        <message>
            <source>A&amp;mbil sampel</source>
            <translation>Pick sa&amp;mple</translation>
        </message>
        <message>
            <source>NIK dipisah koma atau spasi</source>
            <translation>NIKs separated by commas or spaces</translation>
        </message>
        <message>
            <source>atau NI&amp;K tertentu:</source>
            <translation>or particular NI&amp;Ks:</translation>
        </message>
        <message>
            <source>Ambil &amp;dari daftar NIK</source>
            <translation>Pick from the NIK li&amp;st</translation>
        </message>
        <message>
            <source>No. formulir</source>
            <translation>Form no.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Desa</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Entri pertama</source>
            <translation>First entry</translation>
        </message>
        <message>
            <source>Entri ulang</source>
            <translation>Second entry</translation>
        </message>
        <message>
            <source>Hasil</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Ruas beda</source>
            <translation>Fields differing</translation>
        </message>
        <message>
            <source>Perbedaan: periksa kertasnya, pilih nilai yang benar</source>
            <translation>Differences: check the paper, choose the right value</translation>
        </message>
        <message>
            <source>&amp;Simpan keputusan</source>
            <translation>&amp;Save decision</translation>
        </message>
        <message>
            <source>Memuat sampel entri ganda…</source>
            <translation>Loading double-keying samples…</translation>
        </message>
        <message>
            <source>Tulis dulu NIK formulir yang ingin diketik ulang.</source>
            <translation>First write the NIKs of the forms to key again.</translation>
        </message>
        <message>
            <source>Mengambil sampel…</source>
            <translation>Picking the sample…</translation>
        </message>
        <message>
            <source>{n} formulir diambil dari {m}: {forms}. Tulis nomornya pada kertas formulir dan serahkan ke operator lain untuk diketik ulang.</source>
            <translation>{n} forms picked out of {m}: {forms}. Write the number on each paper form and give them to another operator to key again.</translation>
        </message>
        <message>
            <source>NIK tidak ditemukan: {niks}.</source>
            <translation>NIK not found: {niks}.</translation>
        </message>
        <message>
            <source>Sudah pernah disampel: {niks}.</source>
            <translation>Already sampled: {niks}.</translation>
        </message>
        <message>
            <source>Membandingkan…</source>
            <translation>Comparing…</translation>
        </message>
        <message>
            <source>{form} — {nama} ({nik}), desa {desa}. Entri pertama: {first}; entri ulang: {second}.</source>
            <translation>{form} — {nama} ({nik}), village {desa}. First entry: {first}; second entry: {second}.</translation>
        </message>
        <message>
            <source>Sudah diputuskan.</source>
            <translation>Already decided.</translation>
        </message>
        <message>
            <source>Ruas</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>Data sekarang</source>
            <translation>Record now</translation>
        </message>
        <message>
            <source>Menyimpan keputusan…</source>
            <translation>Saving the decision…</translation>
        </message>
        <message>
            <source>{form}: keputusan disimpan; data dikoreksi ({n} ruas).</source>
            <translation>{form}: decision saved; the record was corrected ({n} fields).</translation>
        </message>
        <message>
            <source>{form}: keputusan disimpan; data tetap.</source>
            <translation>{form}: decision saved; the record is unchanged.</translation>
        </message>
    </context>
    <context>
        <name>Saver</name>
        <message>
            <source>Belum disimpan: periksa kemungkinan data ganda di panel kanan.</source>
            <translation>Not saved: check the possible duplicate in the right-hand panel.</translation>
        </message>
        <message>
            <source>Menunggu proses lain (misalnya impor) selesai memakai database; data akan disimpan…</source>
            <translation>Waiting for another task (an import, for example) to finish with the database; the record will be saved…</translation>
        </message>
        <message>
            <source>Kemungkinan data ganda</source>
            <translation>Possible duplicate</translation>
        </message>
        <message>
            <source>Simpan sebagai orang berbeda</source>
            <translation>Save as a different person</translation>
        </message>
        <message>
            <source>Jangan simpan, periksa dulu</source>
            <translation>Do not save, check first</translation>
        </message>
        <message>
            <source>Isian tetap di formulir; tekan Ctrl+S untuk mencoba lagi.</source>
            <translation>What was typed stays in the form; press Ctrl+S to try again.</translation>
        </message>
        <message>
            <source>Tersimpan: %1 (NIK %2). Silakan entri berikutnya.</source>
            <translation>Saved: %1 (NIK %2). Go ahead with the next one.</translation>
        </message>
        <message>
            <source>Perubahan tersimpan: %1 (NIK %2).</source>
            <translation>Changes saved: %1 (NIK %2).</translation>
        </message>
        <message numerus="yes">
            <source>Perhatian: ada %n kemungkinan data ganda.</source>
            <translation>
                <numerusform>Attention: %n possible duplicate.</numerusform>
                <numerusform>Attention: %n possible duplicates.</numerusform>
            </translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar; data tidak disimpan.</source>
            <translation>This NIK is already registered; nothing was saved.</translation>
        </message>
        <message>
            <source>Perbaiki isian yang bertanda merah.</source>
            <translation>Correct the fields marked in red.</translation>
        </message>
        <message>
            <source>Ditandai sebagai orang yang berbeda.</source>
            <translation>Marked as different people.</translation>
        </message>
    </context>
    <context>
        <name>ServerTab</name>
        <message>
            <source>&amp;Tes koneksi</source>
            <translation>&amp;Test connection</translation>
        </message>
        <message>
            <source>Simpan &amp;koneksi</source>
            <translation>Save &amp;connection</translation>
        </message>
        <message>
            <source>Pakai berkas di P&amp;C ini</source>
            <translation>Use the &amp;file on this PC</translation>
        </message>
        <message>
            <source>Untuk kantor koordinator yang memakai server PostgreSQL bersama: alamat server, basis data dan akun layanan. Kata sandi tidak pernah disimpan sebagai teks biasa.</source>
            <translation>For coordinator offices sharing a PostgreSQL server: the server address, the database and the service account. The password is never stored as plain text.</translation>
        </message>
        <message>
            <source>Alamat &amp;server:</source>
            <translation>&amp;Server address:</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>&amp;Port:</translation>
        </message>
        <message>
            <source>Na&amp;ma basis data:</source>
            <translation>Database na&amp;me:</translation>
        </message>
        <message>
            <source>Akun la&amp;yanan:</source>
            <translation>Service acc&amp;ount:</translation>
        </message>
        <message>
            <source>Kata sand&amp;i akun:</source>
            <translation>Account pass&amp;word:</translation>
        </message>
        <message>
            <source>Saat ini aplikasi membuka berkas basis data di PC ini.</source>
            <translation>The app currently opens the database file on this PC.</translation>
        </message>
        <message>
            <source>Saat dijalankan, aplikasi membuka server {server}.</source>
            <translation>When it starts, the app opens the server {server}.</translation>
        </message>
        <message>
            <source>Menghubungi server…</source>
            <translation>Contacting the server…</translation>
        </message>
        <message>
            <source>Tes koneksi server</source>
            <translation>Server connection test</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>&amp;Umum</source>
            <translation>&amp;General</translation>
        </message>
        <message>
            <source>Pen&amp;gguna</source>
            <translation>&amp;Users</translation>
        </message>
        <message>
            <source>Sumber &amp;dana dan target</source>
            <translation>Funders and targ&amp;ets</translation>
        </message>
        <message>
            <source>Koneksi ser&amp;ver</source>
            <translation>Ser&amp;ver connection</translation>
        </message>
    </context>
    <context>
        <name>SetupPages</name>
        <message>
            <source>Belum diisi: {fields}.</source>
            <translation>Not filled in yet: {fields}.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Penyiapan awal — {app}</source>
            <translation>First-time setup — {app}</translation>
        </message>
        <message>
            <source>&amp;Lanjut &gt;</source>
            <translation>&amp;Next &gt;</translation>
        </message>
        <message>
            <source>&lt; &amp;Kembali</source>
            <translation>&lt; &amp;Back</translation>
        </message>
        <message>
            <source>&amp;Selesai</source>
            <translation>&amp;Finish</translation>
        </message>
        <message>
            <source>&amp;Batal</source>
            <translation>&amp;Cancel</translation>
        </message>
    </context>
    <context>
        <name>StalenessBox</name>
        <message>
            <source>Belum ada paket data induk dari koordinator di kantor ini.</source>
            <translation>No master-data pack from the coordinator at this office yet.</translation>
        </message>
        <message>
            <source>Paket data induk terakhir diterapkan {ago} ({date}).</source>
            <translation>Last master-data pack applied {ago} ({date}).</translation>
        </message>
        <message>
            <source>Minta paket terbaru ke koordinator (batas {limit} hari).</source>
            <translation>Ask the coordinator for the latest pack (limit {limit} days).</translation>
        </message>
        <message>
            <source>Belum ada batch yang dikirim dari kantor ini.</source>
            <translation>No batch has been sent from this office yet.</translation>
        </message>
        <message>
            <source>Batch terakhir dikirim {ago} ({date}).</source>
            <translation>Last batch sent {ago} ({date}).</translation>
        </message>
        <message>
            <source>Kirim data yang sudah siap (batas {limit} hari).</source>
            <translation>Send the records that are ready (limit {limit} days).</translation>
        </message>
        <message>
            <source>hari ini</source>
            <translation>today</translation>
        </message>
        <message>
            <source>{n} hari lalu</source>
            <translation>{n} days ago</translation>
        </message>
        <message>
            <source>data induk {n} hari</source>
            <translation>master data {n} days</translation>
        </message>
        <message>
            <source>batch {n} hari</source>
            <translation>batch {n} days</translation>
        </message>
        <message>
            <source>perlu diperbarui: {what}</source>
            <translation>needs updating: {what}</translation>
        </message>
    </context>
    <context>
        <name>StatsTab</name>
        <message>
            <source>{n} hari terakhir</source>
            <translation>last {n} days</translation>
        </message>
        <message>
            <source>&amp;Periode:</source>
            <translation>Peri&amp;od:</translation>
        </message>
        <message>
            <source>&amp;Rinci per hari</source>
            <translation>Per &amp;day</translation>
        </message>
        <message>
            <source>Hitung &amp;ulang</source>
            <translation>Recou&amp;nt</translation>
        </message>
        <message>
            <source>Operator / tanggal</source>
            <translation>Operator / date</translation>
        </message>
        <message>
            <source>Dientri</source>
            <translation>Keyed</translation>
        </message>
        <message>
            <source>Dengan peringatan</source>
            <translation>With warnings</translation>
        </message>
        <message>
            <source>Dikoreksi kemudian</source>
            <translation>Corrected later</translation>
        </message>
        <message>
            <source>Dikoreksi orang lain</source>
            <translation>Corrected by others</translation>
        </message>
        <message>
            <source>Ruas dikoreksi</source>
            <translation>Fields corrected</translation>
        </message>
        <message>
            <source>Formulir entri ganda</source>
            <translation>Double-keyed forms</translation>
        </message>
        <message>
            <source>Salah ketik / ruas</source>
            <translation>Typing errors / fields</translation>
        </message>
        <message>
            <source>Tingkat salah ketik</source>
            <translation>Typing error rate</translation>
        </message>
        <message>
            <source>Ruas belum diputuskan</source>
            <translation>Fields not yet decided</translation>
        </message>
        <message>
            <source>Diimpor</source>
            <translation>Imported</translation>
        </message>
        <message>
            <source>Dengan peringatan: disimpan dengan peringatan (mis. tanggal lahir beda dengan NIK). Dikoreksi kemudian: diubah lagi sesudah disimpan, oleh siapa pun. Salah ketik: ruas entri ganda yang diputuskan memakai nilai operator lain.</source>
            <translation>With warnings: saved with a warning (e.g. birth date differs from the NIK). Corrected later: changed again after saving, by anyone. Typing errors: double-keyed fields decided in favour of the other operator's value.</translation>
        </message>
        <message>
            <source>Menghitung statistik operator…</source>
            <translation>Counting operator statistics…</translation>
        </message>
        <message>
            <source>{start} – {end}: {n} data dientri oleh {ops} operator.</source>
            <translation>{start} – {end}: {n} records keyed by {ops} operators.</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>&amp;Terverifikasi oleh ketua RT</source>
            <translation>&amp;Verified by the RT head</translation>
        </message>
        <message>
            <source>&amp;Ditolak oleh ketua RT</source>
            <translation>&amp;Rejected by the RT head</translation>
        </message>
        <message>
            <source>Catat hasil verifikasi RT</source>
            <translation>Record RT verification</translation>
        </message>
        <message numerus="yes">
            <source>Hasil verifikasi untuk %n pendaftar terpilih:</source>
            <translation>
                <numerusform>Verification result for %n selected registrant:</numerusform>
                <numerusform>Verification result for %n selected registrants:</numerusform>
            </translation>
        </message>
        <message>
            <source>Alasan penolakan (wajib bila ditolak)</source>
            <translation>Reason for rejection (required when rejected)</translation>
        </message>
        <message>
            <source>Nonaktifkan pendaftar</source>
            <translation>Deactivate registrants</translation>
        </message>
        <message numerus="yes">
            <source>Nonaktifkan %n pendaftar terpilih. Alasan:</source>
            <translation>
                <numerusform>Deactivate %n selected registrant. Reason:</numerusform>
                <numerusform>Deactivate %n selected registrants. Reason:</numerusform>
            </translation>
        </message>
        <message>
            <source>Keterangan (misalnya tanggal meninggal)</source>
            <translation>Details (for example the date of death)</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>TemplateImport</name>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>No. KK</source>
            <translation>KK no.</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Jenis kelamin</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Nama ibu kandung</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>No. HP</source>
            <translation>Mobile no.</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Penghasilan</source>
            <translation>Income</translation>
        </message>
        <message>
            <source>Sumber dana</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Disimpan</source>
            <translation>Saved</translation>
        </message>
        <message>
            <source>Sudah ada (dilewati)</source>
            <translation>Already registered (skipped)</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Baris</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Hasil</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Kolom</source>
            <translation>Column</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar dengan data yang sama.</source>
            <translation>This NIK is already registered with the same data.</translation>
        </message>
    </context>
    <context>
        <name>TemplateImportPage</name>
        <message>
            <source>Impor template Excel</source>
            <translation>Import Excel template</translation>
        </message>
        <message>
            <source>Petugas desa mengisi template tanpa aplikasi; di sini template yang sudah diisi diperiksa baris demi baris. Baris yang benar disimpan sebagai draf, yang salah dilaporkan per kolom. Mengimpor file yang sama dua kali tidak membuat data ganda.</source>
            <translation>Village staff fill in the template without the app; here a filled template is checked row by row. Correct rows are saved as drafts, wrong ones reported by column. Importing the same file twice creates no duplicates.</translation>
        </message>
        <message>
            <source>&amp;Unduh template kosong…</source>
            <translation>&amp;Download empty template…</translation>
        </message>
        <message>
            <source>&amp;Pilih file dan impor…</source>
            <translation>&amp;Choose file and import…</translation>
        </message>
        <message>
            <source>&amp;Simpan laporan…</source>
            <translation>&amp;Save report…</translation>
        </message>
        <message>
            <source>Simpan template</source>
            <translation>Save template</translation>
        </message>
        <message>
            <source>Pilih template yang sudah diisi</source>
            <translation>Choose a filled template</translation>
        </message>
        <message>
            <source>Simpan laporan impor</source>
            <translation>Save import report</translation>
        </message>
        <message>
            <source>Menulis template…</source>
            <translation>Writing the template…</translation>
        </message>
        <message>
            <source>Template disimpan: {path}</source>
            <translation>Template saved: {path}</translation>
        </message>
        <message>
            <source>File: {path}</source>
            <translation>File: {path}</translation>
        </message>
        <message>
            <source>Mengimpor {name}…</source>
            <translation>Importing {name}…</translation>
        </message>
        <message>
            <source>Impor dibatalkan; tidak ada data yang diubah.</source>
            <translation>Import cancelled; nothing was changed.</translation>
        </message>
        <message>
            <source>{rows} baris dibaca: {saved} disimpan, {skipped} sudah ada (dilewati), {rejected} ditolak, {warned} dengan peringatan.</source>
            <translation>{rows} rows read: {saved} saved, {skipped} already registered (skipped), {rejected} rejected, {warned} with warnings.</translation>
        </message>
        <message>
            <source>Menyimpan laporan…</source>
            <translation>Saving the report…</translation>
        </message>
        <message>
            <source>Laporan disimpan: {path}</source>
            <translation>Report saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>Layar terkunci</source>
            <translation>Screen locked</translation>
        </message>
        <message>
            <source>Layar dikunci karena tidak ada aktivitas. Masukkan kata sandi {name} untuk melanjutkan.</source>
            <translation>The screen was locked after inactivity. Enter the password of {name} to continue.</translation>
        </message>
        <message>
            <source>&amp;Kata sandi:</source>
            <translation>&amp;Password:</translation>
        </message>
        <message>
            <source>&amp;Buka kunci</source>
            <translation>&amp;Unlock</translation>
        </message>
        <message>
            <source>&amp;Keluar akun</source>
            <translation>&amp;Log out</translation>
        </message>
    </context>
    <context>
        <name>UsersTab</name>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Login terakhir</source>
            <translation>Last login</translation>
        </message>
        <message>
            <source>&amp;Tambah pengguna…</source>
            <translation>&amp;Add user…</translation>
        </message>
        <message>
            <source>Ubah &amp;peran…</source>
            <translation>Change &amp;role…</translation>
        </message>
        <message>
            <source>Buka &amp;kunci akun</source>
            <translation>Un&amp;lock account</translation>
        </message>
        <message>
            <source>N&amp;onaktifkan / aktifkan</source>
            <translation>Disable / enable (&amp;o)</translation>
        </message>
        <message>
            <source>Atur ulang kata &amp;sandi…</source>
            <translation>Re&amp;set password…</translation>
        </message>
        <message>
            <source>Nonaktif</source>
            <translation>Disabled</translation>
        </message>
        <message>
            <source>Terkunci</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>Aktif</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Add user</translation>
        </message>
        <message>
            <source>&amp;Nama pengguna:</source>
            <translation>&amp;Username:</translation>
        </message>
        <message>
            <source>Nama &amp;lengkap:</source>
            <translation>&amp;Full name:</translation>
        </message>
        <message>
            <source>&amp;Peran:</source>
            <translation>&amp;Role:</translation>
        </message>
        <message>
            <source>&amp;Kata sandi:</source>
            <translation>&amp;Password:</translation>
        </message>
        <message>
            <source>&amp;Ulangi kata sandi:</source>
            <translation>&amp;Repeat password:</translation>
        </message>
        <message>
            <source>Ubah peran {name}</source>
            <translation>Change the role of {name}</translation>
        </message>
        <message>
            <source>Kata sandi baru untuk {name}</source>
            <translation>New password for {name}</translation>
        </message>
        <message>
            <source>&amp;Kata sandi baru:</source>
            <translation>&amp;New password:</translation>
        </message>
    </context>
    <context>
        <name>ValuesStep</name>
        <message>
            <source>Tampilkan &amp;semua nilai (juga yang sudah cocok)</source>
            <translation>Show &amp;all values (also those already matched)</translation>
        </message>
        <message>
            <source>Kolom</source>
            <translation>Column</translation>
        </message>
        <message>
            <source>Nilai tertulis</source>
            <translation>Written value</translation>
        </message>
        <message>
            <source>Baris</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Dipetakan ke</source>
            <translation>Mapped to</translation>
        </message>
        <message>
            <source>Skor</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>Cara</source>
            <translation>How</translation>
        </message>
        <message>
            <source>Periksa &amp;ulang dengan pilihan ini</source>
            <translation>Check &amp;again with these choices</translation>
        </message>
        <message>
            <source>Lanjut: p&amp;ratinjau »</source>
            <translation>Next: p&amp;review »</translation>
        </message>
        <message>
            <source>pilihan Anda</source>
            <translation>your choice</translation>
        </message>
        <message>
            <source>sama / sinonim</source>
            <translation>same / synonym</translation>
        </message>
        <message>
            <source>sinonim di dalam teks</source>
            <translation>synonym within the text</translation>
        </message>
        <message>
            <source>mirip: periksa</source>
            <translation>similar: check</translation>
        </message>
        <message>
            <source>tidak dikenal: dicatat LAINNYA</source>
            <translation>unknown: recorded as LAINNYA</translation>
        </message>
        <message>
            <source>tidak dikenal: pilih</source>
            <translation>unknown: choose</translation>
        </message>
        <message>
            <source>{n} nilai berbeda pada kolom berkode (pekerjaan, L/P, sumber dana, status) perlu dipastikan ({rows} baris). Pilih kategorinya sekali; pilihan dipakai untuk semua baris dengan tulisan yang sama dan disimpan bersama profil pemetaan. "Cara" menunjukkan bagaimana nilai dicocokkan; skor 100 berarti sama persis.</source>
            <translation>{n} distinct values in coded columns (occupation, sex, funder, status) need a decision ({rows} rows). Choose each one's category once; the choice applies to every row with the same text and is saved with the mapping profile. "How" shows how the value was matched; score 100 means identical.</translation>
        </message>
        <message>
            <source>Semua nilai kolom berkode sudah cocok dengan kategorinya.</source>
            <translation>Every value of the coded columns matches its category.</translation>
        </message>
        <message>
            <source>{jenis}: tidak ada sumber dana aktif berjenis itu</source>
            <translation>{jenis}: no active funder of that kind</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>L/P</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Sumber dana</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>(belum dipilih)</source>
            <translation>(not chosen)</translation>
        </message>
        <message>
            <source>tidak dikenal: dianggap aktif</source>
            <translation>unknown: taken as active</translation>
        </message>
        <message>
            <source>tidak dikenal: dicatat {kode}</source>
            <translation>unknown: recorded as {kode}</translation>
        </message>
    </context>
    <context>
        <name>dedupe</name>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>No. KK</source>
            <translation>KK no.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>L/P</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Nama ibu kandung</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>No. HP</source>
            <translation>Mobile no.</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Asal kiriman</source>
            <translation>Source batch</translation>
        </message>
        <message>
            <source>Dientri oleh</source>
            <translation>Entered by</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Berkas {name} tidak dapat dibuka atau ditulis ({reason}).</source>
            <translation>The file {name} cannot be opened or written ({reason}).</translation>
        </message>
        <message>
            <source>Perhatian</source>
            <translation>Attention</translation>
        </message>
        <message>
            <source>Basis data sedang dipakai</source>
            <translation>The database is in use</translation>
        </message>
        <message>
            <source>Coba &amp;lagi</source>
            <translation>T&amp;ry again</translation>
        </message>
        <message>
            <source>Terjadi kesalahan program</source>
            <translation>Program error</translation>
        </message>
        <message>
            <source>(log tidak aktif)</source>
            <translation>(logging is off)</translation>
        </message>
        <message>
            <source>Maaf, terjadi kesalahan dalam program. Data yang sudah disimpan aman. Kirim rincian di bawah ini ke petugas TI. Log: {log}</source>
            <translation>Sorry, the program hit an internal error. Saved data is safe. Send the details below to IT support. Log: {log}</translation>
        </message>
        <message>
            <source>&amp;Salin rincian</source>
            <translation>&amp;Copy details</translation>
        </message>
        <message>
            <source>&amp;Tutup</source>
            <translation>&amp;Close</translation>
        </message>
    </context>
    <context>
        <name>legacy</name>
        <message>
            <source>(tidak dipakai)</source>
            <translation>(not used)</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>No. KK</source>
            <translation>KK no.</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Tempat, tanggal lahir (TTL)</source>
            <translation>Place and date of birth (TTL)</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Jenis kelamin (L/P)</source>
            <translation>Sex (L/P)</translation>
        </message>
        <message>
            <source>Nama ibu kandung</source>
            <translation>Mother's maiden name</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>RT/RW</source>
            <translation>RT/RW</translation>
        </message>
        <message>
            <source>RT</source>
            <translation>RT</translation>
        </message>
        <message>
            <source>RW</source>
            <translation>RW</translation>
        </message>
        <message>
            <source>Desa/kelurahan</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Kecamatan</source>
            <translation>Kecamatan</translation>
        </message>
        <message>
            <source>No. HP</source>
            <translation>Mobile no.</translation>
        </message>
        <message>
            <source>Pekerjaan</source>
            <translation>Occupation</translation>
        </message>
        <message>
            <source>No. KPJ</source>
            <translation>KPJ no.</translation>
        </message>
        <message>
            <source>Sumber dana</source>
            <translation>Funder</translation>
        </message>
        <message>
            <source>Status peserta</source>
            <translation>Participant status</translation>
        </message>
        <message>
            <source>Operator/petugas</source>
            <translation>Operator/clerk</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>dari judul kolom</source>
            <translation>from the column heading</translation>
        </message>
        <message>
            <source>dari isi kolom</source>
            <translation>from the column contents</translation>
        </message>
        <message>
            <source>dari profil</source>
            <translation>from the profile</translation>
        </message>
        <message>
            <source>dipilih pengguna</source>
            <translation>chosen by the user</translation>
        </message>
        <message>
            <source>kolom laporan</source>
            <translation>report column</translation>
        </message>
        <message>
            <source>siap diimpor</source>
            <translation>ready to import</translation>
        </message>
        <message>
            <source>ditolak</source>
            <translation>refused</translation>
        </message>
        <message>
            <source>sudah diimpor</source>
            <translation>already imported</translation>
        </message>
        <message>
            <source>diimpor</source>
            <translation>imported</translation>
        </message>
        <message>
            <source>sudah terdaftar</source>
            <translation>already registered</translation>
        </message>
        <message>
            <source>perubahan data</source>
            <translation>data change</translation>
        </message>
        <message>
            <source>dikoreksi</source>
            <translation>corrected</translation>
        </message>
    </context>
    <context>
        <name>missing_db</name>
        <message>
            <source>Berkas basis data {path} tidak ada; periksa nama berkas pada --db, atau pilih Buat basis data baru bila memang ingin memulai basis data kantor yang baru di sana.</source>
            <translation>The database file {path} does not exist; check the file name given to --db, or choose Create a new database if you do mean to start a new office database there.</translation>
        </message>
        <message>
            <source>&amp;Buat basis data baru</source>
            <translation>&amp;Create a new database</translation>
        </message>
        <message>
            <source>&amp;Tutup</source>
            <translation>&amp;Close</translation>
        </message>
    </context>
    <context>
        <name>pages</name>
        <message>
            <source>&amp;Beranda</source>
            <translation>&amp;Home</translation>
        </message>
        <message>
            <source>&amp;Pengaturan</source>
            <translation>&amp;Settings</translation>
        </message>
        <message>
            <source>&amp;Impor template</source>
            <translation>&amp;Import template</translation>
        </message>
        <message>
            <source>&amp;Entri data</source>
            <translation>&amp;Data entry</translation>
        </message>
        <message>
            <source>&amp;Daftar pendaftar</source>
            <translation>&amp;Registrant list</translation>
        </message>
        <message>
            <source>Konf&amp;lik data</source>
            <translation>Data conf&amp;licts</translation>
        </message>
        <message>
            <source>K&amp;unci tanda tangan</source>
            <translation>Signing &amp;keys</translation>
        </message>
        <message>
            <source>&amp;Cetak</source>
            <translation>&amp;Print</translation>
        </message>
        <message>
            <source>Tanda &amp;terima</source>
            <translation>Rec&amp;eipts</translation>
        </message>
        <message>
            <source>&amp;Jejak audit</source>
            <translation>&amp;Audit trail</translation>
        </message>
        <message>
            <source>Data &amp;ganda</source>
            <translation>D&amp;uplicates</translation>
        </message>
        <message>
            <source>Cada&amp;ngan data</source>
            <translation>&amp;Backups</translation>
        </message>
        <message>
            <source>&amp;Kirim/terima batch</source>
            <translation>Send/receive &amp;batches</translation>
        </message>
        <message>
            <source>Periks&amp;a kartu</source>
            <translation>Check &amp;card</translation>
        </message>
        <message>
            <source>Impor data la&amp;ma</source>
            <translation>Import &amp;legacy data</translation>
        </message>
        <message>
            <source>Kualita&amp;s data</source>
            <translation>Data &amp;quality</translation>
        </message>
        <message>
            <source>Hasil daftar &amp;RT</source>
            <translation>RT list &amp;results</translation>
        </message>
        <message>
            <source>&amp;Verifikasi entri</source>
            <translation>&amp;Keying checks</translation>
        </message>
        <message>
            <source>Data induk</source>
            <translation>Master data</translation>
        </message>
    </context>
    <context>
        <name>parent</name>
        <message>
            <source>Kunci kantor masih dilindungi berkas rahasia di sebelahnya, sehingga siapa pun yang menyalin folder data dapat menandatangani atas nama kantor. Tetapkan frasa sandi (minimal 12 karakter); simpan di tempat aman, tanpa frasa sandi ini batch tidak dapat ditandatangani.</source>
            <translation>The office key is still protected by a secret file next to it, so anyone who copies the data folder can sign on behalf of the office. Set a passphrase (at least 12 characters); keep it somewhere safe: without it no batch can be signed.</translation>
        </message>
        <message>
            <source>Masukkan frasa sandi kunci kantor untuk menandatangani atau membuka batch.</source>
            <translation>Enter the office key passphrase to sign or open batches.</translation>
        </message>
        <message>
            <source>Kunci kantor terkunci. Data baru dan jejak audit disegel dengan kunci ini, jadi masukkan frasa sandi kunci kantor (admin) sebelum masuk.</source>
            <translation>The office key is locked. New records and the audit trail are sealed with this key, so enter the office key passphrase (admin) before logging in.</translation>
        </message>
        <message>
            <source>Kunci kantor dilindungi frasa sandi yang tidak disimpan di komputer ini (minimal 12 karakter). Catat dan simpan di tempat aman: frasa sandi ini juga membuka cadangan terenkripsi.</source>
            <translation>The office key is protected by a passphrase that is not stored on this computer (at least 12 characters). Write it down and keep it somewhere safe: this passphrase also opens the encrypted backups.</translation>
        </message>
    </context>
    <context>
        <name>roles</name>
        <message>
            <source>Operator</source>
            <extracomment>a page built at first use reads its data this long after it is shown, so that its first paint and anything the user typed meanwhile get a turn of the event loop of their own</extracomment>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>Koordinator</source>
            <translation>Coordinator</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
    </context>
    <context>
        <name>server</name>
        <message>
            <source>Tes koneksi gagal karena kesalahan aplikasi.</source>
            <translation>The connection test failed because of an error in the app.</translation>
        </message>
    </context>
</TS>