"""Rows of a desa list that are not people: group labels, totals, blank separators, the signature.

Offices put "DUSUN II" or "RT 003" across the table between groups, a "JUMLAH" row under it, and the
signature block ("Mengetahui, Kepala Desa ... (tanda tangan) NIP ...") below. Such rows are skipped
and counted by kind, never reported as broken records; a row that holds too little to be a person
is skipped and listed too, so nobody disappears without a trace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rentan_desktop.legacy.cleaning import text

BLANK, LABEL, TOTAL, SIGNATURE, SPARSE = (
    "kosong",
    "label",
    "jumlah",
    "tanda_tangan",
    "tidak_lengkap",
)
KIND_TEXT = {
    BLANK: ("baris kosong", "blank rows"),
    LABEL: ("judul kelompok (DUSUN, RT, …)", "group labels (DUSUN, RT, …)"),
    TOTAL: ("baris jumlah", "totals rows"),
    SIGNATURE: ("blok tanda tangan", "signature block"),
    SPARSE: (
        "baris terlalu sedikit isinya (periksa)",
        "rows with too little to be a person (check)",
    ),
}

_TOTAL = re.compile(r"^(?:JUMLAH|JML|TOTAL|SUB\s*TOTAL|REKAP|REKAPITULASI)\b")
_SIGNATURE = re.compile(
    r"\b(?:MENGETAHUI|DIKETAHUI|DISETUJUI|KEPALA\s+DESA|KADES|LURAH|CAMAT|SEKRETARIS|SEKDES|"
    r"TANDA\s*TANGAN|TTD|NIP|NIPPPK|PEMBUAT\s+DAFTAR|YANG\s+MEMBUAT|DIBUAT\s+OLEH|PETUGAS\s+PENDATA|"
    r"AN\.?\s+KEPALA|PJ\.?\s+KEPALA|PLT\.?\s+KEPALA|CAP\s+DESA|STEMPEL)\b"
)
# "Senyiur, 12 Januari 2025", "Senyiur, 12 Jan 2025" or "Senyiur, 12/01/2025": where and when it
# was signed.
_PLACE_DATE = re.compile(
    r"^[A-Z .'-]{3,40},\s*(?:\d{1,2}\s+(?:JANUARI|JAN|FEBRUARI|PEBRUARI|FEB|PEB|MARET|MAR|APRIL|"
    r"APR|MEI|JUNI|JUN|JULI|JUL|AGUSTUS|AGT|AGS|AUG|SEPTEMBER|SEPT|SEP|OKTOBER|OKT|NOVEMBER|"
    r"NOPEMBER|NOV|NOP|DESEMBER|DES)\.?\s+\d{4}|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4})$"
)
_LABEL = re.compile(
    r"^(?:DUSUN|DSN|RT|RW|RT\s*/\s*RW|LINGKUNGAN|LINGK|KAMPUNG|KP|BLOK|KELOMPOK|POKJA|DESA|"
    r"KELURAHAN|WILAYAH|GANG|GG|JALUR|SEGMEN|BAGIAN)\b[\s.:]*[A-Z0-9 .\-/]{0,30}$"
)


@dataclass(frozen=True)
class Skipped:
    """One skipped row: its sheet row number (1-based), its kind, and its text (shortened)."""

    number: int
    kind: str
    text: str
    sheet: str = ""


def row_text(row: Sequence[object]) -> str:
    """The row's distinct non-empty cells joined, upper case, single spaces (a label merged across
    the table reads once, not once per column)."""
    seen: dict[str, None] = {}
    for c in row:
        if t := text(c):
            seen.setdefault(" ".join(t.split()).upper(), None)
    return " ".join(seen)


def kind_of(row: Sequence[object]) -> str:
    """What a row that is not a person is (BLANK, LABEL, TOTAL, SIGNATURE or SPARSE)."""
    joined = row_text(row)
    if not joined:
        return BLANK
    if _SIGNATURE.search(joined) or _PLACE_DATE.match(joined):
        return SIGNATURE
    words = re.sub(r"^\d+[.)]?\s+", "", joined)  # a row number in the NO column first
    if _TOTAL.match(words) or _TOTAL.match(joined):
        return TOTAL
    if _LABEL.match(words) or _LABEL.match(joined):
        return LABEL
    return SPARSE


def not_a_person(row: Sequence[object], nik_col: int | None) -> str | None:
    """For a row with enough cells to look like data: its kind when it is a label, a total or part
    of the signature, else None. A row whose NIK cell starts with a digit is a person (fast)."""
    if nik_col is not None and nik_col < len(row):
        cell = row[nik_col]
        if type(cell) is str:
            s = cell.lstrip(" '")
            if s[:1].isdigit():
                return None
        elif isinstance(cell, int | float) and cell >= 1e9:
            return None
    kind = kind_of(row)
    if kind == SIGNATURE and len({t for c in row if (t := text(c))}) > 3:
        # A person without a NIK who lives on "Jl. Camat ..." or works as "SEKRETARIS DESA":
        # signature lines hold one or two cells, a person's row holds many.
        return None
    return kind if kind in (LABEL, TOTAL, SIGNATURE) else None


def counts(skipped: Iterable[Skipped]) -> dict[str, int]:
    """Skipped rows per kind (blank rows only between the header and the last filled row)."""
    return dict(Counter(s.kind for s in skipped))


def trim_trailing_blanks(skipped: list[Skipped], last_filled: int) -> list[Skipped]:
    """Blank rows after the last filled row are the sheet's end, not separators."""
    return [s for s in skipped if s.kind != BLANK or s.number < last_filled]
