"""The SQLite database: durable settings, one writer connection, migrations on open.

Why one writer: the Python 3.11 build links SQLite 3.40.1, which has the WAL-reset bug (fixed in
3.51.3) that needs two connections writing or checkpointing at once. All writes therefore go through
a single connection behind a lock, with ``BEGIN IMMEDIATE``; readers are ``query_only`` and never
checkpoint while the writer is open.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.pool import NullPool, QueuePool
from sqlmodel import Session

from rentan_desktop.storage.checkpoint import Checkpointer
from rentan_desktop.storage.hooks import Hooks, hooks_for, install_hooks

__all__ = ["Database", "Hooks", "install_hooks", "open_database", "open_location"]
from rentan_desktop.storage.write_lock import DatabaseBusy, WriteLock

if TYPE_CHECKING:
    from rentan_desktop.storage.location import ServerLocation
    from rentan_desktop.storage.server import ServerDatabase

APPLICATION_ID = 0x52544E31  # "RTN1", marks files made by this app
BUSY_TIMEOUT_MS = 10_000
# Page cache of the writer connection, in KiB. A save touches a leaf page in each of the
# registrant table's ~15 indexes and the FTS5 index; at 150,000 rows those pages no longer fit
# SQLite's default 2 MB, so saves kept re-reading them from the OS. The cache only grows as pages
# are used.
WRITER_CACHE_KIB = 64 * 1024
# Page cache of a bulk write transaction (Database.writer(bulk=True)): 256 MiB, in KiB.
BULK_CACHE_KIB = 256 * 1024


def _apply_pragmas(dbapi_conn: sqlite3.Connection, *, read_only: bool) -> None:
    dbapi_conn.isolation_level = (
        None  # we issue BEGIN ourselves (pysqlite's implicit BEGIN is unsafe)
    )
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise RuntimeError(f"could not enable WAL journal mode (got {mode})")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    # trusted_schema stays ON: the FTS5 name index is maintained by triggers, which SQLite refuses
    # to run with it OFF. Database files never come from outside (batches travel as xlsx).
    if read_only:
        cur.execute("PRAGMA query_only = ON")
    else:
        # Checkpoints run in quiet moments instead of inside a save (storage/checkpoint.py).
        cur.execute("PRAGMA wal_autocheckpoint = 0")
        cur.execute(f"PRAGMA cache_size = {-WRITER_CACHE_KIB}")
    cur.close()


class WriterConnection(sqlite3.Connection):
    """The writer's sqlite3 connection: a plain one that can also carry ``rentan_mac``, the Python
    twin of the SQL function of that name the services register on it (see
    ``services.audit_seal``), so an import's 150,000 chained audit events need no statement each
    to be keyed. None on any other connection: callers fall back to the SQL function."""

    rentan_mac: Callable[[str], str] | None = None


def make_engine(
    path: Path,
    *,
    read_only: bool = False,
    max_page_count: int | None = None,
    on_connect: Callable[[sqlite3.Connection], None] | None = None,
) -> Engine:
    """An engine over ``path`` with this app's pragmas; the writer engine holds exactly one connection."""
    url = f"sqlite:///{path}"
    kwargs: dict[str, Any] = {
        "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
    }
    if read_only:
        kwargs["poolclass"] = QueuePool
        kwargs.update(pool_size=4, max_overflow=4)
    else:
        kwargs["poolclass"] = QueuePool
        kwargs.update(pool_size=1, max_overflow=0, pool_timeout=600)
        kwargs["connect_args"]["factory"] = WriterConnection
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        _apply_pragmas(dbapi_conn, read_only=read_only)
        if max_page_count:
            dbapi_conn.execute(f"PRAGMA max_page_count = {max_page_count}")
        if on_connect is not None:
            on_connect(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


class Database:
    """Handle on one open database file: a locked writer and a pool of readers."""

    def __init__(
        self, path: Path, *, max_page_count: int | None = None, hooks: Hooks | None = None
    ) -> None:
        self.path = Path(path)
        self.hooks = hooks or Hooks()
        self.migrated = False  # set by open_database when this open upgraded the schema
        self.writer_engine = make_engine(
            self.path, max_page_count=max_page_count, on_connect=self.hooks.on_connect
        )
        self.reader_engine = make_engine(self.path, read_only=True)
        self._lock = threading.RLock()
        # The same one-writer rule across processes (the app and a `rentan` command beside it).
        self._write_lock = WriteLock(self.path, BUSY_TIMEOUT_MS / 1000)
        self._local = threading.local()
        self._checkpointer = Checkpointer(self._checkpoint)

    @contextmanager
    def writer(self, *, bulk: bool = False, cache_kib: int | None = None) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction; commits on success, rolls back on error.

        A service called from inside another service's transaction on the same thread joins that
        transaction (the single writer connection could never serve a second one: it would wait forever).

        ``bulk=True`` (imports of thousands of rows) gives the transaction a large page cache
        (:data:`BULK_CACHE_KIB`) and returns to the usual one (:data:`WRITER_CACHE_KIB`) after it
        ends. With a smaller cache a 150,000-row insert through the registrant table's indexes and
        FTS5 trigger spills pages to the WAL over and over (more kernel time than the insert
        itself); the cache only grows as pages are used, and is given back when the transaction ends.
        ``cache_kib`` sets another size for this transaction (an import that must stay within a
        memory limit while it holds a whole workbook in memory).
        """
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        if getattr(self._local, "raw", None) is not None:
            # The one pooled connection is held by raw_writer() on this thread: waiting for it
            # would hang forever, so say so instead.
            raise RuntimeError("writer() called inside raw_writer() on the same thread")
        if self.hooks.before_write is not None:
            self.hooks.before_write()
        with self._lock:
            with (
                self._write_lock.held(),
                Session(self.writer_engine, expire_on_commit=False) as session,
            ):
                self._local.session = session
                raw: sqlite3.Connection | None = None
                try:
                    if bulk or cache_kib is not None:
                        size = cache_kib if cache_kib is not None else BULK_CACHE_KIB
                        raw = session.connection().connection.driver_connection  # type: ignore[assignment]
                        before = raw.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
                        raw.execute(f"PRAGMA cache_size = {-size}")  # type: ignore[union-attr]
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
                finally:
                    self._local.session = None
                    if raw is not None:  # the pages go back once the transaction has ended
                        raw.execute(f"PRAGMA cache_size = {before}")
                if self.hooks.after_commit is not None:
                    pooled = self.writer_engine.raw_connection()
                    try:
                        self.hooks.after_commit(pooled.driver_connection)  # type: ignore[arg-type]
                    finally:
                        pooled.close()
            self._checkpointer.wrote()

    @contextmanager
    def claim(self, name: str, holder: str) -> Iterator[None]:
        """Hold the claim ``name`` (e.g. one sending office's import) for the block, across
        processes; :class:`storage.claims.ClaimHeld` at once when another process holds it."""
        from rentan_desktop.storage.claims import file_claim

        with file_claim(self.path, name, holder):
            yield

    def writer_busy(self, patience_s: float = 0.3) -> bool:
        """Whether a write now would wait: another thread holds the writer past ``patience_s``,
        or another process (a ``rentan`` command, an export's marking) holds the write lock."""
        if not self._lock.acquire(timeout=patience_s):
            return True
        try:
            return self._write_lock.held_elsewhere()
        finally:
            self._lock.release()

    @contextmanager
    def raw_writer(self) -> Iterator[sqlite3.Connection]:
        """The writer's own sqlite3 connection in one ``BEGIN IMMEDIATE`` transaction.

        For hot paths (saving one registration) where a Session's per-call work would cost more
        than SQLite itself. Same single connection, lock, pragmas (WAL, ``synchronous=FULL``) and
        all-or-nothing commit as :meth:`writer`; inside an open :meth:`writer` (or another
        ``raw_writer``) on this thread it joins that transaction instead of starting one.
        """
        current = getattr(self._local, "session", None)
        if current is not None:
            if current.new or current.dirty or current.deleted:
                current.flush()  # plain statements must see what the session still holds
            yield current.connection().connection.driver_connection  # type: ignore[misc]
            return
        joined = getattr(self._local, "raw", None)
        if joined is not None:
            yield joined
            return
        if self.hooks.before_write is not None:
            self.hooks.before_write()
        with self._lock:
            with self._write_lock.held():
                pooled = self.writer_engine.raw_connection()
                con: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
                self._local.raw = con
                try:
                    con.execute("BEGIN IMMEDIATE")
                    yield con
                    con.execute("COMMIT")
                    if self.hooks.after_commit is not None:
                        self.hooks.after_commit(con)
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                finally:
                    self._local.raw = None
                    pooled.close()
            self._checkpointer.wrote()

    def _checkpoint(self) -> None:
        """Copy the WAL into the database file on the writer connection (``PASSIVE``: never waits
        for readers; what a long-lived reader still needs is copied next time)."""
        try:
            # Briefly: another process writing now will be followed by a quieter moment, and a
            # save that just committed must never fail because its checkpoint had to wait.
            with self._lock, self._write_lock.held(timeout=0.2):
                pooled = self.writer_engine.raw_connection()
                try:
                    pooled.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
                finally:
                    pooled.close()
        except DatabaseBusy:
            return

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session with a consistent snapshot."""
        # close() (not rollback()) ends the snapshot: rollback would expire loaded objects.
        with Session(self.reader_engine, expire_on_commit=False) as session:
            yield session

    def raw_reader(self) -> sqlite3.Connection:
        """A plain read-only sqlite3 connection (for paging models and benchmarks); caller closes it."""
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        _apply_pragmas_ro(con)
        return con

    def close(self) -> None:
        """Checkpoint the WAL into the main file and release every connection."""
        self._checkpointer.stop()
        self.reader_engine.dispose()
        try:
            with (
                self._lock,
                self._write_lock.held(timeout=1.0),
                self.writer_engine.connect() as conn,
            ):
                # No waiting for readers: another process's long read (an export's snapshot)
                # would keep this checkpoint, and with it the write lock, for the whole busy
                # timeout, and that process's next save would find the database busy.
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except Exception:  # noqa: BLE001 - a failed (or busy) checkpoint is harmless; the WAL stays
            pass
        self.writer_engine.dispose()
        self._write_lock.close()


def _apply_pragmas_ro(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA query_only = ON")


def null_engine(path: Path) -> Engine:
    """A throwaway engine for one-off administrative work (migrations on a closed file)."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        _apply_pragmas(dbapi_conn, read_only=False)

    return engine


def open_database(path: Path, *, max_page_count: int | None = None) -> Database:
    """Open (creating if needed) the database at ``path``: migrate after keeping a copy, seed, connect."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    write_lock = WriteLock(path, BUSY_TIMEOUT_MS / 1000)
    try:
        with write_lock.held():  # migrating and seeding write: one writer across processes too
            migrated = _migrate_and_seed(path, new_file)
    finally:
        write_lock.close()
    hooks = hooks_for(path)
    db = Database(path, max_page_count=max_page_count, hooks=hooks)
    db.migrated = migrated
    if hooks.after_open is not None:
        try:
            hooks.after_open(db)
        except BaseException:
            db.close()
            raise
    return db


def _migrate_and_seed(path: Path, new_file: bool) -> bool:
    """Migrate and seed; True when an existing database's schema was upgraded."""
    from rentan_desktop.storage import schema_head, seed

    copy = None
    if new_file or not schema_head.is_current(path, BUSY_TIMEOUT_MS):
        from rentan_desktop.storage import migrate  # Alembic: only when there may be work to do

        copy = migrate.upgrade(path)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("BEGIN IMMEDIATE")
        if new_file:
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        seed.seed(con)
        con.execute("COMMIT")
        # Sampled statistics (milliseconds even at 1M rows) so the planner picks the NIK index for
        # a NIK lookup instead of a wide (periode, status, ...) index; without them SQLite guesses.
        con.execute("PRAGMA analysis_limit = 1000")
        con.execute("ANALYZE")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return copy is not None


def open_location(location: Path | ServerLocation) -> Database | ServerDatabase:
    """Open a database wherever it lives: a SQLite file (:func:`open_database`) or a PostgreSQL
    server (``storage.server.open_server_database``); ``storage.location.parse`` reads ``--db``."""
    from rentan_desktop.storage.location import ServerLocation as _Server

    if isinstance(location, _Server):
        from rentan_desktop.storage.server import open_server_database

        return open_server_database(location)
    return open_database(Path(location))
