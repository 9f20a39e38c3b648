"""The key sheet: this office's fingerprint on one printable page (written with Qt's PDF writer,
so no reportlab is needed in the GUI), to file or to hand to the coordinator."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument


def write_key_sheet(
    path: Path, *, office: str, office_name: str, key_id: str, fingerprint: str, printed_on: str
) -> Path:
    """Write an A4 PDF with the office, key id and the fingerprint in large type."""
    esc = html.escape
    title = QCoreApplication.translate("KeySheet", "Lembar kunci tanda tangan kantor")
    lead = QCoreApplication.translate(
        "KeySheet", "Sidik jari kunci publik (bacakan per kelompok empat karakter):"
    )
    key_id_label = QCoreApplication.translate("KeySheet", "ID kunci")
    printed_label = QCoreApplication.translate("KeySheet", "Dicetak")
    sign_label = QCoreApplication.translate("KeySheet", "Tanda tangan dan stempel kantor")
    rule = QCoreApplication.translate(
        "KeySheet",
        "Kantor penerima hanya mempercayai berkas kunci publik kantor ini bila sidik jarinya "
        "sama persis dengan lembar ini atau dengan yang dibacakan melalui telepon.",
    )
    body = (
        f"<h2>{esc(title)}</h2>"
        f"<p><b>{esc(office)} {esc(office_name)}</b></p>"
        f"<p>{esc(lead)}</p>"
        "<p style='font-family: monospace; font-size: 26pt; font-weight: bold;'>"
        f"{esc(fingerprint)}</p>"
        f"<p>{esc(key_id_label)}: "
        f"<span style='font-family: monospace;'>{esc(key_id)}</span></p>"
        f"<p>{esc(rule)}</p>"
        f"<p>{esc(printed_label)}: {esc(printed_on)}</p>"
        f"<br><br><p>{esc(sign_label)}:</p><br><br><br>"
        "<p>______________________________</p>"
    )
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    document = QTextDocument()
    document.setHtml(body)
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)
    return Path(path)
