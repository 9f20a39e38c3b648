"""A horizontal bar chart painted with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from rentan_desktop.domain.formatting import angka

BAR_COLOR = QColor("#2e7d5b")  # green of the BPJS Ketenagakerjaan palette, readable on white
TRACK_COLOR = QColor("#e8efe9")


class BarChart(QWidget):
    """Labels on the left, bars scaled to the largest value, counts on the right."""

    ROW_HEIGHT = 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        """Show ``(label, value)`` rows in the given order."""
        self.rows = list(rows)
        self.setAccessibleDescription("; ".join(f"{label}: {value}" for label, value in self.rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, max(1, len(self.rows)) * self.ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        width = self.width()
        if not self.rows:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        label_w = min(
            int(width * 0.42), max(metrics.horizontalAdvance(r[0]) for r in self.rows) + 8
        )
        value_w = max(metrics.horizontalAdvance(angka(r[1])) for r in self.rows) + 10
        bar_x = label_w + 6
        bar_space = max(10, width - bar_x - value_w - 4)
        top = max(r[1] for r in self.rows) or 1
        text_color = self.palette().windowText().color()
        for index, (label, value) in enumerate(self.rows):
            y = 4 + index * self.ROW_HEIGHT
            row_h = self.ROW_HEIGHT - 6
            painter.setPen(text_color)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 4)
            painter.drawText(
                QRectF(0, y, label_w - 4, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOR)
            painter.drawRoundedRect(QRectF(bar_x, y + 2, bar_space, row_h - 4), 3, 3)
            painter.setBrush(BAR_COLOR)
            length = bar_space * value / top
            if value > 0:
                painter.drawRoundedRect(QRectF(bar_x, y + 2, max(2.0, length), row_h - 4), 3, 3)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(bar_x + bar_space + 6, y, value_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                angka(value),
            )
