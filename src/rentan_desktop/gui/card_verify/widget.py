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
from rentan_desktop.gui import page_widgets
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
        self.token_edit.setFont(page_widgets.mono_font(1.1))
        self.token_edit.setPlaceholderText(self.tr("Pindai QR kartu atau ketik kodenya"))
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
        # What the holder's e-KTP says, compared with the card's signed initials and birth year.
        self.holder_name = QLineEdit(self)
        self.holder_name.setObjectName("holderName")
        self.holder_name.setPlaceholderText(self.tr("boleh kosong"))
        self.holder_name.returnPressed.connect(self.verify)
        self.holder_year = QLineEdit(self)
        self.holder_year.setObjectName("holderYear")
        self.holder_year.setMaxLength(4)
        self.holder_year.setFixedWidth(self.holder_year.fontMetrics().horizontalAdvance("00000000"))
        self.holder_year.returnPressed.connect(self.verify)
        holder_row = QHBoxLayout()
        name_label = QLabel(self.tr("Nama di &e-KTP:"), self)
        name_label.setBuddy(self.holder_name)
        year_label = QLabel(self.tr("&Tahun lahir:"), self)
        year_label.setBuddy(self.holder_year)
        holder_row.addWidget(name_label)
        holder_row.addWidget(self.holder_name, 1)
        holder_row.addWidget(year_label)
        holder_row.addWidget(self.holder_year)
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
            ("holder", self.tr("Pemegang (inisial, tahun lahir)")),
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
        layout.addWidget(page_widgets.heading(self.tr("Periksa kartu peserta"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Pemeriksaan tanpa internet: tanda tangan pada kode QR dicocokkan dengan kunci kantor "
                    "yang terdaftar, lalu masa kepesertaan dan status data dibandingkan dengan hari ini. "
                    "Kode QR tidak memuat NIK; cocokkan inisial dan tahun lahir pemegang dengan e-KTP."
                ),
                self,
            )
        )
        layout.addLayout(row)
        layout.addLayout(holder_row)
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
        year_text = self.holder_year.text().strip()
        if year_text and not (year_text.isdigit() and len(year_text) == 4):
            page_widgets.show_result(
                self.verdict, self.tr("Tahun lahir ditulis empat angka, misalnya 1985."), "bad"
            )
            self.claims_box.hide()
            return None
        check = cards.verify(
            self.gui.ctx,
            actor=self.gui.user,
            token=token,
            holder_name=self.holder_name.text(),
            holder_birth_year=int(year_text) if year_text else None,
        )
        self.show_check(check)
        self.token_edit.setFocus(Qt.FocusReason.OtherFocusReason)
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
        from rentan_desktop.services.cards import Verdict

        # The message names the verdict in capitals already; the mark and colour say it at a glance.
        marks = {
            Verdict.COVERED: ("✓", "ok"),
            Verdict.ENDED: ("✗", "bad"),
            Verdict.NOT_STARTED: ("⚠", "warn"),
            Verdict.INACTIVE: ("✗", "bad"),
            Verdict.HOLDER_MISMATCH: ("✗", "bad"),
            Verdict.NOT_GENUINE: ("✗", "bad"),
            Verdict.UNKNOWN_OFFICE: ("?", "warn"),
        }
        mark, kind = marks[check.verdict]
        page_widgets.show_result(self.verdict, f"{mark} {check.message}", kind)
        self.verdict.setProperty("verdict", check.verdict.value)
        self.verdict.setProperty("genuine", check.genuine)
        claims = check.claims
        if claims is None:
            self.claims_box.hide()
            return
        values = {
            "nama": check.nama or "–",
            "nik": check.nik_masked or "–",
            "holder": check.holder or self.tr("– (kartu versi lama)"),
            "kpj": claims.kpj,
            "period": f"{tanggal(claims.start)} – {tanggal(claims.end)}",
            "office": self._office_name(claims.office),
            "fingerprint": claims.fingerprint,
            "status": lifecycle.label(check.status, self.gui.lang) if check.status else "–",
        }
        for key, label in self.fields.items():
            label.setText(values[key])
        self.claims_box.show()
