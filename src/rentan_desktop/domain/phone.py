"""Mobile numbers: stored in E.164 (``+6281234567890``), shown the Indonesian way (``0812-3456-7890``)."""

from __future__ import annotations

import re

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue

issues.define(
    "phone.format",
    id="Nomor HP tidak dikenali ({value}); contoh yang benar: 0812-3456-7890.",
    en="Phone number not recognised ({value}); a valid example: 0812-3456-7890.",
)

_NON_DIGIT = re.compile(r"\D")


def parse(value: object, field_name: str = "no_hp") -> tuple[str | None, list[Issue]]:
    """E.164 form of an Indonesian mobile number, or None with an issue when unusable."""
    if value is None or not str(value).strip():
        return None, []
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))  # a phone number that a spreadsheet stored as a number is harmless
    digits = _NON_DIGIT.sub("", text)
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        return None, [issues.error("phone.format", field_name, value=text)]
    if not national.startswith("8") or not 9 <= len(national) <= 12:
        return None, [issues.error("phone.format", field_name, value=text)]
    return "+62" + national, []


def display(e164: str | None) -> str:
    """``+6281234567890`` -> ``0812-3456-7890``."""
    if not e164:
        return ""
    local = "0" + e164[3:] if e164.startswith("+62") else e164
    return "-".join([local[:4], local[4:8], local[8:]]) if len(local) > 8 else local
