"""Reading legacy spreadsheets (xlsx, xls, ods via python-calamine; csv with detected encoding).

Everything comes back as :class:`~rentan_desktop.legacy.table.SheetData`: absolute rows of raw cell
values (text, float, date) and the merged ranges. Calamine runs with ``skip_empty_area=False`` so row
numbers are the ones the user sees in Excel (it otherwise drops leading empty rows).
"""

from __future__ import annotations

import csv
import gc
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from charset_normalizer import from_bytes
from python_calamine import CalamineError, CalamineWorkbook

from rentan_desktop.legacy import codes
from rentan_desktop.legacy.codes import LegacyFileError
from rentan_desktop.legacy.table import SheetData

SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
MAX_FILE = 200 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200  # shared strings of 150,000 rows compress well, but not 1000:1


def _preflight(path: Path) -> None:
    """Bound the work before a zip-based workbook is parsed (zip bombs, huge part counts)."""
    size = path.stat().st_size
    if size > MAX_FILE:
        raise LegacyFileError(codes.FILE_TOO_BIG, alasan=f"{size // (1024 * 1024)} MB")
    if path.suffix.lower() not in {".xlsx", ".xlsm", ".ods"}:
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LegacyFileError(codes.FILE_UNREADABLE, alasan=str(exc)) from exc
    if len(infos) > MAX_ENTRIES:
        raise LegacyFileError(codes.FILE_TOO_BIG, alasan=f"{len(infos)} bagian")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise LegacyFileError(codes.FILE_TOO_BIG, alasan=f"{total // (1024 * 1024)} MB")
    for i in infos:
        if i.file_size > MAX_RATIO * max(i.compress_size, 1) and i.file_size > 1024 * 1024:
            raise LegacyFileError(codes.FILE_TOO_BIG, alasan=f"rasio kompresi {i.filename}")


def sheet_names(path: Path | str) -> list[str]:
    """Names of the visible sheets (a csv file has one sheet named after the file)."""
    path = Path(path)
    if path.suffix.lower() not in SPREADSHEETS:
        return [path.stem]
    _preflight(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        return [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")]
    except (CalamineError, OSError, ValueError) as exc:
        raise LegacyFileError(codes.FILE_UNREADABLE, alasan=str(exc)) from exc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while calamine builds one list per row: they hold no cycles,
    and the collector would otherwise rescan the growing sheet several times."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_sheet(path: Path | str, sheet: str | None = None) -> SheetData:
    """Read one sheet (the first one when ``sheet`` is None) as raw cells.

    Raises:
        LegacyFileError: the file cannot be read, is too large, or has no such sheet.
    """
    path = Path(path)
    if path.suffix.lower() not in SPREADSHEETS:
        return read_csv(path)
    names = sheet_names(path)
    if sheet is None:
        sheet = names[0] if names else None
    if sheet not in names:
        raise LegacyFileError(codes.FILE_NO_SHEET, sheet=sheet or "", pilihan=", ".join(names))
    try:
        wb = CalamineWorkbook.from_path(str(path))
        ws = wb.get_sheet_by_name(sheet)
        with _collector_paused():
            rows = ws.to_python(
                skip_empty_area=False
            )  # fresh lists of lists: safe to fill in place
        ranges = ws.merged_cell_ranges or []
    except (CalamineError, OSError, ValueError) as exc:
        raise LegacyFileError(codes.FILE_UNREADABLE, alasan=str(exc)) from exc
    merged = [(a[0], a[1], b[0], b[1]) for a, b in ranges]
    data = SheetData(sheet, rows, merged)
    data.fill_merged()
    return data


def decode(raw: bytes) -> str:
    """Text of a csv file in whatever encoding it was saved (UTF-8, UTF-8 BOM, cp1252, …)."""
    for enc in ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    best = from_bytes(raw[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return raw.decode(encoding, errors="replace")


def read_csv(path: Path | str) -> SheetData:
    """Read a csv/txt file with its encoding and delimiter detected (``;`` is common in Indonesia)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LegacyFileError(codes.FILE_UNREADABLE, alasan=str(exc)) from exc
    if len(raw) > MAX_FILE:
        raise LegacyFileError(codes.FILE_TOO_BIG, alasan=f"{len(raw) // (1024 * 1024)} MB")
    content = decode(raw)
    sample = content[:50_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t|"}
        delim = max(counts, key=counts.__getitem__)
        dialect = type("Guess", (csv.excel,), {"delimiter": delim})
    rows = [list(r) for r in csv.reader(io.StringIO(content), dialect)]
    return SheetData(path.stem, [[c for c in r] for r in rows])
