"""Keys page: this office's public key and fingerprint (to read aloud, save or print), and the
offices whose keys this office trusts, with register (fingerprint checked) and revoke."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.keys.unlock import ask_new_passphrase, ensure_unlocked

if TYPE_CHECKING:
    from rentan_desktop.services.trust import KeyInfo
    from rentan_desktop.signing.key_file import PublicKeyFile
    from rentan_desktop.storage.batch_models import TrustedKeyRow

KEY_FILTER = "Kunci publik (*.rentan-key.json *.json)"


class KeysPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.info: KeyInfo | None = None
        self.keys: list[TrustedKeyRow] = []
        self.pending_file: Path | None = None
        manage = gui.can(Perm.KEYS_MANAGE)
        own = QGroupBox(self.tr("Kunci kantor ini"), self)
        self.own_label = QLabel(own)
        self.own_label.setObjectName("ownKey")
        self.own_label.setWordWrap(True)
        self.fingerprint = QLabel(own)
        self.fingerprint.setObjectName("ownFingerprint")
        self.fingerprint.setFont(page_widgets.mono_font(2.0))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton(self.tr("Buat &kunci kantor"), own)
        self.export_button = QPushButton(self.tr("Simpan kunci &publik…"), own)
        self.sheet_button = QPushButton(self.tr("Simpan le&mbar kunci (PDF)…"), own)
        self.copy_button = QPushButton(self.tr("Salin sidik &jari"), own)
        self.rotate_button = QPushButton(self.tr("&Ganti kunci (rotasi)…"), own)
        self.rotate_button.setObjectName("rotateKey")
        for button in (
            self.create_button,
            self.export_button,
            self.sheet_button,
            self.rotate_button,
        ):
            button.setEnabled(manage)
        self.rotate_button.clicked.connect(self.rotate_key)
        self.create_button.clicked.connect(self.create_key)
        self.export_button.clicked.connect(self._ask_export)
        self.sheet_button.clicked.connect(self._ask_sheet)
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.info.fingerprint if self.info else "")
        )
        own_buttons = QHBoxLayout()
        for button in (
            self.create_button,
            self.export_button,
            self.sheet_button,
            self.copy_button,
            self.rotate_button,
        ):
            own_buttons.addWidget(button)
        own_buttons.addStretch(1)
        own_layout = QVBoxLayout(own)
        own_layout.addWidget(self.own_label)
        own_layout.addWidget(self.fingerprint)
        own_layout.addLayout(own_buttons)

        trusted = QGroupBox(self.tr("Kunci kantor lain yang dipercaya"), self)
        self.table = QTableWidget(0, 5, trusted)
        self.table.setObjectName("trustedKeys")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kantor"),
                self.tr("Nama kantor"),
                self.tr("Sidik jari"),
                self.tr("Didaftarkan"),
                self.tr("Status"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.register_button = QPushButton(self.tr("&Daftarkan kunci kantor lain…"), trusted)
        self.register_button.clicked.connect(self._ask_key_file)
        self.revoke_reason = QLineEdit(trusted)
        self.revoke_reason.setObjectName("revokeReason")
        self.revoke_reason.setPlaceholderText(self.tr("alasan pencabutan (wajib)"))
        self.revoke_button = QPushButton(self.tr("&Cabut kunci terpilih"), trusted)
        self.revoke_button.setObjectName("revokeButton")
        self.revoke_button.clicked.connect(self.revoke_selected)
        for widget in (self.register_button, self.revoke_reason, self.revoke_button):
            widget.setEnabled(manage)
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addStretch(1)
        row.addWidget(self.revoke_reason, 1)
        row.addWidget(self.revoke_button)
        # Register step 2: the file's office next to a field for the fingerprint read aloud.
        self.pending_box = QGroupBox(self.tr("Periksa sidik jari sebelum mempercayai"), trusted)
        self.pending_label = QLabel(self.pending_box)
        self.pending_label.setObjectName("pendingKey")
        self.pending_label.setWordWrap(True)
        self.fp_edit = QLineEdit(self.pending_box)
        self.fp_edit.setObjectName("fingerprintEdit")
        self.fp_edit.setFont(page_widgets.mono_font(1.3))
        self.fp_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.fp_edit.returnPressed.connect(lambda: self.trust_pending())
        trust_button = QPushButton(self.tr("P&ercayai kunci ini"), self.pending_box)
        trust_button.clicked.connect(lambda: self.trust_pending())
        cancel_button = QPushButton(self.tr("Batal"), self.pending_box)
        cancel_button.clicked.connect(self._clear_pending)
        pending_form = QFormLayout(self.pending_box)
        pending_form.addRow(self.pending_label)
        pending_form.addRow(self.tr("Sidik jari yang dibacakan/&tercetak:"), self.fp_edit)
        pending_buttons = QHBoxLayout()
        pending_buttons.addWidget(trust_button)
        pending_buttons.addWidget(cancel_button)
        pending_buttons.addStretch(1)
        pending_form.addRow(pending_buttons)
        self.pending_box.hide()
        trusted_layout = QVBoxLayout(trusted)
        trusted_layout.addWidget(self.table, 1)
        trusted_layout.addLayout(row)
        trusted_layout.addWidget(self.pending_box)
        self.result_label = page_widgets.result_box(self, "keysResult")
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Kunci tanda tangan"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Batch dan tanda terima ditandatangani kunci kantor. Kunci kantor lain hanya "
                    "dipercaya setelah sidik jarinya dicocokkan dengan yang dibacakan melalui telepon "
                    "atau yang tercetak di lembar kunci kantor itu."
                ),
                self,
            )
        )
        layout.addWidget(own)
        layout.addWidget(trusted, 1)
        layout.addWidget(self.result_label)
        self._loaded = False

    def page_shown(self) -> None:
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        from rentan_desktop.services import trust

        self._loaded = True
        self.info = trust.office_key_info(self.gui.ctx)
        office = self.gui.ctx.office
        if self.info is None:
            self.own_label.setText(
                self.tr(
                    "Kantor ini belum punya kunci tanda tangan. Buat "
                    "kunci sebelum mengirim batch atau mencetak kartu."
                )
            )
            self.fingerprint.clear()
        else:
            self.own_label.setText(
                # The fingerprint is the key's name for people; the hex key ID stays on the
                # printed key sheet and in the audit trail.
                self.tr("{office} {name}. Sidik jari untuk dibacakan:").format(
                    office=self.info.office, name=office.nama if office else ""
                )
            )
            self.fingerprint.setText(self.info.fingerprint)
        has = self.info is not None
        self.create_button.setVisible(not has)
        for button in (self.export_button, self.sheet_button, self.copy_button, self.rotate_button):
            button.setVisible(has)
        self.keys = trust.list_keys(self.gui.ctx, actor=self.gui.user)
        self.table.setRowCount(len(self.keys))
        for index, k in enumerate(self.keys):
            if k.revoked_at is None:
                status, color = self.tr("Aktif"), QColor("#e3f4ea")
            else:
                status = self.tr("Dicabut {when}: {reason}").format(
                    when=tanggal(k.revoked_at.date()), reason=k.revoke_reason
                )
                color = QColor("#fde7e9")
            values = (
                k.office_kode,
                k.office_nama,
                k.fingerprint,
                f"{tanggal(k.registered_at.date())} ({k.registered_by})",
                status,
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setBackground(QBrush(color))
                if col == 2:
                    item.setFont(page_widgets.mono_font())
                self.table.setItem(index, col, item)

    # -- own key -------------------------------------------------------------------------------

    def _run(self, action, ok_text):  # type: ignore[no-untyped-def]
        return page_widgets.run_reporting(self, self.result_label, action, ok_text)

    def create_key(self) -> KeyInfo | None:
        from rentan_desktop.services import trust

        passphrase = ask_new_passphrase(self)
        if passphrase is None:
            return None
        info = self._run(
            lambda: trust.create_office_key(
                self.gui.ctx, actor=self.gui.user, passphrase=passphrase
            ),
            lambda i: self.tr("Kunci kantor dibuat. Sidik jari: {fp}").format(fp=i.fingerprint),
        )
        self.reload()
        return info

    def rotate_key(self) -> KeyInfo | None:
        """Replace the office key (a suspected copy, a yearly change); older batches, receipts and
        cards still open and verify. The passphrase is stretched off the GUI thread."""
        from PySide6.QtWidgets import QDialog

        from rentan_desktop.gui.keys.unlock import PassphraseDialog
        from rentan_desktop.services import trust

        ctx, user = self.gui.ctx, self.gui.user
        dialog = PassphraseDialog(
            self,
            new=False,
            jobs=self.gui.jobs,
            intro=self.tr(
                "Kunci kantor diganti dengan kunci baru (frasa sandi tetap). Batch, tanda terima dan "
                "kartu lama tetap bisa dibuka dan diperiksa. Sesudahnya simpan kunci publik yang baru "
                "dan kirim ke koordinator: kunci lama menjamin kunci baru, jadi sidik jari tidak perlu "
                "dibacakan lagi. Masukkan frasa sandi kunci kantor:"
            ),
            work=lambda passphrase, _remember: trust.rotate_office_key(
                ctx, actor=user, passphrase=passphrase
            ),
        )
        dialog.remember.hide()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        info = getattr(dialog, "result_value", None)
        if info is not None:
            page_widgets.show_result(
                self.result_label,
                self.tr(
                    "Kunci kantor diganti. Sidik jari baru: {fp}. Simpan kunci publik dan kirim ke "
                    "koordinator."
                ).format(fp=info.fingerprint),
                "ok",
            )
        self.reload()
        return info

    def _ask_export(self) -> None:
        folder = file_dialogs.existing_folder(
            self, self.tr("Simpan kunci publik ke folder"), str(Path.home())
        )
        if folder:
            self.export_key(Path(folder))

    def export_key(self, folder: Path) -> Path | None:
        from rentan_desktop.services import trust

        if not ensure_unlocked(self, self.gui):
            return None
        return self._run(
            lambda: trust.export_public_key(self.gui.ctx, actor=self.gui.user, folder=folder),
            lambda p: self.tr(
                "Kunci publik disimpan: {path}. Kirim berkas ini ke koordinator "
                "dan bacakan sidik jarinya melalui telepon."
            ).format(path=p),
        )

    def _ask_sheet(self) -> None:
        office = self.gui.ctx.office
        name = f"LEMBAR-KUNCI-{office.kode if office else ''}.pdf"
        path = file_dialogs.save_file(
            self, self.tr("Simpan lembar kunci"), str(Path.home() / name), "PDF (*.pdf)"
        )
        if path:
            self.save_sheet(Path(path))

    def save_sheet(self, path: Path) -> Path | None:
        from rentan_desktop.gui.keys.sheet import write_key_sheet
        from rentan_desktop.services.context import today_wita

        if self.info is None:
            return None
        office, info = self.gui.ctx.office, self.info
        return self._run(
            lambda: write_key_sheet(
                path,
                office=info.office,
                office_name=office.nama if office else "",
                key_id=info.key_id,
                fingerprint=info.fingerprint,
                printed_on=tanggal(today_wita()),
            ),
            lambda p: self.tr("Lembar kunci disimpan: {path}").format(path=p),
        )

    # -- trusted keys --------------------------------------------------------------------------

    def _ask_key_file(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Pilih berkas kunci publik"), str(Path.home()), KEY_FILTER
        )
        if path:
            self.load_key_file(Path(path))

    def load_key_file(self, path: Path) -> PublicKeyFile | None:
        """Step 1 of registering: show whose key the file holds and ask for the fingerprint."""
        from rentan_desktop.services import trust

        parsed = self._run(
            lambda: trust.read_key_file(path),
            lambda f: self.tr("Berkas kunci terbaca. Cocokkan sidik jarinya."),
        )
        if parsed is None:
            self._clear_pending()
            return None
        self.pending_file = path
        self.pending_label.setText(
            self.tr(
                "Berkas {file}: kunci kantor {office} {name}. Minta petugas kantor itu membacakan "
                "sidik jari kuncinya, lalu ketik di bawah."
            ).format(file=path.name, office=parsed.office, name=parsed.office_name)
        )
        self.fp_edit.clear()
        self.pending_box.show()
        self.fp_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return parsed

    def trust_pending(self, fingerprint: str | None = None) -> TrustedKeyRow | None:
        """Step 2: trust the file's key if the typed fingerprint matches it exactly."""
        from rentan_desktop.services import trust

        if self.pending_file is None:
            return None
        typed = self.fp_edit.text() if fingerprint is None else fingerprint
        path = self.pending_file
        row = self._run(
            lambda: trust.trust_key(
                self.gui.ctx, actor=self.gui.user, path=path, fingerprint=typed
            ),
            lambda r: self.tr("Kunci kantor {office} sekarang dipercaya.").format(
                office=r.office_kode
            ),
        )
        if row is not None:
            self._clear_pending()
            self.reload()
            self.gui.signals.emit_changed("trusted_key", (row.key_id,), "trust")
        return row

    def _clear_pending(self) -> None:
        self.pending_file = None
        self.pending_box.hide()

    def revoke_selected(self) -> TrustedKeyRow | None:
        from rentan_desktop.services import trust

        index = self.table.currentRow()
        if not 0 <= index < len(self.keys):
            page_widgets.show_result(
                self.result_label, self.tr("Pilih kunci yang akan dicabut."), "warn"
            )
            return None
        chosen, reason = self.keys[index], self.revoke_reason.text()
        row = self._run(
            lambda: trust.revoke_key(
                self.gui.ctx, actor=self.gui.user, fingerprint=chosen.fingerprint, reason=reason
            ),
            lambda r: self.tr(
                "Kunci kantor {office} dicabut; batch bertanda tangan kunci ini akan ditolak."
            ).format(office=r.office_kode),
        )
        if row is not None:
            self.revoke_reason.clear()
            self.reload()
            self.gui.signals.emit_changed("trusted_key", (row.key_id,), "revoke")
        return row
