"""A PostgreSQL server as the database of a coordinator office: engines, reachability, migrations.

The embedded SQLite file stays the default (storage/db.py: WAL, one writer, lock files). None of
that applies to a server, which has its own concurrency control: engines here carry no PRAGMAs,
no writer lock file and no checkpoints; each connection names itself ``rentan-desktop`` so the
server's administrator can tell the app's sessions apart in ``pg_stat_activity``.

The schema comes from the same Alembic history as the SQLite file (storage/migrations); each
revision makes the PostgreSQL equivalent of anything SQLite-specific (see 0002 and 0013).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from rentan_desktop.domain import issues
from rentan_desktop.storage.location import ServerLocation

APPLICATION_NAME = "rentan-desktop"
CONNECT_TIMEOUT_S = 10
MIN_SERVER_MAJOR = 15
# Serialises schema upgrades when several PCs of the office start a new version at once
# (pg_advisory_xact_lock key: "RTN1" as in the SQLite application_id).
MIGRATION_LOCK_KEY = 0x52544E31

issues.define_all(
    {
        "server.unreachable": (
            "Server basis data {server} tidak dapat dihubungi ({reason}). Periksa alamat, jaringan, "
            "dan nama pengguna/kata sandi; tidak ada yang berubah.",
            "The database server {server} cannot be reached ({reason}). Check the address, the "
            "network and the user name/password; nothing changed.",
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
    """The server could not be reached or refused the login; nothing was done."""

    code = "server.unreachable"

    def __init__(self, location: ServerLocation, reason: str) -> None:
        self.params = {"server": location.display(), "reason": reason}
        super().__init__(issues.text(self.code, "en", **self.params))


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
    return create_engine(location.sqlalchemy_url(), **kwargs)


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
        raise ServerUnavailable(location, _reason(exc)) from None
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


class ServerDatabase:
    """Handle on a server database: the counterpart of :class:`storage.db.Database`.

    ``writer()`` and ``reader()`` behave as the embedded database's do (a session in one
    transaction that commits on success and rolls back on error; a nested ``writer()`` on the same
    thread joins the outer transaction; readers see one consistent snapshot), over a pool of
    server connections. What exists only for SQLite (WAL, the single writer connection and its
    lock file, checkpoints, page-cache sizes, the sqlite3 connection of ``raw_writer``) has no
    counterpart here: the server does its own concurrency control.
    """

    def __init__(self, location: ServerLocation, *, pool_size: int = 5) -> None:
        self.location = location
        self.migrated = False
        self.engine = server_engine(location, pool_size=pool_size)
        # A reader: one snapshot for the whole session (REPEATABLE READ), and refused writes.
        self.reader_engine = self.engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True
        )
        self._local = threading.local()

    @contextmanager
    def writer(self, *, bulk: bool = False, cache_kib: int | None = None) -> Iterator[Session]:
        """A session in one transaction (``bulk``/``cache_kib`` tune SQLite only)."""
        current = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        with Session(self.engine, expire_on_commit=False) as session:
            self._local.session = session
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                self._local.session = None

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session with a consistent snapshot."""
        with Session(self.reader_engine, expire_on_commit=False) as session:
            yield session

    def writer_busy(self, patience_s: float = 0.3) -> bool:
        """Never: a server has no single writer to wait for (row locks are taken per row)."""
        return False

    def close(self) -> None:
        self.engine.dispose()


def open_server_database(location: ServerLocation, *, pool_size: int = 5) -> ServerDatabase:
    """Open the server database: bring its schema to the newest revision and fill empty
    reference tables (regions, occupations, the tariff), as a new SQLite file gets them."""
    from rentan_desktop.storage import seed

    migrated = upgrade(location)
    db = ServerDatabase(location, pool_size=pool_size)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            seed.seed_connection(conn)
    except BaseException:
        db.close()
        raise
    db.migrated = migrated
    return db
