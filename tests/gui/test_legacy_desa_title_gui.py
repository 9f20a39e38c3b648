"""The wizard's mapping step for a list that names its desa only in its title: the desa read from
the title is shown, the user may choose another, and the dry run and commit use the choice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from conftest import DESA, DESA_2


def write_titled(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "DAFTAR PEKERJA RENTAN DESA SENYIUR KECAMATAN MUARA ANCALONG"
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "PEKERJAAN", "RT"])
    ws.append([1, "6408014101900001", "SITI AMINAH", "01-01-1990", "P", "PETANI", "3"])
    ws.append([2, "6408011203850002", "BUDI SANTOSO", "12-03-1985", "L", "NELAYAN", "4"])
    wb.save(path)
    return path


@pytest.fixture
def page(main_window):  # type: ignore[no-untyped-def]
    return main_window.show_page("legacy")


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert job.error is None, job.error


def test_desa_from_the_title_shown_and_replaced(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.set_file(write_titled(tmp_path / "senyiur.xlsx"))
    _wait(qtbot, page.start_guess())
    step = page.mapping_step
    assert step.desa.isVisibleTo(page) and step.desa_label.isVisibleTo(page)
    assert "SENYIUR" in step.desa_label.text() and DESA in step.desa_label.text()
    assert step.desa_choice() is None  # the title's desa, until the user picks another
    _wait(qtbot, page.dry_run())
    assert {page.run.result.rows[i].values["desa_kode"] for i in range(2)} == {DESA}
    assert f"({DESA})" in page.summary.text()
    assert page.run.totals()["ready"] == 2
    # The clerk knows the list is Kelinjau Ilir's: chosen in the mapping step, used by the check.
    page.go(1)
    step.desa.setCurrentIndex(step.desa.findData(DESA_2))
    assert page.run is None  # the preview on screen is stale
    _wait(qtbot, page.dry_run())
    assert {r.values["desa_kode"] for r in page.run.result.rows} == {DESA_2}
    _wait(qtbot, page.commit())
    assert page.run.totals()["imported"] == 2
    # A list with a DESA column: no desa row in the mapping step.
    step.choose(6, "desa")
    assert not step.desa.isVisibleTo(page) and step.desa_choice() is None


def test_a_refused_row_opens_with_why_it_is_refused(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.legacy.preview_model import PROBLEMS

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT", "RW"])
    # a title in the name (a warning) and no RW in a list that has an RW column (an error)
    ws.append([1, "6408011510930023", "DEDI KURNIAWAN S.PD", "15-10-1993", "L", "Senyiur",
               "PETANI", "4", None])  # fmt: skip
    path = tmp_path / "gelar.xlsx"
    wb.save(path)
    page.set_file(path)
    _wait(qtbot, page.start_guess())
    _wait(qtbot, page.dry_run())
    model = page.preview
    assert model.data(model.index(0, 1)) == "ditolak"
    text = model.data(model.index(0, PROBLEMS))
    assert text.startswith("RW wajib diisi"), text
    assert "Gelar" in text


def test_sheets_per_desa_keep_their_own_desa_and_fund_words_are_named(
    qtbot, page, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    for n, (name, nik, fund) in enumerate(
        (("SENYIUR", "6408014101900001", "APBD"), ("KELINJAU ILIR", "6408011203850002", "DD"))
    ):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["DATA PEKERJA RENTAN TAHUN 2026"])
        ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "PEKERJAAN", "RT/RW", "SUMBER DANA"])
        ws.append([1, nik, "ORANG " + name, "01-01-1990", "L", "PETANI", "1/1", fund])
    path = tmp_path / "per_desa.xlsx"
    wb.save(path)
    page.set_file(path)
    _wait(qtbot, page.start_guess())
    step = page.mapping_step
    # The first sheet alone: the clerk is told the other sheet is not read.
    assert "2 sheet" in step.info.text() and "semua sheet" in step.info.text()
    assert "Nama sheet" in step.desa_label.text()
    page.go(0)
    page.sheet_combo.setCurrentIndex(page.sheet_combo.count() - 1)  # every sheet
    _wait(qtbot, page.start_guess())
    # One desa per sheet: no single desa to choose for all of them.
    assert not step.desa.isVisibleTo(page) and step.desa_choice() is None
    assert "setiap sheet" in step.desa_label.text()
    _wait(qtbot, page.dry_run())
    by_sheet = {r.sheet: r.values["desa_kode"] for r in page.run.result.rows}
    assert by_sheet == {"SENYIUR": DESA, "KELINJAU ILIR": DESA_2}
    page.values_button.click()
    values = page.values_step
    how = {
        values.table.item(r, 1).text(): values.table.item(r, 5).text()
        for r in range(values.table.rowCount())
    }
    assert how == {"DD": "Dana Desa: tidak ada sumber dana aktif berjenis itu"}


def test_step_one_has_no_duplicate_mnemonics(page, main_window) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.keyboard import duplicated_mnemonics

    main_window.show()
    page.go(0)
    assert duplicated_mnemonics(main_window) == {}
    assert page.sheet_combo is page.findChild(type(page.sheet_combo), "sheetCombo")


def test_value_choice_reached_with_enter(qtbot, page, tmp_path, main_window, request) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    # An open list on the offscreen platform: it cannot raise or grab the keyboard (no screen).
    capture = getattr(request.node, "qt_log_capture", None)
    if capture is not None:
        capture._ignore_regexes = [
            *capture._ignore_regexes,
            r"^This plugin does not support (raise\(\)|grabbing the keyboard)$",
        ]

    main_window.show()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT/RW", "SUMBER DANA"])
    ws.append([1, "6408014101900001", "SITI", "01-01-1990", "P", "Senyiur", "PETANI", "1/1",
               "DANA DESA"])  # fmt: skip
    path = tmp_path / "dana.xlsx"
    wb.save(path)
    page.set_file(path)
    _wait(qtbot, page.start_guess())
    _wait(qtbot, page.dry_run())
    page.values_button.click()
    values = page.values_step
    values.table.setFocus()
    values.table.setCurrentCell(0, 0)
    qtbot.keyClick(values.table, Qt.Key.Key_Return)
    combo = values.combos[0]
    assert combo.view().isVisible()  # the list is open: Up/Down and Enter pick a funder
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    values.choose(0, "APBD-KUTIM")
    _wait(qtbot, page.recheck_values())
    assert page.run.totals()["ready"] == 1
