"""Navigation entry of the template import page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.template_import.widget import TemplateImportPage

    return TemplateImportPage(gui)


PAGE = PageSpec(
    key="template_import",
    title=QT_TRANSLATE_NOOP("pages", "&Impor template"),
    factory=_build,
    shortcut="Ctrl+I",
    perm=Perm.TEMPLATE_IMPORT,
    order=60,
)
