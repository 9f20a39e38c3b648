"""The one background-task helper: slow work runs off the GUI thread with progress and cancel.

A job is a plain function ``fn(control) -> result``. It gets plain data and services through its
closure, reports progress with ``control.progress(done, total)`` and looks at
``control.cancelled()`` between steps; it never touches a widget. Results, errors and progress come
back as signals, which Qt queues onto the GUI thread because the :class:`Job` object lives there.

Services that take ``progress=`` and ``cancelled=`` callables plug straight in::

    job = gui.jobs.start(
        lambda c: template_import.import_template(ctx, actor=user, path=p,
                                                  progress=c.progress, cancelled=c.cancelled),
        title=self.tr("Impor template"),
    )
    job.succeeded.connect(self.show_report)
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second: the queue never floods the GUI


class JobCancelled(Exception):
    """Raised inside a job (by :meth:`JobControl.check`) to stop after a cancel request."""


def _is_cancel(exc: BaseException) -> bool:
    # Services refuse with UserError("job.cancelled") when their `cancelled` callable says so.
    return isinstance(exc, JobCancelled) or getattr(exc, "code", None) == "job.cancelled"


class JobControl:
    """Handed to the job function: progress reporting and the cancel flag (thread-safe)."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._last = 0.0

    def cancelled(self) -> bool:
        return self._job._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` if the user pressed Batal."""
        if self.cancelled():
            raise JobCancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total`` steps (throttled; the last step always gets through)."""
        now = time.monotonic()
        if done < total and now - self._last < PROGRESS_INTERVAL_S:
            return
        self._last = now
        self._job._progress_from_worker.emit(int(done), int(total), text)


class Job(QObject):
    """A running job as seen from the GUI thread. Exactly one of succeeded/failed/cancelled fires,
    then ``finished``; all of them (and ``progressed``) are emitted on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()
    # The worker thread only emits these two; queued connections to this object's slots move the
    # call onto the GUI thread, so plain Python callables connected to the public signals (lambdas
    # included, which PySide may otherwise run in the emitting thread) always run there.
    _progress_from_worker = Signal(int, int, str)
    _done_from_worker = Signal(str, object)

    def __init__(
        self,
        fn: Callable[[JobControl], Any],
        title: str,
        parent: QObject | None = None,
        *,
        retry_when_busy: bool = False,
    ):
        super().__init__(parent)
        self.fn = fn
        self.title = title
        # Another process kept the database past the bounded wait: ask "Coba lagi?" and run fn
        # again as the same job (the page stays busy), instead of failing at once.
        self.retry_when_busy = retry_when_busy
        self.resubmit: Callable[[Job], None] | None = None  # set by the runner
        self.retries = 0
        self._cancel = threading.Event()
        self.running = True
        self.result: Any = None
        self.finished_at: float | None = None  # time.monotonic() when it ended
        self.error: BaseException | None = None
        from PySide6.QtCore import Qt  # not at import: the first window must not wait for it

        queued = Qt.ConnectionType.QueuedConnection
        self._progress_from_worker.connect(self._relay_progress, queued)
        self._done_from_worker.connect(self._relay_done, queued)

    def cancel(self) -> None:
        """Ask the job to stop at its next check; its `cancelled` signal fires when it has."""
        self._cancel.set()

    def is_cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, text: str) -> None:
        if self.running:
            self.progressed.emit(done, total, text)

    @Slot(str, object)
    def _relay_done(self, outcome: str, payload: object) -> None:
        if outcome == "failed" and self._offer_retry(payload):  # type: ignore[arg-type]
            return
        self._finish(outcome, payload)

    def _offer_retry(self, exc: BaseException) -> bool:
        if not self.retry_when_busy or self.resubmit is None:
            return False
        from PySide6.QtWidgets import QApplication

        from rentan_desktop.gui import errors

        text = errors.busy_text(exc)
        if text is None:
            return False
        self.box = errors.ask_retry(
            QApplication.activeWindow(),
            text,
            retry=self._retry,
            on_close=lambda: self._finish("failed", errors.mark_answered(exc)),
        )
        return True

    def _retry(self) -> None:
        assert self.resubmit is not None
        self.retries += 1
        self.error = None
        self.resubmit(self)

    def _finish(self, outcome: str, payload: object) -> None:
        self.running = False
        self.finished_at = time.monotonic()
        if outcome == "ok":
            self.succeeded.emit(payload)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(payload)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        job = self.job
        control = JobControl(job)
        _collector_paused(True)
        try:
            result = job.fn(control)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            job.error = exc
            _collector_paused(False)
            _deliver(job, "cancelled" if _is_cancel(exc) else "failed", exc)
        else:
            job.result = result
            _collector_paused(False)
            _deliver(job, "ok", result)


def _deliver(job: Job, outcome: str, payload: object) -> None:
    # RuntimeError: the job's owner (a page, the home screen) was deleted while the job ran, as
    # when the window closes during a count; nobody is left to tell.
    with contextlib.suppress(RuntimeError):
        job._done_from_worker.emit(outcome, payload)


_paused = 0
_paused_lock = threading.Lock()


def _collector_paused(on: bool) -> None:
    """No cyclic garbage collection while any job runs.

    A job reading 150,000 records makes a million objects that survive into the oldest
    generation; each full collection then walks them all while holding the interpreter lock,
    and the window froze for 0.2-0.6 s at a time (duplicate search, quality count at 150,000).
    The job's objects are freed by reference counting when it ends; the collector resumes when
    the last running job ends.
    """
    global _paused
    if os.environ.get("RENTAN_JOB_GC") == "on":  # the old behaviour, for measuring against
        return
    with _paused_lock:
        _paused += 1 if on else -1
        if _paused == 1 and on:
            gc.disable()
        elif _paused == 0:
            gc.enable()


class JobRunner(QObject):
    """Starts jobs on a private thread pool and keeps them alive until they finish."""

    job_started = Signal(object)  # Job

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._jobs: set[Job] = set()
        self.error_handler: Callable[[BaseException], None] | None = None

    def start(
        self,
        fn: Callable[[JobControl], Any],
        *,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        retry_when_busy: bool = True,
    ) -> Job:
        """Run ``fn(control)`` in the background; callbacks run on the GUI thread.

        Without ``on_error`` a failure goes to the runner's ``error_handler`` (the main window shows
        it: one sentence for user errors, the crash dialog for bugs). A failure because another
        process kept the database busy first asks *Coba lagi* / *Tutup* (``retry_when_busy``):
        *Coba lagi* runs ``fn`` again as the same job, *Tutup* delivers the failure (already
        shown, so :func:`errors.show_error` does not show it twice). Jobs nobody started by hand
        (an automatic backup) or with their own retry (the entry form) pass False.
        """
        job = Job(fn, title, retry_when_busy=retry_when_busy)
        job.resubmit = lambda again: self.pool.start(_Runnable(again))
        if on_success is not None:
            job.succeeded.connect(on_success)
        handler = on_error or self.error_handler
        if handler is not None:
            job.failed.connect(handler)
        if on_cancel is not None:
            job.cancelled.connect(on_cancel)
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        self.job_started.emit(job)
        self.pool.start(_Runnable(job))
        return job

    def running(self) -> list[Job]:
        return [j for j in self._jobs if j.running]

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for the threads; True when all stopped in time."""
        for job in list(self._jobs):
            job.cancel()
        return bool(self.pool.waitForDone(timeout_ms))


class JobProgress(QWidget):
    """A slim progress bar with a Batal button; hidden while no job is bound. Never modal."""

    def __init__(self, parent: QWidget | None = None, *, mnemonic: bool = False) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        # Only the status bar's Batal owns Alt+L: a page's own progress row showing the same job
        # beside it would otherwise make the letter ambiguous.
        self._cancel_text = self.tr("Bata&l") if mnemonic else self.tr("Batal")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMinimumWidth(160)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self._cancel_text, self)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.hide()

    def bind(self, job: Job) -> None:
        """Follow ``job``: show its title and progress until it finishes.

        A job without a title is a quick background read (a list being filled): no bar for it.
        """
        if not job.title:
            return
        self.job = job
        self.label.setText(job.title)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self._cancel_text)
        job.progressed.connect(self._on_progress)
        job.finished.connect(lambda: self._on_finished(job))
        self.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            self.label.setText(text)

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Membatalkan…"))

    def _on_finished(self, job: Job) -> None:
        if job is self.job:
            self.job = None
            self.hide()
