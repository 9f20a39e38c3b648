"""Keying back a signed RT review list, built for speed: type or scan the list code, then one key
per row (1 sesuai, 2 pindah, 3 meninggal, 4 bukan pekerja rentan, 5 perbaikan + text), Ctrl+S.

Keys only mark rows as pending (shown in yellow); Ctrl+S sends them all to
``services.rt_review.key_results``, which checks every entry before writing anything and puts
the statuses and corrections into the records and the audit trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from rentan_desktop.domain import lifecycle
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job

if TYPE_CHECKING:
    from rentan_desktop.services.rt_review import KeyingResult, Sheet

CTX = "RtResults"
RESULT_KEYS = {"1": "sesuai", "2": "pindah", "3": "meninggal", "4": "bukan", "5": "perbaikan"}
RESULT_LABELS = {
    "sesuai": QT_TRANSLATE_NOOP("RtResults", "Sesuai"),
    "pindah": QT_TRANSLATE_NOOP("RtResults", "Pindah"),
    "meninggal": QT_TRANSLATE_NOOP("RtResults", "Meninggal"),
    "bukan": QT_TRANSLATE_NOOP("RtResults", "Bukan pekerja rentan"),
    "perbaikan": QT_TRANSLATE_NOOP("RtResults", "Perbaikan"),
}
OUTCOME_LABELS = {
    "verified": QT_TRANSLATE_NOOP("RtResults", "Diterapkan: terverifikasi"),
    "confirmed": QT_TRANSLATE_NOOP("RtResults", "Diterapkan: dikonfirmasi"),
    "inactive": QT_TRANSLATE_NOOP("RtResults", "Diterapkan: nonaktif"),
    "rejected": QT_TRANSLATE_NOOP("RtResults", "Diterapkan: ditolak"),
    "noted": QT_TRANSLATE_NOOP("RtResults", "Perlu dikoreksi (tugas di Beranda)"),
    "corrected": QT_TRANSLATE_NOOP("RtResults", "Diterapkan: sudah dikoreksi"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("RtResults", "No."),
    QT_TRANSLATE_NOOP("RtResults", "Nama"),
    QT_TRANSLATE_NOOP("RtResults", "NIK"),
    QT_TRANSLATE_NOOP("RtResults", "Status"),
    QT_TRANSLATE_NOOP("RtResults", "Hasil RT"),
    QT_TRANSLATE_NOOP("RtResults", "Perbaikan"),
    QT_TRANSLATE_NOOP("RtResults", "Keterangan"),
)
COL_RESULT, COL_FIX, COL_NOTE = 4, 5, 6
PENDING_BG, REFUSED_BG, DONE_BG = QColor("#fff4d6"), QColor("#fde7e9"), QColor("#e3f4ea")


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class RtResultsPage(QWidget):
    """One list at a time; ``pending`` holds what was keyed but not yet saved."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.sheet: Sheet | None = None
        self.pending: dict[int, tuple[str, str]] = {}  # row no -> (result, correction)
        self.last: KeyingResult | None = None
        self.job: Job | None = None
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("listCode")
        self.code_edit.setPlaceholderText(self.tr("RT-XXXX-XXXX (ketik atau pindai QR)"))
        self.code_edit.setFont(page_widgets.mono_font(1.3))
        # Wide enough for its whole hint in the large mono font (320 px cut it to "(ke…").
        hint = self.code_edit.fontMetrics().horizontalAdvance(self.code_edit.placeholderText())
        self.code_edit.setFixedWidth(hint + 24)
        self.code_edit.returnPressed.connect(self.open_code)
        open_button = QPushButton(self.tr("B&uka daftar"), self)
        open_button.clicked.connect(self.open_code)
        code_row = QHBoxLayout()
        code_label = QLabel(self.tr("&Kode daftar:"), self)
        code_label.setBuddy(self.code_edit)
        code_row.addWidget(code_label)
        code_row.addWidget(self.code_edit)
        code_row.addWidget(open_button)
        code_row.addStretch(1)
        self.info = QLabel(self)
        self.info.setObjectName("sheetInfo")
        self.info.setWordWrap(True)
        legend = QLabel(
            self.tr(
                "<b>1</b> Sesuai &nbsp; <b>2</b> Pindah &nbsp; <b>3</b> Meninggal &nbsp; <b>4</b> Bukan "
                "pekerja rentan &nbsp; <b>5</b> Perbaikan (lalu ketik perbaikannya, Enter) &nbsp; "
                "<b>0</b> hapus isian &nbsp; <b>Ctrl+S</b> simpan"
            ),
            self,
        )
        legend.setObjectName("keyLegend")
        legend.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("sheetTable")
        self.table.setHorizontalHeaderLabels([_t(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(len(HEADERS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.fix_label = QLabel(self)
        self.fix_edit = QLineEdit(self)
        self.fix_edit.setObjectName("correctionEdit")
        self.fix_edit.returnPressed.connect(self._confirm_correction)
        self.fix_edit.installEventFilter(self)
        fix_row = QHBoxLayout()
        fix_row.addWidget(self.fix_label)
        fix_row.addWidget(self.fix_edit, 1)
        self._fix_row: int | None = None
        self._show_fix(False)
        self.save_button = QPushButton(self.tr("&Simpan hasil (Ctrl+S)"), self)
        self.save_button.setObjectName("saveResults")
        self.save_button.clicked.connect(self.save)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pendingCount")
        self.correct_button = QPushButton(self.tr("Kor&eksi data sekarang"), self)
        self.correct_button.setObjectName("openCorrection")
        self.correct_button.clicked.connect(self.open_correction)
        self.correct_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.correct_button)
        self.result_label = page_widgets.result_box(self, "keyingResult")
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Hasil daftar RT"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Ketik atau pindai kode daftar yang dikembalikan Ketua RT, lalu tekan satu angka per "
                    "baris sesuai centang di kertas. Isian baru berwarna kuning sampai disimpan."
                ),
                self,
            )
        )
        layout.addLayout(code_row)
        layout.addWidget(self.info)
        layout.addWidget(legend)
        layout.addWidget(self.table, 1)
        layout.addLayout(fix_row)
        layout.addLayout(bottom)
        layout.addWidget(self.result_label)
        self._update_count()

    def page_shown(self) -> None:
        if self.sheet is None:
            self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def can_leave(self) -> bool:
        return not self.pending or self._confirm_discard()

    def _confirm_discard(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Hasil belum disimpan"),
            self.tr("Ada {n} isian yang belum disimpan. Tinggalkan tanpa menyimpan?").format(
                n=len(self.pending)
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- list ----------------------------------------------------------------------------------

    def open_code(self, code: str | None = None) -> bool:
        """Load the list behind ``code`` (or the typed one); unsaved keying must be saved first."""
        from rentan_desktop.services import rt_review

        text = self.code_edit.text() if code is None else code
        if self.pending and self.sheet is not None and not self._confirm_discard():
            return False
        try:
            sheet = rt_review.open_sheet(self.gui.ctx, actor=self.gui.user, code=text)
        except Exception as exc:  # noqa: BLE001 - user errors become one sentence, bugs a dialog
            message = page_widgets.error_text(exc)
            if message is None:
                raise
            page_widgets.show_result(self.result_label, message, "bad")
            self.code_edit.selectAll()
            return False
        self.result_label.hide()
        self.pending.clear()
        self.show_sheet(sheet)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectRow(self._first_open_row())
        return True

    def _first_open_row(self) -> int:
        assert self.sheet is not None
        for index, row in enumerate(self.sheet.rows):
            if row.result is None:
                return index
        return 0

    def show_sheet(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.code_edit.setText(sheet.code)
        from rentan_desktop.services import lookups

        desa = lookups.region_names(self.gui.ctx, [sheet.desa_kode]).get(sheet.desa_kode)
        self.info.setText(
            self.tr(
                "Daftar {code}: {desa}, RT {rt}{rw}, dicetak {printed}; {n} orang.{done}"
            ).format(
                code=sheet.code,
                desa=desa or sheet.desa_kode,
                rt=sheet.rt,
                rw=f" / RW {sheet.rw}" if sheet.rw else "",
                printed=sheet.printed,
                n=len(sheet.rows),
                done=self.tr(" Semua baris sudah diisi.") if sheet.status == "keyed" else "",
            )
        )
        self.table.setRowCount(len(sheet.rows))
        for index, row in enumerate(sheet.rows):
            values = [
                str(row.no),
                row.nama,
                row.nik_masked,
                lifecycle.label(row.status, self.gui.lang),
                "",
                "",
                "",
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, col, item)
            self._paint_row(index)
        self._update_count()
        self._open_corrections()

    def _paint_row(self, index: int) -> None:
        assert self.sheet is not None
        row = self.sheet.rows[index]
        if row.no in self.pending:
            result, fix = self.pending[row.no]
            note, color = self.tr("Belum disimpan"), PENDING_BG
        else:
            result, fix = row.result or "", row.correction
            note, color = self._outcome_text(row.outcome), QColor(Qt.GlobalColor.transparent)
            if row.outcome.startswith("refused"):
                color = REFUSED_BG
            elif row.outcome:
                color = DONE_BG
        self.table.item(index, COL_RESULT).setText(_t(RESULT_LABELS[result]) if result else "")
        self.table.item(index, COL_FIX).setText(fix)
        self.table.item(index, COL_NOTE).setText(note)
        self.table.item(index, COL_NOTE).setToolTip(note)
        for col in range(self.table.columnCount()):
            self.table.item(index, col).setBackground(QBrush(color))

    def _outcome_text(self, outcome: str) -> str:
        if outcome.startswith("refused: "):
            return self.tr("Tidak diterapkan: {reason}").format(reason=outcome[len("refused: ") :])
        return _t(OUTCOME_LABELS[outcome]) if outcome in OUTCOME_LABELS else outcome

    # -- keys ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Save):  # Ctrl+S wherever the focus is
                self.save()
                return True
            if watched is self.table and self.sheet is not None:
                return self._table_key(event)
            if watched is self.fix_edit and event.key() == Qt.Key.Key_Escape:
                self._show_fix(False)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _table_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        index = self.table.currentRow()
        if index < 0 or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if text in ("1", "2", "3", "4"):
            self.key_row(index, RESULT_KEYS[text])
            return True
        if text == "5":
            self._ask_correction(index)
            return True
        if text == "0" or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_row(index)
            return True
        return False

    def key_row(self, index: int, result: str, correction: str = "") -> None:
        """Mark row ``index`` (0-based) with ``result`` and move to the next row."""
        assert self.sheet is not None
        self.pending[self.sheet.rows[index].no] = (result, correction)
        self._paint_row(index)
        self._update_count()
        if index + 1 < self.table.rowCount():
            self.table.selectRow(index + 1)

    def clear_row(self, index: int) -> None:
        assert self.sheet is not None
        self.pending.pop(self.sheet.rows[index].no, None)
        self._paint_row(index)
        self._update_count()

    def _ask_correction(self, index: int) -> None:
        assert self.sheet is not None
        self._fix_row = index
        self.fix_label.setText(
            self.tr("Perbaikan baris {no}:").format(no=self.sheet.rows[index].no)
        )
        current = self.pending.get(self.sheet.rows[index].no, ("", ""))[1]
        self.fix_edit.setText(current or self.sheet.rows[index].correction)
        self._show_fix(True)
        self.fix_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.fix_edit.selectAll()

    def _confirm_correction(self) -> None:
        text = self.fix_edit.text().strip()
        if self._fix_row is None or not text:
            return
        index, self._fix_row = self._fix_row, None
        self._show_fix(False)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.key_row(index, "perbaikan", text)

    def _show_fix(self, visible: bool) -> None:
        self.fix_label.setVisible(visible)
        self.fix_edit.setVisible(visible)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} isian belum disimpan.").format(n=len(self.pending)))
        self.save_button.setEnabled(bool(self.pending) and not (self.job and self.job.running))

    # -- save ----------------------------------------------------------------------------------

    def save(self) -> Job | None:
        """Send every pending row to the service in one transaction (in the background)."""
        from rentan_desktop.services import rt_review

        if self.sheet is None or not self.pending or (self.job and self.job.running):
            return None
        entries = [
            rt_review.Entry(no, result, fix) for no, (result, fix) in sorted(self.pending.items())
        ]
        ctx, user, code = self.gui.ctx, self.gui.user, self.sheet.code
        job = self.gui.jobs.start(
            lambda c: rt_review.key_results(
                ctx, actor=user, code=code, entries=entries, progress=c.progress
            ),
            title=self.tr("Menyimpan hasil daftar RT…"),
            on_success=self._saved,
            on_error=self._failed,
        )
        self.job = job
        self.save_button.setEnabled(False)
        job.finished.connect(self._update_count)
        return job

    def _failed(self, exc: BaseException) -> None:
        message = page_widgets.error_text(exc)
        if message is None:
            from rentan_desktop.gui.errors import show_error

            show_error(self, exc)
            return
        from rentan_desktop.services.rt_review import RowsRefused

        if not isinstance(exc, RowsRefused):  # that sentence already says nothing was saved
            message = self.tr("Tidak ada yang disimpan: {reason}").format(reason=message)
        page_widgets.show_result(self.result_label, message, "bad")

    def _open_corrections(self) -> list[str]:
        """Registrants of this list whose RT correction has not been made yet."""
        from rentan_desktop.services import rt_review

        if self.sheet is None or not self.gui.can(Perm.REGISTRANT_EDIT):
            self.correct_button.hide()
            return []
        code = self.sheet.code
        waiting = [
            t.registrant_uuid
            for t in rt_review.open_corrections(self.gui.ctx, actor=self.gui.user)
            if t.list_code == code
        ]
        self.correct_button.setVisible(bool(waiting))
        return waiting

    def open_correction(self) -> None:
        """Open the first record of this list still waiting for its RT correction."""
        from rentan_desktop.gui.rt_results.home_box import open_correction

        waiting = self._open_corrections()
        if waiting:
            open_correction(self, waiting[0])

    def _saved(self, result: KeyingResult) -> None:
        from rentan_desktop.services import rt_review

        self.last = result
        uuids = tuple(r.uuid for r in self.sheet.rows if r.no in self.pending) if self.sheet else ()
        self.pending.clear()
        sheet = rt_review.open_sheet(self.gui.ctx, actor=self.gui.user, code=result.code)
        current = self.table.currentRow()
        self.show_sheet(sheet)
        self.table.selectRow(max(0, current))
        done = len(result.applied)
        text = self.tr("{n} baris disimpan.").format(n=done)
        if result.refused:
            text += " " + self.tr("{n} baris tidak dapat diterapkan (lihat Keterangan).").format(
                n=len(result.refused)
            )
        if result.complete:
            text += " " + self.tr("Daftar ini sudah lengkap.")
        waiting = self._open_corrections()
        if waiting:
            text += " " + self.tr(
                "%n perbaikan menunggu dikoreksi: tekan Koreksi data sekarang (Alt+E), atau "
                "kerjakan nanti dari Beranda.",
                "",
                len(waiting),
            )
        page_widgets.show_result(self.result_label, text, "warn" if result.refused else "ok")
        self.gui.signals.emit_changed("registrant", uuids, "status")
