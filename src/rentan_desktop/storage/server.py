"""A PostgreSQL server as the database of a coordinator office: engines, reachability, migrations.

The embedded SQLite file stays the default (storage/db.py: WAL, one writer, lock files). None of
that applies to a server, which has its own concurrency control: engines here carry no PRAGMAs,
no writer lock file and no checkpoints; each connection names itself ``rentan-desktop`` so the
server's administrator can tell the app's sessions apart in ``pg_stat_activity``.

The schema comes from the same Alembic history as the SQLite file (storage/migrations); each
revision makes the PostgreSQL equivalent of anything SQLite-specific (see 0002 and 0013).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from psycopg.types.string import TextLoader
from sqlalchemy import event, text
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import Connection, Engine, create_engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from rentan_desktop.domain import issues
from rentan_desktop.storage.driver_sql import (
    ServerConnection,
    as_sqlite,
    driver_of,
    for_server,
)
from rentan_desktop.storage.hooks import Hooks, hooks_for
from rentan_desktop.storage.location import ServerLocation

log = logging.getLogger(__name__)

APPLICATION_NAME = "rentan-desktop"
CONNECT_TIMEOUT_S = 10
MIN_SERVER_MAJOR = 15
# Serialises schema upgrades when several PCs of the office start a new version at once
# (pg_advisory_xact_lock key: "RTN1" as in the SQLite application_id).
MIGRATION_LOCK_KEY = 0x52544E31

issues.define_all(
    {
        "server.unreachable": (
            "Server basis data {server} tidak dapat dihubungi; periksa alamat server, jaringan, "
            "dan bahwa PostgreSQL berjalan di sana. Tidak ada yang berubah.",
            "The database server {server} cannot be reached; check the server address, the "
            "network and that PostgreSQL runs there. Nothing changed.",
        ),
        "server.login_refused": (
            "Server basis data {server} menolak masuk: nama pengguna atau kata sandi akun "
            "layanan salah. Tidak ada yang berubah.",
            "The database server {server} refused the login: the service account's user name or "
            "password is wrong. Nothing changed.",
        ),
        "server.database_missing": (
            "Basis data {database} tidak ada di server {server}; buat dulu (lihat README, bagian "
            "server kantor koordinator), lalu ulangi. Tidak ada yang berubah.",
            "The database {database} does not exist on the server {server}; create it first "
            "(see the README, the coordinator office server section), then try again. Nothing "
            "changed.",
        ),
        "server.too_old": (
            "Server basis data {server} menjalankan PostgreSQL {version}; aplikasi ini memerlukan "
            "PostgreSQL {minimum} atau lebih baru.",
            "The database server {server} runs PostgreSQL {version}; this app needs PostgreSQL "
            "{minimum} or newer.",
        ),
    }
)


class ServerUnavailable(issues.Refusal):
    """The server could not be reached, refused the login, or has no such database; nothing was
    done. One sentence each, in the user's language: libpq's own English line goes to the log
    only (``reason``)."""

    def __init__(self, location: ServerLocation, reason: str) -> None:
        self.reason = reason
        self.code = _failure_code(reason)
        self.params = {
            "server": location.display(),
            "database": make_url(location.url).database or "?",
        }
        super().__init__(issues.text(self.code, "en", **self.params))


def _failure_code(reason: str) -> str:
    """Which of the sentences fits libpq's message (its wording is stable across versions)."""
    low = reason.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return "server.login_refused"
    if low.startswith("role ") or ("role " in low and "does not exist" in low):
        return "server.login_refused"
    if "database " in low and "does not exist" in low:
        return "server.database_missing"
    return "server.unreachable"


class ServerTooOld(issues.Refusal):
    code = "server.too_old"

    def __init__(self, location: ServerLocation, version: str) -> None:
        self.params = {
            "server": location.display(),
            "version": version,
            "minimum": MIN_SERVER_MAJOR,
        }
        super().__init__(issues.text(self.code, "en", **self.params))


def server_engine(location: ServerLocation, *, pool_size: int = 5, pooled: bool = True) -> Engine:
    """An engine over the server database (psycopg 3). ``pooled=False`` for one-off work."""
    kwargs: dict[str, Any] = {
        "connect_args": {
            "application_name": APPLICATION_NAME,
            "connect_timeout": CONNECT_TIMEOUT_S,
        }
    }
    if pooled:
        kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
    else:
        kwargs["poolclass"] = NullPool
    engine = create_engine(location.sqlalchemy_url(), **kwargs)
    # DATE columns come back as ISO text, as SQLite keeps them: the services' plain statements
    # (and the digests of a copy or a backup) read them so; typed reads (the ORM, Core selects of
    # Date columns) still get dates, parsed by :class:`_IsoDate`.
    engine.dialect.colspecs = {**engine.dialect.colspecs, sqltypes.Date: _IsoDate}

    @event.listens_for(engine, "connect")
    def _dates_as_text(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.adapters.register_loader("date", TextLoader)

    return engine


class _IsoDate(sqltypes.Date):
    """A DATE column read as ISO text by the driver, given to typed reads as a ``date``."""

    def result_processor(self, dialect: Any, coltype: object) -> Any:
        def process(value: object) -> object:
            return date.fromisoformat(value) if isinstance(value, str) else value

        return process


def _reason(exc: BaseException) -> str:
    """libpq's own first line (it names the host, the user or the database that failed)."""
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()
    return first[0] if first else type(orig).__name__


def check_connection(location: ServerLocation) -> str:
    """Connect once and return the server's version ("15.18"); the "test connection" check.

    :class:`ServerUnavailable` when it cannot be reached or refuses the login,
    :class:`ServerTooOld` below PostgreSQL 15.
    """
    engine = server_engine(location, pooled=False)
    try:
        with engine.connect() as conn:
            version = str(conn.exec_driver_sql("SHOW server_version").scalar())
    except (OperationalError, DBAPIError) as exc:
        reason = _reason(exc)
        log.info("server %s: %s", location.display(), reason)
        raise ServerUnavailable(location, reason) from None
    finally:
        engine.dispose()
    major = version.split(".")[0].split()[0]
    if not major.isdigit() or int(major) < MIN_SERVER_MAJOR:
        raise ServerTooOld(location, version)
    return version


def current_revision(conn: Connection) -> str | None:
    """The Alembic revision recorded in the server database (None for an empty database)."""
    exists = conn.execute(text("SELECT to_regclass('alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(location: ServerLocation, revision: str = "head") -> bool:
    """Bring the server database to ``revision`` in one transaction (PostgreSQL's DDL is
    transactional: a failed upgrade leaves the schema as it was). True when anything changed.

    Two PCs upgrading at once take turns on an advisory lock; the second finds nothing to do.
    """
    from alembic import command

    from rentan_desktop.storage import migrate

    check_connection(location)
    target = migrate.head_revision() if revision == "head" else revision
    engine = server_engine(location, pooled=False)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            if current_revision(conn) == target:
                return False
            cfg = migrate.alembic_config(None)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        return True
    finally:
        engine.dispose()


#: The stand-in file name of a server database in its local folder: the office key folder beside
#: it is ``rentan-keys`` (``signing.key_folder.key_dir_for``), as for a file named rentan.db.
LOCAL_NAME = "rentan.server"

# Rows the app's own connections inserted or updated in the open transaction (migration 0015's
# triggers fill it); the audit seal seals them before the commit. Only these connections have it.
_TOUCHED_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS rentan_touched (id bigint PRIMARY KEY) ON COMMIT DELETE ROWS"
)


class ServerDatabase:
    """Handle on a server database: the counterpart of :class:`storage.db.Database`.

    ``writer()`` and ``reader()`` behave as the embedded database's do (a session in one
    transaction that commits on success and rolls back on error; a nested ``writer()`` on the same
    thread joins the outer transaction; readers see one consistent snapshot), over a pool of
    server connections. What exists only for SQLite (WAL, the single writer connection and its
    lock file, checkpoints, page-cache sizes) has no counterpart here: the server does its own
    concurrency control. ``raw_writer()`` gives the transaction's connection for ``?``-style
    statements (``storage/driver_sql.py``).

    ``path`` is not a database file: it names this office's local folder for the server database
    (the key folder beside it, scratch files, export journals), as a file's path does.
    """

    def __init__(
        self,
        location: ServerLocation,
        *,
        pool_size: int = 5,
        local_dir: Path | None = None,
        hooks: Hooks | None = None,
    ) -> None:
        self.location = location
        self.migrated = False
        self.path = (local_dir or location.local_dir()) / LOCAL_NAME
        self.hooks = hooks or Hooks()
        self.engine = server_engine(location, pool_size=pool_size)
        server_connect = self.hooks.server_connect

        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute(_TOUCHED_TABLE)
            dbapi_conn.commit()
            if server_connect is not None:
                server_connect(record.info)

        # A reader: one snapshot for the whole session (REPEATABLE READ), and refused writes.
        self.reader_engine = self.engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        self._local = threading.local()

    @property
    def is_server(self) -> bool:
        return True

    @contextmanager
    def writer(self, *, bulk: bool = False, cache_kib: int | None = None) -> Iterator[Session]:
        """A session in one transaction (``bulk``/``cache_kib`` tune SQLite only)."""
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        if self.hooks.before_write is not None:
            self.hooks.before_write()
        with Session(self.engine, expire_on_commit=False) as session:
            self._local.session = session
            try:
                yield session
                if self.hooks.before_commit is not None:
                    self.hooks.before_commit(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                self._local.session = None
        if self.hooks.after_commit is not None:
            with self.engine.connect() as conn:
                self.hooks.after_commit(ServerConnection(conn))

    @contextmanager
    def raw_writer(self) -> Iterator[ServerConnection]:
        """The writer transaction's connection for ``?``-style statements (joins an open
        ``writer()`` on this thread, as the embedded database's does)."""
        with self.writer() as session:
            yield driver_of(session)

    def fast_reader(self) -> ServerReader:
        """The server's counterpart of ``sqlite_access.FastReader`` (caller closes it)."""
        return ServerReader(self.raw_reader())

    def raw_reader(self) -> ServerConnection:
        """A read-only connection for ``?``-style statements, in one snapshot; caller closes it."""
        conn = self.reader_engine.connect()
        conn.begin()
        return ServerConnection(conn, owned=True)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session with a consistent snapshot."""
        with Session(self.reader_engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def claim(self, name: str, holder: str) -> Iterator[None]:
        """Hold the claim ``name`` (e.g. one sending office's import) for the block, across the
        office's PCs; :class:`storage.claims.ClaimHeld` at once when another session holds it."""
        from rentan_desktop.storage.claims import server_claim

        with server_claim(self.engine, name, holder):
            yield

    def writer_busy(self, patience_s: float = 0.3) -> bool:
        """Never: a server has no single writer to wait for (row locks are taken per row)."""
        return False

    def close(self) -> None:
        self.engine.dispose()


class ServerReader:
    """``sqlite_access.FastReader``'s methods on a server connection in one read-only snapshot:
    ``?`` statements, no index hints (PostgreSQL's planner has real statistics), long results
    from a server-side cursor, and :meth:`interrupt` through libpq's cancel request."""

    server = True

    def __init__(self, con: ServerConnection) -> None:
        self._con = con

    def rows(self, sql: str, params: Any = (), index: str | None = None) -> list[Any]:
        with self._interruptible():
            return list(self._con.execute(sql, params).all())

    def chunks(
        self, sql: str, params: Any = (), *, size: int = 512, index: str | None = None
    ) -> Iterator[list[Any]]:
        with self._interruptible():
            result = self._con.conn.execution_options(
                stream_results=True, max_row_buffer=size
            ).exec_driver_sql(for_server(sql), tuple(params))
            for part in result.partitions(size):
                yield [as_sqlite(r) for r in part]

    @contextmanager
    def _interruptible(self) -> Iterator[None]:
        from rentan_desktop.storage.sqlite_access import Interrupted

        try:
            yield
        except DBAPIError as exc:
            if type(exc.orig).__name__ == "QueryCanceled":
                raise Interrupted from exc
            raise

    def interrupt(self) -> None:
        """Stop the statement running on this connection now (safe from any thread)."""
        self._con.conn.connection.driver_connection.cancel()  # type: ignore[union-attr]

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> ServerReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_server_database(
    location: ServerLocation, *, pool_size: int = 5, local_dir: Path | None = None
) -> ServerDatabase:
    """Open the server database: bring its schema to the newest revision and fill empty
    reference tables (regions, occupations, the tariff), as a new SQLite file gets them; then
    give it the hooks the services installed (the audit seal), as :func:`storage.db.open_database`
    does for a file."""
    from rentan_desktop.storage import seed

    migrated = upgrade(location)
    path = (local_dir or location.local_dir()) / LOCAL_NAME
    hooks = hooks_for(path)
    db = ServerDatabase(location, pool_size=pool_size, local_dir=path.parent, hooks=hooks)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            seed.seed_connection(conn)
        db.migrated = migrated
        if hooks.after_open is not None:
            hooks.after_open(db)  # type: ignore[arg-type]
    except BaseException:
        db.close()
        raise
    return db
