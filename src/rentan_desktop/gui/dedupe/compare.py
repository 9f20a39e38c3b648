"""The side-by-side table of one duplicate cluster: one row per field, one column per record;
rows where the records differ are tinted, and for a merge the user clicks the value to take."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from rentan_desktop.domain import formatting, lifecycle, phone

FIELD_LABELS = {
    "nik": QT_TRANSLATE_NOOP("dedupe", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("dedupe", "No. KK"),
    "nama": QT_TRANSLATE_NOOP("dedupe", "Nama"),
    "tempat_lahir": QT_TRANSLATE_NOOP("dedupe", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("dedupe", "Tanggal lahir"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("dedupe", "L/P"),
    "nama_ibu": QT_TRANSLATE_NOOP("dedupe", "Nama ibu kandung"),
    "alamat": QT_TRANSLATE_NOOP("dedupe", "Alamat"),
    "rt": QT_TRANSLATE_NOOP("dedupe", "RT"),
    "rw": QT_TRANSLATE_NOOP("dedupe", "RW"),
    "desa_kode": QT_TRANSLATE_NOOP("dedupe", "Desa/kelurahan"),
    "no_hp": QT_TRANSLATE_NOOP("dedupe", "No. HP"),
    "pekerjaan_kode": QT_TRANSLATE_NOOP("dedupe", "Pekerjaan"),
    "status": QT_TRANSLATE_NOOP("dedupe", "Status"),
    "origin_batch": QT_TRANSLATE_NOOP("dedupe", "Asal kiriman"),
    "created_by": QT_TRANSLATE_NOOP("dedupe", "Dientri oleh"),
}
DIFF_BG = QColor("#fff3cd")
TAKE_BG = QColor("#c8e6c9")
FIELD_ROLE = Qt.ItemDataRole.UserRole
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class CompareTable(QTableWidget):
    """Fill with :meth:`show_members`; ``take`` is field -> uuid chosen for a merge."""

    take_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareTable")
        self.members: list[str] = []
        self.rows: list[dict[str, object]] = []
        self.take: dict[str, str] = {}
        self.mergeable: tuple[str, ...] = ()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cellClicked.connect(self.toggle_take)

    def show_members(
        self,
        members: list[str],
        rows: list[dict[str, object]],
        *,
        titles: list[str],
        full_nik: bool,
        desa: dict[str, str],
        mergeable: tuple[str, ...],
        lang: str,
    ) -> None:
        self.clear()
        self.members, self.rows, self.take, self.mergeable = list(members), rows, {}, mergeable
        self.setColumnCount(len(members))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(titles)
        self.setVerticalHeaderLabels(
            [
                QCoreApplication.translate(
                    "dedupe", FIELD_LABELS.get(str(r["field"]), str(r["field"]))
                )
                for r in rows
            ]
        )
        for r, entry in enumerate(rows):
            field = str(entry["field"])
            values = list(entry["values"])  # type: ignore[call-overload]
            for c, value in enumerate(values):
                item = QTableWidgetItem(self._text(field, value, full_nik, desa, lang))
                item.setData(FIELD_ROLE, field)
                item.setData(MEMBER_ROLE, members[c])
                if entry["differs"]:
                    item.setBackground(QBrush(DIFF_BG))
                self.setItem(r, c, item)

    @staticmethod
    def _text(field: str, value: object, full_nik: bool, desa: dict[str, str], lang: str) -> str:
        if value is None or value == "":
            return "–"
        if field in ("nik", "no_kk"):
            return str(value) if full_nik else formatting.mask_nik(str(value))
        if field == "tanggal_lahir":
            text = str(value)
            if not full_nik:  # beside a masked NIK only the year (docs/security.md)
                return formatting.tahun_lahir(text)
            return f"{text[8:10]}-{text[5:7]}-{text[0:4]}" if len(text) >= 10 else text
        if field in ("desa_kode", "pekerjaan_kode", "origin_batch"):
            # Names, not codes: desa and occupation names, the batch's file name.
            return desa.get(str(value)) or str(value)
        if field == "status":
            return lifecycle.label(str(value), lang)
        if field == "no_hp":
            return phone.display(str(value))  # stored +62…, shown 0812-… as everywhere else
        return str(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Space takes the current value, as a click does: merges work from the keyboard alone.
        if event.key() == Qt.Key.Key_Space and self.currentRow() >= 0 and self.currentColumn() >= 0:
            self.toggle_take(self.currentRow(), self.currentColumn())
            return
        super().keyPressEvent(event)

    def toggle_take(self, row: int, column: int) -> None:
        """Click on a differing, mergeable value: the kept record takes it (click again: not)."""
        entry = self.rows[row]
        field = str(entry["field"])
        if not entry["differs"] or field not in self.mergeable:
            return
        member = self.members[column]
        if self.take.get(field) == member:
            del self.take[field]
        else:
            self.take[field] = member
        for c in range(self.columnCount()):
            item = self.item(row, c)
            chosen = self.take.get(field) == self.members[c]
            item.setBackground(QBrush(TAKE_BG if chosen else DIFF_BG))
            font = QFont(item.font())
            font.setBold(chosen)
            item.setFont(font)
        self.take_changed.emit()
