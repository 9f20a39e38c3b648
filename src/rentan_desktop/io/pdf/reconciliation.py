"""Rekonsiliasi batch: one page setting a batch's records per status side by side.

The NIK is masked to its last four digits and no birth date is printed (docs/security.md). At most
``MAX_LISTED`` differing records are listed so the page stays one page; the rest are counted.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.io.pdf import flow, fonts
from rentan_desktop.io.pdf.common import Target
from rentan_desktop.io.pdf.types import MM, Paper, Party, Reconciliation

MAX_LISTED = 20


def _story(doc: Reconciliation, paper: Paper) -> list[Flowable]:
    st = flow.styles()
    e = flow.escape
    width = flow.content_width(paper)
    story = flow.letterhead(doc.region, doc.office_name)
    story += [
        Paragraph("REKONSILIASI DATA BATCH", st["title"]),
        Paragraph(f"Batch {e(doc.batch_code)} — dicetak {tanggal(doc.printed_on)}", st["subtitle"]),
        Spacer(1, 4 * MM),
    ]
    cell = st["cell"]
    if doc.at_sender:
        story.append(
            Paragraph(
                f"Jumlah data batch ini menurut kantor ini dan menurut tanda terima terakhir dari koordinator "
                f"({doc.receipts} tanda terima diterima). Kedua kolom harus sama; bila berbeda, data di bawah "
                "tabel perlu dicocokkan dengan koordinator.",
                st["body"],
            )
        )
        head = ["Status", "Di kantor ini", "Menurut tanda terima"]
        rows = [
            [lifecycle.label(c.status), angka(c.here, "id"), angka(c.per_receipt, "id")]
            for c in doc.counts
        ]
        total = [
            "Jumlah",
            angka(sum(c.here for c in doc.counts), "id"),
            angka(sum(c.per_receipt for c in doc.counts), "id"),
        ]
        widths = [width * 0.5, width * 0.25, width * 0.25]
    else:
        story.append(
            Paragraph(
                f"Jumlah data batch ini menurut koordinator saat ini (yang akan dinyatakan tanda terima "
                f"berikutnya; {doc.receipts} tanda terima sudah dibuat). Bandingkan dengan lembar rekonsiliasi "
                'kecamatan: kolom "Menurut tanda terima" di sana harus sama dengan kolom ini.',
                st["body"],
            )
        )
        head = ["Status", "Di koordinator"]
        rows = [[lifecycle.label(c.status), angka(c.here, "id")] for c in doc.counts]
        total = ["Jumlah", angka(sum(c.here for c in doc.counts), "id")]
        widths = [width * 0.6, width * 0.4]
    data: list[list[object]] = [[Paragraph(f"<b>{h}</b>", cell) for h in head], *rows, total]
    story += [Spacer(1, 3 * MM), flow.grid(data, widths), Spacer(1, 4 * MM)]
    if doc.at_sender:
        if not doc.differences:
            story.append(
                Paragraph(
                    "<b>Sesuai:</b> tidak ada data yang berbeda dengan tanda terima.", st["body"]
                )
            )
        else:
            listed = doc.differences[:MAX_LISTED]
            story.append(
                Paragraph(
                    f"<b>{len(doc.differences)} data berbeda</b> dengan tanda terima:", st["body"]
                )
            )
            diff: list[list[object]] = [
                [
                    Paragraph(f"<b>{h}</b>", cell)
                    for h in (
                        "Nama",
                        "NIK (4 angka akhir)",
                        "Di kantor ini",
                        "Menurut tanda terima",
                        "Alasan",
                    )
                ]
            ]
            diff += [
                [
                    Paragraph(e(d.nama), cell),
                    d.nik_masked,
                    lifecycle.label(d.here),
                    lifecycle.label(d.per_receipt),
                    Paragraph(e(d.reason or "-"), cell),
                ]
                for d in listed
            ]
            story += [
                Spacer(1, 2 * MM),
                flow.grid(
                    diff, [width * 0.28, width * 0.17, width * 0.16, width * 0.17, width * 0.22]
                ),
            ]
            if len(doc.differences) > MAX_LISTED:
                story.append(
                    Paragraph(
                        f"… dan {len(doc.differences) - MAX_LISTED} data lain "
                        f"(daftar lengkap: rentan receipt reconcile {e(doc.batch_code)}).",
                        st["small"],
                    )
                )
    story.append(flow.signatures([("Petugas,", Party(doc.office_name))], width))
    return story


def render(doc: Reconciliation, target: Target, paper: Paper = Paper.A4) -> int:
    """Write the reconciliation page; returns the page count."""
    fonts.names()
    return flow.build(
        lambda: _story(doc, paper),
        target,
        paper,
        "Rekonsiliasi Batch",
        f"Rekonsiliasi {doc.batch_code}",
    )
