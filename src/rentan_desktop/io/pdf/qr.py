"""QR codes on the canvas: our fixed-mask encoder, drawn as one path, cached.

Encoders measured on the development machine (180-character alphanumeric card tokens, level M):
reportlab's own QR widget about 24 codes/s, ``qrcode`` with mask selection about 75/s, ``qrcode``
with a fixed mask about 250-550/s, and :mod:`qr_encode` (same tables, a fixed mask, whole-int
arithmetic) about 5,000/s. On the 239-digit version-2 card tokens (numeric mode, QR version 6,
level M), :mod:`qr_encode` makes about 9,000 codes/s and ``zxing-cpp``'s C++ encoder
(``create_barcode``, mask selection included) about 2,200/s before its matrix is even read out,
so the hand-written encoder stays. A fixed mask costs a little scan robustness; the photocopy
test (blur, grey, contrast loss) decodes every card, so level M error correction covers it.

Drawing: each row's dark modules are merged into horizontal runs and the whole code becomes ONE
PDF path of integer ``re`` operators in module units under a single ``cm`` scale, filled once.
One fill of one path leaves no anti-aliasing seams between modules (separate rectangles do), and
integer operators are cheap to format. Operators are cached per text, so a list code drawn on
every page of a 5,000-page RT list is encoded once.

Ink-spread compensation (``gain``): toner spreads and a copier's blur grows dark areas, so a light
module between dark ones greys over. Decoders that threshold against a local mean (zbar compares
each pixel with the mean of a window up to 256 pixels wide, which near a code's edge takes in the
white margin) then read those light modules as dark. Barcode printing answers this with bar width
reduction; here every dark area is eroded by ``gain / 2`` of a module on each side, drawn as a
second path of the light modules (and a one-module ring around the code) grown by that much and
filled white. Finder patterns are eroded the same way, so their 1:1:3:1:1 ratios survive the same
spread. Drawn in tenths of a module, the operators stay integers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.io.pdf.qr_encode import encode

QUIET_MODULES = 4  # the quiet zone the QR standard asks for, in modules
_DARK_RUN = re.compile(b"\x01+")
_LIGHT_RUN = re.compile(b"\x00+")


@lru_cache(maxsize=256)
def modules(text: str) -> tuple[bytes, ...]:
    """The QR matrix of ``text`` as rows of 0/1 bytes (top row first), error correction M."""
    return encode(text)


# Pre-formatted operand strings: building "x y w 1 re" from three cached pieces is about twice
# as fast as an f-string with three int conversions, and a card sheet formats ~600 runs per code.
_X = tuple(f"{i} " for i in range(200))
_W = tuple(f" {i} 1 re" for i in range(200))


@lru_cache(maxsize=256)
def path_operators(text: str) -> tuple[int, str]:
    """``(module_count, operators)``: the dark modules as ``x y w h re`` in module units, y up."""
    rows = modules(text)
    count = len(rows)
    ops: list[str] = []
    append = ops.append
    for index, row in enumerate(rows):
        y = str(count - 1 - index)  # PDF y grows upwards; row 0 is the top
        for run in _DARK_RUN.finditer(row):
            start, end = run.span()
            append(_X[start] + y + _W[end - start])
    return count, "\n".join(ops)


@lru_cache(maxsize=8)
def _light_tables(grow: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pre-formatted ``x`` and ``" w h re"`` operands in tenths of a module for one ``grow``."""
    xs = tuple(f"{10 * (start - 1) - grow} " for start in range(202))
    height = 10 + 2 * grow
    ws = tuple(f" {10 * length + 2 * grow} {height} re" for length in range(202))
    return xs, ws


@lru_cache(maxsize=256)
def light_operators(text: str, grow: int) -> str:
    """The light modules, and a one-module ring around the code, as ``re`` operators in tenths
    of a module, each grown by ``grow`` tenths on every side (origin at the code's lower left)."""
    rows = modules(text)
    count = len(rows)
    xs, ws = _light_tables(grow)
    blank = bytes(count + 2)
    ops: list[str] = []
    append = ops.append
    for index, row in enumerate((blank, *(b"\x00" + row + b"\x00" for row in rows), blank)):
        y = str(10 * (count - index) - grow)  # padded row 0 is the ring above module row 0
        for run in _LIGHT_RUN.finditer(row):
            start, end = run.span()
            append(xs[start] + y + ws[end - start])
    return "\n".join(ops)


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def draw(canvas: Canvas, text: str, x: float, y: float, size: float, gain: float = 0.0) -> None:
    """Draw the QR code of ``text`` with its lower-left corner at (x, y), ``size`` points wide.

    ``size`` includes the quiet zone, which is painted white so the code scans on a tinted area.
    ``gain`` is the share of a module taken off every dark area's width (half on each side) to
    make up for ink spread and copier blur; 0 draws modules at their full size.
    """
    count, ops = path_operators(text)
    unit = size / (count + 2 * QUIET_MODULES)
    offset = QUIET_MODULES * unit
    grow = round(gain * 5)  # tenths of a module on each side
    light = ""
    if grow:
        light = f"\n0.1 0 0 0.1 0 0 cm 1 g\n{light_operators(text, grow)}\nf"
    canvas.addLiteral(
        f"q 1 g {_num(x)} {_num(y)} {_num(size)} {_num(size)} re f "
        f"{_num(unit)} 0 0 {_num(unit)} {_num(x + offset)} {_num(y + offset)} cm 0 g\n"
        f"{ops}\nf{light} Q"
    )
