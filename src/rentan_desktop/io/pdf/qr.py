"""The fastest QR path we found for reportlab: qrcode with a fixed mask, drawn as one path.

Measured on the development machine (alphanumeric card tokens, about 180 characters, level M):
reportlab's own QR widget manages about 24 codes/s, ``qrcode`` with mask selection about 75/s and
``qrcode`` with a fixed mask about 450-1,200/s, because choosing the mask (eight trial placements
scored by penalty rules) is most of its work. A fixed mask costs a little scan robustness, which
level M error correction more than covers on a laser-printed card.

Drawing: each row's dark modules are merged into horizontal runs and the whole code becomes ONE
PDF path of integer ``re`` operators in module units under a single ``cm`` scale, filled once.
One fill of one path leaves no anti-aliasing seams between modules (separate rectangles do), and
integer operators are cheap to format. Operators are cached per text, so a list code drawn on
every page of a 5,000-page RT list is encoded once.
"""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

# Any fixed pattern decodes; 2 (vertical stripes every third column) scored well on card tokens.
MASK_PATTERN = 2
QUIET_MODULES = 4  # the quiet zone the QR standard asks for, in modules
_DARK_RUN = re.compile(b"\x01+")


@lru_cache(maxsize=256)
def modules(text: str) -> tuple[bytes, ...]:
    """The QR matrix of ``text`` as rows of 0/1 bytes (top row first), error correction M."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, mask_pattern=MASK_PATTERN, border=0)
    code.add_data(text)
    code.make(fit=True)
    return tuple(bytes(row) for row in code.modules)


@lru_cache(maxsize=256)
def path_operators(text: str) -> tuple[int, str]:
    """``(module_count, operators)``: the dark modules as ``x y w h re`` in module units, y up."""
    rows = modules(text)
    count = len(rows)
    ops: list[str] = []
    append = ops.append
    for index, row in enumerate(rows):
        y = count - 1 - index  # PDF y grows upwards; row 0 is the top
        for run in _DARK_RUN.finditer(row):
            start, end = run.span()
            append(f"{start} {y} {end - start} 1 re")
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
