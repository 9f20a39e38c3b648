"""Registration form print-out for one selected person (with the privacy notice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import lifecycle
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job
from rentan_desktop.gui.printing.paper import PaperChoice
from rentan_desktop.gui.printing.pdf_result import PdfResult

if TYPE_CHECKING:
    from rentan_desktop.gui.printing.lookup import PersonRow
    from rentan_desktop.services.printing import PrintedFile

HEADERS = (
    QT_TRANSLATE_NOOP("FormTab", "Nama"),
    QT_TRANSLATE_NOOP("FormTab", "NIK"),
    QT_TRANSLATE_NOOP("FormTab", "Desa"),
    QT_TRANSLATE_NOOP("FormTab", "RT"),
    QT_TRANSLATE_NOOP("FormTab", "Status"),
)


class FormTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.people: list[PersonRow] = []
        self.chosen: PersonRow | None = None
        self.job: Job | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("formSearch")
        self.search.setPlaceholderText(self.tr("Cari nama atau NIK, lalu Enter"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find)
        find_button = QPushButton(self.tr("&Cari"), self)
        find_button.clicked.connect(self.find)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(find_button)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("formPeople")
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("FormTab", h) for h in HEADERS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.start_print())
        self.paper = PaperChoice(self)
        self.print_button = QPushButton(self.tr("Cetak formulir &orang terpilih"), self)
        self.print_button.setObjectName("printForm")
        self.print_button.clicked.connect(self.start_print)
        bottom = QHBoxLayout()
        bottom.addWidget(self.paper)
        bottom.addWidget(self.print_button)
        self.result = PdfResult(self, "formResult")
        layout = QVBoxLayout(self)
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Formulir berisi data satu orang dan pemberitahuan pelindungan data pribadi (tujuan, "
                    "dasar hukum, penerima, masa simpan) untuk disimpan atau ditandatangani pekerja."
                ),
                self,
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.result)

    def find(self) -> None:
        from rentan_desktop.gui.printing.lookup import find_people

        text = self.search.text().strip()
        self.people = find_people(self.gui.ctx, actor=self.gui.user, text=text) if text else []
        self.table.setRowCount(len(self.people))
        for index, p in enumerate(self.people):
            for col, value in enumerate(
                (p.nama, p.nik_masked, p.desa_kode, p.rt, lifecycle.label(p.status, self.gui.lang))
            ):
                self.table.setItem(index, col, QTableWidgetItem(value))
        if self.people:
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_print(self) -> Job | None:
        from rentan_desktop.services import registration_forms

        index = self.table.currentRow()
        if not 0 <= index < len(self.people):
            self.result.message(self.tr("Cari dan pilih satu orang lebih dulu."), "warn")
            return None
        chosen = self.people[index]
        ctx, user, paper = self.gui.ctx, self.gui.user, self.paper.value()
        job = self.gui.jobs.start(
            lambda _c: registration_forms.registration_form(
                ctx, actor=user, uuid=chosen.uuid, paper=paper
            ),
            title=self.tr("Membuat formulir…"),
            on_success=self._printed,
            on_error=self.result.failed,
        )
        self.chosen = chosen
        self.job = job
        return job

    def _printed(self, printed: PrintedFile) -> None:
        chosen = self.chosen
        assert chosen is not None
        text = self.tr("Formulir {nama} disimpan di {path}").format(
            nama=chosen.nama, path=printed.path
        )
        self.result.written(printed.path, "\n".join([text, *("⚠ " + w for w in printed.warnings)]))
        if printed.warnings:  # printed, but the notice still carries a default: say so in amber
            page_widgets.show_result(self.result.label, self.result.label.text(), "warn")
