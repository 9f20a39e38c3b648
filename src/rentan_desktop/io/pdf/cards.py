"""Coverage cards (Kartu Peserta): 85.6 x 54 mm, ten per sheet, fronts and duplex-aligned backs.

The cards sit edge to edge in a 2 x 5 grid so one straight cut separates two cards; cut marks in
the margin line up with every cut and a light outline helps when cutting with scissors. Nothing
printed lies within :data:`SAFE` (3 mm) of a cut line, so a cut a little off still leaves every
letter and the QR code whole.

Front: the holder's name (wrapped, shrunk to no less than 7 pt, never cut), NIK as the one mask
(last four digits), KPJ, birth year, programme (JKK + JKM), coverage period, funder, issuing office,
the accident rule in one line and the QR code. Back (printed on the reverse, mirrored so each back
lands behind its front on a long-edge duplex print): what to do after a work accident, the BPJS
call centre 175, the funder and the KPJ again, because the back is what the holder reads when it
matters.

The QR code is version 6 (41 x 41 modules) at error-correction level M (15 %) for a version-2
token (about 239 digits in numeric mode; version 6-M holds up to 255), drawn with 0.6 mm modules
(29.4 mm with its four-module quiet zone) and every dark area narrowed by a fifth of a module
(0.06 mm on each side) against ink spread. Why: zbar, the decoder many scanners and phone apps
use, thresholds each pixel against the mean of a window up to 256 pixels wide; on a scanned
photocopy (blurred, grey, washed out) near the code's edge that window takes in the white margin,
so light modules squeezed between dark ones read as dark. With 0.55 mm full-size modules zbar lost
almost every card of a scanned sheet after 0.2 mm of blur while zxing-cpp read them all; with
0.6 mm modules and the narrowing it reads every cut card copied at 150 and 300 dpi and 96-100 %
of the cards on whole scanned sheets (see tests/test_card_print.py). A 0.2 mm Gaussian blur is a poor copy: a 300 dpi office copier
resolves finer detail than that.

What is the same on every card of a sheet (band, labels) and on every sheet (marks, outlines) is
drawn once as a form XObject, so a card costs its own values and its QR code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.io.pdf import fonts, qr
from rentan_desktop.io.pdf.common import (
    REPORT_EVERY,
    Cancelled,
    Progress,
    Target,
    actual_size_note,
    check,
    new_canvas,
    page_label,
)
from rentan_desktop.io.pdf.types import MM, Card, Paper

CARD_W, CARD_H = 85.6 * MM, 54 * MM
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
SAFE = 3 * MM  # nothing printed closer than this to a cut line
MODULE = 0.6 * MM  # QR module: >= 0.5 mm survives a photocopier's blur
QR_GAIN = 0.2  # share of a module taken off every dark area (ink-spread compensation)
QR_MODULES = 41 + 2 * qr.QUIET_MODULES  # version 6 with its quiet zone
QR_SIZE = QR_MODULES * MODULE
BAND_H = 8.2 * MM
MARK_GAP, MARK_LEN = 2 * MM, 5 * MM
BAND_RGB = (0.05, 0.36, 0.27)  # dark green: prints legibly in colour and in grey
NAME_SIZE, NAME_FLOOR = 9.0, 7.0
VALUE_SIZE, VALUE_FLOOR = 6.4, 5.6
LABEL_SIZE = 5.6
LINE = 7.6  # points between value rows
LABELS = ("NIK", "KPJ", "Tahun lahir", "Program", "Periode", "Sumber dana")
LABEL_W = 13.5 * MM
TEXT_X = SAFE
TEXT_W = CARD_W - 2 * SAFE - QR_SIZE - 1.5 * MM
QR_X = CARD_W - SAFE - QR_SIZE
QR_Y = SAFE + 2.6 * MM  # the caption sits below it, inside the safe area
CALL_CENTRE = "175"
ACCIDENT_LINE = "Kecelakaan kerja: lapor BPJS maks. 2 x 24 jam, bawa kartu + e-KTP. Telp. 175"
BACK_TITLE = "JIKA TERJADI KECELAKAAN KERJA"
BACK_STEPS = (
    "1. Utamakan pertolongan: bawa ke puskesmas/rumah sakit terdekat, sebutkan peserta "
    "BPJS Ketenagakerjaan.",
    "2. Laporkan ke BPJS Ketenagakerjaan paling lambat 2 x 24 jam dengan membawa kartu ini "
    "dan e-KTP.",
    "3. Jika peserta meninggal dunia, ahli waris melapor ke kantor BPJS Ketenagakerjaan "
    "dengan kartu ini, e-KTP dan surat kematian (klaim JKM).",
)


@dataclass(frozen=True)
class TextBox:
    """Where one piece of text was drawn on a card, for the overflow and safe-area tests."""

    text: str
    font: str
    size: float
    x: float
    y: float  # baseline
    max_width: float


def grid_origin(paper: Paper) -> tuple[float, float]:
    """Lower-left corner of the card grid, centred on the portrait page."""
    width, height = paper.size
    return (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2


def card_origin(paper: Paper, slot: int, back: bool = False) -> tuple[float, float]:
    """Lower-left corner of card ``slot`` (0-9, left to right, top to bottom).

    On the back of the sheet the columns swap: a long-edge duplex print turns the sheet over its
    vertical axis, so the back of the left card is printed on the right.
    """
    left, bottom = grid_origin(paper)
    column, row = slot % COLUMNS, slot // COLUMNS
    if back:
        column = COLUMNS - 1 - column
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


def band_texts(card: Card) -> list[TextBox]:
    """The band's two lines (same on every card of a kabupaten)."""
    regular, bold = fonts.names()
    width = CARD_W - 2 * SAFE - 2 * MM
    title = f"PEMERINTAH {card.kabupaten.upper()}"
    subtitle = "KARTU PESERTA BPJS KETENAGAKERJAAN \u00b7 BANTUAN IURAN"
    top = CARD_H - SAFE
    title_size, _ = fonts.shrink_wrap(title, bold, 7.2, 5.0, width, 1)
    sub_size, _ = fonts.shrink_wrap(subtitle, regular, 5.6, 4.5, width, 1)
    return [
        TextBox(title, bold, title_size, SAFE + 1 * MM, top - 3.4 * MM, width),
        TextBox(subtitle, regular, sub_size, SAFE + 1 * MM, top - 6.6 * MM, width),
    ]


def _face_form(canvas: Canvas, name: str, card: Card) -> None:
    """Band and labels for one kabupaten, drawn at the card's lower-left corner."""
    regular, _ = fonts.names()
    canvas.beginForm(name, 0, 0, CARD_W, CARD_H)
    canvas.setFillColorRGB(*BAND_RGB)
    canvas.roundRect(SAFE, CARD_H - SAFE - BAND_H, CARD_W - 2 * SAFE, BAND_H, 1.2 * MM, 0, 1)
    canvas.setFillGray(1)
    for box in band_texts(card):
        canvas.setFont(box.font, box.size)
        canvas.drawString(box.x, box.y, box.text)
    canvas.setFillGray(0.35)
    canvas.setFont(regular, 4.8)
    canvas.drawCentredString(QR_X + QR_SIZE / 2, SAFE + 0.8 * MM, "pindai untuk verifikasi")
    canvas.endForm()


def values(card: Card) -> tuple[str, ...]:
    """The printed values, in :data:`LABELS` order."""
    period = f"{tanggal(card.coverage_start)} \u2013 {tanggal(card.coverage_end)}"
    return (
        card.nik_masked or "-",
        card.kpj or "-",
        card.birth_year or "-",
        "JKK + JKM",
        period,
        card.funder or "-",
    )


def front_texts(card: Card) -> list[TextBox]:
    """Every piece of text on a card's front except the band, with its position and room."""
    regular, bold = fonts.names()
    out: list[TextBox] = []
    y = CARD_H - SAFE - BAND_H - 3.4 * MM
    size, lines = fonts.shrink_wrap(card.nama, bold, NAME_SIZE, NAME_FLOOR, TEXT_W, 2)
    for line in lines:
        out.append(TextBox(line, bold, size, TEXT_X, y, TEXT_W))
        y -= size + 1
    y -= 2.2
    value_w = TEXT_W - LABEL_W
    for label, value in zip(LABELS, values(card), strict=True):
        out.append(TextBox(label, regular, LABEL_SIZE, TEXT_X, y, LABEL_W - 1))
        vsize, vlines = fonts.shrink_wrap(value, regular, VALUE_SIZE, VALUE_FLOOR, value_w, 1)
        for line in vlines:
            out.append(TextBox(line, regular, vsize, TEXT_X + LABEL_W, y, value_w))
            y -= LINE
    issued = f"Diterbitkan {card.office_name}, {tanggal(card.issued_on)}"
    note_size, note_lines = fonts.shrink_wrap(ACCIDENT_LINE, bold, 5.2, 4.6, TEXT_W, 2)
    issued_size, issued_lines = fonts.shrink_wrap(issued, regular, 5.2, 4.6, TEXT_W, 2)
    y = SAFE + 0.6 * MM + (len(issued_lines) - 1) * (issued_size + 0.6)
    for line in issued_lines:
        out.append(TextBox(line, regular, issued_size, TEXT_X, y, TEXT_W))
        y -= issued_size + 0.6
    y = SAFE + 0.6 * MM + len(issued_lines) * (issued_size + 0.6) + 1.2
    y += (len(note_lines) - 1) * (note_size + 0.6)
    for line in note_lines:
        out.append(TextBox(line, bold, note_size, TEXT_X, y, TEXT_W))
        y -= note_size + 0.6
    return out


def back_texts(card: Card) -> list[TextBox]:
    """Every piece of text on a card's back, top to bottom."""
    regular, bold = fonts.names()
    width = CARD_W - 2 * SAFE
    out: list[TextBox] = []
    y = CARD_H - SAFE - 2.6 * MM
    out.append(TextBox(BACK_TITLE, bold, 7.4, SAFE, y, width))
    y -= 9
    for step in BACK_STEPS:
        for line in fonts.wrap_all(step, regular, 6.2, width):
            out.append(TextBox(line, regular, 6.2, SAFE, y, width))
            y -= 7.2
        y -= 1.2
    y -= 1
    facts = (
        f"Layanan BPJS Ketenagakerjaan: telepon {CALL_CENTRE}",
        f"Peserta {card.nama} \u00b7 KPJ {card.kpj or '-'}",
        f"Iuran JKK dan JKM dibayar oleh {card.funder or '-'}",
        f"Berlaku {tanggal(card.coverage_start)} \u2013 {tanggal(card.coverage_end)}",
        f"Kartu hilang atau data salah? Hubungi {card.office_name or 'kantor kecamatan'}.",
    )
    for index, fact in enumerate(facts):
        font = bold if index == 0 else regular
        fsize, flines = fonts.shrink_wrap(fact, font, 6.4, 5.4, width, 1)
        for line in flines:
            out.append(TextBox(line, font, fsize, SAFE, y, width))
            y -= fsize + 1.8
    return out


def _draw_texts(canvas: Canvas, boxes: Sequence[TextBox]) -> None:
    text = canvas.beginText()
    for box in boxes:
        text.setFont(box.font, box.size)
        text.setTextOrigin(box.x, box.y)
        text.textOut(box.text)
    canvas.drawText(text)


def _draw_card(canvas: Canvas, card: Card, x: float, y: float, face: str) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(face)
    _draw_texts(canvas, front_texts(card))
    qr.draw(canvas, card.token, QR_X, QR_Y, QR_SIZE, QR_GAIN)
    canvas.restoreState()


def _draw_back(canvas: Canvas, card: Card, x: float, y: float) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    canvas.setStrokeColorRGB(*BAND_RGB)
    canvas.setLineWidth(0.8)
    canvas.line(SAFE, CARD_H - SAFE, CARD_W - SAFE, CARD_H - SAFE)
    _draw_texts(canvas, back_texts(card))
    canvas.restoreState()


def _margin(canvas: Canvas, paper: Paper, sheet: int, sheets: int, side: str) -> None:
    width = paper.size[0]
    canvas.setFont(fonts.names()[0], 7)
    canvas.setFillGray(0.4)
    canvas.drawRightString(width - 10 * MM, 5 * MM, f"{page_label(sheet, sheets)} \u00b7 {side}")
    actual_size_note(canvas, width)


def render(
    cards: Sequence[Card],
    target: Target,
    paper: Paper = Paper.A4,
    *,
    backs: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write card sheets (portrait, ten cards per sheet) as a PDF.

    Args:
        cards: in print order.
        target: file path or binary stream.
        paper: A4 or F4.
        backs: after each sheet of fronts, a sheet of backs for long-edge duplex printing.
        progress: called with (cards done, cards total).
        cancelled: polled every few hundred cards; True stops with :class:`RenderCancelled`.

    Returns:
        The number of pages written (two per sheet with backs, one without).
    """
    canvas = new_canvas(target, paper.size, "Kartu Peserta")
    _sheet_form(canvas, paper)
    faces: dict[str, str] = {}
    sheets = max(1, -(-len(cards) // PER_SHEET))
    for sheet in range(sheets):
        chunk = cards[sheet * PER_SHEET : (sheet + 1) * PER_SHEET]
        canvas.doForm("card_sheet")
        for slot, card in enumerate(chunk):
            done = sheet * PER_SHEET + slot
            if done % REPORT_EVERY == 0:
                check(done, len(cards), progress, cancelled)
            if card.kabupaten not in faces:
                faces[card.kabupaten] = f"card_face_{len(faces)}"
                _face_form(canvas, faces[card.kabupaten], card)
            x, y = card_origin(paper, slot)
            _draw_card(canvas, card, x, y, faces[card.kabupaten])
        _margin(canvas, paper, sheet + 1, sheets, "depan")
        canvas.showPage()
        if backs:
            canvas.doForm("card_sheet")
            for slot, card in enumerate(chunk):
                x, y = card_origin(paper, slot, back=True)
                _draw_back(canvas, card, x, y)
            _margin(canvas, paper, sheet + 1, sheets, "belakang (cetak bolak-balik, sisi panjang)")
            canvas.showPage()
    canvas.save()
    check(len(cards), len(cards), progress, None)
    return sheets * (2 if backs else 1)
