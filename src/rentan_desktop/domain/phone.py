"""Mobile numbers: stored in E.164 (``+6281234567890``), shown the Indonesian way (``0812-3456-7890``)."""

from __future__ import annotations

import re
import unicodedata

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue

issues.define(
    "phone.format",
    id="Nomor HP tidak dikenali ({value}); contoh yang benar: 0812-3456-7890.",
    en="Phone number not recognised ({value}); a valid example: 0812-3456-7890.",
)
issues.define(
    "phone.several",
    id="Tertulis lebih dari satu nomor HP ({value}); yang disimpan hanya {kept}.",
    en="More than one phone number was given ({value}); only {kept} is kept.",
)

_NON_DIGIT = re.compile(r"[^0-9]")
# What forms and lists write in an optional field that has no value.
_NONE = frozenset(
    {
        "-",
        "--",
        "---",
        "\u2013",
        "\u2014",
        "0",
        "tidak ada",
        "tdk ada",
        "belum ada",
        "blm ada",
        "tidak punya",
        "nihil",
        "n/a",
        "na",
        "kosong",
    }
)
_SEVERAL = re.compile(r"\s*(?:[/,;&]|\batau\b|\bdan\b)\s*", re.IGNORECASE)


def parse(value: object, field_name: str = "no_hp") -> tuple[str | None, list[Issue]]:
    """E.164 form of an Indonesian mobile number, or None with an issue when unusable.

    "-", "tidak ada" and the like mean no number. Where several are written ("0812… / 0813…")
    the first is kept, with a warning that names it.
    """
    if value is None:
        return None, []
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number that a spreadsheet stored as a number is harmless
    # NFKC: fullwidth digits and odd spaces become plain ones.
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text or text.lower() in _NONE:
        return None, []
    parts = [p for p in _SEVERAL.split(text) if p.strip()]
    if len(parts) > 1:
        kept, found = _one(parts[0], field_name)
        if kept is not None:
            shown = display(kept)
            return kept, [issues.warning("phone.several", field_name, value=text, kept=shown)]
    return _one(text, field_name)


def _one(text: str, field_name: str) -> tuple[str | None, list[Issue]]:
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
