"""The search box and filters above the registrant list; together they make a ``search.Query``."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import lifecycle
from rentan_desktop.gui import focus
from rentan_desktop.services.lookups import ListNames
from rentan_desktop.services.search import Filters, Query

TYPING_DELAY_MS = 250  # search after a pause, not on every key


class FilterBar(QWidget):
    """Emits ``changed(query)`` whenever the search text or a filter changes."""

    changed = Signal(object)  # Query

    def __init__(self, names: ListNames, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Cari NIK atau nama (awal atau sebagian nama)"))
        self.kecamatan = self._combo(self.tr("Semua kecamatan"), names.kecamatan.items())
        self.desa = self._combo(self.tr("Semua desa/kel."), [])
        self.rt = QLineEdit(self)
        self.rt.setPlaceholderText(self.tr("RT"))
        self.rt.setMaximumWidth(60)
        self.rt.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), self))
        self.status = self._combo(
            self.tr("Semua status"),
            [(s.value, lifecycle.label(s, lang)) for s in lifecycle.Status],
        )
        self.pekerjaan = self._combo(self.tr("Semua pekerjaan"), names.pekerjaan.items())
        self.funder = self._combo(self.tr("Semua sumber dana"), names.funders.items())
        self.sort = QComboBox(self)
        self.sort.setObjectName("sortBox")
        for key, label in (
            ("id", self.tr("nomor masuk")), ("nama", self.tr("nama")),
            ("nik", self.tr("NIK")), ("tanggal_lahir", self.tr("tanggal lahir")),
            ("desa_kode", self.tr("desa")), ("status", self.tr("status")),
        ):  # fmt: skip
            self.sort.addItem(label, key)
        self.descending = QCheckBox(self.tr("&Menurun"), self)
        self._fill_desa()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.emit_now)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.emit_now)
        self.rt.textChanged.connect(self._timer.start)
        self.kecamatan.currentIndexChanged.connect(self._kecamatan_changed)
        for combo in (self.desa, self.status, self.pekerjaan, self.funder, self.sort):
            combo.currentIndexChanged.connect(self.emit_now)
        self.descending.toggled.connect(self.emit_now)

        search_label = QLabel(self.tr("&Cari:"), self)
        search_label.setBuddy(self.search)
        first = QHBoxLayout()
        first.addWidget(search_label)
        first.addWidget(self.search, 3)
        first.addWidget(self.status, 1)
        first.addWidget(self.funder, 1)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Filter:"), self))
        for widget, stretch in (
            (self.kecamatan, 2),
            (self.desa, 2),
            (self.rt, 0),
            (self.pekerjaan, 2),
        ):
            second.addWidget(widget, stretch)
        sort_label = QLabel(self.tr("&Urut:"), self)
        sort_label.setBuddy(self.sort)
        second.addWidget(sort_label)
        second.addWidget(self.sort, 1)
        second.addWidget(self.descending)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        if len(names.kecamatan) <= 1:
            self.kecamatan.hide()  # a kecamatan office sees only its own
        focus.chain(
            self.search, self.status, self.funder, self.kecamatan, self.desa, self.rt,
            self.pekerjaan, self.sort, self.descending,
        )  # fmt: skip

    def _combo(self, everything: str, items: object) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for code, label in items:  # type: ignore[attr-defined]
            combo.addItem(label, code)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        return combo

    def _fill_desa(self) -> None:
        kec = self.kecamatan.currentData()
        self.desa.blockSignals(True)
        self.desa.clear()
        self.desa.addItem(self.tr("Semua desa/kel."), None)
        for code, label in sorted(self.names.desa.items(), key=lambda kv: kv[1]):
            if kec is None or code.startswith(kec):
                self.desa.addItem(label, code)
        self.desa.blockSignals(False)

    def _kecamatan_changed(self) -> None:
        self._fill_desa()
        self.emit_now()

    def query(self) -> Query:
        """The query the controls describe, sort order included."""
        funder = self.funder.currentData()
        filters = Filters(
            kecamatan=self.kecamatan.currentData(),
            desa=self.desa.currentData(),
            rt=self.rt.text().strip() or None,
            status=self.status.currentData(),
            pekerjaan=self.pekerjaan.currentData(),
            sumber_dana_id=int(funder) if funder else None,
        )
        return Query(
            text=self.search.text(),
            filters=filters,
            sort=str(self.sort.currentData() or "id"),
            descending=self.descending.isChecked(),
        )

    def show_sort(self, key: str, descending: bool) -> None:
        """Reflect a sort chosen by clicking a column header, without asking for it again."""
        for widget in (self.sort, self.descending):
            widget.blockSignals(True)
        self.sort.setCurrentIndex(max(0, self.sort.findData(key)))
        self.descending.setChecked(descending)
        for widget in (self.sort, self.descending):
            widget.blockSignals(False)

    def emit_now(self) -> None:
        self._timer.stop()
        self.changed.emit(self.query())

    def flush(self) -> None:
        """Run a search still waiting for the typing pause (before leaving the box)."""
        if self._timer.isActive():
            self.emit_now()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
