"""Finding registrants: by NIK or name (prefix and contains) with filters, paged by keyset.

Shared by the CLI and the GUI's list model, so both see exactly the same rows. Queries are plain SQL
over indexes: NIK and name prefixes use B-tree ranges, "contains" uses the FTS5 trigram index.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from rentan_desktop.domain import names
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

LIST_COLUMNS = (
    "id",
    "uuid",
    "nik",
    "nama",
    "tanggal_lahir",
    "jenis_kelamin",
    "desa_kode",
    "rt",
    "rw",
    "pekerjaan_kode",
    "status",
    "sumber_dana_id",
    "kpj",
    "updated_at",
)
SORTABLE = {"id", "nama", "nik", "tanggal_lahir", "desa_kode", "status", "updated_at"}


@dataclass(frozen=True)
class Filters:
    """Narrowing of the list; every field optional."""

    kecamatan: str | None = None
    desa: str | None = None
    rt: str | None = None
    status: str | None = None
    pekerjaan: str | None = None
    sumber_dana_id: int | None = None
    periode: int | None = None


@dataclass(frozen=True)
class Query:
    text: str = ""
    mode: str = "auto"  # auto / prefix / contains
    filters: Filters = field(default_factory=Filters)
    sort: str = "id"
    descending: bool = False


def _upper_bound(prefix: str) -> str:
    return prefix + "\uffff"


def where_clause(query: Query) -> tuple[str, list[Any]]:
    """SQL condition (over table alias ``r``) and parameters for a query."""
    parts: list[str] = []
    params: list[Any] = []
    raw = query.text.strip()
    digits = raw.replace(" ", "").replace(".", "").replace("-", "")
    if raw and digits.isdigit():
        if len(digits) == 16:
            parts.append("r.nik = ?")
            params.append(digits)
        else:
            parts.append("r.nik >= ? AND r.nik < ?")
            params += [digits, digits + ":"]  # ':' sorts right after '9'
    elif raw:
        cleaned = names.clean(raw)
        contains = query.mode == "contains" or (query.mode == "auto" and len(cleaned) >= 3)
        if query.mode == "prefix" or not contains:
            parts.append("r.nama >= ? AND r.nama < ?")
            params += [cleaned, _upper_bound(cleaned)]
        elif len(cleaned) >= 3:
            parts.append("r.id IN (SELECT rowid FROM registrant_fts WHERE registrant_fts MATCH ?)")
            params.append('"' + cleaned.replace('"', '""') + '"')
        else:
            parts.append("instr(r.nama, ?) > 0")
            params.append(cleaned)
    f = query.filters
    for column, value in (
        ("r.kecamatan_kode", f.kecamatan),
        ("r.desa_kode", f.desa),
        ("r.status", f.status),
        ("r.pekerjaan_kode", f.pekerjaan),
        ("r.sumber_dana_id", f.sumber_dana_id),
        ("r.periode", f.periode),
    ):
        if value not in (None, ""):
            parts.append(f"{column} = ?")
            params.append(value)
    if f.rt:
        parts.append("r.rt = ?")
        params.append(f"{int(f.rt):03d}" if str(f.rt).isdigit() else f.rt)
    return (" AND ".join(parts) or "1=1"), params


def page_sql(
    query: Query,
    *,
    limit: int,
    after: tuple[Any, int] | None = None,
    columns: tuple[str, ...] = LIST_COLUMNS,
) -> tuple[str, list[Any]]:
    """A keyset-paged SELECT: rows after ``(sort_value, id)`` in the query's order."""
    sort = query.sort if query.sort in SORTABLE else "id"
    where, params = where_clause(query)
    direction = "DESC" if query.descending else "ASC"
    op = "<" if query.descending else ">"
    if after is not None:
        if sort == "id":
            where += f" AND r.id {op} ?"
            params.append(after[1])
        else:
            where += f" AND (r.{sort} {op} ? OR (r.{sort} = ? AND r.id {op} ?))"
            params += [after[0], after[0], after[1]]
    order = f"r.id {direction}" if sort == "id" else f"r.{sort} {direction}, r.id {direction}"
    cols = ", ".join(f"r.{c}" for c in columns)
    return f"SELECT {cols} FROM registrant r WHERE {where} ORDER BY {order} LIMIT ?", params + [
        limit
    ]


def effective(query: Query) -> Query:
    """The query as run: a name-prefix search in the default order walks the name index instead."""
    if query.sort == "id" and _is_name_prefix(query):
        return replace(query, sort="nama")
    return query


def _is_name_prefix(query: Query) -> bool:
    raw = query.text.strip()
    if not raw or raw.replace(" ", "").replace(".", "").replace("-", "").isdigit():
        return False
    return query.mode == "prefix" or (query.mode == "auto" and len(names.clean(raw)) < 3)


def count_sql(query: Query) -> tuple[str, list[Any]]:
    where, params = where_clause(query)
    return f"SELECT count(*) FROM registrant r WHERE {where}", params


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int


def search(ctx: AppContext, *, actor: User, query: Query, limit: int = 50) -> Page:
    """The first page of matches and the total count."""
    require(actor, Perm.REGISTRANT_VIEW)
    query = effective(query)
    con = ctx.db.raw_reader()
    try:
        return run(con, query, limit=limit)
    finally:
        con.close()


def run(
    con: sqlite3.Connection,
    query: Query,
    *,
    limit: int,
    after: tuple[Any, int] | None = None,
    with_total: bool = True,
) -> Page:
    sql, params = page_sql(query, limit=limit, after=after)
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    total = -1
    if with_total:
        csql, cparams = count_sql(query)
        total = con.execute(csql, cparams).fetchone()[0]
    return Page(rows, total)
