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
