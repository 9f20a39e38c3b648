"""The restore screen's table: one backup per row with its date, kind, size and record count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from rentan_desktop.domain.formatting import angka
from rentan_desktop.services.context import WITA

if TYPE_CHECKING:
    from rentan_desktop.storage.backup_catalog import BackupInfo

Index = QModelIndex | QPersistentModelIndex


def size_text(size: int) -> str:
    """Bytes as a short human size (KB/MB/GB, decimal comma as Indonesian users write it)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover - the loop always returns


class BackupTableModel(QAbstractTableModel):
    """Holds the list from ``services.backups.list_backups`` (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups: list[BackupInfo] = []
        self.headers = (
            self.tr("Tanggal (WITA)"), self.tr("Jenis"), self.tr("Ukuran"),
            self.tr("Jumlah data"), self.tr("Terenkripsi"), self.tr("Lokasi"),
        )  # fmt: skip
        self.kinds = {
            "auto": self.tr("otomatis"),
            "manual": self.tr("manual"),
            "exit": self.tr("saat keluar"),
            "pre-restore": self.tr("sebelum pemulihan"),
        }

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = list(backups)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        b = self.backups[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return b
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return f"{b.created_at.astimezone(WITA):%d-%m-%Y %H.%M.%S}"
        if col == 1:
            return self.kinds.get(b.kind.value, b.kind.value)
        if col == 2:
            return size_text(b.size)
        if col == 3:
            if not b.readable:
                return self.tr("rusak")
            return angka(b.record_count) if b.record_count is not None else "?"
        if col == 4:
            return self.tr("ya") if b.encrypted else self.tr("tidak")
        return str(b.path.parent)
