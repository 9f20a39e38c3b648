"""The legacy wizard on a desa list as offices keep it: the preview says which rows were skipped (labels,
totals, signature) and which values need a decision; the value step maps "ASTRONOT" once, the next
check uses it, and the profile keeps it; a workbook with one sheet per desa is read in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.gui.keyboard import duplicated_mnemonics

from rentan_desktop.gui.legacy.widget import STEP_PREVIEW, STEP_VALUES
from rentan_desktop.services import legacy_import
from test_legacy_realworld import desa_workbook, one_sheet_per_desa


@pytest.fixture
def page(main_window):  # type: ignore[no-untyped-def]
    return main_window.show_page("legacy")


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert job.error is None, job.error


def test_value_step_maps_once_and_profile_keeps_it(
    qtbot, page, tmp_path: Path, main_window
) -> None:
    main_window.show()
    page.set_file(desa_workbook(tmp_path / "senyiur.xlsx"))
    _wait(qtbot, page.start_guess())
    _wait(qtbot, page.dry_run())
    assert page.stack.currentIndex() == STEP_PREVIEW
    summary = page.summary.text()
    assert "11 baris bukan data orang dilewati" in summary and "blok tanda tangan 5" in summary
    assert "2 nilai perlu dipastikan (" in summary and "Pekerjaan" in summary
    model = page.preview
    numbers = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "6" not in numbers and "19" not in numbers  # DUSUN I and JUMLAH are not people

    assert duplicated_mnemonics(main_window) == {}
    page.values_button.click()
    assert page.stack.currentIndex() == STEP_VALUES
    assert duplicated_mnemonics(main_window) == {}
    step = page.values_step
    shown = [step.table.item(r, 1).text() for r in range(step.table.rowCount())]
    assert set(shown) == {"ASTRONOT", "PEREMPAUN"}
    row = shown.index("ASTRONOT")
    assert step.table.item(row, 2).text() == "1"
    assert step.combos[row].currentData() == "LAINNYA"
    step.choose(row, "PEDAGANG")
    _wait(qtbot, page.recheck_values())
    assert page.run is not None and page.stack.currentIndex() == STEP_PREVIEW
    assert "perlu dipastikan" not in page.summary.text()
    chosen = {v["value"]: v for v in page.run.values_json()}
    assert chosen["ASTRONOT"]["code"] == "PEDAGANG" and chosen["ASTRONOT"]["how"] == "pengguna"

    page.back()
    assert page.stack.currentIndex() == STEP_VALUES
    page.mapping_step.profile_name.setText("Senyiur 2025")
    assert page.save_profile()
    saved = legacy_import.load_profile(page.gui.ctx, actor=page.gui.user, name="Senyiur 2025")
    assert saved.values["pekerjaan"] == {"ASTRONOT": "PEDAGANG"}


def test_every_sheet_of_a_workbook_in_one_run(qtbot, page, tmp_path: Path) -> None:
    page.set_file(one_sheet_per_desa(tmp_path / "per_desa.xlsx"))
    combo = page.sheet_combo
    assert combo.count() == 5 and combo.itemData(4) == legacy_import.ALL_SHEETS
    combo.setCurrentIndex(4)
    _wait(qtbot, page.start_guess())
    assert "semua sheet" in page.mapping_step.info.text()
    _wait(qtbot, page.dry_run())
    model = page.preview
    numbers = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert numbers == ["4 · SENYIUR", "5 · SENYIUR", "4 · KELINJAU ILIR", "5 · KELINJAU ILIR",
                       "4 · KELINJAU ULU", "5 · KELINJAU ULU"]  # fmt: skip
    assert model.data(model.index(2, 5)) == "Budi Santoso"  # its own sheet's cells
    assert "tidak dibaca: PETUGAS" in page.summary.text()


def test_value_step_shows_funder_and_status_words(qtbot, page, tmp_path: Path, main_window) -> None:
    """The desa's CSV with SUMBER DANA and STATUS words: the words nothing matches are listed with
    their column and what was assumed, mapped once, and the next check uses the choice."""
    from test_legacy_funder_status import FIRST, write_csv

    main_window.show()
    page.set_file(write_csv(tmp_path))
    _wait(qtbot, page.start_guess())
    # The column step shows what the check will use: SUMBER DANA and STATUS read as such, not as
    # "(tidak dipakai)" (the walk found their combo boxes without those choices).
    mapping = page.mapping_step
    shown_fields = {
        col.field: mapping.combos[i].currentText()
        for i, col in enumerate(mapping.mapping.columns)
        if mapping.combos[i].currentData() == col.field
    }
    assert shown_fields["sumber_dana"] == "Sumber dana", shown_fields
    assert shown_fields["status"] == "Status peserta", shown_fields
    _wait(qtbot, page.dry_run())
    # The summary names the columns whose words need a decision (not "pekerjaan/L-P" only).
    summary = page.summary.text()
    assert "Sumber dana" in summary and "Status peserta" in summary, summary
    page.values_button.click()
    assert page.stack.currentIndex() == STEP_VALUES
    step = page.values_step
    shown = {
        step.table.item(r, 1).text(): (step.table.item(r, 0).text(), step.table.item(r, 5).text())
        for r in range(step.table.rowCount())
    }
    # One funder in this office: an unknown word is recorded as that funder, a warning to check.
    assert shown["SWADAYA"] == ("Sumber dana", "tidak dikenal: dicatat APBD-KUTIM")
    assert shown["CEK ULANG"] == ("Status", "tidak dikenal: dianggap aktif")
    rows = [step.table.item(r, 1).text() for r in range(step.table.rowCount())]
    step.choose(rows.index("CEK ULANG"), "PINDAH")
    _wait(qtbot, page.recheck_values())
    assert page.run is not None
    by_row = {r["row"]: r for r in page.run.as_json("id")["rows"]}
    assert by_row[FIRST + 8]["status"] == "ditolak"
    # Every problem of the row at once: the status, and "DD" (the village fund, which this
    # office has no funder for: never recorded under the kabupaten's).
    assert [p["code"] for p in by_row[FIRST + 8]["problems"]] == [
        "legacy.status.tidak_aktif",
        "legacy.dana.jenis_tidak_aktif",
    ]
