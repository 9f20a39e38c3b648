"""Conflicts held on batch import, decided field by field with a reason (never last-writer-wins).

Left: the open conflicts. Right: the incoming record next to the registration it collides with;
for each field that differs the supervisor picks one side (or keeps one whole record with a
button), types the reason and saves; ``services.conflicts.decide`` records who chose what and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.conflicts import ConflictView

CTX = "Conflicts"
KINDS = {
    "nik": QT_TRANSLATE_NOOP("Conflicts", "NIK sudah dipakai pendaftaran lain"),
    "edited": QT_TRANSLATE_NOOP("Conflicts", "Diubah di kecamatan dan di sini"),
    "owner": QT_TRANSLATE_NOOP("Conflicts", "Data milik kantor lain"),
    "scope": QT_TRANSLATE_NOOP("Conflicts", "Di luar wilayah kantor pengirim"),
}
DIFF_BG = QColor("#fff4d6")
INCOMING, EXISTING = "incoming", "existing"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class ConflictsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.conflicts: list[ConflictView] = []
        self.current: ConflictView | None = None
        # UU PDP: full NIK/KK of a conflict only after an audited reveal of that conflict.
        self.revealed: str | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self._stale = True
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.setMinimumWidth(260)
        self.list.currentRowChanged.connect(self._select)
        self.kind_label = QLabel(self)
        self.kind_label.setObjectName("conflictKind")
        self.kind_label.setWordWrap(True)
        bold = QFont(self.kind_label.font())
        bold.setBold(True)
        self.kind_label.setFont(bold)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kolom"), self.tr("Data masuk (batch)"), self.tr("Data yang ada di sini")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.all_incoming = QPushButton(self.tr("Ambil semua data &masuk"), self)
        self.all_existing = QPushButton(self.tr("&Pertahankan data yang ada"), self)
        self.all_incoming.clicked.connect(lambda: self.choose_all(INCOMING))
        self.all_existing.clicked.connect(lambda: self.choose_all(EXISTING))
        # A record another office owns: a coordinator may hand it to the sending office (an
        # explicit, audited act) before taking its data; the reason typed below is recorded.
        self.transfer_button = QPushButton(
            self.tr("Serahkan kepemilikan ke kantor pe&ngirim"), self
        )
        self.transfer_button.setObjectName("transferOwner")
        self.transfer_button.clicked.connect(self.transfer)
        self.transfer_button.hide()
        self.reveal_button = QPushButton(self.tr("Tampilkan NIK/KK len&gkap"), self)
        self.reveal_button.setObjectName("revealConflict")
        self.reveal_button.setToolTip(
            self.tr("NIK dan KK lengkap ditampilkan setelah dicatat di jejak audit.")
        )
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_button.setVisible(gui.can(Perm.VIEW_FULL_NIK))
        whole = QHBoxLayout()
        whole.addWidget(self.all_incoming)
        whole.addWidget(self.all_existing)
        whole.addWidget(self.transfer_button)
        whole.addStretch(1)
        whole.addWidget(self.reveal_button)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("decisionReason")
        self.reason.setPlaceholderText(self.tr("wajib: mengapa data ini yang dipilih"))
        self.save_button = QPushButton(self.tr("&Simpan keputusan"), self)
        self.save_button.setObjectName("saveDecision")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(gui.can(Perm.CONFLICT_DECIDE))
        form = QFormLayout()
        form.addRow(self.tr("Alasan &keputusan:"), self.reason)
        self.result_label = page_widgets.result_box(self, "conflictResult")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.kind_label)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(whole)
        right_layout.addLayout(form)
        right_layout.addWidget(self.save_button)
        right_layout.addWidget(self.result_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 800])
        self.empty_label = QLabel(self.tr("Tidak ada konflik yang menunggu keputusan."), self)
        self.empty_label.setObjectName("noConflicts")
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Konflik data"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Data dari batch yang bertabrakan dengan data di sini ditahan, tidak ditimpa. Pilih "
                    "per kolom data mana yang benar (kolom berwarna berbeda isinya), tulis alasannya, "
                    "lalu simpan. Keputusan dan alasannya tercatat di jejak audit."
                ),
                self,
            )
        )
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in ("batch", "registrant") and changes.action != "conflict":
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        from rentan_desktop.services import conflicts

        self._stale = False
        self.conflicts = conflicts.list_conflicts(self.gui.ctx, actor=self.gui.user)
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.conflicts:
            nama = next((f.incoming for f in c.fields if f.key == "nama"), "")
            item = QListWidgetItem(f"{nama}\n{_t(KINDS.get(c.kind, c.kind))} · {c.place(c.sender)}")
            item.setData(Qt.ItemDataRole.UserRole, c.uuid)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty_label.setVisible(not self.conflicts)
        if self.conflicts:
            self.list.setCurrentRow(0)
            self._select(0)
        else:
            self.current = None
            self.table.setRowCount(0)
            self.kind_label.clear()

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        self.current = c = self.conflicts[row]
        self.kind_label.setText(
            self.tr("{kind} — dari kantor {office}").format(
                kind=_t(KINDS.get(c.kind, c.kind)), office=c.place(c.sender or c.origin_office)
            )
            + "\n"
            + c.why(self.gui.lang)
        )
        self.transfer_button.setVisible(
            c.kind == "owner" and bool(c.sender) and self.gui.can(Perm.OWNERSHIP_TRANSFER)
        )
        self.reason.clear()
        self.groups.clear()
        self.table.setRowCount(len(c.fields))
        full = self.revealed == c.uuid and self.gui.can(Perm.VIEW_FULL_NIK)
        for index, diff in enumerate(c.fields):
            shown_in = diff.incoming_shown or str(diff.incoming or "")
            shown_ex = diff.existing_shown or str(diff.existing or "")
            if not full and diff.key in ("nik", "no_kk"):  # identity numbers masked (PDP law)
                shown_in, shown_ex = mask_nik(diff.incoming), mask_nik(diff.existing)
            self.table.setItem(index, 0, QTableWidgetItem(diff.header))
            if not diff.differs:
                for col, value in ((1, shown_in), (2, shown_ex)):
                    self.table.setCellWidget(index, col, None)
                    self.table.setItem(index, col, QTableWidgetItem(value))
                continue
            group = QButtonGroup(self.table)
            for col, side, value in ((1, INCOMING, shown_in), (2, EXISTING, shown_ex)):
                self.table.setItem(index, col, QTableWidgetItem())
                self.table.item(index, col).setBackground(QBrush(DIFF_BG))
                radio = QRadioButton(value or self.tr("(kosong)"), self.table)
                radio.setObjectName(f"{diff.key}_{side}")
                radio.setProperty("side", side)
                radio.setStyleSheet("QRadioButton { background: #fff4d6; padding-left: 4px; }")
                group.addButton(radio)
                self.table.setCellWidget(index, col, radio)
                if side == EXISTING:
                    radio.setChecked(True)  # nothing changes unless the supervisor says so
            self.table.item(index, 0).setBackground(QBrush(DIFF_BG))
            self.groups[diff.key] = group
        self.table.resizeRowsToContents()

    def transfer(self) -> None:
        """Give the existing record to the office that sent the batch (audited, with the reason)."""
        from rentan_desktop.services import ownership

        c = self.current
        if c is None:
            return
        try:
            ownership.transfer(
                self.gui.ctx,
                actor=self.gui.user,
                uuids=[c.existing_uuid],
                to_office=c.sender,
                reason=self.reason.text(),
            )
        except Exception as exc:  # noqa: BLE001 - user errors as one sentence
            message = page_widgets.error_text(exc)
            if message is None:
                raise
            page_widgets.show_result(self.result_label, message, "bad")
            from rentan_desktop.gui.errors import retry_if_busy

            retry_if_busy(self, exc, self.transfer)
            return
        page_widgets.show_result(
            self.result_label,
            self.tr(
                "Kepemilikan data diserahkan ke kantor {office}; sekarang putuskan kolomnya."
            ).format(office=c.sender),
            "ok",
        )
        self.gui.signals.emit_changed("registrant", (c.existing_uuid,), "transfer")
        self.reload()

    def choose_all(self, side: str) -> None:
        """Keep one whole record: every differing field from ``side``."""
        for group in self.groups.values():
            for button in group.buttons():
                if button.property("side") == side:
                    button.setChecked(True)

    def choose(self, key: str, side: str) -> None:
        for button in self.groups[key].buttons():
            if button.property("side") == side:
                button.setChecked(True)

    def choices(self) -> dict[str, str]:
        out = {}
        for key, group in self.groups.items():
            checked = group.checkedButton()
            out[key] = str(checked.property("side")) if checked else EXISTING
        return out

    def reveal(self) -> None:
        """Show this conflict's full NIK and KK once the reveal is in both records' history."""
        from rentan_desktop.gui import errors
        from rentan_desktop.services import privacy

        c = self.current
        if c is None:
            return
        uuids = tuple(dict.fromkeys(u for u in (c.existing_uuid, c.incoming_uuid) if u))
        try:
            privacy.record_reveal(
                self.gui.ctx, actor=self.gui.user, uuids=uuids, purpose="conflict"
            )
        except Exception as exc:  # noqa: BLE001 - a sentence for user errors, crash dialog else
            errors.show_error(self, exc, retry=self.reveal)
            return
        self.revealed = c.uuid
        self._select(self.list.currentRow())

    def save(self) -> ConflictView | None:
        from rentan_desktop.services import conflicts

        if self.current is None:
            return None
        try:
            decided = conflicts.decide(
                self.gui.ctx,
                actor=self.gui.user,
                conflict=self.current.uuid,
                choices=self.choices(),
                reason=self.reason.text(),
            )
        except Exception as exc:  # noqa: BLE001 - user errors as one sentence
            message = page_widgets.error_text(exc)
            if message is None:
                raise
            page_widgets.show_result(self.result_label, message, "bad")
            from rentan_desktop.gui.errors import retry_if_busy

            retry_if_busy(self, exc, self.save)
            return None
        taken = sum(1 for side in self.choices().values() if side == INCOMING)
        page_widgets.show_result(
            self.result_label,
            self.tr(
                "Keputusan disimpan: {n} kolom diambil dari data masuk. Alasan: {reason}"
            ).format(n=taken, reason=decided.reason),
            "ok",
        )
        self.gui.signals.emit_changed("registrant", (decided.existing_uuid,), "conflict")
        self.reload()
        return decided
