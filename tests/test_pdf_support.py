"""Reading PDFs back in tests (text, decompressed bytes, page sizes, rendered pages, QR codes)."""

from __future__ import annotations

import re
import subprocess
import zlib
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

MM = 72 / 25.4
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def text(path: Path) -> list[str]:
    """Extracted text of every page."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def sizes_mm(path: Path) -> list[tuple[int, int]]:
    """(width, height) of every page in whole millimetres."""
    out = []
    for page in PdfReader(path).pages:
        box = page.mediabox
        out.append((round(float(box.width) / MM), round(float(box.height) / MM)))
    return out


def every_byte(path: Path) -> bytes:
    """The file's bytes followed by every stream decompressed: what a search of the file finds."""
    raw = path.read_bytes()
    parts = [raw]
    for match in _STREAM.finditer(raw):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            parts.append(match.group(1))
    return b"\n".join(parts)


def render(path: Path, out_dir: Path, dpi: int, page: int = 1) -> Path:
    """Render one page with poppler's pdftoppm and return the PNG."""
    prefix = out_dir / f"{path.stem}-{dpi}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


def qr_texts(png: Path) -> list[str]:
    """Every QR code zxing-cpp finds on a rendered page."""
    found = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in found]


def test_the_search_finds_digits_that_are_printed(tmp_path: Path) -> None:
    """The masking tests rely on text() and every_byte(); prove they see a 16-digit run when
    one is printed (here smuggled in as a list code, which is not checked for NIKs)."""
    from datetime import date

    from rentan_desktop.io.pdf import rt_list
    from rentan_desktop.io.pdf.types import Region, RtList

    out = tmp_path / "probe.pdf"
    doc = RtList("6408014101900001", Region("K"), "1", "1", 2026, date(2026, 1, 1), ())
    rt_list.render(doc, out)
    assert "6408014101900001" in "".join(text(out))
    assert b"6408014101900001" in every_byte(out)  # the document title carries it too
