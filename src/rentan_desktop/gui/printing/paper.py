"""A4 / F4 choice as two radio buttons (F4 is still the usual paper in many local offices)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget


class PaperChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.a4 = QRadioButton(self.tr("A4"), self)
        self.f4 = QRadioButton(self.tr("F4 / Folio (215 × 330 mm)"), self)
        self.a4.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.a4)
        group.addButton(self.f4)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.a4)
        layout.addWidget(self.f4)
        layout.addStretch(1)

    def value(self) -> str:
        return "f4" if self.f4.isChecked() else "a4"

    def set_value(self, paper: str) -> None:
        (self.f4 if paper == "f4" else self.a4).setChecked(True)
