"""Flowing documents (handover report, registration form) built with platypus.

These documents are a page or a few, so platypus' convenience costs nothing; the RT list and the
card sheets, which can run to thousands of pages, are drawn on the canvas instead. ``Halaman n
dari m`` needs the page count before the first page is finished, so :func:`build` lays the story
out once into memory to count pages and then again into the target.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.tables import TableStyle

from rentan_desktop.io.pdf import fonts
from rentan_desktop.io.pdf.common import Target, actual_size_note, page_label
from rentan_desktop.io.pdf.types import MM, Paper, Party, Region

MARGIN = 20 * MM
StoryFactory = Callable[[], list[Flowable]]


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the embedded font."""
    regular, bold = fonts.names()
    base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "head": ParagraphStyle(
            "head", parent=base, fontName=bold, fontSize=11, leading=14, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=bold,
            fontSize=13,
            leading=17,
            alignment=TA_CENTER,
            spaceBefore=6,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER),
        "section": ParagraphStyle(  # a heading never ends a page without its table
            "section", parent=base, fontName=bold, spaceBefore=8, spaceAfter=3, keepWithNext=1
        ),
        "address": ParagraphStyle(
            "address", parent=base, fontSize=8.5, leading=11, alignment=TA_CENTER
        ),
    }


def escape(text: str) -> str:
    """Text made safe for platypus' mini-markup (names may contain ``&`` or ``<``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def letterhead(region: Region, office_name: str, address: str = "") -> list[Flowable]:
    """The office's letterhead (kop surat): government, office, address line, double rule."""
    st = styles()
    lines = [Paragraph(escape(f"PEMERINTAH {region.kabupaten.upper()}"), st["head"])]
    if office_name:
        lines.append(Paragraph(escape(office_name.upper()), st["head"]))
    if address:
        lines.append(Paragraph(escape(address), st["address"]))
    rule = Table([[""]], colWidths=["100%"], rowHeights=[3])
    rule.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 1.6, "black"),
                ("LINEABOVE", (0, 0), (-1, -1), 0.5, "black"),
            ]
        )
    )
    return [*lines, Spacer(1, 1.5 * MM), rule, Spacer(1, 4 * MM)]


def signatures(
    parties: Sequence[tuple[str, Party]], width: float, extra: Flowable | None = None
) -> Flowable:
    """Signature blocks side by side: caption, role, room to sign, name and NIP, kept together.

    ``extra`` (a thumbprint box) takes a last column of its own width.
    """
    return KeepTogether([Spacer(1, 6 * MM), signature_table(parties, width, extra)])


def signature_table(
    parties: Sequence[tuple[str, Party]], width: float, extra: Flowable | None = None
) -> Table:
    """The table of :func:`signatures`, for a caller that keeps it together with more."""
    st = styles()
    cells: list[list[Flowable]] = []
    for caption, party in parties:
        name = escape(party.name) if party.name else "_" * 24
        nip = f"NIP {escape(party.nip)}" if party.nip else "NIP ____________________"
        cells.append(
            [
                Paragraph(escape(caption), st["cell"]),
                Paragraph(escape(party.role) or "&nbsp;", st["cell"]),
                Spacer(1, 18 * MM),
                Paragraph(f"<u>{name}</u>" if party.name else name, st["cell"]),
                Paragraph(nip if party.with_nip else "&nbsp;", st["small"]),
            ]
        )
    widths = [width / len(cells)] * len(cells)
    if extra is not None:
        extra_w = extra.wrap(width, 1000)[0]
        widths = [(width - extra_w) / len(cells)] * len(cells) + [extra_w]
        cells.append([extra])
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _footer(total: int | None, code: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        regular = fonts.names()[0]
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillGray(0.3)
        canvas.drawString(MARGIN, 10 * MM, code)
        count = total if total is not None else 999
        canvas.drawRightString(
            doc.pagesize[0] - MARGIN, 10 * MM, page_label(canvas.getPageNumber(), count)
        )
        canvas.restoreState()
        actual_size_note(canvas, doc.pagesize[0])

    return draw


def build(story: StoryFactory, target: Target, paper: Paper, title: str, code: str) -> int:
    """Lay out ``story()`` on ``paper`` (portrait) with a numbered footer; returns the page count."""
    counter = io.BytesIO()
    first = SimpleDocTemplate(
        counter,
        pagesize=paper.size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * MM,
        bottomMargin=18 * MM,
    )
    first.build(story(), onFirstPage=_footer(None, code), onLaterPages=_footer(None, code))
    pages = first.page
    out = str(target) if isinstance(target, Path) else target
    doc = SimpleDocTemplate(
        out,
        pagesize=paper.size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * MM,
        bottomMargin=18 * MM,
        title=title,
        author="Rentan Desktop",
        creator="Rentan Desktop",
    )
    doc.build(story(), onFirstPage=_footer(pages, code), onLaterPages=_footer(pages, code))
    return pages


def content_width(paper: Paper) -> float:
    """Width between the margins in points."""
    return paper.size[0] - 2 * MARGIN


def grid(
    data: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    row_heights: Sequence[float | None] | None = None,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """The documents' table: 9 pt text in a thin black grid, a grey heading row repeated on every
    page, cells centred vertically; ``extra`` style commands apply after these."""
    table = Table(data, colWidths=list(widths), repeatRows=1, rowHeights=row_heights)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.names()[0]),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *extra,
            ]
        )
    )
    return table
