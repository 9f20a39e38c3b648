"""Automatic backups while the app runs (on the policy's schedule) and when the main window closes.

The timer asks ``services.backups.backup_due`` every few minutes rather than sleeping a full
interval, so a laptop that was asleep or off catches up at once. The exit backup runs when the main
window's close is accepted (after the pages agreed to leave), before the composition root closes the
database. Both are active only inside the real application (``gui/app.py``), not in a bare window
that tests build, unless ``enabled`` is set.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from rentan_desktop.gui.jobs import Job

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from rentan_desktop.gui.context import GuiContext

log = logging.getLogger("rentan_desktop")
CHECK_EVERY_MS = 5 * 60 * 1000  # how often "is a backup due?" is asked
FIRST_CHECK_MS = 90 * 1000  # not during start-up, when the home screen is counting


class BackupScheduler(QObject):
    """Owned by the main window; ``check_now()`` and ``backup_on_exit()`` are what the timer and
    the close hook call (tests call them directly)."""

    def __init__(
        self, window: QMainWindow, gui: GuiContext, *, enabled: bool | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.gui = gui
        self.enabled = gui.background_checks if enabled is None else enabled
        self.job: Job | None = None
        self.exit_done = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_now)
        window.installEventFilter(self)
        if self.enabled:
            QTimer.singleShot(FIRST_CHECK_MS, self.check_now)
            self.timer.start()

    def check_now(self) -> Job | None:
        """Ask in the background whether a backup is due and take it; returns the job (its result
        is the BackupRun, or None when none was due)."""
        from rentan_desktop.services import backups
        from rentan_desktop.storage.backup_catalog import BackupKind

        if not self.enabled or (self.job is not None and self.job.running):
            return None
        ctx, user = self.gui.ctx, self.gui.user

        def work(_control: object) -> backups.BackupRun | None:
            # backup_due reads every backup's record count: never on the GUI thread.
            if not backups.backup_due(ctx):
                return None
            return backups.backup_now(ctx, actor=user, kind=BackupKind.AUTO)

        # Silent job (no title): the status bar stays free for the user's own work; failures go
        # to the log, and the restore screen shows which backups exist.
        self.job = self.gui.jobs.start(
            work,
            on_error=lambda exc: log.warning("automatic backup failed: %s", exc),
            retry_when_busy=False,  # nobody asked for it: the next interval tries again
        )
        return self.job

    def backup_on_exit(self) -> bool:
        """Back up now, in the GUI thread (the app is closing), when the policy asks for it."""
        from rentan_desktop.services import backups
        from rentan_desktop.storage.backup_catalog import BackupKind

        if not self.enabled or self.exit_done:
            return False
        self.exit_done = True
        self.timer.stop()
        ctx = self.gui.ctx
        try:
            if not backups.get_policy(ctx).on_exit:
                return False
            if self.job is not None and self.job.running:
                self.gui.jobs.pool.waitForDone(30_000)  # an automatic backup is finishing
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                backups.backup_now(ctx, actor=self.gui.user, kind=BackupKind.EXIT)
            finally:
                QApplication.restoreOverrideCursor()
        except Exception:  # noqa: BLE001 - never keep the user from closing the app
            log.exception("backup on exit failed")
            return False
        return True

    def _quitting(self) -> bool:
        # A language switch or a logout replaces the window (the app's main_window is already
        # another one or None); only closing the current window ends the session.
        app = self.gui.signals.parent()
        return getattr(app, "main_window", self.window) is self.window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close and self.enabled:
            # Let the window decide first (unsaved work may refuse the close), then back up.
            self.window.removeEventFilter(self)
            try:
                QApplication.sendEvent(self.window, event)
            finally:
                self.window.installEventFilter(self)
            if event.isAccepted() and self._quitting():
                self.backup_on_exit()
            return True
        return super().eventFilter(watched, event)


def attach(window: QMainWindow) -> BackupScheduler:
    """Start the schedule for ``window`` (a ``MainWindow``; its ``gui`` is the logged-in context)."""
    return BackupScheduler(window, window.gui)  # type: ignore[attr-defined]
