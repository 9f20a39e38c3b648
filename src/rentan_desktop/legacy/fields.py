"""The target fields of a legacy import and the header spellings that name them."""

from __future__ import annotations

import re

#: field -> label shown to the user (mapping screen, report).
FIELDS: dict[str, str] = {
    "nik": "NIK",
    "no_kk": "No. KK",
    "nama": "Nama",
    "ttl": "Tempat, tanggal lahir",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin (L/P)",
    "nama_ibu": "Nama ibu kandung",
    "alamat": "Alamat",
    "rt_rw": "RT/RW",
    "rt": "RT",
    "rw": "RW",
    "desa": "Desa/kelurahan",
    "kecamatan": "Kecamatan",
    "no_hp": "No. HP",
    "pekerjaan": "Pekerjaan",
    "kpj": "No. KPJ",
    "sumber_dana": "Sumber dana",
    "status": "Status peserta",
    "operator": "Operator/petugas",
    "notes": "Keterangan",
}
REQUIRED = ("nik", "nama")
IGNORED = "-"  # mapping value for a column deliberately left out

#: normalised header text -> field. Normalising removes everything but letters and digits, so
#: "N I K", "NO. NIK" and "No NIK" all become "NIK"/"NONIK".
ALIASES: dict[str, str] = {}
_ALIAS_LISTS: dict[str, tuple[str, ...]] = {
    "nik": (
        "NIK",
        "NONIK",
        "NOMORNIK",
        "NIKKTP",
        "NONIKKTP",
        "NOKTP",
        "NOMORKTP",
        "NIKPESERTA",
        "NOMORINDUKKEPENDUDUKAN",
        "NOINDUKKEPENDUDUKAN",
        "NIKEKTP",
        "NOMORINDUKKEPENDUDUKANNIK",
    ),
    "no_kk": ("KK", "NOKK", "NOMORKK", "NKK", "NOMORKARTUKELUARGA", "NOKARTUKELUARGA", "NIKKK"),
    "nama": (
        "NAMA",
        "NAMALENGKAP",
        "NAMAPESERTA",
        "NAMAPEKERJA",
        "NAMATENAGAKERJA",
        "NAMASESUAIKTP",
        "NAMALENGKAPSESUAIKTP",
        "NAMAPENERIMA",
        "NAMATK",
    ),
    "ttl": (
        "TTL",
        "TEMPATTANGGALLAHIR",
        "TEMPATTGLLAHIR",
        "TEMPATLAHIRTANGGALLAHIR",
        "TMPTGLLAHIR",
        "TEMPATTGLLHR",
        "TEMPATLAHIRTGLLAHIR",
        "TEMPATDANTANGGALLAHIR",
    ),
    "tempat_lahir": ("TEMPATLAHIR", "TMPLAHIR", "TEMPAT", "TMPTLAHIR", "TPTLAHIR"),
    "tanggal_lahir": (
        "TANGGALLAHIR",
        "TGLLAHIR",
        "TGLLHR",
        "TGL",
        "TANGGAL",
        "TGLLAHIRDDMMYYYY",
        "TANGGALLAHIRDDMMYYYY",
        "LAHIR",
    ),
    "jenis_kelamin": (
        "JK",
        "LP",
        "JENISKELAMIN",
        "KELAMIN",
        "SEX",
        "GENDER",
        "JENKEL",
        "JNSKELAMIN",
        "JENISKELAMINLP",
    ),
    "nama_ibu": ("NAMAIBU", "NAMAIBUKANDUNG", "IBUKANDUNG", "NAMAIBUKANDUNGPESERTA", "IBU"),
    "alamat": ("ALAMAT", "ALAMATKTP", "ALAMATLENGKAP", "ALAMATRUMAH", "JALAN", "ALAMATDOMISILI"),
    "rt_rw": ("RTRW", "RTRWKTP"),
    "rt": ("RT",),
    "rw": ("RW",),
    "desa": (
        "DESA",
        "KELURAHAN",
        "DESAKELURAHAN",
        "KELURAHANDESA",
        "DESAKEL",
        "KELDESA",
        "KEL",
        "DS",
        "DESAKELURAHANKTP",
        "NAMADESA",
    ),
    "kecamatan": ("KECAMATAN", "KEC", "NAMAKECAMATAN"),
    "no_hp": (
        "NOHP",
        "HP",
        "NOTELP",
        "TELP",
        "TELEPON",
        "NOMORHP",
        "NOHANDPHONE",
        "NOWA",
        "NOTELEPON",
        "NOMORTELEPON",
        "NOHPWA",
        "NOMORWA",
        "WA",
        "KONTAK",
    ),
    "pekerjaan": ("PEKERJAAN", "JENISPEKERJAAN", "PROFESI", "SEKTOR", "JENISUSAHA", "KATEGORI"),
    "kpj": ("KPJ", "NOKPJ", "NOMORKPJ", "NOKARTU"),
    "sumber_dana": (
        "SUMBERDANA",
        "SUMBERDANAIURAN",
        "SUMBERPEMBIAYAAN",
        "SUMBERANGGARAN",
        "PEMBIAYAAN",
        "ANGGARAN",
        "DANA",
        "PEMBERIBANTUANIURAN",
        "PENANGGUNGIURAN",
        "DIBIAYAIOLEH",
        "SUMBERDANAPBI",
    ),
    "status": (
        "STATUS",
        "STATUSPESERTA",
        "STATUSKEPESERTAAN",
        "STATUSPEKERJA",
        "KETERANGANSTATUS",
        "STATUSKETERANGAN",
        "STATUSAKTIF",
        "AKTIFTIDAK",
    ),
    "operator": (
        "OPERATOR",
        "PETUGAS",
        "PETUGASINPUT",
        "PENGINPUT",
        "DIINPUTOLEH",
        "ENUMERATOR",
        "PENDATA",
        "INPUTOLEH",
        "NAMAOPERATOR",
    ),
    "notes": ("KETERANGAN", "KET", "CATATAN"),
}
for _field, _names in _ALIAS_LISTS.items():
    for _name in _names:
        ALIASES[_name] = _field
#: Headers that are known but carry nothing to import (row numbers).
NUMBERING = {"NO", "NOMOR", "NOURUT", "NOMORURUT", "URUT"}
#: Columns the report workbook adds; ignored when a fixed report is imported again, except the row id.
ROW_KEY_HEADER = "IDBARIS"
REPORT_HEADERS = {ROW_KEY_HEADER, "STATUSIMPOR", "MASALAH", "KLASTERDUPLIKAT", "KODEDESA"}


def norm_header(value: object) -> str:
    """Header text reduced to letters and digits, upper case ("No. NIK" -> "NONIK")."""
    return re.sub(r"[^A-Z0-9]", "", str(value or "").upper())
