"""The value step of the legacy wizard: every distinct occupation and L/P value the file writes that
was matched by similarity, fell back to LAINNYA or is unknown, listed once with its row count, its
score and a choice of category. The user maps each one once; the choices go into the next check and
into the saved profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka

COL_FIELD, COL_VALUE, COL_ROWS, COL_CODE, COL_SCORE, COL_HOW = range(6)


class ValuesStep(QWidget):
    """Table of written values -> category, one combo box per value."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[dict[str, Any]] = []
        self.categories: dict[str, dict[str, str]] = {}
        self.combos: list[QComboBox] = []
        self.info = QLabel(self)
        self.info.setObjectName("valuesInfo")
        self.info.setWordWrap(True)
        self.show_all = QCheckBox(self.tr("Tampilkan &semua nilai (juga yang sudah cocok)"), self)
        self.show_all.setObjectName("showAllValues")
        self.show_all.toggled.connect(lambda _on: self._fill())
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("valuesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kolom"),
                self.tr("Nilai tertulis"),
                self.tr("Baris"),
                self.tr("Dipetakan ke"),
                self.tr("Skor"),
                self.tr("Cara"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Enter (or a double click) on a row opens its "Dipetakan ke" list: the keyboard reaches
        # the choice without a mouse; Up/Down keep moving between rows.
        self.table.activated.connect(lambda index: self.open_choice(index.row()))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        self.recheck_button = QPushButton(self.tr("Periksa &ulang dengan pilihan ini"), self)
        self.recheck_button.setObjectName("recheckValues")
        self.to_preview_button = QPushButton(self.tr("Lanjut: p&ratinjau »"), self)
        self.to_preview_button.setObjectName("valuesToPreview")
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_all)
        buttons.addStretch(1)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.to_preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    @property
    def how_text(self) -> dict[str, str]:
        return {
            "pengguna": self.tr("pilihan Anda"),
            "persis": self.tr("sama / sinonim"),
            "sinonim": self.tr("sinonim di dalam teks"),
            "mirip": self.tr("mirip: periksa"),
            "cadangan": self.tr("tidak dikenal: dicatat LAINNYA"),
            "tidak_dikenal": self.tr("tidak dikenal: pilih"),
        }

    def show_values(
        self, values: Sequence[Mapping[str, Any]], categories: Mapping[str, Mapping[str, str]]
    ) -> None:
        """Show a check's distinct values (``LegacyRun.values_json()``) and the codes to pick."""
        self.values = [dict(v) for v in values]
        self.categories = {f: dict(c) for f, c in categories.items()}
        review = sum(1 for v in self.values if v["review"])
        rows = sum(int(v["rows"]) for v in self.values if v["review"])
        self.info.setText(
            self.tr(
                "{n} nilai berbeda pada kolom berkode (pekerjaan, L/P, sumber dana, status) perlu "
                "dipastikan ({rows} baris). "
                "Pilih kategorinya sekali; pilihan dipakai untuk semua baris dengan tulisan yang "
                'sama dan disimpan bersama profil pemetaan. "Cara" menunjukkan bagaimana nilai '
                "dicocokkan; skor 100 berarti sama persis."
            ).format(n=angka(review), rows=angka(rows))
            if review
            else self.tr("Semua nilai kolom berkode sudah cocok dengan kategorinya.")
        )
        self._fill()

    def _shown(self) -> list[dict[str, Any]]:
        if self.show_all.isChecked():
            return self.values
        return [v for v in self.values if v["review"] or v["how"] == "pengguna"]

    def _fill(self) -> None:
        shown = self._shown()
        self.table.setRowCount(len(shown))
        self.combos = []
        for r, v in enumerate(shown):
            field = str(v["field"])
            labels = {
                "pekerjaan": self.tr("Pekerjaan"),
                "jenis_kelamin": self.tr("L/P"),
                "sumber_dana": self.tr("Sumber dana"),
                "status": self.tr("Status"),
            }
            items = [
                labels.get(field, field),
                str(v["value"]),
                angka(int(v["rows"])),
            ]
            for c, value in zip((COL_FIELD, COL_VALUE, COL_ROWS), items, strict=True):
                self.table.setItem(r, c, QTableWidgetItem(value))
            combo = QComboBox(self.table)
            combo.setObjectName(f"valueChoice{r}")
            combo.addItem(self.tr("(belum dipilih)"), None)
            for code, label in self.categories.get(field, {}).items():
                combo.addItem(f"{code} — {label}", code)
            combo.setCurrentIndex(max(combo.findData(v["code"]), 0))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.table.setCellWidget(r, COL_CODE, combo)
            self.combos.append(combo)
            self.table.setItem(r, COL_SCORE, QTableWidgetItem(str(v["score"])))
            how = str(v["how"])
            shown_how = self.how_text.get(how, how)
            if how == "cadangan" and field != "pekerjaan":
                # The fallback is the import's funder or "active", not LAINNYA.
                shown_how = (
                    self.tr("tidak dikenal: dianggap aktif")
                    if field == "status"
                    else self.tr("tidak dikenal: dicatat {kode}").format(kode=v["code"])
                )
            if v.get("kind"):
                # "DANA DESA" where no village-fund funder is active: say what it is.
                shown_how = self.tr("{jenis}: tidak ada sumber dana aktif berjenis itu").format(
                    jenis=v["kind"]
                )
            self.table.setItem(r, COL_HOW, QTableWidgetItem(shown_how))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(COL_VALUE, min(self.table.columnWidth(COL_VALUE), 260))
        self.table.setColumnWidth(COL_CODE, 300)

    def open_choice(self, row: int) -> None:
        """Focus the ``row``-th value's code list and open it."""
        if 0 <= row < len(self.combos):
            self.combos[row].setFocus()
            self.combos[row].showPopup()

    def choose(self, row: int, code: str) -> None:
        """Pick ``code`` for the ``row``-th value shown (tests and keyboard users alike)."""
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(code))

    def choices(self) -> dict[str, dict[str, str]]:
        """field -> written value -> code for every shown value the user confirmed or changed
        (a fuzzy match or a fallback left as it is counts as confirmed: it was shown and kept)."""
        out: dict[str, dict[str, str]] = {}
        for v, combo in zip(self._shown(), self.combos, strict=True):
            code = combo.currentData()
            if code is None:
                continue
            if code != v["code"] or v["review"] or v["how"] == "pengguna":
                out.setdefault(str(v["field"]), {})[str(v["value"])] = str(code)
        return out
