"""The registrant save path in plain SQL on one sqlite3 connection.

Saving one registration must cost little more than SQLite's own insert and commit (issue 2 asks
for within 2x). Through the ORM the reference look-ups, the duplicate queries, the insert and the
audit event each cost more Python than the whole SQLite work, so the hot path reads and writes
here with indexed statements on whatever connection the caller's transaction runs on (the writer
inside :meth:`Database.raw_writer`, or a session's own connection). Nothing is cached between
calls: every look-up sees the transaction's data, so an edited funder rule or region applies to
the very next save.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import inspect
from sqlalchemy.orm import configure_mappers, make_transient_to_detached
from sqlmodel import Session

from rentan_desktop.domain import duplicates, match_score
from rentan_desktop.domain.duplicates import Person
from rentan_desktop.domain.registrant import CleanRegistrant, FunderRules
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.models import Registrant

# Every column of the registrant table in the model's order (the owner's list).
COLUMNS: tuple[str, ...] = registrant_table.FIELDS
_MAPPER = inspect(Registrant)


def connection_of(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under ``session``'s transaction (pending ORM changes flushed first)."""
    return driver_of(session)  # type: ignore[no-any-return]


def periode(con: sqlite3.Connection, default: int) -> int:
    """The active programme year (setting ``periode_aktif``), as :meth:`AppContext.periode` reads it."""
    row = con.execute("SELECT value FROM setting WHERE key = 'periode_aktif'").fetchone()
    return int(json.loads(row[0])) if row else default


def funder_rules(con: sqlite3.Connection, funder_id: object) -> FunderRules | None:
    """The age and domicile rules of one sumber dana; None when there is no such funder."""
    try:
        ident = int(str(funder_id))
    except (TypeError, ValueError):
        return None
    row = con.execute(
        "SELECT usia_min, usia_max, domisili_kab FROM sumber_dana WHERE id = ?", (ident,)
    ).fetchone()
    return (
        None if row is None else FunderRules(usia_min=row[0], usia_max=row[1], domisili_kab=row[2])
    )


def is_desa(con: sqlite3.Connection, kode: str) -> bool:
    """Whether ``kode`` is a desa/kelurahan (level 4) in this office's wilayah table."""
    row = con.execute("SELECT level FROM wilayah WHERE kode = ?", (kode,)).fetchone()
    return row is not None and row[0] == 4


def region_name(con: sqlite3.Connection, kode: str) -> str:
    """The name of a wilayah code (title case for desa), or the code when it is unknown."""
    row = con.execute("SELECT nama, level FROM wilayah WHERE kode = ?", (kode,)).fetchone()
    if row is None:
        return kode
    return str(row[0]).title() if row[1] == 4 else str(row[0])


def rt_only(con: sqlite3.Connection, uuid: str) -> bool:
    """Whether the stored record has no RW: it came from a desa that numbers by RT only."""
    row = con.execute("SELECT rw FROM registrant WHERE uuid = ?", (uuid,)).fetchone()
    return row is not None and row[0] == ""


def has_pekerjaan(con: sqlite3.Connection, kode: str) -> bool:
    return con.execute("SELECT 1 FROM pekerjaan WHERE kode = ?", (kode,)).fetchone() is not None


# Only ids and names: the birth-date branch reads ix_registrant_tanggal_lahir plus the rows, the
# desa branch is index-only on ix_registrant_desa_name (migration 0010); without it SQLite
# reads every row of the desa (about 1,000 at 150,000 registrants, most of a save's time).
# UNION drops a row found by both; LIMIT bounds the work for a desa full of one name.
_NAMES = (
    "SELECT id, name_norm FROM registrant WHERE tanggal_lahir = ? UNION "
    "SELECT id, name_norm FROM registrant WHERE desa_kode = ? AND name_norm >= ? AND name_norm < ? "
    "ORDER BY 1 LIMIT 2000"
)
_PEOPLE = registrant_table.select_sql(("id", *registrant_table.PERSON_FIELDS), "WHERE id IN ({})")


def candidates(con: sqlite3.Connection, clean: CleanRegistrant) -> list[Person]:
    """Records (inactive ones aside) sharing the birth date, or the desa and the first two letters
    of the name, whose names the scorer could call alike.

    Names first, people second: names that cannot reach any duplicate threshold are dropped with
    the rapidfuzz cut-off :func:`duplicates.find` itself applies, so only the few left are read
    whole and built as Persons; what ``find`` returns is unchanged. Inactive records are skipped.
    """
    prefix = clean.name_norm[:2]
    names = con.execute(
        _NAMES, (clean.tanggal_lahir.isoformat(), clean.desa_kode, prefix, prefix + "\uffff")
    ).fetchall()
    if len(names) > 8 and clean.name_norm:
        hits = process.extract(
            clean.name_norm,
            [n for _id, n in names],
            scorer=fuzz.WRatio,
            score_cutoff=duplicates._PREFILTER,
            limit=None,
        )
        names = [names[index] for _name, _score, index in hits]
    # Only names the scorer could call alike are read whole: a pair with different NIKs and
    # unalike names is never a possible duplicate (duplicates.compare drops it the same way). At
    # 1,000,000 registrants a birth date holds ~70 people; reading them all cost most of a save.
    mine = match_score.key(clean.name_norm)
    ids = [
        ident for ident, n in names if match_score.names_can_match(mine, match_score.key(n or ""))
    ]
    if not ids:
        return []
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            _PEOPLE.format(",".join("?" * len(ids))) + " AND status != 'inactive'", ids
        )
    }
    return [registrant_table.person(rows[i]) for i in ids if i in rows]


def dismissed_with(con: sqlite3.Connection, uuid: str) -> set[str]:
    """The records a supervisor marked as a different person from ``uuid``."""
    rows = con.execute(
        "SELECT uuid_a, uuid_b FROM duplicate_dismissal WHERE uuid_a = ? OR uuid_b = ?",
        (uuid, uuid),
    )
    return {b if a == uuid else a for a, b in rows}


def insert(con: sqlite3.Connection, values: dict[str, Any]) -> Registrant:
    """Insert one registrant (a full row, :func:`registrant_table.new_row`) and return it as a
    detached object.

    The object is what a closed session leaves behind after a flush: attributes loaded, an
    identity key, no session; callers read it, and ``session.merge``/``add`` treat it as stored.
    """
    ident = registrant_table.insert_one(con, values)
    return detached({**values, "id": ident})


def detached(values: dict[str, Any]) -> Registrant:
    """A Registrant as loaded by a session that has since closed, built without the ORM's per-object work."""
    missing = set(COLUMNS) - values.keys()
    if missing:
        raise ValueError(f"registrant values lack {sorted(missing)}")
    if not _MAPPER.configured:  # a process whose first ORM use is this save
        configure_mappers()
    obj: Registrant = _MAPPER.class_manager.new_instance()  # __new__ only, as loading rows does
    obj.__dict__.update({k: values[k] for k in COLUMNS})
    make_transient_to_detached(obj)
    return obj
