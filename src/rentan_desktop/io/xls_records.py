"""The records of an Excel 97-2003 (.xls, BIFF8) file, read without trusting a declared size.

An .xls is an OLE2 compound file (512-byte header, a sector allocation table, a directory) holding
a ``Workbook`` stream of BIFF records (type, length, body). calamine sizes its allocations from
what the file declares: the sector size and sector counts of the container, the string count of
the SST record, the sheet's DIMENSIONS and the row/column of every cell. :mod:`sheet_precheck`
uses this module to check those numbers before a parser sees the file.

Everything here is bounded by the file's own size: a chain longer than the sectors that exist, a
loop in a chain, a sector past the end or a record running past its stream is :class:`XlsDamaged`.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096

# BIFF8 record types
BOF, EOF, BOUNDSHEET, SST, DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x00FC, 0x0200
MAX_RECORD = 8224  # BIFF8: a record body is at most 8,224 bytes (longer data goes in CONTINUE)
# Records that start with the cell's row and column (u16 each); MULRK/MULBLANK end at a column.
CELL_RECORDS = frozenset({0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6})
MULTI_CELL_RECORDS = frozenset({0x00BD, 0x00BE})


class XlsDamaged(Exception):
    """The container or its records contradict themselves; ``str(exc)`` says where (Indonesian)."""


@dataclass(frozen=True)
class Sheet:
    name: str
    offset: int  # of its BOF record in the Workbook stream


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])


def workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` (or BIFF5 ``Book``) stream of an OLE2 file, read through its chains."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        raise XlsDamaged("kepala OLE")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise XlsDamaged(f"ukuran sektor 2^{sector_shift}")
    size = 1 << sector_shift
    sectors = (len(data) - size + size - 1) // size if len(data) > size else 0
    n_fat, first_dir = _u32(data, 44), _u32(data, 48)
    first_mini_fat, n_mini_fat = _u32(data, 60), _u32(data, 64)
    first_difat, n_difat = _u32(data, 68), _u32(data, 72)
    if max(n_fat, n_mini_fat, n_difat) > sectors:
        raise XlsDamaged(
            f"{max(n_fat, n_mini_fat, n_difat):,} sektor dari {sectors:,}".replace(",", ".")
        )

    def sector(index: int) -> bytes:
        if index >= sectors:
            raise XlsDamaged(f"sektor {index} di luar berkas")
        start = size * (index + 1)
        return data[start : start + size]

    # The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
    fat_sectors = list(struct.unpack_from("<109I", data, 76))
    per_difat = size // 4 - 1
    at, seen = first_difat, 0
    while at not in (_END_OF_CHAIN, _FREE) and seen < n_difat:
        block = sector(at)
        fat_sectors.extend(struct.unpack_from(f"<{per_difat}I", block))
        at = _u32(block, size - 4)
        seen += 1
    fat_sectors = fat_sectors[:n_fat]
    fat_bytes = b"".join(sector(i) for i in fat_sectors)
    fat = struct.unpack(f"<{len(fat_bytes) // 4}I", fat_bytes)

    def chain(start: int, table: tuple[int, ...], limit: int) -> list[int]:
        out: list[int] = []
        at = start
        while at != _END_OF_CHAIN:
            if at >= len(table) or at >= limit or len(out) >= limit:
                raise XlsDamaged("rantai sektor rusak")
            out.append(at)
            at = table[at]
        return out

    directory = b"".join(sector(i) for i in chain(first_dir, fat, sectors))
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise XlsDamaged("direktori kosong")
    for entry in entries:
        name_len = struct.unpack_from("<H", entry, 64)[0]
        name = entry[: max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name.lower() in ("workbook", "book"):
            start, length = _u32(entry, 116), _u32(entry, 120)
            break
    else:
        raise XlsDamaged("tidak ada aliran Workbook")
    if length > len(data):
        raise XlsDamaged(f"aliran Workbook {length:,} byte".replace(",", "."))
    if length >= _MINI_CUTOFF:
        stream = b"".join(sector(i) for i in chain(start, fat, sectors))
    else:  # small streams live in 64-byte mini sectors inside the root entry's stream
        root = entries[0]
        mini_stream = b"".join(sector(i) for i in chain(_u32(root, 116), fat, sectors))
        mini_fat_bytes = (
            b"".join(sector(i) for i in chain(first_mini_fat, fat, sectors)) if n_mini_fat else b""
        )
        mini_fat = struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes)
        count = len(mini_stream) // _MINI_SECTOR
        stream = b"".join(
            mini_stream[i * _MINI_SECTOR : (i + 1) * _MINI_SECTOR]
            for i in chain(start, mini_fat, count)
        )
    if len(stream) < length:
        raise XlsDamaged("aliran Workbook terpotong")
    return stream[:length]


def records(stream: bytes, start: int = 0) -> Iterator[tuple[int, int, int]]:
    """``(offset of the body, type, length)`` from ``start`` until the stream ends."""
    at, end = start, len(stream)
    unpack = struct.Struct("<HH").unpack_from
    while at + 4 <= end:
        kind, length = unpack(stream, at)
        if length > MAX_RECORD:
            raise XlsDamaged(f"catatan 0x{kind:04X} sebesar {length:,} byte".replace(",", "."))
        body = at + 4
        if body + length > end:
            raise XlsDamaged(f"catatan 0x{kind:04X} melewati akhir aliran")
        yield body, kind, length
        at = body + length


def globals_of(stream: bytes) -> tuple[list[Sheet], tuple[int, int] | None]:
    """The sheets (BOUNDSHEET) and the SST's declared (total, unique) counts, from the workbook
    globals (the records before the first EOF)."""
    sheets: list[Sheet] = []
    sst: tuple[int, int] | None = None
    for body, kind, length in records(stream):
        if kind == EOF:
            break
        if kind == BOUNDSHEET and length >= 8:
            offset = _u32(stream, body)
            cch, high = stream[body + 6], stream[body + 7] if length > 7 else 0
            raw = stream[body + 8 : body + 8 + (cch * 2 if high & 1 else cch)]
            name = raw.decode("utf-16-le" if high & 1 else "latin-1", "replace")
            if stream[body + 5] == 0:  # a worksheet (not a chart or macro sheet)
                sheets.append(Sheet(name, offset))
        elif kind == SST and length >= 8:
            sst = struct.unpack_from("<II", stream, body)
    return sheets, sst


def sheet_dimensions(stream: bytes, sheet: Sheet) -> tuple[int, int] | None:
    """(rows, columns) the sheet's DIMENSIONS record declares, None if it has none."""
    if sheet.offset >= len(stream):
        raise XlsDamaged(f"sheet {sheet.name} di luar aliran")
    for body, kind, length in records(stream, sheet.offset):
        if kind == DIMENSIONS:
            if length >= 14:  # BIFF8: rows are u32, columns u16; the last of each is exclusive
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", stream, body)
            elif length >= 10:  # BIFF5
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", stream, body)
            else:
                return None
            return max(last_row - first_row, 0), max(last_col - first_col, 0)
        if kind == EOF or kind in CELL_RECORDS or kind in MULTI_CELL_RECORDS:
            return None  # DIMENSIONS comes before the cells when there is one
    return None


def used_extent(stream: bytes, sheet: Sheet) -> tuple[int, int]:
    """(rows, columns) up to the farthest cell a record of the sheet places, one pass."""
    max_row = max_col = -1
    u16x2 = struct.Struct("<HH").unpack_from
    for body, kind, length in records(stream, sheet.offset):
        if kind in CELL_RECORDS and length >= 4:
            row, col = u16x2(stream, body)
        elif kind in MULTI_CELL_RECORDS and length >= 6:
            row, col = u16x2(stream, body)
            col = max(col, struct.unpack_from("<H", stream, body + length - 2)[0])
        elif kind == EOF:
            break
        else:
            continue
        max_row = max(max_row, row)
        max_col = max(max_col, col)
    return max_row + 1, max_col + 1
