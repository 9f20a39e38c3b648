"""Message codes of the legacy import, in Bahasa Indonesia and English.

Codes are stable strings (they appear in the report workbook and in ``--json``); the text lives in the
shared catalogue of :mod:`rentan_desktop.domain.issues` so every front end speaks the same sentence.
"""

from __future__ import annotations

from rentan_desktop.domain import issues

NAME_EMPTY = "legacy.nama.kosong"
NAME_SUSPECT = "legacy.nama.aneh"
DATE_EMPTY = "legacy.tanggal.kosong"
DATE_INVALID = "legacy.tanggal.tidak_valid"
DATE_SWAPPED = "legacy.tanggal.bulan_hari"
DATE_AGE = "legacy.tanggal.usia"
PLACE_EMPTY = "legacy.tempat.kosong"
SEX_INVALID = "legacy.jk.tidak_valid"
RTRW_INVALID = "legacy.rtrw.tidak_valid"
DESA_EMPTY = "legacy.desa.kosong"
DESA_FUZZY = "legacy.desa.mirip"
DESA_UNKNOWN = "legacy.desa.tidak_dikenal"
DESA_AMBIGUOUS = "legacy.desa.ambigu"
KEC_FUZZY = "legacy.kecamatan.mirip"
KEC_UNKNOWN = "legacy.kecamatan.tidak_dikenal"
NIK_EMPTY = "nik.empty"  # the shared NIK catalogue (domain.nik) owns the NIK texts
DUP_NIK_FILE = "legacy.duplikat.nik_file"
DUP_NIK_DB = "legacy.duplikat.nik_db"
DUP_POSSIBLE = "legacy.duplikat.mungkin"
ROW_ALREADY = "legacy.baris.sudah_diimpor"
FILE_UNREADABLE = "legacy.file.tidak_terbaca"
FILE_NO_HEADER = "legacy.file.tanpa_judul"
FILE_NO_SHEET = "legacy.file.sheet_tidak_ada"
FILE_TOO_BIG = "legacy.file.terlalu_besar"
MAPPING_MISSING = "legacy.kolom.wajib"
PROFILE_UNKNOWN = "legacy.profil.tidak_ada"
CANCELLED = "legacy.dibatalkan"
# Coded fields written as free text (legacy.values) and the mistakes real lists carry.
VALUE_FUZZY = "legacy.nilai.mirip"
VALUE_UNKNOWN_CODE = "legacy.nilai.kode_tidak_ada"
VALUE_FIELD = "legacy.nilai.kolom_tidak_bisa"
JOB_FALLBACK = "legacy.pekerjaan.lainnya"
KK_IS_NIK = "legacy.kk.sama_nik"
PHONE_NUMBER = "legacy.hp.angka"
KK_NUMBER = "legacy.kk.angka"
KK_DAMAGED = "legacy.kk.rusak"
NAME_DECEASED = "legacy.nama.almarhum"
NAME_TITLE = "legacy.nama.gelar"
DESA_OTHER_KEC = "legacy.desa.kecamatan_lain"
DATE_FUTURE = "legacy.tanggal.masa_depan"
DATE_IMPOSSIBLE = "legacy.tanggal.mustahil"
NIK_DATE_SWAP = "legacy.nik.tanggal_tertukar"
STATUS_INACTIVE = "legacy.status.tidak_aktif"
STATUS_UNKNOWN = "legacy.status.tidak_dikenal"
FUNDER_FALLBACK = "legacy.dana.cadangan"
FUNDER_UNKNOWN = "legacy.dana.tidak_dikenal"
FUNDER_KIND_MISSING = "legacy.dana.jenis_tidak_aktif"
DESA_CHOSEN_UNKNOWN = "legacy.desa.pilihan_tidak_ada"

issues.define_all(
    {
        NAME_EMPTY: ("Nama kosong.", "Name is empty."),
        NAME_SUSPECT: ("Nama tidak wajar: {nilai}.", "Name looks wrong: {nilai}."),
        DATE_EMPTY: ("Tanggal lahir kosong.", "Birth date is empty."),
        DATE_INVALID: (
            "Tanggal lahir tidak bisa dibaca: {nilai}.",
            "Birth date cannot be read: {nilai}.",
        ),
        DATE_SWAPPED: (
            "Tanggal {nilai} dibaca sebagai bulan/hari: {tanggal}.",
            "Date {nilai} read as month/day: {tanggal}.",
        ),
        DATE_AGE: (
            "Usia {usia} tahun tidak wajar (tanggal lahir {tanggal}).",
            "Age {usia} is implausible (birth date {tanggal}).",
        ),
        PLACE_EMPTY: ("Tempat lahir kosong.", "Place of birth is empty."),
        SEX_INVALID: (
            "Jenis kelamin tidak dikenal: {nilai} (isi L atau P).",
            "Unknown sex: {nilai} (use L or P).",
        ),
        RTRW_INVALID: ("RT/RW tidak bisa dibaca: {nilai}.", "RT/RW cannot be read: {nilai}."),
        DESA_EMPTY: (
            "Desa/kelurahan kosong. Bila seluruh daftar dari satu desa, sebutkan desanya di "
            "langkah Kolom atau dengan --desa.",
            "Desa/kelurahan is empty. If the whole list is from one desa, name it in the Columns "
            "step or with --desa.",
        ),
        DESA_FUZZY: (
            'Desa "{nilai}" dicocokkan ke {nama} ({kode}), skor {skor}.',
            'Desa "{nilai}" matched to {nama} ({kode}), score {skor}.',
        ),
        DESA_UNKNOWN: (
            'Desa "{nilai}" tidak ditemukan di kode Kemendagri{saran}.',
            'Desa "{nilai}" not found in the Kemendagri codes{saran}.',
        ),
        DESA_AMBIGUOUS: (
            'Desa "{nilai}" ada di beberapa kecamatan ({pilihan}): isi kecamatan.',
            'Desa "{nilai}" exists in several kecamatan ({pilihan}): fill in the kecamatan.',
        ),
        KEC_FUZZY: (
            'Kecamatan "{nilai}" dicocokkan ke {nama} ({kode}), skor {skor}.',
            'Kecamatan "{nilai}" matched to {nama} ({kode}), score {skor}.',
        ),
        KEC_UNKNOWN: (
            'Kecamatan "{nilai}" tidak ditemukan di kode Kemendagri.',
            'Kecamatan "{nilai}" not found in the Kemendagri codes.',
        ),
        DUP_NIK_FILE: (
            "NIK sama dengan baris {baris} di file ini.",
            "Same NIK as row {baris} in this file.",
        ),
        DUP_NIK_DB: (
            "NIK sudah terdaftar atas nama {nama}.",
            "NIK already registered to {nama}.",
        ),
        DUP_POSSIBLE: (
            "Mungkin orang yang sama dengan {lain} ({alasan}).",
            "Possibly the same person as {lain} ({alasan}).",
        ),
        ROW_ALREADY: (
            "Baris ini sudah diimpor sebelumnya.",
            "This row was already imported.",
        ),
        FILE_UNREADABLE: (
            "File tidak bisa dibaca: {alasan}.",
            "The file cannot be read: {alasan}.",
        ),
        FILE_NO_HEADER: (
            "Baris judul kolom (NIK, NAMA, …) tidak ditemukan di sheet {sheet}.",
            "No header row (NIK, NAMA, …) found in sheet {sheet}.",
        ),
        FILE_NO_SHEET: (
            'Sheet "{sheet}" tidak ada; yang ada: {pilihan}.',
            'Sheet "{sheet}" does not exist; available: {pilihan}.',
        ),
        FILE_TOO_BIG: (
            "File terlalu besar untuk diimpor ({alasan}).",
            "The file is too large to import ({alasan}).",
        ),
        MAPPING_MISSING: (
            "Kolom wajib tidak ditemukan: {kolom}.",
            "Required column not found: {kolom}.",
        ),
        CANCELLED: (
            "Dibatalkan; tidak ada data yang diubah.",
            "Cancelled; nothing was changed.",
        ),
        VALUE_FUZZY: (
            '{kolom} "{nilai}" dicocokkan ke {kode} ({nama}), skor {skor}: periksa, lalu '
            "tetapkan sekali di langkah Nilai atau dengan --map-value.",
            '{kolom} "{nilai}" matched to {kode} ({nama}), score {skor}: check it, then '
            "confirm it once in the Values step or with --map-value.",
        ),
        VALUE_UNKNOWN_CODE: (
            'Kode "{kode}" untuk {kolom} tidak ada; pilihan: {pilihan}.',
            'Code "{kode}" for {kolom} does not exist; choices: {pilihan}.',
        ),
        VALUE_FIELD: (
            "Nilai kolom {kolom} tidak bisa dipetakan; yang bisa: {pilihan}.",
            "Values of column {kolom} cannot be mapped; mappable: {pilihan}.",
        ),
        JOB_FALLBACK: (
            'Pekerjaan "{nilai}" tidak ada di daftar, dicatat sebagai {kode}: pilih kategorinya '
            'sekali di langkah Nilai atau dengan --map-value pekerjaan="{nilai}"=KODE.',
            'Occupation "{nilai}" is not in the list and was recorded as {kode}: choose its '
            'category once in the Values step or with --map-value pekerjaan="{nilai}"=CODE.',
        ),
        KK_IS_NIK: (
            "No. KK sama dengan NIK; KK tidak disimpan: salin No. KK dari kartu keluarga.",
            "The KK number equals the NIK; the KK was not stored: copy it from the family card.",
        ),
        KK_NUMBER: (
            "No. KK tersimpan sebagai angka di spreadsheet; dibaca {nomor}: cocokkan dengan kartu "
            "keluarga, dan simpan kolomnya sebagai teks.",
            "The KK number was stored as a number in the spreadsheet; read as {nomor}: check it "
            "against the family card, and keep the column as text.",
        ),
        KK_DAMAGED: (
            "No. KK {nilai} sudah dirusak spreadsheet (tersimpan sebagai angka, digitnya hilang); "
            "KK tidak disimpan: ketik ulang dari kartu keluarga sebagai teks.",
            "KK number {nilai} was damaged by the spreadsheet (stored as a number, digits lost); "
            "the KK was not stored: retype it from the family card as text.",
        ),
        PHONE_NUMBER: (
            "No. HP {nilai} tersimpan sebagai angka dan kehilangan 0 di depan; dibaca {nomor}: "
            "periksa nomornya.",
            "Phone {nilai} was stored as a number and lost its leading 0; read as {nomor}: "
            "check the number.",
        ),
        NAME_DECEASED: (
            'Nama "{nilai}" bertanda almarhum/almarhumah: orang yang sudah meninggal tidak '
            "didaftarkan; periksa dengan desa.",
            'Name "{nilai}" carries a death marker: a deceased person is not registered; '
            "check with the desa.",
        ),
        NAME_TITLE: (
            'Gelar "{gelar}" dilepas dari nama untuk pencocokan ({nama}); simpan nama sesuai KTP.',
            'Title "{gelar}" left out of the name used for matching ({nama}); keep the name as '
            "on the KTP.",
        ),
        DESA_OTHER_KEC: (
            'Desa "{nilai}" ada di Kecamatan {kec_desa}, bukan di {kec_tertulis} ({asal}): '
            "periksa desa atau kecamatannya.",
            'Desa "{nilai}" lies in kecamatan {kec_desa}, not in {kec_tertulis} ({asal}): '
            "check the desa or the kecamatan.",
        ),
        DATE_FUTURE: (
            "Tanggal lahir {nilai} ada di masa depan: periksa tahunnya di KTP.",
            "Birth date {nilai} is in the future: check the year on the KTP.",
        ),
        DATE_IMPOSSIBLE: (
            "Tanggal lahir {nilai} tidak ada di kalender: periksa hari dan bulannya di KTP.",
            "Birth date {nilai} does not exist: check the day and month on the KTP.",
        ),
        NIK_DATE_SWAP: (
            "Tanggal lahir di NIK ({nik_date}) dan tanggal tercatat ({recorded}) hanya beda "
            "angka tertukar: salah ketik di salah satunya; periksa KTP.",
            "The NIK's birth date ({nik_date}) and the recorded one ({recorded}) differ by "
            "swapped digits: one of them is mistyped; check the KTP.",
        ),
        STATUS_INACTIVE: (
            'Status "{nilai}" berarti {arti} (skor {skor}): orang ini tidak didaftarkan; periksa '
            "dengan desa. Bila tulisan itu salah dibaca, petakan dengan --map-value "
            'status="{nilai}"=AKTIF.',
            'Status "{nilai}" means {arti} (score {skor}): this person is not registered; check '
            "with the desa. If the word was misread, map it with --map-value "
            'status="{nilai}"=AKTIF.',
        ),
        STATUS_UNKNOWN: (
            'Status "{nilai}" tidak dikenal, dianggap aktif: pastikan dengan desa, lalu petakan '
            'sekali di langkah Nilai atau dengan --map-value status="{nilai}"=KODE.',
            'Status "{nilai}" is unknown and was taken as active: check with the desa, then map '
            'it once in the Values step or with --map-value status="{nilai}"=CODE.',
        ),
        FUNDER_FALLBACK: (
            'Sumber dana "{nilai}" tidak dikenal, dicatat sebagai {kode}: pilih sumber dananya '
            'sekali di langkah Nilai atau dengan --map-value sumber_dana="{nilai}"=KODE.',
            'Funder "{nilai}" is unknown and was recorded as {kode}: choose the funder once in '
            'the Values step or with --map-value sumber_dana="{nilai}"=CODE.',
        ),
        FUNDER_UNKNOWN: (
            'Sumber dana "{nilai}" tidak dikenal (pilihan: {pilihan}): petakan sekali di langkah '
            'Nilai atau dengan --map-value sumber_dana="{nilai}"=KODE.',
            'Funder "{nilai}" is unknown (choices: {pilihan}): map it once in the Values step '
            'or with --map-value sumber_dana="{nilai}"=CODE.',
        ),
        FUNDER_KIND_MISSING: (
            'Sumber dana "{nilai}" adalah {jenis}, tetapi kantor ini tidak punya sumber dana aktif '
            "berjenis itu (yang aktif: {pilihan}); baris tidak dicatat atas sumber dana lain. "
            "Tambahkan sumber dananya di Data master, atau bila memang dibiayai sumber dana lain, "
            'petakan sekali di langkah Nilai atau dengan --map-value sumber_dana="{nilai}"=KODE.',
            'Funder "{nilai}" is {jenis}, but this office has no active funder of that kind '
            "(active: {pilihan}); the row is not recorded under another funder. Add the funder in "
            "Master data, or if another funder really pays, map it once in the Values step or "
            'with --map-value sumber_dana="{nilai}"=CODE.',
        ),
        DESA_CHOSEN_UNKNOWN: (
            'Kode desa "{nilai}" tidak ada di daftar wilayah kantor ini: tulis kode 10 angka '
            "atau nama desanya.",
            'Desa code "{nilai}" is not in this office\'s region list: give the 10-digit code '
            "or the desa's name.",
        ),
        PROFILE_UNKNOWN: (
            'Profil impor "{nama}" tidak ada.',
            'Import profile "{nama}" does not exist.',
        ),
    }
)


class LegacyFileError(issues.Refusal):
    """A legacy file cannot be read (unreadable, too big, no such sheet, no header)."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(issues.text(code, "en", **params))

    def message(self, lang: str | None = None) -> str:
        return issues.text(self.code, lang, **self.params)
