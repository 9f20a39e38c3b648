"""Translatable names of the legacy-import fields, mapping sources and row statuses."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from rentan_desktop.legacy.fields import FIELDS, IGNORED

CONTEXT = "legacy"
FIELD_LABELS: dict[str, str] = {
    IGNORED: QT_TRANSLATE_NOOP("legacy", "(tidak dipakai)"),
    "nik": QT_TRANSLATE_NOOP("legacy", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("legacy", "No. KK"),
    "nama": QT_TRANSLATE_NOOP("legacy", "Nama"),
    "ttl": QT_TRANSLATE_NOOP("legacy", "Tempat, tanggal lahir (TTL)"),
    "tempat_lahir": QT_TRANSLATE_NOOP("legacy", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("legacy", "Tanggal lahir"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("legacy", "Jenis kelamin (L/P)"),
    "nama_ibu": QT_TRANSLATE_NOOP("legacy", "Nama ibu kandung"),
    "alamat": QT_TRANSLATE_NOOP("legacy", "Alamat"),
    "rt_rw": QT_TRANSLATE_NOOP("legacy", "RT/RW"),
    "rt": QT_TRANSLATE_NOOP("legacy", "RT"),
    "rw": QT_TRANSLATE_NOOP("legacy", "RW"),
    "desa": QT_TRANSLATE_NOOP("legacy", "Desa/kelurahan"),
    "kecamatan": QT_TRANSLATE_NOOP("legacy", "Kecamatan"),
    "no_hp": QT_TRANSLATE_NOOP("legacy", "No. HP"),
    "pekerjaan": QT_TRANSLATE_NOOP("legacy", "Pekerjaan"),
    "kpj": QT_TRANSLATE_NOOP("legacy", "No. KPJ"),
    "sumber_dana": QT_TRANSLATE_NOOP("legacy", "Sumber dana"),
    "status": QT_TRANSLATE_NOOP("legacy", "Status peserta"),
    "operator": QT_TRANSLATE_NOOP("legacy", "Operator/petugas"),
    "notes": QT_TRANSLATE_NOOP("legacy", "Keterangan"),
}
SOURCE_LABELS: dict[str, str] = {
    "judul": QT_TRANSLATE_NOOP("legacy", "dari judul kolom"),
    "isi": QT_TRANSLATE_NOOP("legacy", "dari isi kolom"),
    "profil": QT_TRANSLATE_NOOP("legacy", "dari profil"),
    "pengguna": QT_TRANSLATE_NOOP("legacy", "dipilih pengguna"),
    "laporan": QT_TRANSLATE_NOOP("legacy", "kolom laporan"),
}
STATUS_LABELS: dict[str, str] = {
    "siap": QT_TRANSLATE_NOOP("legacy", "siap diimpor"),
    "ditolak": QT_TRANSLATE_NOOP("legacy", "ditolak"),
    "sudah_diimpor": QT_TRANSLATE_NOOP("legacy", "sudah diimpor"),
    "diimpor": QT_TRANSLATE_NOOP("legacy", "diimpor"),
    "sudah_terdaftar": QT_TRANSLATE_NOOP("legacy", "sudah terdaftar"),
    "perubahan_data": QT_TRANSLATE_NOOP("legacy", "perubahan data"),
    "dikoreksi": QT_TRANSLATE_NOOP("legacy", "dikoreksi"),
}


def field_label(field: str) -> str:
    source = FIELD_LABELS.get(field)
    return QCoreApplication.translate(CONTEXT, source) if source else FIELDS.get(field, field)


def source_label(source: str) -> str:
    text = SOURCE_LABELS.get(source)
    return QCoreApplication.translate(CONTEXT, text) if text else ""


def status_label(status: str) -> str:
    text = STATUS_LABELS.get(status)
    return QCoreApplication.translate(CONTEXT, text) if text else status


def column_letter(index: int) -> str:
    """Excel's column name for a 0-based index (0 -> A, 26 -> AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name
