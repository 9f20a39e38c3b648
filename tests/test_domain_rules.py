"""Registration rules other than the NIK: fields, funder limits, names, phones, formats, duplicates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from rentan_desktop.domain import (
    duplicates,
    formatting,
    lifecycle,
    names,
    phone,
    registrant,
    registrant_rules,
)
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.registrant import FunderRules, RegistrantInput

TODAY = date(2026, 11, 22)


def form(**kw: object) -> RegistrantInput:
    base: dict[str, object] = dict(
        nik="6408014101900001",
        nama="siti  aminah ",
        tanggal_lahir="01011990",
        jenis_kelamin="P",
        rt="3",
        rw="1",
        desa_kode="6408012001",
        pekerjaan_kode="NELAYAN",
        sumber_dana_id=1,
        nama_ibu="HALIMAH",
    )
    base.update(kw)
    return RegistrantInput(**base)  # type: ignore[arg-type]


def error_codes(data: RegistrantInput, **kw: object) -> list[str]:
    _clean, found = registrant_rules.validate(data, today=TODAY, **kw)  # type: ignore[arg-type]
    return [i.code for i in found if i.is_error]


def test_valid_form_is_normalised() -> None:
    clean, found = registrant_rules.validate(form(), today=TODAY)
    assert clean is not None and found == []
    assert clean.nama == "SITI AMINAH" and clean.rt == "003" and clean.rw == "001"
    assert clean.penghasilan == 1_000_000


def test_dates_typed_without_separators_or_with_them() -> None:
    assert registrant.parse_date("17081985") == date(1985, 8, 17)
    assert registrant.parse_date("17-08-1985") == date(1985, 8, 17)
    assert registrant.parse_date("1985-08-17") == date(1985, 8, 17)
    assert registrant.parse_date("31021985") is None
    got = registrant.parse_date(datetime(1985, 8, 17, 0, 0))  # a date cell read as a datetime
    assert type(got) is date and got.isoformat() == "1985-08-17"
    assert "date.invalid" in error_codes(form(tanggal_lahir="3102199"))


def test_required_fields_and_bad_values() -> None:
    found = error_codes(
        form(nama="", jenis_kelamin="X", rt="0", desa_kode="64080120", pekerjaan_kode="")
    )
    assert {"field.required", "sex.invalid", "rtrw.invalid", "desa.invalid"} <= set(found)


def test_age_limits_come_from_the_funder() -> None:
    paser = FunderRules(usia_min=15, usia_max=64)
    assert error_codes(form(), rules=paser) == []
    assert "age.out_of_range" in error_codes(
        form(tanggal_lahir="01011950", nik="6408010101500001"), rules=paser
    )
    ppu = FunderRules(usia_min=18, usia_max=65)
    assert "age.out_of_range" in error_codes(
        form(tanggal_lahir="01012010", nik="6408014101100001"), rules=ppu
    )
    assert error_codes(form(tanggal_lahir="01012010", nik="6408014101100001"), rules=paser) == []


def test_domicile_limit_comes_from_the_funder() -> None:
    assert error_codes(form(), rules=FunderRules(domisili_kab="6408")) == []
    assert "domicile.outside" in error_codes(form(), rules=FunderRules(domisili_kab="6401"))


def test_name_normalisation() -> None:
    assert names.normalise("H. Moh. Noor, S.Pd bin Ali") == "MUHAMMAD NUR"
    assert names.normalise("Muhamad Nur") == names.normalise("MUHAMMAD NOOR")
    assert names.normalise("Hj. Siti Aminah binti Usman") == "SITI AMINAH"
    assert names.clean("  siti\taminah ") == "SITI AMINAH"


def test_phone_numbers() -> None:
    assert phone.parse("0812-3456-7890") == ("+6281234567890", [])
    assert phone.parse("+62 812 3456 7890")[0] == "+6281234567890"
    assert phone.parse("81234567890")[0] == "+6281234567890"
    assert phone.parse("0541-123456")[0] is None
    assert phone.display("+6281234567890") == "0812-3456-7890"


@pytest.mark.parametrize("written", ["-", "\u2014", "0", "tidak ada", "Tdk ada", "  ", "N/A"])
def test_phone_placeholders_mean_no_number(written: str) -> None:
    assert phone.parse(written) == (None, [])


def test_phone_oddities() -> None:
    assert phone.parse("\uff10\uff18\uff11\uff12 3456 7890")[0] == "+6281234567890"  # fullwidth
    assert phone.parse(81234567890.0)[0] == "+6281234567890"  # a number cell lost the 0
    kept, (warning,) = phone.parse("0812-3456-7890 / 0813-1111-2222")
    assert kept == "+6281234567890" and warning.code == "phone.several" and not warning.is_error
    assert "0812-3456-7890" in warning.message("id")
    assert [i.code for i in phone.parse("0000")[1]] == ["phone.format"]


def test_indonesian_formats() -> None:
    assert formatting.rupiah(16_800) == "Rp16.800"
    assert formatting.rupiah(16_800 * 12 * 150_000) == "Rp30.240.000.000"
    assert formatting.tanggal(date(2026, 8, 17)) == "17 Agustus 2026"
    assert formatting.mask_nik("6408014101900001") == "************0001"


def test_possible_duplicates_are_scored_and_explained() -> None:
    new = duplicates.Person(
        "a", "6408014101900001", names.normalise("Muhamad Noor"), date(1990, 1, 1), "6408012001"
    )
    same_birth = duplicates.Person(
        "b", "6408010101900002", names.normalise("H. Muhammad Nur"), date(1990, 1, 1), "6408012005"
    )
    typo = duplicates.Person(
        "c", "6408014101900007", names.normalise("Muhammad Nor"), date(1991, 1, 1), "6408012009"
    )
    stranger = duplicates.Person(
        "d", "6408010202800003", names.normalise("Budi Santoso"), date(1990, 1, 1), "6408012001"
    )
    found = {m.other.key: m for m in duplicates.find(new, [same_birth, typo, stranger])}
    assert set(found) == {"b", "c"}
    assert found["b"].reasons[0][0] == "dup.same_birth_similar_name"
    assert found["c"].reasons[0][0] == "dup.nik_typo"
    assert "Tanggal lahir sama" in found["b"].reason_text("id")


def test_lifecycle_transitions() -> None:
    assert lifecycle.check_transition(Status.DRAFT, Status.VERIFIED) == []
    assert [i.code for i in lifecycle.check_transition(Status.DRAFT, Status.REGISTERED)] == [
        "status.transition"
    ]
    assert [i.code for i in lifecycle.check_transition(Status.VERIFIED, Status.INACTIVE)] == [
        "status.reason_required"
    ]
    assert lifecycle.check_transition(Status.VERIFIED, Status.INACTIVE, "meninggal") == []
    assert (
        lifecycle.check_transition(Status.INACTIVE, Status.DRAFT) == []
    )  # reactivation is possible
