"""Named claims across processes: "one batch import per sending office at a time", with who holds it.

A claim is held for the length of a job (an import) by one holder (a user name) and refused at
once, not waited for, when another process holds it; the refusal says who holds it and since
when, so the second person can be told in one sentence. A process that dies drops its claim.

* The embedded SQLite file: an ``flock`` on a small file beside the database, one per name (as
  the writer lock of ``storage/write_lock.py``), holding the holder's name and the time.
* A PostgreSQL server: a session advisory lock (``pg_try_advisory_lock``) on a connection kept
  for the job, whose ``application_name`` carries the holder and the time, so another session
  reads them from ``pg_locks`` and ``pg_stat_activity`` (the app's sessions share one role).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

try:
    import fcntl
except ImportError:  # Windows: no flock; a second import then waits on the writer instead
    fcntl = None  # type: ignore[assignment]

# First key of every claim's advisory lock ("RTNC"); the second is derived from the name.
ADVISORY_NAMESPACE = 0x52544E43
_APP_PREFIX = "rentan-claim:"


class ClaimHeld(Exception):
    """Another process holds the claim: ``holder`` (a user name, "" when unknown) since ``since``."""

    def __init__(self, name: str, holder: str, since: datetime | None) -> None:
        self.name, self.holder, self.since = name, holder, since
        super().__init__(f"claim {name!r} held by {holder or '?'} since {since}")


def _slug(name: str) -> str:
    """A file-name-safe form of ``name`` that still differs for different names."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)[:40]
    return f"{safe}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def claim_path(db_path: Path, name: str) -> Path:
    return db_path.with_name(f"{db_path.name}.claim-{_slug(name)}")


@contextmanager
def file_claim(db_path: Path, name: str, holder: str) -> Iterator[None]:
    """Hold the claim ``name`` of the SQLite file at ``db_path`` (an flock; see the module text)."""
    if fcntl is None:
        yield
        return
    path = claim_path(Path(db_path), name)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _held_in_file(fd, name) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{holder}\n{_now().isoformat()}\n".encode(), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # released: the file no longer names anyone
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _held_in_file(fd: int, name: str) -> ClaimHeld:
    try:
        lines = os.pread(fd, 4096, 0).decode(errors="replace").splitlines()
    except OSError:
        lines = []
    holder = lines[0] if lines else ""
    since = None
    if len(lines) > 1:
        with contextlib.suppress(ValueError):
            since = datetime.fromisoformat(lines[1])
    return ClaimHeld(name, holder, since)


def advisory_key(name: str) -> int:
    """The advisory lock's second key for ``name`` (a positive 31-bit number)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFFFFFF


@contextmanager
def server_claim(engine: Engine, name: str, holder: str) -> Iterator[None]:
    """Hold the claim ``name`` on a PostgreSQL server (an advisory lock; see the module text)."""
    key = advisory_key(name)
    params = {"ns": ADVISORY_NAMESPACE, "key": key}
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        # Named first, locked second: whoever is refused always finds the holder's name.
        # 63 bytes at most, as PostgreSQL keeps it.
        label = f"{_APP_PREFIX}{holder}@{int(_now().timestamp())}"[:63]
        conn.execute(text("SELECT set_config('application_name', :label, false)"), {"label": label})
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:ns, :key)"), params).scalar()
            if not got:
                raise _held_on_server(conn, name, key)
            try:
                yield
            finally:
                with contextlib.suppress(Exception):  # a broken connection has dropped the lock
                    conn.execute(text("SELECT pg_advisory_unlock(:ns, :key)"), params)
        finally:
            with contextlib.suppress(Exception):
                conn.execute(text("RESET application_name"))


def _held_on_server(conn: object, name: str, key: int) -> ClaimHeld:
    row = conn.execute(  # type: ignore[attr-defined]
        text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :ns AND l.objid = :key "
            "AND l.objsubid = 2"
        ),
        {"ns": ADVISORY_NAMESPACE, "key": key},
    ).first()
    label = str(row[0]) if row and row[0] else ""
    holder, since = "", None
    if label.startswith(_APP_PREFIX):
        who, _, stamp = label[len(_APP_PREFIX) :].rpartition("@")
        holder = who
        if stamp.isdigit():
            since = datetime.fromtimestamp(int(stamp), UTC)
    return ClaimHeld(name, holder, since)


def _now() -> datetime:
    return datetime.now(UTC)
