"""Reading legacy spreadsheets (xlsx, xls, ods via python-calamine; csv with detected encoding).

Everything comes back as :class:`~rentan_desktop.legacy.table.SheetData`: absolute rows of raw cell
values (text, float, date) and the merged ranges. Calamine runs with ``skip_empty_area=False`` so row
numbers are the ones the user sees in Excel (it otherwise drops leading empty rows).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rentan_desktop.io import safe_sheet
from rentan_desktop.io.xlsx_guard import XlsxRefused
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.codes import LegacyFileError
from rentan_desktop.legacy.table import SheetData

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def _refused(exc: XlsxRefused) -> LegacyFileError:
    """A hostile or damaged file: the precheck's or the child's sentence, as the legacy error."""
    return LegacyFileError(codes.FILE_UNREADABLE, alasan=exc.message().rstrip("."))


def sheet_names(path: Path | str) -> list[str]:
    """Names of the visible sheets (a csv file has one sheet named after the file)."""
    path = Path(path)
    if path.suffix.lower() not in SPREADSHEETS:
        return [path.stem]
    try:
        return safe_sheet.visible_sheet_names(path)
    except XlsxRefused as exc:
        raise _refused(exc) from exc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while the rows arrive as one list per row: they hold no cycles,
    and the collector would otherwise rescan the growing sheet several times."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """Read one sheet (the first visible one when ``sheet`` is None) as raw cells.

    Every format, csv included, is parsed in a child process with memory and time limits
    (:mod:`rentan_desktop.io.safe_sheet`) after :mod:`sheet_precheck` vetted what it declares.

    Raises:
        LegacyFileError: the file cannot be read, is too large, or has no such sheet.
    """
    path = Path(path)
    if path.suffix.lower() not in SPREADSHEETS:
        sheet = None  # a csv file is its own single sheet, whatever a saved profile calls it
    try:
        with safe_sheet.open_book(path, None if sheet is None else [sheet], pad=True) as book:
            names = book.visible
            if sheet is not None and sheet not in names:
                raise LegacyFileError(codes.FILE_NO_SHEET, sheet=sheet, pilihan=", ".join(names))
            found = next(book.sheets(), None)
            if found is None:
                raise LegacyFileError(
                    codes.FILE_NO_SHEET, sheet=sheet or "", pilihan=", ".join(names)
                )
            with _collector_paused():
                rows = list(found.rows())  # fresh lists of lists: safe to fill in place
    except XlsxRefused as exc:
        raise _refused(exc) from exc
    merged = [(a[0], a[1], b[0], b[1]) for a, b in found.merged]
    data = SheetData(found.name, rows, merged)
    data.fill_merged()
    return data
