"""Beranda at a coordinator office: each kecamatan's records against its target, the last batch and
batch numbers that never arrived, as a table and a chart, exportable to a workbook.

Registered in ``gui.home.widget.HOME_BOXES``; hidden at a kecamatan office.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.domain.lifecycle import label
from rentan_desktop.gui import file_dialogs
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.home.chart import BarChart
from rentan_desktop.gui.signals import Changes
from rentan_desktop.services import regency_dashboard as board

PLACE = "after_cards"  # see gui.home.widget.HOME_BOXES


class RegencyBox(QGroupBox):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Per kecamatan"), parent)
        self.gui = gui
        self.setObjectName("regencyBox")
        self.data: board.Dashboard | None = None
        heads = [
            self.tr("Kecamatan"),
            self.tr("Target"),
            self.tr("Masuk"),
            *(label(s, gui.lang) for s in board.COUNTED),
            self.tr("% target"),
            self.tr("Batch terakhir"),
            self.tr("Batch belum datang"),
        ]
        self.table = QTableWidget(0, len(heads), self)
        self.table.setObjectName("regencyTable")
        self.table.setHorizontalHeaderLabels(heads)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(220)
        self.chart = BarChart(self)
        self.chart.setObjectName("regencyChart")
        self.chart.empty_text = self.tr("Belum ada data dari kecamatan.")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Ekspor ke E&xcel…"), self)
        self.export_button.setObjectName("exportRegency")
        self.export_button.clicked.connect(self._ask_export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(self.tr("Peserta aktif per kecamatan"), self))
        layout.addWidget(self.chart)
        layout.addLayout(bottom)
        self._loading = False
        self.job = None
        gui.signals.data_changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self.refresh()
        super().showEvent(event)

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in ("batch", "registrant", "setting") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Count in the background (a GROUP BY over every record), then fill the table."""
        if self._loading:
            return
        self._loading = True
        ctx, user = self.gui.ctx, self.gui.user
        self.job = self.gui.jobs.start(
            lambda _control: board.dashboard(ctx, actor=user),
            on_success=self.show_dashboard,
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        from rentan_desktop.gui import errors

        errors.show_error(self, exc)

    def show_dashboard(self, data: board.Dashboard) -> None:
        self._loading = False
        self.data = data
        rows = [*data.rows, data.total]
        # Filled with the columns fixed and sized once at the end: sized to their contents at
        # every cell, the fill froze the window for 130-500 ms at a regency office.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            pct = r.percent_of_target
            values = [
                r.nama,
                angka(r.target),
                angka(r.received),
                *(angka(r.by_status.get(s, 0)) for s in board.COUNTED),
                f"{pct} %" if pct is not None else "-",
                tanggal(r.last_batch, self.gui.lang) if r.last_batch else "-",
                ", ".join(str(n) for n in r.missing) or "-",
            ]
            for col, value in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(value))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setUpdatesEnabled(True)
        self.chart.set_rows([(r.nama, r.active) for r in data.rows if r.active])
        gaps = [r for r in data.rows if r.missing]
        self.note.setText(
            self.tr(
                "Ada nomor batch yang belum datang dari {n} kecamatan; tanyakan ke kecamatan itu."
            ).format(n=len(gaps))
            if gaps
            else self.tr("Tahun program {year}.").format(year=data.periode)
        )

    def _ask_export(self) -> None:
        path = file_dialogs.save_file(
            self,
            self.tr("Simpan ringkasan per kecamatan"),
            str(Path.home() / "ringkasan-kecamatan.xlsx"),
            "Excel (*.xlsx)",
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path):  # type: ignore[no-untyped-def]
        """Write the workbook as a job; the note names the file when done."""
        ctx, user = self.gui.ctx, self.gui.user
        return self.gui.jobs.start(
            lambda _control: board.export_xlsx(ctx, actor=user, path=path),
            title=self.tr("Ekspor ringkasan per kecamatan"),
            on_success=lambda done: self.note.setText(
                self.tr("Disimpan: {path}").format(path=done)
            ),
        )


def build(gui: GuiContext, parent: QWidget) -> QWidget:
    office = gui.ctx.office
    if office is None or office.level == "kecamatan":
        empty = QWidget(parent)
        empty.hide()
        return empty
    return RegencyBox(gui, parent)
