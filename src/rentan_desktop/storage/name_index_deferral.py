"""A bulk load's name-search rows written in one pass after its inserts, inside the same transaction.

SQLite keeps the registrant names' full-text index (FTS5, trigram) in step through an AFTER INSERT
trigger. Fired once per row in a load of tens of thousands of rows, that trigger interleaves the
FTS segment writes with the registrant table's sixteen index B-trees, and the load costs about
four times the CPU (50,000 rows: 7.7 s against 2.0 s in the transaction, most of the difference
kernel time spent moving pages). :func:`deferred` drops the trigger for the load, then indexes
the new rows with one ``INSERT … SELECT`` and puts the trigger back, verbatim from
``sqlite_master``, before the caller commits. DDL is transactional in SQLite: if the caller
rolls back, the trigger was never gone; the writer lock is held throughout, so no other
connection writes a row without it. Other backends (no such trigger) are left as they are.

Only for loads that insert and leave the new rows alone until the block ends: an update of
``nama`` or a delete fires the other FTS triggers, whose "delete" of a row the index never held
would damage it (the batch import, which updates rows it inserted earlier in the same batch,
must not use this as it stands).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TRIGGER = "registrant_fts_ai"
#: Below this many rows the trigger is cheaper than the schema change (other connections
#: re-read the schema after it).
MIN_ROWS = 1000


@contextmanager
def deferred(con: Any, rows: int) -> Iterator[None]:
    """Around a load of ``rows`` registrant rows on ``con`` (the writer's ``sqlite3`` connection,
    in its open transaction): their name-search rows are written after the load."""
    if rows < MIN_ROWS or not isinstance(con, sqlite3.Connection) or not con.in_transaction:
        yield
        return
    found = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (TRIGGER,)
    ).fetchone()
    if found is None:  # not this schema: nothing to defer
        yield
        return
    (last,) = con.execute("SELECT coalesce(max(id), 0) FROM registrant").fetchone()
    con.execute(f"DROP TRIGGER {TRIGGER}")
    try:
        yield
    finally:
        # Also on the way out of a failure: whatever the caller then commits is indexed, and the
        # trigger is back (new rows always take ids above the largest one before the load). A
        # transaction SQLite itself rolled back (a full disk) took the DROP with it.
        if con.in_transaction:
            _restore(con, last, found[0])


def _restore(con: sqlite3.Connection, last: int, trigger_sql: str) -> None:
    con.execute(
        "INSERT INTO registrant_fts (rowid, nama) SELECT id, nama FROM registrant WHERE id > ?",
        (last,),
    )
    con.execute(trigger_sql)
