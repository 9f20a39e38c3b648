"""Two kinds of failure: user errors get one clear sentence; bugs get a crash dialog and a log entry."""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

# This module is on the first-window path: the widgets (and Qt's `Qt` namespace, ~0.1 s to
# initialise) are imported only by the functions that show something.
from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from rentan_desktop.gui.crash import CrashDialog

log = logging.getLogger("rentan_desktop")
_log_file: Path | None = None


def log_file() -> Path | None:
    """The log file in use (shown in the crash dialog), None before logging starts."""
    return _log_file


def setup_logging(folder: Path | None = None) -> Path | None:
    """Start the privacy-filtered rotating log (no full NIK, mother's name or address ever lands in it).

    ``folder`` overrides the platform log folder (tests); returns the log file's path.
    """
    global _log_file
    from rentan_desktop import logging_setup

    # excepthook=False: this module's own hook shows the crash dialog (and logs through the filter).
    _log_file = logging_setup.configure("rentan-desktop", directory=folder, excepthook=False)
    return _log_file


def user_text(exc: BaseException) -> str | None:
    """The one-sentence message for a user error in the current language, None for a bug."""
    from rentan_desktop.domain import issues
    from rentan_desktop.domain.roles import RoleRefused
    from rentan_desktop.storage import health

    message = getattr(exc, "message", None)
    if callable(message) and (hasattr(exc, "code") or isinstance(exc, RoleRefused)):
        return str(message(issues.language()))
    code = health.storage_failure(exc)  # disk full or I/O error: the transaction rolled back
    if code is not None:
        return issues.text(code, issues.language())
    from rentan_desktop.services.errors import busy_message

    busy = busy_message(exc, issues.language())  # another process held the database too long
    if busy is not None:
        return busy
    if isinstance(exc, OSError) and exc.filename:
        # Disk full, file locked by Excel, USB stick pulled: the user can act on these.
        return QCoreApplication.translate(
            "errors", "Berkas {name} tidak dapat dibuka atau ditulis ({reason})."
        ).format(name=Path(str(exc.filename)).name, reason=exc.strerror or type(exc).__name__)
    return None


def show_message(parent: QWidget | None, text: str, *, title: str | None = None) -> QMessageBox:
    """A window-modal warning with one sentence; returns at once (``open()``, not ``exec()``)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("errors", "Perhatian"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("userErrorBox")
    box.open()
    return box


_ANSWERED = "_rentan_busy_answered"  # set on a busy error whose retry box the user closed


def busy_text(exc: BaseException) -> str | None:
    """The "database busy, nothing changed" sentence when ``exc`` is that, else None."""
    from rentan_desktop.domain import issues
    from rentan_desktop.services.errors import busy_message

    return busy_message(exc, issues.language())


def mark_answered(exc: BaseException) -> BaseException:
    """The user already saw ``exc``'s busy sentence (and chose *Tutup*): show_error skips it."""
    # An exception type without a __dict__ is shown twice, no worse.
    with contextlib.suppress(AttributeError):
        setattr(exc, _ANSWERED, True)
    return exc


def ask_retry(
    parent: QWidget | None,
    text: str,
    retry: Callable[[], None],
    on_close: Callable[[], None] | None = None,
) -> QMessageBox:
    """The busy sentence with *Coba lagi* (the default: run the same action again) and *Tutup*.

    Window-modal and non-blocking; ``on_close`` runs for *Tutup*, Escape or the window's close.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("errors", "Basis data sedang dipakai"))
    box.setText(text)
    again = box.addButton(
        QCoreApplication.translate("errors", "Coba &lagi"), QMessageBox.ButtonRole.AcceptRole
    )
    close = box.addButton(
        QCoreApplication.translate("errors", "&Tutup"), QMessageBox.ButtonRole.RejectRole
    )
    again.setObjectName("retryButton")
    close.setObjectName("closeButton")
    box.setDefaultButton(again)
    box.setEscapeButton(close)
    box.setObjectName("busyRetryBox")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: object) -> None:
        if button is again:
            log.info("busy: retry")
            retry()
        elif on_close is not None:
            on_close()

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def retry_if_busy(parent: QWidget | None, exc: BaseException, retry: Callable[[], None]) -> bool:
    """For pages that show a user error inline: if ``exc`` is the busy refusal, also offer
    *Coba lagi* (running ``retry``); True when it did."""
    text = busy_text(exc)
    if text is None:
        return False
    ask_retry(parent, text, retry)
    return True


def show_error(
    parent: QWidget | None, exc: BaseException, retry: Callable[[], None] | None = None
) -> QWidget | None:
    """Show ``exc``: a one-sentence box for user errors, the crash dialog for bugs.

    ``retry`` (the action that failed, run again as is) is offered as *Coba lagi* when another
    process kept the database busy past the bounded wait; jobs get it from
    :class:`~rentan_desktop.gui.jobs.JobRunner` without the caller passing it. A busy error whose
    box the user already closed is only logged (None returned).
    """
    text = user_text(exc)
    if text is not None:
        log.info("user error: %s", text)
        if busy_text(exc) is not None:
            if getattr(exc, _ANSWERED, False):
                return None
            if retry is not None:
                return ask_retry(parent, text, retry)
        return show_message(parent, text)
    return show_crash(parent, type(exc), exc, exc.__traceback__)


def show_crash(
    parent: QWidget | None,
    kind: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> CrashDialog:
    """Log the bug with its traceback and open the crash dialog (non-blocking)."""
    from rentan_desktop import logging_setup

    # "Salin rincian" must never copy a full NIK to the clipboard either.
    details = logging_setup.scrub("".join(traceback.format_exception(kind, exc, tb)))
    log.error("unexpected error\n%s", details)
    from PySide6.QtCore import Qt

    from rentan_desktop.gui.crash import CrashDialog

    dialog = CrashDialog(details, log_file(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots to :func:`show_error` instead of a silent stderr line."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        text = user_text(exc)
        if text is not None:
            show_message(None, text)
        else:
            show_crash(None, kind, exc, tb)

    sys.excepthook = hook
