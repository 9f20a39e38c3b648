"""Driver-level SQL on either backend: the services' hot paths write ``?`` placeholders.

The save path, the imports and the list pages run plain SQL on the driver's connection (a
Session's or Core's per-call work would cost more than SQLite's own). On SQLite that is the
``sqlite3`` connection itself. On a PostgreSQL server :func:`driver_of` gives a
:class:`ServerConnection` instead: the same ``execute``/``executemany`` over the transaction's
SQLAlchemy connection, the ``?`` placeholders rewritten for psycopg (``%s``, a literal ``%``
doubled) and the few SQLite spellings the statements use translated once per statement text.

What a statement needs that has no PostgreSQL spelling here (FTS5, ``INDEXED BY``, PRAGMAs)
stays behind ``storage/sqlite_access.py`` with its server counterpart.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection, CursorResult, Dialect
from sqlmodel import Session

# A '...' literal, or a ? placeholder, or a % sign: what the rewrite must tell apart.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%")
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+", re.IGNORECASE)


@lru_cache(maxsize=512)
def for_server(sql: str) -> str:
    """``sql`` written for sqlite3 (``?``) as psycopg takes it (``%s``; ``%`` doubled)."""

    def sub(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    out = _TOKENS.sub(sub, sql)
    if _INSERT_OR_IGNORE.match(out):
        out = _INSERT_OR_IGNORE.sub("INSERT ", out) + " ON CONFLICT DO NOTHING"
    return out


def as_sqlite(row: Sequence[Any]) -> tuple[Any, ...]:
    """A server row as sqlite3 gives it: a DATE column as its ISO text (the statements here were
    written for SQLite, which stores dates as text)."""
    return tuple(
        v.isoformat() if isinstance(v, date) and not isinstance(v, datetime) else v for v in row
    )


class Rows:
    """A statement's result with the ``sqlite3.Cursor`` reading methods (and SQLAlchemy's
    ``scalar``/``all``), rows as :func:`as_sqlite` makes them."""

    def __init__(self, result: CursorResult[Any]) -> None:
        self._result = result

    @property
    def rowcount(self) -> int:
        return int(self._result.rowcount)

    def fetchone(self) -> tuple[Any, ...] | None:
        row = self._result.fetchone()
        return None if row is None else as_sqlite(row)

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [as_sqlite(r) for r in self._result.fetchall()]

    all = fetchall

    def fetchmany(self, size: int) -> list[tuple[Any, ...]]:
        return [as_sqlite(r) for r in self._result.fetchmany(size)]

    def scalar(self) -> Any:
        row = self.fetchone()
        return None if row is None else row[0]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return (as_sqlite(r) for r in self._result)


class ServerConnection:
    """The ``sqlite3.Connection`` methods the services call, over a server transaction.

    ``info`` is the pooled connection's own dictionary: the audit seal keeps its keyed functions
    there (``services/audit_seal.py``), as it registers SQL functions on a SQLite connection.
    """

    def __init__(self, conn: Connection, *, owned: bool = False) -> None:
        self.conn = conn
        self._owned = owned  # a reader's own connection: close() gives it back

    def close(self) -> None:
        if self._owned:
            self.conn.close()

    @property
    def dialect(self) -> Dialect:
        return self.conn.dialect

    @property
    def info(self) -> dict[Any, Any]:
        return self.conn.info

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction()

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Rows:
        return Rows(self.conn.exec_driver_sql(for_server(sql), tuple(params or ())))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> CursorResult[Any] | None:
        batch = [tuple(r) for r in rows]
        if not batch:
            return None
        return self.conn.exec_driver_sql(for_server(sql), batch)

    def exec_driver_sql(self, sql: str, params: Any = None) -> CursorResult[Any]:
        """Already written for the server's driver (``registrant_table``'s compiled statements)."""
        return (
            self.conn.exec_driver_sql(sql, params)
            if params is not None
            else (self.conn.exec_driver_sql(sql))
        )


DriverConnection = sqlite3.Connection | ServerConnection


def driver_of(session: Session | Connection) -> Any:
    """The connection under ``session``'s transaction for ``?``-style SQL: the ``sqlite3``
    connection on SQLite, a :class:`ServerConnection` on PostgreSQL. Pending ORM changes are
    flushed first (plain statements would not see them)."""
    if isinstance(session, Session):
        if session.new or session.dirty or session.deleted:
            session.flush()
        conn = session.connection()
    else:
        conn = session
    if conn.dialect.name == "sqlite":
        return conn.connection.driver_connection
    return ServerConnection(conn)


def is_server(con: object) -> bool:
    return isinstance(con, ServerConnection)
