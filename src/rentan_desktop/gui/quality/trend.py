"""A small line chart of problem counts over time (one line per problem type), painted with QPainter."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from rentan_desktop.domain.formatting import angka
from rentan_desktop.services.context import WITA

COLORS = ("#2e7d5b", "#c62828", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f")


class TrendChart(QWidget):
    """``set_series({label: [(when, count), ...]})``; the x axis is the snapshot order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: dict[str, list[tuple[datetime, int]]] = {}
        self.times: list[datetime] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(190)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 200)

    def set_series(self, series: dict[str, list[tuple[datetime, int]]]) -> None:
        self.series = dict(list(series.items())[: len(COLORS)])
        self.times = sorted({t for points in self.series.values() for t, _ in points})
        self.setAccessibleDescription(
            "; ".join(f"{k}: {points[-1][1]}" for k, points in self.series.items() if points)
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        text_color = self.palette().windowText().color()
        if len(self.times) < 2:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            return
        top = max((c for points in self.series.values() for _, c in points), default=1) or 1
        legend_w = min(
            int(self.width() * 0.4),
            max(metrics.horizontalAdvance(k) for k in self.series) + 30,
        )
        axis_w = metrics.horizontalAdvance(angka(top)) + 8
        plot = QRectF(axis_w, 8, self.width() - axis_w - legend_w - 16, self.height() - 30)
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.setPen(text_color)
        painter.drawText(
            QRectF(0, plot.top() - 6, axis_w - 4, 14), Qt.AlignmentFlag.AlignRight, angka(top)
        )
        painter.drawText(
            QRectF(0, plot.bottom() - 8, axis_w - 4, 14), Qt.AlignmentFlag.AlignRight, "0"
        )
        step = plot.width() / (len(self.times) - 1)
        x_of = {t: plot.left() + i * step for i, t in enumerate(self.times)}
        for t in (self.times[0], self.times[-1]):
            label = f"{t.astimezone(WITA):%d-%m-%Y}"
            w = metrics.horizontalAdvance(label)
            x = min(max(x_of[t] - w / 2, plot.left()), plot.right() - w)
            painter.drawText(QRectF(x, plot.bottom() + 4, w + 2, 16), label)
        for n, (name, points) in enumerate(self.series.items()):
            color = QColor(COLORS[n])
            painter.setPen(QPen(color, 2))
            pts = [QPointF(x_of[t], plot.bottom() - plot.height() * c / top) for t, c in points]
            for a, b in zip(pts, pts[1:], strict=False):
                painter.drawLine(a, b)
            for p in pts:
                painter.drawEllipse(p, 2.5, 2.5)
            y = plot.top() + n * 20
            lx = plot.right() + 14
            painter.drawLine(QPointF(lx, y + 7), QPointF(lx + 14, y + 7))
            painter.setPen(text_color)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, legend_w - 20)
            painter.drawText(
                QRectF(lx + 18, y, legend_w - 18, 16), Qt.AlignmentFlag.AlignLeft, shown
            )
