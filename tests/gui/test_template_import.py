"""Template import page: real xlsx in, background job with progress and cancel, report table,
report workbook out, empty template download."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from rentan_desktop.io import template_xlsx as tx

VALID = [
    "6408014101900001",
    "6408010101100001",
    "Siti Aminah",
    "Sangatta",
    "01-01-1990",
    "P",
    "Halimah",
    "Jl. Poros No. 5",
    "3",
    "1",
    "SENYIUR - 6408012001",
    "0812-3456-7890",
    "NELAYAN",
    "",
    "APBD-KUTIM",
    "",
]


def _person(nik: str, nama: str, born: str, sex: str) -> list[str]:
    row = list(VALID)
    row[0], row[2], row[4], row[5] = nik, nama, born, sex
    return row


def write_filled(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = tx.DATA_SHEET
    ws.append(list(tx.HEADERS))
    for row in rows:
        ws.append(row)
    for column in ws.iter_cols(min_row=2, max_col=2):
        for cell in column:
            cell.number_format = "@"  # NIK and KK are text
    wb.save(path)
    return path


def _count(db_path: Path) -> int:
    con = sqlite3.connect(db_path)
    try:
        return int(con.execute("SELECT count(*) FROM registrant").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def page(main_window):  # type: ignore[no-untyped-def]
    return main_window.show_page("template_import")


def test_import_shows_report_and_saves_it(qtbot, page, db_path, tmp_path, main_window) -> None:
    bad_nik = _person("64080141019", "Budi", "01-01-1990", "L")
    rows = [
        VALID,
        _person("6408011505850002", "Ahmad Yani", "15-05-1985", "L"),
        bad_nik,
    ]
    source = write_filled(tmp_path / "isian.xlsx", rows)
    changes: list[object] = []
    main_window.gui.signals.data_changed.connect(changes.append)
    job = page.start_import(source)
    assert not page.choose_button.isEnabled()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    report = page.report
    assert report is not None and (report.saved, report.rejected) == (2, 1)
    assert "3 baris dibaca: 2 disimpan, 0 sudah ada (dilewati), 1 ditolak" in page.summary.text()
    assert _count(db_path) == 2
    model = page.model
    rows_shown = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert 4 in rows_shown  # spreadsheet row 4 = the bad NIK
    bad_lines = [r for r in range(model.rowCount()) if model.index(r, 0).data() == 4]
    assert model.index(bad_lines[0], 1).data() == "Ditolak"
    assert model.index(bad_lines[0], 2).data() == "NIK"
    assert changes and changes[-1].entity == "registrant" and len(changes[-1].uuids) == 2
    assert page.save_button.isEnabled()
    out = tmp_path / "laporan.xlsx"
    with qtbot.waitSignal(page.save_report(out).finished, timeout=10_000):
        pass
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Ringkasan", "Laporan"} <= set(book.sheetnames)
    book.close()

    again = page.start_import(source)  # the same file again creates nothing new
    with qtbot.waitSignal(again.finished, timeout=20_000):
        pass
    assert (page.report.saved, page.report.skipped) == (0, 2)
    assert _count(db_path) == 2


def test_cancel_changes_nothing(qtbot, page, db_path, tmp_path) -> None:
    rows = []
    for i in range(2500):
        nik = f"640801{(i % 28) + 1:02d}0190{i:04d}"
        rows.append(_person(nik, f"Orang {i}", f"{(i % 28) + 1:02d}-01-1990", "L"))
    source = write_filled(tmp_path / "besar.xlsx", rows)
    job = page.start_import(source)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert page.report is None
    assert page.summary.text() == "Impor dibatalkan; tidak ada data yang diubah."
    assert _count(db_path) == 0
    assert page.choose_button.isEnabled()


def test_not_a_template_is_one_sentence(qtbot, page, tmp_path, find_top) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Lain"
    wb.save(tmp_path / "lain.xlsx")
    job = page.start_import(tmp_path / "lain.xlsx")
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert page.summary.text() == "File ini bukan template pendaftaran: lembar 'Data' tidak ada."
    box = find_top("userErrorBox")
    assert box is not None and box.text() == page.summary.text()


def test_download_template(qtbot, page, tmp_path) -> None:
    out = tmp_path / "template.xlsx"
    with qtbot.waitSignal(page.download_template(out).finished, timeout=10_000):
        pass
    book = openpyxl.load_workbook(out, read_only=True)
    assert tx.DATA_SHEET in book.sheetnames
    first = [c.value for c in next(book[tx.DATA_SHEET].iter_rows(max_row=1))]
    book.close()
    assert tuple(first[: len(tx.HEADERS)]) == tx.HEADERS
    assert str(out) in page.file_label.text()


def test_hostile_2kb_workbook_is_refused_in_indonesian(
    qtbot, page, db_path, tmp_path, find_top
) -> None:
    # The 2 KB file that used to abort the whole app: one cell, with another at XFD1048576.
    from tests import hostile_files

    path = hostile_files.xlsx(
        tmp_path / "kiriman-desa.xlsx",
        hostile_files.FIRST_CELL + '<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>',
    )
    assert path.stat().st_size < 2500
    job = page.start_import(path)
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    expected = (
        "Berkas kiriman-desa.xlsx meminta 17.179.869.184 sel pada sheet Data (sel terjauh); "
        "batasnya 20.000.000 sel, jadi berkas ditolak."
    )
    assert page.summary.text() == expected
    box = find_top("userErrorBox")
    assert box is not None and box.text() == expected
    assert page.choose_button.isEnabled() and _count(db_path) == 0
