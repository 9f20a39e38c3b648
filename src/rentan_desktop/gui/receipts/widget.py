"""Receipts: the coordinator writes a signed receipt for an imported batch; the kecamatan imports
it and its records' statuses follow (accepted, returned with reason, registered with KPJ)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.keys.unlock import ensure_unlocked
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.gui.receipts.ledger import LedgerRow

OUTCOMES = {
    "accepted": QT_TRANSLATE_NOOP("Receipts", "diterima"),
    "returned": QT_TRANSLATE_NOOP("Receipts", "dikembalikan"),
    "registered": QT_TRANSLATE_NOOP("Receipts", "terdaftar BPJS"),
    "held": QT_TRANSLATE_NOOP("Receipts", "ditahan (konflik)"),
    "inactive": QT_TRANSLATE_NOOP("Receipts", "nonaktif"),
    "unchanged": QT_TRANSLATE_NOOP("Receipts", "tidak berubah"),
    "unknown": QT_TRANSLATE_NOOP("Receipts", "tidak dikenal di sini"),
    "refused": QT_TRANSLATE_NOOP("Receipts", "ditolak (tidak dikirim dalam batch ini)"),
}
STATUS = {
    "sent": QT_TRANSLATE_NOOP("Receipts", "Terkirim, menunggu tanda terima"),
    "acknowledged": QT_TRANSLATE_NOOP("Receipts", "Tanda terima sudah diimpor"),
    "imported": QT_TRANSLATE_NOOP("Receipts", "Diimpor"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("Receipts", text)


def counts_text(counts: dict[str, int]) -> str:
    """``2 diterima, 1 dikembalikan`` in the current language."""
    return ", ".join(f"{angka(n)} {_t(OUTCOMES.get(k, k))}" for k, n in sorted(counts.items()))


class ReceiptsPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.incoming: list[LedgerRow] = []
        self.outgoing: list[LedgerRow] = []
        self._stale = True
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Tanda terima batch"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Koordinator membuat tanda terima bertanda tangan untuk setiap batch yang diimpor; "
                    "kecamatan mengimpornya sehingga status datanya ikut berubah. Data yang sudah "
                    "dikirim tidak diarsipkan sebelum ada tanda terimanya."
                ),
                self,
            )
        )
        self.make_box: QGroupBox | None = None
        office = gui.ctx.office
        # Only an office that receives batches (regency, province) writes receipts.
        if gui.can(Perm.RECEIPT_MAKE) and office is not None and office.level != "kecamatan":
            self.make_box = QGroupBox(self.tr("Buat tanda terima (koordinator)"), self)
            self.in_table = page_widgets.row_table(
                self.make_box,
                "importedBatches",
                [
                    self.tr("Kantor"),
                    self.tr("No. batch"),
                    self.tr("Data"),
                    self.tr("Diimpor"),
                    self.tr("Tanda terima dibuat"),
                ],
            )
            self.destination = page_widgets.DestinationChooser(self.make_box, "receiptTarget")
            self.target = self.destination.combo
            self.make_button = QPushButton(
                self.tr("&Buat tanda terima batch terpilih"), self.make_box
            )
            self.make_button.setObjectName("makeReceipt")
            self.make_button.clicked.connect(self.make_selected)
            row = QHBoxLayout()
            row.addWidget(self.target, 1)
            row.addWidget(self.destination.button)
            row.addWidget(self.make_button)
            box = QVBoxLayout(self.make_box)
            box.addWidget(self.in_table, 1)
            box.addLayout(row)
            layout.addWidget(self.make_box, 1)
        self.import_box = QGroupBox(self.tr("Batch yang dikirim dan tanda terimanya"), self)
        self.out_table = page_widgets.row_table(
            self.import_box,
            "sentBatches",
            [self.tr("No. batch"), self.tr("Data"), self.tr("Dikirim"), self.tr("Status")],
        )
        self.import_button = QPushButton(self.tr("&Impor tanda terima…"), self.import_box)
        self.import_button.setObjectName("importReceipt")
        self.import_button.clicked.connect(self._ask_receipt)
        self.import_button.setEnabled(gui.can(Perm.RECEIPT_IMPORT))
        self.reconcile_button = QPushButton(self.tr("Cetak &rekonsiliasi batch terpilih"), self)
        self.reconcile_button.setObjectName("printReconciliation")
        self.reconcile_button.clicked.connect(self.print_reconciliation)
        box2 = QVBoxLayout(self.import_box)
        box2.addWidget(self.out_table, 1)
        line = QHBoxLayout()
        line.addWidget(self.import_button)
        line.addWidget(self.reconcile_button)
        line.addStretch(1)
        box2.addLayout(line)
        layout.addWidget(self.import_box, 1)
        self.result_label = page_widgets.result_box(self, "receiptResult")
        layout.addWidget(self.result_label)
        gui.signals.data_changed.connect(self._on_changed)

    def page_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in ("batch", "registrant"):
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        from rentan_desktop.gui.receipts import ledger

        self._stale = False
        if self.make_box is not None:
            self.incoming = ledger.batches(self.gui.ctx, self.gui.user, "in")
            self._fill(
                self.in_table,
                [
                    (
                        r.office,
                        str(r.seq),
                        angka(r.rows),
                        tanggal(r.recorded_at.date()),
                        str(r.receipts),
                    )
                    for r in self.incoming
                ],
            )
            self.destination.refresh()
        self.outgoing = ledger.batches(self.gui.ctx, self.gui.user, "out")
        self._fill(
            self.out_table,
            [
                (
                    str(r.seq),
                    angka(r.rows),
                    tanggal(r.recorded_at.date()),
                    _t(STATUS.get(r.status, r.status)),
                )
                for r in self.outgoing
            ],
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for index, values in enumerate(rows):
            for col, value in enumerate(values):
                table.setItem(index, col, QTableWidgetItem(value))

    def set_folder(self, folder: Path) -> None:
        self.destination.set_folder(folder)

    def _run(self, action):  # type: ignore[no-untyped-def]
        return page_widgets.run_reporting(self, self.result_label, action)

    def make_selected(self):  # type: ignore[no-untyped-def]
        """Write a signed receipt for the selected imported batch into the chosen folder."""
        from rentan_desktop.services import receipts

        index = self.in_table.currentRow()
        folder = self.target.currentData()
        if not 0 <= index < len(self.incoming) or not folder:
            page_widgets.show_result(
                self.result_label, self.tr("Pilih batch dan folder tujuan lebih dulu."), "warn"
            )
            return None
        batch = self.incoming[index]
        if not ensure_unlocked(self, self.gui):  # the receipt is signed with the office key
            return None
        made = self._run(
            lambda: receipts.make_receipt(
                self.gui.ctx, actor=self.gui.user, batch=batch.batch_id, folder=Path(folder)
            )
        )
        if made is None:
            return None
        page_widgets.show_result(
            self.result_label,
            self.tr("Tanda terima batch {office} nomor {seq} disimpan: {path} ({counts}).").format(
                office=batch.office, seq=batch.seq, path=made.path, counts=counts_text(made.counts)
            ),
            "ok",
        )
        self.reload()
        return made

    def print_reconciliation(self):  # type: ignore[no-untyped-def]
        """Print the one-page reconciliation of the batch selected in either table."""
        from rentan_desktop.services import reconciliation

        chosen = None
        if self.make_box is not None and 0 <= self.in_table.currentRow() < len(self.incoming):
            chosen = self.incoming[self.in_table.currentRow()]
        elif 0 <= self.out_table.currentRow() < len(self.outgoing):
            chosen = self.outgoing[self.out_table.currentRow()]
        if chosen is None:
            page_widgets.show_result(self.result_label, self.tr("Pilih batch lebih dulu."), "warn")
            return None
        batch_id = chosen.batch_id
        recon = self._run(
            lambda: reconciliation.reconcile(self.gui.ctx, actor=self.gui.user, batch=batch_id)
        )
        printed = recon and self._run(
            lambda: reconciliation.print_reconciliation(
                self.gui.ctx, actor=self.gui.user, batch=batch_id
            )
        )
        if not printed:
            return None
        verdict = (
            self.tr("sesuai dengan tanda terima")
            if recon.agree
            else self.tr("{n} data berbeda dengan tanda terima").format(n=len(recon.differences))
        )
        page_widgets.show_result(
            self.result_label,
            self.tr("Rekonsiliasi disimpan: {path} ({verdict}).").format(
                path=printed.path, verdict=verdict
            ),
            "ok" if recon.agree else "warn",
        )
        return printed

    def _ask_receipt(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Pilih tanda terima"), str(Path.home()), "Tanda terima (RECEIPT-*.json)"
        )
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path):  # type: ignore[no-untyped-def]
        """Check the receipt's signature and apply its outcomes to the records sent."""
        from rentan_desktop.services import receipts

        if Path(path).with_suffix(".rreceipt").exists() and not ensure_unlocked(self, self.gui):
            return None  # the items are sealed to this office: its key opens them
        result = self._run(
            lambda: receipts.import_receipt(self.gui.ctx, actor=self.gui.user, path=path)
        )
        if result is None:
            return None
        if not result.ok:
            page_widgets.show_result(
                self.result_label,
                self.tr("Tanda terima ditolak: {reason}").format(
                    reason=" ".join(i.message(self.gui.lang) for i in result.errors)
                ),
                "bad",
            )
            return result
        refused = " ".join(i.message(self.gui.lang) for i in result.refused)
        # Each record the coordinator returned or set inactive, with its reason: the clerk acts on it.
        news = "\n".join(
            self.tr("{name} ({nik}): {status} — {reason}").format(
                name=n.nama,
                nik=n.nik_masked,
                status=lifecycle.label(n.status, self.gui.lang),
                reason=n.reason,
            )
            for n in result.news
        )
        page_widgets.show_result(
            self.result_label,
            self.tr("Tanda terima {file} diimpor: {counts}.").format(
                file=path.name, counts=counts_text(result.counts)
            )
            + (" " + refused if refused else "")
            + ("\n" + news if news else ""),
            "warn" if refused or news else "ok",
        )
        self.gui.signals.emit_changed("registrant", (), "receipt")
        self.reload()
        return result
