"""RT review list (Daftar Periksa RT): drawn on the canvas, landscape, A4 or F4.

Why not platypus: ``LongTable`` re-measures the table as it splits, so time grows with the square
of the rows (20,000 rows took 26 s, 40,000 rows 99 s). Here every row has a fixed height, so the
page count is known before drawing (``Halaman n dari m`` without a second pass) and each page is
a constant amount of work. What is the same on every page (header, QR, column heads, one row's
lines and tick boxes) is drawn once into PDF form XObjects and placed by reference, so the cost
per row is just its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

from reportlab.pdfgen.canvas import Canvas

from rentan_desktop.domain.formatting import tanggal, tanggal_pendek
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
from rentan_desktop.io.pdf.types import MM, Paper, RtList, RtListRow

# Result keys printed above the tick boxes; the keying screen uses the same digits.
TICKS = ("1 Sesuai", "2 Pindah", "3 Meninggal", "4 Bukan pekerja rentan")
CORRECTION = "5 Perbaikan (tulis data yang benar)"

MARGIN_X, MARGIN_Y = 12 * MM, 10 * MM
HEADER_H, COLHEAD_H, FOOTER_H, SIGN_H = 31 * MM, 11 * MM, 9 * MM, 36 * MM
ROW_H = 7.5 * MM
BODY_SIZE, BODY_LEADING = 7.5, 8.6
QR_SIZE = 25 * MM
BOX = 3.8 * MM


@dataclass(frozen=True)
class Layout:
    """Page geometry for one paper size."""

    width: float
    height: float
    columns: tuple[tuple[str, float, float], ...]  # (key, x, width)
    table_top: float
    rows_per_page: int
    rows_on_last: int

    def col(self, key: str) -> tuple[float, float]:
        """(x, width) of a column."""
        for name, x, w in self.columns:
            if name == key:
                return x, w
        raise KeyError(key)


def layout(paper: Paper) -> Layout:
    """Column positions and rows per page for ``paper`` in landscape."""
    width, height = paper.landscape
    usable = width - 2 * MARGIN_X
    fixed = {"no": 9, "nik": 30, "lahir": 18, "t0": 13, "t1": 13, "t2": 15, "t3": 17}
    flex = {"nama": 0.25, "alamat": 0.30, "pekerjaan": 0.17, "perbaikan": 0.28}
    spare = usable - sum(fixed.values()) * MM
    order = (
        "no",
        "nama",
        "nik",
        "lahir",
        "alamat",
        "pekerjaan",
        "t0",
        "t1",
        "t2",
        "t3",
        "perbaikan",
    )
    columns = []
    x = MARGIN_X
    for key in order:
        w = fixed[key] * MM if key in fixed else spare * flex[key]
        columns.append((key, x, w))
        x += w
    table_top = height - MARGIN_Y - HEADER_H - COLHEAD_H
    space = table_top - MARGIN_Y - FOOTER_H
    return Layout(
        width,
        height,
        tuple(columns),
        table_top,
        floor(space / ROW_H),
        floor((space - SIGN_H) / ROW_H),
    )


def paginate(count: int, per_page: int, on_last: int) -> list[tuple[int, int]]:
    """Row slices ``(start, stop)`` per page; the last page keeps room for the signatures."""
    if count <= on_last:
        return [(0, count)]
    pages = 1
    while (pages - 1) * per_page + on_last < count:
        pages += 1
    last = min(on_last, max(1, count - (pages - 1) * per_page))
    slices, start = [], 0
    body = count - last
    for _ in range(pages - 1):
        stop = min(start + per_page, body)
        slices.append((start, stop))
        start = stop
    slices.append((start, count))
    return slices


def _header_form(canvas: Canvas, doc: RtList, lay: Layout) -> None:
    regular, bold = fonts.names()
    top = lay.height - MARGIN_Y
    canvas.beginForm("rt_header")
    canvas.setFont(bold, 12)
    canvas.drawString(MARGIN_X, top - 12, "DAFTAR PERIKSA PEKERJA RENTAN TINGKAT RT")
    canvas.setFont(regular, 8.5)
    canvas.drawString(
        MARGIN_X,
        top - 24,
        "Bantuan iuran BPJS Ketenagakerjaan (Jaminan Kecelakaan "
        f"Kerja dan Jaminan Kematian) tahun {doc.periode}",
    )
    labels = (
        ("Kabupaten", doc.region.kabupaten),
        ("Kecamatan", doc.region.kecamatan),
        ("Desa/Kelurahan", doc.region.desa),
        ("RT / RW", f"{doc.rt} / {doc.rw or 'semua RW'}"),
        ("Tanggal cetak", tanggal(doc.printed_on)),
    )
    y = top - 38
    for index, (label, value) in enumerate(labels):
        x = MARGIN_X + (index % 2) * 95 * MM
        if index and index % 2 == 0:
            y -= 11
        canvas.setFont(regular, 9)
        canvas.drawString(x, y, label)
        canvas.setFont(bold, 9)
        canvas.drawString(x + 27 * MM, y, f": {value}")
    canvas.setFont(regular, 7.5)
    canvas.drawString(
        MARGIN_X,
        lay.table_top + COLHEAD_H + 3,
        "Petunjuk: beri tanda \u2713 pada SATU kolom untuk setiap orang. Jika ada data "
        "yang salah, centang kolom 5 dan tulis data yang benar.",
    )
    qr_x = lay.width - MARGIN_X - QR_SIZE
    qr.draw(canvas, doc.list_code, qr_x, top - QR_SIZE + 2 * MM, QR_SIZE)
    canvas.setFont(bold, 9)
    canvas.drawRightString(qr_x - 2 * MM, top - 12, f"Kode daftar: {doc.list_code}")
    _column_heads(canvas, lay)
    canvas.endForm()


def _column_heads(canvas: Canvas, lay: Layout) -> None:
    _, bold = fonts.names()
    top, bottom = lay.table_top + COLHEAD_H, lay.table_top
    canvas.setFillGray(0.9)
    canvas.rect(MARGIN_X, bottom, lay.width - 2 * MARGIN_X, COLHEAD_H, stroke=0, fill=1)
    canvas.setFillGray(0)
    titles = {
        "no": "No",
        "nama": "Nama",
        "nik": "NIK",
        "lahir": "Tgl lahir",
        "alamat": "Alamat",
        "pekerjaan": "Pekerjaan",
        "t0": TICKS[0],
        "t1": TICKS[1],
        "t2": TICKS[2],
        "t3": TICKS[3],
        "perbaikan": CORRECTION,
    }
    size = 6.8
    for key, x, w in lay.columns:
        lines = fonts.wrap(titles[key], bold, size, w - 2, 3)
        y = bottom + COLHEAD_H / 2 + (len(lines) - 1) * (size + 1) / 2 - size / 3
        canvas.setFont(bold, size)
        for line in lines:
            canvas.drawCentredString(x + w / 2, y, line)
            y -= size + 1
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN_X, bottom, lay.width - 2 * MARGIN_X, top - bottom)
    for _, x, _w in lay.columns[1:]:
        canvas.line(x, bottom, x, top)


def _row_form(canvas: Canvas, lay: Layout) -> None:
    """One row's cell borders and tick boxes, drawn with its top-left at the origin."""
    canvas.beginForm("rt_row", 0, -ROW_H, lay.width, 0)
    canvas.setLineWidth(0.4)
    right = lay.width - MARGIN_X
    canvas.line(MARGIN_X, -ROW_H, right, -ROW_H)
    canvas.line(MARGIN_X, 0, MARGIN_X, -ROW_H)
    for _, x, _w in lay.columns[1:]:
        canvas.line(x, 0, x, -ROW_H)
    canvas.line(right, 0, right, -ROW_H)
    canvas.setLineWidth(0.7)
    for key in ("t0", "t1", "t2", "t3"):
        x, w = lay.col(key)
        canvas.rect(x + (w - BOX) / 2, -(ROW_H + BOX) / 2, BOX, BOX)
    x, w = lay.col("perbaikan")
    canvas.rect(x + 1.5 * MM, -(ROW_H + BOX) / 2, BOX, BOX)
    canvas.endForm()


def _cell_lines(text: str, width: float) -> list[str]:
    return fonts.wrap(text, fonts.names()[0], BODY_SIZE, width - 5, 2)


def _draw_rows(canvas: Canvas, lay: Layout, rows: tuple[RtListRow, ...]) -> None:
    regular = fonts.names()[0]
    text = canvas.beginText()
    text.setFont(regular, BODY_SIZE)
    simple = [lay.col("no"), lay.col("nik"), lay.col("lahir")]
    wrapped = [lay.col("nama"), lay.col("alamat"), lay.col("pekerjaan")]
    y = lay.table_top
    for row in rows:
        canvas.saveState()
        canvas.translate(0, y)
        canvas.doForm("rt_row")
        canvas.restoreState()
        middle = y - ROW_H / 2 - BODY_SIZE / 3
        for (x, _w), value in zip(
            simple, (str(row.no), row.nik_masked, tanggal_pendek(row.tanggal_lahir)), strict=True
        ):
            text.setTextOrigin(x + 2.5, middle)
            text.textOut(value)
        for (x, w), value in zip(wrapped, (row.nama, row.alamat, row.pekerjaan), strict=True):
            lines = _cell_lines(value, w)
            line_y = middle + (len(lines) - 1) * BODY_LEADING / 2
            for line in lines:
                text.setTextOrigin(x + 2.5, line_y)
                text.textOut(line)
                line_y -= BODY_LEADING
        y -= ROW_H
    canvas.drawText(text)


def _footer(canvas: Canvas, doc: RtList, lay: Layout, number: int, total: int) -> None:
    regular, bold = fonts.names()
    y = MARGIN_Y + 2
    canvas.setFont(regular, 8)
    office = f" \u00b7 {doc.office_name}" if doc.office_name else ""
    canvas.drawString(MARGIN_X, y, f"Kode daftar {doc.list_code}{office}")
    canvas.drawCentredString(lay.width / 2, y, "Paraf Ketua RT: ____________")
    canvas.setFont(bold, 8)
    canvas.drawRightString(lay.width - MARGIN_X, y, page_label(number, total))


def _signature(canvas: Canvas, doc: RtList, top: float, lay: Layout) -> None:
    regular, bold = fonts.names()
    y = top - 8 * MM
    canvas.setFont(regular, 9)
    canvas.drawString(MARGIN_X, y, f"Jumlah orang dalam daftar: {len(doc.rows)}")
    canvas.drawString(MARGIN_X, y - 12, "Jumlah yang diberi tanda: ________")
    x = lay.width - MARGIN_X - 75 * MM
    canvas.drawString(x, y, f"{doc.region.desa}, ______________________")
    canvas.drawString(x, y - 12, f"Ketua RT {doc.rt}" + (f" / RW {doc.rw}" if doc.rw else ""))
    canvas.drawString(x, y - 12 - 17 * MM, "(____________________________)")
    canvas.setFont(regular, 7)
    canvas.drawString(x, y - 12 - 17 * MM - 9, "nama jelas dan tanda tangan")
    canvas.setFont(bold, 9)


def render(
    doc: RtList,
    target: Target,
    paper: Paper = Paper.A4,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the RT review list as a PDF.

    Args:
        doc: the list; its rows are already in print order with masked NIKs.
        target: file path or binary stream.
        paper: A4 or F4, printed landscape.
        progress: called with (rows done, rows total) every few hundred rows.
        cancelled: polled as often; returning True stops with :class:`RenderCancelled`.

    Returns:
        The number of pages written.
    """
    lay = layout(paper)
    canvas = new_canvas(target, (lay.width, lay.height), f"Daftar Periksa RT {doc.list_code}")
    _header_form(canvas, doc, lay)
    _row_form(canvas, lay)
    slices = paginate(len(doc.rows), lay.rows_per_page, lay.rows_on_last)
    total = len(doc.rows)
    next_report = 0
    for number, (start, stop) in enumerate(slices, start=1):
        if start >= next_report:
            check(start, total, progress, cancelled)
            next_report = start + REPORT_EVERY
        canvas.doForm("rt_header")
        _draw_rows(canvas, lay, doc.rows[start:stop])
        if number == len(slices):
            if not doc.rows:
                canvas.setFont(fonts.names()[0], 9)
                canvas.drawString(MARGIN_X + 2, lay.table_top - 12, "Tidak ada data untuk RT ini.")
            _signature(canvas, doc, lay.table_top - (stop - start) * ROW_H, lay)
        _footer(canvas, doc, lay, number, len(slices))
        canvas.showPage()
    canvas.save()
    check(total, total, progress, None)
    return len(slices)
