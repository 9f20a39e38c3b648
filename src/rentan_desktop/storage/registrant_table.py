"""The one owner of the registrant row: its fields, derived columns, writes and the status gate.

Everything that writes a registrant row goes through here: the single save, the bulk inserts of
the imports and the demo, field updates, and every status change. The field list is read from the
model (:class:`~rentan_desktop.storage.models.Registrant`), never typed again; the derived columns
(``name_norm`` from the name, ``kecamatan_kode`` from the desa code) are computed in
:func:`derived` only; and the status moves only through :func:`set_status` / :func:`move_status`,
which ask :func:`lifecycle.check_transition` first. Audit events stay with the services that know
why a row changed.

Statements are built with SQLAlchemy Core and compiled for the connection's dialect, then run on
the driver's cursor (``executemany`` for the bulk paths): the ORM's or Core's per-row parameter
processing would cost more Python than SQLite's own work on an import of 150,000 rows, so values
are given as stored (ISO text for dates and timestamps, see :func:`stored`). The single save runs
on a plain ``sqlite3`` connection (``Database.raw_writer``); that fast path takes the same
compiled text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import bindparam, insert, inspect, or_, select, update
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql import ClauseElement

from rentan_desktop.domain import issues, lifecycle, names
from rentan_desktop.domain.duplicates import Person
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.region_code import kecamatan_of
from rentan_desktop.domain.registrant import CleanRegistrant
from rentan_desktop.storage.models import Registrant

TABLE = Registrant.__table__  # type: ignore[attr-defined]
# Every column in the model's order (the shape of a loaded row); ``id`` is the database's.
FIELDS: tuple[str, ...] = tuple(c.key for c in inspect(Registrant).columns)
ROW_FIELDS: tuple[str, ...] = tuple(f for f in FIELDS if f != "id")
# Computed from other fields, here only (:func:`derived`).
DERIVED: tuple[str, ...] = ("name_norm", "kecamatan_kode")
# Written only by the status setter.
STATUS_FIELDS: tuple[str, ...] = ("status", "status_reason")
# What a person enters (the validated record's stored fields), in the model's order.
ENTERED: tuple[str, ...] = tuple(
    f
    for f in ROW_FIELDS
    if f in {d.name for d in dataclass_fields(CleanRegistrant)} and f not in DERIVED + ("warnings",)
)
# The model's default of every field that has one (a new row takes these unless given).
DEFAULTS: dict[str, Any] = {
    k: f.default
    for k, f in Registrant.model_fields.items()
    if k in ROW_FIELDS and f.default is not PydanticUndefined
}

_SQLITE = sqlite_dialect.dialect()


class StatusRefused(issues.Refusal):
    """A status change the lifecycle does not allow; nothing was written."""

    def __init__(self, found: Sequence[Issue]) -> None:
        self.found = list(found)
        first = self.found[0]
        self.code, self.params = first.code, dict(first.params)
        super().__init__(issues.text(first.code, "en", **self.params))


issues.define(
    "registrant.stale_row",
    id="Data ini sudah diubah oleh {oleh} sejak dibuka — muat ulang, lalu ulangi; tidak ada yang "
    "berubah.",
    en="This record was changed by {oleh} since it was opened — reload it, then try again; "
    "nothing changed.",
)


class StaleRow(issues.Refusal):
    """The stored row is no longer at the version it was loaded at; nothing was written."""

    code = "registrant.stale_row"

    def __init__(self, by: str) -> None:
        self.params = {"oleh": by}
        super().__init__(issues.text(self.code, "en", **self.params))


def name_norm(nama: str) -> str:
    """The name as duplicate checks and the name index compare it."""
    return names.normalise(nama)


def derived(nama: str, desa_kode: str, norm: str | None = None) -> dict[str, str]:
    """The derived columns of a row with this name and desa (``norm``: the name's normal form
    when the validator already computed it with :func:`name_norm`)."""
    return {
        "name_norm": name_norm(nama) if norm is None else norm,
        "kecamatan_kode": kecamatan_of(str(desa_kode)),
    }


def new_row(values: Mapping[str, Any], norm: str | None = None) -> dict[str, Any]:
    """Every stored field of a new registrant: ``values``, the model's defaults for the rest, and
    the derived columns. Raises ValueError for a missing or unknown field (a programming error)."""
    row = {**DEFAULTS, **values}
    nama = row.get("nama", "")
    # derived(), inlined: this runs once per row of a 150,000-row import
    row["name_norm"] = name_norm(nama) if norm is None else norm
    row["kecamatan_kode"] = kecamatan_of(str(row.get("desa_kode", "")))
    if len(row) != len(ROW_FIELDS):
        missing = sorted(set(ROW_FIELDS) - row.keys())
        unknown = sorted(row.keys() - set(ROW_FIELDS))
        raise ValueError(f"registrant row: missing {missing}, unknown {unknown}")
    return row


_entered_of = attrgetter(*ENTERED)


def from_clean(clean: CleanRegistrant, **meta: Any) -> dict[str, Any]:
    """A new row from a validated record plus the bookkeeping fields in ``meta``."""
    values = dict(zip(ENTERED, _entered_of(clean), strict=True))
    values.update(meta)
    return new_row(values, clean.name_norm or None)


def stored(value: object) -> object:
    """A Python value as the model's column types store it (ISO dates, UTC ISO timestamps)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware (UTC)")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- statements ---------------------------------------------------------------------------


class _Compiled:
    """A Core statement compiled for one dialect: its text and its parameter names in order."""

    def __init__(self, stmt: ClauseElement, dialect: Dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.keys: tuple[str, ...] = tuple(compiled.positiontup or compiled.binds)

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        if self.positional:
            return tuple(values[k] for k in self.keys)
        return {k: values[k] for k in self.keys}


def _dialect(conn: Connection | sqlite3.Connection) -> Dialect:
    return _SQLITE if isinstance(conn, sqlite3.Connection) else conn.dialect


def _run(
    conn: Connection | sqlite3.Connection, sql: str, params: Any, *, many: bool = False
) -> Any:
    """Run driver-level text on either a plain sqlite3 connection or a SQLAlchemy one."""
    if isinstance(conn, sqlite3.Connection):
        return conn.executemany(sql, params) if many else conn.execute(sql, params)
    if many:
        params = list(params)
        if not params:
            return None
    return conn.exec_driver_sql(sql, params)


@lru_cache(maxsize=8)
def _insert(dialect: Dialect, returning: bool = False) -> _Compiled:
    stmt = insert(TABLE).values({k: bindparam(k) for k in ROW_FIELDS})
    if returning:  # psycopg has no lastrowid: the server says the new id itself
        stmt = stmt.returning(TABLE.c.id)
    return _Compiled(stmt, dialect)


@lru_cache(maxsize=64)
def _update(
    dialect: Dialect,
    keys: tuple[str, ...],
    where: tuple[str, ...],
    below: str | None = None,
    not_null: str | None = None,
) -> _Compiled:
    stmt = update(TABLE).values({k: bindparam(k) for k in keys})
    for w in where:
        stmt = stmt.where(TABLE.c[w] == bindparam(f"w_{w}"))
    if below is not None:  # only raise the column: NULL or smaller
        column = TABLE.c[below]
        stmt = stmt.where(or_(column.is_(None), column < bindparam("w_below")))
    if not_null is not None:
        stmt = stmt.where(TABLE.c[not_null].is_not(None))
    return _Compiled(stmt, dialect)


# --- inserts -----------------------------------------------------------------------------


def insert_one(conn: Connection | sqlite3.Connection, row: Mapping[str, Any]) -> int:
    """Insert one full row (:func:`new_row`); returns its id."""
    dialect = _dialect(conn)
    server = dialect.name != "sqlite"
    c = _insert(dialect, server)
    cur = _run(conn, c.sql, c.params({k: stored(v) for k, v in row.items()}))
    return int(cur.scalar_one() if server else cur.lastrowid)


_DATED = ("tanggal_lahir", "coverage_start", "coverage_end", "created_at", "updated_at")


class BulkInsert:
    """Rows gathered for one executemany: each kept as the driver's parameter tuple (a 150,000-row
    import must not hold 150,000 dicts), sent by :meth:`flush`.

    ``fixed`` gives the fields every row of this insert shares (period, office, who, when); with
    them, :meth:`add_clean` builds each row from a validated record in a few microseconds, where
    building a dict per row (:func:`from_clean` + :meth:`add`) would add a second of CPU to a
    150,000-row import.
    """

    def __init__(
        self, conn: Connection | sqlite3.Connection, fixed: Mapping[str, Any] | None = None
    ) -> None:
        self._conn = conn
        self._compiled = _insert(_dialect(conn))
        self.pending: list[Any] = []
        keys = self._compiled.keys
        self._positional = self._compiled.positional
        self._values_of = itemgetter(*keys)
        self._dated = tuple(i for i, k in enumerate(keys) if k in _DATED)
        self._fixed = dict(fixed or {})
        base = {**DEFAULTS, **{k: stored(v) for k, v in self._fixed.items()}}
        self._base = [base.get(k) for k in keys]
        self._given = set(base)
        self._slot = {k: i for i, k in enumerate(keys)}
        self._entered = tuple(self._slot[k] for k in ENTERED)
        self._norm, self._kec = self._slot["name_norm"], self._slot["kecamatan_kode"]
        self._birth = self._slot["tanggal_lahir"]
        self._shapes: set[tuple[str, ...]] = set()

    def add_clean(self, clean: CleanRegistrant, **varying: Any) -> None:
        """Queue a new row from a validated record, the ``fixed`` fields and ``varying`` (already
        as stored: text, numbers, ISO dates)."""
        shape = tuple(varying)
        if shape not in self._shapes:  # checked once per set of keys, not per row
            missing = set(ROW_FIELDS) - self._given - set(ENTERED) - set(DERIVED) - set(shape)
            if missing:
                raise ValueError(f"registrant row: missing {sorted(missing)}")
            self._shapes.add(shape)
        if not self._positional:
            self.add(from_clean(clean, **self._fixed, **varying))
            return
        values = self._base.copy()
        for i, v in zip(self._entered, _entered_of(clean), strict=True):
            values[i] = v
        values[self._birth] = stored(values[self._birth])
        for k, v in varying.items():
            values[self._slot[k]] = v
        values[self._norm] = clean.name_norm or name_norm(clean.nama)
        values[self._kec] = kecamatan_of(clean.desa_kode)
        self.pending.append(tuple(values))  # SQLAlchemy takes parameter sets as tuples only

    def add(self, row: Mapping[str, Any]) -> None:
        """Queue one full row (:func:`new_row`); only its date and timestamp fields are converted
        (:func:`stored`), every other value must already be as stored."""
        if not self._positional:
            self.pending.append(self._compiled.params({k: stored(v) for k, v in row.items()}))
            return
        values = self._values_of(row)
        for i in self._dated:
            v = values[i]
            if v is not None and not isinstance(v, str):
                values = list(values) if isinstance(values, tuple) else values
                values[i] = stored(v)
        self.pending.append(tuple(values))

    def __len__(self) -> int:
        return len(self.pending)

    def flush(self) -> None:
        if self.pending:
            _run(self._conn, self._compiled.sql, self.pending, many=True)
            self.pending = []


def insert_many(conn: Connection | sqlite3.Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert full rows (:func:`new_row`) with one executemany."""
    bulk = BulkInsert(conn)
    for row in rows:
        bulk.add(row)
    bulk.flush()


# --- updates -----------------------------------------------------------------------------


def _check_update_keys(keys: Iterable[str]) -> tuple[str, ...]:
    keys = tuple(keys)
    bad = [k for k in keys if k not in ROW_FIELDS or k in STATUS_FIELDS or k == "uuid"]
    if bad:
        raise ValueError(f"not updatable here: {bad} (status goes through set_status)")
    return keys


def update_fields(
    conn: Connection | sqlite3.Connection,
    values: Mapping[str, Any],
    *,
    uuid: str | None = None,
    ident: int | None = None,
) -> int:
    """Set fields (never the status, see :func:`set_status`) of the row with ``uuid`` or ``ident``.

    When ``nama`` or ``desa_kode`` is given, the derived columns are set from them too (pass both
    when either changes: the other is not read back). Returns the number of rows changed.
    """
    values = dict(values)
    if "nama" in values and "desa_kode" in values:
        values.update(derived(values["nama"], values["desa_kode"], values.get("name_norm")))
    keys = _check_update_keys(values)
    where = ("uuid",) if uuid is not None else ("id",)
    c = _update(_dialect(conn), keys, where)
    params = {k: stored(v) for k, v in values.items()}
    params[f"w_{where[0]}"] = uuid if uuid is not None else ident
    return int(_run(conn, c.sql, c.params(params)).rowcount or 0)


def update_loaded(session: Session, row: Registrant, values: Mapping[str, Any]) -> None:
    """Set fields (never the status) of a row the ORM loaded, inside the session's transaction.

    The row is written through :func:`update_fields` on the session's connection, and the loaded
    object is brought in step without being marked changed (no flush writes it a second time).
    When ``nama`` or ``desa_kode`` changes, the derived columns follow from the new values and the
    object's other one; a ``name_norm`` given in ``values`` is kept as given.
    """
    values = dict(values)
    if "nama" in values or "desa_kode" in values:
        values.update(
            derived(
                values.get("nama", row.nama),
                values.get("desa_kode", row.desa_kode),
                values.get("name_norm"),
            )
        )
    keys = _check_update_keys(values)
    if session.new or session.dirty or session.deleted:
        session.flush()  # the session's own pending changes go first
    if row.id is None:
        raise ValueError("update_loaded: the row is not stored yet")
    # Compare and set on the version the object was loaded at: a change someone committed since
    # is never overwritten (the services lock the row first; this holds for any path that did not).
    conn = session.connection()
    c = _update(_dialect(conn), keys, ("id", "version"))
    params = {k: stored(v) for k, v in values.items()}
    params.update({"w_id": row.id, "w_version": row.version})
    if not _run(conn, c.sql, c.params(params)).rowcount:
        now = conn.execute(
            select(TABLE.c.updated_by).where(TABLE.c.id == row.id)
        ).scalar_one_or_none()
        if now is None:
            raise ValueError(f"update_loaded: no registrant row with id {row.id}")
        raise StaleRow(str(now))
    for key, value in values.items():
        set_committed_value(row, key, value)


def update_many(
    conn: Connection | sqlite3.Connection,
    keys: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    by: str = "id",
    below: str | None = None,
    not_null: str | None = None,
) -> None:
    """Set ``keys`` (never the status) on many rows in one executemany: each of ``rows`` holds the
    values of ``keys``, then the row's ``by`` value, then, with ``below``, a value that column must
    be NULL or smaller than for the row to change; with ``not_null``, only rows where that column
    is not NULL change. Values must already be :func:`stored`."""
    keys = _check_update_keys(keys)
    c = _update(_dialect(conn), keys, (by,), below, not_null)
    names_ = (*keys, f"w_{by}", *(("w_below",) if below else ()))
    _run(conn, c.sql, (c.params(dict(zip(names_, r, strict=True))) for r in rows), many=True)


# --- status ------------------------------------------------------------------------------


def check(
    old: Status | str,
    new: Status | str,
    reason: str | None = None,
    *,
    via: Sequence[Status] = (),
    document: bool = False,
) -> list[Issue]:
    """Why ``old -> (via...) -> new`` is not allowed; empty when it is. The same status is no
    change. ``document``: a move that an exchanged document (batch, receipt, BPJS result) makes."""
    steps = [Status(old), *via, Status(new)]
    for a, b in zip(steps, steps[1:], strict=False):
        if a == b:
            continue
        found = lifecycle.check_transition(a, b, reason, document=document)
        if found:
            return found
    return []


def set_status(
    conn: Connection | sqlite3.Connection,
    *,
    uuid: str,
    old: Status | str,
    new: Status | str,
    reason: str = "",
    actor: str | None = None,
    at: datetime | str | None = None,
    fields: Mapping[str, Any] | None = None,
    via: Sequence[Status] = (),
    document: bool = False,
) -> bool:
    """Move the row ``uuid`` from ``old`` to ``new`` (through ``via``), with ``fields`` alongside.

    The lifecycle is asked first (:class:`StatusRefused`, nothing written, when it refuses). The
    row changes only if it is still in ``old`` (compare and set); returns whether it changed.
    ``actor``/``at`` stamp ``updated_by``/``updated_at`` when given.
    """
    found = check(old, new, reason, via=via, document=document)
    if found:
        raise StatusRefused(found)
    values: dict[str, Any] = {"status": Status(new).value, "status_reason": reason.strip()}
    values.update(_stamp(actor, at))
    extra = dict(fields or {})
    _check_update_keys(extra)
    values.update(extra)
    keys = tuple(values)
    c = _update(_dialect(conn), keys, ("uuid", "status"))
    params = {k: stored(v) for k, v in values.items()}
    params.update({"w_uuid": uuid, "w_status": Status(old).value})
    return bool(_run(conn, c.sql, c.params(params)).rowcount)


def move_status(
    conn: Connection | sqlite3.Connection,
    *,
    old: Status | str,
    new: Status | str,
    rows: Iterable[Sequence[Any]],
    by: str = "id",
    fields: Sequence[str] = (),
    fixed: Mapping[str, Any] | None = None,
    reason: str = "",
    actor: str | None = None,
    at: datetime | str | None = None,
    document: bool = False,
) -> int:
    """Move many rows from ``old`` to ``new`` in one executemany: the lifecycle is asked once for
    the pair, and only rows still in ``old`` change. Each of ``rows`` is the row's ``by`` value
    followed by the values of ``fields`` (already :func:`stored`); ``fixed`` columns take one
    value for all. Returns the number of rows moved (where the driver counts them)."""
    found = check(old, new, reason, document=document)
    if found:
        raise StatusRefused(found)
    _check_update_keys(fields)
    common: dict[str, Any] = {"status": Status(new).value, "status_reason": reason.strip()}
    common.update(_stamp(actor, at))
    common.update({k: stored(v) for k, v in _check_fixed(fixed).items()})
    keys = (*common, *fields)
    c = _update(_dialect(conn), keys, (by, "status"))
    old_value = Status(old).value

    def params() -> Iterable[Any]:
        for r in rows:
            values = {**common, **dict(zip(fields, r[1:], strict=True))}
            values[f"w_{by}"] = r[0]
            values["w_status"] = old_value
            yield c.params(values)

    cur = _run(conn, c.sql, params(), many=True)
    return int(getattr(cur, "rowcount", 0) or 0) if cur is not None else 0


def _check_fixed(fixed: Mapping[str, Any] | None) -> dict[str, Any]:
    values = dict(fixed or {})
    _check_update_keys(values)
    return values


def _stamp(actor: str | None, at: datetime | str | None) -> dict[str, Any]:
    stamp: dict[str, Any] = {}
    if actor is not None:
        stamp["updated_by"] = actor
    if at is not None:
        stamp["updated_at"] = at
    return stamp


# --- reading -----------------------------------------------------------------------------


def select_list(
    keys: Sequence[str], *, alias: str = "r", others: Mapping[str, str] | None = None
) -> str:
    """``alias.col, ...`` for ``keys`` in order (bare names with ``alias=""``); a key that is no
    registrant column must be named in ``others`` (e.g. ``{"sumber_dana": "s.kode"}``), so a
    renamed column fails at import."""
    others = others or {}
    prefix = f"{alias}." if alias else ""
    parts = []
    for k in keys:
        if k in others:
            parts.append(others[k])
        elif k in FIELDS:
            parts.append(prefix + k)
        else:
            raise ValueError(f"{k!r} is not a registrant column")
    return ", ".join(parts)


def select_sql(keys: Sequence[str], where: str = "") -> str:
    """``SELECT <keys> FROM registrant`` (no alias), then ``where`` (``WHERE ...``, ``ORDER BY``
    and the like) when given."""
    sql = f"SELECT {select_list(keys, alias='')} FROM registrant"
    return f"{sql} {where}" if where else sql


# What a duplicate check reads of a stored record: the fields of domain.duplicates.Person, the
# uuid as its key (they share the columns' names).
PERSON_FIELDS: tuple[str, ...] = (
    "uuid",
    *(f.name for f in dataclass_fields(Person) if f.name != "key"),
)
assert set(PERSON_FIELDS) <= set(FIELDS), "Person's fields are registrant columns"


def person(values: Sequence[Any]) -> Person:
    """A :class:`Person` from a row read in :data:`PERSON_FIELDS` order (the birth date as the
    driver gives it: ISO text from SQLite, a date from PostgreSQL; empty optional fields as
    None)."""
    uuid, nik, norm, lahir, desa, nama, kk, sex, ibu = values
    if isinstance(lahir, str):
        lahir = date.fromisoformat(lahir) if lahir else None
    return Person(
        uuid,
        nik,
        norm,
        lahir,
        desa,
        nama,
        kk or None,
        sex or None,
        ibu or None,
    )
