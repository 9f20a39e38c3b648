"""Cleaning of single legacy cells: names, TTL, RT/RW, sex, phone, identity numbers.

Each cleaner takes the raw cell and returns the clean value (or None) plus the issues found. NIK, KK,
phone and name rules are the shared domain rules; what lives here is the legacy-specific parsing of
combined and loosely written cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from rentan_desktop.domain import identifiers, names, nik, phone
from rentan_desktop.domain import issues as iss
from rentan_desktop.domain.issues import Issue
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.dates import DATE_TAIL, ParsedDate, impossible, parse_date
from rentan_desktop.legacy.memo import Memo

_SEX = {
    "L": "L",
    "LK": "L",
    "LAKI": "L",
    "LAKILAKI": "L",
    "PRIA": "L",
    "M": "L",
    "MALE": "L",
    "1": "L",
    "P": "P",
    "PR": "P",
    "PEREMPUAN": "P",
    "WANITA": "P",
    "W": "P",
    "F": "P",
    "FEMALE": "P",
    "2": "P",
}
_RTRW = re.compile(
    r"(?:RT\.?\s*)?0*(\d{1,3})\s*(?:[/\-\\.,]|\s+|\s*RW\.?)\s*(?:RW\.?\s*)?0*(\d{1,3})"
)
_RT_ONLY = re.compile(r"(?:RT|RW)?\.?\s*0*(\d{1,3})")
_NAME_BAD = re.compile(r"[0-9@#$%^*=_+<>{}\[\]|\\/]")
_AGE_MIN, _AGE_MAX = 10, 100


def text(value: object) -> str:
    """A cell as trimmed text; integral floats lose their ``.0`` (RT 3.0 -> "3")."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def clean_nik(
    value: object, *, birth: date | None, sex: str | None, today: date | None = None
) -> tuple[str | None, list[Issue]]:
    """NIK digits (None when damaged or invalid) and the domain issues, incl. spreadsheet damage."""
    if isinstance(value, str):
        value = value.strip().lstrip("'")  # a leading apostrophe is Excel's "keep as text" mark
        if _plainly_valid(value, birth, sex, today):
            return value, []
    info = nik.parse(value, recorded_birth_date=birth, recorded_sex=sex, today=today)
    found = list(info.issues)
    if birth is not None and info.nik is not None:
        found = [_date_swap(i, info.nik, birth) or i for i in found]
    return (info.nik if info.valid else None), found


def _date_swap(issue: Issue, digits: str, birth: date) -> Issue | None:
    """The NIK's birth digits and the recorded date differing by two neighbouring digits swapped
    (or day and month swapped): a typo with its own sentence instead of the general mismatch."""
    if issue.code != "nik.date_mismatch":
        return None
    day = int(digits[6:8])
    written = f"{day - 40 if day > 40 else day:02d}{digits[8:12]}"
    recorded = birth.strftime("%d%m%y")
    if (
        not swapped_digits(written, recorded)
        and written != recorded[2:4] + recorded[:2] + recorded[4:]
    ):
        return None
    return iss.warning(codes.NIK_DATE_SWAP, issue.field, **dict(issue.params))


def swapped_digits(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with one pair of neighbouring characters exchanged."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _plainly_valid(value: str, birth: date | None, sex: str | None, today: date | None) -> bool:
    """True only when ``nik.parse`` would find nothing at all (a shortcut for big files).

    Sixteen plain digits whose first six are a current kecamatan (so province and regency are real
    and not 00), a real birth date that equals the recorded one, the recorded sex, serial not 0000.
    Anything else goes through ``nik.parse`` for its full diagnosis.
    """
    if len(value) != 16 or not value.isdigit() or not value.isascii() or value[12:] == "0000":
        return False
    if value[:6] not in nik.current_kecamatan_codes():
        return False
    born, nik_sex = _nik_birth(value[6:12], today or date.today())
    if born is None or (sex is not None and sex != nik_sex):
        return False
    return birth is None or birth == born


@lru_cache(maxsize=131072)
def _nik_birth(ddmmyy: str, today: date) -> tuple[date | None, str]:
    """Birth date and sex the DDMMYY digits of a NIK encode (None when not a real date)."""
    day, month, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    nik_sex = "P" if day > 40 else "L"
    if not 1 <= month <= 12:
        return None, nik_sex
    try:
        return date(nik.infer_century(yy, today), month, day - 40 if day > 40 else day), nik_sex
    except ValueError:
        return None, nik_sex


class NikCleaner:
    """:func:`clean_nik` for the rows of one check (``today`` fixed, NIK birth digits memoised)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self._codes = nik.current_kecamatan_codes()
        self._births = Memo(lambda ddmmyy: _nik_birth(ddmmyy, today))

    def __call__(
        self, value: object, birth: date | None, sex: str | None
    ) -> tuple[str | None, Sequence[Issue]]:
        """Same as ``clean_nik(value, birth=birth, sex=sex, today=self.today)``."""
        if type(value) is str:
            plain = value.strip().lstrip("'")
            # _plainly_valid inline, with the per-check memo: this runs for every row.
            if (
                len(plain) == 16
                and plain.isdigit()
                and plain.isascii()
                and plain[12:] != "0000"
                and plain[:6] in self._codes
            ):
                born, nik_sex = self._births[plain[6:12]]
                if (
                    born is not None
                    and (sex is None or sex == nik_sex)
                    and (birth is None or birth == born)
                ):
                    return plain, ()
        return clean_nik(value, birth=birth, sex=sex, today=self.today)


def nik_digits(value: object) -> str | None:
    """Digits of a NIK cell if it is textually 16 digits, even when invalid (for matching)."""
    if not isinstance(value, str):
        return None
    digits = nik.normalise(value.strip().lstrip("'"))
    return digits if len(digits) == 16 and digits.isdigit() else None


def clean_kk(value: object) -> tuple[str | None, list[Issue]]:
    """KK number digits and issues (spreadsheet damage is an error, never repaired)."""
    if isinstance(value, str):
        value = value.strip().lstrip("'")
        if len(value) == 16 and value.isdigit() and value.isascii():
            return value, []  # sixteen plain digits: what parse_kk returns, without its regexes
    return identifiers.parse_kk(value)


def _upper_clean(raw: str) -> str:
    """``names.clean`` with a fast path for plain ASCII (most cells): same result, a third the time."""
    if raw.isascii() and raw.isprintable():
        return " ".join(raw.split()).upper()
    return names.clean(raw)


def clean_name(value: object, field: str = "nama") -> tuple[str | None, list[Issue]]:
    """Stored form of a name; empty or digit-bearing names are errors."""
    raw = text(value)
    cleaned = _upper_clean(raw.strip(" .,;-"))
    if not cleaned:
        return None, [iss.error(codes.NAME_EMPTY, field)] if field == "nama" else []
    if _NAME_BAD.search(cleaned) or len(cleaned.replace(" ", "")) < 2:
        return None, [iss.error(codes.NAME_SUSPECT, field, nilai=raw)]
    return cleaned, []


def clean_date(
    value: object, field: str = "tanggal_lahir", today: date | None = None
) -> tuple[date | None, list[Issue]]:
    """Birth date from any common form; swapped day/month and implausible ages are warnings."""
    today = today or date.today()
    if type(value) is str and field == "tanggal_lahir":
        got, found = _clean_date_text(value, today)
        return got, list(found)
    return _clean_date(value, field, today)


@lru_cache(maxsize=65536)
def _clean_date_text(value: str, today: date) -> tuple[date | None, tuple[Issue, ...]]:
    # The same date strings come back thousands of times in a big file.
    got, found = _clean_date(value, "tanggal_lahir", today)
    return got, tuple(found)


def _clean_date(value: object, field: str, today: date) -> tuple[date | None, list[Issue]]:
    if text(value) == "":
        return None, [iss.error(codes.DATE_EMPTY, field)]
    parsed = parse_date(value, today)
    if parsed.value is None:
        code = codes.DATE_IMPOSSIBLE if impossible(text(value)) else codes.DATE_INVALID
        return None, [iss.error(code, field, nilai=text(value))]
    return parsed.value, judge_date(parsed, text(value), field, today)


def judge_date(parsed: ParsedDate, written: str, field: str, today: date) -> list[Issue]:
    """Warnings about a readable birth date: read month-first, or an implausible age."""
    born = parsed.value
    assert born is not None
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if not parsed.swapped and _AGE_MIN <= age <= _AGE_MAX:
        return []  # the usual case
    found: list[Issue] = []
    shown = f"{born.day:02d}-{born.month:02d}-{born.year:04d}"
    if born > today:  # a typo in the year, not an odd age: the form refuses it too
        return [iss.error(codes.DATE_FUTURE, field, nilai=shown)]
    if parsed.swapped:
        found.append(iss.warning(codes.DATE_SWAPPED, field, nilai=written, tanggal=shown))
    if not _AGE_MIN <= age <= _AGE_MAX:
        found.append(iss.warning(codes.DATE_AGE, field, usia=age, tanggal=shown))
    return found


def split_ttl(value: object, today: date | None = None) -> tuple[str, object]:
    """Split "SANGATTA, 12-03-1985" into place text and the date part (still raw)."""
    if not isinstance(value, str):
        return "", value  # a date cell or serial: no place written
    raw = value.strip()
    place, sep, tail = raw.rpartition(",")
    if sep and parse_date(tail, today).value is not None:  # the usual "PLACE, DATE": no regex scan
        return place.strip(" ,/;-"), tail.strip()
    m = DATE_TAIL.search(raw)
    if m is None:
        # No date form at the end: the text after the last separator is the (unreadable) date.
        for sep in (",", "/", ";"):
            if sep in raw:
                place, _, rest = raw.rpartition(sep)
                return place.strip(" ,/;-"), rest.strip()
        return raw.strip(" ,/;-"), ""
    return raw[: m.start()].strip(" ,/;-"), m.group(0).strip()


def clean_place(value: object) -> tuple[str | None, list[Issue]]:
    """Place of birth: stored upper case; empty is a warning (many old lists omit it)."""
    cleaned = _place(text(value))
    if not cleaned:
        return None, [iss.warning(codes.PLACE_EMPTY, "tempat_lahir")]
    return cleaned, []


@lru_cache(maxsize=16384)
def _place(raw: str) -> str:
    return _upper_clean(raw.strip(" ,.;-/"))


def clean_sex(value: object) -> tuple[str | None, list[Issue]]:
    """'L' or 'P' from L/P, LK/PR, LAKI-LAKI, PEREMPUAN, PRIA, WANITA, 1/2."""
    got, found = _sex(text(value))
    return got, list(found)


@lru_cache(maxsize=1024)
def _sex(raw: str) -> tuple[str | None, tuple[Issue, ...]]:
    key = re.sub(r"[^A-Z0-9]", "", raw.upper())
    sex = _SEX.get(key)
    if sex is None:
        return None, (iss.error(codes.SEX_INVALID, "jenis_kelamin", nilai=raw or "-"),)
    return sex, ()


def split_rtrw(value: object) -> tuple[str | None, str | None, list[Issue]]:
    """RT and RW as 3-digit text from "003/002", "3/2", "RT 03 RW 02", "003-002"."""
    raw = text(value).upper()
    if not raw:
        return None, None, []
    m = _RTRW.fullmatch(raw.strip())
    if m is None:
        return None, None, [iss.warning(codes.RTRW_INVALID, "rt_rw", nilai=raw)]
    return m.group(1).zfill(3), m.group(2).zfill(3), []


def clean_rt(value: object, field: str) -> tuple[str | None, list[Issue]]:
    """A lone RT or RW cell ("3", "003", "RT. 03") as 3-digit text."""
    raw = text(value).upper()
    if not raw:
        return None, []
    m = _RT_ONLY.fullmatch(raw)
    if m is None:
        return None, [iss.warning(codes.RTRW_INVALID, field, nilai=raw)]
    return m.group(1).zfill(3), []


def clean_phone(value: object) -> tuple[str | None, list[Issue]]:
    """E.164 mobile number; a number cell that lost its leading 0 is harmless and repaired."""
    if type(value) is str and (plain := plain_phone(value.strip())) is not None:
        return plain, []
    if isinstance(value, float) and value.is_integer():
        value = str(int(value))
    got, found = phone.parse(value)
    # A wrong phone number never blocks a registration: downgrade to a warning.
    return got, [iss.warning(i.code, i.field, **dict(i.params)) for i in found]


_PHONE_MARKS = str.maketrans("", "", " -+.()")
_PHONE_CHARS = str.maketrans("", "", "0123456789 -+.()")


def plain_phone(text: str) -> str | None:
    """The usual valid (stripped) cell ("0812-3456-7890", "+62 812 3456 7890"): what ``phone.parse``
    returns for it, without its Unicode normalisation and regexes; None for anything else."""
    if not text.isascii():
        return None
    if text.isdigit():
        digits = text
    elif text.translate(_PHONE_CHARS):
        return None  # letters, separators of several numbers, odd characters: the full parse
    else:
        digits = text.translate(_PHONE_MARKS)
    if digits[:2] == "62":
        national = digits[2:]
    elif digits[:1] == "0":
        national = digits[1:]
    elif digits[:1] == "8":
        national = digits
    else:
        return None
    return "+62" + national if national[:1] == "8" and 9 <= len(national) <= 12 else None


def clean_text(value: object) -> str | None:
    """Free text (alamat, pekerjaan, notes): trimmed, single spaces, or None."""
    got = re.sub(r"\s+", " ", text(value)).strip()
    return got or None
