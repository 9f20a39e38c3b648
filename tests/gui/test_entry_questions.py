"""How many questions the entry form puts to the services while the clerk types a NIK.

Issue 17: the form asks one question per pause in typing, not four. The count is taken with a
profiler hook on the real form over a real SQLite file: every call from a ``gui`` module into a
``services`` module, and every read transaction the database opens, during one pause.

Before issue 17 a pause after a NIK already registered asked 6 questions in 8 read transactions
(nik_origin, nik_suggestions, active_with_nik, check, periode twice), and a pause after a name
that made a possible duplicate asked 7 in 7 (possible_matches and reasons_text among them).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from PySide6.QtWidgets import QApplication
from tests.conftest import person
from tests.gui.test_entry_form import make_form, type_text

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry.widget import EntryForm
from rentan_desktop.services import registrants


@contextmanager
def gui_to_service_calls() -> Iterator[list[str]]:
    """Names of the service functions ``gui`` code calls while the block runs."""
    calls: list[str] = []

    def hook(frame: FrameType, event: str, _arg: object) -> None:
        if event != "call":
            return
        callee = frame.f_globals.get("__name__", "")
        caller = frame.f_back.f_globals.get("__name__", "") if frame.f_back else ""
        if callee.startswith("rentan_desktop.services.") and caller.startswith(
            "rentan_desktop.gui."
        ):
            calls.append(f"{callee.rsplit('.', 1)[1]}.{frame.f_code.co_name}")

    sys.setprofile(hook)
    try:
        yield calls
    finally:
        sys.setprofile(None)


@contextmanager
def read_transactions(gui: GuiContext) -> Iterator[list[str]]:
    """One entry per read transaction the database opens while the block runs."""
    db = gui.ctx.db
    opened: list[str] = []
    reader, raw_reader = db.reader, db.raw_reader

    @contextmanager
    def counted_reader():  # type: ignore[no-untyped-def]
        opened.append("reader")
        with reader() as session:
            yield session

    def counted_raw():  # type: ignore[no-untyped-def]
        opened.append("raw_reader")
        return raw_reader()

    db.reader, db.raw_reader = counted_reader, counted_raw  # type: ignore[method-assign]
    try:
        yield opened
    finally:
        del db.reader, db.raw_reader  # back to the class's methods


def pause(qtbot, form: EntryForm) -> None:  # type: ignore[no-untyped-def]
    """Let the form's typing timer fire and its answer land."""
    qtbot.waitUntil(lambda: not form._timer.isActive())
    QApplication.processEvents()


def test_a_typed_nik_asks_one_question_per_pause(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    # Someone holds this NIK already: the answer must name them (the full answer, not a cheap one).
    registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))
    form = make_form(qtbot, gui_ctx)
    pause(qtbot, form)
    with gui_to_service_calls() as calls, read_transactions(gui_ctx) as reads:
        type_text("6408014101900001")
        pause(qtbot, form)
    assert form.panel.exact_box.isVisible()
    assert "SITI AMINAH" in form.panel.exact_text.text()
    assert "sudah terdaftar" in form.field_message("nik")
    # Drafts are written per field by their own worker (services.drafts): not a question.
    questions = [c for c in calls if not c.startswith("drafts.")]
    assert questions == ["entry_check.check_typing"], questions
    assert len(reads) == 1, reads


def test_a_possible_duplicate_comes_with_the_same_one_question(
    qtbot, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id))
    form = make_form(qtbot, gui_ctx)
    type_text("6408014101900002")  # one digit away from Siti's NIK; the NIK fills birth and sex
    pause(qtbot, form)
    assert form.values()["tanggal_lahir"] == "01011990"
    form.editors["nama"].setFocus()
    with gui_to_service_calls() as calls, read_transactions(gui_ctx) as reads:
        type_text("siti aminah")
        pause(qtbot, form)
    assert form.panel.possible_box.isVisible()
    assert "SITI AMINAH" in form.panel.possible_list.item(0).text()
    assert not form.panel.exact_box.isVisible()
    questions = [c for c in calls if not c.startswith("drafts.")]
    assert questions == ["entry_check.check_typing"], questions
    assert len(reads) == 1, reads
