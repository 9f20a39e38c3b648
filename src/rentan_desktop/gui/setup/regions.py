"""Region lists for the wizard's combo boxes (read straight from the seeded ``wilayah`` table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rentan_desktop.services.context import AppContext

DEFAULT_PROVINSI = "64"  # Kalimantan Timur: the programme's home province


def children(ctx: AppContext, parent: str | None, level: int) -> list[tuple[str, str]]:
    """``(kode, nama)`` of the regions at ``level`` under ``parent`` (all provinces when None)."""
    con = ctx.db.raw_reader()
    try:
        if parent is None:
            rows = con.execute(
                "SELECT kode, nama FROM wilayah WHERE level = ? ORDER BY nama", (level,)
            ).fetchall()
        else:
            rows = con.execute(
                "SELECT kode, nama FROM wilayah WHERE level = ? AND induk = ? ORDER BY nama",
                (level, parent),
            ).fetchall()
    finally:
        con.close()
    return [(str(k), str(n)) for k, n in rows]


def office_name(level: str, nama: str) -> str:
    """A sensible default office name for the chosen region (editable in the wizard)."""
    if level == "kecamatan" and not nama.lower().startswith("kecamatan"):
        return f"Kecamatan {nama}"
    if level == "provinsi" and not nama.lower().startswith("provinsi"):
        return f"Provinsi {nama}"
    return nama


def dotted(kode: str) -> str:
    """``640801`` -> ``64.08.01`` as printed in Kemendagri lists."""
    parts = [kode[:2], kode[2:4], kode[4:6], kode[6:]]
    return ".".join(p for p in parts if p)
