"""Navigation entry of the clerk's entry form."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.entry.widget import EntryForm

    form = EntryForm(gui)

    def open_existing(uuid: str) -> None:
        # The exact-duplicate link: show the record that already holds this NIK in the list page.
        window = form.window()
        if "registrants" in getattr(window, "page_keys", lambda: [])():
            window.show_page("registrants").open_record(uuid)  # type: ignore[attr-defined]

    form.open_registrant.connect(open_existing)
    return form


PAGE = PageSpec(
    key="entry",
    title=QT_TRANSLATE_NOOP("pages", "&Entri data"),
    factory=_build,
    shortcut="Ctrl+2",
    perm=Perm.REGISTRANT_CREATE,
    order=10,
)
