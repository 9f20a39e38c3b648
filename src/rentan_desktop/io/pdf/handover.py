"""Berita Acara Serah Terima Data: the signed paper that goes with every exported batch."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.io.pdf import flow, fonts
from rentan_desktop.io.pdf.common import Target
from rentan_desktop.io.pdf.types import MM, Count, Handover, Paper

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
CONFIDENTIALITY = (
    "Berkas yang diserahterimakan memuat data pribadi (Undang-Undang Nomor 27 Tahun 2022 tentang "
    "Pelindungan Data Pribadi). Para pihak hanya memprosesnya untuk pendaftaran bantuan iuran "
    "BPJS Ketenagakerjaan, tidak menyalin atau membagikannya kepada pihak lain, menyimpannya di "
    "media yang terkunci, dan segera melaporkan bila berkas atau media penyimpannya hilang."
)


def short_fingerprint(fingerprint: str, groups: int = 5) -> str:
    """The first ``groups`` blocks of four characters, e.g. ``7KQ2-M9XD-4HTA-0WPE-R3ZB``.

    Twenty characters (100 bits of base32, 80 of hex) is plenty to compare by eye or over the
    phone; a fingerprint that already has separators keeps them.
    """
    text = fingerprint.strip().upper()
    if "-" in text or " " in text:
        return text
    return "-".join(text[i : i + 4] for i in range(0, min(len(text), 4 * groups), 4))


def _table(header: tuple[str, str], rows: Sequence[Count], width: float) -> Table:
    _, bold = fonts.names()
    st = flow.styles()
    data: list[list[object]] = [[header[0], header[1]]]
    data += [
        [Paragraph(flow.escape(r.label or "-"), st["cell"]), angka(r.count, "id")] for r in rows
    ]
    data.append(["Jumlah", angka(sum(r.count for r in rows), "id")])
    return flow.grid(
        data,
        [width - 30 * MM, 30 * MM],
        extra=[
            # The total stays with the rows above it: never alone on the next page.
            ("NOSPLIT", (0, max(1, len(data) - 3)), (-1, -1)),
            ("FONTNAME", (0, 0), (-1, 0), bold),
            ("FONTNAME", (0, -1), (-1, -1), bold),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ],
    )


def _story(doc: Handover, paper: Paper) -> list[Flowable]:
    st = flow.styles()
    width = flow.content_width(paper)
    e = flow.escape
    day = HARI[doc.handed_on.weekday()]
    place = f", bertempat di {e(doc.place)}" if doc.place else ""
    story = flow.letterhead(doc.region, doc.office_name, doc.address)
    number = e(doc.letter_no) if doc.letter_no else "......./......./......./......."
    story += [
        Paragraph("BERITA ACARA SERAH TERIMA DATA", st["title"]),
        Paragraph(f"Nomor: {number}", st["subtitle"]),
        Paragraph("Pekerja Rentan Penerima Bantuan Iuran BPJS Ketenagakerjaan", st["subtitle"]),
        Paragraph(f"Nomor batch: <b>{e(doc.batch_code)}</b>", st["subtitle"]),
        Spacer(1, 5 * MM),
        Paragraph(
            f"Pada hari ini, {day}, tanggal {tanggal(doc.handed_on)}{place}, telah dilakukan serah "
            f"terima data pekerja rentan dari {e(doc.office_name)} kepada Koordinator Kabupaten "
            "dengan rincian sebagai berikut:",
            st["body"],
        ),
        Spacer(1, 3 * MM),
    ]
    facts = [
        ["Kode batch", doc.batch_code],
        ["Jumlah data", f"{angka(doc.record_count, 'id')} orang"],
        [
            "Di antaranya",
            f"{angka(doc.corrections, 'id')} perbaikan data yang pernah dikirim, "
            f"{angka(max(0, doc.record_count - doc.corrections), 'id')} data baru",
        ],
        ["Sidik jari manifest", short_fingerprint(doc.fingerprint)],
    ]
    if doc.file_name:
        facts.insert(1, ["Nama berkas", doc.file_name])
    summary = Table(
        [[a, Paragraph(f"<b>{e(b)}</b>", st["cell"])] for a, b in facts],
        colWidths=[45 * MM, width - 45 * MM],
    )
    summary.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.names()[0]),
                ("FONTNAME", (1, 0), (1, -1), fonts.names()[1]),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story += [
        summary,
        Paragraph("A. Jumlah menurut desa/kelurahan", st["section"]),
        _table(("Desa/Kelurahan", "Jumlah"), doc.by_desa, width),
        Paragraph("B. Jumlah menurut pekerjaan", st["section"]),
        _table(("Pekerjaan", "Jumlah"), doc.by_pekerjaan, width),
        Paragraph("C. Jumlah menurut jenis kelamin", st["section"]),
        _table(("Jenis kelamin", "Jumlah"), doc.by_sex, width),
        Spacer(1, 4 * MM),
        Paragraph(
            "Sidik jari manifest di atas harus sama dengan yang tampil di aplikasi "
            "penerima saat berkas diimpor.",
            st["body"],
        ),
        Spacer(1, 2 * MM),
        Paragraph(f"<b>Kerahasiaan.</b> {e(CONFIDENTIALITY)}", st["small"]),
    ]
    # The closing sentence and the three signatures stay on one page together.
    story.append(
        KeepTogether(
            [
                Spacer(1, 2 * MM),
                Paragraph(
                    "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.",
                    st["body"],
                ),
                Spacer(1, 6 * MM),
                flow.signature_table(
                    [
                        ("Yang menyerahkan,", doc.clerk),
                        ("Mengetahui,", doc.camat),
                        ("Yang menerima,", doc.coordinator),
                    ],
                    width,
                ),
            ]
        )
    )
    return story


def render(doc: Handover, target: Target, paper: Paper = Paper.A4) -> int:
    """Write the handover report; returns the page count.

    Args:
        doc: the batch's counts and the people who sign.
        target: file path or binary stream.
        paper: A4 or F4 (portrait).
    """
    return flow.build(
        lambda: _story(doc, paper),
        target,
        paper,
        f"Berita Acara Serah Terima {doc.batch_code}",
        f"Batch {doc.batch_code}",
    )
