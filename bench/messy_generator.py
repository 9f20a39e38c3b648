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


# --- Households: look-alike relatives and the duplicates that hide among them -----------------
#
# A desa list holds whole families: people sharing a KK and an address, siblings with one surname
# or one father's name after BIN/BINTI, twins (same KK and birth date, consecutive NIK serials,
# different first names), a son named after his father. ``generate_households`` writes such a
# list with planted duplicates of the kinds clerks make, and returns which row pairs are one
# person and which are relatives, so a check can be scored on both. Vocabularies and layouts vary
# so that the scorer is measured on lists it was not tuned on.

VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = {
    # Kutai/Banjar/Bugis Muslim names: MUHAMMAD, SITI, NUR very common; BIN/BINTI often written.
    "kaltim": {
        "L": (
            "MUHAMMAD",
            "AHMAD",
            "ABDUL",
            "RAHMAT",
            "HASAN",
            "HUSEIN",
            "ARIFIN",
            "SYAMSUDDIN",
            "YUSUF",
            "ZAINAL",
            "ANDI",
            "BAHRUN",
            "ILHAM",
            "RUSLAN",
            "SAPRUDIN",
            "JUHRI",
            "FAHRUL",
            "HERMAN",
            "IDRIS",
            "KAMARUDDIN",
            "MAHMUD",
            "NASRUN",
            "SUPIAN",
            "TAUFIK",
        ),
        "P": (
            "SITI",
            "NUR",
            "FATIMAH",
            "AISYAH",
            "KHADIJAH",
            "RAHMAWATI",
            "NORHAYATI",
            "HALIMAH",
            "MASNAH",
            "JUMIATI",
            "RUSMINI",
            "SALMAH",
            "HASNAH",
            "MARYAM",
            "ZAINAB",
            "NURHAYATI",
            "ROSTINA",
            "WAHIDAH",
            "YULIANI",
            "ASMAWATI",
        ),
        "second": (
            "",
            "",
            "AMINAH",
            "RAHMAN",
            "HIDAYAT",
            "FAUZI",
            "RIZKI",
            "SALEH",
            "ARSYAD",
            "NOOR",
            "HAMID",
            "JAMIL",
            "KADIR",
            "LATIF",
            "MANSYUR",
            "YASIN",
            "ALI",
        ),
    },
    # Javanese: one- or two-word names, no surname; SRI, TRI, DWI, EKO as birth-order words.
    "jawa": {
        "L": (
            "BUDI",
            "EKO",
            "JOKO",
            "AGUS",
            "BAMBANG",
            "HARTONO",
            "SUTRISNO",
            "SUGENG",
            "WAHYU",
            "PRIYO",
            "SLAMET",
            "TEGUH",
            "DWI",
            "TRI",
            "HERU",
            "YUDI",
            "SUPARMAN",
            "SUWARNO",
            "GUNAWAN",
            "WIDODO",
        ),
        "P": (
            "SRI",
            "DEWI",
            "LESTARI",
            "SUMIATI",
            "WULANDARI",
            "ENDANG",
            "RATNA",
            "TUTIK",
            "SITI",
            "YULIANTI",
            "WINARSIH",
            "PURWANTI",
            "SUPARMI",
            "RAHAYU",
            "SUSILOWATI",
        ),
        "second": (
            "",
            "",
            "",
            "SANTOSO",
            "WIBOWO",
            "SETIAWAN",
            "PRASETYO",
            "NUGROHO",
            "HANDAYANI",
            "WAHYUNI",
            "WAHYUDI",
            "KURNIAWAN",
            "SUSANTO",
            "UTOMO",
        ),
    },
    # Batak/Manado Christian names with clan surnames shared by the whole family.
    "batak": {
        "L": (
            "JOHANNES",
            "MARTIN",
            "ROBERT",
            "DANIEL",
            "SAMUEL",
            "YOSEF",
            "PAULUS",
            "ANDREAS",
            "HOTMAN",
            "PARLINDUNGAN",
            "BONAR",
            "TUMPAL",
            "RICARDO",
            "FRANS",
        ),
        "P": (
            "MARIA",
            "ROSMAWATI",
            "DEBORA",
            "LENNY",
            "MERY",
            "YOHANA",
            "RIA",
            "SONTI",
            "ELISABET",
            "NURMAIDA",
            "RUTH",
            "LASMARIA",
            "HOTNIDA",
            "MASTIUR",
        ),
        "second": ("", "", "CHRISTIAN", "EFENDI", "PUTRA", "ROSALINA", "AGUSTINA"),
        "surname": (
            "SIREGAR",
            "SIMANJUNTAK",
            "NASUTION",
            "LUBIS",
            "HUTAPEA",
            "SIHOMBING",
            "PANJAITAN",
            "SITORUS",
            "TAMBUNAN",
            "MANURUNG",
            "SINAGA",
            "PASARIBU",
        ),
    },
}
#: planted duplicate kinds of the household lists
HOUSEHOLD_DUPLICATES = (
    "nik_sama_ejaan_lain",  # same NIK, name as another clerk writes it (variant table words)
    "nik_salah_satu_angka",  # one serial digit wrong
    "nik_tertukar",  # two adjacent serial digits swapped
    "nik_kosong_ejaan_lain",  # NIK left empty, name spelled otherwise
    "nama_awalan",  # first name only ("SITI" for "SITI AMINAH"), same KK and birth, NIK mistyped
    "gelar_dan_bin",  # title and a BIN/BINTI clause added, same NIK
)
RELATIVE_KINDS = ("saudara", "kembar", "ortu_anak_nama_sama", "suami_istri")
# Spellings clerks use for the words of the variant table, and titles.
_RESPELL = {
    "MUHAMMAD": ("MOH.", "MUH.", "M.", "MUHAMAD", "MOCHAMMAD"),
    "SITI": ("SITTI",),
    "NUR": ("NOER", "NOOR"),
    "NOOR": ("NUR", "NOER"),
    "ABDUL": ("ABD.",),
    "AHMAD": ("ACHMAD",),
    "YUSUF": ("JUSUF", "YUSUP"),
    "HASAN": ("HASSAN",),
    "SYAMSUDDIN": ("SYAMSUDIN",),
    "FATIMAH": ("FATMAH",),
    "AISYAH": ("AISAH",),
    "RAHMAT": ("RACHMAT",),
    "SUTRISNO": ("SOETRISNO",),
    "JOKO": ("DJOKO",),
    "YULIANTI": ("JULIANTI",),
    "WAHYU": ("WAHJU",),
    "SUGENG": ("SOEGENG",),
    "BUDI": ("BOEDI",),
    "SLAMET": ("SLAMAT",),
}


@dataclass
class Member:
    nik: str
    kk: str
    nama: str  # as registered
    born: date
    sex: str
    mother: str
    father_first: str


@dataclass
class HouseholdTruth:
    """Rows (1-based sheet numbers) planted: duplicate pairs and look-alike relative pairs."""

    rows: int = 0
    first_row: int = 0
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)
    relatives: list[tuple[int, int, str]] = field(default_factory=list)


class _Households:
    def __init__(self, r: random.Random, vocabulary: str) -> None:
        self.r = r
        self.vocab = VOCABULARIES[vocabulary]
        self.desa = _desa_list()
        self.serials: dict[str, int] = {}
        self.kk_serial = 0

    def _nik(self, kec: str, born: date, sex: str, serial: int | None = None) -> str:
        day = born.day + (40 if sex == "P" else 0)
        stem = f"{kec}{day:02d}{born.month:02d}{born.year % 100:02d}"
        if serial is None:
            serial = self.serials.get(stem, 0) + self.r.randint(1, 3)
        self.serials[stem] = max(serial, self.serials.get(stem, 0))
        return f"{stem}{serial:04d}"

    def _name(self, sex: str, surname: str, father: str) -> str:
        r, v = self.r, self.vocab
        words = [r.choice(v[sex])]
        second = r.choice(v["second"])
        if second and second not in words:
            words.append(second)
        if surname:
            words.append(surname)
        if father and r.random() < 0.25:
            words += ["BIN" if sex == "L" else "BINTI", father]
        return " ".join(words)

    def household(self) -> tuple[list[Member], list[tuple[int, int, str]], tuple[str, str]]:
        """Adult members of one KK (index pairs of look-alike relatives) and the desa."""
        r, v = self.r, self.vocab
        desa = r.choice(self.desa)
        kec = desa[0][:6]
        self.kk_serial += 1
        kk = f"{kec}{r.randint(1, 28):02d}{r.randint(1, 12):02d}{r.randint(5, 24):02d}{self.kk_serial % 10000:04d}"
        surname = r.choice(v["surname"]) if "surname" in v else ""
        head_born = date(1950, 1, 1) + timedelta(days=r.randrange(25 * 365))
        head_name = self._name("L", surname, "")
        head_first = head_name.split()[0]
        wife_born = head_born + timedelta(days=r.randrange(-5 * 365, 8 * 365))
        wife_name = self._name("P", "", "")
        grandma = self._name("P", "", "")
        members = [
            Member(self._nik(kec, head_born, "L"), kk, head_name, head_born, "L", grandma, ""),
            Member(
                self._nik(kec, wife_born, "P"),
                kk,
                wife_name,
                wife_born,
                "P",
                self._name("P", "", ""),
                "",
            ),
        ]
        pairs: list[tuple[int, int, str]] = [(0, 1, "suami_istri")]
        first_child = max(head_born, wife_born) + timedelta(days=r.randint(20 * 365, 32 * 365))
        born = first_child
        children: list[int] = []
        latest = date(2009, 12, 31)  # workers are 15 or older
        for _ in range(r.randint(0, 4)):
            if born > latest:
                break
            sex = r.choice("LP")
            if (
                r.random() < 0.12
                and sex == "L"
                and not any(pairs_kind == "ortu_anak_nama_sama" for *_, pairs_kind in pairs)
            ):
                # named after his father, told apart only by BIN and the birth date
                nama = f"{head_name} BIN {head_name}" if r.random() < 0.5 else head_name
                members.append(
                    Member(self._nik(kec, born, "L"), kk, nama, born, "L", wife_name, head_first)
                )
                pairs.append((0, len(members) - 1, "ortu_anak_nama_sama"))
            else:
                nama = self._name(sex, surname, head_first)
                members.append(
                    Member(self._nik(kec, born, sex), kk, nama, born, sex, wife_name, head_first)
                )
            children.append(len(members) - 1)
            if r.random() < 0.08:  # twins: the next serial, another first name
                twin = members[-1]
                sex2 = r.choice("LP")
                other = self._name(sex2, surname, head_first)
                while other.split()[0] == twin.nama.split()[0]:
                    other = self._name(sex2, surname, head_first)
                stem_serial = int(twin.nik[12:]) + 1 if sex2 == twin.sex else None
                nik = self._nik(kec, born, sex2, stem_serial)
                members.append(Member(nik, kk, other, born, sex2, wife_name, head_first))
                pairs.append((len(members) - 2, len(members) - 1, "kembar"))
                children.append(len(members) - 1)
            born += timedelta(days=r.randint(330, 5 * 365))
        for i, a in enumerate(children):
            for b in children[i + 1 :]:
                if (a, b, "kembar") not in pairs:
                    pairs.append((a, b, "saudara"))
        return members, pairs, desa


def _respell(nama: str, r: random.Random) -> str:
    words = nama.split()
    spots = [i for i, w in enumerate(words) if w in _RESPELL]
    if spots:
        i = r.choice(spots)
        words[i] = r.choice(_RESPELL[words[i]])
        return " ".join(words)
    return r.choice((nama.title(), nama.replace("U", "OE", 1), nama.lower(), nama + ","))


def _household_duplicate(
    m: Member, kind: str, r: random.Random, issued: set[str]
) -> tuple[str, str, date]:
    """(NIK cell, name cell, birth date) of a planted second entry of ``m``."""
    nik, nama, born = m.nik, m.nama, m.born
    if kind == "nik_sama_ejaan_lain":
        nama = _respell(nama, r)
    elif kind == "nik_salah_satu_angka":
        i = r.randrange(12, 16)
        nik = nik[:i] + r.choice([d for d in "123456789" if d != nik[i]]) + nik[i + 1 :]
    elif kind == "nik_tertukar":
        i = r.choice([i for i in range(12, 15) if nik[i] != nik[i + 1]] or [12])
        nik = nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]
    elif kind == "nik_kosong_ejaan_lain":
        nik, nama = "", _respell(nama, r)
    elif kind == "nama_awalan":
        nama = nama.split()[0]
        i = r.randrange(12, 16)
        nik = nik[:i] + r.choice([d for d in "123456789" if d != nik[i]]) + nik[i + 1 :]
    elif kind == "gelar_dan_bin":
        title = ("H. " if m.sex == "L" else "HJ. ") if r.random() < 0.5 else ""
        clause = (
            ""
            if " BIN" in nama
            else f" {'BIN' if m.sex == 'L' else 'BINTI'} {m.father_first or 'ABDULLAH'}"
        )
        nama = f"{title}{nama}{clause}"
    if nik and nik != m.nik and nik in issued:  # the typo hit a relative's NIK: another case
        return _household_duplicate(m, kind, r, issued)
    return nik, nama, born


def generate_households(
    path: Path | str,
    rows: int = 2000,
    seed: int = 1,
    *,
    vocabulary: str = "kaltim",
    layout: int = 0,
    duplicate_rate: float = 0.04,
) -> HouseholdTruth:
    """Write a desa list of whole households (``rows`` data rows or a few more) and return what
    was planted. ``layout`` 0: NIK, KK, TTL in one cell, mother's name; 1: separate birth columns,
    KK, no mother's name; 2: columns in another order, no KK column."""
    r = random.Random(seed)
    homes = _Households(r, vocabulary)
    truth = HouseholdTruth()
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    ws = wb.add_worksheet("Data")
    datefmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "DATA PEKERJA RENTAN PER KEPALA KELUARGA")
    cols = {
        0: [
            "NO",
            "NIK",
            "NO. KK",
            "NAMA LENGKAP",
            "TEMPAT, TGL LAHIR",
            "L/P",
            "ALAMAT",
            "RT/RW",
            "DESA",
            "NAMA IBU KANDUNG",
        ],
        1: [
            "NO",
            "NO KK",
            "NIK",
            "NAMA",
            "TEMPAT LAHIR",
            "TGL LAHIR",
            "JK",
            "ALAMAT",
            "RT/RW",
            "DESA",
        ],
        2: [
            "NO",
            "NAMA PESERTA",
            "NIK",
            "JENIS KELAMIN",
            "TEMPAT LAHIR",
            "TANGGAL LAHIR",
            "DESA",
            "RT/RW",
            "ALAMAT",
        ],
    }[layout]
    for c, label in enumerate(cols):
        ws.write_string(2, c, label)
    truth.first_row = 4
    row_no = truth.first_row
    written: list[tuple[int, Member, tuple[str, str], str, int, int]] = []
    issued: set[str] = set()

    def write(
        m: Member,
        desa: tuple[str, str],
        alamat: str,
        rt: int,
        rw: int,
        nik: str,
        nama: str,
        born: date,
    ) -> int:
        nonlocal row_no
        place = r.choice(PLACES)
        cells = {
            "NO": row_no - truth.first_row + 1,
            "NIK": nik,
            "NO. KK": m.kk,
            "NO KK": m.kk,
            "NAMA LENGKAP": nama,
            "NAMA": nama,
            "NAMA PESERTA": nama,
            "TEMPAT, TGL LAHIR": f"{place}, {born.strftime('%d-%m-%Y')}",
            "TEMPAT LAHIR": place,
            "TGL LAHIR": born,
            "TANGGAL LAHIR": _date_text(born, r),
            "L/P": m.sex,
            "JK": m.sex,
            "JENIS KELAMIN": "Laki-laki" if m.sex == "L" else "Perempuan",
            "ALAMAT": alamat,
            "RT/RW": f"{rt:03d}/{rw:03d}",
            "DESA": r.choice((desa[1], desa[1].upper(), "Desa " + desa[1])),
            "NAMA IBU KANDUNG": m.mother,
        }
        for c, label in enumerate(cols):
            v = cells[label]
            if isinstance(v, date):
                ws.write_datetime(row_no - 1, c, v, datefmt)
            elif isinstance(v, int):
                ws.write_number(row_no - 1, c, v)
            else:
                ws.write_string(row_no - 1, c, str(v))
        row_no += 1
        return row_no - 1

    while row_no - truth.first_row < rows:
        members, pairs, desa = homes.household()
        alamat = f"JL. {r.choice(('POROS', 'PASAR', 'MASJID', 'SUNGAI', 'PENDIDIKAN'))} NO. {r.randint(1, 99)}"
        rt, rw = r.randint(1, 30), r.randint(1, 12)
        at = []
        for m in members:
            issued.add(m.nik)
            at.append(write(m, desa, alamat, rt, rw, m.nik, m.nama, m.born))
            written.append((at[-1], m, desa, alamat, rt, rw))
        truth.relatives += [(at[a], at[b], kind) for a, b, kind in pairs]
        if written and r.random() < duplicate_rate * len(members):
            orig_row, m, d, al, a_rt, a_rw = r.choice(written[-200:])
            kind = r.choice(HOUSEHOLD_DUPLICATES)
            nik, nama, born = _household_duplicate(m, kind, r, issued)
            truth.duplicates.append((orig_row, write(m, d, al, a_rt, a_rw, nik, nama, born), kind))
    truth.rows = row_no - truth.first_row
    ws.write_string(row_no + 1, 3, "Kepala Desa")
    wb.close()
    return truth


# --- Real-world lists: the mistakes of issue 14 and free-text coded columns ---------------------
#
# ``generate_realworld`` writes a desa list as offices keep it: KK and kecamatan columns, free-text
# occupation, funder (SUMBER DANA) and status words, a group label per dusun between the people and
# the signature block under the table; with planted mistakes, each with the codes that must report
# it (``REALWORLD_PROBLEMS``). Vocabularies and layouts vary, so a check can be scored on lists it
# was not tuned on.

#: planted mistake -> codes of which at least one must be reported for the row
REALWORLD_PROBLEMS: dict[str, frozenset[str]] = {
    "kk_sama_nik": frozenset({"legacy.kk.sama_nik"}),
    "kk_angka": frozenset({"id.numeric", "legacy.kk.angka", "legacy.kk.rusak"}),
    "hp_angka": frozenset({"legacy.hp.angka"}),
    "nama_almarhum": frozenset({"legacy.nama.almarhum"}),
    "nama_gelar": frozenset({"legacy.nama.gelar"}),
    "desa_kecamatan_lain": frozenset({"legacy.desa.kecamatan_lain"}),
    "tanggal_masa_depan": frozenset({"legacy.tanggal.masa_depan"}),
    "tanggal_mustahil_31_02": frozenset({"legacy.tanggal.mustahil"}),
    "usia_di_luar_batas": frozenset({"age.out_of_range"}),
    "nik_tanggal_tertukar": frozenset({"legacy.nik.tanggal_tertukar"}),
    "status_meninggal": frozenset({"legacy.status.tidak_aktif"}),
    "status_pindah": frozenset({"legacy.status.tidak_aktif"}),
    "dana_tidak_dikenal": frozenset({"legacy.dana.cadangan", "legacy.dana.tidak_dikenal"}),
    "pekerjaan_tidak_dikenal": frozenset({"legacy.pekerjaan.lainnya"}),
}
#: clean words of the free-text columns, per vocabulary (all in the shipped synonym table)
REALWORLD_WORDS = (
    {
        "pekerjaan": ("NELAYAN PANCING", "PETANI PADI", "OJEK ONLINE", "TUKANG OJEK",
                      "PENJAGA MASJID", "Petani", "nelayan", "BURUH BANGUNAN", "PEDAGANG KECIL"),
        "dana": ("APBD KAB", "APBD", "Apbd Kabupaten", ""),
        "status": ("AKTIF", "BARU", "aktif", ""),
        "meninggal": ("MENINGGAL", "MD", "WAFAT"),
        "pindah": ("PINDAH", "PINDAH DOMISILI"),
    },
    {
        "pekerjaan": ("PETANI SAWIT", "Nelayan Tradisional", "OJOL", "GURU NGAJI", "MARBOT MASJID",
                      "PEKEBUN", "SOPIR", "Pedagang", "KETUA RT"),
        "dana": ("APBD-KUTIM", "PEMKAB", "APBD II", "Pemda"),
        "status": ("Peserta Baru", "LAMA", "Aktif", "Perpanjangan"),
        "meninggal": ("Meninggal Dunia", "ALMARHUM", "Telah Meninggal"),
        "pindah": ("Pindah Alamat", "Keluar Desa", "Merantau"),
    },
)  # fmt: skip
_REALWORLD_LAYOUTS = (
    ["NO", "NIK", "NO. KK", "NAMA", "TEMPAT, TGL LAHIR", "L/P", "DESA", "KECAMATAN", "RT/RW",
     "NO. HP", "PEKERJAAN", "SUMBER DANA", "STATUS"],
    ["NO", "NAMA LENGKAP", "NIK", "NOMOR KK", "TEMPAT LAHIR", "TANGGAL LAHIR", "JENIS KELAMIN",
     "KEC", "DESA/KEL", "RT/RW", "HP/WA", "JENIS PEKERJAAN", "SUMBER PEMBIAYAAN", "STATUS PESERTA"],
)  # fmt: skip


@dataclass
class RealworldTruth(Truth):
    labels: int = 0  # group label rows planted between the people (never people)


def _kecamatan_names() -> dict[str, str]:
    from lokal import wilayah

    return {k.code.replace(".", ""): k.name for k in wilayah.list_wilayah("64.08")}


def _nik_for(p: Person, born: date, used: set[str]) -> str:
    """The person's NIK for another birth date, with a serial no one else holds."""
    day = born.day + (40 if p.sex == "P" else 0)
    stem = f"{p.nik[:6]}{day:02d}{born.month:02d}{born.year % 100:02d}"
    serial = int(p.nik[12:])
    while f"{stem}{serial:04d}" in used:
        serial += 1
    used.add(f"{stem}{serial:04d}")
    return f"{stem}{serial:04d}"


def _swapped_date(born: date) -> date | None:
    """The birth date with two neighbouring digits of its DDMMYY swapped (a real, other date)."""
    text = born.strftime("%d%m%y")
    for i in (0, 4, 2):
        if text[i] == text[i + 1]:
            continue
        other = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        try:
            got = date(born.year // 100 * 100 + int(other[4:]), int(other[2:4]), int(other[:2]))
        except ValueError:
            continue
        if 1962 <= got.year <= 2008:
            return got
    return None


def generate_realworld(
    path: Path | str,
    rows: int = 2000,
    seed: int = 1,
    *,
    vocabulary: int = 0,
    layout: int = 0,
    problem_rate: float = 0.10,
    duplicate_rate: float = 0.02,
) -> RealworldTruth:
    """Write a desa list with issue 14's mistakes planted and return what was planted.

    People are 21 to 62 years old (inside the bench funder's 15-64 band) unless a mistake says
    otherwise; a group label ("DUSUN II") every 300-700 people; the signature block at the end.
    """
    r = random.Random(seed)
    people = _People(r)
    kec_names = _kecamatan_names()
    words = REALWORLD_WORDS[vocabulary]
    cols = _REALWORLD_LAYOUTS[layout]
    truth = RealworldTruth(rows=rows)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
    ws = wb.add_worksheet("DATA")
    datefmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "DAFTAR PEKERJA RENTAN CALON PESERTA BPJS KETENAGAKERJAAN")
    ws.write_string(1, 0, "KABUPATEN KUTAI TIMUR TAHUN 2026")
    for c, label in enumerate(cols):
        ws.write_string(3, c, label)
    truth.first_row = 5
    row_no = truth.first_row
    next_label = r.randint(300, 700)
    made: list[tuple[int, Person, str]] = []
    used: set[str] = set()  # NIKs written (a changed birth date must not land on another's)
    dusun = 1
    written = 0
    while written < rows:
        if written == next_label:
            dusun += 1
            ws.write_string(
                row_no - 1, 0, f"DUSUN {['I', 'II', 'III', 'IV', 'V', 'VI'][dusun % 6]}"
            )
            truth.labels += 1
            row_no += 1
            next_label += r.randint(300, 700)
            continue
        problem: str | None = None
        if made and r.random() < duplicate_rate:
            orig_row, orig, kk = r.choice(made)
            kind = r.choice(DUPLICATE_KINDS[:3])
            person, _ = _dup_person(orig, kind, r)
            truth.duplicates.append((orig_row, row_no, kind))
        else:
            person = people.make()
            born = person.born
            if not 1964 <= born.year <= 2005:  # inside the funder's band
                born = born.replace(year=r.randint(1964, 2005), day=min(born.day, 28))
            if born != person.born or person.nik in used:
                nik = _nik_for(person, born, used)
                person = Person(**{**person.__dict__, "born": born, "nik": nik})
            used.add(person.nik)
            kk = person.nik[:6] + f"{r.randrange(10**10):010d}"
            if r.random() < problem_rate:
                problem = r.choice(list(REALWORLD_PROBLEMS))
            if problem is None:
                made.append((row_no, person, kk))
        cells = _cells(person, r, None)
        cells["kk"] = kk
        cells["kec"] = kec_names.get(person.desa[0][:6], "")
        cells["job"] = r.choice(words["pekerjaan"])
        cells["dana"] = r.choice(words["dana"])
        cells["status"] = r.choice(words["status"])
        born_cell: object = cells["born"]
        if problem == "kk_sama_nik":
            cells["kk"] = person.nik
        elif problem == "kk_angka":
            cells["kk"] = float(kk[:15] + "0")
        elif problem == "hp_angka":
            cells["hp"] = float("8" + person.hp[2:])
        elif problem == "nama_almarhum":
            cells["nama"] = r.choice(("ALM. ", "Almh. ", "ALMARHUM ")) + person.nama
        elif problem == "nama_gelar":
            cells["nama"] = (
                r.choice(("H. ", "Hj. ", "DRS. ")) + person.nama + r.choice(("", ", S.PD"))
            )
        elif problem == "desa_kecamatan_lain":
            others = [n for k, n in kec_names.items() if k != person.desa[0][:6]]
            cells["kec"] = r.choice(others)
        elif problem == "tanggal_masa_depan":
            later = person.born.replace(year=r.randint(2030, 2040), day=min(person.born.day, 28))
            born_cell = later.strftime("%d-%m-%Y")
        elif problem == "tanggal_mustahil_31_02":
            born_cell = f"{r.choice((30, 31))}-02-{person.born.year}"
        elif problem == "usia_di_luar_batas":
            born = person.born.replace(year=r.randint(1946, 1958), day=min(person.born.day, 28))
            person = Person(
                **{**person.__dict__, "born": born, "nik": _nik_for(person, born, used)}
            )
            cells["nik"], born_cell = person.nik, born.strftime("%d-%m-%Y")
        elif problem == "nik_tanggal_tertukar":
            other = _swapped_date(person.born)
            if other is None:
                problem = None
            else:
                born_cell = other.strftime("%d-%m-%Y")
        elif problem == "status_meninggal":
            cells["status"] = r.choice(words["meninggal"])
        elif problem == "status_pindah":
            cells["status"] = r.choice(words["pindah"])
        elif problem == "dana_tidak_dikenal":
            cells["dana"] = r.choice(("SWADAYA", "MANDIRI", "BELUM ADA"))
        elif problem == "pekerjaan_tidak_dikenal":
            cells["job"] = r.choice(("ASTRONOT", "ARSITEK", "PRODUSER FILM"))
        if problem:
            truth.problems[row_no] = problem
        shown = born_cell.strftime("%d/%m/%Y") if isinstance(born_cell, date) else str(born_cell)
        values = {
            "NO": written + 1, "NIK": cells["nik"], "NO. KK": cells["kk"], "NOMOR KK": cells["kk"],
            "NAMA": cells["nama"], "NAMA LENGKAP": cells["nama"],
            "TEMPAT, TGL LAHIR": f"{person.place}, {shown}", "TEMPAT LAHIR": person.place,
            "TANGGAL LAHIR": born_cell, "L/P": cells["jk"], "JENIS KELAMIN": cells["jk"],
            "DESA": cells["desa"], "DESA/KEL": cells["desa"], "KECAMATAN": cells["kec"],
            "KEC": cells["kec"], "RT/RW": cells["rtrw"], "NO. HP": cells["hp"], "HP/WA": cells["hp"],
            "PEKERJAAN": cells["job"], "JENIS PEKERJAAN": cells["job"],
            "SUMBER DANA": cells["dana"], "SUMBER PEMBIAYAAN": cells["dana"],
            "STATUS": cells["status"], "STATUS PESERTA": cells["status"],
        }  # fmt: skip
        for c, label in enumerate(cols):
            v = values[label]
            if isinstance(v, date):
                ws.write_datetime(row_no - 1, c, v, datefmt)
            elif isinstance(v, int | float):
                ws.write_number(row_no - 1, c, v)
            else:
                ws.write_string(row_no - 1, c, str(v))
        row_no += 1
        written += 1
    ws.write_string(row_no, 3, "Mengetahui,")
    ws.write_string(row_no + 1, 3, "Kepala Desa")
    ws.write_string(row_no + 4, 3, "( SUPRIADI )")
    wb.close()
    return truth
