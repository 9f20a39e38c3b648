"""Fonts for every printed document, registered once per process.

We embed DejaVu Sans Condensed (bundled under ``resources/fonts`` with its licence) rather than
using the PDF base-14 Helvetica: names and addresses may carry characters outside Latin-1, the
tick mark needs a glyph, and an embedded font prints the same on every office PC. The condensed
cut keeps table columns and 85.6 mm cards readable. If the files are missing (a broken install)
we fall back to Helvetica so printing still works.
"""

from __future__ import annotations

from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from rentan_desktop import resources

REGULAR = "RentanSans"
BOLD = "RentanSans-Bold"
_FILES = {REGULAR: "fonts/DejaVuSansCondensed.ttf", BOLD: "fonts/DejaVuSansCondensed-Bold.ttf"}
_FALLBACK = {REGULAR: "Helvetica", BOLD: "Helvetica-Bold"}


@cache
def names() -> tuple[str, str]:
    """Register the fonts if needed and return ``(regular, bold)`` font names."""
    try:
        for name, rel in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resources.path(rel))))
    except Exception:  # any unreadable/missing TTF: reportlab raises several kinds
        return _FALLBACK[REGULAR], _FALLBACK[BOLD]
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


def width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points."""
    return pdfmetrics.stringWidth(text, font, size)


def fit(text: str, font: str, size: float, max_width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``max_width`` points."""
    if width(text, font, size) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:  # binary search: names can be long and this runs per cell
        mid = (low + high + 1) // 2
        if width(text[:mid].rstrip() + "…", font, size) <= max_width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def wrap(text: str, font: str, size: float, max_width: float, max_lines: int) -> list[str]:
    """Split ``text`` into at most ``max_lines`` lines of ``max_width``; the last is cut with …."""
    if width(text, font, size) <= max_width:
        return [text]
    lines: list[str] = []
    words = text.split()
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= max_width:
            current = candidate
            continue
        if len(lines) == max_lines - 1:
            rest = " ".join([current, *words[index:]]).strip()
            return [*lines, fit(rest, font, size, max_width)]
        if current:
            lines.append(current)
        current = word if width(word, font, size) <= max_width else fit(word, font, size, max_width)
    if current:
        lines.append(current)
    return lines[:max_lines]


def wrap_all(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Every word of ``text`` on lines of ``max_width``, nothing cut: an over-long word is split."""
    return list(_wrap_all(text, font, size, max_width))


@lru_cache(maxsize=4096)
def _wrap_all(text: str, font: str, size: float, max_width: float) -> tuple[str, ...]:
    # Cached: a card sheet wraps the same back-side steps and labels on every card, and an RT
    # list the same job names; most cells fit on one line, which one measurement settles.
    joined = " ".join(text.split())
    if width(joined, font, size) <= max_width:  # what the greedy loop below would end with
        return (joined,)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while width(word, font, size) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and width(word[:cut], font, size) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def shrink_wrap(
    text: str, font: str, size: float, floor: float, max_width: float, max_lines: int
) -> tuple[float, list[str]]:
    """``(size, lines)``: the largest size down to ``floor`` whose wrap takes ``max_lines`` or fewer.

    Nothing is ever cut: at the floor the text takes as many lines as it needs, and the caller
    makes room for them.
    """
    current = size
    while current > floor:
        lines = wrap_all(text, font, current, max_width)
        if len(lines) <= max_lines:
            return current, lines
        current = max(floor, current - 0.25)
    return floor, wrap_all(text, font, floor, max_width)
