"""Key a record, find it in the list, open it, correct it, and see the change in its history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import select
from tests.conftest import person
from tests.gui.test_entry_form import (  # noqa: F401 - the autouse fixture applies here too
    CTRL,
    _ignore_popup_noise,
    enter,
    key_in_siti,
    press,
    type_text,
)

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry.widget import EntryForm
from rentan_desktop.gui.registrants.widget import RegistrantList
from rentan_desktop.services import registrants
from rentan_desktop.storage.models import Registrant


def history_texts(page: RegistrantList) -> list[str]:
    table = page.detail.history
    return [
        " | ".join(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def test_key_find_open_edit_and_see_history(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    form = main_window.show_page("entry")
    assert isinstance(form, EntryForm)
    main_window.activateWindow()
    form.editors["nik"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["nik"])
    key_in_siti(form)
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Tersimpan" in form.status.text())

    page = main_window.show_page("registrants")
    assert isinstance(page, RegistrantList)
    page.filters.focus_search()
    type_text("siti am")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.count_label.text() == "1 pendaftar")
    assert page.model.data(page.model.index(0, 1)) == "SITI AMINAH"
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 0))
    press(Qt.Key.Key_Return)  # opens the detail
    qtbot.waitUntil(page.detail.isVisible)
    assert "SITI AMINAH" in page.detail.title.text()
    assert history_texts(page)[0].split(" | ")[2] == "Dibuat"

    press(Qt.Key.Key_E, CTRL)  # correct it in the entry form
    assert main_window.current_key() == "entry"
    assert form.uuid is not None and "Koreksi" in form.title.text()
    form.editors["alamat"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    type_text("jl. baru no. 7")
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Perubahan tersimpan" in form.status.text())
    assert form.uuid is None  # back to new entries

    main_window.show_page("registrants")
    texts = history_texts(page)
    assert len(texts) == 2
    assert "Dikoreksi (v2)" in texts[1]
    assert "Alamat: JL. POROS NO. 5 → JL. BARU NO. 7" in texts[1]
    assert "admin" in texts[1]


def _three(gui: GuiContext, funder_id: int) -> list[str]:
    people = [
        person(funder_id, nik="6408014101900001", nama="Siti Aminah"),
        person(funder_id, nik="6408010202850003", nama="Budi Santoso", tanggal_lahir="02021985", jenis_kelamin="L"),
        person(funder_id, nik="6408010303800004", nama="Joko Susanto", tanggal_lahir="03031980", jenis_kelamin="L"),
    ]  # fmt: skip
    return [registrants.create(gui.ctx, actor=gui.user, data=p).registrant.uuid for p in people]


def statuses(gui: GuiContext) -> dict[str, str]:
    with gui.ctx.db.reader() as session:
        return {r.uuid: r.status for r in session.exec(select(Registrant))}


def make_list(qtbot, gui: GuiContext) -> RegistrantList:  # type: ignore[no-untyped-def]
    page = RegistrantList(gui)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.count_label.text() == "3 pendaftar")
    page.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)
    page.view.setCurrentIndex(page.model.index(0, 0))
    return page


def test_bulk_rt_verification_results(qtbot, gui_ctx: GuiContext, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    uuids = _three(gui_ctx, funder_id)
    page = make_list(qtbot, gui_ctx)
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # rows 0 and 1
    press(Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.status_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    press(Qt.Key.Key_Down)  # arrow from "Terverifikasi" to "Ditolak"
    assert dialog.rejected.isChecked()
    press(Qt.Key.Key_Return)  # no reason: refused inside the dialog
    assert dialog.isVisible() and "Alasan wajib" in dialog.error.text()
    dialog.reason.setFocus()
    type_text("tidak dikenal ketua RT")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "2 pendaftar diubah menjadi 'Ditolak RT'" in page.message.text()
    after = statuses(gui_ctx)
    assert [after[u] for u in uuids] == ["rejected", "rejected", "draft"]
    history = registrants.history(gui_ctx.ctx, actor=gui_ctx.user, uuid=uuids[0])
    assert history[-1]["detail"]["reason"] == "tidak dikenal ketua RT"  # type: ignore[index]


def test_deactivate_with_a_reason_and_refusals_reported(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    uuids = _three(gui_ctx, funder_id)
    page = make_list(qtbot, gui_ctx)
    press(Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.status_dialog
    assert dialog is not None
    dialog.reason_kind.setCurrentIndex(dialog.reason_kind.findData("meninggal"))
    dialog.reason.setText("12-10-2026")
    dialog._check_and_accept()
    qtbot.waitUntil(lambda: "1 pendaftar diubah menjadi 'Nonaktif'" in page.message.text())
    assert statuses(gui_ctx)[uuids[0]] == "inactive"
    history = registrants.history(gui_ctx.ctx, actor=gui_ctx.user, uuid=uuids[0])
    assert history[-1]["detail"]["reason"] == "Meninggal dunia: 12-10-2026"  # type: ignore[index]
    # The list refreshed itself; verifying the inactive one is refused, the others go through.
    page.view.selectAll()
    page.bulk("verify")
    page.status_dialog._check_and_accept()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "1 ditolak" in page.message.text())
    assert "2 pendaftar diubah" in page.message.text()


def test_operator_sees_no_deactivation(qtbot, make_gui_ctx, make_user, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    gui = make_gui_ctx(make_user("operator"))
    _three(gui, funder_id)
    page = make_list(qtbot, gui)
    assert page.verify_button.isVisible()
    assert not page.deactivate_button.isVisible()
    assert "****" in page.model.data(page.model.index(0, 0))


def test_sorting_by_keyboard_and_by_header_agree(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    _three(gui_ctx, funder_id)
    page = make_list(qtbot, gui_ctx)
    page.filters.sort.setFocus()
    type_text("nam")  # type-to-select in the sort box
    assert page.model.query.sort == "nama"
    names = [page.model.data(page.model.index(r, 1)) for r in range(3)]
    assert names == ["BUDI SANTOSO", "JOKO SUSANTO", "SITI AMINAH"]
    page.filters.descending.setFocus()
    press(Qt.Key.Key_Space)
    assert [page.model.data(page.model.index(r, 1)) for r in range(3)] == names[::-1]
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    page.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # a header click: birth date
    assert page.filters.sort.currentData() == "tanggal_lahir"
    assert not page.filters.descending.isChecked()
    page.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # RT/RW cannot sort: nothing changes
    assert page.model.query.sort == "tanggal_lahir" and header.sortIndicatorSection() == 2


def test_list_keeps_its_place_after_a_change(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.services import demo

    demo.generate(gui_ctx.ctx, actor=gui_ctx.user, count=450, seed=5)
    page = RegistrantList(gui_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text() == "450 pendaftar")
    page.view.setCurrentIndex(page.model.index(333, 0))
    page.view.scrollTo(page.model.index(333, 0))
    uuid = page.model.uuid_at(333)
    gui_ctx.signals.emit_changed("registrant", (), "import")  # e.g. another page saved something
    qtbot.waitUntil(lambda: page.view.currentIndex().row() == 333)
    assert page.model.uuid_at(333) == uuid
    qtbot.waitUntil(lambda: page.view.rowAt(page.view.viewport().height() // 2) > 250)


def test_exact_duplicate_link_opens_the_existing_record(qtbot, main_window, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    gui = main_window.gui
    existing = registrants.create(gui.ctx, actor=gui.user, data=person(funder_id))
    form = main_window.show_page("entry")
    main_window.activateWindow()
    form.editors["nik"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["nik"])
    type_text("6408014101900001")
    qtbot.waitUntil(form.panel.exact_box.isVisible)
    press(Qt.Key.Key_O, CTRL)
    assert main_window.current_key() == "registrants"
    page = main_window.page("registrants")
    assert page.detail.uuid == existing.registrant.uuid and not page.detail.isHidden()


def test_too_large_a_selection_is_refused(
    qtbot, gui_ctx: GuiContext, funder_id: int, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.registrants import actions

    monkeypatch.setattr(actions, "MAX_BULK", 2)
    uuids = _three(gui_ctx, funder_id)
    page = make_list(qtbot, gui_ctx)
    page.view.selectAll()
    page.bulk(actions.VERIFY)
    assert page.status_dialog is None
    assert "Terlalu banyak baris terpilih (3)" in page.message.text()
    assert set(statuses(gui_ctx).values()) == {"draft"} and len(uuids) == 3
