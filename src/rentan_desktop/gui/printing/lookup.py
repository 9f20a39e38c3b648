"""Plain-data look-ups for the printing page (no Qt): RTs of a desa, registrants to pick."""

from __future__ import annotations

from dataclasses import dataclass

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.services.context import AppContext


@dataclass(frozen=True)
class RtChoice:
    rt: str
    people: int


def rts_of_desa(ctx: AppContext, desa_kode: str) -> list[RtChoice]:
    """The RTs of ``desa_kode`` that have active registrants this programme year, with counts."""
    active = [s.value for s in lifecycle.ACTIVE]
    marks = ",".join("?" for _ in active)
    con = ctx.db.raw_reader()
    try:
        rows = con.execute(
            f"SELECT rt, count(*) FROM registrant WHERE desa_kode = ? AND periode = ? "
            f"AND status IN ({marks}) GROUP BY rt ORDER BY rt",
            (desa_kode, ctx.periode(), *active),
        ).fetchall()
    finally:
        con.close()
    return [RtChoice(str(rt), int(n)) for rt, n in rows]


@dataclass(frozen=True)
class PersonRow:
    uuid: str
    nama: str
    nik_masked: str
    desa_kode: str
    rt: str
    status: str


def find_people(ctx: AppContext, *, actor: object, text: str, limit: int = 50) -> list[PersonRow]:
    """Registrants matching a name or NIK (prefix) through the list's own search."""
    from rentan_desktop.services import search

    page = search.search(ctx, actor=actor, query=search.Query(text=text), limit=limit)  # type: ignore[arg-type]
    return [
        PersonRow(r["uuid"], r["nama"], mask_nik(r["nik"]), r["desa_kode"], r["rt"], r["status"])
        for r in page.rows
    ]
