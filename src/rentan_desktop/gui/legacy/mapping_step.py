"""Step 2 of the legacy wizard: each source column, a sample of its contents and the field it feeds
(guessed, then confirmed or changed by the user), and saving the mapping as a profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from rentan_desktop.gui.legacy.labels import FIELD_LABELS, column_letter, field_label, source_label
from rentan_desktop.legacy.cleaning import text as cell_text

if TYPE_CHECKING:
    from rentan_desktop.legacy.mapping import ColumnMap
    from rentan_desktop.services.legacy_import import Guess

SAMPLE_VALUES = 3


class MappingStep(QWidget):
    """Shows a :class:`Guess`; ``mapping`` is always the user's current choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping: ColumnMap | None = None
        self.combos: list[QComboBox] = []
        self.info = QLabel(self)
        self.info.setObjectName("headerInfo")
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kolom di berkas"), self.tr("Contoh isi"), self.tr("Dipakai untuk"),
             self.tr("Tebakan")]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.missing = QLabel(self)
        self.missing.setObjectName("missingFields")
        self.missing.setStyleSheet("color: #b00020; font-weight: bold;")
        self.missing.setWordWrap(True)
        self.profile_name = QLineEdit(self)
        self.profile_name.setObjectName("profileName")
        self.profile_name.setPlaceholderText(self.tr("mis. Desa Senyiur 2024"))
        self.save_profile_button = QPushButton(self.tr("Simpan sebagai pro&fil"), self)
        self.save_profile_button.setObjectName("saveProfile")
        # A list without a DESA column: the desa its title names, which the user confirms or
        # replaces (the CLI's --desa).
        self.desa_label = QLabel(self)
        self.desa_label.setObjectName("desaFromTitle")
        self.desa_label.setWordWrap(True)
        self.desa = QComboBox(self)
        self.desa.setObjectName("desaCombo")
        self.desa.setMinimumWidth(320)
        self.desa.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.desa_caption = QLabel(self.tr("&Desa semua baris:"), self)
        self.desa_caption.setBuddy(self.desa)
        desa_row = QHBoxLayout()
        desa_row.addWidget(self.desa_caption)
        desa_row.addWidget(self.desa)
        desa_row.addWidget(self.desa_label, 1)
        self._desa_choices: list[tuple[str, str]] = []
        self.place: dict[str, object] = {}
        self.all_sheets = False
        profile_row = QHBoxLayout()
        profile_row.addWidget(QLabel(self.tr("Nama profil sumber:"), self))
        profile_row.addWidget(self.profile_name, 1)
        profile_row.addWidget(self.save_profile_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addLayout(desa_row)
        layout.addLayout(profile_row)
        self._show_desa()

    def set_desa_choices(self, choices: list[tuple[str, str]]) -> None:
        """(code, label) of every desa of the office's area, for a list without a DESA column."""
        self._desa_choices = choices
        self._show_desa()

    def desa_choice(self) -> str | None:
        """The desa code the user chose for every row, None to keep the title's."""
        if self.mapping is None or "desa" in self.mapping.field_columns() or self.all_sheets:
            return None
        return self.desa.currentData()

    def _show_desa(self) -> None:
        """Show the desa row only for a sheet without a DESA column: what the title names, and
        the choice of another desa."""
        needed = self.mapping is not None and "desa" not in self.mapping.field_columns()
        for w in (self.desa_caption, self.desa, self.desa_label):
            w.setVisible(needed)
        if not needed:
            return
        if self.all_sheets:
            # One sheet per desa: each sheet's title or name gives its own desa; one choice for
            # every sheet would put them all in one desa.
            self.desa_caption.hide()
            self.desa.hide()
            self.desa.setCurrentIndex(-1)
            self.desa_label.setText(
                self.tr(
                    "Tidak ada kolom DESA: setiap sheet dicatat di desa yang disebut judul atau "
                    "nama sheet-nya; pemeriksaan menunjukkan desa tiap sheet."
                )
            )
            return
        place = self.place
        current = self.desa.currentData()
        self.desa.blockSignals(True)
        self.desa.clear()
        if place.get("desa_kode"):
            first = self.tr("{desa} (dari {asal})").format(
                desa=place.get("desa_nama"), asal=self._origin(place)
            )
        else:
            first = self.tr("(pilih desanya)")
        self.desa.addItem(first, None)
        for code, label in self._desa_choices:
            self.desa.addItem(label, code)
        self.desa.setCurrentIndex(max(self.desa.findData(current), 0))
        self.desa.blockSignals(False)
        if place.get("desa_kode"):
            text = self.tr(
                'Tidak ada kolom DESA: {asal} menyebut "{tertulis}", semua baris dicatat di desa '
                "{desa} ({kode}). Bila salah, pilih desanya."
            ).format(
                asal=self._origin(place).capitalize(),
                tertulis=place.get("desa"),
                desa=place.get("desa_nama"),
                kode=place.get("desa_kode"),
            )
        elif place.get("desa"):
            text = self.tr(
                'Tidak ada kolom DESA, dan "{tertulis}" di judul tabel tidak dikenal: pilih '
                "desanya, atau petakan kolom desanya di atas."
            ).format(tertulis=place.get("desa"))
        else:
            text = self.tr(
                "Tidak ada kolom DESA dan judul tabel tidak menyebut desa: pilih desa semua "
                "baris, atau petakan kolom desanya di atas."
            )
        self.desa_label.setText(text)

    def _origin(self, place: dict[str, object]) -> str:
        return self.tr("nama sheet") if place.get("from") == "sheet" else self.tr("judul tabel")

    def show_guess(self, guess: Guess) -> None:
        self.mapping = guess.mapping
        self.place = guess.place
        self.all_sheets = guess.sheet == "*"
        self.desa.blockSignals(True)
        self.desa.clear()  # a new file: the previous file's desa choice does not carry over
        self.desa.blockSignals(False)
        self.info.setText(
            self.tr(
                'Sheet "{sheet}": judul kolom ditemukan di baris {row}; data mulai baris {start}. '
                "Periksa tebakan di bawah dan ubah bila salah."
            ).format(
                sheet=guess.sheet
                if guess.sheet != "*"
                else self.tr(
                    "{first} (semua sheet dibaca; sheet lain dengan susunan sendiri dipetakan "
                    "otomatis)"
                ).format(first=guess.sheets[0] if guess.sheets else ""),
                row=guess.header.row + 1,
                start=guess.header.data_start + 1,
            )
            + (
                " "
                + self.tr(
                    "Berkas ini punya {n} sheet dan hanya sheet ini yang dibaca; untuk satu sheet "
                    'per desa, pilih "(semua sheet, satu sheet per desa)" di langkah 1.'
                ).format(n=len(guess.sheets))
                if guess.sheet != "*" and len(guess.sheets) > 1
                else ""
            )
        )
        self.table.setRowCount(len(guess.mapping.columns))
        self.combos = []
        for row, col in enumerate(guess.mapping.columns):
            untitled = self.tr("(tanpa judul)")
            name = f"{column_letter(col.index)} — {col.header or untitled}"
            self.table.setItem(row, 0, QTableWidgetItem(name))
            samples = [cell_text(r[col.index]) for r in guess.sample if col.index < len(r)]
            shown = " · ".join([s for s in samples if s][:SAMPLE_VALUES])
            self.table.setItem(row, 1, QTableWidgetItem(shown))
            combo = QComboBox(self.table)
            combo.setObjectName(f"fieldCombo{col.index}")
            for key in FIELD_LABELS:
                combo.addItem(field_label(key), key)
            combo.setCurrentIndex(max(combo.findData(col.field), 0))
            combo.currentIndexChanged.connect(
                lambda _i, c=col.index, box=combo: self._chosen(c, box)
            )
            self.table.setCellWidget(row, 2, combo)
            self.table.setItem(row, 3, QTableWidgetItem(source_label(col.source)))
            self.combos.append(combo)
        self._update_missing()
        self._show_desa()

    def choose(self, column: int, field: str) -> None:
        """Set source column ``column`` to ``field`` as the user would with its combo box."""
        combo = self.combos[[c.index for c in self.mapping.columns].index(column)]  # type: ignore[union-attr]
        combo.setCurrentIndex(combo.findData(field))

    def _chosen(self, column: int, combo: QComboBox) -> None:
        if self.mapping is None:
            return
        self.mapping = self.mapping.with_choice(column, combo.currentData())
        # with_choice frees a field taken by another column: show that in its combo too.
        for row, col in enumerate(self.mapping.columns):
            other = self.combos[row]
            if other.currentData() != col.field:
                other.blockSignals(True)
                other.setCurrentIndex(max(other.findData(col.field), 0))
                other.blockSignals(False)
            self.table.item(row, 3).setText(source_label(col.source))
        self._update_missing()
        self._show_desa()
        self.changed.emit()

    def _update_missing(self) -> None:
        missing = self.mapping.missing() if self.mapping else []
        self.missing.setText(
            self.tr("Kolom wajib belum dipetakan: {fields}.").format(
                fields=", ".join(field_label(f) for f in missing)
            )
            if missing
            else ""
        )
        self.missing.setVisible(bool(missing))

    def is_complete(self) -> bool:
        return self.mapping is not None and not self.mapping.missing()
