"""Printed documents (issue 5): RT list and card sheets against bare reportlab canvas drawing.

Targets: an RT list of 150,000 rows within 1.5x of bare canvas drawing of the same rows (platypus
LongTable grows quadratically: 20,000 rows took 26 s, 40,000 rows 99 s, so it is not a usable
baseline); 10,000 cards within 1.5x of a bare canvas drawing the same text and QR codes with the
fastest encoder we have. The QR encoders are also timed against each other on card tokens.

    python bench/bench_print.py [--quick]
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent / "src"))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from rentan_desktop.domain.formatting import tanggal  # noqa: E402
from rentan_desktop.io.pdf import cards, fonts, qr_encode, rt_list  # noqa: E402
from rentan_desktop.io.pdf.types import Card, Paper, Region, RtList, RtListRow  # noqa: E402
from rentan_desktop.signing import card_token  # noqa: E402
from rentan_desktop.signing.keys import SigningKey  # noqa: E402

NAMES = ("SITI NURHALIZA", "AHMAD FAUZI BIN ABDULLAH RAHMAN", "I GUSTI NGURAH RAI", "RUSDIANA")
ADDRESSES = (
    "Jl. Merdeka No. 12",
    "Gg. Mawar RT 003, dekat masjid Al-Ikhlas, belakang pasar lama",
    "Jl. Poros Samarinda-Bontang Km 12",
    "Dusun Sumber Rejo",
)
JOBS = ("Petani / pekebun", "Nelayan", "Pedagang kecil / UMKM", "Buruh bangunan")


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _rt_doc(count: int) -> RtList:
    rows = tuple(
        RtListRow(
            i + 1,
            NAMES[i % 4],
            f"************{i % 10000:04d}",
            str(20 + i % 45),
            ADDRESSES[i % 4],
            JOBS[i % 4],
        )
        for i in range(count)
    )
    region = Region("Kabupaten Kutai Timur", "Muara Ancalong", "Senyiur")
    return RtList("RT-7K2M-9QX4", region, "003", "001", 2026, date(2026, 8, 17), rows, "Kecamatan")


def _bare_rt(doc: RtList, path: Path) -> None:
    """The same rows, page header, QR and page numbers with plain canvas calls, one per item."""
    regular, bold = fonts.names()
    lay = rt_list.layout(Paper.A4)
    canvas = Canvas(str(path), pagesize=(lay.width, lay.height))
    per_page = lay.rows_per_page
    pages = -(-len(doc.rows) // per_page)
    xs = [x + 2.5 for _, x, _ in lay.columns]
    for page in range(pages):
        canvas.setFont(bold, 12)
        canvas.drawString(30, lay.height - 40, "DAFTAR PERIKSA PEKERJA RENTAN TINGKAT RT")
        _bare_qr(canvas, doc.list_code, lay.width - 100, lay.height - 100, 70)
        canvas.setFont(regular, 7.5)
        y = lay.table_top
        for row in doc.rows[page * per_page : (page + 1) * per_page]:
            values = (
                str(row.no),
                row.nama,
                row.nik_masked,
                row.umur,
                row.alamat,
                row.pekerjaan,
            )
            for x, value in zip(xs, values, strict=False):
                canvas.drawString(x, y - 12, value)
            canvas.line(30, y - rt_list.ROW_H, lay.width - 30, y - rt_list.ROW_H)
            for key in ("t0", "t1", "t2", "t3", "perbaikan"):
                x, w = lay.col(key)
                canvas.rect(x + 4, y - 16, rt_list.BOX, rt_list.BOX)
            y -= rt_list.ROW_H
        canvas.drawRightString(lay.width - 30, 30, f"Halaman {page + 1} dari {pages}")
        canvas.showPage()
    canvas.save()


def _bare_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """A QR code drawn the obvious way: encode, then one rectangle per run of dark modules."""
    rows = qr_encode.encode(text)
    unit = size / len(rows)
    path = canvas.beginPath()
    for index, row in enumerate(rows):
        start = None
        for col, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(
                    x + start * unit, y + (len(rows) - 1 - index) * unit, (col - start) * unit, unit
                )
                start = None
    canvas.drawPath(path, stroke=0, fill=1)


def _cards(count: int) -> list[Card]:
    key = SigningKey.generate()
    out = []
    for i in range(count):
        kpj = f"{26010000000 + i:011d}"
        token = card_token.issue(
            key, str(uuid.UUID(int=i + 1)), kpj, date(2026, 1, 1), date(2026, 12, 31), "640801",
            holder=NAMES[i % 4], birth_year=1985,
        )  # fmt: skip
        out.append(
            Card(
                NAMES[i % 4],
                f"************{i % 10000:04d}",
                kpj,
                date(2026, 1, 1),
                date(2026, 12, 31),
                "APBD Kabupaten Kutai Timur",
                "Kecamatan Muara Ancalong",
                date(2026, 8, 17),
                token,
                "Kabupaten Kutai Timur",
                birth_year="1985",
                desa="Senyiur",
            )
        )
    return out


def _bare_cards(batch: list[Card], path: Path) -> None:
    """The same card text and QR codes, ten per page, with plain canvas calls."""
    regular, bold = fonts.names()
    canvas = Canvas(str(path), pagesize=Paper.A4.size)
    for start in range(0, len(batch), cards.PER_SHEET):
        for slot, card in enumerate(batch[start : start + cards.PER_SHEET]):
            x, y = cards.card_origin(Paper.A4, slot)
            canvas.rect(x, y, cards.CARD_W, cards.CARD_H)
            canvas.setFont(bold, 7.2)
            canvas.drawString(x + 7, y + 140, f"PEMERINTAH {card.kabupaten.upper()}")
            canvas.setFont(regular, 6)
            canvas.drawString(x + 7, y + 130, f"BUKTI KEPESERTAAN · {card.programme}")
            canvas.setFont(bold, 8.6)
            canvas.drawString(x + 7, y + 115, card.nama)
            canvas.setFont(regular, 6.4)
            values = (
                card.nik_masked,
                card.kpj,
                card.birth_year,
                "JKK + JKM",
                f"{tanggal(card.coverage_start)} – {tanggal(card.coverage_end)}",
                card.funder,
            )
            for line, (label, value) in enumerate(zip(cards.LABELS, values, strict=True)):
                canvas.drawString(x + 7, y + 100 - 8.2 * line, label)
                canvas.drawString(x + 45, y + 100 - 8.2 * line, value)
            canvas.drawString(
                x + 7, y + 6, f"Diterbitkan {card.office_name}, {tanggal(card.issued_on)}"
            )
            _bare_qr(canvas, card.token, x + cards.CARD_W - 70, y + 9, 63)
        canvas.showPage()
    canvas.save()


def _encoders(tokens: list[str]) -> list[dict]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab.graphics.barcode.qr import QrCodeWidget

    def with_qrcode(mask: int | None) -> Callable[[], None]:
        def encode() -> None:
            for text in tokens:
                code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, mask_pattern=mask)
                code.add_data(text)
                code.make(fit=True)

        return encode

    def widget() -> None:
        for text in tokens[: max(1, len(tokens) // 10)]:  # ~24/s: a tenth is plenty to time
            QrCodeWidget(text, barLevel="M").draw()

    ours = _timed(lambda: [qr_encode.encode(t) for t in tokens]) / len(tokens) * 1000
    rows = []
    for name, action, share in (
        ("qrcode, fixed mask", with_qrcode(qr_encode.MASK), 1.0),
        ("qrcode, best mask", with_qrcode(None), 1.0),
        ("reportlab QrCodeWidget", widget, 0.1),
    ):
        per_thousand = _timed(action) / (len(tokens) * share) * 1000
        rows.append(
            {
                "name": f"QR encode 1,000 card tokens: {name} (baseline: ours)",
                "value": per_thousand,
                "baseline": ours,
                "unit": "s",
                "note": f"ours: {1000 / ours:,.0f} codes/s",
            }
        )
    return rows


def run(quick: bool) -> list[dict]:
    """Rows for bench/run.py: RT list, card sheets, QR encoders."""
    OUT.mkdir(exist_ok=True)
    fonts.names()
    rows_count = 15_000 if quick else 150_000
    card_count = 1_000 if quick else 10_000
    doc = _rt_doc(rows_count)
    ours = _timed(lambda: rt_list.render(doc, OUT / "bench-rt.pdf", Paper.A4))
    bare = _timed(lambda: _bare_rt(doc, OUT / "bench-rt-bare.pdf"))
    batch = _cards(card_count)
    ours_cards = _timed(lambda: cards.render(batch, OUT / "bench-cards.pdf", Paper.A4))
    bare_cards = _timed(lambda: _bare_cards(batch, OUT / "bench-cards-bare.pdf"))
    return [
        {
            "name": f"RT list {rows_count:,} rows (A4, rt_list.render vs bare canvas)",
            "value": ours,
            "baseline": bare,
            "unit": "s",
            "target": 1.5,
            "note": f"{rows_count / ours:,.0f} rows/s",
        },
        {
            "name": f"{card_count:,} cards with signed QR (cards.render vs bare canvas)",
            "value": ours_cards,
            "baseline": bare_cards,
            "unit": "s",
            "target": 1.5,
            "note": f"{card_count / ours_cards:,.0f} cards/s",
        },
        *_encoders([c.token for c in batch[: 200 if quick else 1000]]),
    ]


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(row)
