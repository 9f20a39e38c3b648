"""Navigation entry of the card check."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.card_verify.widget import CardVerifyPage

    return CardVerifyPage(gui)


PAGE = PageSpec(
    key="card_verify",
    title=QT_TRANSLATE_NOOP("pages", "Periks&a kartu"),
    factory=_build,
    shortcut="Ctrl+0",
    perm=Perm.REGISTRANT_VIEW,
    order=45,
)
