"""Small widget helpers shared by the exchange and printing pages (headings, notes, file opening,
the destination chooser, running an action with its error shown on the page)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QWidget,
)

T = TypeVar("T")

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


def row_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only table picked by whole rows, one at a time: columns fit their contents, the
    last one takes the rest, no row numbers."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


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


def run_reporting(
    parent: QWidget,
    result: QLabel,
    action: Callable[[], T],
    ok_text: Callable[[T], str] | None = None,
) -> T | None:
    """Run ``action`` for a page: a user error becomes one sentence in ``result`` (with a retry
    offered when another process held the database) and None; a bug is re-raised. With
    ``ok_text``, success is said in ``result`` too."""
    try:
        value = action()
    except Exception as exc:  # noqa: BLE001 - user errors as one sentence, bugs re-raised
        message = error_text(exc)
        if message is None:
            raise
        show_result(result, message, "bad")
        from rentan_desktop.gui.errors import retry_if_busy

        retry_if_busy(parent, exc, lambda: run_reporting(parent, result, action, ok_text))
        return None
    if ok_text is not None:
        show_result(result, ok_text(value), "ok")
    return value


class DestinationChooser(QObject):
    """Where a page writes a file: a removable drive, or a folder the user picks. The page lays
    out :attr:`combo` and :attr:`button` (``Pilih folder…``) beside its own action button."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.combo = QComboBox(parent)
        self.combo.setObjectName(name)
        self.combo.setMinimumWidth(300)
        self.combo.setPlaceholderText(self.tr("flashdisk atau folder tujuan"))
        self.button = QPushButton(self.tr("Pilih f&older…"), parent)
        self.button.clicked.connect(self.ask)

    def refresh(self) -> None:
        """List the mounted removable drives again, keeping a folder chosen earlier."""
        from rentan_desktop.gui.batches import drives

        chosen = self.combo.currentData()
        self.combo.clear()
        for drive in drives.removable_drives():
            self.combo.addItem(f"{drive.label} ({drive.path})", str(drive.path))
        if chosen:
            self.set_folder(Path(chosen))

    def ask(self) -> None:
        from rentan_desktop.gui import file_dialogs

        parent = self.parent()
        folder = file_dialogs.existing_folder(
            parent if isinstance(parent, QWidget) else None,
            self.tr("Pilih folder tujuan"),
            str(Path.home()),
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        index = self.combo.findData(str(folder))
        if index < 0:
            self.combo.addItem(self.tr("Folder: {path}").format(path=folder), str(folder))
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def folder(self) -> Path | None:
        """The chosen drive or folder, None before one is chosen."""
        data = self.combo.currentData()
        return Path(data) if data else None
