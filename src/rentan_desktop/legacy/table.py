"""A sheet as plain cells, and finding its header row under title rows and merged cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from rentan_desktop.legacy.cleaning import text
from rentan_desktop.legacy.fields import ALIASES, NUMBERING, REPORT_HEADERS, norm_header
from rentan_desktop.legacy.title import TitlePlace

Cell = object
_ALIAS_KEYS = list(ALIASES)
_SCAN_ROWS = 40  # title blocks above the header are rarely longer than a dozen rows


@dataclass
class SheetData:
    """Raw cells of one sheet: absolute rows (row 0 is the sheet's first row), merged ranges.

    ``merged`` holds (first_row, first_col, last_row, last_col), all inclusive and 0-based.
    """

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def fill_merged(self) -> None:
        """Copy each merged range's top-left value into every cell of the range.

        A desa written once in a cell merged down over twenty people belongs to all twenty.
        """
        for r1, c1, r2, c2 in self.merged:
            if r1 >= len(self.rows):
                continue
            top = self.rows[r1]
            value = top[c1] if c1 < len(top) else ""
            for r in range(r1, min(r2, len(self.rows) - 1) + 1):
                row = self.rows[r]
                if len(row) <= c2:
                    row.extend([""] * (c2 + 1 - len(row)))
                for c in range(c1, c2 + 1):
                    if r != r1 or c != c1:
                        row[c] = value


@dataclass(frozen=True)
class Header:
    """Where the header is: its row index, column labels, and the first data row."""

    row: int
    labels: tuple[str, ...]
    data_start: int
    #: the desa/kecamatan the title block above the header names (see legacy.title)
    title: TitlePlace = TitlePlace()


#: Words of other "STATUS ..." columns desa lists carry (marriage, place in the family, schooling).
_OTHER_STATUS = ("KAWIN", "NIKAH", "HUBUNGAN", "KELUARGA", "SHDK", "PENDIDIKAN", "RUMAH", "TEMPAT")


def header_field(label: object) -> str | None:
    """The field a header text names, by alias or close spelling, or None."""
    key = norm_header(label)
    if not key or key in NUMBERING or key in REPORT_HEADERS:
        return None
    if key in ALIASES:
        return ALIASES[key]
    if key.startswith("STATUS") and any(w in key for w in _OTHER_STATUS):
        return None  # STATUS PERKAWINAN, STATUS HUBUNGAN DALAM KELUARGA: not the registration's
    if len(key) >= 4:
        hit = process.extractOne(key, _ALIAS_KEYS, scorer=fuzz.ratio, score_cutoff=86)
        if hit is not None:
            return ALIASES[hit[0]]
        for alias in sorted(_ALIAS_KEYS, key=len, reverse=True):
            if len(alias) >= 4 and key.startswith(alias):
                return ALIASES[alias]
    return None


def _score(row: Sequence[Cell], known: Mapping[str, str]) -> int:
    fields = {
        known.get(norm_header(c)) or header_field(c)
        for c in row
        if isinstance(c, str) and c.strip()
    }
    fields.discard(None)
    return len(fields)


def _core_field(row: Sequence[Cell], known: Mapping[str, str]) -> bool:
    return any(
        (known.get(norm_header(c)) or header_field(c)) in ("nik", "nama")
        for c in row
        if isinstance(c, str) and c.strip()
    )


def _is_numbering(row: Sequence[Cell]) -> bool:
    """The "1 2 3 4 …" or "(1) (2) (3)" row that government forms put under the header."""
    values = [norm_header(text(c)) for c in row if text(c)]
    if len(values) < 3:
        return False
    try:
        numbers = [int(float(v)) if v else -1 for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def find_header(sheet: SheetData, known: Mapping[str, str] | None = None) -> Header | None:
    """Locate the header row: the row among the first 40 naming the most known fields.

    ``known`` adds header texts a saved profile maps (normalised text -> field).

    A second header row right below (TTL split into TEMPAT / TANGGAL under a merged cell) is combined
    with it, and a column-numbering row below the header is skipped.
    """
    known = known or {}
    best, best_score = -1, 0
    for i, row in enumerate(sheet.rows[:_SCAN_ROWS]):
        score = _score(row, known)
        if score == 1 and not _core_field(row, known):
            continue  # a lone "KETERANGAN" in a title block is not a header
        if score > best_score:
            best, best_score = i, score
    if best < 0:
        return None
    width = max((len(r) for r in sheet.rows), default=0)
    labels = [str(c).strip() for c in sheet.rows[best]] + [""] * (width - len(sheet.rows[best]))
    start = best + 1
    if start < len(sheet.rows):
        below = sheet.rows[start]
        if _score(below, known) >= 2 and not any(_looks_like_data(c) for c in below):
            for c, value in enumerate(below):
                if isinstance(value, str) and header_field(value):
                    labels[c] = value.strip()
            start += 1
    if start < len(sheet.rows) and _is_numbering(sheet.rows[start]):
        start += 1
    return Header(best, tuple(labels), start)


def _looks_like_data(cell: Cell) -> bool:
    digits = norm_header(cell)
    return digits.isdigit() and len(digits) >= 6
