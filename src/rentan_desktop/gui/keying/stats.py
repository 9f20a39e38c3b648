"""Operator statistics tab: per operator (and per day), keyed, warnings, corrections, errors."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.operator_stats import OperatorDay, OperatorStats

PERIODS = (7, 30, 90, 365)


def percent(value: float | None) -> str:
    """``0.125 -> "12,5 %"``; a dash when there is nothing to divide."""
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


class StatsTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.job: Job | None = None
        self.stats: OperatorStats | None = None
        self._stale = True
        self.period = QComboBox(self)
        self.period.setObjectName("statsPeriod")
        for days in PERIODS:
            self.period.addItem(self.tr("{n} hari terakhir").format(n=days), days)
        self.period.setCurrentIndex(1)
        label = QLabel(self.tr("&Periode:"), self)
        label.setBuddy(self.period)
        self.per_day = QCheckBox(self.tr("&Rinci per hari"), self)
        self.per_day.setObjectName("statsPerDay")
        self.per_day.setChecked(True)
        self.per_day.toggled.connect(self._fill)
        self.refresh_button = QPushButton(self.tr("Hitung &ulang"), self)
        self.refresh_button.setObjectName("refreshStats")
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel(self)
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.period)
        row.addWidget(self.per_day)
        row.addWidget(self.refresh_button)
        row.addWidget(self.summary, 1)
        self.table = QTableWidget(0, 11, self)
        self.table.setObjectName("operatorStats")
        self.table.setHorizontalHeaderLabels([
            self.tr("Operator / tanggal"), self.tr("Dientri"), self.tr("Dengan peringatan"),
            self.tr("Dikoreksi kemudian"), self.tr("Dikoreksi orang lain"), self.tr("Ruas dikoreksi"),
            self.tr("Formulir entri ganda"), self.tr("Salah ketik / ruas"),
            self.tr("Tingkat salah ketik"), self.tr("Ruas belum diputuskan"), self.tr("Diimpor"),
        ])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # Long column names wrap over two lines instead of being cut at 1366 px.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(2 * self.fontMetrics().height() + 10)
        note = QLabel(
            self.tr(
                "Dengan peringatan: disimpan dengan peringatan (mis. tanggal lahir beda dengan NIK). "
                "Dikoreksi kemudian: diubah lagi sesudah disimpan, oleh siapa pun. Salah ketik: ruas "
                "entri ganda yang diputuskan memakai nilai operator lain."
            ),
            self,
        )
        note.setWordWrap(True)
        self.progress = JobProgress(self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        gui.signals.data_changed.connect(self._on_changed)

    def tab_shown(self) -> None:
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in ("registrant", "double_key"):
            self._stale = True

    def refresh(self) -> Job | None:
        from rentan_desktop.services import operator_stats
        from rentan_desktop.services.context import today_wita

        if self.job is not None and self.job.running:
            return None
        ctx, user = self.gui.ctx, self.gui.user
        days = int(self.period.currentData())
        end = today_wita()
        start = end - timedelta(days=days - 1)
        self._stale = False
        self.refresh_button.setEnabled(False)
        job = self.gui.jobs.start(
            lambda c: operator_stats.compute(
                ctx, actor=user, start=start, end=end, cancelled=c.cancelled
            ),
            title=self.tr("Menghitung statistik operator…"),
            on_success=self.show_stats,
        )
        job.finished.connect(lambda: self.refresh_button.setEnabled(True))
        self.job = job
        self.progress.bind(job)
        return job

    def show_stats(self, stats: OperatorStats) -> None:
        self.stats = stats
        keyed = sum(t.keyed for t in stats.totals)
        self.summary.setText(
            self.tr("{start} – {end}: {n} data dientri oleh {ops} operator.").format(
                start=formatting.tanggal(stats.start),
                end=formatting.tanggal(stats.end),
                n=formatting.angka(keyed),
                ops=len(stats.totals),
            )  # fmt: skip
        )
        self._fill()

    def _fill(self) -> None:
        stats = self.stats
        if stats is None:
            return
        rows: list[tuple[OperatorDay, bool]] = []
        for total in stats.totals:
            rows.append((total, True))
            if self.per_day.isChecked():
                rows += [(d, False) for d in stats.days if d.operator == total.operator]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (cell, is_total) in enumerate(rows):
            first = cell.full_name if is_total else "    " + formatting.tanggal_pendek(cell.day)
            values = [
                first,
                formatting.angka(cell.keyed),
                self._with_rate(cell.with_warnings, cell.warning_rate),
                self._with_rate(cell.corrected, cell.correction_rate),
                formatting.angka(cell.corrected_by_others),
                formatting.angka(cell.corrected_fields),
                formatting.angka(cell.double_keyed),
                f"{formatting.angka(cell.errors)} / {formatting.angka(cell.fields_compared)}",
                percent(cell.error_rate),
                formatting.angka(cell.undecided),
                formatting.angka(cell.imported),
            ]
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if is_total:
                    item.setFont(bold)
                self.table.setItem(r, c, item)

    @staticmethod
    def _with_rate(count: int, rate: float | None) -> str:
        return f"{formatting.angka(count)} ({percent(rate)})" if rate is not None else "–"

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screenshots)."""
        out: list[list[Any]] = []
        for r in range(self.table.rowCount()):
            out.append([self.table.item(r, c).text() for c in range(self.table.columnCount())])
        return out
