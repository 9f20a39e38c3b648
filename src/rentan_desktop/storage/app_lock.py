"""One desktop app per database: a lock file beside it that names who holds it.

Two windows on one database would each believe their screen is current and each run the hourly
backup and the checkpoints. The app takes an ``flock`` on ``<database>.app-lock`` at start and
keeps it while it runs; the file says who (user, computer, process, since when). The kernel drops
an ``flock`` when its process dies, so a lock left by a crash or a power cut is stale by
construction: the next start takes it over and says whose it was.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from rentan_desktop.domain import issues

try:
    import fcntl
except ImportError:  # Windows: the process check below is all there is
    fcntl = None  # type: ignore[assignment]

issues.define_all(
    {
        "app_lock.held": (
            "Basis data {db} sudah dibuka di aplikasi Rentan oleh {user} di komputer {host} "
            "(proses {pid}, sejak {since}). Pakai jendela itu, atau tutup aplikasinya dulu.",
            "Database {db} is already open in the Rentan app by {user} on {host} (process {pid}, "
            "since {since}). Use that window, or close that app first.",
        ),
    }
)


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the app lock of a database."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601, UTC

    @classmethod
    def me(cls) -> Holder:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # no name for this uid (containers)
            user = str(os.getuid()) if hasattr(os, "getuid") else "?"
        return cls(
            user, socket.gethostname(), os.getpid(), datetime.now(UTC).isoformat(timespec="seconds")
        )

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except (ValueError, KeyError, TypeError, RecursionError):
            return None

    def alive(self) -> bool:
        """Whether the process still runs (only answerable on this computer; elsewhere: assume so)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except (PermissionError, OSError):
            return True
        return True


class AppHeld(Exception):
    """Another running app holds this database."""

    code = "app_lock.held"

    def __init__(self, db: Path, holder: Holder) -> None:
        self.holder = holder
        self.params = {"db": str(db), **asdict(holder), "since": _local(holder.since)}
        super().__init__(issues.text(self.code, "en", **self.params))

    def message(self, lang: str | None = None) -> str:
        return issues.text(self.code, lang, **self.params)


def _local(stamp: str) -> str:
    """An ISO timestamp as this computer's local date and time, the way a clerk reads a clock."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return stamp


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".app-lock")


def _read(fd: int) -> Holder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    return Holder.parse(os.read(fd, 4096).decode("utf-8", "replace"))


class AppLock:
    """The held lock; :meth:`release` (or process exit) frees it."""

    def __init__(self, db_path: Path, fd: int, stale: Holder | None) -> None:
        self.db_path = db_path
        self.stale = stale  # whose lock was taken over (its process had died), if any
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, db_path: Path) -> AppLock:
        """Take the lock or raise :class:`AppHeld` naming the holder."""
        db_path = Path(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            previous = _read(fd)
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise AppHeld(db_path, previous or Holder("?", "?", 0, "?")) from None
            elif previous is not None and previous.pid != os.getpid() and previous.alive():
                raise AppHeld(db_path, previous)
            me = json.dumps(asdict(Holder.me())).encode()
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, me)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(
            db_path, fd, previous if previous is not None and previous.pid != os.getpid() else None
        )

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)  # nobody holds it now (the file itself stays: see module doc)
        finally:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def holder(db_path: Path) -> Holder | None:
    """Who holds the app lock of ``db_path`` now, or None when no app has it open."""
    path = lock_path(Path(db_path))
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        found = _read(fd)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return found or Holder("?", "?", 0, "?")
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        return found if found is not None and found.alive() else None
    finally:
        os.close(fd)
