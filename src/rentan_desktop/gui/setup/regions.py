"""Region labels for the set-up wizard (the lists come from services.lookups.region_children)."""

from __future__ import annotations

DEFAULT_PROVINSI = "64"  # Kalimantan Timur: the programme's home province


def office_name(level: str, nama: str) -> str:
    """A sensible default office name for the chosen region (editable in the wizard)."""
    if level == "kecamatan" and not nama.lower().startswith("kecamatan"):
        return f"Kecamatan {nama}"
    if level == "provinsi" and not nama.lower().startswith("provinsi"):
        return f"Provinsi {nama}"
    return nama
