"""The line under a print button: what was written, where, and buttons to open or copy it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from rentan_desktop.gui import file_dialogs, page_widgets


class PdfResult(QWidget):
    """Hidden until a PDF exists; ``auto_open`` opens it in the system viewer once written."""

    auto_open = False

    def __init__(self, parent: QWidget | None = None, name: str = "pdfResult") -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = page_widgets.result_box(self, name)
        self.open_button = QPushButton(self.tr("&Buka PDF"), self)
        self.save_button = QPushButton(self.tr("Simpan &salinan…"), self)
        self.open_button.clicked.connect(self.open)
        self.save_button.clicked.connect(self._ask_copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self._show_buttons(False)

    def _show_buttons(self, visible: bool) -> None:
        self.open_button.setVisible(visible)
        self.save_button.setVisible(visible)

    def written(self, path: Path, text: str) -> None:
        self.path = Path(path)
        page_widgets.show_result(self.label, text, "ok")
        self._show_buttons(True)
        if self.auto_open:
            self.open()

    def message(self, text: str, kind: str = "bad") -> None:
        self.path = None
        page_widgets.show_result(self.label, text, kind)
        self._show_buttons(False)

    def failed(self, exc: BaseException) -> None:
        """A user error as one sentence here; a bug goes to the crash dialog."""
        text = page_widgets.error_text(exc)
        if text is None:
            from rentan_desktop.gui.errors import show_error

            show_error(self, exc)
            return
        self.message(text, "warn" if getattr(exc, "code", "") == "print.cancelled" else "bad")

    def open(self) -> None:
        if self.path is not None:
            page_widgets.open_file(self.path)

    def _ask_copy(self) -> None:
        if self.path is None:
            return
        target = file_dialogs.save_file(
            self, self.tr("Simpan salinan PDF"), str(Path.home() / self.path.name), "PDF (*.pdf)"
        )
        if target:
            self.copy_to(Path(target))

    def copy_to(self, target: Path) -> Path:
        """Copy the PDF to ``target`` (e.g. a USB stick for the print shop)."""
        assert self.path is not None
        shutil.copyfile(self.path, target)
        self.label.setText(
            self.label.text() + "\n" + self.tr("Salinan: {path}").format(path=target)
        )
        return target
