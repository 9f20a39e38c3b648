"""Tanda Terima Kartu: the list a receiver signs when printed cards are handed over.

One row per card with a tall signature (or thumbprint) cell, so each holder signs for their own
card when an RT head hands them out. The NIK is masked to its last four digits and no birth date
is printed (docs/security.md).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.io.pdf import flow, fonts
from rentan_desktop.io.pdf.common import Target
from rentan_desktop.io.pdf.types import MM, CardReceipt, Paper, Party

SIGN_ROW_H = 12 * MM


def _table(doc: CardReceipt, width: float) -> Table:
    st = flow.styles()
    e = flow.escape
    head = ["No", "Nama", "NIK (4 angka akhir)", "KPJ", "Desa/Kel.", "Tanda tangan / cap jempol"]
    data: list[list[object]] = [[Paragraph(f"<b>{h}</b>", st["cell"]) for h in head]]
    for no, row in enumerate(doc.rows, start=1):
        data.append(
            [
                str(no),
                Paragraph(e(row.nama), st["cell"]),
                Paragraph(e(row.nik_masked), st["cell"]),
                Paragraph(e(row.kpj or "-"), st["cell"]),
                Paragraph(e(row.desa or "-"), st["cell"]),
                "",
            ]
        )
    fixed = [9 * MM, 0, 30 * MM, 27 * MM, 30 * MM, 38 * MM]
    fixed[1] = width - sum(fixed)
    return flow.grid(data, fixed, row_heights=[None] + [SIGN_ROW_H] * len(doc.rows))


def _story(doc: CardReceipt, paper: Paper) -> list[Flowable]:
    st = flow.styles()
    e = flow.escape
    width = flow.content_width(paper)
    story = flow.letterhead(doc.region, doc.office_name, doc.address)
    story += [
        Paragraph("TANDA TERIMA KARTU PESERTA", st["title"]),
        Paragraph(
            "Bantuan Iuran BPJS Ketenagakerjaan (Jaminan Kecelakaan Kerja dan Jaminan Kematian)",
            st["subtitle"],
        ),
        Spacer(1, 4 * MM),
        Paragraph(
            f"Pada tanggal {tanggal(doc.handed_on)}, {e(doc.office_name)} menyerahkan "
            f"{len(doc.rows)} kartu peserta kepada <b>{e(doc.receiver)}</b> untuk diteruskan "
            "kepada pemegangnya, dengan rincian:",
            st["body"],
        ),
        Spacer(1, 3 * MM),
        _table(doc, width),
        Spacer(1, 3 * MM),
        Paragraph(
            "Kartu hanya diserahkan kepada pemegangnya setelah mencocokkan nama dengan e-KTP. "
            "Kartu yang tidak dapat diserahkan dikembalikan ke kantor bersama lembar ini.",
            st["small"],
        ),
    ]
    story.append(
        flow.signatures(
            [
                ("Yang menyerahkan,", Party(doc.office_name)),
                ("Yang menerima,", Party("", doc.receiver, with_nip=False)),
            ],
            width,
        )
    )
    return story


def render(doc: CardReceipt, target: Target, paper: Paper = Paper.A4) -> int:
    """Write the card receipt list; returns the page count."""
    fonts.names()
    return flow.build(
        lambda: _story(doc, paper),
        target,
        paper,
        "Tanda Terima Kartu",
        f"Tanda terima kartu {tanggal(doc.handed_on)}",
    )
