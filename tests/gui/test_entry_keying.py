"""Keying that uses what the form knows (issue 15, point 5): real widgets at 1366x768, real SQLite."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from sqlmodel import select
from tests.conftest import person
from tests.gui.test_entry_form import (
    CTRL,
    _ignore_popup_noise,  # noqa: F401 - autouse fixture: the completer popup's offscreen noise
    count,
    enter,
    press,
    type_text,
)

from rentan_desktop.domain.registrant import REQUIRED
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry.widget import EntryForm
from rentan_desktop.services import registrants, setup
from rentan_desktop.storage.models import Registrant


def open_form(qtbot, gui: GuiContext) -> EntryForm:  # type: ignore[no-untyped-def]
    form = EntryForm(gui)
    qtbot.addWidget(form)
    form.resize(1366, 700)  # the page area of a 1366x768 screen
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    form.page_shown()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["nik"])
    return form


def test_a_valid_nik_fills_birth_date_and_sex_the_clerk_confirms_or_overrides(
    qtbot, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, gui_ctx)
    enter("6408014101900001")  # day 41 = a woman born on the 1st
    values = form.values()
    assert (values["tanggal_lahir"], values["jenis_kelamin"]) == ("01011990", "P")
    assert "dari NIK" in form.field_message("tanggal_lahir")
    assert "1 Januari 1990" in form.field_message("tanggal_lahir")
    # Another NIK replaces what the first one filled, as long as the clerk has not typed over it.
    form.editors["nik"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    enter("6408011505850002")
    assert (form.values()["tanggal_lahir"], form.values()["jenis_kelamin"]) == ("15051985", "L")
    # The paper form says the 16th: the clerk types over; the mismatch is a warning, not a block.
    enter("siti")  # (focus is on KK: skip it with the name typed in the next field)
    form.editors["tanggal_lahir"].setFocus(Qt.FocusReason.TabFocusReason)
    enter("16051985")
    assert form.values()["tanggal_lahir"] == "16051985"
    assert "dari NIK" not in form.field_message("tanggal_lahir")
    qtbot.waitUntil(lambda: "berbeda" in form.panel.nik_warnings.text())
    # A NIK typed again later never overwrites the date the clerk typed.
    form.editors["nik"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    enter("6408014101900001")
    assert form.values()["tanggal_lahir"] == "16051985"
    assert form.values()["jenis_kelamin"] == "P"  # still the NIK's own value: it follows the NIK


def test_one_funder_is_preset_and_required_fields_are_marked(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    assert len(setup.list_funders(gui_ctx.ctx)) == 1
    form = open_form(qtbot, gui_ctx)
    assert form.values()["sumber_dana_id"] == str(setup.list_funders(gui_ctx.ctx)[0].id)
    labels = {
        lbl.buddy().objectName().removeprefix("field_"): lbl.text()
        for lbl in form.findChildren(QLabel)
        if lbl.buddy() is not None
    }
    for name, text in labels.items():
        assert text.endswith(" *") == (name in REQUIRED), name
    assert form.legend.isVisible() and "wajib" in form.legend.text()
    # Kosongkan keeps the one funder too.
    form.new_record()
    assert form.values()["sumber_dana_id"] == str(setup.list_funders(gui_ctx.ctx)[0].id)


def test_errors_wait_until_the_field_is_left_and_a_cleared_form_shows_none(
    qtbot, gui_ctx: GuiContext
) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, gui_ctx)
    enter("6408014101900001")
    enter()
    type_text("budi")
    form.editors["tanggal_lahir"].setFocus(Qt.FocusReason.TabFocusReason)
    type_text("3102")  # half a date, still being typed
    QTest.qWait(300)  # past the pause after which the form re-checks
    assert "tidak valid" not in form.field_message("tanggal_lahir")
    assert form.messages["tanggal_lahir"].styleSheet() != "color: #b00020;"
    type_text("1990")  # 31 February: wrong, but still not said while typing
    QTest.qWait(300)
    assert "tidak valid" not in form.field_message("tanggal_lahir")
    press(Qt.Key.Key_Return)  # left: now it is said
    assert "tidak valid" in form.field_message("tanggal_lahir")
    form.editors["tanggal_lahir"].setFocus(Qt.FocusReason.TabFocusReason)
    type_text("2")  # typing in it again: the finding waits for the field to be left again
    QTest.qWait(300)
    assert "tidak valid" not in form.field_message("tanggal_lahir")
    press(Qt.Key.Key_S, CTRL)  # a refused save shows everything
    assert "wajib diisi" in form.field_message("rt")
    form.clear_button.click()
    assert all(
        not m.text() or m.styleSheet() not in ("color: #b00020;", "color: #8a5300;")
        for m in form.messages.values()
    ), {n: (m.text(), m.styleSheet()) for n, m in form.messages.items() if m.text()}
    assert not form.status.text()
    assert form.values()["nik"] == "" and form.values()["tanggal_lahir"] == ""


@pytest.mark.parametrize(
    "pasted",
    ["6408 0141 0190 0001", "6408.0141.0190.0001", "'6408014101900001", " 6408-0141-0190-0001 "],
)
def test_a_pasted_nik_keeps_its_digits(qtbot, gui_ctx: GuiContext, pasted: str) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, gui_ctx)
    QApplication.clipboard().setText(pasted)
    press(Qt.Key.Key_V, CTRL)
    assert form.values()["nik"] == "6408014101900001"
    press(Qt.Key.Key_Return)
    assert form.values()["jenis_kelamin"] == "P"  # a whole, valid NIK


def test_a_letter_in_the_nik_is_named_not_swallowed(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, gui_ctx)
    type_text("64080141O1900001")  # letter O for a zero
    assert form.values()["nik"] == "64080141O1900001"
    press(Qt.Key.Key_Return)
    assert "'O'" in form.field_message("nik") and "angka" in form.field_message("nik")
    # A 17th digit is refused like a full field refuses it; the letter is still there to fix.
    form.editors["nik"].setFocus()
    press(Qt.Key.Key_End)
    type_text("9")
    assert form.values()["nik"] == "64080141O1900001"


def test_tidak_ada_in_the_phone_field_saves_without_a_number(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, gui_ctx)
    data = person(funder_id)
    values = {k: str(getattr(data, k)) for k in form.editors}
    values["no_hp"] = ""
    form.set_values(values)
    form.editors["no_hp"].setFocus(Qt.FocusReason.TabFocusReason)
    type_text("tidak ada")
    assert form.values()["no_hp"] == "tidak ada"
    press(Qt.Key.Key_Return)
    assert form.field_message("no_hp") == ""
    press(Qt.Key.Key_S, CTRL)
    assert count(gui_ctx) == 1
    with gui_ctx.ctx.db.reader() as session:
        assert session.exec(select(Registrant)).one().no_hp is None


def test_birthplaces_are_offered_and_the_saved_one_comes_first(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))  # SANGATTA
    form = open_form(qtbot, gui_ctx)
    field = form.editors["tempat_lahir"]
    offered = field.offered.stringList()  # type: ignore[union-attr]
    assert offered[0] == "SANGATTA"  # keyed in this office before
    assert "SAMARINDA" in offered and "MUARA ANCALONG" in offered  # the province's places
    field.setFocus(Qt.FocusReason.TabFocusReason)
    type_text("muara a")
    qtbot.waitUntil(lambda: field.completer().popup().isVisible())
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)  # takes it and moves on
    assert form.values()["tempat_lahir"] == "MUARA ANCALONG"
    assert QApplication.focusWidget() is form.editors["tanggal_lahir"]


def test_the_duplicate_question_comes_from_the_service(gui_ctx: GuiContext, funder_id: int) -> None:
    registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))
    result = registrants.check(
        gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id, nik="6408014101900002")
    )
    question = registrants.save_question(gui_ctx.user, result, lang="id")
    assert question is not None and "SITI AMINAH" in question and "Tetap simpan" in question
    assert "Tanggal lahir sama" in question
    other = result.possible[0].other.key
    assert registrants.save_question(gui_ctx.user, result, skip=[other]) is None
    clean = registrants.check(
        gui_ctx.ctx,
        actor=gui_ctx.user,
        data=person(
            funder_id,
            nik="6408011505850002",
            nama="Budi Santoso",
            tanggal_lahir="15051985",
            jenis_kelamin="L",
        ),
    )
    assert registrants.save_question(gui_ctx.user, clean) is None


def test_english_catalogue_covers_the_new_texts(qtbot, gui_ctx: GuiContext) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.rt_results.widget import RtResultsPage

    i18n.install("en")  # gui_lang puts Indonesian back afterwards
    form = EntryForm(gui_ctx)
    qtbot.addWidget(form)
    assert form.legend.text() == "* required"
    page = RtResultsPage(gui_ctx)
    qtbot.addWidget(page)
    assert page.correct_button.text() == "Corr&ect the record now"
