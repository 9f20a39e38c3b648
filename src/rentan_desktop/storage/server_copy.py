"""Copy every table of a SQLite database into an empty PostgreSQL database, verified on arrival.

Both ends already have the same schema (the same Alembic history, storage/migrations). The copy
runs inside one server transaction that the caller commits only when everything checked out:
per table, the number of rows and a SHA-256 over its rows in primary-key order, computed once
while reading the SQLite snapshot and once by reading back what the server stored. A refused copy
rolls back and leaves the server database as empty as it was.

The row digest is over each value's portable form (NULL, integers and booleans as digits, dates in
ISO form, text as is), so it compares SQLite's storage (booleans as 0/1, dates as text) with
PostgreSQL's typed columns; any value the server would have changed (a date SQLite kept in
another spelling, text with a NUL) shows as a difference instead of slipping through.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from rentan_desktop.domain import issues

# Tables the copy leaves alone: Alembic's own (set by the migration on both ends) and SQLite's
# FTS5 name index, which PostgreSQL replaces with a pg_trgm index over registrant.nama.
SKIPPED = {"alembic_version"}
SQLITE_ONLY_PREFIXES = ("sqlite_", "registrant_fts")
ROWS_PER_CHECK = 5000

issues.define_all(
    {
        "server_copy.not_empty": (
            "Basis data server {server} sudah berisi data (tabel {table}); pemindahan hanya ke "
            "basis data yang kosong. Tidak ada yang berubah.",
            "The server database {server} already holds data (table {table}); data can only be "
            "moved into an empty database. Nothing changed.",
        ),
        "server_copy.schema_differs": (
            "Susunan tabel di server berbeda dari berkas ini ({tables}); perbarui aplikasi di "
            "kedua sisi ke versi yang sama. Tidak ada yang berubah.",
            "The server's tables differ from this file's ({tables}); bring the app on both sides "
            "to the same version. Nothing changed.",
        ),
        "server_copy.row_refused": (
            "Server menolak data tabel {table}: {reason}. Tidak ada yang dipindahkan.",
            "The server refused data of table {table}: {reason}. Nothing was moved.",
        ),
        "server_copy.mismatch": (
            "Data tabel {table} di server tidak sama dengan berkas asal ({detail}); pemindahan "
            "dibatalkan, tidak ada yang dipindahkan.",
            "The data of table {table} on the server does not match the source file ({detail}); "
            "the move was cancelled and nothing was moved.",
        ),
    }
)


class CopyRefused(issues.Refusal):
    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(issues.text(code, "en", **params))


@dataclass(frozen=True)
class TableCopy:
    name: str
    rows: int
    sha256: str


def portable(value: Any) -> Any:
    """A value in the form both backends agree on (see the module's docstring)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return repr(value)


class _Digest:
    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.rows = 0

    def add(self, row: Iterable[Any]) -> None:
        line = json.dumps([portable(v) for v in row], ensure_ascii=False, separators=(",", ":"))
        self._hash.update(line.encode("utf-8", "surrogatepass") + b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def source_tables(source: sqlite3.Connection) -> set[str]:
    names = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {n for n in names if not n.startswith(SQLITE_ONLY_PREFIXES) and n not in SKIPPED}


@dataclass(frozen=True)
class _Table:
    name: str
    columns: list[str]
    text_columns: set[str]
    key: list[str]
    serial: str | None  # the column whose sequence must continue after the copied rows


def _server_tables(conn: Connection) -> list[_Table]:
    """The server's tables in foreign-key order (parents first)."""
    meta = MetaData()
    meta.reflect(conn)
    tables: list[_Table] = []
    for table in meta.sorted_tables:
        if table.name in SKIPPED:
            continue
        columns = [c.name for c in table.columns]
        key = [c.name for c in table.primary_key.columns] or columns
        text_columns = {c.name for c in table.columns if c.type.python_type is str}
        serial = None
        for column in table.primary_key.columns:
            found = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            ).scalar()
            if found:
                serial = column.name
        tables.append(_Table(table.name, columns, text_columns, key, serial))
    return tables


def _source_digest_and_rows(source: sqlite3.Connection, table: _Table) -> Iterable[tuple[Any, ...]]:
    cols = ", ".join(_quote(c) for c in table.columns)
    order = ", ".join(_quote(c) for c in table.key)  # BINARY collation: byte order, as "C"
    yield from source.execute(f"SELECT {cols} FROM {_quote(table.name)} ORDER BY {order}")


def _server_digest(conn: Connection, table: _Table) -> _Digest:
    cols = ", ".join(_quote(c) for c in table.columns)
    order = ", ".join(
        _quote(c) + (' COLLATE "C"' if c in table.text_columns else "") for c in table.key
    )
    digest = _Digest()
    cursor = conn.connection.driver_connection.cursor(name=f"verify_{table.name}")  # type: ignore[union-attr]
    try:
        cursor.itersize = ROWS_PER_CHECK
        cursor.execute(f"SELECT {cols} FROM {_quote(table.name)} ORDER BY {order}")
        for row in cursor:
            digest.add(row)
    finally:
        cursor.close()
    return digest


def server_digests(conn: Connection) -> dict[str, tuple[int, str]]:
    """Rows and SHA-256 of every table as ``conn`` sees it (the same digest as a copy's), for
    checking a backup restored elsewhere against the snapshot it was taken from."""
    out: dict[str, tuple[int, str]] = {}
    for table in _server_tables(conn):
        digest = _server_digest(conn, table)
        out[table.name] = (digest.rows, digest.hexdigest())
    return out


def _drop_secondary_indexes(conn: Connection, table: str) -> list[str]:
    """Drop the indexes of ``table`` that back no constraint; returns the statements that make
    them again."""
    found = conn.execute(
        text(
            "SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
            " JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relname = :t AND t.relnamespace = current_schema()::regnamespace"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"
        ),
        {"t": table},
    ).all()
    for name, _definition in found:
        conn.exec_driver_sql(f"DROP INDEX {_quote(name)}")
    return [definition for _name, definition in found]


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def copy_all(
    source: sqlite3.Connection,
    conn: Connection,
    *,
    server: str,
    progress: Callable[[str, int], None] | None = None,
) -> list[TableCopy]:
    """Copy every table of ``source`` (read in one snapshot by the caller) through ``conn`` (a
    server connection inside the caller's transaction) and verify it; the caller commits.

    ``progress(table, rows)`` is called as rows go; it may raise to stop (the transaction then
    rolls back). :class:`CopyRefused` for a server that is not empty, different tables, a value
    the server refuses, or a table whose rows did not arrive identical.
    """
    tables = _server_tables(conn)
    wanted = source_tables(source)
    have = {t.name for t in tables}
    if wanted != have:
        differs = sorted(wanted ^ have)
        raise CopyRefused("server_copy.schema_differs", tables=", ".join(differs))
    for table in tables:
        if conn.execute(text(f"SELECT EXISTS (SELECT 1 FROM {_quote(table.name)})")).scalar():
            raise CopyRefused("server_copy.not_empty", server=server, table=table.name)

    driver = conn.connection.driver_connection
    copied: list[TableCopy] = []
    for table in tables:
        digest = _Digest()
        cols = ", ".join(_quote(c) for c in table.columns)
        try:
            # Loading into an empty table, then building its secondary indexes once, is several
            # times faster than maintaining ~17 indexes (one a trigram GIN) row by row. Inside the
            # transaction: a refusal brings them back with everything else.
            rebuild = _drop_secondary_indexes(conn, table.name)
            with (
                driver.cursor() as cur,  # type: ignore[union-attr]
                cur.copy(f"COPY {_quote(table.name)} ({cols}) FROM STDIN") as copy,
            ):
                for row in _source_digest_and_rows(source, table):
                    digest.add(row)
                    copy.write_row(row)
                    if progress is not None and digest.rows % ROWS_PER_CHECK == 0:
                        progress(table.name, digest.rows)
            for statement in rebuild:  # a unique index the rows break refuses here
                conn.exec_driver_sql(statement)
        except (DBAPIError, ValueError, UnicodeError) as exc:
            raise CopyRefused(
                "server_copy.row_refused", table=table.name, reason=_reason(exc)
            ) from None
        except Exception as exc:  # psycopg's own errors (COPY runs outside SQLAlchemy)
            if type(exc).__module__.startswith("psycopg"):
                raise CopyRefused(
                    "server_copy.row_refused", table=table.name, reason=_reason(exc)
                ) from None
            raise
        if table.serial is not None:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence(:t, :c), "
                    f"coalesce(max({_quote(table.serial)}), 0) + 1, false) "
                    f"FROM {_quote(table.name)}"
                ),
                {"t": table.name, "c": table.serial},
            )
        copied.append(TableCopy(table.name, digest.rows, digest.hexdigest()))
        if progress is not None:
            progress(table.name, digest.rows)

    for table, sent in zip(tables, copied, strict=True):
        arrived = _server_digest(conn, table)
        if arrived.rows != sent.rows:
            raise CopyRefused(
                "server_copy.mismatch",
                table=table.name,
                detail=f"{sent.rows} -> {arrived.rows} rows",
            )
        if arrived.hexdigest() != sent.sha256:
            raise CopyRefused("server_copy.mismatch", table=table.name, detail="sha256")
    return copied
