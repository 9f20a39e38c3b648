"""One validator reused over many records gives what a fresh one gives each record, and the NIK,
KK and phone shortcuts give what the full parses give.

The legacy and template imports validate 150,000 rows with one :class:`Validator` (per-value memos);
the form calls ``validate``, a fresh validator per record. Same issues in the same order, same clean
record: compared here over thousands of varied records, with the shared validator's memos warm,
under several funders and offices.
"""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from rentan_desktop.domain import identifiers, nik, phone
from rentan_desktop.domain.registrant import FunderRules, RegistrantInput
from rentan_desktop.domain.registrant_rules import Validator, _kk, _phone, validate

TODAY = date(2026, 11, 22)
NIKS = ["6408011203850002", "6408015007950004", "6408014101900001", "6408011506700005",
        "6471011203850002", "3201011203850002", "9901011203850002", "6400001203850002",
        "6408011203850000", "6408013213850002", "6408011203850002 ", " '6408011203850002",
        "6408-0112-0385-0002", "6.40801E+15", "6408011203850000.0", 6408011203850002,
        6408011203850002.0, "64080112038500O2", "640801120385", "", None, "６４０８０１１２０３８５０００２",
        "6408011203850002\u200b", "6408014101900000", "6408010101000001", "6408019999990001",
        "6408016202000001", "6408011302250001", True, "6408011203859999", "1101011203850002"]  # fmt: skip
NAMES = ["BUDI", "budi  santoso", " Siti\tAminah ", "H. Moh. Noor, S.Pd bin Ali", "", None, "X" * 101,
         "JOSÉ", "Jose\u0301", "A\x07B", "ÆLFRED", "  ", 123, "MUHAMMAD", "Nur'aini", "ñ" * 60, "a\u00a0b",
         0, 1.5]  # fmt: skip
PLACES = ["SANGATTA", "", None, "samarinda ", "P" * 61, "Tanjung  Redeb"]
DATES = [date(1985, 3, 12), date(1990, 1, 1), date(1970, 6, 15), date(2030, 1, 1),
         datetime(1985, 3, 12, 10, 0), "12031985", "12-03-1985", "1985-03-12", "31/02/1990",
         "12.3.1985", "", None, "abc", 12031985, date(2015, 1, 1), date(1950, 1, 1),
         date(1995, 7, 10), date(1980, 5, 25), "  12/03/1985 ", 0, True]  # fmt: skip
SEXES = ["L", "P", "l", " p ", "LAKI", "PEREMPUAN", "X", "", None, "LP", 1]
RTS = ["001", "1", "", None, "0", "1000", "abc", 3, 3.0, 3.5, " 12 ", "999", "-1", True, 1]
DESAS = ["6408012001", "6408012002", "64.08.01.2001", "640801200", "1234567890", "", None,
         "abcdefghij", 6408012001, "6471012001", "3201012001"]  # fmt: skip
PHONES = ["", None, "+6281234567890", "081234567890", "0812-3456-7890", "+62 812 3456 7890",
          "0812 / 0813", "12345", "tidak ada", 81234567890.0, "+6281234", "+628123456789012",
          "+62812345678", "+6281a34567890", "6281234567890", "-", "+6271234567890", "+628１２３４５６７８９",
          "+62812345678901", 0]  # fmt: skip
JOBS = ["NELAYAN", "", None, " PETANI ", "OJEK", 7]
INCOMES = [
    "",
    None,
    1000000,
    1500000.0,
    "1.500.000",
    "Rp 2.000.000",
    "abc",
    1.5,
    "0",
    " 300000 ",
    True,
]
FUNDERS = [1, None, "", "2", 3, 0]
KKS = ["", None, "6408011203850002", "6.40801E+15", 6408011203850002, "12345",
       "6408-0112-0385-0002", "  ", "640801120385000２"]  # fmt: skip
TEXTS = ["", None, "  JL.  MERDEKA  NO 1 ", "A" * 201, "catatan", "N" * 1001, 42, 0]
FIELDS = {
    "nik": NIKS, "no_kk": KKS, "nama": NAMES, "tempat_lahir": PLACES, "tanggal_lahir": DATES,
    "jenis_kelamin": SEXES, "nama_ibu": NAMES, "alamat": TEXTS, "rt": RTS, "rw": RTS,
    "desa_kode": DESAS, "no_hp": PHONES, "pekerjaan_kode": JOBS, "penghasilan": INCOMES,
    "sumber_dana_id": FUNDERS, "notes": TEXTS,
}  # fmt: skip
# The first few values of each list are valid: half the records are mostly valid, so clean records
# (and their warnings) are compared too, not only refusals.
GOOD = {"nik": 4, "no_kk": 3, "nama": 4, "tempat_lahir": 1, "tanggal_lahir": 4, "jenis_kelamin": 4,
        "nama_ibu": 4, "alamat": 3, "rt": 2, "rw": 2, "desa_kode": 3, "no_hp": 6,
        "pekerjaan_kode": 1, "penghasilan": 4, "sumber_dana_id": 1, "notes": 3}  # fmt: skip


def records(n: int, seed: int) -> list[RegistrantInput]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        good = rnd.random() < 0.5
        values = {
            name: rnd.choice(choices[: GOOD[name]] if good and rnd.random() < 0.9 else choices)
            for name, choices in FIELDS.items()
        }
        out.append(RegistrantInput(**values))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(
    ("rules", "home", "known"),
    [
        (None, None, None),
        (FunderRules(15, 64, "6408"), "6408", None),
        (FunderRules(None, 60, None), "6471", {"6408012001"}),
        (FunderRules(18, None, "64"), "3201", None),
    ],
)
def test_shared_validator_gives_what_a_fresh_one_gives(
    rules: FunderRules | None, home: str | None, known: set[str] | None
) -> None:
    check = Validator(rules=rules, home_kabupaten=home, known_desa=known, today=TODAY)
    clean_seen = refused_seen = 0
    for data in records(6000, seed=len(str(rules)) + len(str(home))):
        want = validate(data, rules=rules, home_kabupaten=home, known_desa=known, today=TODAY)
        assert check(data) == want, data
        clean, found, refused = check.fields(*[getattr(data, f) for f in FIELDS], build=False)
        assert clean is None and found == want[1] and refused == (want[0] is None)
        clean_seen += want[0] is not None
        refused_seen += want[0] is None
    assert clean_seen > 500 and refused_seen > 500  # both kinds of outcome were compared


def test_without_mother_warning_only_that_warning_is_left_out_of_the_list() -> None:
    check = Validator(rules=FunderRules(15, 64, "6408"), home_kabupaten="6408", today=TODAY)
    left_out = 0
    for data in records(3000, seed=5):
        clean, found = validate(data, rules=check.rules, home_kabupaten="6408", today=TODAY)
        got, without, refused = check.fields(
            *[getattr(data, f) for f in FIELDS], mother_warning=False
        )
        assert without == [i for i in found if i.code != "mother.missing"]
        assert got == clean and refused == (clean is None)  # the record keeps its warnings
        left_out += len(found) - len(without)
    assert left_out > 100


def _nik_values(rnd: random.Random) -> list[str]:
    """Sixteen-digit NIKs around the shortcut's conditions: real and unknown regions, 00 parts,
    real and impossible dates, women's days, serial 0000."""
    prefixes = ["640801", "640814", "647101", "320101", "990101", "640001", "640800", "110101"]
    dates = ["120385", "520385", "320185", "311385", "290200", "290201", "010100", "710199"]
    serials = ["0001", "0000", "9999", "1234"]
    return [rnd.choice(prefixes) + rnd.choice(dates) + rnd.choice(serials) for _ in range(3000)]


def test_nik_shortcut_agrees_with_nik_parse() -> None:
    rnd = random.Random(11)
    births = [None, date(1985, 3, 12), date(1985, 1, 12), date(2000, 2, 29), date(1999, 12, 31)]
    for home in (None, "6408", "6471"):
        check = Validator(home_kabupaten=home, today=TODAY)
        for value in _nik_values(rnd):
            birth, sex = rnd.choice(births), rnd.choice(["", "L", "P", "X"])
            info = nik.parse(
                value, recorded_birth_date=birth, recorded_sex=sex or None,
                home_kabupaten=home, today=TODAY,
            )  # fmt: skip
            data = RegistrantInput(nik=value, tanggal_lahir=birth or "", jenis_kelamin=sex)
            nik_issues = [i for i in check(data)[1] if i.field == "nik"]
            assert nik_issues == list(info.issues), (value, birth, sex, home)


def test_kk_and_phone_shortcuts_agree_with_the_full_parse() -> None:
    rnd = random.Random(3)
    for value in [*KKS, *(v for v in _nik_values(rnd)[:500]), "６４０８０１１２０３８５０００２"]:
        got, found = identifiers.parse_kk(value)
        assert _kk(value) == (got, tuple(found)), value
    digits = "0123456789"
    phones = [*PHONES[2:]] + [
        "+62" + rnd.choice("0789") + "".join(rnd.choice(digits) for _ in range(rnd.randint(6, 13)))
        for _ in range(2000)
    ]
    for value in phones:
        got, found = phone.parse(value)
        assert _phone(value) == (got, tuple(found)), value


def test_name_shortcut_agrees_with_names_clean() -> None:
    from rentan_desktop.domain import names
    from rentan_desktop.domain.registrant_rules import _stored

    rnd = random.Random(5)
    pieces = ["budi", " ", "  ", "SITI", "\t", "h.", "Nur'aini", "ñ", "\u00a0", "\x1f", "\n", "é",
              "a\u0301", "-", ",", "\x07", "", "X" * 40, "\u200b", "\u3000", "ǅ", "ß"]  # fmt: skip
    values: list[object] = [*NAMES, *PLACES]
    values += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) for _ in range(5000)]
    for value in values:
        assert _stored(value) == names.clean(value), repr(value)  # type: ignore[arg-type]
