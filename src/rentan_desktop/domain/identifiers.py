"""Identity numbers that must stay text: detecting spreadsheet damage, and the KK and KPJ checks."""

from __future__ import annotations

import re

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue

issues.define_all(
    {
        "id.numeric": (
            "{label} tersimpan sebagai angka di spreadsheet dan mungkin sudah rusak: cek ke KTP/KK "
            "dan ketik ulang sebagai teks.",
            "{label} was stored as a number in the spreadsheet and may be damaged: check the KTP/KK "
            "and retype it as text.",
        ),
        "id.scientific": (
            "{label} tertulis dalam notasi ilmiah ({value}), angka terakhirnya hilang: cek ke KTP/KK.",
            "{label} is in scientific notation ({value}); its last digits are lost: check the KTP/KK.",
        ),
        "id.float_suffix": (
            "{label} berakhiran '.0' karena diubah menjadi angka oleh spreadsheet: cek ke KTP/KK.",
            "{label} ends in '.0' because the spreadsheet turned it into a number: check the KTP/KK.",
        ),
        "id.characters": (
            "{label} hanya boleh berisi angka 0-9 (ada '{char}').",
            "{label} may only contain the digits 0-9 (found '{char}').",
        ),
        "kk.format": (
            "Nomor KK harus 16 angka (tertulis {length} karakter).",
            "The KK number must be 16 digits (got {length} characters).",
        ),
        "kpj.format": (
            "Nomor KPJ harus berupa angka (tertulis '{value}').",
            "The KPJ number must be digits only (got '{value}').",
        ),
        "kpj.length": (
            "Nomor KPJ biasanya 11 angka (tertulis {length}); periksa kembali.",
            "KPJ numbers are usually 11 digits (got {length}); please check.",
        ),
    }
)

_LABELS = {"nik": "NIK", "no_kk": "Nomor KK", "kpj": "Nomor KPJ"}
_SCIENTIFIC = re.compile(r"^\s*[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+\s*$")
_FLOAT_SUFFIX = re.compile(r"^\s*[0-9]{6,}[.,]0+\s*$")
# Separators people and software put between digit groups: any Unicode space (NBSP from PDFs and
# web pages included), dots, hyphens, and the dashes word processors substitute for hyphens.
_STRIP = re.compile(r"[\s.\-\u2010-\u2015\u2212]")
# Invisible characters copy-paste brings along (zero-width space/joiners, word joiner, BOM, soft hyphen).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# A number shown with thousands separators (6.408.014.101.900.000): the cell was numeric.
_GROUPED_NUMBER = re.compile(r"^\s*[0-9]{1,3}([.,])[0-9]{3}(?:\1[0-9]{3}){3,}\s*$")


def digits_of(value: object) -> str:
    """The characters of a typed identity number without separators and invisible characters.

    A leading apostrophe (Excel's "this is text" marker, kept verbatim in CSV exports) is dropped.
    Nothing else is changed: letters and non-ASCII digits stay, for the format check to name.
    """
    if value is None:
        return ""
    text = str(value).translate(_INVISIBLE).strip()
    if text[:1] in ("'", "\u2018", "\u2019"):
        text = text[1:]
    return _STRIP.sub("", text)


def format_issue(digits: str, *, field_name: str, code: str, length: int) -> Issue | None:
    """The format error of separator-free ``digits`` that must be ``length`` ASCII digits, if any.

    A stray character (letter O for zero, a fullwidth digit) is named; otherwise a wrong length
    is reported with ``code``.
    """
    stray = next((c for c in digits if not ("0" <= c <= "9")), None)
    if stray is not None:
        return issues.error(
            "id.characters",
            field_name,
            label=_LABELS.get(field_name, field_name.upper()),
            char=stray,
        )
    if len(digits) != length:
        return issues.error(code, field_name, length=len(digits))
    return None


def spreadsheet_damage(value: object, *, field_name: str, length: int) -> Issue | None:
    """An error if ``value`` shows that a spreadsheet treated an identity number as a number.

    Excel keeps 15 significant digits, so a 16-digit number typed into a General cell becomes
    ``6.40801E+15`` or ends in 0; openpyxl loses digits above 2**53 too. Such values are never
    repaired silently: the person's card must be checked.
    """
    label = _LABELS.get(field_name, field_name.upper())
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return issues.error("id.numeric", field_name, label=label, value=value)
    if isinstance(value, str):
        if _SCIENTIFIC.match(value):
            return issues.error("id.scientific", field_name, label=label, value=value.strip())
        if _FLOAT_SUFFIX.match(value):
            return issues.error("id.float_suffix", field_name, label=label, value=value.strip())
        if _GROUPED_NUMBER.match(value):
            return issues.error("id.numeric", field_name, label=label, value=value.strip())
    return None


def parse_kk(value: object, field_name: str = "no_kk") -> tuple[str | None, list[Issue]]:
    """Normalised KK number (or None when empty) and its issues; no semantic check beyond 16 digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    damage = spreadsheet_damage(value, field_name=field_name, length=16)
    if damage:
        return None, [damage]
    digits = digits_of(value)
    problem = format_issue(digits, field_name=field_name, code="kk.format", length=16)
    if problem is not None:
        return None, [problem]
    return digits, []


def parse_kpj(value: object, field_name: str = "kpj") -> tuple[str | None, list[Issue]]:
    """Normalised KPJ (BPJS participant number) or None; non-digits are an error, length a warning."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    damage = spreadsheet_damage(value, field_name=field_name, length=11)
    if damage:
        return None, [damage]
    digits = digits_of(value)
    if not digits.isascii() or not digits.isdigit():
        return None, [issues.error("kpj.format", field_name, value=str(value))]
    if len(digits) != 11:
        return digits, [issues.warning("kpj.length", field_name, length=len(digits))]
    return digits, []
