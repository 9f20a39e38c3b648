"""Step 3 of the legacy wizard: every source row as it is in the file, with its status, the cells
that have problems highlighted (red for errors, yellow for warnings) and the messages beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from rentan_desktop.gui.legacy.labels import column_letter, status_label
from rentan_desktop.legacy import report
from rentan_desktop.legacy.cleaning import text as cell_text

if TYPE_CHECKING:
    from rentan_desktop.legacy.rows import CleanRow
    from rentan_desktop.services.legacy_import import LegacyRun

Index = QModelIndex | QPersistentModelIndex
ERROR_BG = QColor("#f8d7da")
WARNING_BG = QColor("#fff3cd")
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1  # "error" / "warning" / None (tests read it)
FIXED = 3  # "Baris", "Status", "Masalah" before the source columns
PROBLEMS = 2


class PreviewModel(QAbstractTableModel):
    """Rows of a dry run or commit; ``only_problems`` hides the clean rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run: LegacyRun | None = None
        self.lang = "id"
        self.visible: list[CleanRow] = []
        self.labels: tuple[str, ...] = ()
        self._problems: dict[str, tuple[dict[int, tuple[str, list[str]]], list[str]]] = {}
        self._messages: dict[str, list[str]] = {}
        self.only_problems = False

    def set_run(self, run: LegacyRun | None, lang: str = "id") -> None:
        self.beginResetModel()
        self.run, self.lang = run, lang
        self._problems.clear()
        self._messages.clear()
        self.labels = tuple(run.result.header.labels) if run else ()
        self._filter()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self.only_problems = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        rows = self.run.result.rows if self.run else []
        self.visible = [r for r in rows if r.issues] if self.only_problems else list(rows)

    def problems_of(self, row: CleanRow) -> tuple[dict[int, tuple[str, list[str]]], list[str]]:
        """(column index -> (worst severity, messages), messages without a column)."""
        found = self._problems.get(row.key)
        if found is None:
            assert self.run is not None
            cells: dict[int, tuple[str, list[str]]] = {}
            loose: list[str] = []
            for p in report.problems(row, self.run.result, self.lang):
                col = p["column_index"]
                if col is None:
                    loose.append(p["message"])
                    continue
                severity, messages = cells.get(col, ("warning", []))
                worst = "error" if p["severity"] == "error" or severity == "error" else "warning"
                cells[col] = (worst, [*messages, p["message"]])
            found = (cells, loose)
            self._problems[row.key] = found
        return found

    def messages(self, row: CleanRow) -> list[str]:
        """Every message of ``row``, the errors first (a refused row opens with why it is
        refused, not with a warning): those without a column first, then by column."""
        found = self._messages.get(row.key)
        if found is None:
            assert self.run is not None
            entries = report.problems(row, self.run.result, self.lang)
            entries.sort(
                key=lambda p: (
                    p["severity"] != "error",
                    p["column_index"] is not None,
                    p["column_index"] or 0,
                )
            )
            found = self._messages[row.key] = [p["message"] for p in entries]
        return found

    def status_of(self, row: CleanRow) -> str:
        assert self.run is not None
        return report.row_status(self.run.result, row, self.run.committed)

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() or self.run is None else FIXED + len(self.labels)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Baris")
        if section == 1:
            return self.tr("Status")
        if section == PROBLEMS:
            return self.tr("Masalah")
        col = section - FIXED
        return self.labels[col] or column_letter(col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.run is None:
            return None
        row = self.visible[index.row()]
        section = index.column()
        col = section - FIXED
        cells, loose = self.problems_of(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return f"{row.number} · {row.sheet}" if row.sheet else str(row.number)
            if section == 1:
                return status_label(self.status_of(row))
            if section == PROBLEMS:
                return " ".join(self.messages(row))
            data = self.run.sheets.get(row.sheet, self.run.data) if row.sheet else self.run.data
            source = data.rows[row.number - 1]
            return cell_text(source[col]) if col < len(source) else ""
        if 0 <= col < len(self.labels) and col in cells:
            severity, messages = cells[col]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(ERROR_BG if severity == "error" else WARNING_BG)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(messages)
            if role == PROBLEM_ROLE:
                return severity
        if role == Qt.ItemDataRole.ToolTipRole and section == PROBLEMS:
            return "\n".join(self.messages(row))
        if role == Qt.ItemDataRole.ForegroundRole and section == 1:
            status = self.status_of(row)
            if status == "ditolak":
                return QBrush(QColor("#b00020"))
            if status in ("siap", "diimpor"):
                return QBrush(QColor("#1b5e20"))
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        return None
