"""RT results keying: the list code typed as a scanner would, one key per row, Ctrl+S; the
statuses and the correction land in the records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from tests.conftest import DESA, person

from rentan_desktop.gui.rt_results.widget import RtResultsPage
from rentan_desktop.services import registrants, rt_lists


def _people(ctx, admin, funder_id: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    made = {}
    for i, nama in enumerate(["Ani", "Badu", "Cici"], start=1):
        data = person(funder_id, nik=f"640801410190{i:04d}", nama=nama)
        made[nama.upper()] = registrants.create(ctx, actor=admin, data=data).registrant.uuid
    return made


def _status(db: Path) -> dict[str, tuple[str, str]]:
    con = sqlite3.connect(db)
    try:
        return {
            r[0]: (r[1], r[2] or "")
            for r in con.execute("SELECT upper(nama), status, notes FROM registrant")
        }
    finally:
        con.close()


def test_keying_with_one_key_per_row(qtbot, gui_ctx, ctx, admin, funder_id, tmp_path) -> None:
    _people(ctx, admin, funder_id)
    printed = rt_lists.print_rt_list(
        ctx, actor=admin, desa_kode=DESA, rt="3", output=tmp_path / "rt.pdf"
    )
    page = RtResultsPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitActive(page)
    page.code_edit.setFocus()
    qtbot.keyClicks(page.code_edit, printed.code.lower().replace("-", " "))  # sloppy typing
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    assert page.sheet is not None and page.sheet.code == printed.code
    assert page.table.rowCount() == 3
    names = [page.table.item(r, 1).text().upper() for r in range(3)]
    assert page.focusWidget() is page.table and page.table.currentRow() == 0
    qtbot.keyClick(page.table, "1")
    qtbot.keyClick(page.table, "4")
    assert page.table.currentRow() == 2
    qtbot.keyClick(page.table, "5")
    assert page.fix_edit.isVisible() and page.focusWidget() is page.fix_edit
    qtbot.keyClicks(page.fix_edit, "Nama ibu: Siti Halimah")
    qtbot.keyClick(page.fix_edit, Qt.Key.Key_Return)
    assert not page.fix_edit.isVisible()
    assert page.table.item(2, 4).text() == "Perbaikan" and page.table.item(2, 5).text()
    assert page.count_label.text() == "3 isian belum disimpan."
    assert page.table.item(0, 6).text() == "Belum disimpan"
    before = _status(ctx.db.path)
    assert {s for s, _ in before.values()} == {"draft"}  # nothing written before Ctrl+S

    qtbot.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.job is not None
    with qtbot.waitSignal(page.job.finished, timeout=10_000):
        pass
    after = _status(ctx.db.path)
    assert after[names[0]][0] == "verified"
    assert after[names[1]][0] == "rejected"
    assert after[names[2]][0] == "draft" and "Nama ibu: Siti Halimah" in after[names[2]][1]
    assert "3 baris disimpan." in page.result_label.text() and "lengkap" in page.result_label.text()
    assert page.table.item(0, 3).text() == "Terverifikasi RT"
    assert page.table.item(0, 6).text() == "Diterapkan: terverifikasi"
    assert page.table.item(1, 4).text() == "Bukan pekerja rentan"
    assert not page.pending and not page.save_button.isEnabled()


def test_zero_clears_and_bad_code_is_one_sentence(
    qtbot, gui_ctx, ctx, admin, funder_id, tmp_path
) -> None:
    _people(ctx, admin, funder_id)
    printed = rt_lists.print_rt_list(
        ctx, actor=admin, desa_kode=DESA, rt="3", output=tmp_path / "rt.pdf"
    )
    page = RtResultsPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    broken = printed.code[:-1] + ("A" if printed.code[-1] != "A" else "B")
    assert not page.open_code(broken)
    assert page.result_label.property("kind") == "bad"
    assert "salah ketik" in page.result_label.text()
    assert page.open_code(printed.code)
    page.table.setFocus()
    qtbot.keyClick(page.table, "2")
    assert page.pending
    page.table.selectRow(0)
    qtbot.keyClick(page.table, "0")
    assert not page.pending and page.table.item(0, 4).text() == ""


def test_english_catalogue_covers_the_screen(qtbot, gui_ctx) -> None:
    from rentan_desktop.gui import i18n

    i18n.install("en")  # gui_lang puts Indonesian back afterwards
    page = RtResultsPage(gui_ctx)
    qtbot.addWidget(page)
    assert page.save_button.text() == "&Save results (Ctrl+S)"
    assert page.count_label.text() == "0 entries not saved."
    assert page.table.horizontalHeaderItem(4).text() == "RT result"


def test_code_field_shows_its_whole_hint(qtbot, gui_ctx) -> None:
    """The empty code field says what to type in full; at 320 px it read "RT-XXXX-XXXX (ke…"."""
    page = RtResultsPage(gui_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)  # the page's share of a 1366x768 window
    page.show()
    qtbot.waitExposed(page)
    edit = page.code_edit
    room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right()
    assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) < room
