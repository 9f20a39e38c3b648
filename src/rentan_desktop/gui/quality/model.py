"""The data-quality table: one row per desa, one column per problem type, totals on top."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from rentan_desktop.domain.formatting import angka

if TYPE_CHECKING:
    from rentan_desktop.services.quality import QualityView

Index = QModelIndex | QPersistentModelIndex


class QualityModel(QAbstractTableModel):
    """Row 0 is "Semua desa"; columns: desa, records, then the problem types by total count."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.codes: list[str] = []
        self.labels: list[str] = []
        self.rows: list[tuple[str, int, dict[str, int]]] = []

    def set_view(self, view: QualityView, label_of: Any) -> None:
        self.beginResetModel()
        totals = view.totals()
        self.codes = [c for c, _ in totals.most_common()]
        self.labels = [label_of(c) for c in self.codes]
        records = sum(view.records.values())
        self.rows = [(self.tr("Semua desa"), records, dict(totals))]
        for desa in sorted(view.records, key=lambda d: view.desa_names.get(d, d)):
            counts = dict(view.per_desa.get(desa, {}))
            self.rows.append((view.desa_names.get(desa, desa), view.records[desa], counts))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else 2 + len(self.codes)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Desa/kelurahan")
            if section == 1:
                return self.tr("Jumlah data")
            return self.labels[section - 2]
        if role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            return self.codes[section - 2]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name, records, counts = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return name
            if col == 1:
                return angka(records)
            n = counts.get(self.codes[col - 2], 0)
            return angka(n) if n else ""
        if role == Qt.ItemDataRole.UserRole and col >= 2:
            return counts.get(self.codes[col - 2], 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None
