"""BPJS tab: the coordinator writes the collective registration workbook for accepted records and
imports BPJS's result file; the people become registered with their KPJ; a numeric NIK refuses
the whole file."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
from tests.gui import test_batches_gui_support as support
from tests.gui.test_batches_gui_support import KAB_CODE, Offices, add_verified, wait_job

from rentan_desktop.gui.batches.widget import BatchesPage
from rentan_desktop.services import batch_import, batches

kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def _result(path: Path, rows: list[tuple[object, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "KPJ", "TGL AWAL", "TGL AKHIR"])
    for nik, kpj in rows:
        sheet.append([nik, kpj, date(2026, 1, 1), date(2026, 12, 31)])
    for cell in sheet["A"]:
        cell.number_format = "@"
    book.save(path)
    return path


def test_collective_workbook_and_result(qtbot, kab_gui, offices: Offices, tmp_path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)
    done = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    assert batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx).imported
    page = BatchesPage(kab_gui)
    qtbot.addWidget(page)
    panel = page.bpjs
    assert panel is not None
    out = tmp_path / "kolektif.xlsx"
    wait_job(qtbot, panel.start_export(out))
    assert panel.exported is not None and panel.exported.rows == 2 and out.exists()
    assert "2 orang" in panel.result_label.text()

    bad = _result(tmp_path / "hasil-salah.xlsx", [(6408014101900001, "26010000001")])
    wait_job(qtbot, panel.start_import(bad))
    assert panel.result_label.property("kind") == "bad"
    assert "NIK berupa angka" in panel.result_label.text()

    good = _result(
        tmp_path / "hasil.xlsx",
        [("6408014101900001", "26010000001"), ("6408014101900002", "26010000002")],
    )
    wait_job(qtbot, panel.start_import(good))
    assert panel.imported is not None and panel.imported.registered == 2
    con = sqlite3.connect(offices.kab.db.path)
    try:
        rows = set(con.execute("SELECT status, kpj, coverage_end FROM registrant"))
    finally:
        con.close()
    assert rows == {
        ("registered", "26010000001", "2026-12-31"),
        ("registered", "26010000002", "2026-12-31"),
    }
