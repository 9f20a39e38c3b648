"""Registrants to pick on the printing page, through the list's own search (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.services.context import AppContext


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
