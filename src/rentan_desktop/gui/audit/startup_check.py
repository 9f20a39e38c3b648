"""The audit check at start-up: in the background, and a loud red banner when it fails.

Once the main window is up, a plain thread runs ``services.privacy.check_audit`` (the keyed
chain, every registrant row's seal, the anchored head; about a second per 100,000 rows) so the
first window never waits for it. A failure shows a red banner across the top of the window that
stays until the app is restarted: a database changed behind the app's back must not pass quietly.
Active only in the real application unless ``enabled`` is set (tests build bare windows).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.services.privacy import AuditCheck

log = logging.getLogger("rentan_desktop")
BANNER_STYLE = (
    "QLabel#auditBanner { background: #b00020; color: white; font-weight: bold;"
    " padding: 8px 12px; }"
)


class AuditStartupCheck(QObject):
    """Owned by the main window; ``finished`` carries the AuditCheck (or None on an error)."""

    finished = Signal(object)

    def __init__(
        self, window: QMainWindow, gui: GuiContext, *, enabled: bool | None = None
    ) -> None:
        super().__init__(window)
        self.gui = gui
        self.result: AuditCheck | None = None
        self.thread: threading.Thread | None = None
        self.banner = QLabel(window)
        self.banner.setObjectName("auditBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        central = window.takeCentralWidget()
        holder = QWidget(window)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        if central is not None:
            layout.addWidget(central, 1)
        window.setCentralWidget(holder)
        self.finished.connect(self._show)
        if gui.background_checks if enabled is None else enabled:
            QTimer.singleShot(0, self.start)  # after the window is on screen

    def start(self) -> threading.Thread:
        """Run the check on a background thread; the banner appears when it reports a failure."""
        self.thread = threading.Thread(target=self._run, name="audit-startup-check", daemon=True)
        self.thread.start()
        return self.thread

    def _run(self) -> None:
        from rentan_desktop.services import privacy

        try:
            result = privacy.check_audit(self.gui.ctx)
        except Exception:  # noqa: BLE001 - the window may be closing; never crash the app
            log.exception("audit start-up check failed to run")
            result = None
        # RuntimeError: the window closed while the check ran, so nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self.finished.emit(result)  # queued to the GUI thread

    def _show(self, result: AuditCheck | None) -> None:
        self.result = result
        if result is None or result.ok:
            return
        log.error("audit start-up check: %s", result.message)
        self.banner.setText(result.message)
        self.banner.show()
