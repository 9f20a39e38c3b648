"""Card check: a barcode scanner (which types the QR's token and Enter) or a typed token is
verified offline against the trusted office keys; the answer is shown big, with the claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.gui.batches import ui
from rentan_desktop.gui.context import GuiContext

if TYPE_CHECKING:
    from rentan_desktop.services.cards import CardCheck


class CardVerifyPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.check: CardCheck | None = None
        self.token_edit = QLineEdit(self)
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setFont(ui.mono_font(1.1))
        self.token_edit.setPlaceholderText(self.tr("Pindai QR kartu atau ketik kodenya (RC1:…)"))
        self.token_edit.setClearButtonEnabled(True)
        self.token_edit.returnPressed.connect(self.verify)
        check_button = QPushButton(self.tr("&Periksa"), self)
        check_button.clicked.connect(self.verify)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Kode kartu:"), self)
        label.setBuddy(self.token_edit)
        row.addWidget(label)
        row.addWidget(self.token_edit, 1)
        row.addWidget(check_button)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("cardVerdict")
        self.verdict.setWordWrap(True)
        font = QFont(self.verdict.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.hide()
        self.claims_box = QGroupBox(self.tr("Isi kartu"), self)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout(self.claims_box)
        for key, title in (
            ("nama", self.tr("Nama")),
            ("nik", self.tr("NIK")),
            ("kpj", self.tr("Nomor KPJ")),
            ("period", self.tr("Masa kepesertaan")),
            ("office", self.tr("Kantor penerbit")),
            ("fingerprint", self.tr("Sidik jari kunci")),
            ("status", self.tr("Status data sekarang")),
        ):
            value = QLabel(self.claims_box)
            value.setObjectName(f"claim_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title + ":", value)
            self.fields[key] = value
        self.claims_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(ui.heading(self.tr("Periksa kartu peserta"), self))
        layout.addWidget(
            ui.note(
                self.tr(
                    "Pemeriksaan tanpa internet: tanda tangan pada kode QR dicocokkan dengan kunci kantor "
                    "yang terdaftar. Kode QR tidak memuat NIK; nama dan status diambil dari data kantor "
                    "ini bila ada."
                ),
                self,
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.claims_box)
        layout.addStretch(1)

    def page_shown(self) -> None:
        self.token_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def verify(self) -> CardCheck | None:
        """Check the token in the field (quick and offline, so on the GUI thread)."""
        from rentan_desktop.services import cards

        token = self.token_edit.text().strip()
        if not token:
            return None
        check = cards.verify(self.gui.ctx, actor=self.gui.user, token=token)
        self.show_check(check)
        self.token_edit.selectAll()  # the next scan replaces this one
        return check

    def _office_name(self, kode: str) -> str:
        office = self.gui.ctx.office
        if office is not None and office.kode == kode:
            return f"{kode} {office.nama}"
        from rentan_desktop.services import trust

        names = {
            k.office_kode: k.office_nama for k in trust.list_keys(self.gui.ctx, actor=self.gui.user)
        }
        return f"{kode} {names.get(kode, '')}".strip()

    def show_check(self, check: CardCheck) -> None:
        self.check = check
        if not check.genuine:
            head, kind = self.tr("✗ TIDAK SAH"), "bad"
        elif check.current or check.claims is not None and not check.nama:
            head, kind = self.tr("✓ SAH"), "ok" if check.current else "warn"
        else:
            head, kind = self.tr("✓ SAH, tetapi data sudah berubah"), "warn"
        ui.show_result(self.verdict, f"{head}\n{check.message}", kind)
        self.verdict.setProperty("genuine", check.genuine)
        claims = check.claims
        if claims is None:
            self.claims_box.hide()
            return
        values = {
            "nama": check.nama or "–",
            "nik": check.nik_masked or "–",
            "kpj": claims.kpj,
            "period": f"{tanggal(claims.start)} – {tanggal(claims.end)}",
            "office": self._office_name(claims.office),
            "fingerprint": claims.fingerprint,
            "status": lifecycle.label(check.status, self.gui.lang) if check.status else "–",
        }
        for key, label in self.fields.items():
            label.setText(values[key])
        self.claims_box.show()
