"""The card print queue: requested -> printed -> handed over (with date and receiver)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
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

from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.keys.unlock import ensure_unlocked
from rentan_desktop.gui.printing.paper import PaperChoice
from rentan_desktop.gui.printing.pdf_result import PdfResult

if TYPE_CHECKING:
    from rentan_desktop.services.cards import CardsPrinted, QueueRow, RequestResult


@dataclass(frozen=True)
class HandedOver:
    """What a hand-over job did: the cards recorded, and the receipt list or why it failed."""

    ids: list[int]
    receiver: str
    on: date
    receipt: Path | None
    error: BaseException | None


CTX = "CardQueue"
SHOWN_ROWS = 200  # the oldest cards shown: 1,800 cells
# Cells are built this many rows per turn of the event loop: all 200 rows at once took 60-170 ms
# on a loaded office PC, every time the queue was re-read (after each print or Batal).
ROWS_PER_TURN = 40
STATES = {
    "requested": QT_TRANSLATE_NOOP("CardQueue", "Diminta"),
    "printed": QT_TRANSLATE_NOOP("CardQueue", "Dicetak"),
    "handed_over": QT_TRANSLATE_NOOP("CardQueue", "Diserahkan"),
}
STATE_BG = {
    "requested": QColor("#fff4d6"),
    "printed": QColor("#e8efe9"),
    "handed_over": QColor("#e3f4ea"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("CardQueue", "No. kartu"),
    QT_TRANSLATE_NOOP("CardQueue", "Nama"),
    QT_TRANSLATE_NOOP("CardQueue", "NIK"),
    QT_TRANSLATE_NOOP("CardQueue", "KPJ"),
    QT_TRANSLATE_NOOP("CardQueue", "Tahap"),
    QT_TRANSLATE_NOOP("CardQueue", "Diminta"),
    QT_TRANSLATE_NOOP("CardQueue", "Dicetak"),
    QT_TRANSLATE_NOOP("CardQueue", "Diserahkan"),
    QT_TRANSLATE_NOOP("CardQueue", "Penerima"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class CardQueueTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.rows: list[QueueRow] = []
        self._filling = 0  # which read's rows the table is being filled with
        self.job: Job | None = None
        self.reload_job: Job | None = None
        self.filter = QComboBox(self)
        self.filter.setObjectName("stateFilter")
        self.filter.addItem(self.tr("Semua tahap"), "")
        for key, label in STATES.items():
            self.filter.addItem(_t(label), key)
        self.filter.currentIndexChanged.connect(self.reload)
        self.request_button = QPushButton(self.tr("Antrekan &semua peserta terdaftar"), self)
        self.request_button.setObjectName("requestAll")
        self.request_button.clicked.connect(self.request_all)
        self.paper = PaperChoice(self)
        self.print_button = QPushButton(self.tr("&Cetak kartu yang diminta"), self)
        self.print_button.setObjectName("printCards")
        self.print_button.clicked.connect(self.start_print)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tampilkan:"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.request_button)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("cardQueue")
        self.table.setHorizontalHeaderLabels([_t(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        print_box = QGroupBox(self.tr("Cetak"), self)
        print_row = QHBoxLayout(print_box)
        print_row.addWidget(self.paper)
        print_row.addWidget(self.print_button)
        hand_box = QGroupBox(self.tr("Penyerahan kartu terpilih"), self)
        self.receiver = QLineEdit(hand_box)
        self.receiver.setObjectName("receiverEdit")
        self.receiver.setPlaceholderText(self.tr("nama penerima"))
        from rentan_desktop.services.context import today_wita

        today = today_wita()  # the office's day (WITA), whatever zone the machine's clock is in
        self.hand_date = QDateEdit(QDate(today.year, today.month, today.day), hand_box)
        self.hand_date.setCalendarPopup(True)
        self.hand_date.setDisplayFormat("dd-MM-yyyy")
        self.hand_button = QPushButton(self.tr("Catat &diserahkan"), hand_box)
        self.hand_button.setObjectName("handOver")
        self.hand_button.clicked.connect(self.hand_over_selected)
        hand_row = QHBoxLayout(hand_box)
        hand_row.addWidget(QLabel(self.tr("Penerima:"), hand_box))
        hand_row.addWidget(self.receiver, 1)
        hand_row.addWidget(QLabel(self.tr("Tanggal:"), hand_box))
        hand_row.addWidget(self.hand_date)
        hand_row.addWidget(self.hand_button)
        actions = QHBoxLayout()
        actions.addWidget(print_box)
        actions.addWidget(hand_box, 1)
        self.progress = JobProgress(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("queueSummary")
        self.result = PdfResult(self, "cardResult")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)

    def reload(self) -> Job:
        """Re-read the queue in the background; the table follows when the rows are in.

        The table shows the oldest cards only (building widgets for a 60,000-card queue froze
        the window), and even those rows joined with their records took most of a second
        on the GUI thread at 150,000 records; the counts come from one grouped query.
        """
        from rentan_desktop.services import cards

        ctx, user = self.gui.ctx, self.gui.user
        state = self.filter.currentData() or None
        self.reload_job = self.gui.jobs.start(
            lambda _c: (
                cards.queue(ctx, actor=user, state=state, limit=SHOWN_ROWS),
                cards.queue_counts(ctx, actor=user),
            ),
            on_success=lambda found, s=state: self._show(s, *found),
        )
        return self.reload_job

    def _show(self, state: str | None, rows: list[QueueRow], counts: dict[str, int]) -> None:
        if state != (self.filter.currentData() or None):
            return  # another filter was chosen meanwhile; its own read follows
        self.rows = rows
        total = counts.get(state, 0) if state else sum(counts.values())
        self._filling += 1
        self.table.setRowCount(len(self.rows))
        self._fill(self._filling, 0)
        text = self.tr(
            "{requested} diminta, {printed} dicetak belum diserahkan, {handed} sudah diserahkan."
        ).format(
            requested=angka(counts.get("requested", 0)),
            printed=angka(counts.get("printed", 0)),
            handed=angka(counts.get("handed_over", 0)),
        )
        if total > len(self.rows):
            text += " " + self.tr("Tabel menampilkan {shown} kartu terlama dari {total}.").format(
                shown=angka(len(self.rows)), total=angka(total)
            )
        self.summary.setText(text)

    def _fill(self, generation: int, start: int) -> None:
        """Build the cells of rows ``start`` onwards, a few rows per turn of the event loop."""
        if generation != self._filling:
            return  # a newer read is being shown
        brushes = {key: QBrush(color) for key, color in STATE_BG.items()}
        plain = QBrush(QColor("white"))
        end = min(start + ROWS_PER_TURN, len(self.rows))
        self.table.setUpdatesEnabled(False)
        for index in range(start, end):
            row = self.rows[index]
            brush = brushes.get(row.state, plain)
            values = [
                str(row.id),
                row.nama,
                row.nik_masked,
                row.kpj,
                _t(STATES.get(row.state, row.state)),
                tanggal(row.requested_at.date()),
                tanggal(row.printed_at.date()) if row.printed_at else "",
                tanggal(row.handed_over_on) if row.handed_over_on else "",
                row.receiver,
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setBackground(brush)
                self.table.setItem(index, col, item)
        self.table.setUpdatesEnabled(True)
        if end < len(self.rows):
            QTimer.singleShot(0, self, lambda: self._fill(generation, end))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r].id for r in rows]

    def request_all(self) -> Job:
        """Queue every registered person without a card, as a job (60,000 rows take seconds)."""
        from rentan_desktop.services import cards

        ctx, user = self.gui.ctx, self.gui.user
        job = self.gui.jobs.start(
            lambda c: cards.request_all_registered(
                ctx, actor=user, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Mengantrekan kartu…"),
            on_success=self._requested,
            on_error=self.result.failed,
            on_cancel=lambda: self.result.message(
                self.tr("Dibatalkan; antrean tidak berubah."), "warn"
            ),
        )
        self.job = job
        self.progress.bind(job)
        self.request_button.setEnabled(False)
        job.finished.connect(self._request_finished)
        return job

    def _requested(self, result: RequestResult) -> None:
        text = self.tr("{n} kartu baru masuk antrean.").format(n=angka(len(result.queued)))
        if result.refused:
            text += " " + self.tr(
                "{n} peserta terdaftar belum punya KPJ atau periode kepesertaan, jadi belum bisa "
                "dibuatkan kartu."
            ).format(n=angka(len(result.refused)))
        self.result.message(text, "ok")

    def _request_finished(self) -> None:
        self.request_button.setEnabled(True)
        self.reload()

    def start_print(self) -> Job:
        from rentan_desktop.services import cards

        ensure_unlocked(self, self.gui)  # card QR codes are signed (refused with a sentence else)
        ctx, user, paper = self.gui.ctx, self.gui.user, self.paper.value()
        job = self.gui.jobs.start(
            lambda c: cards.print_requested(
                ctx, actor=user, paper=paper, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Mencetak kartu…"),
            on_success=self._printed,
            on_error=self.result.failed,
        )
        self.job = job
        self.progress.bind(job)
        self.print_button.setEnabled(False)
        job.finished.connect(self._print_finished)
        return job

    def _print_finished(self) -> None:
        self.print_button.setEnabled(True)
        self.reload()

    def _printed(self, printed: CardsPrinted) -> None:
        self.result.written(
            printed.path,
            self.tr(
                "{n} kartu dicetak di {pages} lembar (potong pada tanda potong).\nDisimpan di {path}"
            ).format(n=printed.count, pages=printed.pages, path=printed.path),
        )

    def hand_over_selected(self) -> Job | None:
        """Record the selected cards as handed over and print the receipt list the receiver
        signs (Tanda Terima Kartu), as one job; None when nothing could start."""
        from rentan_desktop.services import cards

        ids = self.selected_ids()
        if not ids:
            self.result.message(self.tr("Pilih kartu yang diserahkan di tabel lebih dulu."), "warn")
            return None
        on = self.hand_date.date().toPython()
        assert isinstance(on, date)
        ctx, user, paper, receiver = (
            self.gui.ctx,
            self.gui.user,
            self.paper.value(),
            self.receiver.text(),
        )

        def work(_control: object) -> HandedOver:
            done = cards.hand_over(ctx, actor=user, ids=ids, receiver=receiver, on=on)
            try:  # recorded either way: a receipt that fails to print can be printed again
                printed = cards.receipt_list(ctx, actor=user, ids=done, paper=paper)
            except Exception as exc:  # noqa: BLE001 - shown as one sentence with the record
                logging.getLogger(__name__).exception("card receipt list not printed")
                return HandedOver(done, receiver.strip(), on, None, exc)
            return HandedOver(done, receiver.strip(), on, printed.path, None)

        job = self.gui.jobs.start(
            work,
            title=self.tr("Mencatat penyerahan dan mencetak tanda terima…"),
            on_success=self._handed_over,
            on_error=self.result.failed,
        )
        self.job = job
        self.progress.bind(job)
        self.hand_button.setEnabled(False)
        job.finished.connect(self._hand_over_finished)
        return job

    def _handed_over(self, done: HandedOver) -> None:
        from rentan_desktop.gui import page_widgets

        text = self.tr("{n} kartu dicatat diserahkan kepada {who} pada {when}.").format(
            n=len(done.ids), who=done.receiver, when=tanggal(done.on)
        )
        self.receiver.clear()
        if done.receipt is None:
            reason = page_widgets.error_text(done.error) if done.error is not None else None
            self.result.message(
                text
                + " "
                + self.tr("Tanda terima gagal dicetak: {reason}").format(
                    reason=reason or self.tr("lihat log.")
                ),
                "warn",
            )
            return
        self.result.written(
            done.receipt,
            text
            + "\n"
            + self.tr("Tanda terima untuk ditandatangani penerima (cetak 100 %): {path}").format(
                path=done.receipt
            ),
        )

    def _hand_over_finished(self) -> None:
        self.hand_button.setEnabled(True)
        self.reload()
