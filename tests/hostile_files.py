"""A corpus of small hostile spreadsheets, written byte by byte (no library would write them).

Each file asks a parser for far more than it holds: dimensions up to XFD1048576, a cell placed
there with a harmless declared dimension, four billion shared strings, ods rows and columns
repeated into billions of cells, an xlsb declaring the whole grid, xls files declaring or placing
cells across the whole grid, a zip bomb, a truncated zip,
a csv with one endless line, and files whose contents do not match their extension.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)


def xlsx(
    path: Path,
    cells: str,
    *,
    dimension: str | None = "A1:A1",
    sheet: str = "Data",
    strings: tuple[str, ...] = ("NIK",),
    count: int | None = None,
) -> Path:
    """A minimal workbook with one sheet whose ``<sheetData>`` is ``cells`` verbatim."""
    declared = len(strings) if count is None else count
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{declared}" '
        f'uniqueCount="{declared}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"
    )
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{cells}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", body)
        z.writestr("xl/sharedStrings.xml", sst)
    return path


FIRST_CELL = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'


def ods(path: Path, table: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{table}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        z.writestr("content.xml", content)
    return path


def _record(rtype: int, body: bytes) -> bytes:
    def varint(value: int) -> bytes:
        out = bytearray()
        while True:
            byte = value & 0x7F
            value >>= 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                return bytes(out)

    return varint(rtype) + varint(len(body)) + body


def xlsb_whole_grid(path: Path) -> Path:
    """An xlsb whose BrtWsDim record declares rows 0..1048575 and columns 0..16383."""
    sheet = _record(0x81, b"") + _record(0x94, struct.pack("<IIII", 0, 1_048_575, 0, 16_383))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.bin", _record(0x83, b""))
        z.writestr("xl/worksheets/sheet1.bin", sheet)
    return path


def corpus(folder: Path, suffix: str = ".xlsx") -> dict[str, Path]:
    """Every hostile file, named by what it does. ``suffix`` picks the xlsx-shaped ones' extension
    (batch and template imports only take .xlsx; the legacy import takes every format)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "dimension A1:XFD1048576": xlsx(
            folder / f"dimensi{suffix}", FIRST_CELL, dimension="A1:XFD1048576"
        ),
        "cell at XFD1048576": xlsx(
            folder / f"sel-jauh{suffix}",
            FIRST_CELL + '<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>',
        ),
        "four billion strings": xlsx(folder / f"teks{suffix}", FIRST_CELL, count=4_294_967_295),
        "zip bomb": _bomb(folder / f"bom{suffix}"),
        "truncated zip": _truncated(folder / f"terpotong{suffix}"),
        "not a spreadsheet": _text(folder / f"surat{suffix}"),
    }
    return files


def legacy_corpus(folder: Path) -> dict[str, Path]:
    """The xlsx corpus plus the formats only the legacy import reads."""
    files = corpus(folder)
    cell = '<table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>'
    files.update(
        {
            "ods rows repeated": ods(
                folder / "ulang-baris.ods",
                '<table:table-row table:number-rows-repeated="1048576">'
                '<table:table-cell table:number-columns-repeated="16384" '
                'office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row>',
            ),
            "ods empty rows then a value": ods(
                folder / "ulang-kosong.ods",
                '<table:table-row table:number-rows-repeated="1000000">'
                '<table:table-cell table:number-columns-repeated="1000"/></table:table-row>'
                f'<table:table-row><table:table-cell table:number-columns-repeated="999"/>{cell}'
                "</table:table-row>",
            ),
            "xlsb whole grid": xlsb_whole_grid(folder / "grid.xlsb"),
            "xls that is a zip": _copy(files["dimension A1:XFD1048576"], folder / "nyamar.xls"),
            "ods that is an xlsx": _copy(files["dimension A1:XFD1048576"], folder / "nyamar.ods"),
            "csv endless line": _endless_csv(folder / "panjang.csv"),
        }
    )
    files.update(xls_corpus(folder))
    return files


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def _bomb(path: Path) -> Path:
    """Shared strings of 60 MB of one character: compresses about 1000:1."""
    xlsx(path, FIRST_CELL)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/comments1.xml", "<a>" + "A" * (60 << 20) + "</a>")
    return path


def _truncated(path: Path) -> Path:
    xlsx(path, FIRST_CELL + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>')
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _text(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\nini bukan lembar kerja\n")
    return path


def _endless_csv(path: Path) -> Path:
    path.write_bytes(b"NIK;NAMA\n" + b"6408" * (1 << 19) + b"\n")
    return path


# ---- xls (BIFF8 in an OLE2 compound file), written record by record -------------------------------


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls(
    path: Path,
    *,
    strings: tuple[str, ...] = ("NIK",),
    sst_count: int | None = None,
    dimension: tuple[int, int] = (1, 1),
    cells: tuple[tuple[int, int, int], ...] = ((0, 0, 0),),
    sector_shift: int = 9,
    sheet: str = "Data",
    mini: bool = False,
) -> Path:
    """A minimal Excel 97-2003 workbook: one worksheet, shared strings, LABELSST cells
    ``(row, column, string index)``; ``dimension`` is the (rows, columns) DIMENSIONS declares.
    ``mini``: the stream stays under 4,096 bytes and lives in 64-byte mini sectors."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    declared = len(strings) if sst_count is None else sst_count
    sst = struct.pack("<II", declared, declared) + b"".join(
        struct.pack("<HB", len(s), 0) + s.encode("latin-1") for s in strings
    )
    name = sheet.encode("latin-1")
    boundsheet_len = 4 + 8 + len(name)  # header + lbPlyPos, state, type, cch, flags, name
    head = _record(0x0809, bof) + _record(0x0042, struct.pack("<H", 1200))
    tail = _record(0x00FC, sst) + _record(0x000A, b"")
    offset = len(head) + boundsheet_len + len(tail)
    globals_ = (
        head + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name) + tail
    )
    body = (
        _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06))
        + _record(0x0200, struct.pack("<IIHHH", 0, dimension[0], 0, dimension[1], 0))
        + b"".join(_record(0x00FD, struct.pack("<HHHI", r, c, 15, i)) for r, c, i in cells)
        + _record(0x000A, b"")
    )
    stream = globals_ + body
    if mini:
        path.write_bytes(_ole_mini(stream))
        return path
    stream += b"\0" * (4096 - len(stream)) if len(stream) < 4096 else b""  # no mini stream
    path.write_bytes(_ole(stream, sector_shift))
    return path


def _entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
        + b"\0" * 36
        + struct.pack("<III", start, length, 0)
    )


def _ole_mini(stream: bytes) -> bytes:
    """Sector 0 the FAT, 1 the directory, 2 the mini FAT, then the root's mini stream."""
    size, n_mini = 512, (len(stream) + 63) // 64
    n_container = (n_mini * 64 + size - 1) // size
    fat = (
        [0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE]
        + [4 + i for i in range(n_container - 1)]
        + [0xFFFFFFFE]
    )
    mini_fat = [i + 1 for i in range(n_mini - 1)] + [0xFFFFFFFE]
    directory = (
        _entry("Root Entry", 5, 1, 3, n_mini * 64)
        + _entry("Workbook", 2, 0xFFFFFFFF, 0, len(stream))
        + _entry("", 0, 0xFFFFFFFF, 0xFFFFFFFF, 0) * 2
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 2, 1, 0xFFFFFFFE, 0)
        + struct.pack("<109I", 0, *([0xFFFFFFFF] * 108))
    )

    def sector(values: list[int]) -> bytes:
        return struct.pack(f"<{size // 4}I", *(values + [0xFFFFFFFF] * (size // 4 - len(values))))

    return (
        header
        + sector(fat)
        + directory
        + sector(mini_fat)
        + stream.ljust(n_container * size, b"\0")
    )


def _ole(stream: bytes, sector_shift: int) -> bytes:
    """An OLE2 v3 file: sector 0 the FAT, sector 1 the directory, then the Workbook stream."""
    size = 512
    n = (len(stream) + size - 1) // size
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (size // 4 - len(fat))
    directory = (
        _entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
        + _entry("Workbook", 2, 0xFFFFFFFF, 2, len(stream))
        + _entry("", 0, 0xFFFFFFFF, 0xFFFFFFFF, 0) * 2
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, sector_shift, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<109I", 0, *([0xFFFFFFFF] * 108))
    )
    return header + struct.pack(f"<{size // 4}I", *fat) + directory + stream.ljust(n * size, b"\0")


def xls_corpus(folder: Path) -> dict[str, Path]:
    """calamine trusts an xls sheet's DIMENSIONS and every cell's row and column (both abort it
    under a 1 GB limit); a string count far above the content and a 1 GB sector only contradict
    the file (calamine copes with those two), and are refused as such."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "xls four billion strings": xls(folder / "teks.xls", sst_count=4_294_967_295),
        "xls dimension whole grid": xls(folder / "dimensi.xls", dimension=(65536, 65535)),
        "xls cell at column 65535": xls(
            folder / "sel-jauh.xls", cells=((0, 0, 0), (65535, 65535, 0))
        ),
        "xls sector of 1 GB": xls(folder / "sektor.xls", sector_shift=30),
    }
