"""Proof-of-coverage cards (Bukti Kepesertaan): 85.6 x 54 mm, ten per sheet, with cut marks.

The cards sit edge to edge in a 2 x 5 grid so one straight cut separates two cards; cut marks in
the margin line up with every cut and a light outline helps when cutting with scissors. What is
the same on every card of a sheet (band, labels) and on every sheet (marks, outlines) is drawn once
as a form XObject, so a card costs its own values and its QR code.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.io.pdf import fonts, qr
from rentan_desktop.io.pdf.common import (
    REPORT_EVERY,
    Cancelled,
    Progress,
    Target,
    check,
    new_canvas,
    page_label,
)
from rentan_desktop.io.pdf.types import MM, Card, Paper

CARD_W, CARD_H = 85.6 * MM, 54 * MM
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
BAND_H = 10.5 * MM
QR_SIZE = 23 * MM
PAD = 2.5 * MM
MARK_GAP, MARK_LEN = 2 * MM, 5 * MM
BAND_RGB = (0.05, 0.36, 0.27)  # dark green: prints legibly in colour and in grey
LINE = 8.2  # points between label rows; fills the card down to the issuing line
LABELS = ("NIK", "KPJ", "Tgl lahir", "Desa/Kel.", "Program", "Periode", "Sumber dana")


def grid_origin(paper: Paper) -> tuple[float, float]:
    """Lower-left corner of the card grid, centred on the portrait page."""
    width, height = paper.size
    return (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2


def card_origin(paper: Paper, slot: int) -> tuple[float, float]:
    """Lower-left corner of card ``slot`` (0-9, left to right, top to bottom)."""
    left, bottom = grid_origin(paper)
    column, row = slot % COLUMNS, slot // COLUMNS
    return left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H


def _sheet_form(canvas: Canvas, paper: Paper) -> None:
    left, bottom = grid_origin(paper)
    right, top = left + COLUMNS * CARD_W, bottom + ROWS * CARD_H
    canvas.beginForm("card_sheet")
    canvas.setStrokeGray(0.75)
    canvas.setLineWidth(0.25)
    for column in range(COLUMNS + 1):
        x = left + column * CARD_W
        canvas.line(x, bottom, x, top)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_H
        canvas.line(left, y, right, y)
    canvas.setStrokeGray(0)
    canvas.setLineWidth(0.4)
    for column in range(COLUMNS + 1):  # marks outside the grid, in line with every cut
        x = left + column * CARD_W
        canvas.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN)
        canvas.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LEN)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_H
        canvas.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LEN, y)
        canvas.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)
    canvas.endForm()


def _face_form(canvas: Canvas, name: str, card: Card) -> None:
    """Band and labels for one (kabupaten, programme), drawn at the card's lower-left corner."""
    regular, bold = fonts.names()
    canvas.beginForm(name, 0, 0, CARD_W, CARD_H)
    canvas.setFillColorRGB(*BAND_RGB)
    canvas.rect(0, CARD_H - BAND_H, CARD_W, BAND_H, stroke=0, fill=1)
    canvas.setFillGray(1)
    canvas.setFont(bold, 7.2)
    title = f"PEMERINTAH {card.kabupaten.upper()}"
    canvas.drawString(PAD, CARD_H - 4.2 * MM, fonts.fit(title, bold, 7.2, CARD_W - 2 * PAD))
    canvas.setFont(regular, 6)
    subtitle = f"BUKTI KEPESERTAAN \u00b7 {card.programme}"
    canvas.drawString(PAD, CARD_H - 8 * MM, fonts.fit(subtitle, regular, 6, CARD_W - 2 * PAD))
    canvas.setFillGray(0.35)
    canvas.setFont(regular, 5.6)
    y = CARD_H - BAND_H - 9.3 * MM
    for label in LABELS:
        canvas.drawString(PAD, y, label)
        y -= LINE
    canvas.setFont(regular, 4.8)
    canvas.drawCentredString(CARD_W - PAD - QR_SIZE / 2, 3.2 * MM - 6, "pindai untuk verifikasi")
    canvas.endForm()


def _values(card: Card) -> tuple[str, ...]:
    period = f"{tanggal(card.coverage_start)} \u2013 {tanggal(card.coverage_end)}"
    born = tanggal(card.tanggal_lahir) if card.tanggal_lahir else "-"
    desa = card.desa or "-"
    return (card.nik_masked, card.kpj or "-", born, desa, "JKK dan JKM", period, card.funder)


def _draw_card(canvas: Canvas, card: Card, x: float, y: float, face: str) -> None:
    regular, bold = fonts.names()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(face)
    text_w = CARD_W - QR_SIZE - 2 * PAD - 1 * MM
    canvas.setFont(bold, 8.6)
    canvas.drawString(PAD, CARD_H - BAND_H - 4.6 * MM, fonts.fit(card.nama, bold, 8.6, text_w))
    canvas.setFont(regular, 6.4)
    value_x = PAD + 13.5 * MM
    row_y = CARD_H - BAND_H - 9.3 * MM
    for value in _values(card):
        canvas.drawString(value_x, row_y, fonts.fit(value, regular, 6.4, text_w - 13.5 * MM + 1))
        row_y -= LINE
    canvas.setFont(regular, 5.4)
    issued = f"Diterbitkan {card.office_name}, {tanggal(card.issued_on)}"
    canvas.drawString(PAD, 3.2 * MM - 4, fonts.fit(issued, regular, 5.4, text_w))
    qr.draw(canvas, card.token, CARD_W - PAD - QR_SIZE + 1 * MM, 3.2 * MM, QR_SIZE)
    canvas.restoreState()


def render(
    cards: Sequence[Card],
    target: Target,
    paper: Paper = Paper.A4,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write card sheets (portrait, ten cards per sheet) as a PDF.

    Args:
        cards: in print order.
        target: file path or binary stream.
        paper: A4 or F4.
        progress: called with (cards done, cards total).
        cancelled: polled every few hundred cards; True stops with :class:`RenderCancelled`.

    Returns:
        The number of sheets written.
    """
    canvas = new_canvas(target, paper.size, "Bukti Kepesertaan")
    _sheet_form(canvas, paper)
    faces: dict[tuple[str, str], str] = {}
    sheets = max(1, -(-len(cards) // PER_SHEET))
    regular = fonts.names()[0]
    width = paper.size[0]
    for sheet in range(sheets):
        canvas.doForm("card_sheet")
        for slot, card in enumerate(cards[sheet * PER_SHEET : (sheet + 1) * PER_SHEET]):
            done = sheet * PER_SHEET + slot
            if done % REPORT_EVERY == 0:
                check(done, len(cards), progress, cancelled)
            key = (card.kabupaten, card.programme)
            if key not in faces:
                faces[key] = f"card_face_{len(faces)}"
                _face_form(canvas, faces[key], card)
            x, y = card_origin(paper, slot)
            _draw_card(canvas, card, x, y, faces[key])
        canvas.setFont(regular, 7)
        canvas.setFillGray(0.4)
        canvas.drawRightString(width - 10 * MM, 3.5 * MM, page_label(sheet + 1, sheets))
        canvas.showPage()
    canvas.save()
    check(len(cards), len(cards), progress, None)
    return sheets
