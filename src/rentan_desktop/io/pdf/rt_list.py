"""RT review list (Daftar Periksa RT): drawn on the canvas, landscape, A4 or F4.

Why not platypus: ``LongTable`` re-measures the table as it splits, so time grows with the square
of the rows (20,000 rows took 26 s, 40,000 rows 99 s). Here every row's height is computed once
from its wrapped cells (names and addresses wrap, nothing is ever cut), so the pages are known
before drawing (``Halaman n dari m`` without a second pass) and each page is a constant amount of
work. What is the same on every page (header, QR, column heads, legend) is drawn once into PDF
form XObjects and placed by reference, and so is a single-line row's grid; taller rows draw their
own lines.

What an RT head needs on paper: tick boxes of 5 mm (a pen, not a mouse), one line per result
saying what it means, the date the list must be back, and empty rows for people the office
missed. The NIK is masked to its last four digits and the age is printed instead of the birth
date, so the list cannot be used to rebuild anyone's NIK (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

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
from rentan_desktop.io.pdf.types import MM, Paper, RtList, RtListRow

# Result keys printed above the tick boxes; the keying screen uses the same digits.
TICKS = ("1 Sesuai", "2 Pindah", "3 Meninggal", "4 Bukan pekerja rentan")
CORRECTION = "5 Perbaikan (tulis data yang benar)"
LEGEND = (
    "1 Sesuai: tinggal di RT ini, bekerja sebagai pekerja rentan, datanya benar.",
    "2 Pindah: sudah tidak tinggal di RT ini (tulis ke mana, bila tahu).",
    "3 Meninggal: sudah meninggal dunia (tulis tanggalnya, bila tahu).",
    "4 Bukan pekerja rentan: bergaji tetap (PNS, TNI/Polri, karyawan), mampu, atau sudah "
    "ikut BPJS Ketenagakerjaan sendiri.",
    "5 Perbaikan: orangnya benar tetapi ada data yang salah; tulis yang benar di kolom 5.",
)

MARGIN_X, MARGIN_Y = 12 * MM, 10 * MM
HEADER_H, COLHEAD_H, FOOTER_H, SIGN_H = 27 * MM, 11 * MM, 7 * MM, 30 * MM
LEGEND_LINE, LEGEND_SIZE = 7.0, 6.4
LEGEND_H = (len(LEGEND) + 1) * LEGEND_LINE + 1.5 * MM
ROW_H = 7.5 * MM  # a row of one line; wrapped rows grow by BODY_LEADING per extra line
BODY_SIZE, BODY_LEADING = 7.5, 8.6
QR_SIZE = 25 * MM
BOX = 5.2 * MM  # tick boxes: at least 5 mm for a pen
CELL_PAD = 2.5
WRAPPED = ("nama", "alamat", "pekerjaan")


@dataclass(frozen=True)
class Layout:
    """Page geometry for one paper size."""

    width: float
    height: float
    columns: tuple[tuple[str, float, float], ...]  # (key, x, width)
    table_top: float
    table_bottom: float

    def col(self, key: str) -> tuple[float, float]:
        """(x, width) of a column."""
        for name, x, w in self.columns:
            if name == key:
                return x, w
        raise KeyError(key)

    @property
    def rows_per_page(self) -> int:
        """Single-line rows that fit one page (the benchmark's bare baseline uses it)."""
        return floor((self.table_top - self.table_bottom) / ROW_H)


def layout(paper: Paper) -> Layout:
    """Column positions for ``paper`` in landscape."""
    width, height = paper.landscape
    usable = width - 2 * MARGIN_X
    fixed = {"no": 9, "nik": 27, "umur": 11, "t0": 14, "t1": 14, "t2": 17, "t3": 19}
    flex = {"nama": 0.25, "alamat": 0.30, "pekerjaan": 0.17, "perbaikan": 0.28}
    spare = usable - sum(fixed.values()) * MM
    order = (
        "no",
        "nama",
        "nik",
        "umur",
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
    return Layout(width, height, tuple(columns), table_top, MARGIN_Y + FOOTER_H + LEGEND_H)


def cell_lines(text: str, width: float) -> list[str]:
    """A cell's text on as many lines as it needs in a column ``width`` wide (never cut)."""
    return fonts.wrap_all(text, fonts.names()[0], BODY_SIZE, width - 2 * CELL_PAD)


def row_lines(lay: Layout, row: RtListRow) -> tuple[list[str], list[str], list[str]]:
    """The wrapped name, address and job of a row."""
    return (
        cell_lines(row.nama, lay.col("nama")[1]),
        cell_lines(row.alamat, lay.col("alamat")[1]),
        cell_lines(row.pekerjaan, lay.col("pekerjaan")[1]),
    )


def row_height(lines: int) -> float:
    return ROW_H + max(0, lines - 1) * BODY_LEADING


def paginate(heights: list[float], room: float, room_last: float) -> list[tuple[int, int]]:
    """Row slices ``(start, stop)`` per page; the last page keeps room for the signatures."""
    slices: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for index, height in enumerate(heights):
        if used + height > room and index > start:
            slices.append((start, index))
            start, used = index, 0.0
        used += height
    slices.append((start, len(heights)))
    last_start, last_stop = slices[-1]
    if sum(heights[last_start:last_stop]) > room_last and last_stop - last_start > 0:
        # Move rows off the last page until the signature block fits below them.
        split = last_stop
        while split > last_start and sum(heights[split - 1 : last_stop]) <= room_last:
            split -= 1
        if split == last_start:  # a single row taller than the room: give the signature a page
            slices.append((last_stop, last_stop))
        else:
            slices[-1] = (last_start, split)
            slices.append((split, last_stop))
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
        ("Kembalikan paling lambat", tanggal(doc.return_by) if doc.return_by else "-"),
    )
    y = top - 38
    qr_x = lay.width - MARGIN_X - QR_SIZE
    for index, (label, value) in enumerate(labels):
        x = MARGIN_X + (index % 2) * 105 * MM
        if index and index % 2 == 0:
            y -= 11
        canvas.setFont(regular, 9)
        canvas.drawString(x, y, label)
        canvas.setFont(bold, 9)
        room = (qr_x - 2 * MM if index % 2 else MARGIN_X + 105 * MM) - (x + 40 * MM)
        canvas.drawString(x + 40 * MM, y, ": " + fonts.fit(value, bold, 9, room))
    canvas.setFont(regular, 7.5)
    canvas.drawString(
        MARGIN_X,
        lay.table_top + COLHEAD_H + 3,
        "Petunjuk: beri tanda \u2713 pada SATU kolom untuk setiap orang. Jika ada data "
        "yang salah, centang kolom 5 dan tulis data yang benar. Tulis orang yang belum "
        "ada di daftar pada baris kosong.",
    )
    qr.draw(canvas, doc.list_code, qr_x, top - QR_SIZE + 2 * MM, QR_SIZE)
    canvas.setFont(bold, 9)
    canvas.drawRightString(qr_x - 2 * MM, top - 12, f"Kode daftar: {doc.list_code}")
    _column_heads(canvas, lay)
    _legend(canvas, lay)
    canvas.endForm()


def _legend(canvas: Canvas, lay: Layout) -> None:
    """One line per result code, in the space above the footer on every page."""
    regular, bold = fonts.names()
    y = lay.table_bottom - 1.5 * MM - LEGEND_SIZE
    canvas.setFont(bold, LEGEND_SIZE)
    canvas.drawString(MARGIN_X, y, "Arti kolom (isi satu untuk setiap orang):")
    canvas.setFont(regular, LEGEND_SIZE)
    for line in LEGEND:
        y -= LEGEND_LINE
        canvas.drawString(MARGIN_X + 4 * MM, y, line)


def _column_heads(canvas: Canvas, lay: Layout) -> None:
    _, bold = fonts.names()
    top, bottom = lay.table_top + COLHEAD_H, lay.table_top
    canvas.setFillGray(0.9)
    canvas.rect(MARGIN_X, bottom, lay.width - 2 * MARGIN_X, COLHEAD_H, stroke=0, fill=1)
    canvas.setFillGray(0)
    titles = {
        "no": "No",
        "nama": "Nama",
        "nik": "NIK (4 angka akhir)",
        "umur": "Umur",
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
        lines = fonts.wrap_all(titles[key], bold, size, w - 2)
        y = bottom + COLHEAD_H / 2 + (len(lines) - 1) * (size + 1) / 2 - size / 3
        canvas.setFont(bold, size)
        for line in lines:
            canvas.drawCentredString(x + w / 2, y, line)
            y -= size + 1
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN_X, bottom, lay.width - 2 * MARGIN_X, top - bottom)
    for _, x, _w in lay.columns[1:]:
        canvas.line(x, bottom, x, top)


def _row_grid(canvas: Canvas, lay: Layout, height: float) -> None:
    """One row's cell borders and tick boxes, its top-left at the current origin."""
    canvas.setLineWidth(0.4)
    right = lay.width - MARGIN_X
    canvas.line(MARGIN_X, -height, right, -height)
    canvas.line(MARGIN_X, 0, MARGIN_X, -height)
    for _, x, _w in lay.columns[1:]:
        canvas.line(x, 0, x, -height)
    canvas.line(right, 0, right, -height)
    canvas.setLineWidth(0.7)
    box_y = -(ROW_H + BOX) / 2  # level with the first line of text
    for key in ("t0", "t1", "t2", "t3"):
        x, w = lay.col(key)
        canvas.rect(x + (w - BOX) / 2, box_y, BOX, BOX)
    x, w = lay.col("perbaikan")
    canvas.rect(x + 1.5 * MM, box_y, BOX, BOX)


def _row_form(canvas: Canvas, lay: Layout) -> None:
    canvas.beginForm("rt_row", 0, -ROW_H, lay.width, 0)
    _row_grid(canvas, lay, ROW_H)
    canvas.endForm()


def _draw_rows(
    canvas: Canvas,
    lay: Layout,
    rows: list[tuple[str, ...] | None],
    wrapped: list[tuple[list[str], list[str], list[str]]],
    heights: list[float],
) -> float:
    """Draw rows from the table top; returns the y below the last one."""
    regular = fonts.names()[0]
    text = canvas.beginText()
    text.setFont(regular, BODY_SIZE)
    simple = [lay.col("no"), lay.col("nik"), lay.col("umur")]
    columns = [lay.col(key) for key in WRAPPED]
    y = lay.table_top
    for row, cells, height in zip(rows, wrapped, heights, strict=True):
        canvas.saveState()
        canvas.translate(0, y)
        if height == ROW_H:
            canvas.doForm("rt_row")
        else:
            _row_grid(canvas, lay, height)
        canvas.restoreState()
        first = y - ROW_H / 2 - BODY_SIZE / 3
        if row is not None:
            for (x, _w), value in zip(simple, row, strict=True):
                text.setTextOrigin(x + CELL_PAD, first)
                text.textOut(value)
        for (x, _w), lines in zip(columns, cells, strict=True):
            line_y = first
            for line in lines:
                text.setTextOrigin(x + CELL_PAD, line_y)
                text.textOut(line)
                line_y -= BODY_LEADING
        y -= height
    canvas.drawText(text)
    return y


def _footer(canvas: Canvas, doc: RtList, lay: Layout, number: int, total: int) -> None:
    regular, bold = fonts.names()
    y = MARGIN_Y + 2
    canvas.setFont(regular, 8)
    office = f" \u00b7 {doc.office_name}" if doc.office_name else ""
    canvas.drawString(MARGIN_X, y, f"Kode daftar {doc.list_code}{office}")
    canvas.drawCentredString(lay.width / 2, y, "Paraf Ketua RT: ____________")
    canvas.setFont(bold, 8)
    canvas.drawRightString(lay.width - MARGIN_X, y, page_label(number, total))
    actual_size_note(canvas, lay.width, 4 * MM)


def _signature(canvas: Canvas, doc: RtList, top: float, lay: Layout) -> None:
    regular, bold = fonts.names()
    y = top - 5 * MM
    canvas.setFont(regular, 9)
    canvas.drawString(MARGIN_X, y, f"Jumlah orang dalam daftar: {len(doc.rows)}")
    canvas.drawString(MARGIN_X, y - 12, "Jumlah yang diberi tanda: ________")
    canvas.drawString(MARGIN_X, y - 24, "Jumlah orang yang ditambahkan di baris kosong: ________")
    if doc.return_by:
        canvas.setFont(bold, 9)
        canvas.drawString(
            MARGIN_X, y - 38, f"Kembalikan ke kantor paling lambat {tanggal(doc.return_by)}."
        )
        canvas.setFont(regular, 9)
    x = lay.width - MARGIN_X - 75 * MM
    canvas.drawString(x, y, f"{doc.region.desa}, ______________________")
    canvas.drawString(x, y - 12, f"Ketua RT {doc.rt}" + (f" / RW {doc.rw}" if doc.rw else ""))
    canvas.drawString(x, y - 12 - 14 * MM, "(____________________________)")
    canvas.setFont(regular, 7)
    canvas.drawString(x, y - 12 - 14 * MM - 9, "nama jelas dan tanda tangan")


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
    total = len(doc.rows)
    values: list[tuple[str, ...] | None] = []
    wrapped: list[tuple[list[str], list[str], list[str]]] = []
    heights: list[float] = []
    for index, row in enumerate(doc.rows):
        if index % REPORT_EVERY == 0:
            check(0, total, None, cancelled)
        cells = row_lines(lay, row)
        values.append((str(row.no), row.nik_masked, row.umur))
        wrapped.append(cells)
        heights.append(row_height(max(len(c) for c in cells)))
    for extra in range(doc.blank_rows):  # numbered empty rows for people the list misses
        values.append((str(total + extra + 1), "", ""))
        wrapped.append(([], [], []))
        heights.append(ROW_H)
    room = lay.table_top - lay.table_bottom
    slices = paginate(heights, room, room - SIGN_H)
    next_report = 0
    for number, (start, stop) in enumerate(slices, start=1):
        if start >= next_report:
            check(min(start, total), total, progress, cancelled)
            next_report = start + REPORT_EVERY
        canvas.doForm("rt_header")
        bottom = _draw_rows(
            canvas, lay, values[start:stop], wrapped[start:stop], heights[start:stop]
        )
        if number == len(slices):
            if not doc.rows:
                canvas.setFont(fonts.names()[0], 9)
                canvas.drawString(MARGIN_X + 2, bottom - 12, "Tidak ada data untuk RT ini.")
            _signature(canvas, doc, bottom, lay)
        _footer(canvas, doc, lay, number, len(slices))
        canvas.showPage()
    canvas.save()
    check(total, total, progress, None)
    return len(slices)
