"""RegionCode: parsing dotted and plain Kemendagri codes, levels, ancestors, formatting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rentan_desktop.domain import region_code
from rentan_desktop.domain.region_code import InvalidRegionCode, RegionCode


@pytest.mark.parametrize(
    ("text", "digits", "level", "dotted"),
    [
        ("64", "64", "provinsi", "64"),
        ("64.08", "6408", "kabupaten", "64.08"),
        ("6408", "6408", "kabupaten", "64.08"),
        ("64.08.01", "640801", "kecamatan", "64.08.01"),
        (" 640801 ", "640801", "kecamatan", "64.08.01"),
        ("64.08.01.2001", "6408012001", "desa", "64.08.01.2001"),
        ("6408012001", "6408012001", "desa", "64.08.01.2001"),
        ("6408.01", "640801", "kecamatan", "64.08.01"),  # dots are separators, as before
        (6408, "6408", "kabupaten", "64.08"),
    ],
)
def test_parse_plain_and_dotted(text: object, digits: str, level: str, dotted: str) -> None:
    code = RegionCode.parse(text)
    assert (code.digits, code.level, code.dotted, str(code)) == (digits, level, dotted, digits)


@pytest.mark.parametrize(
    "text",
    ["", "6", "640", "64080", "6408012", "640801200", "64080120011", "64.O8", "64-08",
     "6408012001.0", "٦٤", "64 08", None, 6408012001.0],
)  # fmt: skip
def test_not_a_region_code_is_refused(text: object) -> None:
    with pytest.raises(InvalidRegionCode):
        RegionCode.parse(text)
    assert RegionCode.try_parse(text) is None


def test_ancestors_of_a_desa() -> None:
    desa = RegionCode.parse("64.08.01.2001")
    assert desa.provinsi == RegionCode("64")
    assert desa.kabupaten == RegionCode("6408")
    assert desa.kecamatan == RegionCode("640801")
    assert desa.desa is desa
    assert desa.parent == RegionCode("640801")
    assert desa.parent.parent == RegionCode("6408")  # type: ignore[union-attr]
    assert desa.parts == ("64", "08", "01", "2001")


def test_levels_above_have_no_lower_parts() -> None:
    kab = RegionCode("6408")
    assert kab.kabupaten is kab and kab.kecamatan is None and kab.desa is None
    assert kab.parent == RegionCode("64")
    assert RegionCode("64").parent is None and RegionCode("64").kabupaten is None
    assert RegionCode("640801").at("kabupaten") == kab


def test_contains() -> None:
    kab = RegionCode("6408")
    assert kab.contains(RegionCode("6408012001")) and kab.contains(kab)
    assert not kab.contains(RegionCode("6409012001"))
    assert not RegionCode("640801").contains(kab)


def test_values_are_hashable_and_immutable() -> None:
    assert {RegionCode("6408"), RegionCode.parse("64.08")} == {RegionCode("6408")}
    with pytest.raises(AttributeError):
        RegionCode("6408").digits = "6409"  # type: ignore[misc]


def test_string_shortcuts_agree_with_the_type() -> None:
    desa = "6408012001"
    code = RegionCode(desa)
    assert region_code.kecamatan_of(desa) == str(code.kecamatan)
    assert region_code.kabupaten_of(desa) == str(code.kabupaten)
    assert region_code.provinsi_of(desa) == str(code.provinsi)


_digits = st.text(alphabet="0123456789", min_size=1, max_size=12)


@given(_digits)
def test_any_digits_parse_exactly_when_the_length_is_a_level(digits: str) -> None:
    code = RegionCode.try_parse(digits)
    assert (code is not None) == (len(digits) in (2, 4, 6, 10))
    if code is not None:
        assert RegionCode.parse(code.dotted) == code  # dotted form round-trips
        assert code.provinsi.contains(code)
        chain, up = [code], code.parent
        while up is not None:  # each parent is a prefix one level up, down to the province
            assert up.contains(chain[-1]) and up != chain[-1]
            chain.append(up)
            up = up.parent
        assert chain[-1] == code.provinsi


# --- the places that used to slice codes by hand ---------------------------------------------


@pytest.mark.parametrize(
    ("kode", "home"), [("640801", "6408"), ("6408", "6408"), ("64", None), ("", None)]
)
def test_an_offices_home_kabupaten(kode: str, home: str | None) -> None:
    from rentan_desktop.services import setup
    from rentan_desktop.storage.models import Office

    office = Office(uuid="u", kode=kode, nama="x", level="kecamatan")
    assert setup.home_kabupaten(office) == home
    assert setup.home_kabupaten(None) is None


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("SENYIUR - 6408012001", "6408012001"),
        ("SENYIUR (64.08.01.2001)", ""),  # the label's code is at the end, not in brackets
        ("64.08.01.2001", "6408012001"),
        ("SENYIUR", ""),
        (None, ""),
    ],
)
def test_template_desa_cell(cell: object, code: str) -> None:
    from rentan_desktop.io.template_xlsx import desa_code_of

    assert desa_code_of(cell) == code


def test_office_region_names_on_paper(ctx) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.services.printing import office_region

    with ctx.db.reader() as session:
        kec = office_region(session, "640801")
        kab = office_region(session, "6408")
        prov = office_region(session, "64")
        assert office_region(session, "not a code") == office_region(session, "")
    assert kec.kabupaten == kab.kabupaten and kec.kecamatan and not kab.kecamatan
    assert "KUTAI TIMUR" in kab.kabupaten.upper()
    assert prov.kabupaten and prov.kabupaten != kab.kabupaten  # a province office: its own name
