"""Registration form print-out: one person's data and the UU PDP privacy notice.

The notice says what UU 27/2022 asks a controller to tell the data subject: the purpose, the
legal basis (configurable: each regency cites its own Perbup/Perda), who receives the data, how
long it is kept, the subject's rights and whom to contact.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.io.pdf import flow, fonts
from rentan_desktop.io.pdf.common import Target
from rentan_desktop.io.pdf.types import MM, Paper, Party, PrivacyNotice, RegistrationForm

THUMB_W, THUMB_H = 30 * MM, 24 * MM  # a thumbprint is about 20 x 25 mm; room to press it

RIGHTS = (
    "mengakses dan memperoleh salinan data Anda, meminta perbaikan data yang salah, serta "
    "meminta pengakhiran pemrosesan dan penghapusan data sesuai Undang-Undang Nomor 27 "
    "Tahun 2022 tentang Pelindungan Data Pribadi"
)


def notice_paragraphs(notice: PrivacyNotice) -> list[tuple[str, str]]:
    """The notice as (heading, text) pairs, in print order."""
    items = [
        ("Tujuan", f"Data Anda diproses untuk {notice.purpose}."),
        ("Dasar hukum", f"{notice.legal_basis}."),
        ("Penerima data", f"{notice.recipients}."),
        ("Masa simpan", f"Data disimpan {notice.retention}."),
        ("Hak Anda", f"Anda berhak {RIGHTS}."),
    ]
    if notice.controller or notice.contact:
        who = ", ".join(p for p in (notice.controller, notice.contact) if p)
        items.append(("Kontak", f"{who}."))
    return items


def _fields(doc: RegistrationForm, width: float) -> Table:
    st = flow.styles()
    rows = [
        [
            Paragraph(flow.escape(f.label), st["cell"]),
            Paragraph(flow.escape(f.value or "-"), st["cell"]),
        ]
        for f in doc.fields
    ]
    table = Table(rows, colWidths=[50 * MM, width - 50 * MM])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, "#808080"),
                ("BACKGROUND", (0, 0), (0, -1), "#f0f0f0"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                # Tight rows: the data, the notice and the signatures fit one sheet.
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _notice(notice: PrivacyNotice, width: float) -> Table:
    st = flow.styles()
    inner: list[list[object]] = [
        [Paragraph("<b>PEMBERITAHUAN PELINDUNGAN DATA PRIBADI</b>", st["cell"])]
    ]
    for heading, text in notice_paragraphs(notice):
        inner.append([Paragraph(f"<b>{heading}.</b> {flow.escape(text)}", st["small"])])
    box = Table(inner, colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, "black"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
                ("TOPPADDING", (0, 1), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
            ]
        )
    )
    return box


def _thumbprint() -> Table:
    """A box for the left thumbprint of a worker who cannot sign, with its caption."""
    st = flow.styles()
    box = Table(
        [[""], [Paragraph("Cap jempol kiri", st["small"])]],
        colWidths=[THUMB_W - 2 * MM],
        rowHeights=[THUMB_H, None],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.8, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return box


def _story(doc: RegistrationForm, paper: Paper) -> list[Flowable]:
    st = flow.styles()
    width = flow.content_width(paper)
    story = flow.letterhead(doc.region, doc.office_name)
    story += [
        Paragraph("FORMULIR PENDAFTARAN PEKERJA RENTAN", st["title"]),
        Paragraph(
            "Bantuan Iuran BPJS Ketenagakerjaan: Jaminan Kecelakaan Kerja (JKK) dan "
            "Jaminan Kematian (JKM)",
            st["subtitle"],
        ),
        Paragraph(f"Nomor registrasi: <b>{flow.escape(doc.record_ref)}</b>", st["subtitle"]),
        Paragraph(
            "Salinan untuk pekerja: periksa semua data di bawah sebelum menandatangani. "
            "Lembar ini memuat NIK Anda secara lengkap; simpan baik-baik, jangan difotokopi "
            "untuk orang lain."
            if doc.holder_copy
            else "Salinan arsip kantor.",
            st["small"],
        ),
        Spacer(1, 3 * MM),
        _fields(doc, width),
        Spacer(1, 3 * MM),
        _notice(doc.notice, width),
    ]
    place = f"{flow.escape(doc.place)}, " if doc.place else ""
    # The statement, the date and the signatures stay on one page: a signature never lands on a
    # sheet without the words it signs.
    story.append(
        KeepTogether(
            [
                Spacer(1, 3 * MM),
                Paragraph(
                    "Dengan menandatangani formulir ini (atau membubuhkan cap jempol kiri bila "
                    "tidak dapat menandatangani), saya menyatakan data di atas benar dan saya "
                    "telah membaca pemberitahuan pelindungan data pribadi.",
                    st["body"],
                ),
                Paragraph(f"{place}{tanggal(doc.printed_on)}", st["body"]),
                Spacer(1, 4 * MM),
                flow.signature_table(
                    [
                        ("Pekerja yang didaftarkan,", Party("", doc.nama, with_nip=False)),
                        ("Petugas pendaftar,", Party(doc.office_name)),
                    ],
                    width,
                    _thumbprint(),
                ),
            ]
        )
    )
    return story


def render(doc: RegistrationForm, target: Target, paper: Paper = Paper.A4) -> int:
    """Write the registration form with its privacy notice; returns the page count.

    Args:
        doc: the person's printed fields (NIK and KK masked, unless it is the holder's own
            copy) and the notice text.
        target: file path or binary stream.
        paper: A4 or F4 (portrait).
    """
    fonts.names()
    return flow.build(
        lambda: _story(doc, paper),
        target,
        paper,
        "Formulir Pendaftaran",
        f"Registrasi {doc.record_ref}",
    )
