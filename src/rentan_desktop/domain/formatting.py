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
    """``6408014101900001 -> "************0001"``: the one mask for NIK and KK numbers everywhere.

    Only the last four digits (the serial number Dukcapil assigns) stay. The first twelve are the
    region of registration and the birth date (day + 40 for women), which documents print beside
    the mask (desa, kecamatan, birth date, sex): showing them, or masking them while printing the
    birth date, lets anyone rebuild the whole number. Pages that show a masked NIK therefore print
    the birth *year* (:func:`tahun_lahir`) or the age (:func:`umur`), never the birth date.
    """
    if not nik:
        return ""
    value = nik.strip()
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def tahun_lahir(value: date | str | None) -> str:
    """The birth year alone (``"1990"``), what a page with a masked NIK may print of a birth date."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.strip()[:4]
    return str(value.year)


def umur(born: date | None, on: date) -> str:
    """Age in whole years on ``on`` (``"36"``), or ``""`` when the birth date is unknown."""
    if born is None:
        return ""
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return str(max(years, 0))
