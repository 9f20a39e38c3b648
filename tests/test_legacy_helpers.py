"""Shared builders for the legacy-import tests: workbooks from literal rows, and a region index."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

from rentan_desktop.legacy.regions import Region, RegionIndex

TITLE = ["DAFTAR PEKERJA RENTAN KECAMATAN SANGATTA UTARA"]
HEADER = ["NO", "N I K", "NAMA LENGKAP", "TTL", "L/P", "RT/RW", "DESA / KELURAHAN", "NO. HP"]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    merges: Sequence[str] = (),
    text_cols: Sequence[int] = (),
    sheet: str = "Data",
) -> Path:
    """An .xlsx with the rows as given; ``text_cols`` get number format '@' (like careful clerks)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for col in text_cols:
        for cells in ws.iter_rows(min_col=col + 1, max_col=col + 1):
            for cell in cells:
                cell.number_format = "@"
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def write_ods(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A minimal OpenDocument spreadsheet (strings and floats), as LibreOffice would save it."""
    body = []
    for row in rows:
        cells = []
        for v in row:
            if isinstance(v, int | float):
                cells.append(
                    f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>"
                )
            else:
                cells.append(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}'
                    "</text:p></table:table-cell>"
                )
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Lembar1">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ";"
) -> Path:
    lines = [delimiter.join(str(c) for c in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@lru_cache(maxsize=1)
def kutim_regions() -> RegionIndex:
    """Kecamatan and desa of Kabupaten Kutai Timur (64.08), from the bundled Kemendagri list."""
    from lokal import wilayah

    regions = []
    for kec in wilayah.list_wilayah("64.08"):
        kec_code = kec.code.replace(".", "")
        regions.append(Region(kec_code, kec.name, 3, "6408"))
        for desa in wilayah.list_wilayah(kec.code):
            regions.append(Region(desa.code.replace(".", ""), desa.name, 4, kec_code))
    return RegionIndex(regions)
