"""Pages of the registrant list for a paging view: keyset blocks and an interruptible count.

The GUI's list model asks this reader for blocks of rows and for the total; it never sees SQL.
Each reader owns one read-only connection (one per thread: the model's, and its count thread's).
The statements come from :mod:`~rentan_desktop.services.search`, so the list shows exactly what
``rentan cari`` finds, and read through the index :func:`search.index_hint` chooses (SQLite's
sampled statistics mislead its planner here; see there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import search
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.search import Query
from rentan_desktop.storage import sqlite_access
from rentan_desktop.storage.models import User

# What one list row carries, in this order (the model reads values by these positions).
LIST_FIELDS = tuple(f for f in search.LIST_COLUMNS if f != "sumber_dana_id")
Row = tuple[Any, ...]


_POSITION = {name: i for i, name in enumerate(LIST_FIELDS)}


def edge_key(query: Query, row: Row) -> tuple[Any, int]:
    """The keyset key ``(sort value, id)`` of a row read with :data:`LIST_FIELDS`."""
    sort = query.sort if query.sort in search.SORTABLE else "id"
    return (row[_POSITION[sort]], row[_POSITION["id"]])


@dataclass(frozen=True)
class PreparedCount:
    """A count statement built ahead of running it (so a worker thread only has to run it)."""

    sql: str
    params: list[Any]
    index: str | None
    query: Query | None = None  # to build the server's spelling instead (storage/server.py)


class PageReader:
    """Reads list pages and counts over its own read-only connection; close it when done."""

    def __init__(self, reader: sqlite_access.FastReader) -> None:
        self._reader = reader

    def page(
        self,
        query: Query,
        *,
        limit: int,
        after: tuple[Any, int] | None = None,
        offset: int = 0,
        fields: tuple[str, ...] = LIST_FIELDS,
    ) -> list[Row]:
        """Up to ``limit`` rows of ``query`` after the key ``(sort value, id)``, or from ``offset``."""
        sql, params = search.page_sql(
            query, limit=limit, after=after, columns=fields, server=self._reader.server
        )
        if offset:
            sql, params = sql + " OFFSET ?", [*params, offset]
        return self._reader.rows(sql, params, search.index_hint(query))

    @staticmethod
    def prepare_count(query: Query) -> PreparedCount:
        """The count of ``query``, ready for :meth:`count` on another thread."""
        sql, params = search.count_sql(query)
        return PreparedCount(sql, params, search.count_hint(query), query)

    def count(self, prepared: PreparedCount) -> int | None:
        """How many rows match; None when :meth:`interrupt` stopped it first."""
        sql, params = prepared.sql, prepared.params
        if self._reader.server and prepared.query is not None:
            sql, params = search.count_sql(prepared.query, server=True)
        try:
            return int(self._reader.rows(sql, params, prepared.index)[0][0])
        except sqlite_access.Interrupted:
            return None

    def interrupt(self) -> None:
        """Stop the statement running now (thread-safe: called from another thread)."""
        self._reader.interrupt()

    def close(self) -> None:
        self._reader.close()


def open_reader(ctx: AppContext, *, actor: User) -> PageReader:
    """A page reader for ``actor``'s view of the registrant list."""
    require(actor, Perm.REGISTRANT_VIEW)
    return PageReader(sqlite_access.open_reader(ctx.db))


ReaderFactory = Callable[[], PageReader]
