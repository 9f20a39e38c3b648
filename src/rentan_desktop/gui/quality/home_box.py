"""A small data-quality box for the home screen: the three most frequent problems and a link to the
full data-quality page. Registered in ``gui.home.widget.HOME_BOXES``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from rentan_desktop.domain.formatting import angka
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import JobRunner
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.quality import QualityView

TOP = 3


class QualityBox(QGroupBox):
    """Counts without duplicate matching (cheap enough to follow every change); the full page
    adds the duplicate clusters."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Kualitas data"), parent)
        self.setObjectName("qualityBox")
        self.gui = gui
        self.loading = False
        # A private runner: this silent recount must not take over the status bar's progress
        # widget (which binds every job of the app's runner), and it must die with the home page
        # instead of finishing into a window that is already gone.
        self.jobs = JobRunner(self, max_threads=1)
        self.lines = QLabel(self)
        self.lines.setObjectName("qualityLines")
        self.lines.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Lihat &kualitas data…"), self)
        self.open_button.setObjectName("openQuality")
        self.open_button.clicked.connect(self.open_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        layout.addWidget(self.open_button)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(500)
        self._debounce.timeout.connect(self.refresh)
        gui.signals.data_changed.connect(self._on_changed)
        self._stale = True  # counted the first time the box is shown

    def _on_changed(self, changes: Changes) -> None:
        # Recount only while the home screen is visible: a recount over a large register costs
        # CPU the entry form needs while the clerk types the next record.
        if changes.entity == "registrant":
            self._stale = True
            if self.isVisible():
                self._debounce.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._debounce.start()

    def refresh(self) -> None:
        from rentan_desktop.services import process_job

        if self.loading:
            self._debounce.start()
            return
        self.loading = True
        self._stale = False
        ctx, user = self.gui.ctx, self.gui.user
        job = self.jobs.start(
            # In a child process at scale: decoding 150,000 records' warnings is pure Python,
            # which in a thread here would starve the window's thread.
            lambda c: process_job.run(
                ctx, "quality.view", actor=user, duplicates=False, cancelled=c.cancelled
            ),
            on_success=self.show_view,
        )
        job.finished.connect(self._done)

    def _done(self) -> None:
        self.loading = False

    def show_view(self, view: QualityView) -> None:
        from rentan_desktop.services import quality

        top = view.totals().most_common(TOP)
        if not top:
            self.lines.setText(self.tr("Tidak ada masalah tercatat pada data aktif."))
            return
        self.lines.setText(
            "<br>".join(
                f"<b>{angka(n)}</b> {quality.label(code, self.gui.lang)}" for code, n in top
            )
        )

    def open_page(self) -> None:
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if callable(show_page) and "quality" in getattr(window, "page_keys", list)():
            show_page("quality")


def build(gui: GuiContext, parent: QWidget) -> QWidget:
    """Home-screen extension entry point."""
    return QualityBox(gui, parent)
