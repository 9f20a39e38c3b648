"""One writer at a time across processes (the app and ``rentan`` commands), with a bounded wait.

Inside a process, :class:`~rentan_desktop.storage.db.Database` already funnels every write and
checkpoint through one connection, because SQLite 3.40 (Python 3.11's) can corrupt a WAL database
when one connection writes while another checkpoints. The app and a ``rentan`` command beside it
are two processes with a writer each, so the same rule needs a lock both of them see: an
``flock`` on a small file beside the database, held for each write transaction and checkpoint.

``flock`` (not ``fcntl``) because its lock belongs to the open file description: a descriptor of
the same file closed elsewhere in the process does not drop it, unlike SQLite's own POSIX locks.
The wait is bounded; past it, :class:`DatabaseBusy` carries one sentence for the user, and the
caller's transaction has not started, so nothing changed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rentan_desktop.domain import issues

try:
    import fcntl
except ImportError:  # Windows: SQLite's own locks there are not the POSIX kind; busy_timeout only
    fcntl = None  # type: ignore[assignment]

issues.define_all(
    {
        "storage.busy": (
            "Basis data sedang dipakai proses lain (misalnya ekspor batch atau perintah rentan) "
            "lebih dari {seconds} detik; tidak ada yang berubah. Coba lagi sebentar lagi.",
            "The database has been busy in another process (a batch export or a rentan command, "
            "say) for over {seconds} seconds; nothing changed. Try again in a moment.",
        ),
    }
)


class DatabaseBusy(Exception):
    """Another process kept the database busy past the bounded wait; nothing was written."""

    code = "storage.busy"

    def __init__(self, seconds: float) -> None:
        self.params = {"seconds": round(seconds)}
        super().__init__(issues.text(self.code, "en", **self.params))

    def message(self, lang: str | None = None) -> str:
        return issues.text(self.code, lang, **self.params)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".write-lock")


class WriteLock:
    """The cross-process writer lock of one database file. Not for concurrent use by threads:
    callers hold the database's in-process writer lock first."""

    POLL_SECONDS = 0.02

    def __init__(self, db_path: Path, timeout: float) -> None:
        self.path = lock_path(Path(db_path))
        self.timeout = timeout
        self._fd: int | None = None

    def _open(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    @contextmanager
    def held(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock for the block; :class:`DatabaseBusy` after ``timeout`` seconds of waiting
        (default: the lock's own)."""
        if fcntl is None:
            yield
            return
        fd = self._open()
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(wait) from None
                time.sleep(self.POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def held_elsewhere(self) -> bool:
        """Whether another process holds the lock right now (never waits)."""
        if fcntl is None:
            return False
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
