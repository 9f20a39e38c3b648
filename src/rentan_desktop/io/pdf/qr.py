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
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.io.pdf.qr_encode import encode

QUIET_MODULES = 4  # the quiet zone the QR standard asks for, in modules
_DARK_RUN = re.compile(b"\x01+")


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


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def draw(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``text`` with its lower-left corner at (x, y), ``size`` points wide.

    ``size`` includes the quiet zone, which is painted white so the code scans on a tinted area.
    """
    count, ops = path_operators(text)
    unit = size / (count + 2 * QUIET_MODULES)
    offset = QUIET_MODULES * unit
    canvas.addLiteral(
        f"q 1 g {_num(x)} {_num(y)} {_num(size)} {_num(size)} re f "
        f"{_num(unit)} 0 0 {_num(unit)} {_num(x + offset)} {_num(y + offset)} cm 0 g\n"
        f"{ops}\nf Q"
    )
