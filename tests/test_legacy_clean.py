"""Cleaning of single legacy cells: every messy form of every field."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rentan_desktop.legacy import cleaning as cl
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.dates import parse_date
from test_legacy_helpers import kutim_regions

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12/03/1985", date(1985, 3, 12)),
        ("12-03-1985", date(1985, 3, 12)),
        ("12.03.1985", date(1985, 3, 12)),
        ("12-03-85", date(1985, 3, 12)),
        ("2/3/05", date(2005, 3, 2)),
        ("1985-03-12", date(1985, 3, 12)),
        ("12031985", date(1985, 3, 12)),
        ("12 Maret 1985", date(1985, 3, 12)),
        ("12 MARET 85", date(1985, 3, 12)),
        ("12-Mar-1985", date(1985, 3, 12)),
        ("12 Pebruari 1985", date(1985, 2, 12)),
        ("3 Nopember 1970", date(1970, 11, 3)),
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("1 Okt 1990", date(1990, 10, 1)),
        ("March 12, 1985", date(1985, 3, 12)),
        (31118.0, date(1985, 3, 12)),  # Excel serial number
        ("31118", date(1985, 3, 12)),  # the same serial after a csv export
        (date(1985, 3, 12), date(1985, 3, 12)),
        (datetime(1985, 3, 12, 0, 0), date(1985, 3, 12)),
    ],
)
def test_dates_in_every_common_form(cell: object, expected: date) -> None:
    assert parse_date(cell, TODAY).value == expected


@pytest.mark.parametrize(
    "cell", ["31/02/1985", "12/13/14/15", "kemarin", "00-00-0000", "12/03/198"]
)
def test_impossible_dates_are_refused_not_guessed(cell: str) -> None:
    value, found = cl.clean_date(cell, today=TODAY)
    assert value is None
    # 31 February is a calendar slip with its own sentence; the others cannot be read at all.
    expected = codes.DATE_IMPOSSIBLE if cell == "31/02/1985" else codes.DATE_INVALID
    assert [i.code for i in found] == [expected]


def test_month_first_date_is_read_but_reported() -> None:
    value, found = cl.clean_date("03/25/1985", today=TODAY)
    assert value == date(1985, 3, 25)
    assert [i.code for i in found] == [codes.DATE_SWAPPED]
    assert not found[0].is_error


def test_empty_and_implausible_birth_dates() -> None:
    assert [i.code for i in cl.clean_date("", today=TODAY)[1]] == [codes.DATE_EMPTY]
    value, found = cl.clean_date("01-01-2024", today=TODAY)
    assert value == date(2024, 1, 1) and [i.code for i in found] == [codes.DATE_AGE]


@pytest.mark.parametrize(
    ("cell", "place", "born"),
    [
        ("SANGATTA, 12-03-1985", "SANGATTA", date(1985, 3, 12)),
        ("Sangatta,12-03-1985", "SANGATTA", date(1985, 3, 12)),
        ("Sangatta / 12 Maret 1985", "SANGATTA", date(1985, 3, 12)),
        ("KUTAI TIMUR 12/03/85", "KUTAI TIMUR", date(1985, 3, 12)),
        ("Samarinda, 1985-03-12", "SAMARINDA", date(1985, 3, 12)),
    ],
)
def test_ttl_is_split_into_place_and_date(cell: str, place: str, born: date) -> None:
    raw_place, raw_date = cl.split_ttl(cell)
    assert cl.clean_place(raw_place)[0] == place
    assert cl.clean_date(raw_date, today=TODAY)[0] == born


def test_ttl_that_is_only_a_date_cell_warns_about_the_place() -> None:
    raw_place, raw_date = cl.split_ttl(date(1985, 3, 12))
    assert raw_date == date(1985, 3, 12)
    assert [i.code for i in cl.clean_place(raw_place)[1]] == [codes.PLACE_EMPTY]


@pytest.mark.parametrize(
    ("cell", "rt", "rw"),
    [
        ("003/002", "003", "002"),
        ("3/2", "003", "002"),
        ("RT 03 RW 02", "003", "002"),
        ("003-002", "003", "002"),
        ("RT.003/RW.002", "003", "002"),
        ("03 / 12", "003", "012"),
    ],
)
def test_rt_rw_split(cell: str, rt: str, rw: str) -> None:
    assert cl.split_rtrw(cell) == (rt, rw, [])


def test_unreadable_rt_rw_is_a_warning() -> None:
    rt, rw, found = cl.split_rtrw("dekat masjid")
    assert (
        (rt, rw) == (None, None) and found[0].code == codes.RTRW_INVALID and not found[0].is_error
    )


@pytest.mark.parametrize(
    ("cell", "sex"),
    [
        ("L", "L"),
        ("P", "P"),
        ("LK", "L"),
        ("PR", "P"),
        ("Laki-laki", "L"),
        ("LAKI LAKI", "L"),
        ("Perempuan", "P"),
        ("WANITA", "P"),
        ("pria", "L"),
        (1.0, "L"),
        ("2", "P"),
    ],
)
def test_sex_forms(cell: object, sex: str) -> None:
    assert cl.clean_sex(cell) == (sex, [])


def test_unknown_sex_is_an_error() -> None:
    value, found = cl.clean_sex("X")
    assert value is None and found[0].code == codes.SEX_INVALID and found[0].is_error


@pytest.mark.parametrize(
    ("cell", "e164"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        (81234567890.0, "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
    ],
)
def test_phone_forms(cell: object, e164: str) -> None:
    assert cl.clean_phone(cell) == (e164, [])


def test_bad_phone_is_only_a_warning() -> None:
    value, found = cl.clean_phone("12345")
    assert value is None and found and not found[0].is_error


def test_names_are_cleaned_and_junk_refused() -> None:
    assert cl.clean_name("  budi   santoso ")[0] == "BUDI SANTOSO"
    assert cl.clean_name("Siti Aminah,")[0] == "SITI AMINAH"
    assert cl.clean_name("")[1][0].code == codes.NAME_EMPTY
    assert cl.clean_name("123")[1][0].code == codes.NAME_SUSPECT


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (6408041203850000.0, "id.numeric"),  # a number cell: Excel kept 15 digits
        (6408041203850001.0, "id.numeric"),  # even when it looks intact: never trusted
        ("6.40804E+15", "id.scientific"),
        ("6,40804E+15", "id.scientific"),
        ("6408041203850001.0", "id.float_suffix"),
    ],
)
def test_nik_damaged_by_the_spreadsheet_is_flagged_never_guessed(cell: object, code: str) -> None:
    value, found = cl.clean_nik(cell, birth=None, sex=None, today=TODAY)
    assert value is None
    assert [i.code for i in found] == [code] and found[0].is_error
    assert "cek ke KTP" in found[0].message("id")


def test_kk_damaged_by_the_spreadsheet_is_flagged() -> None:
    value, found = cl.clean_kk(6408040101100001.0)
    assert value is None and found[0].code == "id.numeric"
    assert cl.clean_kk("'6408040101100001") == ("6408040101100001", [])


def test_nik_as_text_with_apostrophe_or_spaces_is_accepted() -> None:
    assert cl.clean_nik("'6408041203850001", birth=date(1985, 3, 12), sex="L", today=TODAY) == (
        "6408041203850001",
        [],
    )
    assert (
        cl.clean_nik("6408 0412 0385 0001", birth=None, sex=None, today=TODAY)[0]
        == "6408041203850001"
    )


def test_nik_disagreeing_with_the_recorded_birth_date_is_a_warning() -> None:
    value, found = cl.clean_nik("6408041203850001", birth=date(1985, 3, 25), sex="L", today=TODAY)
    assert value == "6408041203850001"
    assert [i.code for i in found] == ["nik.date_mismatch"] and not found[0].is_error
    # 21 against the NIK's 12: two digits swapped, a typo with its own sentence.
    value, found = cl.clean_nik("6408041203850001", birth=date(1985, 3, 21), sex="L", today=TODAY)
    assert [i.code for i in found] == [codes.NIK_DATE_SWAP] and not found[0].is_error


def test_desa_names_are_matched_to_kemendagri_codes_with_a_score() -> None:
    idx = kutim_regions()
    exact = idx.desa("Singa Gembara")
    assert exact.region is not None and exact.region.kode == "6408042011" and exact.score == 100
    fuzzy = idx.desa("SINGA GAMBARA")
    assert (
        fuzzy.region is not None and fuzzy.region.kode == "6408042011" and 85 <= fuzzy.score < 100
    )
    prefixed = idx.desa("Desa Swarga Bara")
    assert prefixed.region is not None and prefixed.region.kode == "6408042012"
    assert idx.desa("Kampung Entah Berantah").score < 85
    assert idx.kecamatan("Kec. Sangata Utara").region.kode == "640804"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "nik_text",
    [
        "6408041203850001",
        "6408045203850001",
        "6408041203850000",
        "6408041302850001",
        "6408041203850001",
        "9999041203850001",
        "6400001203850001",
        "6408043203850001",
        "6408041203050001",
    ],
)
@pytest.mark.parametrize("birth", [None, date(1985, 3, 12), date(1985, 3, 13)])
@pytest.mark.parametrize("sex", [None, "L", "P"])
def test_nik_shortcut_agrees_with_the_domain_parser(
    nik_text: str, birth: date | None, sex: str | None
) -> None:
    from rentan_desktop.domain import nik

    info = nik.parse(nik_text, recorded_birth_date=birth, recorded_sex=sex, today=TODAY)
    expected = (info.nik if info.valid else None, [i.code for i in info.issues])
    got = cl.clean_nik(nik_text, birth=birth, sex=sex, today=TODAY)
    assert (got[0], [i.code for i in got[1]]) == expected
