"""The batch workbook: text-only cells, formula neutralisation, strict read-back."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rentan_desktop.io.batch_rows import COLUMNS, HEADERS, canonical_text, row_hash, rows_sha256
from rentan_desktop.io.batch_xlsx import TextSheetWriter, WorkbookReadError, read_text_rows

IDENTITY = [c.identity for c in COLUMNS]
DANGEROUS = [
    '=HYPERLINK("http://x","klik")',
    "+62 812 555",
    "-5",
    "@SUM(A1)",
    "\tx",
    "\nx",
    "\rx",
    "=1+1",
    "_x000D_",
    "a\r\nb",
    "  spasi",
    "9171012345678901",
    "0012",
]

cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30).map(
    canonical_text
)


def _write(path: Path, rows: list[list[str]]) -> None:
    with TextSheetWriter(path, HEADERS) as writer:
        for row in rows:
            writer.add_row(row)
        writer.close([("Ringkasan batch", ""), ("Jumlah baris", len(rows))])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.uuids().map(str),
            st.lists(cell_text, min_size=len(HEADERS) - 1, max_size=len(HEADERS) - 1),
        ).map(lambda t: [t[0], *t[1]]),
        max_size=8,
    )
)
def test_rows_round_trip_exactly(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "b.xlsx"
    _write(path, rows)
    back = list(read_text_rows(path, HEADERS, IDENTITY))
    assert back == rows
    assert rows_sha256(back) == rows_sha256(rows)


def test_no_formula_and_quote_prefix_on_dangerous_text(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    rows = [[f"id{i}", *[v] * (len(HEADERS) - 1)] for i, v in enumerate(DANGEROUS)]
    _write(path, rows)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        styles = z.read("xl/styles.xml").decode()
    assert not any("<f>" in s or "<f " in s for s in sheets)
    # The first data cell of the "=HYPERLINK" row uses a style with quotePrefix.
    data_sheet = next(s for s in sheets if "HYPERLINK" in s)
    style_index = int(re.search(r'<c r="B2" s="(\d+)"', data_sheet).group(1))
    xfs = re.search(r"<cellXfs[^>]*>(.*)</cellXfs>", styles, re.S).group(1)
    xf = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs, re.S)[style_index]
    assert 'quotePrefix="1"' in xf
    assert list(read_text_rows(path, HEADERS, IDENTITY)) == rows


def test_identity_numbers_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    row = ["id"] + [""] * (len(HEADERS) - 1)
    row[HEADERS.index("NIK")] = "9171012345678901"  # above 2**53: a float would end in ...900
    row[HEADERS.index("RT")] = "001"
    _write(path, [row])
    assert list(read_text_rows(path, HEADERS, IDENTITY)) == [row]


def test_numeric_nik_cell_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "edited.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    sheet.write_number(1, HEADERS.index("NIK"), 9171012345678901)
    book.close()
    with pytest.raises(WorkbookReadError) as info:
        list(read_text_rows(path, HEADERS, IDENTITY))
    assert info.value.code == "batch.numeric_identity"
    assert info.value.params == {"row": 2, "field": "NIK"}


def test_changed_header_and_garbage_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.xlsx"
    headers = list(HEADERS)
    headers[4] = "Nama Lengkap"
    with TextSheetWriter(path, headers) as writer:
        writer.close()
    with pytest.raises(WorkbookReadError) as info:
        list(read_text_rows(path, HEADERS, IDENTITY))
    assert info.value.code == "batch.header_changed" and info.value.params == {"column": "Nama"}
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(WorkbookReadError) as info:
        list(read_text_rows(junk, HEADERS, IDENTITY))
    assert info.value.code == "batch.unreadable"


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    with pytest.raises(ValueError), TextSheetWriter(path, HEADERS) as writer:
        writer.add_row(["x" * 40_000] + [""] * (len(HEADERS) - 1))
    assert not path.exists()


def test_row_hash_names_changed_field() -> None:
    from rentan_desktop.io.batch_rows import changed_fields

    row = [str(i) for i in range(len(HEADERS))]
    signed = row_hash(row)
    edited = list(row)
    edited[HEADERS.index("Nama")] = "Budi"
    assert row_hash(edited).digest != signed.digest
    assert changed_fields(edited, signed.tags) == ["Nama"]
    # The array form is injective: moving text between fields changes the digest.
    assert row_hash(["ab", ""] + row[2:]).digest != row_hash(["a", "b"] + row[2:]).digest


def test_big_batches_continue_on_further_sheets(tmp_path: Path) -> None:
    from rentan_desktop.io.batch_xlsx import row_location

    path = tmp_path / "b.xlsx"
    rows = [[f"id{i}", *[str(i)] * (len(HEADERS) - 1)] for i in range(7)]
    with TextSheetWriter(path, HEADERS, per_sheet=3) as writer:
        for row in rows:
            writer.add_row(row)
        writer.close()
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Ringkasan", "Data", "Data 2", "Data 3"]
    assert list(read_text_rows(path, HEADERS, IDENTITY)) == rows
    assert row_location(0, per_sheet=3) == "2"
    assert row_location(4, per_sheet=3) == "Data 2!3"
