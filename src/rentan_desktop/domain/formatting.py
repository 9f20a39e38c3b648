"""Formats for numbers, money, dates and masked NIKs.

Indonesian by default (PUEBI: ``150.000``, ``Rp16.800``, ``17 Agustus 2026``); numbers follow the
language the user chose (``--lang en`` or the English GUI: ``150,000``), except on documents that
are Indonesian whatever the screen's language (printed lists, receipts), which pass ``lang="id"``.
"""

from __future__ import annotations

from datetime import date, datetime

from rentan_desktop.domain import issues

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


def rt_rw(rt: str, rw: str, sep: str = " / ") -> str:
    """ "RT 003 / RW 002", or "RT 003" for a desa that numbers by RT only (RW stored empty)."""
    return f"RT {rt}{sep}RW {rw}" if rw else f"RT {rt}"


def rupiah(amount: int | float, lang: str | None = None) -> str:
    """``16800 -> "Rp16.800"``: capital R, no space, thousands grouped as in :func:`angka`."""
    value = round(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{angka(abs(value), lang)}"


def angka(value: int | float, lang: str | None = None) -> str:
    """A whole number with its thousands grouped: ``150000 -> "150.000"`` in Indonesian,
    ``"150,000"`` in English; ``lang`` defaults to the language the user chose.

    The one place digits are grouped, so ``--lang en`` never prints ``150.000`` (which an English
    reader takes for one hundred fifty).
    """
    grouped = f"{round(value):,}"
    if (lang or issues.language()) == "en":
        return grouped
    return grouped.replace(",", ".")


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
