"""Navigation entry of the audit trail page."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.pages import PageSpec


def _build(gui: GuiContext) -> QWidget:
    from rentan_desktop.gui.audit.widget import AuditPage

    return AuditPage(gui)


PAGE = PageSpec(
    key="audit",
    title=QT_TRANSLATE_NOOP("pages", "&Jejak audit"),
    factory=_build,
    shortcut="Ctrl+Shift+A",
    perm=Perm.AUDIT_VERIFY,
    order=89,
)
