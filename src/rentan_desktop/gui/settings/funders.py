"""Funders (sumber dana) with their age band and domicile rule, and the yearly targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.gui.settings.forms import FormDialog

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.storage.models import SumberDana


def _spin(parent: QWidget, low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class FundersTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.funders: list[SumberDana] = []
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("fundersTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kode"),
                self.tr("Nama"),
                self.tr("Umur"),
                self.tr("Domisili"),
                self.tr("Target tahun ini"),
                self.tr("Aktif"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Tambah sumber dana…"), self)
        self.edit_button = QPushButton(self.tr("Ubah s&yarat…"), self)
        self.add_button.clicked.connect(self.add_dialog)
        self.edit_button.clicked.connect(self.edit_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        target_box = QGroupBox(self.tr("Target"), self)
        self.target_funder = QComboBox(target_box)
        self.target_year = _spin(target_box, 2020, 2100, gui.ctx.periode())
        self.target_count = _spin(target_box, 0, 10_000_000, 0)
        self.target_count.setSpecialValueText(self.tr("belum ada"))  # 0: nothing saved yet
        self.target_count.setGroupSeparatorShown(True)
        # The box shows what is saved for the chosen funder and year, never a default.
        self.target_funder.currentIndexChanged.connect(self.show_saved_target)
        self.target_year.valueChanged.connect(self.show_saved_target)
        self.target_button = QPushButton(self.tr("Simpan ta&rget"), target_box)
        self.target_button.clicked.connect(self.save_target)
        self.target_message = QLabel(target_box)
        self.target_message.setObjectName("targetMessage")
        row = QHBoxLayout(target_box)
        for text, field in (
            (self.tr("&Sumber dana:"), self.target_funder),
            (self.tr("Tahun &program:"), self.target_year),
            (self.tr("&Jumlah orang:"), self.target_count),
        ):
            label = QLabel(text, target_box)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
        row.addWidget(self.target_button)
        row.addWidget(self.target_message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(target_box)
        self.reload()

    def reload(self) -> None:
        from rentan_desktop.services import setup

        ctx = self.gui.ctx
        self.funders = setup.list_funders(ctx)
        targets = setup.targets_by_funder(ctx, periode=ctx.periode())
        kab_names = setup.domicile_names(ctx)
        self.table.setRowCount(len(self.funders))
        current = self.target_funder.currentData()
        self.target_funder.clear()
        for row, f in enumerate(self.funders):
            ages = (
                "–"
                if f.usia_min is None and f.usia_max is None
                else (
                    f"{f.usia_min if f.usia_min is not None else 0}–"
                    f"{f.usia_max if f.usia_max is not None else '…'}"
                )
            )
            values = (
                f.kode,
                f.nama,
                ages,
                kab_names.get(f.domisili_kab, f.domisili_kab)
                if f.domisili_kab
                else self.tr("(bebas)"),
                angka(targets.get(f.id or 0, 0)),
                self.tr("Ya") if f.aktif else self.tr("Tidak"),
            )
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
            self.target_funder.addItem(f"{f.kode} — {f.nama}", f.kode)
        if current is not None:
            self.target_funder.setCurrentIndex(max(0, self.target_funder.findData(current)))
        self.show_saved_target()

    def show_saved_target(self) -> None:
        from rentan_desktop.services import setup

        kode = self.target_funder.currentData()
        if kode is None:
            return
        saved = setup.saved_target(
            self.gui.ctx, funder_kode=str(kode), periode=self.target_year.value()
        )
        self.target_count.setValue(saved or 0)
        self.target_message.setText("" if saved else self.tr("Belum ada target untuk tahun ini."))

    def selected(self) -> SumberDana | None:
        row = self.table.currentRow()
        return self.funders[row] if 0 <= row < len(self.funders) else None

    def _dialog(self, title: str, funder: SumberDana | None) -> FormDialog:
        dialog = FormDialog(title, self)
        dialog.setObjectName("funderDialog")
        kode = QLineEdit(funder.kode if funder else "", dialog)
        kode.setReadOnly(funder is not None)  # the code is the funder's identity in batches
        nama = QLineEdit(funder.nama if funder else "", dialog)
        usia_min = _spin(dialog, 0, 120, funder.usia_min or 0 if funder else 15)
        usia_max = _spin(dialog, 0, 120, funder.usia_max or 120 if funder else 64)
        domisili = QLineEdit(funder.domisili_kab or "" if funder else "", dialog)
        domisili.setInputMask("9999;_")
        domisili.setPlaceholderText(self.tr("kode kabupaten 4 angka, kosong = bebas"))
        dasar = QLineEdit(funder.dasar_hukum if funder else "", dialog)
        aktif = QCheckBox(self.tr("Sumber dana aktif"), dialog)
        aktif.setChecked(funder.aktif if funder else True)
        dialog.add_row("kode", self.tr("&Kode:"), kode)
        dialog.add_row("nama", self.tr("&Nama:"), nama)
        dialog.add_row("usia_min", self.tr("Umur m&inimal:"), usia_min)
        dialog.add_row("usia_max", self.tr("Umur maksim&al:"), usia_max)
        dialog.add_row("domisili", self.tr("&Domisili wajib di:"), domisili)
        dialog.add_row("dasar_hukum", self.tr("Dasar &hukum:"), dasar)
        dialog.add_row("aktif", "", aktif)
        return dialog

    def add_dialog(self) -> FormDialog:
        from rentan_desktop.services import setup

        dialog = self._dialog(self.tr("Tambah sumber dana"), None)
        f = dialog.fields

        def submit() -> None:
            setup.add_funder(
                self.gui.ctx,
                actor=self.gui.user,
                spec=setup.FunderSpec(
                    kode=f["kode"].text().strip().upper(),  # type: ignore[attr-defined]
                    nama=f["nama"].text().strip(),  # type: ignore[attr-defined]
                    usia_min=f["usia_min"].value(),  # type: ignore[attr-defined]
                    usia_max=f["usia_max"].value(),  # type: ignore[attr-defined]
                    domisili_kab=f["domisili"].text().strip() or None,  # type: ignore[attr-defined]
                    dasar_hukum=f["dasar_hukum"].text().strip(),  # type: ignore[attr-defined]
                ),
            )
            self._changed("funder")

        dialog.submit = submit
        dialog.open()
        return dialog

    def edit_dialog(self) -> FormDialog | None:
        from rentan_desktop.services import setup

        funder = self.selected()
        if funder is None:
            return None
        dialog = self._dialog(self.tr("Ubah sumber dana {kode}").format(kode=funder.kode), funder)
        f = dialog.fields

        def submit() -> None:
            setup.update_funder(
                self.gui.ctx,
                actor=self.gui.user,
                kode=funder.kode,
                nama=f["nama"].text().strip(),  # type: ignore[attr-defined]
                usia_min=f["usia_min"].value(),  # type: ignore[attr-defined]
                usia_max=f["usia_max"].value(),  # type: ignore[attr-defined]
                domisili_kab=f["domisili"].text().strip() or None,  # type: ignore[attr-defined]
                dasar_hukum=f["dasar_hukum"].text().strip(),  # type: ignore[attr-defined]
                aktif=f["aktif"].isChecked(),  # type: ignore[attr-defined]
            )
            self._changed("funder")

        dialog.submit = submit
        dialog.open()
        return dialog

    def save_target(self) -> None:
        from rentan_desktop.gui.errors import show_error
        from rentan_desktop.services import setup

        kode = self.target_funder.currentData()
        if kode is None:
            return
        try:
            setup.set_target(
                self.gui.ctx,
                actor=self.gui.user,
                funder_kode=str(kode),
                periode=self.target_year.value(),
                jumlah=self.target_count.value(),
            )
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, retry=self.save_target)
            return
        self._changed("target")
        self.target_message.setText(self.tr("Target disimpan."))

    def _changed(self, entity: str) -> None:
        self.reload()
        self.gui.signals.emit_changed(entity, (), "update")
