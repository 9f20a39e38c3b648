"""The child-process reader: hostile files refused in bounded time and memory, real ones read
exactly as calamine reads them in-process."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from tests import hostile_files

from rentan_desktop.io import safe_sheet
from rentan_desktop.io.xlsx_guard import XlsxRefused

MAX_SECONDS = 20.0  # generous for a loaded 2-core machine; a refused file takes well under 1 s
MAX_CHILD_RSS = 400 << 20


def read_all(path: Path, **kwargs: object) -> list[list[object]]:
    with safe_sheet.open_book(path, **kwargs) as book:  # type: ignore[arg-type]
        return [row for sheet in book.sheets() for row in sheet.rows()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile_files.legacy_corpus(tmp_path_factory.mktemp("hostile"))


def test_every_hostile_file_is_refused_quickly_with_bounded_child_memory(
    corpus: dict[str, Path],
) -> None:
    seen = []
    for what, path in corpus.items():
        started = time.monotonic()
        with pytest.raises(XlsxRefused) as refused:
            read_all(path)
        seconds = time.monotonic() - started
        message = refused.value.message("id")
        stats = safe_sheet.last_stats
        seen.append((what, round(seconds, 2), stats.peak_rss >> 20, message))
        assert seconds < MAX_SECONDS, (what, seconds)
        assert stats.peak_rss < MAX_CHILD_RSS, (what, stats)
        assert path.name in message and message.endswith(".") and "\n" not in message, what
        assert "Traceback" not in message and "{" not in message, what
    print("\n".join(map(str, seen)))  # what each file cost, for the record (pytest -s)


def test_the_cell_limit_message_names_what_the_file_asks(corpus: dict[str, Path]) -> None:
    with pytest.raises(XlsxRefused) as refused:
        read_all(corpus["dimension A1:XFD1048576"])
    assert refused.value.code == "sheet.cells"
    assert "17.179.869.184 sel" in refused.value.message("id")
    assert "sheet Data" in refused.value.message("id")
    with pytest.raises(XlsxRefused) as refused:
        read_all(corpus["cell at XFD1048576"])
    assert refused.value.code == "sheet.cells"  # the dimension said A1:A1; the cell says otherwise
    with pytest.raises(XlsxRefused) as refused:
        read_all(corpus["four billion strings"])
    assert refused.value.code == "sheet.strings"


def _dense_workbook(path: Path, rows: int, cols: int) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    for r in range(rows):
        for c in range(cols):
            sheet.write_string(r, c, f"r{r}c{c}")
    book.close()
    return path


def test_what_the_checks_let_through_meets_the_child_memory_limit(tmp_path: Path) -> None:
    # 600,000 real cells pass every declared-size check (calamine needs ~75 MB for them); with
    # the child capped at 40 MB of address space it cannot hold them: the child aborts, the file
    # is refused, and this process carries on.
    path = _dense_workbook(tmp_path / "padat.xlsx", 20_000, 30)
    limits = safe_sheet.ChildLimits(memory_bytes=40 << 20)
    started = time.monotonic()
    with pytest.raises(XlsxRefused) as refused:
        read_all(path, limits=limits)
    assert time.monotonic() - started < MAX_SECONDS
    assert refused.value.code == "sheet.memory"
    assert "40 MB" in refused.value.message("id")
    assert safe_sheet.last_stats.returncode != 0  # it died (SIGABRT from calamine's allocator)
    assert len(read_all(path)) == 20_000  # the same file under the normal limit is fine


def test_wall_clock_timeout_kills_the_child(tmp_path: Path) -> None:
    path = _dense_workbook(tmp_path / "lambat.xlsx", 20_000, 10)
    started = time.monotonic()
    with pytest.raises(XlsxRefused) as refused:
        read_all(path, limits=safe_sheet.ChildLimits(wall_seconds=0.05))
    assert refused.value.code == "sheet.timeout"
    assert time.monotonic() - started < MAX_SECONDS
    assert safe_sheet.last_stats.returncode == -9


def test_rows_match_calamine_in_process(tmp_path: Path) -> None:
    path = tmp_path / "campur.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_string(2, 1, "NIK")  # first used cell at B3: two empty rows and a column before it
    sheet.write_string(2, 2, "6408012001900001")
    sheet.write_number(3, 1, 12.5)
    sheet.write_datetime(
        3, 2, dt.datetime(1990, 1, 2), book.add_format({"num_format": "dd-mm-yyyy"})
    )
    sheet.write_boolean(4, 3, True)
    sheet.write_string(5, 1, "teks\x1fdengan pemisah")  # the separator the text frames use
    sheet.merge_range(6, 1, 6, 3, "GABUNG")
    book.add_worksheet("Kedua").write_string(0, 0, "x")
    book.close()
    wb = CalamineWorkbook.from_path(str(path))
    expected = wb.get_sheet_by_name("Data").to_python(skip_empty_area=False)
    assert read_all(path, pad=True) == expected
    assert read_all(path) == list(wb.get_sheet_by_name("Data").iter_rows())
    with safe_sheet.open_book(path, ["Data", "Kedua", "Tidak ada", "Data"]) as opened:
        names = [s.name for s in opened.sheets()]
        assert opened.names == ["Data", "Kedua"] and opened.missing == "Tidak ada"
    assert names == ["Data", "Kedua"]
    with safe_sheet.open_book(path, ["Data"]) as opened:
        merged = next(opened.sheets()).merged
    assert merged == [((6, 1), (6, 3))]


def test_text_rows_of_a_template_sized_sheet_arrive_intact(tmp_path: Path) -> None:
    path = _dense_workbook(tmp_path / "teks.xlsx", 5_000, 16)
    assert read_all(path) == list(
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows()
    )


def test_csv_is_read_in_the_child_too(tmp_path: Path) -> None:
    path = tmp_path / "desa.csv"
    path.write_bytes("NIK;NAMA\r\n6408012001900001;SITI AMINAH\r\n\r\n".encode("cp1252"))
    assert read_all(path) == [["NIK", "NAMA"], ["6408012001900001", "SITI AMINAH"], []]


def test_abandoning_a_book_stops_its_child(tmp_path: Path) -> None:
    path = _dense_workbook(tmp_path / "besar.xlsx", 10_000, 8)
    with safe_sheet.open_book(path) as book:
        rows = next(book.sheets()).rows()
        next(rows)
    assert safe_sheet.last_stats.returncode is not None  # reaped, not left behind


def test_visible_sheet_names_without_a_child_match_calamine(tmp_path: Path) -> None:
    path = tmp_path / "desa.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name in ("Senyiur", "Kelinjau Ilir", "Rekap"):
        book.add_worksheet(name).write_string(0, 0, "NIK")
    book.worksheets()[2].hide()
    book.close()
    wb = CalamineWorkbook.from_path(str(path))
    expected = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")]
    assert safe_sheet.visible_sheet_names(path) == expected == ["Senyiur", "Kelinjau Ilir"]
    with pytest.raises(XlsxRefused):
        safe_sheet.visible_sheet_names(
            hostile_files.corpus(tmp_path / "h")["dimension A1:XFD1048576"]
        )


def test_a_large_sheet_is_checked_by_the_child_on_the_range_calamine_built(tmp_path: Path) -> None:
    # Sheets above `scan_bytes` are not scanned here (it would cost a fifth of the parse); the
    # child refuses a range past the cell limit before it sends a single row. scan_bytes=0 makes
    # this small file "large"; the far cell hides behind a harmless declared dimension.
    from rentan_desktop.io import sheet_precheck

    cells = hostile_files.FIRST_CELL + '<row r="400"><c r="J400" t="s"><v>0</v></c></row>'
    path = hostile_files.xlsx(tmp_path / "jauh.xlsx", cells, dimension="A1:A1")
    tight = sheet_precheck.Limits(max_cells=1000, scan_bytes=0)
    with pytest.raises(XlsxRefused) as refused:
        read_all(path, precheck=tight)
    assert refused.value.code == "sheet.cells"
    assert "4.000 sel" in refused.value.message("id") and "sel terpakai" in refused.value.message(
        "id"
    )
    # Within the limit, the same file reads as calamine reads it.
    assert len(read_all(path, precheck=sheet_precheck.Limits(scan_bytes=0))) == 400


def test_the_childs_range_check_counts_the_padding_the_parent_would_receive(tmp_path: Path) -> None:
    # Cells only in column J from row 300: calamine's range is one column by one row, but with
    # `pad` the parent would get 300 rows of 10 cells.
    from rentan_desktop.io import sheet_precheck

    cells = '<row r="300"><c r="J300" t="s"><v>0</v></c></row>'
    path = hostile_files.xlsx(tmp_path / "kanan.xlsx", cells, dimension="J300")
    tight = sheet_precheck.Limits(max_cells=2000, scan_bytes=0)
    assert len(read_all(path, precheck=tight)) == 300  # unpadded: 300 rows of one cell
    with pytest.raises(XlsxRefused) as refused:
        read_all(path, precheck=tight, pad=True)
    assert "3.000 sel" in refused.value.message("id")
