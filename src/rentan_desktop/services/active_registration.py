"""One active registration per NIK per programme year: who holds a NIK's year, for one or many NIKs.

The rule itself is the domain's (:data:`lifecycle.NOT_HOLDING`, :func:`lifecycle.holds_registration`);
the database enforces it with the partial unique index on (nik, periode). This module is the one
place that asks the database about it, in two shapes: one NIK (the entry form, ``rentan add``, a
correction, a reactivation) and many NIKs at once (the template import, the legacy import, the
batch import), where a statement per row would cost more than the import itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, Protocol

from rentan_desktop.domain.lifecycle import NOT_HOLDING
from rentan_desktop.storage import registrant_table


def holding_sql(column: str = "status") -> str:
    """The SQL condition "this row holds its NIK's registration", worded as the partial unique
    index is (``status NOT IN ('rejected', 'inactive')``) so that SQLite answers it from that
    index; ``column`` names the status column (``r.status`` under an alias)."""
    return "{} NOT IN ({})".format(column, ", ".join(f"'{s.value}'" for s in NOT_HOLDING))


HOLDING_SQL = holding_sql()

_CHUNK = 900  # bound parameters per statement, under SQLite's old limit of 999


class Connection(Protocol):
    """A DB-API connection (the lean save and import paths hold SQLite's own)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


@dataclass(frozen=True)
class Holder:
    """The record that holds a NIK's registration for the period (what a refusal names)."""

    id: int
    uuid: str
    nama: str
    desa_kode: str
    nik: str
    name_norm: str
    tanggal_lahir: str  # ISO date, as stored


# The holder's fields are the columns read, in its order.
_SELECT = registrant_table.select_sql(
    tuple(f.name for f in dataclass_fields(Holder)), f"WHERE {HOLDING_SQL}"
)


def holder(
    con: Connection, nik: str, periode: int, exclude_uuid: str | None = None
) -> Holder | None:
    """The record holding ``nik``'s registration in ``periode``, other than ``exclude_uuid``."""
    sql = _SELECT + " AND nik = ? AND periode = ?"
    params: tuple[object, ...] = (nik, periode)
    if exclude_uuid:
        sql += " AND uuid != ?"
        params += (exclude_uuid,)
    row = con.execute(sql + " LIMIT 1", params).fetchone()
    return None if row is None else Holder(*row)


def holders(con: Connection, niks: Iterable[str], periode: int) -> dict[str, Holder]:
    """NIK -> its holder in ``periode``, for every NIK of ``niks`` that has one (set-based: one
    indexed statement per 900 NIKs)."""
    wanted = sorted(set(niks))
    found: dict[str, Holder] = {}
    for start in range(0, len(wanted), _CHUNK):
        part = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(part))
        for row in con.execute(f"{_SELECT} AND periode = ? AND nik IN ({marks})", (periode, *part)):
            hit = Holder(*row)
            found[hit.nik] = hit
    return found
