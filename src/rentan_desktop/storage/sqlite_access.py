"""The SQLite-only ways of reading: plain ``sqlite3`` readers with an index hint, interruptible.

Everything else reads through SQLAlchemy (``Database.reader()``, Core or ORM statements), which
any backend can run. What lives here is what only SQLite has and what the hot paths need: a bare
``sqlite3`` connection (no Session or Core compile per call: a list page costs ~1 ms, Core would
add about as much again), ``INDEXED BY`` (SQLite's sampled statistics mislead its planner; see
``services.search.index_hint``), ``interrupt()`` from another thread (a count nobody waits for
any more stops at once) and long results in chunks. A service that needs one of these asks for a
:class:`FastReader`; a server backend supplies its own reader with the same methods.

The other SQLite-only places, each in one module: PRAGMAs, ``BEGIN IMMEDIATE``, the WAL
checkpoint and the raw writer connection (``storage/db.py``, ``storage/checkpoint.py``); the
online backup API (``storage/backup*.py``); ``quick_check`` and start-up reads
(``storage/health.py``, ``storage/fast_open.py``, ``storage/schema_head.py``); FTS5 and the
trigram index (migrations, ``services/search.py``); SQL functions registered on the connection
for the audit seal (``services/audit_seal.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rentan_desktop.storage.db import Database
    from rentan_desktop.storage.server import ServerDatabase

Row = tuple[Any, ...]


class Interrupted(Exception):
    """The statement was stopped by :meth:`FastReader.interrupt`."""


def hinted(sql: str, index: str | None) -> str:
    """``sql`` (a ``SELECT … FROM registrant r WHERE …``) reading through ``index``."""
    if not index:
        return sql
    return sql.replace("FROM registrant r WHERE", f"FROM registrant r INDEXED BY {index} WHERE", 1)


def execute_hinted(
    con: sqlite3.Connection, sql: str, params: Sequence[Any], index: str | None
) -> sqlite3.Cursor:
    """Run ``sql`` through ``index``; a file without that index is planned by SQLite alone."""
    if index:
        try:
            return con.execute(hinted(sql, index), params)
        except sqlite3.OperationalError as exc:
            if "no such index" not in str(exc):
                raise  # e.g. interrupted: the caller decides
    return con.execute(sql, params)


@contextmanager
def _interruptible() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise Interrupted from exc
        raise


class FastReader:
    """One read-only ``sqlite3`` connection (``query_only``); one thread uses it, any may interrupt."""

    server = False  # the statements it runs are written for SQLite (services/search.py)

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con

    def rows(self, sql: str, params: Sequence[Any] = (), index: str | None = None) -> list[Row]:
        """All rows of ``sql``, read through ``index`` when the file has it."""
        with _interruptible():
            return execute_hinted(self._con, sql, params, index).fetchall()

    def chunks(
        self, sql: str, params: Sequence[Any] = (), *, size: int = 512, index: str | None = None
    ) -> Iterator[list[Row]]:
        """The rows of ``sql`` in lists of up to ``size`` (a long result is never held whole,
        and the caller can look at a cancel flag between two)."""
        with _interruptible():
            cursor = execute_hinted(self._con, sql, params, index)
            while chunk := cursor.fetchmany(size):
                yield chunk

    def interrupt(self) -> None:
        """Stop the statement running on this connection now (safe from any thread)."""
        self._con.interrupt()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> FastReader:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()


def open_reader(db: Database | ServerDatabase) -> FastReader:
    """A :class:`FastReader` on ``db`` (the caller closes it); on a server database its
    counterpart, ``storage.server.ServerReader``, with the same methods."""
    if getattr(db, "is_server", False):
        return db.fast_reader()  # type: ignore[union-attr,return-value]
    return FastReader(db.raw_reader())  # type: ignore[arg-type]
