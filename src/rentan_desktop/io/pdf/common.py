"""Small pieces shared by the PDF adapters: output targets, progress and cancellation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.io.pdf import fonts

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Target = str | Path | BinaryIO

# How often long renderers report progress and look at the cancel flag (in rows or cards): often
# enough for a responsive progress bar, rarely enough to cost nothing.
REPORT_EVERY = 500


class RenderCancelled(Exception):
    """The user cancelled a long print job; the partial output must be discarded."""


def new_canvas(target: Target, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas with compression on and metadata that never includes personal data."""
    out = str(target) if isinstance(target, Path) else target
    canvas = Canvas(out, pagesize=pagesize, pageCompression=1, initialFontName=fonts.names()[0])
    canvas.setTitle(title)
    canvas.setAuthor("Rentan Desktop")
    canvas.setCreator("Rentan Desktop")
    return canvas


def check(done: int, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
    """Report progress and stop with :class:`RenderCancelled` when the user asked to."""
    if progress is not None:
        progress(done, total)
    if cancelled is not None and cancelled():
        raise RenderCancelled


def page_label(number: int, total: int) -> str:
    """``Halaman 2 dari 9``."""
    return f"Halaman {number} dari {total}"


# Printed in every document's margin: "fit to page" shrinks A4 onto F4 (or the reverse) by about
# 10 %, which breaks the card size, the 5 mm tick boxes and the QR module size.
ACTUAL_SIZE = "Cetak 100 % / actual size (jangan \u201cfit to page\u201d)"


def actual_size_note(canvas: Canvas, page_width: float, y: float = 5 * 72 / 25.4) -> None:
    """The print-at-100 % note, centred in the bottom margin."""
    canvas.saveState()
    canvas.setFont(fonts.names()[0], 6.5)
    canvas.setFillGray(0.35)
    canvas.drawCentredString(page_width / 2, y, ACTUAL_SIZE)
    canvas.restoreState()
