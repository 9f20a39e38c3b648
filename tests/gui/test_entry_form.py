"""The entry form driven by the keyboard alone: real widgets, real SQLite, offscreen."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlmodel import select
from tests.conftest import DESA, person

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry.widget import EntryForm
from rentan_desktop.services import drafts, registrants
from rentan_desktop.storage.models import DuplicateDismissal, Registrant

CTRL = Qt.KeyboardModifier.ControlModifier
# The completer's popup asks the headless (offscreen) platform for things it cannot do; these two
# messages are that platform's limits, not faults of the form.
POPUP_NOISE = r"^This plugin does not support (raise\(\)|grabbing the keyboard)$"


@pytest.fixture(autouse=True)
def _ignore_popup_noise(request: pytest.FixtureRequest) -> None:
    # tests/gui/conftest.py sets the item's qt_log_ignore marker; extend its list rather than
    # replacing it (pytest-qt honours only the closest marker).
    capture = getattr(request.node, "qt_log_capture", None)
    if capture is not None:
        capture._ignore_regexes = [*capture._ignore_regexes, POPUP_NOISE]


def key_target() -> QWidget:
    """Where a real keyboard's keys go: an open popup (completer list) first, else the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    return target


def type_text(text: str) -> None:
    QTest.keyClicks(key_target(), text)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(key_target(), key, modifier)


def enter(text: str = "") -> None:
    """Type ``text`` into the focused field and press Enter (move to the next field)."""
    if text:
        type_text(text)
    press(Qt.Key.Key_Return)


def make_form(qtbot, gui: GuiContext) -> EntryForm:  # type: ignore[no-untyped-def]
    form = EntryForm(gui)
    qtbot.addWidget(form)
    form.resize(1100, 720)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.page_shown()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["nik"])
    return form


def key_in_siti(form: EntryForm, nik: str = "6408014101900001") -> None:
    """Type Siti Aminah's paper form, field by field, Enter after each."""
    enter(nik)
    enter("6408010101100001")
    enter("  siti   aminah ")
    enter("sangatta")
    enter("01011990")
    enter("p")
    enter("halimah")
    enter("jl. poros no. 5")
    enter("3")
    enter("1")
    type_text("senyi")
    QTest.qWait(50)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)  # picks the desa and moves on
    enter("0812-3456-7890")
    enter("nel")  # type-to-select in the list: Nelayan
    enter("apbd")
    enter("")  # penghasilan: default Rp1.000.000
    type_text("dari formulir RT 03")


def count(gui: GuiContext) -> int:
    with gui.ctx.db.reader() as session:
        return len(list(session.exec(select(Registrant))))


def test_complete_registration_by_keyboard_alone(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    key_in_siti(form)
    values = form.values()
    assert values["nama"] == "SITI AMINAH"  # upper-cased as typed, trimmed on leaving
    assert values["tempat_lahir"] == "SANGATTA"
    assert values["jenis_kelamin"] == "P"
    assert values["desa_kode"] == DESA
    assert values["pekerjaan_kode"] == "NELAYAN"
    qtbot.waitUntil(lambda: "SENYIUR" in form.field_message("desa_kode"))
    assert form.field_message("tanggal_lahir") == "1 Januari 1990"
    qtbot.waitUntil(lambda: "Muara Ancalong" in form.panel.origin.text())
    assert "1 Januari 1990" in form.panel.birth.text()
    assert "Perempuan" in form.panel.sex.text()

    press(Qt.Key.Key_S, CTRL)
    assert count(gui_ctx) == 1
    with gui_ctx.ctx.db.reader() as session:
        row = session.exec(select(Registrant)).one()
    assert (row.nik, row.nama, row.rt, row.rw) == ("6408014101900001", "SITI AMINAH", "003", "001")
    assert row.no_hp == "+6281234567890"
    assert row.notes == "dari formulir RT 03"
    assert "SITI AMINAH" in form.status.text()
    # The next record starts at the NIK with desa, RT, RW, pekerjaan and sumber dana carried forward.
    assert QApplication.focusWidget() is form.editors["nik"]
    after = form.values()
    assert after["nik"] == after["nama"] == after["tanggal_lahir"] == ""
    assert (after["desa_kode"], after["rt"], after["rw"]) == (DESA, "3", "1")
    assert (
        after["pekerjaan_kode"] == "NELAYAN" and after["sumber_dana_id"] == values["sumber_dana_id"]
    )
    assert form.keeper.flush()
    assert drafts.load(gui_ctx.ctx, actor=gui_ctx.user) is None  # the draft went with the save


def test_tab_order_follows_the_paper_form(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    seen = []
    for _ in range(len(form.editors)):
        seen.append(next(n for n, e in form.editors.items() if e is QApplication.focusWidget()))
        press(Qt.Key.Key_Tab)
    assert seen == list(form.editors)
    assert QApplication.focusWidget() is form.save_button


def test_errors_appear_beside_the_field_and_disappear_when_fixed(
    qtbot, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    enter("64080141019")  # too short
    assert "16 angka" in form.field_message("nik")
    enter()
    enter("budi")
    enter()
    enter("31021990")  # 31 February
    qtbot.waitUntil(lambda: "tidak valid" in form.field_message("tanggal_lahir"))
    form.editors["tanggal_lahir"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    enter("28021990")
    qtbot.waitUntil(lambda: form.field_message("tanggal_lahir") == "28 Februari 1990")
    form.editors["nik"].setFocus()
    press(Qt.Key.Key_End)
    type_text("00001")
    qtbot.waitUntil(lambda: "16 angka" not in form.field_message("nik"))

    before = count(gui_ctx)
    press(Qt.Key.Key_S, CTRL)  # refused: required fields are still empty
    assert count(gui_ctx) == before
    assert "wajib diisi" in form.field_message("rt")
    assert "wajib diisi" in form.field_message("desa_kode")
    assert "kesalahan" in form.status.text()
    # The completed NIK filled the empty sex field (P) and left the typed birth date alone.
    assert form.values()["jenis_kelamin"] == "P"
    assert form.values()["tanggal_lahir"] == "28021990"
    assert QApplication.focusWidget() is form.editors["rt"]  # first field in error


def test_exact_duplicate_blocks_and_links_to_the_record(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    existing = registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))
    form = make_form(qtbot, gui_ctx)
    type_text("6408014101900001")
    qtbot.waitUntil(form.panel.exact_box.isVisible)  # after a pause in typing, no Enter needed
    assert "SITI AMINAH" in form.panel.exact_text.text()
    qtbot.waitUntil(lambda: "sudah terdaftar" in form.field_message("nik"))
    key_in_siti_rest(form)
    press(Qt.Key.Key_S, CTRL)
    assert count(gui_ctx) == 1
    assert "tidak disimpan" in form.status.text()
    with qtbot.waitSignal(form.open_registrant) as blocker:
        press(Qt.Key.Key_O, CTRL)
    assert blocker.args == [existing.registrant.uuid]


def key_in_siti_rest(form: EntryForm) -> None:
    form.editors["nama"].setFocus()
    enter("siti aminah")
    enter("sangatta")
    enter("01011990")
    enter("p")


def test_possible_duplicate_is_listed_and_a_supervisor_can_dismiss_it(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    first = registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))
    form = make_form(qtbot, gui_ctx)
    key_in_siti(form, nik="6408014101900002")  # one digit away, same name and birth date
    qtbot.waitUntil(form.panel.possible_box.isVisible)
    text = form.panel.possible_list.item(0).text()
    assert "SITI AMINAH" in text and "Tanggal lahir sama" in text
    assert not form.panel.exact_box.isVisible()
    # A reason is required.
    form.panel.dismiss_button.click()
    assert "Alasan wajib" in form.status.text()
    form.panel.dismiss_reason.setFocus()
    type_text("beda orang, KK berbeda")
    press(Qt.Key.Key_Return)  # Enter in the reason field records the decision
    assert not form.panel.possible_box.isVisible()
    press(Qt.Key.Key_S, CTRL)
    assert count(gui_ctx) == 2
    with gui_ctx.ctx.db.reader() as session:
        decision = session.exec(select(DuplicateDismissal)).one()
    assert decision.uuid_b == first.registrant.uuid and decision.reason == "beda orang, KK berbeda"


def test_possible_duplicate_warns_but_saves_for_an_operator(
    qtbot, make_gui_ctx, make_user, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    gui = make_gui_ctx(make_user("operator"))
    registrants.create(gui.ctx, actor=gui.user, data=person(funder_id))
    form = make_form(qtbot, gui)
    assert not form.panel.dismiss_row.isVisibleTo(form)
    key_in_siti(form, nik="6408014101900002")
    qtbot.waitUntil(form.panel.possible_box.isVisible)
    assert "****" in form.panel.possible_list.item(0).text()  # operators see masked NIKs
    # Enter on the last field asks first; the question (from the service) says why.
    asked = answer_duplicate_question(qtbot, save=False)
    press(Qt.Key.Key_Return)
    assert "SITI AMINAH" in asked[0] and "****" in asked[0] and "Tanggal lahir sama" in asked[0]
    assert count(gui) == 1  # "Jangan simpan": nothing saved, the form keeps its values
    assert "Belum disimpan" in form.status.text() and form.values()["nama"] == "SITI AMINAH"
    # The keyboard is back in the form, on the field the clerk was in.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["notes"])
    asked = answer_duplicate_question(qtbot, save=True)
    press(Qt.Key.Key_S, CTRL)
    assert asked and count(gui) == 2
    assert "kemungkinan data ganda" in form.status.text()


def answer_duplicate_question(qtbot, *, save: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the duplicate question once it opens; returns [its text] once answered."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        assert box.objectName() == "duplicateQuestion"
        asked.append(box.text())
        wanted = "Simpan sebagai" if save else "Jangan simpan"
        next(b for b in box.buttons() if b.text().startswith(wanted)).click()

    QTimer.singleShot(20, answer)
    return asked


def test_draft_written_per_field_and_offered_back(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    enter("6408014101900001")
    enter()
    type_text("budi")
    assert form.keeper.flush()
    assert form.keeper.writes >= 2  # keys arriving faster than the disk are written together
    draft = drafts.load(gui_ctx.ctx, actor=gui_ctx.user)
    assert draft is not None and draft.data["nama"] == "BUDI"
    assert draft.data["nik"] == "6408014101900001"
    form.close()

    again = make_form_without_focus(qtbot, gui_ctx)
    assert again.banner.isVisible() and "BUDI" in again.banner.text.text()
    press(Qt.Key.Key_R, CTRL)
    assert again.values()["nama"] == "BUDI" and again.values()["nik"] == "6408014101900001"
    assert not again.banner.isVisible()


def test_declining_a_draft_empties_it(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    drafts.save_field(gui_ctx.ctx, actor=gui_ctx.user, name="nama", value="ANI")
    form = make_form_without_focus(qtbot, gui_ctx)
    assert form.banner.isVisible()
    form.banner.discard_button.click()
    assert form.keeper.flush()
    assert drafts.load(gui_ctx.ctx, actor=gui_ctx.user) is None
    assert form.values()["nama"] == ""


def make_form_without_focus(qtbot, gui: GuiContext) -> EntryForm:  # type: ignore[no-untyped-def]
    form = EntryForm(gui)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.banner.restore_button)
    return form


def test_typing_never_waits_for_a_busy_writer(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    held, release = threading.Event(), threading.Event()

    def hold_writer() -> None:  # e.g. a long import on a background job
        with gui_ctx.ctx.db.writer():
            held.set()
            release.wait(20)

    worker = threading.Thread(target=hold_writer)
    worker.start()
    try:
        assert held.wait(5)
        started = time.perf_counter()
        enter("6408014101900001")
        enter()
        type_text("budi")
        assert time.perf_counter() - started < 5  # the form answered while the writer was busy
        assert not form.keeper.flush(timeout=0.3)  # the draft is queued, not lost
    finally:
        release.set()
        worker.join()
    assert form.keeper.flush(timeout=10)
    draft = drafts.load(gui_ctx.ctx, actor=gui_ctx.user)
    # What the NIK filled in (birth date, sex) is kept with what was typed.
    assert draft is not None and draft.data == {
        "nik": "6408014101900001",
        "nama": "BUDI",
        "tanggal_lahir": "01011990",
        "jenis_kelamin": "P",
    }


def test_ctrl_enter_saves_too(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    key_in_siti(form)
    press(Qt.Key.Key_Return, CTRL)
    assert count(gui_ctx) == 1
    assert QApplication.focusWidget() is form.editors["nik"]


def test_a_correction_in_progress_comes_back_as_a_correction(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    saved = registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id)).registrant
    form = make_form(qtbot, gui_ctx)
    form.edit(saved.uuid)
    form.editors["alamat"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    type_text("jl. baru")
    assert form.keeper.flush()
    form.close()
    again = make_form_without_focus(qtbot, gui_ctx)
    press(Qt.Key.Key_R, CTRL)
    assert again.uuid == saved.uuid and "Koreksi" in again.title.text()
    assert again.values()["alamat"] == "JL. BARU" and again.values()["nama"] == "SITI AMINAH"
    press(Qt.Key.Key_S, CTRL)
    assert registrants.get(gui_ctx.ctx, actor=gui_ctx.user, uuid=saved.uuid).alamat == "JL. BARU"
    assert count(gui_ctx) == 1  # corrected, not registered twice


def test_saving_while_an_import_holds_the_writer_waits_without_freezing(
    qtbot, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    form = make_form(qtbot, gui_ctx)
    key_in_siti(form)
    held, release = threading.Event(), threading.Event()

    def hold_writer() -> None:
        with gui_ctx.ctx.db.writer():
            held.set()
            release.wait(20)

    worker = threading.Thread(target=hold_writer)
    worker.start()
    try:
        assert held.wait(5)
        started = time.perf_counter()
        press(Qt.Key.Key_S, CTRL)
        assert time.perf_counter() - started < 2  # Ctrl+S came back at once
        assert "Menunggu" in form.status.text()
        assert not form.editors["nama"].isEnabled()  # locked: nothing typed now could be lost
        assert not form.save()  # a second Ctrl+S does not queue a second record
    finally:
        release.set()
        worker.join()
    qtbot.waitUntil(lambda: count(gui_ctx) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "Tersimpan" in form.status.text())
    assert form.editors["nama"].isEnabled() and form.values()["nama"] == ""
    assert form.values()["desa_kode"] == DESA  # carried forward as after any save
