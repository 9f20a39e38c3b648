"""Indonesian formats for money, dates and masked NIKs (PUEBI: ``Rp16.800``, ``17 Agustus 2026``)."""

from __future__ import annotations

from datetime import date, datetime

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def rupiah(amount: int | float) -> str:
    """``16800 -> "Rp16.800"``: capital R, no space, dots between thousands."""
    value = round(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")


def angka(value: int) -> str:
    """Thousands with dots: ``150000 -> "150.000"``."""
    return f"{value:,}".replace(",", ".")


def tanggal(value: date | datetime | None, lang: str = "id") -> str:
    """Long date as in official letters: ``17 Agustus 2026``."""
    if value is None:
        return ""
    months = BULAN if lang == "id" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def tanggal_pendek(value: date | None) -> str:
    """Table date ``17-08-2026`` (never the ambiguous mm/dd)."""
    return value.strftime("%d-%m-%Y") if value else ""


def mask_nik(nik: str | None) -> str:
    """``6408014101900001 -> "6408********0001"``: full NIKs never go on paper or lists."""
    if not nik:
        return ""
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]
