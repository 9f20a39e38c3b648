"""Cell checks: numbers where text belongs, over-long strings, wrong types, formulas; row and column named."""

from __future__ import annotations

import datetime as dt

import pytest

from rentan_desktop.io.xlsx_guard_cells import (
    CellKind,
    CellSpec,
    check_cell,
    check_row,
    column_letter,
    split_ref,
)

NIK = CellSpec("nik", CellKind.DIGITS, required=True, length=16)
NAMA = CellSpec("nama", CellKind.TEXT, required=True, max_len=100)
GAJI = CellSpec("penghasilan", CellKind.NUMBER)
LAHIR = CellSpec("tanggal_lahir", CellKind.DATE)


def test_column_letters_and_refs() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 28, 702, 703)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    assert split_ref("AB12") == (12, 28) and split_ref("") == (0, 0) and split_ref("a1") == (0, 0)


def test_numeric_nik_refused_with_row_and_column() -> None:
    # What calamine returns for a NIK typed as a number: a float that already lost digits.
    value, issue = check_cell(9171012345678900.0, NIK, row=12, column=3)
    assert value is None and issue is not None and issue.code == "xlsx.cell_number_not_text"
    assert issue.message("id").startswith("Baris 12, kolom C (nik): berisi angka")
    assert issue.message("en").startswith("Row 12, column C (nik)")
    _, issue = check_cell(6408010101900001, NIK, row=2, column=1)
    assert issue is not None and issue.code == "xlsx.cell_number_not_text"


@pytest.mark.parametrize(
    "text",
    ["640801010190001", "64080101019000012", "6408O10101900001", "６４０８０１０１０１９０００01"],
)
def test_nik_must_be_16_ascii_digits(text: str) -> None:
    _, issue = check_cell(text, NIK, row=5, column=1)
    assert (
        issue is not None and issue.code == "xlsx.cell_not_digits" and issue.params["length"] == 16
    )


def test_over_long_strings() -> None:
    _, issue = check_cell("x" * 101, NAMA, row=3, column=2)
    assert issue is not None and issue.code == "xlsx.cell_too_long" and issue.params["limit"] == 100
    huge = CellSpec("catatan", CellKind.TEXT, max_len=10**9)
    _, issue = check_cell("y" * 32768, huge, row=4, column=9)
    assert issue is not None and issue.params["limit"] == 32767 and issue.params["column"] == "I"
    assert check_cell("y" * 32767, huge, row=4, column=9) == ("y" * 32767, None)


def test_formula_error_control_and_types() -> None:
    assert check_cell("=A1*2", GAJI, row=7, column=4, data_type="f")[1].code == "xlsx.cell_formula"  # type: ignore[union-attr]
    assert check_cell("=teks biasa", NAMA, row=7, column=2) == ("=teks biasa", None)
    assert check_cell("#N/A", NAMA, row=7, column=2)[1].code == "xlsx.cell_error"  # type: ignore[union-attr]
    assert check_cell("Siti\x07", NAMA, row=7, column=2)[1].code == "xlsx.cell_control_char"  # type: ignore[union-attr]
    assert check_cell("Siti_x000D_", NAMA, row=7, column=2)[1].code == "xlsx.cell_control_char"  # type: ignore[union-attr]
    _, issue = check_cell(True, NAMA, row=8, column=2)
    assert (
        issue is not None
        and issue.code == "xlsx.cell_wrong_type"
        and issue.params["actual"] == "ya/tidak"
    )
    _, issue = check_cell("banyak", GAJI, row=9, column=4)
    assert issue is not None and issue.params == {
        "row": 9,
        "column": "D",
        "label": "penghasilan",
        "expected": "angka",
        "actual": "teks",
    }
    assert (
        check_cell("1.500.000", GAJI, row=9, column=4)[1] is not None
    )  # ambiguous separators refused
    assert check_cell("1500000", GAJI, row=9, column=4) == (1500000, None)
    assert check_cell(dt.datetime(1990, 1, 1), LAHIR, row=2, column=5) == (
        dt.date(1990, 1, 1),
        None,
    )
    assert check_cell("17-08-1990", LAHIR, row=2, column=5) == (dt.date(1990, 8, 17), None)
    assert check_cell(33000.0, LAHIR, row=2, column=5)[1].code == "xlsx.cell_wrong_type"  # type: ignore[union-attr]


def test_check_row_reports_every_problem() -> None:
    clean, found = check_row([6408010101900001.0, "", "2.000.000,5"], [NIK, NAMA, GAJI], row=14)
    assert clean == [None, None, None]
    assert [(i.code, i.params["column"]) for i in found] == [
        ("xlsx.cell_number_not_text", "A"),
        ("xlsx.cell_required", "B"),
        ("xlsx.cell_wrong_type", "C"),
    ]
    clean, found = check_row([" 6408010101900001 ", "Siti Aminah"], [NIK, NAMA, GAJI], row=15)
    assert clean == ["6408010101900001", "Siti Aminah", None] and found == []
