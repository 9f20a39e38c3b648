"""The import report as a thin table model: one row per finding (or per rejected/skipped row)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:
    from rentan_desktop.services.template_import import ImportReport

CTX = "TemplateImport"
FIELD_LABELS = {
    "nik": QT_TRANSLATE_NOOP("TemplateImport", "NIK"),
    "no_kk": QT_TRANSLATE_NOOP("TemplateImport", "No. KK"),
    "nama": QT_TRANSLATE_NOOP("TemplateImport", "Nama lengkap"),
    "tempat_lahir": QT_TRANSLATE_NOOP("TemplateImport", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("TemplateImport", "Tanggal lahir"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("TemplateImport", "Jenis kelamin"),
    "nama_ibu": QT_TRANSLATE_NOOP("TemplateImport", "Nama ibu kandung"),
    "alamat": QT_TRANSLATE_NOOP("TemplateImport", "Alamat"),
    "rt": QT_TRANSLATE_NOOP("TemplateImport", "RT"),
    "rw": QT_TRANSLATE_NOOP("TemplateImport", "RW"),
    "desa_kode": QT_TRANSLATE_NOOP("TemplateImport", "Desa/kelurahan"),
    "no_hp": QT_TRANSLATE_NOOP("TemplateImport", "No. HP"),
    "pekerjaan_kode": QT_TRANSLATE_NOOP("TemplateImport", "Pekerjaan"),
    "penghasilan": QT_TRANSLATE_NOOP("TemplateImport", "Penghasilan"),
    "sumber_dana_id": QT_TRANSLATE_NOOP("TemplateImport", "Sumber dana"),
    "notes": QT_TRANSLATE_NOOP("TemplateImport", "Catatan"),
}
OUTCOMES = {
    "DISIMPAN": QT_TRANSLATE_NOOP("TemplateImport", "Disimpan"),
    "SUDAH ADA": QT_TRANSLATE_NOOP("TemplateImport", "Sudah ada (dilewati)"),
    "DITOLAK": QT_TRANSLATE_NOOP("TemplateImport", "Ditolak"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("TemplateImport", "Baris"),
    QT_TRANSLATE_NOOP("TemplateImport", "Hasil"),
    QT_TRANSLATE_NOOP("TemplateImport", "Kolom"),
    QT_TRANSLATE_NOOP("TemplateImport", "Keterangan"),
)
ERROR_BG = QColor("#fde7e9")
WARNING_BG = QColor("#fff4d6")


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


@dataclass(frozen=True)
class ReportLine:
    row: int
    outcome: str
    field: str
    message: str
    is_error: bool


def lines_of(report: ImportReport, lang: str) -> list[ReportLine]:
    """Flatten the report: each finding of a row that was rejected, skipped or warned."""
    lines: list[ReportLine] = []
    for row in report.rows:
        outcome = _t(OUTCOMES.get(row.outcome, row.outcome))
        for issue in row.found:
            field = _t(FIELD_LABELS[issue.field]) if issue.field in FIELD_LABELS else ""
            lines.append(
                ReportLine(row.row_number, outcome, field, issue.message(lang), issue.is_error)
            )
        if not row.found and row.outcome != "DISIMPAN":
            lines.append(
                ReportLine(
                    row.row_number,
                    outcome,
                    "",
                    QCoreApplication.translate(
                        "TemplateImport", "NIK ini sudah terdaftar dengan data yang sama."
                    ),
                    False,
                )
            )
    return lines


class ReportModel(QAbstractTableModel):
    """Holds the flattened lines in memory (an import file has at most 200,000 rows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[ReportLine] = []

    def set_lines(self, lines: list[ReportLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _t(HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.row, line.outcome, line.field, line.message)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ERROR_BG if line.is_error else WARNING_BG)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return line.message
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
