"""Home screen: the quota and the budget in sight (target, registered by status, remaining slots,
estimated yearly premium), broken down by desa and pekerjaan."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.formatting import angka, rupiah
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.home.chart import BarChart
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.stats import Overview

REFRESH_ON = {"registrant", "target", "funder", "tariff", "setting", "office"}
#: Extension point: modules exposing ``build(gui, parent) -> QWidget``; each box appears under the
#: charts and refreshes itself (e.g. the data-quality summary).
HOME_BOXES: list[str] = [
    "rentan_desktop.gui.entry.home_box",
    "rentan_desktop.gui.rt_results.home_box",
    "rentan_desktop.gui.home.staleness_box",
    "rentan_desktop.gui.home.regency_box",
    "rentan_desktop.gui.quality.home_box",
]


class Card(QFrame):
    """A big number with a caption underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.value = QLabel("–", self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setMinimumWidth(180)


class HomePage(QWidget):
    """Loads ``services.stats.overview`` in the background on show and after each data change."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.overview: Overview | None = None
        self._loading = False
        self._stale = True
        heading = QLabel(self.tr("Beranda"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        self.period_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("&Perbarui"), self)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.period_label, 1)
        top.addWidget(self.refresh_button)
        self.target_card = Card(self.tr("Target peserta"), self)
        self.active_card = Card(self.tr("Sudah terdaftar (aktif)"), self)
        self.remaining_card = Card(self.tr("Sisa kuota"), self)
        self.premium_card = Card(self.tr("Perkiraan iuran setahun"), self)
        cards = QHBoxLayout()
        for card in (self.target_card, self.active_card, self.remaining_card, self.premium_card):
            cards.addWidget(card)
        self.tariff_label = QLabel(self)
        self.tariff_label.setObjectName("tariffLabel")
        self.tariff_label.setWordWrap(True)
        self.status_box = QGroupBox(self.tr("Menurut status"), self)
        self.status_grid = QGridLayout(self.status_box)
        self.status_labels: dict[str, QLabel] = {}
        # One compact strip: the status name above its count, all eight side by side.
        for col, status in enumerate(lifecycle.Status):
            name = QLabel(lifecycle.label(status, gui.lang), self.status_box)
            count = QLabel("0", self.status_box)
            count.setObjectName(f"status_{status.value}")
            bold = QFont(count.font())
            bold.setBold(True)
            bold.setPointSizeF(bold.pointSizeF() * 1.2)
            count.setFont(bold)
            self.status_grid.addWidget(name, 0, col)
            self.status_grid.addWidget(count, 1, col)
            self.status_labels[status.value] = count
        self.desa_chart = BarChart(self)
        self.desa_chart.setObjectName("desaChart")
        self.desa_chart.empty_text = self.tr("Belum ada peserta aktif.")
        self.job_chart = BarChart(self)
        self.job_chart.setObjectName("pekerjaanChart")
        self.job_chart.empty_text = self.desa_chart.empty_text
        desa_box = QGroupBox(self.tr("Peserta aktif per desa/kelurahan (15 terbanyak)"), self)
        QVBoxLayout(desa_box).addWidget(self.desa_chart)
        job_box = QGroupBox(self.tr("Peserta aktif per pekerjaan"), self)
        QVBoxLayout(job_box).addWidget(self.job_chart)
        charts = QHBoxLayout()
        charts.addWidget(desa_box, 1, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(job_box, 1, Qt.AlignmentFlag.AlignTop)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(top)
        body_layout.addLayout(cards)
        body_layout.addWidget(self.tariff_label)
        body_layout.addWidget(self.status_box)
        body_layout.addLayout(charts)
        # A box module may say where it belongs (``PLACE``): "top" under the heading (warnings the
        # clerk must see without scrolling), "after_cards" under the four numbers, else the end.
        after = {"top": 1, "after_cards": 2}
        placed = {"top": 0, "after_cards": 0}
        for name in HOME_BOXES:
            module = importlib.import_module(name)
            box = module.build(gui, body)
            place = getattr(module, "PLACE", "")
            if place in after:
                index = (
                    after[place]
                    + placed["top"]
                    + (placed["after_cards"] if place == "after_cards" else 0)
                )
                body_layout.insertWidget(index, box)
                placed[place] += 1
            else:
                body_layout.addWidget(box)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)  # a bulk action emits many changes; refresh once
        self._debounce.timeout.connect(self.refresh)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        job = self.gui.take_prefetched("overview") if self.overview is None else None
        if job is not None:  # counted while the password was typed: adopt it
            self._stale = False
            if job.running:
                self._loading = True
                self.refresh_button.setEnabled(False)
                job.succeeded.connect(self.show_overview)
                job.finished.connect(self._done)
            else:
                self.show_overview(job.result)
        elif self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in REFRESH_ON:
            self._stale = True
            if self.isVisible():
                self._debounce.start()

    def refresh(self) -> None:
        """Recount in the background (GROUP BY over the registrant table)."""
        if self._loading:
            self._debounce.start()
            return
        from rentan_desktop.services import stats

        self._debounce.stop()  # counting now: a change announced just before is counted too
        self._loading = True
        self._stale = False
        self.refresh_button.setEnabled(False)
        ctx = self.gui.ctx
        self.job = self.gui.jobs.start(
            lambda _control: stats.overview(ctx),
            title=self.tr("Menghitung ringkasan…"),
            on_success=self.show_overview,
        )
        self.job.finished.connect(self._done)

    def _done(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)

    def show_overview(self, data: Overview) -> None:
        self.overview = data
        self.period_label.setText(self.tr("Tahun program {year}").format(year=data.periode))
        self.target_card.value.setText(angka(data.target))
        self.active_card.value.setText(angka(data.active))
        self.remaining_card.value.setText(angka(data.remaining))
        self.premium_card.value.setText(rupiah(data.yearly_premium))
        self.tariff_label.setText(
            self.tr(
                "Iuran per orang per bulan {total} (JKK {jkk} + JKM {jkm}); perkiraan setahun = "
                "peserta aktif × iuran × 12."
            ).format(
                total=rupiah(data.tariff.monthly),
                jkk=rupiah(data.tariff.iuran_jkk),
                jkm=rupiah(data.tariff.iuran_jkm),
            )
        )
        for status, label in self.status_labels.items():
            label.setText(angka(data.by_status.get(status, 0)))
        self.desa_chart.set_rows([(nama, n) for _kode, nama, n in data.by_desa])
        self.job_chart.set_rows([(nama, n) for _kode, nama, n in data.by_pekerjaan])
