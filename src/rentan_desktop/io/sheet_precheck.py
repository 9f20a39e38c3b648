"""What a spreadsheet will make the parser allocate, checked before any parser sees the file.

Why: python-calamine turns a sheet into a dense rows x columns grid and reserves memory for the
string count a file declares (upstream calamine issues #693 and #684). A 2 KB xlsx declaring
A1:XFD1048576, or four billion shared strings, aborts the process; an 859-byte .ods repeating a row
a million times runs for minutes at gigabytes. Sizes and compression ratios (:mod:`xlsx_guard`) do
not show this, so every format is checked here for what it *declares* and *uses*:

- every zip-based file (xlsx, xlsm, xlsb, ods): entry count, declared sizes, compression ratio;
- xlsx/xlsm: ``<dimension ref>`` of every sheet, ``count``/``uniqueCount`` of the shared strings,
  and (:func:`scan_extents`, a full pass over sheets up to ``scan_bytes``) the largest row and
  column actually used; the child checks the range calamine built before it sends a row, so a
  large sheet is bounded by that exact check and the child's memory limit;
- ods: ``number-rows-repeated`` x ``number-columns-repeated`` as calamine expands them;
- xlsb: the BrtWsDim and BrtBeginSst records;
- xls: the OLE2 container's sector size and counts and its chains, record lengths, the SST's
  string counts, every sheet's DIMENSIONS, and (:func:`scan_extents`) the farthest cell record;
- csv: size and longest line.

Each refusal is an :class:`~rentan_desktop.io.xlsx_guard.XlsxRefused` with one sentence. What
escapes these checks still meets the child process's memory and time limits
(:mod:`rentan_desktop.io.sheet_child`), so the worst a file can do is be refused.
"""

from __future__ import annotations

import re
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rentan_desktop.domain import formatting, issues
from rentan_desktop.io.xlsx_guard import XlsxRefused
from rentan_desktop.io.xlsx_guard_cells import split_ref

issues.define_all(
    {
        "sheet.cells": (
            "Berkas {name} meminta {cells} sel pada sheet {sheet} ({detail}); batasnya {limit} sel, "
            "jadi berkas ditolak.",
            "{name} asks for {cells} cells on sheet {sheet} ({detail}); the limit is {limit} cells, "
            "so the file is refused.",
        ),
        "sheet.strings": (
            "Berkas {name} menyatakan {count} teks bersama, jauh melebihi isinya; berkas rusak atau "
            "sengaja dibuat dan ditolak.",
            "{name} declares {count} shared strings, far more than it holds; the file is damaged or "
            "crafted and is refused.",
        ),
        "sheet.zip": (
            "Berkas {name} bukan lembar kerja yang utuh ({detail}); simpan ulang dari Excel atau "
            "LibreOffice.",
            "{name} is not an intact spreadsheet ({detail}); save it again from Excel or LibreOffice.",
        ),
        "sheet.too_big": (
            "Berkas {name} terlalu besar ({detail}); batasnya {limit}.",
            "{name} is too large ({detail}); the limit is {limit}.",
        ),
        "sheet.line_too_long": (
            "Berkas {name} memuat satu baris sepanjang {length} byte; batasnya {limit}, jadi berkas "
            "ditolak.",
            "{name} holds a line of {length} bytes; the limit is {limit}, so the file is refused.",
        ),
        "sheet.wrong_type": (
            "Berkas {name} bukan berkas {expected} walau namanya berakhiran {suffix}; simpan ulang "
            "dengan jenis yang benar.",
            "{name} is not a {expected} file although its name ends in {suffix}; save it again as "
            "the right type.",
        ),
        "sheet.timeout": (
            "Membaca {name} melebihi {seconds} detik; berkas ditolak.",
            "Reading {name} took longer than {seconds} seconds; the file is refused.",
        ),
        "sheet.memory": (
            "Membaca {name} memerlukan memori lebih dari {limit}; berkas ditolak.",
            "Reading {name} needs more than {limit} of memory; the file is refused.",
        ),
        "sheet.unreadable": (
            "Berkas {name} tidak bisa dibaca sebagai lembar kerja ({detail}).",
            "{name} cannot be read as a spreadsheet ({detail}).",
        ),
    }
)


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may make the parser allocate.

    A dense cell costs calamine about 32 bytes and Python about 60 more once returned, so 20 million
    cells (e.g. 200,000 rows x 100 columns) stay under the child's 2.5 GiB address-space limit.
    """

    max_cells: int = 20_000_000
    max_rows: int = 1_048_576  # Excel's own sheet limit
    max_columns: int = 16_384  # XFD
    max_file_bytes: int = 200 << 20
    max_entries: int = 2000
    max_total_uncompressed: int = 2 << 30
    max_ratio: int = 200  # shared strings of 150,000 rows compress well, but not 1000:1
    ratio_floor_bytes: int = 1 << 20
    max_line_bytes: int = 1 << 20  # a csv line; the csv module's own field limit is 128 KiB
    max_seconds: float = 60.0
    # Sheets up to this size (uncompressed XML) are scanned for far cells while the child parses;
    # larger ones are checked by the child on calamine's own range before any row is sent.
    scan_bytes: int = 32 << 20


LIMITS = Limits()
ZIP_FORMATS = {".xlsx", ".xlsm", ".xlsb", ".ods"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def kind_of(path: Path) -> str:
    """The format a reader should use, from the name (``xlsx``, ``ods``, ``xls``, ``csv``...)."""
    suffix = path.suffix.lower()
    return (
        {".xlsm": "xlsx"}.get(suffix, suffix.lstrip("."))
        if suffix in ZIP_FORMATS | {".xls"}
        else "csv"
    )


def check(path: Path, limits: Limits = LIMITS) -> str:
    """The cheap checks (headers of parts only, no full pass over a sheet); returns the kind.

    Raises:
        XlsxRefused: with a ``sheet.*`` code naming what the file asks for.
    """
    name = path.name
    kind = kind_of(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            magic = f.read(8)
    except OSError as exc:
        raise XlsxRefused("sheet.unreadable", name=name, detail=type(exc).__name__) from exc
    if size > limits.max_file_bytes:
        raise XlsxRefused(
            "sheet.too_big", name=name, detail=_mb(size), limit=_mb(limits.max_file_bytes)
        )
    if kind == "csv":
        _check_csv(path, limits)
        return kind
    if kind == "xls":
        if not magic.startswith(_OLE_MAGIC):
            raise XlsxRefused(
                "sheet.wrong_type", name=name, expected="Excel 97-2003", suffix=path.suffix
            )
        _check_xls_heads(path, limits)
        return kind
    if not magic.startswith(_ZIP_MAGIC):
        raise XlsxRefused("sheet.wrong_type", name=name, expected=kind.upper(), suffix=path.suffix)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = _check_directory(zf, name, limits)
            if kind == "xlsx":
                _check_xlsx_heads(zf, infos, name, limits)
            elif kind == "xlsb":
                _check_xlsb_heads(zf, infos, name, limits)
            elif kind == "ods":
                _check_ods(zf, name, limits)
    except zipfile.BadZipFile as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=str(exc) or "zip") from exc
    except (OSError, EOFError, NotImplementedError, zipfile.LargeZipFile, zlib.error) as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=type(exc).__name__) from exc
    return kind


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def _cells_refusal(
    name: str, sheet: str, rows: int, cols: int, detail: str, limits: Limits
) -> None:
    if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_cells:
        raise XlsxRefused(
            "sheet.cells",
            name=name,
            sheet=sheet,
            cells=formatting.angka(rows * cols),
            detail=detail,
            limit=formatting.angka(limits.max_cells),
        )


def _check_directory(zf: zipfile.ZipFile, name: str, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise XlsxRefused(
            "sheet.too_big", name=name, detail=f"{len(infos)} bagian", limit=limits.max_entries
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_uncompressed:
        raise XlsxRefused(
            "sheet.too_big", name=name, detail=_mb(total), limit=_mb(limits.max_total_uncompressed)
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio and info.file_size > limits.ratio_floor_bytes:
            raise XlsxRefused("xlsx.bomb", name=name, part=info.filename, ratio=int(ratio))
    return {i.filename: i for i in infos}


def _head(zf: zipfile.ZipFile, part: str, size: int = 1 << 16) -> bytes:
    with zf.open(part) as stream:
        return stream.read(size)


_DIMENSION = re.compile(
    rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref=\"([A-Z]{1,3}\d{1,10})(?::([A-Z]{1,3}\d{1,10}))?\""
)
_SST_COUNT = re.compile(rb"\b(count|uniqueCount)=\"(\d{1,20})\"")
_SHEET_PART = re.compile(
    r"^xl/(?:worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.(xml|bin)$"
)


def _check_xlsx_heads(
    zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str, limits: Limits
) -> None:
    titles = _titles(zf)
    for part, info in infos.items():
        if part.lower().endswith("sharedstrings.xml"):
            head = _head(zf, part, 4096)
            for attr, value in _SST_COUNT.findall(
                head[: head.find(b"<si") if b"<si" in head else len(head)]
            ):
                count = int(value)
                # Each entry takes at least "<si/>" (5 bytes); a total count cannot exceed the cells.
                bound = info.file_size // 5 + 1024 if attr == b"uniqueCount" else limits.max_cells
                if count > bound:
                    raise XlsxRefused("sheet.strings", name=name, count=formatting.angka(count))
        elif _SHEET_PART.match(part) and part.endswith(".xml"):
            found = _DIMENSION.search(_head(zf, part))
            if found:
                first = split_ref(found.group(1).decode())
                last = split_ref((found.group(2) or found.group(1)).decode())
                rows, cols = last[0] - first[0] + 1, last[1] - first[1] + 1
                _cells_refusal(
                    name,
                    titles.get(part, part),
                    rows,
                    cols,
                    "dimensi " + found.group(0).split(b'"')[1].decode(),
                    limits,
                )


# ---- full pass over xlsx sheets (largest row and column used) ----------------------------------

_ROW_ANY = re.compile(rb"<(?:[\w.-]+:)?row\s[^>]*?\br=\"(\d{1,10})\"")
_BIG_REFS = re.compile(rb"\br=\"([A-Z]{0,3})(\d{1,10})\"")
_LAST_ROW = b'<row r="'


def _column(letters: bytes) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col


def scan_extents(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse an xlsx whose cells, wherever its dimension says, reach past the cell limit.

    One streaming pass per sheet. Excel and every writer here number rows in order, so the last
    ``<row r>`` of a chunk is its largest; one regex search then looks for any reference (row or
    cell, in any attribute order or namespace) that is *unusual* against it: two or three column
    letters, or more digits than that row. Only a chunk holding one is read exactly. A reference
    numbered below ten times the largest row is not seen here; the child's memory limit still
    bounds it. Costs a decompression pass; :mod:`safe_sheet` runs it while the child parses.
    """
    if kind_of(path) == "xls":
        _scan_xls(path, limits)
        return
    if kind_of(path) != "xlsx":
        return
    name = path.name
    deadline = time.monotonic() + limits.max_seconds
    try:
        with zipfile.ZipFile(path) as zf:
            titles = _titles(zf)
            for info in zf.infolist():
                if (
                    _SHEET_PART.match(info.filename)
                    and info.filename.endswith(".xml")
                    and info.file_size <= limits.scan_bytes
                ):
                    with zf.open(info) as stream:
                        _scan_sheet(
                            stream, titles.get(info.filename, info.filename), name, limits, deadline
                        )
    except zipfile.BadZipFile as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=str(exc) or "zip") from exc
    except (OSError, EOFError, NotImplementedError, zipfile.LargeZipFile, zlib.error) as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=type(exc).__name__) from exc


def _titles(zf: zipfile.ZipFile) -> dict[str, str]:
    from rentan_desktop.io.xlsx_guard import _sheet_titles

    return _sheet_titles(zf)


def _last_row(part: bytes) -> int:
    at = part.rfind(_LAST_ROW)
    if at < 0:
        return 0
    start = at + len(_LAST_ROW)
    end = part.find(b'"', start, start + 12)
    digits = part[start:end]
    return int(digits) if end > start and digits.isdigit() else 0


def _scan_sheet(stream: IO[bytes], sheet: str, name: str, limits: Limits, deadline: float) -> None:
    max_row, max_col = 0, 0
    unusual: dict[int, re.Pattern[bytes]] = {}
    carry = b""
    while True:
        chunk = stream.read(4 << 20)
        if time.monotonic() > deadline:
            raise XlsxRefused("sheet.timeout", name=name, seconds=int(limits.max_seconds))
        buffer = carry + chunk
        cut = buffer.rfind(b"<") if chunk else len(buffer)
        if cut <= 0:
            cut = len(buffer)
        part, carry = buffer[:cut], buffer[cut:]
        max_row = max(max_row, _last_row(part))
        digits = len(str(max_row)) + 1
        if digits not in unusual:
            unusual[digits] = re.compile(rb"r=\"(?:[A-Z]{2,3}\d|[A-Z]?\d{%d})" % digits)
        # No `<row r="` at all while rows are there: another attribute order, read exactly.
        odd_rows = not max_row and b"row " in part
        if odd_rows or unusual[digits].search(part):
            for number in _ROW_ANY.findall(part):
                max_row = max(max_row, int(number))
            for letters, number in _BIG_REFS.findall(part):
                max_col = max(max_col, _column(letters))
                max_row = max(max_row, int(number))
            _cells_refusal(name, sheet, max_row, max(max_col, 26), "sel terjauh", limits)
        if not chunk:
            break
    _cells_refusal(name, sheet, max_row, max(max_col, 26 if max_row else 0), "sel terjauh", limits)


# ---- xls (BIFF8 in an OLE2 container) ------------------------------------------------------------


def _xls_stream(path: Path) -> bytes:
    from rentan_desktop.io import xls_records

    try:
        return xls_records.workbook_stream(
            path.read_bytes()
        )  # size already checked (max_file_bytes)
    except xls_records.XlsDamaged as exc:
        raise XlsxRefused("sheet.zip", name=path.name, detail=str(exc)) from exc
    except OSError as exc:
        raise XlsxRefused("sheet.unreadable", name=path.name, detail=type(exc).__name__) from exc


def _check_xls_heads(path: Path, limits: Limits) -> None:
    """The container, the globals' SST counts and each sheet's DIMENSIONS (a few records each)."""
    from rentan_desktop.io import xls_records

    name = path.name
    stream = _xls_stream(path)
    try:
        sheets, sst = xls_records.globals_of(stream)
        if sst is not None:
            total, unique = sst
            # A string takes at least 3 bytes (length and flags); a total cannot exceed the cells.
            if unique > len(stream) // 3 + 1024 or total > limits.max_cells:
                raise XlsxRefused(
                    "sheet.strings", name=name, count=formatting.angka(max(total, unique))
                )
        for sheet in sheets:
            declared = xls_records.sheet_dimensions(stream, sheet)
            if declared is not None:
                _cells_refusal(name, sheet.name, declared[0], declared[1], "dimensi", limits)
    except xls_records.XlsDamaged as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=str(exc)) from exc


def _scan_xls(path: Path, limits: Limits) -> None:
    """The farthest cell every sheet places (one pass over its records), as for xlsx."""
    from rentan_desktop.io import xls_records

    name = path.name
    stream = _xls_stream(path)
    if len(stream) > limits.scan_bytes:
        return  # the child checks calamine's range before it sends a row
    try:
        sheets, _ = xls_records.globals_of(stream)
        for sheet in sheets:
            rows, cols = xls_records.used_extent(stream, sheet)
            _cells_refusal(name, sheet.name, rows, cols, "sel terjauh", limits)
    except xls_records.XlsDamaged as exc:
        raise XlsxRefused("sheet.zip", name=name, detail=str(exc)) from exc


# ---- xlsb -----------------------------------------------------------------------------------------

_BRT_WS_DIM = 0x94
_BRT_BEGIN_SST = 0x9F


def _records(data: bytes) -> list[tuple[int, bytes]]:
    """BIFF12 records of ``data`` (record type and size are 7-bit varints)."""
    out, pos = [], 0
    while pos < len(data) and len(out) < 64:
        rtype, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        if pos + size > len(data):
            break
        out.append((rtype, data[pos : pos + size]))
        pos += size
    return out


def _varint(data: bytes, pos: int, width: int) -> tuple[int, int]:
    value = 0
    for i in range(width):
        if pos >= len(data):
            break
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    return value, pos


def _check_xlsb_heads(
    zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str, limits: Limits
) -> None:
    for part, info in infos.items():
        if part.lower().endswith("sharedstrings.bin"):
            for rtype, body in _records(_head(zf, part, 4096)):
                if rtype == _BRT_BEGIN_SST and len(body) >= 8:
                    total, unique = struct.unpack_from("<II", body)
                    if unique > info.file_size // 5 + 1024 or total > limits.max_cells:
                        raise XlsxRefused(
                            "sheet.strings",
                            name=name,
                            count=formatting.angka(max(total, unique)),
                        )
        elif _SHEET_PART.match(part) and part.endswith(".bin"):
            for rtype, body in _records(_head(zf, part, 4096)):
                if rtype == _BRT_WS_DIM and len(body) >= 16:
                    r1, r2, c1, c2 = struct.unpack_from("<IIII", body)
                    _cells_refusal(
                        name,
                        part.rsplit("/", 1)[-1],
                        r2 - r1 + 1 if r2 >= r1 else 1 << 32,
                        c2 - c1 + 1 if c2 >= c1 else 1 << 32,
                        "dimensi",
                        limits,
                    )


# ---- ods ------------------------------------------------------------------------------------------

_ODS_TAG = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>"
)
_ROWS_REPEATED = re.compile(rb"number-rows-repeated=\"(\d{1,12})\"")
_COLS_REPEATED = re.compile(rb"number-columns-repeated=\"(\d{1,12})\"")


def _check_ods(zf: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Expand repeats the way calamine does: rows up to the last one holding a value, columns up
    to the last cell holding a value; a repeated empty tail (LibreOffice writes one) costs nothing."""
    if "content.xml" not in zf.namelist():
        raise XlsxRefused("sheet.zip", name=name, detail="content.xml")
    deadline = time.monotonic() + limits.max_seconds
    state = _OdsTable()
    carry = b""
    with zf.open("content.xml") as stream:
        while True:
            chunk = stream.read(4 << 20)
            if time.monotonic() > deadline:
                raise XlsxRefused("sheet.timeout", name=name, seconds=int(limits.max_seconds))
            buffer = carry + chunk
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            if cut <= 0:
                cut = len(buffer)
            for match in _ODS_TAG.finditer(buffer, 0, cut):
                state.feed(match, name, limits)
            carry = buffer[cut:]
            if not chunk:
                break
    state.finish_table(name, limits)


class _OdsTable:
    def __init__(self) -> None:
        self.table = ""
        self._reset()

    def _reset(self) -> None:
        self.rows = 0  # rows so far, repeats expanded
        self.last_row = 0  # rows up to the last one with a value
        self.width = 0  # widest row, up to its last valued cell
        self.row_repeat = 1
        self.col = 0
        self.row_last_col = 0

    def feed(self, match: re.Match[bytes], name: str, limits: Limits) -> None:
        closing, tag, attrs, empty = match.group(1), match.group(2), match.group(3), match.group(4)
        if tag == b"table":
            if closing:
                self.finish_table(name, limits)
            elif not empty:
                found = re.search(rb"name=\"([^\"]*)\"", attrs)
                self.table = found.group(1).decode("utf-8", "replace") if found else "?"
                self._reset()
            return
        if tag == b"table-row":
            if closing:
                self._end_row(name, limits)
            else:
                found = _ROWS_REPEATED.search(attrs)
                self.row_repeat = int(found.group(1)) if found else 1
                self.col = self.row_last_col = 0
                if empty:
                    self._end_row(name, limits)
            return
        if closing:
            return
        found = _COLS_REPEATED.search(attrs)
        repeat = int(found.group(1)) if found else 1
        self.col += repeat
        # A self-closing cell without a value type is empty; anything else may hold a value.
        if not empty or b"value-type" in attrs:
            self.row_last_col = self.col

    def _end_row(self, name: str, limits: Limits) -> None:
        self.rows += self.row_repeat
        if self.row_last_col:
            self.last_row = self.rows
            self.width = max(self.width, self.row_last_col)
            _cells_refusal(
                name, self.table, self.last_row, self.width, "baris/kolom berulang", limits
            )
        self.row_repeat = 1

    def finish_table(self, name: str, limits: Limits) -> None:
        _cells_refusal(
            name, self.table or "?", self.last_row, self.width, "baris/kolom berulang", limits
        )
        self._reset()


# ---- csv ------------------------------------------------------------------------------------------


def _check_csv(path: Path, limits: Limits) -> None:
    longest, current = 0, 0
    with path.open("rb") as f:
        while True:
            chunk = f.read(4 << 20)
            if not chunk:
                break
            lines = chunk.split(b"\n")
            if len(lines) == 1:
                current += len(chunk)
            else:
                longest = max(
                    longest,
                    current + len(lines[0]),
                    *map(len, lines[1:-1]) if len(lines) > 2 else (0,),
                )
                current = len(lines[-1])
            longest = max(longest, current)
            if longest > limits.max_line_bytes:
                raise XlsxRefused(
                    "sheet.line_too_long",
                    name=path.name,
                    length=formatting.angka(longest),
                    limit=formatting.angka(limits.max_line_bytes),
                )
