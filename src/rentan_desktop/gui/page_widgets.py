"""Small widget helpers shared by the exchange and printing pages (headings, notes, file opening)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import QFrame, QLabel, QWidget

OK_STYLE = (
    "QLabel { background: #e3f4ea; border: 1px solid #2e7d5b; border-radius: 4px; padding: 8px; }"
)
BAD_STYLE = (
    "QLabel { background: #fde7e9; border: 1px solid #b3261e; border-radius: 4px; padding: 8px; }"
)
WARN_STYLE = (
    "QLabel { background: #fff4d6; border: 1px solid #b7791f; border-radius: 4px; padding: 8px; }"
)


def heading(text: str, parent: QWidget) -> QLabel:
    """The page title, 1.4 times the normal size and bold (as on the home page)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label


def note(text: str, parent: QWidget) -> QLabel:
    """A wrapped explanatory paragraph."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def result_box(parent: QWidget, name: str) -> QLabel:
    """A framed, selectable, wrapped message area, hidden until it has something to say."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setFrameShape(QFrame.Shape.NoFrame)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_result(label: QLabel, text: str, kind: str = "ok") -> None:
    """Show ``text`` in a result box coloured by ``kind`` (``ok``, ``bad``, ``warn``)."""
    label.setStyleSheet({"ok": OK_STYLE, "bad": BAD_STYLE, "warn": WARN_STYLE}[kind])
    label.setText(text)
    label.setProperty("kind", kind)
    label.show()


def mono_font(scale: float = 1.0) -> QFont:
    """The system fixed-width font (fingerprints and codes are read character by character)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if scale != 1.0:
        font.setPointSizeF(max(8.0, font.pointSizeF() * scale))
    return font


def open_file(path: Path) -> bool:
    """Open ``path`` with the system's viewer (the PDF reader for a printed list)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def error_text(exc: BaseException) -> str | None:
    """One sentence for a user error (None for a bug); see ``gui.errors.user_text``."""
    from rentan_desktop.gui.errors import user_text

    return user_text(exc)
