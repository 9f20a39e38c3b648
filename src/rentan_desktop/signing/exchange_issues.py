"""Message codes for keys, signed batches, receipts and card tokens (Bahasa Indonesia, English).

Each refusal has its own code so the verification report, the CLI and the tests can tell the
reasons apart; the sentences name the row, field, office or batch when there is one.
"""

from __future__ import annotations

from rentan_desktop.domain import issues

# Keys and trust
KEY_MISSING = "key.missing"
KEY_LOCKED = "key.locked"
KEY_EXISTS = "key.exists"
KEY_FILE_MALFORMED = "key.file_malformed"
KEY_SELF_SIGNATURE = "key.self_signature"
KEY_FINGERPRINT_MISMATCH = "key.fingerprint_mismatch"
KEY_ALREADY_TRUSTED = "key.already_trusted"
KEY_NOT_TRUSTED = "key.not_trusted"
# Batches
BATCH_FILES_MISSING = "batch.files_missing"
BATCH_MANIFEST_MALFORMED = "batch.manifest_malformed"
BATCH_VERSION = "batch.version_unsupported"
BATCH_UNKNOWN_SIGNER = "batch.unknown_signer"
BATCH_REVOKED_SIGNER = "batch.revoked_signer"
RECEIPT_REVOKED_SIGNER = "receipt.revoked_signer"
BATCH_BAD_SIGNATURE = "batch.bad_signature"
BATCH_WRONG_RECIPIENT = "batch.wrong_recipient"
BATCH_UNREADABLE = "batch.unreadable"
BATCH_HEADER_CHANGED = "batch.header_changed"
BATCH_ROW_COUNT = "batch.row_count"
BATCH_ROW_CHANGED = "batch.row_changed"
BATCH_FILE_CHANGED = "batch.file_changed"
BATCH_SEALED_ELSEWHERE = "batch.sealed_elsewhere"
BATCH_SEALED_DAMAGED = "batch.sealed_damaged"
BATCH_NUMERIC_ID = "batch.numeric_identity"
BATCH_ALREADY_IMPORTED = "batch.already_imported"
BATCH_SEQ_CONFLICT = "batch.seq_conflict"
BATCH_CHAIN_BROKEN = "batch.chain_broken"
BATCH_GAP = "batch.gap"
BATCH_NOTHING_TO_SEND = "batch.nothing_to_send"
BATCH_WRITE_FAILED = "batch.write_failed"
BATCH_READBACK_FAILED = "batch.readback_failed"
BATCH_CANCELLED = "batch.cancelled"
# Receipts
RECEIPT_MALFORMED = "receipt.malformed"
RECEIPT_UNKNOWN_SIGNER = "receipt.unknown_signer"
RECEIPT_BAD_SIGNATURE = "receipt.bad_signature"
RECEIPT_WRONG_OFFICE = "receipt.wrong_office"
RECEIPT_UNKNOWN_BATCH = "receipt.unknown_batch"
RECEIPT_ALREADY_IMPORTED = "receipt.already_imported"
# Card tokens
CARD_MALFORMED = "card.malformed"
CARD_VERSION = "card.version"
CARD_UNKNOWN_SIGNER = "card.unknown_signer"
CARD_REVOKED_SIGNER = "card.revoked_signer"
CARD_BAD_SIGNATURE = "card.bad_signature"
CARD_OFFICE_MISMATCH = "card.office_mismatch"

issues.define_all(
    {
        KEY_MISSING: (
            "Kunci kantor belum dibuat; buat dulu di halaman Kunci tanda tangan "
            "(atau dengan perintah rentan keys create).",
            "No office key has been created; create one first on the Kunci tanda tangan page "
            "(or with rentan keys create).",
        ),
        KEY_LOCKED: (
            "Kunci kantor tidak dapat dibuka; periksa kata sandi atau berkas rahasia kunci.",
            "The office key cannot be unlocked; check the passphrase or the key secret file.",
        ),
        KEY_EXISTS: (
            "Kantor ini sudah memiliki kunci; kunci lama tidak ditimpa.",
            "This office already has a key; the existing key is never overwritten.",
        ),
        KEY_FILE_MALFORMED: (
            "Berkas kunci publik {file} rusak atau bukan berkas kunci Rentan.",
            "The public key file {file} is damaged or not a Rentan key file.",
        ),
        KEY_SELF_SIGNATURE: (
            "Tanda tangan di berkas kunci publik {file} tidak cocok.",
            "The signature inside the public key file {file} does not match.",
        ),
        KEY_FINGERPRINT_MISMATCH: (
            "Sidik kunci dalam berkas tidak sama dengan yang dibacakan ({expected}); kunci tidak "
            "dipercaya. Minta kantor itu membacakan sidik kuncinya lagi dari halaman Kunci tanda "
            "tangan, lalu coba lagi.",
            "The fingerprint in the key file differs from the one read out ({expected}); key not "
            "trusted. Ask that office to read its fingerprint again from its key page, then retry.",
        ),
        KEY_ALREADY_TRUSTED: (
            "Kunci {fingerprint} sudah dipercaya untuk kantor {office}.",
            "Key {fingerprint} is already trusted for office {office}.",
        ),
        KEY_NOT_TRUSTED: (
            "Kunci {fingerprint} tidak terdaftar sebagai kunci tepercaya.",
            "Key {fingerprint} is not registered as a trusted key.",
        ),
        BATCH_FILES_MISSING: (
            "Berkas {file} tidak ditemukan di samping buku kerja batch.",
            "The file {file} is missing next to the batch workbook.",
        ),
        BATCH_MANIFEST_MALFORMED: (
            "Manifes batch rusak atau tidak lengkap ({detail}).",
            "The batch manifest is damaged or incomplete ({detail}).",
        ),
        BATCH_VERSION: (
            "Versi batch {version} tidak didukung oleh aplikasi ini; perbarui aplikasi.",
            "Batch version {version} is not supported by this app; update the app.",
        ),
        BATCH_UNKNOWN_SIGNER: (
            "Penanda tangan tidak dikenal: kunci {key} kantor {office} belum didaftarkan sebagai tepercaya.",
            "Unknown signer: key {key} of office {office} is not registered as trusted.",
        ),
        BATCH_REVOKED_SIGNER: (
            "Kunci {fingerprint} kantor {office} dicabut sejak {date}; batch ditolak.",
            "Key {fingerprint} of office {office} was revoked on {date}; batch refused.",
        ),
        BATCH_BAD_SIGNATURE: (
            "Tanda tangan batch tidak sah: manifes diubah atau bukan dari kantor {office}.",
            "Bad batch signature: the manifest was changed or not signed by office {office}.",
        ),
        BATCH_WRONG_RECIPIENT: (
            "Batch ini ditujukan ke kantor {recipient}, bukan kantor ini ({office}).",
            "This batch is addressed to office {recipient}, not this office ({office}).",
        ),
        BATCH_UNREADABLE: (
            "Buku kerja batch tidak dapat dibaca: {detail}.",
            "The batch workbook cannot be read: {detail}.",
        ),
        BATCH_HEADER_CHANGED: (
            "Kolom buku kerja diubah setelah ditandatangani (kolom {column}).",
            "The workbook columns were changed after signing (column {column}).",
        ),
        BATCH_ROW_COUNT: (
            "Jumlah baris diubah setelah ditandatangani: {actual} baris, seharusnya {expected}.",
            "The row count changed after signing: {actual} rows, expected {expected}.",
        ),
        BATCH_ROW_CHANGED: (
            "Buku kerja diubah setelah ditandatangani: baris {row}, kolom {field}.",
            "The workbook was changed after signing: row {row}, field {field}.",
        ),
        BATCH_SEALED_ELSEWHERE: (
            "Batch ini dienkripsi untuk kunci kantor lain ({key}), bukan kunci kantor ini; minta "
            "pengirim mengekspor ulang dengan kunci publik terbaru kantor ini.",
            "This batch is encrypted to another office key ({key}), not this office's; ask the "
            "sender to export again with this office's latest public key.",
        ),
        BATCH_SEALED_DAMAGED: (
            "Isi terenkripsi batch rusak dan tidak dapat dibuka; gunakan berkas asli dari flashdisk.",
            "The encrypted contents of the batch are damaged and cannot be opened; use the original "
            "file from the stick.",
        ),
        BATCH_FILE_CHANGED: (
            "Berkas buku kerja diubah atau disimpan ulang setelah ditandatangani; gunakan berkas asli dari flashdisk.",
            "The workbook file was changed or re-saved after signing; use the original file from the stick.",
        ),
        BATCH_NUMERIC_ID: (
            "{field} di baris {row} tersimpan sebagai angka, bukan teks; digit bisa hilang.",
            "{field} in row {row} is stored as a number, not text; digits may be lost.",
        ),
        BATCH_ALREADY_IMPORTED: (
            "Batch {seq} dari kantor {office} sudah diimpor pada {when}; tidak diimpor dua kali.",
            "Batch {seq} from office {office} was already imported on {when}; not imported twice.",
        ),
        BATCH_SEQ_CONFLICT: (
            "Nomor batch {seq} dari kantor {office} sudah dipakai batch lain; kemungkinan salinan PC atau pemulihan cadangan.",
            "Batch number {seq} from office {office} was already used by another batch; possibly a cloned PC or restored backup.",
        ),
        BATCH_CHAIN_BROKEN: (
            "Rantai batch kantor {office} tidak cocok di nomor {seq}; batch ditolak.",
            "The batch chain of office {office} does not match at number {seq}; batch refused.",
        ),
        BATCH_GAP: (
            "Peringatan: batch {missing} dari kantor {office} belum diterima.",
            "Warning: batch {missing} from office {office} has not been received.",
        ),
        BATCH_NOTHING_TO_SEND: (
            "Tidak ada data yang siap dikirim.",
            "There are no records ready to send.",
        ),
        BATCH_WRITE_FAILED: (
            "Batch gagal ditulis ke {folder}: {detail}. Tidak ada data yang ditandai terkirim.",
            "The batch could not be written to {folder}: {detail}. No record was marked sent.",
        ),
        BATCH_READBACK_FAILED: (
            "Batch yang ditulis ke {folder} tidak lolos pemeriksaan ulang; flashdisk mungkin rusak. Tidak ada data yang ditandai terkirim.",
            "The batch written to {folder} failed the read-back check; the stick may be faulty. No record was marked sent.",
        ),
        BATCH_CANCELLED: ("Dibatalkan; tidak ada yang berubah.", "Cancelled; nothing was changed."),
        RECEIPT_MALFORMED: (
            "Berkas tanda terima {file} rusak.",
            "The receipt file {file} is damaged.",
        ),
        RECEIPT_REVOKED_SIGNER: (
            "Tanda terima ditandatangani kunci kantor {office} yang dicabut sejak {date}; ditolak.",
            "The receipt is signed with a key of office {office} revoked on {date}; refused.",
        ),
        RECEIPT_UNKNOWN_SIGNER: (
            "Tanda terima ditandatangani kunci {key} yang tidak dipercaya.",
            "The receipt is signed with key {key}, which is not trusted.",
        ),
        RECEIPT_BAD_SIGNATURE: (
            "Tanda tangan tanda terima tidak sah; berkas diubah.",
            "Bad receipt signature; the file was changed.",
        ),
        RECEIPT_WRONG_OFFICE: (
            "Tanda terima ini untuk kantor {recipient}, bukan kantor ini ({office}).",
            "This receipt is for office {recipient}, not this office ({office}).",
        ),
        RECEIPT_UNKNOWN_BATCH: (
            "Tanda terima menyebut batch {batch} yang tidak pernah dikirim kantor ini.",
            "The receipt names batch {batch}, which this office never sent.",
        ),
        RECEIPT_ALREADY_IMPORTED: (
            "Tanda terima ini sudah diimpor sebelumnya.",
            "This receipt was already imported.",
        ),
        CARD_MALFORMED: (
            "Kode kartu tidak terbaca atau rusak.",
            "The card code is unreadable or damaged.",
        ),
        CARD_VERSION: (
            "Versi kode kartu tidak didukung.",
            "The card code version is not supported.",
        ),
        CARD_UNKNOWN_SIGNER: (
            "Kartu ditandatangani oleh kantor yang tidak dikenal.",
            "The card was signed by an unknown office.",
        ),
        CARD_REVOKED_SIGNER: (
            "Kartu ditandatangani kunci kantor {office} yang dicabut sejak {date}.",
            "The card was signed with a key of office {office} revoked on {date}.",
        ),
        CARD_BAD_SIGNATURE: (
            "Kartu palsu atau diubah: tanda tangan tidak cocok.",
            "Forged or altered card: the signature does not match.",
        ),
        CARD_OFFICE_MISMATCH: (
            "Kartu mengaku dari kantor {office} tetapi ditandatangani kunci kantor lain.",
            "The card claims office {office} but was signed by another office's key.",
        ),
    }
)
