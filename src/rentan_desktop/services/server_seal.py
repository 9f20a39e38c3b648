"""The registrant row seal on a PostgreSQL server, computed in Python with the same bytes.

On SQLite the seal of a row is ``rentan_row_mac(json_array(<columns>))``, computed by the
writer connection's temporary triggers (``services/audit_seal.py``). A server has neither the
keyed function nor the app's temporary triggers, and the audit key must never reach it: here the
row's JSON array is built in Python exactly as SQLite's ``json_array`` writes it (no spaces,
non-ASCII as is, dates as ISO text), and sealed with the same HMAC. A row sealed in a file
therefore verifies after ``rentan migrate-to-server``, and the other way round.

Which rows to seal: migration 0015's triggers note every registrant row the app's own
connections insert or update in the temporary table ``rentan_touched``; :func:`seal_touched` seals
them just before the transaction commits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

Mac = Callable[[str], str]

_COLUMNS = (
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'registrant'"
    " AND table_schema = current_schema() ORDER BY ordinal_position"
)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def row_json(values: tuple[Any, ...] | list[Any]) -> str:
    """The text SQLite's ``json_array`` gives for these column values."""
    return json.dumps([_json_value(v) for v in values], ensure_ascii=False, separators=(",", ":"))


def seal_columns(conn: Connection, excluded: tuple[str, ...]) -> list[str]:
    """The registrant columns a seal covers, in table order (as ``PRAGMA table_info`` lists them
    on SQLite: both come from the same migrations).

    Asked once per pooled connection: the catalogue query cost about a third of a save under
    load, and the schema only changes by a migration, which runs before the app's pool opens."""
    key = ("rentan_seal_columns", excluded)
    cached = conn.info.get(key)
    if cached is None:
        cached = [r[0] for r in conn.exec_driver_sql(_COLUMNS) if r[0] not in excluded]
        conn.info[key] = cached
    return list(cached)


def _quoted(columns: list[str], prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{c}"' for c in columns)


def _update(conn: Connection, pairs: list[tuple[int, str]]) -> None:
    if not pairs:
        return
    conn.exec_driver_sql(
        "UPDATE registrant SET row_mac = v.mac FROM unnest(%s::bigint[], %s::text[]) AS v(id, mac)"
        " WHERE registrant.id = v.id AND registrant.row_mac IS DISTINCT FROM v.mac",
        ([p[0] for p in pairs], [p[1] for p in pairs]),
    )


def seal_touched(conn: Connection, mac: Mac, excluded: tuple[str, ...]) -> int:
    """Seal the rows this transaction inserted or updated; returns how many."""
    columns = seal_columns(conn, excluded)
    # One round trip takes the noted rows out and reads them (a save waits on each trip, under
    # the audit chain's lock); nothing noted reads nothing.
    rows = conn.exec_driver_sql(
        "WITH t AS (DELETE FROM pg_temp.rentan_touched RETURNING id) "
        f"SELECT r.id, {_quoted(columns, 'r.')} FROM registrant r"
        " JOIN (SELECT DISTINCT id FROM t) d ON d.id = r.id"
    ).all()
    _update(conn, [(r[0], mac(row_json(r[1:]))) for r in rows])
    return len(rows)


def seal_all(conn: Connection, mac: Mac, excluded: tuple[str, ...]) -> tuple[int, int]:
    """(rows, rows whose seal changed): recompute every row's seal (a re-key, an upgrade)."""
    columns = seal_columns(conn, excluded)
    pairs: list[tuple[int, str]] = []
    total = 0
    for row in conn.exec_driver_sql(
        f"SELECT id, row_mac, {_quoted(columns)} FROM registrant ORDER BY id"
    ):
        total += 1
        seal = mac(row_json(row[2:]))
        if seal != row[1]:
            pairs.append((row[0], seal))
    _update(conn, pairs)
    conn.exec_driver_sql("DELETE FROM pg_temp.rentan_touched")
    return total, len(pairs)


def rows_with_json(conn: Connection, excluded: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """(uuid, nama, row_mac, row JSON) of every row in id order, for ``audit verify``."""
    columns = seal_columns(conn, excluded)
    for row in conn.exec_driver_sql(
        f"SELECT uuid, nama, row_mac, {_quoted(columns)} FROM registrant ORDER BY id"
    ):
        yield row[0], row[1], row[2], row_json(row[3:])
