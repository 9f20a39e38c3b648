"""Birth dates in every form found in Indonesian spreadsheets.

Handles date cells, Excel serial numbers, ``12/03/1985``, ``12-03-85``, ``12.03.1985``, ``1985-03-12``,
``12031985``, ``12 Maret 1985``, ``12-Mar-85``, ``Maret 12, 1985`` and month names in Indonesian, old
spelling (Pebruari, Nopember) and English. Day-first is the Indonesian convention; a month/day reading is
accepted only when day-first is impossible, and then reported.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

MONTHS: dict[str, int] = {
    "JAN": 1,
    "JANUARI": 1,
    "JANUARY": 1,
    "FEB": 2,
    "PEB": 2,
    "FEBRUARI": 2,
    "PEBRUARI": 2,
    "FEBRUARY": 2,
    "MAR": 3,
    "MRT": 3,
    "MARET": 3,
    "MARCH": 3,
    "APR": 4,
    "APRIL": 4,
    "MEI": 5,
    "MAY": 5,
    "JUN": 6,
    "JUNI": 6,
    "JUNE": 6,
    "JUL": 7,
    "JULI": 7,
    "JULY": 7,
    "AGU": 8,
    "AGS": 8,
    "AGT": 8,
    "AGUST": 8,
    "AGUSTUS": 8,
    "AUG": 8,
    "AUGUST": 8,
    "SEP": 9,
    "SEPT": 9,
    "SEPTEMBER": 9,
    "OKT": 10,
    "OCT": 10,
    "OKTOBER": 10,
    "OCTOBER": 10,
    "NOV": 11,
    "NOP": 11,
    "NOVEMBER": 11,
    "NOPEMBER": 11,
    "DES": 12,
    "DEC": 12,
    "DESEMBER": 12,
    "DECEMBER": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(r"(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})")
_DAY_MONTHNAME = re.compile(
    rf"(\d{{1,2}})\s*[\s/\-.,]\s*({_MONTH_ALT})\.?\s*[\s/\-.,]\s*(\d{{2,4}})"
)
_MONTHNAME_DAY = re.compile(rf"({_MONTH_ALT})\.?\s+(\d{{1,2}})\s*,?\s+(\d{{4}})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
#: Anything that ends a TTL cell with a date, for splitting "SANGATTA, 12-03-1985".
DATE_TAIL = re.compile(
    rf"(?:\d{{1,4}}\s*[/\-.]\s*\d{{1,2}}\s*[/\-.]\s*\d{{1,4}}"
    rf"|\d{{1,2}}\s*[\s/\-.,]\s*(?:{_MONTH_ALT})\.?\s*[\s/\-.,]\s*\d{{2,4}}"
    rf"|(?:{_MONTH_ALT})\.?\s+\d{{1,2}}\s*,?\s+\d{{4}}"
    rf"|\d{{8}}|\d{{5}}(?:\.0+)?)\s*$",
    re.IGNORECASE,
)
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's 1900 system, including its leap-year bug offset
_SERIAL_MIN, _SERIAL_MAX = 1, 80000  # 1900-01-01 .. 2119: plausible birth-date serials


class ParsedDate(NamedTuple):
    """A parsed date; ``swapped`` when it could only be read month-first.

    A named tuple: a big file parses tens of thousands of distinct date strings.
    """

    value: date | None
    swapped: bool = False


def _year(y: int, today: date) -> int:
    """Resolve a two-digit year: the latest century that does not put it in the future."""
    if y >= 100:
        return y
    return 2000 + y if 2000 + y <= today.year else 1900 + y


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def from_serial(serial: float) -> date | None:
    """An Excel serial day number as a date, or None outside birth-date range."""
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX or serial != int(serial):
        return None
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _numeric(a: str, b: str, c: str, today: date) -> ParsedDate:
    if len(a) == 4:  # ISO order 1985-03-12
        return ParsedDate(_make(int(a), int(b), int(c)))
    day, month, year = int(a), int(b), _year(int(c), today)
    if len(c) == 3:
        return ParsedDate(None)
    got = _make(year, month, day)
    if got is not None:
        return ParsedDate(got)
    if (
        month > 12 and day <= 12
    ):  # US order left by an English Excel: 03/12 -> 12 March only if day>12
        swapped = _make(year, day, month)
        return ParsedDate(swapped, swapped is not None)
    return ParsedDate(None)


def parse_date(value: object, today: date | None = None) -> ParsedDate:
    """Parse one cell value as a date.

    Args:
        value: the raw cell (date, datetime, float serial, or text).
        today: reference day for two-digit years (defaults to today).

    Returns:
        ParsedDate whose ``value`` is None when the cell cannot be read as a date.
    """
    today = today or date.today()
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, bool):
        return ParsedDate(None)
    if isinstance(value, int | float):
        return ParsedDate(from_serial(float(value)))
    return _parse_text(str(value).strip().upper(), today)


def parse_text(text: str, today: date) -> ParsedDate:
    """Parse date text already stripped and upper-cased (what :func:`parse_date` does with text)."""
    if not text:
        return ParsedDate(None)
    if m := _NUMERIC.fullmatch(text):
        return _numeric(*m.groups(), today=today)
    if m := _DAY_MONTHNAME.fullmatch(text):
        d, mon, y = m.groups()
        return ParsedDate(_make(_year(int(y), today), MONTHS[mon], int(d)))
    if m := _MONTHNAME_DAY.fullmatch(text):
        mon, d, y = m.groups()
        return ParsedDate(_make(int(y), MONTHS[mon], int(d)))
    if m := _COMPACT.fullmatch(text):
        d, mon, y = m.groups()
        return ParsedDate(_make(int(y), int(mon), int(d)))
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # a serial that arrived as text (csv export)
        return ParsedDate(from_serial(float(text)))
    return ParsedDate(None)


# Cached: a file repeats the same date strings (callers that keep their own memo call parse_text).
_parse_text = lru_cache(maxsize=65536)(parse_text)


def looks_like_date(value: object) -> bool:
    """True when the cell reads as a date (used to guess the column from its contents)."""
    if isinstance(value, date):
        return True
    if isinstance(value, int | float):
        return False  # bare numbers are too ambiguous to call a date column on their own
    return parse_date(value).value is not None


def impossible(text: str) -> bool:
    """True for a written date whose day and month are in range but not on the calendar
    ("31-02-1980", "30 Februari 1975", "29/02/1981"): a typo to check, not an unreadable cell."""
    raw = text.strip().upper()
    if m := _NUMERIC.fullmatch(raw):
        a, b, c = m.groups()
        if len(a) != 4 and len(c) not in (2, 4):
            return False  # "12/03/198": a year cut short, not a calendar slip
        day, month = (int(c), int(b)) if len(a) == 4 else (int(a), int(b))
    elif m := _DAY_MONTHNAME.fullmatch(raw):
        day, month = int(m.group(1)), MONTHS[m.group(2)]
    elif m := _COMPACT.fullmatch(raw):
        day, month = int(m.group(1)), int(m.group(2))
    else:
        return False
    return 1 <= month <= 12 and 1 <= day <= 31
