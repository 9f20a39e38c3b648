"""One registrant: the record, its warnings and possible duplicates, and its full change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting, lifecycle, phone
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.services import privacy, registrants
from rentan_desktop.services.errors import user_message
from rentan_desktop.services.lookups import ListNames
from rentan_desktop.storage.models import Registrant


def _local(ts: Any, lang: str = "id") -> str:
    from rentan_desktop.services import history_words

    return history_words.when(ts, lang)


class RegistrantDetail(QWidget):
    """Read-only view of one record; ``edit_requested`` asks the entry form to correct it."""

    edit_requested = Signal(str)

    def __init__(self, gui: GuiContext, names: ListNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui, self.names = gui, names
        self.lang = gui.ctx.language
        self.uuid: str | None = None
        # UU PDP: full NIK and KK only after an explicit, audited reveal, per record.
        self.revealed: privacy.Revealed | None = None
        self.revealed_version: int | None = None
        self.identity_labels: dict[str, QLabel] = {}
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.fields = QFormLayout()
        self.fields.setVerticalSpacing(2)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5300;")
        self.duplicates = QListWidget(self)
        self.duplicates.setWordWrap(True)
        self.duplicates.setMaximumHeight(90)
        self.dismiss_reason = QLineEdit(self)
        self.dismiss_reason.setPlaceholderText(self.tr("Alasan: bukan orang yang sama"))
        self.dismiss_button = QPushButton(self.tr("&Tandai berbeda"), self)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.dismiss_reason.returnPressed.connect(self._dismiss)
        self.dismiss_row = QWidget(self)
        row = QHBoxLayout(self.dismiss_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.dismiss_reason, 1)
        row.addWidget(self.dismiss_button)
        self.history = QTableWidget(0, 4, self)
        self.history.setObjectName("historyTable")
        self.history.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Oleh"), self.tr("Tindakan"), self.tr("Rincian")]
        )
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.edit_button = QPushButton(self.tr("&Koreksi data (Ctrl+E)"), self)
        self.edit_button.clicked.connect(lambda: self.uuid and self.edit_requested.emit(self.uuid))
        self.edit_button.setVisible(gui.can(Perm.REGISTRANT_EDIT))
        self.reveal_button = QPushButton(self.tr("Tampilkan NIK len&gkap"), self)
        self.reveal_button.setToolTip(
            self.tr("NIK dan KK lengkap ditampilkan dan dicatat di jejak audit (UU PDP).")
        )
        self.reveal_button.clicked.connect(self._reveal)
        self.reveal_button.setVisible(gui.can(Perm.VIEW_FULL_NIK))
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.fields)
        layout.addWidget(self.warnings)
        self.dup_title = QLabel(self.tr("<b>Kemungkinan data ganda</b>"), self)
        layout.addWidget(self.dup_title)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.dismiss_row)
        layout.addWidget(QLabel(self.tr("<b>Riwayat perubahan</b>"), self))
        layout.addWidget(self.history, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.reveal_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # -- showing -------------------------------------------------------------------------------

    def show_record(self, uuid: str) -> None:
        """Load and show one record with its warnings and history."""
        gui = self.gui
        row = registrants.get(gui.ctx, actor=gui.user, uuid=uuid)
        if uuid != self.uuid or row.version != self.revealed_version:
            self.revealed = None  # another record, or this one changed since: reveal again
        self.uuid = uuid
        self.message.clear()
        self.reveal_button.setEnabled(self.revealed is None)
        status = lifecycle.label(row.status, self.lang)
        if row.status_reason:
            status += f" — {row.status_reason}"
        self.title.setText(f"{row.nama}  ·  {status}")
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.identity_labels.clear()
        for key, label, value in self._rows(row):
            text = QLabel(value, self)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.fields.addRow(label, text)
            if key:
                self.identity_labels[key] = text
        check = registrants.check(
            gui.ctx, actor=gui.user, data=registrants.to_input(row), uuid=uuid
        )
        self.warnings.setText("\n".join("⚠ " + w.message(self.lang) for w in check.warnings))
        self._show_duplicates(registrants.duplicates_of(gui.ctx, actor=gui.user, uuid=uuid))
        self._show_history(registrants.history(gui.ctx, actor=gui.user, uuid=uuid))

    def _identity(self, key: str, value: str | None) -> str:
        if self.revealed is not None:
            return str(getattr(self.revealed, key) or "—")
        return formatting.mask_nik(value) if value else "—"

    def _born(self, row: Registrant) -> str:
        # While the NIK is masked only the birth year shows: the date would rebuild the NIK.
        if self.revealed is not None:
            return formatting.tanggal(row.tanggal_lahir, self.lang)
        return formatting.tahun_lahir(row.tanggal_lahir)

    def _rows(self, row: Registrant) -> list[tuple[str, str, str]]:
        """(identity key or '', label, text) for each line of the record."""
        desa = self.names.desa.get(row.desa_kode, row.desa_kode)
        kpj = row.kpj or "—"
        if row.coverage_start and row.coverage_end:
            kpj += "  " + self.tr("(%1 s.d. %2)").replace(
                "%1", formatting.tanggal(row.coverage_start, self.lang)
            ).replace("%2", formatting.tanggal(row.coverage_end, self.lang))
        lines = [
            (
                self.tr("Tempat, tgl lahir"),
                f"{row.tempat_lahir}, {self._born(row)}",
            ),
            (self.tr("Jenis kelamin"), self.tr("Perempuan") if row.jenis_kelamin == "P" else self.tr("Laki-laki")),
            (self.tr("Nama ibu kandung"), row.nama_ibu or "—"),
            (self.tr("Alamat"), f"{row.alamat}, {formatting.rt_rw(row.rt, row.rw)}, {desa}"),
            (self.tr("Nomor HP"), phone.display(row.no_hp) or "—"),
            (self.tr("Pekerjaan"), self.names.pekerjaan.get(row.pekerjaan_kode, row.pekerjaan_kode)),
            (
                self.tr("Sumber dana"),
                f"{self.names.funders.get(str(row.sumber_dana_id), '')} · {formatting.rupiah(row.penghasilan)}",
            ),
            (self.tr("Periode, KPJ"), f"{row.periode} · {kpj}"),
            (self.tr("Catatan"), row.notes or "—"),
            (
                self.tr("Dibuat / diubah"),
                f"{row.created_by} {_local(row.created_at, self.lang)} · {row.updated_by} {_local(row.updated_at, self.lang)} · v{row.version}",
            ),
        ]  # fmt: skip
        return [
            ("nik", self.tr("NIK"), self._identity("nik", row.nik)),
            ("no_kk", self.tr("Nomor KK"), self._identity("no_kk", row.no_kk)),
            *[("", label, text) for label, text in lines],
        ]

    def _reveal(self) -> None:
        """Show the full NIK and KK of this record once the reveal is in the audit trail."""
        uuid = self.uuid
        if uuid is None:
            return
        gui = self.gui

        def reveal() -> None:
            version = registrants.get(gui.ctx, actor=gui.user, uuid=uuid).version
            self.revealed = privacy.reveal_identity(
                gui.ctx, actor=gui.user, uuid=uuid, purpose="detail"
            )
            self.revealed_version = version

        if self._attempt(reveal, retry=self._reveal):
            self.show_record(uuid)

    def _attempt(
        self, action: Callable[[], object], retry: Callable[[], None] | None = None
    ) -> bool:
        """Run a service call; a refusal is shown as its sentence below the record (False).
        ``retry`` (the whole user action) is offered when another process kept the database busy."""
        try:
            action()
        except Exception as exc:
            text = user_message(exc, self.lang)
            if text is None:
                raise
            self.message.setText(text)
            if retry is not None:
                from rentan_desktop.gui.errors import retry_if_busy

                retry_if_busy(self, exc, retry)
            return False
        return True

    def _show_duplicates(self, matches: list[Any]) -> None:
        self.duplicates.clear()
        for match in matches:
            other = match.other
            # Another person's NIK: masked here; the duplicate workbench compares in full.
            nik = formatting.mask_nik(other.nik)
            item = QListWidgetItem(f"{other.nama} — NIK {nik}: {match.reasons_line(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, other.key)
            self.duplicates.addItem(item)
        has = bool(matches)
        self.dup_title.setVisible(has)
        self.duplicates.setVisible(has)
        self.dismiss_row.setVisible(has and self.gui.can(Perm.DUPLICATE_DECIDE))
        if has:
            self.duplicates.setCurrentRow(0)

    def _show_history(self, events: list[dict[str, object]]) -> None:
        self.history.setRowCount(len(events))
        for i, event in enumerate(events):
            action, text = self.describe(str(event["action"]), event["detail"])  # type: ignore[arg-type]
            for column, value in enumerate(
                (_local(event["ts"], self.lang), str(event["actor"]), action, text)
            ):
                self.history.setItem(i, column, QTableWidgetItem(value))
        self.history.resizeRowsToContents()

    def describe(self, action: str, detail: dict[str, Any]) -> tuple[str, str]:
        """A history event in words (``services.history_words``, shared with ``rentan show``)."""
        from rentan_desktop.services import history_words

        labels = {
            "desa": self.names.desa,
            "pekerjaan": self.names.pekerjaan,
            "funders": self.names.funders,
        }
        return history_words.describe(
            action, detail, lang=self.lang, labels=labels, masked=self.revealed is None
        )

    # -- deciding ------------------------------------------------------------------------------

    def _dismiss(self) -> None:
        item = self.duplicates.currentItem()
        if item is None or self.uuid is None:
            return
        dismissed = self._attempt(
            lambda: registrants.dismiss_duplicate(
                self.gui.ctx,
                actor=self.gui.user,
                uuid_a=self.uuid,
                uuid_b=str(item.data(Qt.ItemDataRole.UserRole)),
                reason=self.dismiss_reason.text(),
            ),
            retry=self._dismiss,
        )
        if not dismissed:
            return
        self.dismiss_reason.clear()
        self.gui.signals.emit_changed("registrant", (self.uuid,), "dismiss")
        self.show_record(self.uuid)
