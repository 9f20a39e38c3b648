"""Window sizes remembered per computer (not per database): the screen belongs to the PC."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QWidget

from rentan_desktop.services.context import APP_DIR_NAME

# Room a window manager's title bar and borders take around the client area.
FRAME_ALLOWANCE = QSize(16, 40)


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_DIR_NAME, "jendela")


def fit(size: QSize, widget: QWidget) -> QSize:
    """``size`` shrunk to the free area of the widget's screen (taskbar excluded)."""
    screen = widget.screen()
    if screen is None:
        return size
    free = screen.availableGeometry().size() - FRAME_ALLOWANCE
    return size.boundedTo(free).expandedTo(widget.minimumSizeHint().boundedTo(free))


def restore(widget: QWidget, name: str, default: QSize) -> None:
    """Give ``widget`` its last size and place, or ``default`` fitted to the screen."""
    saved = settings().value(f"{name}/geometry")
    if saved is not None and widget.restoreGeometry(saved):
        # restoreGeometry moves a window back onto a screen, but a size saved on a bigger
        # monitor still has to shrink to this one.
        widget.resize(fit(widget.size(), widget))
        return
    widget.resize(fit(default, widget))


def save(widget: QWidget, name: str) -> None:
    store = settings()
    store.setValue(f"{name}/geometry", widget.saveGeometry())
    store.sync()
