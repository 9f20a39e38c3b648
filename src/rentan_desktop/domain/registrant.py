"""A registration's fields as typed or imported: input, clean record, labels, limits, date parsing.

Independent of storage; the rules that check a record live in :mod:`registrant_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue

issues.define_all(
    {
        "field.required": ("{label} wajib diisi.", "{label} is required."),
        "field.too_long": (
            "{label} terlalu panjang (maksimal {max} karakter).",
            "{label} is too long (at most {max} characters).",
        ),
        "date.invalid": (
            "Tanggal lahir '{value}' tidak valid; ketik ddmmyyyy, misalnya 17081985.",
            "Birth date '{value}' is not valid; type ddmmyyyy, e.g. 17081985.",
        ),
        "date.future": (
            "Tanggal lahir tidak boleh di masa depan.",
            "The birth date is in the future.",
        ),
        "sex.invalid": (
            "Jenis kelamin harus L (laki-laki) atau P (perempuan).",
            "Sex must be L (male) or P (female).",
        ),
        "rtrw.invalid": (
            "{label} harus angka 1 sampai 999 (tertulis '{value}').",
            "{label} must be a number from 1 to 999 (got '{value}').",
        ),
        "desa.invalid": (
            "Kode desa/kelurahan harus 10 angka Kemendagri (tertulis '{value}').",
            "The desa/kelurahan code must be a 10-digit Kemendagri code (got '{value}').",
        ),
        "desa.unknown": (
            "Desa/kelurahan dengan kode {value} tidak ada dalam daftar wilayah.",
            "No desa/kelurahan with code {value} in the region list.",
        ),
        "income.invalid": (
            "Penghasilan harus angka rupiah tanpa titik, misalnya 1000000.",
            "Income must be a whole number of rupiah, e.g. 1000000.",
        ),
        "age.out_of_range": (
            "Umur {age} tahun di luar batas sumber dana ini ({min}-{max} tahun).",
            "Age {age} is outside this funder's limits ({min}-{max} years).",
        ),
        "domicile.outside": (
            "Domisili di luar wilayah yang dibiayai sumber dana ini ({kab}).",
            "The domicile is outside the area this funder pays for ({kab}).",
        ),
        "funder.missing": ("Sumber dana tidak ditemukan.", "Funder not found."),
        "pekerjaan.unknown": ("Pekerjaan '{kode}' tidak dikenal.", "Unknown occupation '{kode}'."),
        "mother.missing": (
            "Nama ibu kandung kosong; BPJS biasanya memerlukannya.",
            "Mother's maiden name is empty; BPJS usually needs it.",
        ),
    }
)

LABELS = {
    "nik": "NIK",
    "no_kk": "Nomor KK",
    "nama": "Nama lengkap",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin",
    "nama_ibu": "Nama ibu kandung",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "desa_kode": "Desa/kelurahan",
    "no_hp": "Nomor HP",
    "pekerjaan_kode": "Pekerjaan",
    "penghasilan": "Penghasilan",
    "sumber_dana_id": "Sumber dana",
    "kpj": "Nomor KPJ",
    "notes": "Catatan",
}
# Fields a registration cannot be saved without (each gives ``field.required`` or an equivalent
# error when empty); the entry form marks them. The NIK's own check reports ``nik.empty``.
REQUIRED = frozenset(
    {
        "nik",
        "nama",
        "tanggal_lahir",
        "jenis_kelamin",
        "rt",
        "rw",
        "desa_kode",
        "pekerjaan_kode",
        "sumber_dana_id",
    }
)
MAX_LEN = {"nama": 100, "tempat_lahir": 60, "nama_ibu": 100, "alamat": 200, "notes": 1000}
DEFAULT_INCOME = 1_000_000  # the minimum declared income that the funders pay Rp16.800 for
_DATE_FORMS = (
    re.compile(r"^(\d{2})(\d{2})(\d{4})$"),
    re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"),
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class FunderRules:
    """Eligibility rules of one sumber dana (configuration, never constants)."""

    usia_min: int | None = None
    usia_max: int | None = None
    domisili_kab: str | None = None  # 4-digit Kemendagri kabupaten code


@dataclass(frozen=True)
class RegistrantInput:
    """A registration as typed on the form or read from a template row (all raw text)."""

    nik: object = ""
    no_kk: object = ""
    nama: str = ""
    tempat_lahir: str = ""
    tanggal_lahir: object = ""
    jenis_kelamin: str = ""
    nama_ibu: str = ""
    alamat: str = ""
    rt: object = ""
    rw: object = ""
    desa_kode: object = ""
    no_hp: object = ""
    pekerjaan_kode: str = ""
    penghasilan: object = ""
    sumber_dana_id: object = None
    notes: str = ""


#: What a person enters for a registration, in the paper form's order: the one list the CLI's
#: options, a conflict's side-by-side view and the corrections read (never typed again).
INPUT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(RegistrantInput))
#: The same fields as the workbooks (template, batch) name them: the funder by its code.
SHEET_FIELDS: tuple[str, ...] = tuple(
    "sumber_dana" if f == "sumber_dana_id" else f for f in INPUT_FIELDS
)


@dataclass(frozen=True)
class CleanRegistrant:
    """The validated, normalised values ready to store."""

    nik: str
    no_kk: str | None
    nama: str
    tempat_lahir: str
    tanggal_lahir: date
    jenis_kelamin: str
    nama_ibu: str
    alamat: str
    rt: str
    rw: str
    desa_kode: str
    no_hp: str | None
    pekerjaan_kode: str
    penghasilan: int
    sumber_dana_id: int
    notes: str
    name_norm: str = ""
    warnings: tuple[Issue, ...] = field(default_factory=tuple)


def parse_date(value: object) -> date | None:
    """A birth date from ``ddmmyyyy``, ``dd-mm-yyyy``, ``dd/mm/yyyy``, ISO, or a date object."""
    if isinstance(value, datetime):  # a date cell: a datetime would be stored with its time
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    m = _ISO.match(text)
    groups = (m.group(3), m.group(2), m.group(1)) if m else None
    if groups is None:
        for pattern in _DATE_FORMS:
            m = pattern.match(text)
            if m:
                groups = (m.group(1), m.group(2), m.group(3))
                break
    if groups is None:
        return None
    try:
        return date(int(groups[2]), int(groups[1]), int(groups[0]))
    except ValueError:
        return None


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
