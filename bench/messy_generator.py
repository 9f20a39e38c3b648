"""Realistic messy legacy workbooks with known planted problems and duplicates.

Each generated file looks like what desa offices keep: a title block, a header in one of several
spellings, a numbering row, TTL or separate birth columns, dates in every Indonesian form, RT/RW in
one cell, L/P spelled many ways, desa names with prefixes and case changes. On top of the correct
variety, a known share of rows carries one planted problem (and the codes that must catch it), and a
known share repeats an earlier person (same NIK with a spelling variant, a one-digit NIK typo, an
adjacent digit swap, or a NIK the spreadsheet damaged).

``generate(path, rows, seed)`` writes the file and returns the :class:`Truth` to score a check.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter

FIRST = [
    "AHMAD",
    "BUDI",
    "CITRA",
    "DEWI",
    "EKO",
    "FITRI",
    "GUNAWAN",
    "HENDRA",
    "INDAH",
    "JOKO",
    "KARTINI",
    "LESTARI",
    "MUHAMMAD",
    "NURUL",
    "OKTAVIA",
    "PUTRI",
    "RAHMAT",
    "SITI",
    "TAUFIK",
    "UMAR",
    "WAHYU",
    "YANTI",
    "ZAINAL",
    "AGUS",
    "BAMBANG",
    "DEDI",
    "ERNA",
    "FAJAR",
    "HARTONO",
    "IRWAN",
    "JULIANTI",
    "KOMANG",
    "LUKMAN",
    "MARLINA",
    "NOVI",
    "PRIYO",
    "RINA",
    "SUSANTO",
    "TRI",
    "WULAN",
    "YUDI",
    "ARIF",
    "BAYU",
    "CAHYO",
    "DIAN",
    "ELLY",
    "FIRMAN",
    "HERU",
    "IKA",
    "JAMALUDDIN",
    "KUSUMA",
    "LINDA",
    "MAYA",
    "NANANG",
    "RUDI",
    "SRI",
    "TEGUH",
    "UTAMI",
    "VINA",
    "WIDODO",
]
LAST = [
    "SANTOSO",
    "WIBOWO",
    "SAPUTRA",
    "HIDAYAT",
    "KURNIAWAN",
    "SETIAWAN",
    "PRATAMA",
    "NUGROHO",
    "RAHAYU",
    "LESTARI",
    "WATI",
    "SARI",
    "HANDAYANI",
    "SUSANTI",
    "PERMANA",
    "HASIBUAN",
    "SIREGAR",
    "LUBIS",
    "NASUTION",
    "TAMBUNAN",
    "SIMANJUNTAK",
    "DAENG",
    "LATIF",
    "MAHMUD",
    "RAHMAN",
    "HAKIM",
    "YUSUF",
    "ISKANDAR",
    "HALIM",
    "SALIM",
    "FIRDAUS",
    "ANWAR",
    "SYAHPUTRA",
    "MULYADI",
    "SUPRIADI",
    "HERMAWAN",
    "GUNAWAN",
    "SUHENDRA",
    "SUTRISNO",
    "SUGIANTO",
    "ARIFIN",
    "RIDWAN",
    "BAHRI",
    "ZULKIFLI",
    "HAMZAH",
    "ASTUTI",
]
MIDDLE = (
    "",
    "",
    "",
    "NUR",
    "DWI",
    "EKA",
    "ADI",
    "SRI",
    "PUTRA",
    "AYU",
    "INDAH",
    "TRI",
    "RATNA",
    "ANDI",
)
PLACES = (
    "SANGATTA",
    "SAMARINDA",
    "BONTANG",
    "BALIKPAPAN",
    "TENGGARONG",
    "MAKASSAR",
    "SURABAYA",
    "MUARA WAHAU",
    "BENGALON",
    "SANGKULIRANG",
    "PAREPARE",
    "JAKARTA",
)
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
OPERATORS = ("ANI", "BUDI", "CICI", "DODI")
HEADERS = {
    "nik": ("NIK", "N I K", "NO. NIK", "NOMOR INDUK KEPENDUDUKAN"),
    "nama": ("NAMA", "NAMA LENGKAP", "NAMA PESERTA"),
    "ttl": ("TTL", "TEMPAT, TGL LAHIR", "TEMPAT/TANGGAL LAHIR"),
    "jk": ("JK", "L/P", "JENIS KELAMIN"),
    "rtrw": ("RT/RW",),
    "desa": ("DESA", "DESA / KELURAHAN", "KELURAHAN/DESA"),
    "hp": ("NO. HP", "NO HP/WA", "TELEPON"),
}
#: planted problem -> codes of which at least one must be reported for the row
PROBLEMS: dict[str, frozenset[str]] = {
    "nik_angka": frozenset({"id.numeric"}),
    "nik_ilmiah": frozenset({"id.scientific"}),
    "nik_titik_nol": frozenset({"id.float_suffix"}),
    "nik_pendek": frozenset({"nik.format"}),
    "tanggal_mustahil": frozenset({"legacy.tanggal.tidak_valid"}),
    "tanggal_kosong": frozenset({"legacy.tanggal.kosong"}),
    "tanggal_beda_nik": frozenset({"nik.date_mismatch"}),
    "jk_salah": frozenset({"legacy.jk.tidak_valid"}),
    "jk_beda_nik": frozenset({"nik.sex_mismatch"}),
    "desa_salah_ketik": frozenset({"legacy.desa.mirip", "legacy.desa.tidak_dikenal"}),
    "desa_asing": frozenset({"legacy.desa.tidak_dikenal", "legacy.desa.ambigu"}),
    "desa_kosong": frozenset({"legacy.desa.kosong"}),
    "nama_kosong": frozenset({"legacy.nama.kosong"}),
    "nama_angka": frozenset({"legacy.nama.aneh"}),
    "hp_salah": frozenset({"phone.format"}),
    "rtrw_salah": frozenset({"legacy.rtrw.tidak_valid"}),
}
DUPLICATE_KINDS = ("nik_sama_ejaan_lain", "nik_salah_satu_angka", "nik_tertukar", "nik_rusak_angka")


@dataclass
class Person:
    nik: str
    nama: str
    place: str
    born: date
    sex: str
    rt: int
    rw: int
    desa: tuple[str, str]  # (kode, nama)
    hp: str


@dataclass
class Truth:
    """What was planted: sheet row number (1-based) -> problem, and duplicate row pairs."""

    rows: int = 0
    first_row: int = 0
    problems: dict[int, str] = field(default_factory=dict)
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)


def _desa_list() -> list[tuple[str, str]]:
    from lokal import wilayah

    out = []
    for kec in wilayah.list_wilayah("64.08"):
        out += [(d.code.replace(".", ""), d.name) for d in wilayah.list_wilayah(kec.code)]
    return out


class _People:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.desa = _desa_list()
        self.serials: dict[str, int] = {}

    def make(self) -> Person:
        r = self.rnd
        sex = r.choice("LP")
        born = date(1956, 1, 1) + timedelta(days=r.randrange(52 * 365))
        kode, nama_desa = r.choice(self.desa)
        prefix = kode[:6]
        day = born.day + (40 if sex == "P" else 0)
        stem = f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}"
        serial = self.serials.get(stem, 0) + r.randint(1, 3)
        self.serials[stem] = serial
        nama = " ".join(p for p in (r.choice(FIRST), r.choice(MIDDLE), r.choice(LAST)) if p)
        hp = (
            "08"
            + r.choice("1235789")
            + "".join(r.choice("0123456789") for _ in range(r.randint(8, 9)))
        )
        return Person(
            f"{stem}{serial:04d}",
            nama,
            r.choice(PLACES),
            born,
            sex,
            r.randint(1, 30),
            r.randint(1, 12),
            (kode, nama_desa),
            hp,
        )


def _date_text(d: date, r: random.Random) -> object:
    form = r.randrange(7)
    if form == 0:
        return d.strftime("%d/%m/%Y")
    if form == 1:
        return d.strftime("%d-%m-%Y")
    if form == 2 and d.year < 2000:  # two-digit years only where they cannot be read as 20yy
        return d.strftime("%d-%m-%y")
    if form == 3:
        return f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}"
    if form == 4:
        return d.strftime("%d.%m.%Y")
    return d  # a real date cell


def _variant(nama: str, r: random.Random) -> str:
    """The same name as another clerk would type it."""
    choices = [
        nama.title(),
        nama.replace("U", "OE", 1),
        nama.lower(),
        nama + ",",
        nama.replace("MUHAMMAD", "MUH."),
        "  " + nama + " ",
    ]
    return r.choice([c for c in choices if c.strip(" ,").upper() != ""])


def _typo(text: str, r: random.Random) -> str:
    i = r.randrange(1, len(text) - 1)
    return text[:i] + r.choice([c for c in "AIUEOK" if c != text[i]]) + text[i + 1 :]


def _cells(p: Person, r: random.Random, problem: str | None) -> dict[str, object]:
    nik: object = p.nik
    born: object = _date_text(p.born, r)
    ttl_place = p.place
    sex: object = r.choice(
        {"L": ("L", "LK", "Laki-laki", "L"), "P": ("P", "PR", "Perempuan", "P")}[p.sex]
    )
    desa: object = r.choice((p.desa[1], p.desa[1].upper(), "Desa " + p.desa[1], p.desa[1].lower()))
    nama: object = r.choice((p.nama, p.nama.title(), " " + p.nama))
    hp: object = r.choice(
        (p.hp, p.hp[:4] + "-" + p.hp[4:8] + "-" + p.hp[8:], "+62 " + p.hp[1:], "")
    )
    rtrw: object = r.choice(
        (f"{p.rt:03d}/{p.rw:03d}", f"{p.rt}/{p.rw}", f"RT {p.rt:02d} RW {p.rw:02d}")
    )
    if problem == "nik_angka":
        nik = float(p.nik[:15] + "0")
    elif problem == "nik_ilmiah":
        nik = f"{float(p.nik):.5E}".replace("E+015", "E+15")
    elif problem == "nik_titik_nol":
        nik = p.nik + ".0"
    elif problem == "nik_pendek":
        nik = p.nik[:-1]
    elif problem == "tanggal_mustahil":
        born = r.choice(("31/02/1985", "kemarin", "00-00-0000", "45-13-1990"))
    elif problem == "tanggal_kosong":
        born = ""
    elif problem == "tanggal_beda_nik":
        other = p.born + timedelta(days=r.choice((-3, 2, 5, 40, 400)))
        born = other.strftime("%d-%m-%Y")
    elif problem == "jk_salah":
        sex = r.choice(("X", "-", "?", "LP"))
    elif problem == "jk_beda_nik":
        sex = "P" if p.sex == "L" else "L"
    elif problem == "desa_salah_ketik":
        desa = _typo(p.desa[1].upper(), r) if len(p.desa[1]) >= 7 else p.desa[1] + "X"
    elif problem == "desa_asing":
        desa = r.choice(("KAMPUNG BARU JAYA RAYA", "Desa Entah Dimana", "XYZ"))
    elif problem == "desa_kosong":
        desa = ""
    elif problem == "nama_kosong":
        nama = ""
    elif problem == "nama_angka":
        nama = p.nama[:4] + "123"
    elif problem == "hp_salah":
        hp = r.choice(("12345", "0000", "021-55"))
    elif problem == "rtrw_salah":
        rtrw = r.choice(("dekat masjid", "RT", "??"))
    shown = born.strftime("%d/%m/%Y") if isinstance(born, date) else born
    ttl: object = f"{ttl_place}, {shown}" if shown else ttl_place
    return {
        "nik": nik,
        "nama": nama,
        "ttl": ttl,
        "place": ttl_place,
        "born": born,
        "jk": sex,
        "rtrw": rtrw,
        "desa": desa,
        "hp": hp,
        "operator": r.choice(OPERATORS),
    }


def _dup_person(p: Person, kind: str, r: random.Random) -> tuple[Person, str | None]:
    if kind == "nik_sama_ejaan_lain":
        return Person(**{**p.__dict__, "nama": _variant(p.nama, r)}), None
    if kind == "nik_salah_satu_angka":
        i = r.randrange(12, 16)  # the serial: the date part stays consistent with the birth date
        digit = r.choice([d for d in "0123456789" if d != p.nik[i]])
        nik = p.nik[:i] + digit + p.nik[i + 1 :]
        if nik.endswith("0000"):
            nik = nik[:-1] + "9"
        return Person(**{**p.__dict__, "nik": nik}), None
    if kind == "nik_tertukar":
        i = r.randrange(12, 15)
        if p.nik[i] == p.nik[i + 1]:
            return Person(**{**p.__dict__, "nama": _variant(p.nama, r)}), None
        nik = p.nik[:i] + p.nik[i + 1] + p.nik[i] + p.nik[i + 2 :]
        return Person(**{**p.__dict__, "nik": nik}), None
    return p, "nik_angka"


def generate(
    path: Path | str,
    rows: int = 1000,
    seed: int = 1,
    *,
    problem_rate: float = 0.08,
    duplicate_rate: float = 0.03,
    combined_ttl: bool = True,
) -> Truth:
    """Write a messy workbook of ``rows`` data rows and return what was planted."""
    r = random.Random(seed)
    people = _People(r)
    truth = Truth(rows=rows)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    ws = wb.add_worksheet("Data Pekerja")
    datefmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "DAFTAR PEKERJA RENTAN KABUPATEN KUTAI TIMUR")
    ws.write_string(1, 0, "Sumber: pendataan desa 2024")
    cols = (
        ["NO", "nik", "nama"]
        + (["ttl"] if combined_ttl else ["place", "born"])
        + ["jk", "rtrw", "desa", "hp", "operator"]
    )
    labels = {"place": "TEMPAT LAHIR", "born": "TGL LAHIR", "operator": "PETUGAS", "NO": "NO"}
    for c, name in enumerate(cols):
        ws.write_string(3, c, labels.get(name) or r.choice(HEADERS[name]))
    for c in range(len(cols)):
        ws.write_number(4, c, c + 1)
    truth.first_row = 6
    made: list[tuple[int, Person]] = []
    for n in range(rows):
        row_no = truth.first_row + n
        problem: str | None = None
        if made and r.random() < duplicate_rate:
            orig_row, orig = r.choice(made)
            kind = r.choice(DUPLICATE_KINDS)
            person, problem = _dup_person(orig, kind, r)
            truth.duplicates.append((orig_row, row_no, kind))
        else:
            person = people.make()
            if r.random() < problem_rate:
                problem = r.choice(list(PROBLEMS))
            if problem is None:  # duplicates are planted of rows whose identity is intact
                made.append((row_no, person))
        if problem:
            truth.problems[row_no] = problem
        cells = _cells(person, r, problem)
        values = [n + 1] + [cells[c] for c in cols[1:]]
        for c, v in enumerate(values):
            if isinstance(v, date):
                ws.write_datetime(row_no - 1, c, v, datefmt)
            elif isinstance(v, int | float):
                ws.write_number(row_no - 1, c, v)
            else:
                ws.write_string(row_no - 1, c, str(v))
    ws.write_string(truth.first_row + rows + 1, 2, "Kepala Desa")
    wb.close()
    return truth


def iter_problem_codes() -> Iterator[tuple[str, frozenset[str]]]:
    yield from PROBLEMS.items()
