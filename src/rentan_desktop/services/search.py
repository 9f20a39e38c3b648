"""Finding registrants: by NIK or name (prefix and contains) with filters, paged by keyset.

Shared by the CLI and the GUI's list model, so both see exactly the same rows. Queries are plain SQL
over indexes: NIK and name prefixes use B-tree ranges, "contains" uses the FTS5 trigram index.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rentan_desktop.domain import names
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage import registrant_table, sqlite_access, text_match
from rentan_desktop.storage.models import User

if TYPE_CHECKING:
    import sqlite3

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
# Equality filters whose index lists rows in id order (the default sort), narrowest first, with
# the share of an office's rows one value typically holds (a desa is handled before these).
ID_ORDER_INDEX = (
    ("kecamatan", "ix_registrant_kecamatan", 1 / 18),
    ("pekerjaan", "ix_registrant_pekerjaan_kode", 1 / 19),
    ("status", "ix_registrant_status", 1 / 5),
    ("sumber_dana_id", "ix_registrant_sumber_dana_id", 1 / 2),
)
UNINDEXED_SHARE = {"rt": 1 / 30, "periode": 1 / 2}  # checked row by row
# The index that reads rows in each other sort order (ties broken by id).
SORT_INDEX = {
    "nama": "ix_registrant_nama",
    "nik": "ix_registrant_nik",
    "tanggal_lahir": "ix_registrant_tanggal_lahir",
    "status": "ix_registrant_status",
    "desa_kode": "ix_registrant_desa_id",
}
# Walking a sort index while skipping rows beats sorting every match while the filters keep at
# least this share (a page of 100 then reads at most ~40,000 index entries).
WALK_MIN_SHARE = 1 / 400


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


SHOWN_TAIL = 4  # digits a masked NIK shows at its end (domain.formatting.mask_nik)
MASK_CHARS = "*•…xX"


def masked_nik(raw: str) -> tuple[str, str] | None:
    """``("6408", "0001")`` for a NIK typed or pasted as a list shows it, else None."""
    text = raw.replace(" ", "").replace(".", "").replace("-", "")
    head = text.rstrip("0123456789")
    tail = text[len(head) :]
    masks = head.lstrip("0123456789")
    start = head[: len(head) - len(masks)]
    if not tail or not masks or any(ch not in MASK_CHARS for ch in masks):
        return None
    if len(start) + len(masks) + len(tail) > 16 or not start:
        return None
    return start, tail


def where_clause(query: Query, *, server: bool = False) -> tuple[str, list[Any]]:
    """SQL condition (over table alias ``r``) and parameters for a query; ``server`` for
    PostgreSQL (``right`` for SQLite's negative ``substr``, the ``pg_trgm`` index for what
    SQLite's FTS5 trigram index answers)."""
    tail_of = "right(r.nik, {})" if server else "substr(r.nik, -{})"
    parts: list[str] = []
    params: list[Any] = []
    raw = query.text.strip()
    digits = raw.replace(" ", "").replace(".", "").replace("-", "")
    masked = masked_nik(raw)
    if masked is not None:
        # The NIK as lists and cards print it ("6408********0001"): its visible ends.
        head, tail = masked
        if len(tail) == SHOWN_TAIL:  # the exact expression of ix_registrant_nik_tail (0013)
            parts.append(f"r.nik >= ? AND r.nik < ? AND {tail_of.format(4)} = ?")
            params += [head, head + ":", tail]
        else:
            parts.append(f"r.nik >= ? AND r.nik < ? AND {tail_of.format('?')} = ?")
            params += [head, head + ":", len(tail), tail]
    elif raw and digits.isdigit():
        if len(digits) == 16:
            parts.append("r.nik = ?")
            params.append(digits)
        elif len(digits) == SHOWN_TAIL:
            # Four digits are what a masked NIK shows at its end; as a prefix they would only
            # name a kabupaten. Both are looked for.
            parts.append(f"(r.nik >= ? AND r.nik < ? OR {tail_of.format(4)} = ?)")
            params += [digits, digits + ":", digits]
        else:
            parts.append("r.nik >= ? AND r.nik < ?")
            params += [digits, digits + ":"]  # ':' sorts right after '9'
    elif raw:
        cleaned = names.clean(raw)
        contains = query.mode == "contains" or (query.mode == "auto" and len(cleaned) >= 3)
        if query.mode == "prefix" or not contains:
            parts.append("r.nama >= ? AND r.nama < ?")
            params += [cleaned, _upper_bound(cleaned)]
        elif server:  # ix_registrant_nama_trgm (pg_trgm) answers ILIKE, as FTS5 ignores case
            parts.append(f"r.nama ILIKE ? ESCAPE '{text_match.ESCAPE}'")
            params.append(text_match.like_pattern(cleaned))
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
    server: bool = False,
) -> tuple[str, list[Any]]:
    """A keyset-paged SELECT: rows after ``(sort_value, id)`` in the query's order."""
    sort = query.sort if query.sort in SORTABLE else "id"
    where, params = where_clause(query, server=server)
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
    cols = registrant_table.select_list(columns)
    return f"SELECT {cols} FROM registrant r WHERE {where} ORDER BY {order} LIMIT ?", params + [
        limit
    ]


def index_hint(query: Query) -> str | None:
    """The index a page of ``query`` should read through (``INDEXED BY``), or None for SQLite's plan.

    Chosen from what the filters mean, not from statistics: the sampled ANALYZE run at open rates
    every value of a column as equally rare, so SQLite walked a whole status in id order looking
    for one desa's rows, or sorted a whole funder's rows for a name prefix (10-300 ms a page at
    1,000,000 rows instead of about 1 ms). In order:

    - a "contains" search: None (SQLite reads the trigram index's matches, the narrow set);
    - a desa (and RT): that desa's range, a few thousand rows at most, in id order or sorted;
    - a NIK of 8+ digits or a name prefix: the NIK or name index range;
    - the default order: the narrowest filter whose index is in id order;
    - another order: walk its index skipping excluded rows while the filters keep a broad share
      (``WALK_MIN_SHARE``), else read the narrowest filter's rows and let SQLite sort them.
    """
    f = query.filters
    raw = query.text.strip()
    digits = _digits(raw)
    decided, index = _direct_route(query, raw, digits)
    if decided:
        return index
    used = _used_indexes(f)
    narrowest = sorted(used, key=lambda pair: pair[1])
    if raw and len(digits) > 4:  # a short NIK prefix: its range is one more way in
        narrowest = sorted(
            [*used, ("ix_registrant_nik", _nik_prefix_share(digits))], key=lambda p: p[1]
        )
    share = _nik_prefix_share(digits) if raw else 1.0
    for _ix, part in used:
        share *= part
    for name, part in UNINDEXED_SHARE.items():
        share *= part if getattr(f, name) not in (None, "") else 1.0
    sort = query.sort if query.sort in SORTABLE else "id"
    if sort == "id":  # walk the first filter's id-ordered range, or the table itself
        walk, walked_share = used[0] if used else (None, 1.0)
    elif sort == "desa_kode" and f.kecamatan:
        walk, walked_share = (
            None,
            float("inf"),
        )  # its desa sit mid-index: walking would skip to them
    else:
        walk, walked_share = (SORT_INDEX.get(sort) if share < 1.0 else None), 1.0
    if share / walked_share >= WALK_MIN_SHARE:
        return walk
    return narrowest[0][0] if narrowest else walk


def count_hint(query: Query) -> str | None:
    """The index the live count should read: the narrowest way in (the same statistics problem
    made SQLite count a whole funder's rows to find one desa's)."""
    raw = query.text.strip()
    digits = _digits(raw)
    decided, index = _direct_route(query, raw, digits)
    if decided:
        return index
    used = _used_indexes(query.filters)
    if raw and len(digits) > 4:
        used.append(("ix_registrant_nik", _nik_prefix_share(digits)))
    return min(used, key=lambda pair: pair[1])[0] if used else None


def _digits(raw: str) -> str:
    return raw.replace(" ", "").replace(".", "").replace("-", "")


def _direct_route(query: Query, raw: str, digits: str) -> tuple[bool, str | None]:
    """(True, index) where the search or the desa alone decides the way in (index_hint and
    count_hint agree on these); (False, None) where the filters' shares must be weighed."""
    if raw and not digits.isdigit() and not _is_name_prefix(query):
        return True, None
    if query.filters.desa:
        return True, "ix_registrant_desa_rt" if query.filters.rt else "ix_registrant_desa_id"
    if raw and (not digits.isdigit() or len(digits) >= 8):
        return True, "ix_registrant_nama" if not digits.isdigit() else "ix_registrant_nik"
    return False, None


def _used_indexes(f: Filters) -> list[tuple[str, float]]:
    """The id-ordered indexes of the filters in use, each with its rough share of the rows."""
    return [(ix, share) for name, ix, share in ID_ORDER_INDEX if getattr(f, name) not in (None, "")]


def _nik_prefix_share(digits: str) -> float:
    """Rough share of rows a short NIK prefix keeps: 6 digits name a kecamatan, 7 a birth decade."""
    return 1.0 if len(digits) <= 4 else 1 / 18 if len(digits) <= 6 else 1 / 72


hinted = sqlite_access.hinted  # SQLite's INDEXED BY lives with the other SQLite-only reading
execute = sqlite_access.execute_hinted


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


def count_sql(query: Query, *, server: bool = False) -> tuple[str, list[Any]]:
    where, params = where_clause(query, server=server)
    return f"SELECT count(*) FROM registrant r WHERE {where}", params


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int


def search(ctx: AppContext, *, actor: User, query: Query, limit: int = 50) -> Page:
    """The first page of matches and the total count."""
    require(actor, Perm.REGISTRANT_VIEW)
    with sqlite_access.open_reader(ctx.db) as reader:
        return run(reader, effective(query), limit=limit)


def run(
    reader: sqlite_access.FastReader | sqlite3.Connection,
    query: Query,
    *,
    limit: int,
    after: tuple[Any, int] | None = None,
    with_total: bool = True,
) -> Page:
    """One page of ``query`` (and its total unless ``with_total`` is False) from ``reader``."""
    if not hasattr(reader, "rows"):
        reader = sqlite_access.FastReader(reader)  # a benchmark's bare connection
    server = getattr(reader, "server", False)
    sql, params = page_sql(query, limit=limit, after=after, server=server)
    rows = [
        dict(zip(LIST_COLUMNS, r, strict=True)) for r in reader.rows(sql, params, index_hint(query))
    ]
    total = -1
    if with_total:
        csql, cparams = count_sql(query, server=server)
        total = reader.rows(csql, cparams, count_hint(query))[0][0]
    return Page(rows, total)
