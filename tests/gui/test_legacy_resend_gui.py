"""Legacy wizard on a re-sent list: the preview's Status column says "sudah terdaftar" or
"perubahan data" (with the changed fields in its messages), and the commit applies the changes as
corrections only when the clerk ticks the box."""

from __future__ import annotations

import sqlite3

from rentan_desktop.gui.legacy.preview_model import PROBLEMS
from rentan_desktop.services import legacy_import
from test_legacy_resend import first_list, resent_list


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert job.error is None, job.error


def test_resent_list_in_the_wizard(qtbot, main_window, ctx, admin, tmp_path, db_path) -> None:  # type: ignore[no-untyped-def]
    assert (
        legacy_import.commit(ctx, actor=admin, path=first_list(tmp_path)).totals()["imported"] == 3
    )
    page = main_window.show_page("legacy")
    page.set_file(resent_list(tmp_path))
    _wait(qtbot, page.start_guess())
    _wait(qtbot, page.dry_run())
    model = page.preview
    status = {
        model.data(model.index(r, 0)): model.data(model.index(r, 1))
        for r in range(model.rowCount())
    }
    # CSV rows 2..5: Hasan (NIK typo), Siti (unchanged), Dewi (new), Budi (moved, respelled)
    assert status == {"2": "perubahan data", "3": "sudah terdaftar", "4": "siap diimpor",
                      "5": "perubahan data"}  # fmt: skip
    budi = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "5")
    assert "alamat" in model.data(model.index(budi, PROBLEMS))
    assert "1 sudah terdaftar" in page.summary.text() and "2 perubahan data" in page.summary.text()
    assert page.apply_changes.isVisible() and not page.apply_changes.isChecked()

    page.apply_changes.setChecked(True)
    _wait(qtbot, page.commit())
    assert (
        "1 baris diimpor" in page.message.text()
        and "1 data terdaftar dikoreksi" in page.message.text()
    )
    con = sqlite3.connect(db_path)
    try:
        alamat, version = con.execute(
            "SELECT alamat, version FROM registrant WHERE nik = '6408011203850002'"
        ).fetchone()
        total = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
    finally:
        con.close()
    assert (alamat, version, total) == ("JL. SUNGAI NO. 20", 2, 4)
    assert model.data(model.index(budi, 1)) == "dikoreksi"
