"""Navigation entry of the RT results keying screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.rt_results.widget import RtResultsPage

    return RtResultsPage(gui)


PAGE = PageSpec(
    key="rt_results",
    title=QT_TRANSLATE_NOOP("pages", "Hasil daftar &RT"),
    factory=_build,
    shortcut="Ctrl+4",
    perm=Perm.STATUS_VERIFY,
    order=30,
)
