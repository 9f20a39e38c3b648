"""Data-quality view: how many records carry each kind of problem, per desa, and how those numbers
move over time (a snapshot of the counts is kept once a day when the page is opened)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.gui.backups.widget import heading_label
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.quality.model import QualityModel
from rentan_desktop.gui.quality.trend import TrendChart
from rentan_desktop.gui.signals import Changes
from rentan_desktop.services import process_job

if TYPE_CHECKING:
    from rentan_desktop.services.quality import QualityPage as Loaded


class QualityPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.loaded: Loaded | None = None
        self.job: Job | None = None
        self._stale = True
        intro = QLabel(
            self.tr(
                "Jumlah data aktif tahun program ini yang membawa tiap jenis masalah, per desa: "
                "peringatan saat disimpan (NIK tidak cocok, nama desa dicocokkan, nama ibu kosong, "
                "…), nomor HP kosong dan kemungkinan data ganda. Perbaiki data lewat daftar peserta "
                "atau halaman Data ganda; angkanya akan turun di grafik."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Hitung &ulang"), self)
        self.refresh_button.setObjectName("refreshQuality")
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.snapshot_button = QPushButton(self.tr("&Catat angka sekarang"), self)
        self.snapshot_button.setObjectName("snapshotQuality")
        self.snapshot_button.setToolTip(
            self.tr("Menyimpan angka saat ini sebagai titik baru di grafik.")
        )
        self.snapshot_button.clicked.connect(self.take_snapshot)
        self.summary = QLabel(self)
        self.summary.setObjectName("qualitySummary")
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.snapshot_button)
        buttons.addWidget(self.summary, 1)
        self.model = QualityModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("qualityTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(130)
        header.setMinimumSectionSize(70)
        # Problem names are long: wrap them over up to three lines instead of eliding.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(3 * self.fontMetrics().height() + 8)
        self.trend = TrendChart(self)
        self.trend.setObjectName("qualityTrend")
        self.trend.empty_text = self.tr(
            "Grafik muncul setelah angka dicatat pada dua hari atau lebih."
        )
        trend_box = QGroupBox(self.tr("Perkembangan jumlah masalah (semua desa)"), self)
        QVBoxLayout(trend_box).addWidget(self.trend)
        self.progress = JobProgress(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Kualitas data"), self))
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(trend_box)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        if self._stale:
            self.refresh(snapshot=True)

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant":
            self._stale = True
            if self.isVisible():
                # Possibly the first count of the day (a change seen as the page opens): the
                # day's snapshot is taken by whichever count comes first.
                self.refresh(snapshot=True)

    def refresh(self, *, snapshot: bool = False) -> Job | None:
        """Count in the background (duplicate matching included); ``snapshot``: once a day."""
        if self.job is not None and self.job.running:
            return None
        self._stale = False
        self.refresh_button.setEnabled(False)
        self.snapshot_button.setEnabled(False)
        job = self.gui.jobs.start(
            lambda c: self._count(c, snapshot="first_today" if snapshot else None),
            title=self.tr("Menghitung kualitas data…"),
            on_success=self.show_loaded,
        )
        job.finished.connect(self._done)
        self.job = job
        self.progress.bind(job)
        return job

    def _count(self, control: Any, *, snapshot: str | None) -> Loaded:
        """In the job thread: count in a child process (pure-Python matching there would starve
        this window's thread), then store the counts here (it needs the unlocked office key)."""
        from rentan_desktop.services import quality

        ctx, user = self.gui.ctx, self.gui.user
        loaded: Loaded = process_job.run(
            ctx, "quality.page", actor=user, progress=control.progress, cancelled=control.cancelled
        )
        if snapshot is None:
            return loaded
        control.check()
        return quality.keep_snapshot(
            ctx, actor=user, loaded=loaded, only_first_today=snapshot == "first_today"
        )

    def _done(self) -> None:
        self.refresh_button.setEnabled(True)
        self.snapshot_button.setEnabled(True)

    def take_snapshot(self) -> Job | None:
        if self.job is not None and self.job.running:
            return None
        self.refresh_button.setEnabled(False)
        self.snapshot_button.setEnabled(False)
        job = self.gui.jobs.start(
            lambda c: self._count(c, snapshot="now"),
            title=self.tr("Mencatat angka…"),
            on_success=self.show_loaded,
        )
        job.finished.connect(self._done)
        self.job = job
        self.progress.bind(job)
        return job

    def show_loaded(self, loaded: Loaded) -> None:
        from rentan_desktop.services import quality

        self.loaded = loaded
        lang = self.gui.lang
        self.model.set_view(loaded.view, lambda code: quality.label(code, lang))
        self.table.resizeColumnToContents(0)
        totals = loaded.view.totals()
        records = sum(loaded.view.records.values())
        self.summary.setText(
            self.tr("{records} data aktif di {desa} desa; {problems} catatan masalah.").format(
                records=angka(records),
                desa=angka(len(loaded.view.records)),
                problems=angka(sum(totals.values())),
            )  # fmt: skip
        )
        series: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
        order = [c for c, _ in totals.most_common()]
        for h in loaded.history:
            series[h["code"]].append((datetime.fromisoformat(h["taken_at"]), int(h["count"])))
        ranked = sorted(series, key=lambda c: (order.index(c) if c in order else len(order), c))
        self.trend.set_series({quality.label(c, lang): series[c] for c in ranked})
