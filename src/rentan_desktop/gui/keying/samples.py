"""Supervisor's double-keying tab: draw a sample, follow the forms, resolve differences side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.double_keying import Comparison, ItemRow, SampleResult


def when(moment: Any) -> str:
    """A stored moment as the office reads it: ``07-12-2026 14.05`` (WITA)."""
    from rentan_desktop.services.context import WITA

    local = moment.astimezone(WITA)
    return f"{formatting.tanggal_pendek(local.date())} {local:%H.%M}"


class SamplesTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.job: Job | None = None
        self.rows: list[ItemRow] = []
        self.comparison: Comparison | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self._stale = True

        draw = QGroupBox(self.tr("Ambil sampel formulir"), self)
        self.percent = QDoubleSpinBox(draw)
        self.percent.setObjectName("samplePercent")
        self.percent.setRange(1, 100)
        self.percent.setDecimals(0)
        self.percent.setValue(10)
        self.percent.setSuffix(" %")
        percent_label = QLabel(self.tr("&Persen entri:"), draw)
        percent_label.setBuddy(self.percent)
        from rentan_desktop.services.context import today_wita

        # The office's day (WITA), as the service counts keyed forms: not the machine's clock
        # zone, which on a laptop set to UTC is still "yesterday" from 00.00 to 08.00 WITA.
        today = today_wita()
        self.day = QDateEdit(QDate(today.year, today.month, today.day), draw)
        self.day.setObjectName("sampleDay")
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setCalendarPopup(True)
        day_label = QLabel(self.tr("pada &tanggal:"), draw)
        day_label.setBuddy(self.day)
        self.draw_button = QPushButton(self.tr("A&mbil sampel"), draw)
        self.draw_button.setObjectName("drawSample")
        self.draw_button.clicked.connect(lambda: self.draw())
        self.niks = QLineEdit(draw)
        self.niks.setObjectName("sampleNiks")
        self.niks.setPlaceholderText(self.tr("NIK dipisah koma atau spasi"))
        niks_label = QLabel(self.tr("atau NI&K tertentu:"), draw)
        niks_label.setBuddy(self.niks)
        self.niks_button = QPushButton(self.tr("Ambil &dari daftar NIK"), draw)
        self.niks_button.setObjectName("drawNiks")
        self.niks_button.clicked.connect(lambda: self.draw(from_list=True))
        grid = QGridLayout(draw)
        grid.addWidget(percent_label, 0, 0)
        grid.addWidget(self.percent, 0, 1)
        grid.addWidget(day_label, 0, 2)
        grid.addWidget(self.day, 0, 3)
        grid.addWidget(self.draw_button, 0, 4)
        grid.addWidget(niks_label, 1, 0)
        grid.addWidget(self.niks, 1, 1, 1, 3)
        grid.addWidget(self.niks_button, 1, 4)
        grid.setColumnStretch(3, 1)
        self.message = QLabel(self)
        self.message.setObjectName("sampleMessage")
        self.message.setWordWrap(True)

        self.table = page_widgets.row_table(self, "sampleItems", [
            self.tr("No. formulir"), self.tr("Nama"), self.tr("NIK"), self.tr("Desa"),
            self.tr("Entri pertama"), self.tr("Entri ulang"), self.tr("Hasil"), self.tr("Ruas beda"),
        ])  # fmt: skip
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.activated.connect(lambda _i: self.open_selected())

        self.resolve_box = QGroupBox(
            self.tr("Perbedaan: periksa kertasnya, pilih nilai yang benar"), self
        )
        self.resolve_box.setObjectName("resolveBox")
        self.resolve_title = QLabel(self.resolve_box)
        self.resolve_title.setWordWrap(True)
        self.choices = QWidget(self.resolve_box)
        self.choice_grid = QGridLayout(self.choices)
        scroll = QScrollArea(self.resolve_box)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.choices)
        scroll.setMinimumHeight(120)
        self.save_button = QPushButton(self.tr("&Simpan keputusan"), self.resolve_box)
        self.save_button.setObjectName("saveResolution")
        self.save_button.clicked.connect(lambda: self.save())
        box = QVBoxLayout(self.resolve_box)
        box.addWidget(self.resolve_title)
        box.addWidget(scroll, 1)
        box.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        self.resolve_box.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(draw)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.resolve_box, 3)
        gui.signals.data_changed.connect(self._on_changed)

    # -- loading -------------------------------------------------------------------------------

    def tab_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "double_key":
            self._stale = True
            if self.isVisible():
                self.reload()

    def _busy(self) -> bool:
        return self.job is not None and self.job.running

    def _start(self, fn: Any, title: str, done: Any) -> Job | None:
        if self._busy():
            return None
        job = self.gui.jobs.start(fn, title=title, on_success=done)
        self.job = job
        # One job at a time: the buttons wait for it, so a click is never silently dropped.
        buttons = (self.draw_button, self.niks_button)
        for button in buttons:
            button.setEnabled(False)
        job.finished.connect(lambda: [b.setEnabled(True) for b in buttons])
        return job

    def reload(self) -> Job | None:
        from rentan_desktop.services import double_keying

        ctx, user = self.gui.ctx, self.gui.user
        self._stale = False
        return self._start(
            lambda c: double_keying.items(ctx, actor=user),
            self.tr("Memuat sampel entri ganda…"),
            self.show_items,
        )

    def show_items(self, rows: list[ItemRow]) -> None:
        from rentan_desktop.services import double_keying

        keep = self._current_id()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            second = row.second_name or "–"
            values = [
                double_keying.form_number(row.id),
                row.nama,
                row.nik_masked,
                row.desa,
                f"{row.first_name}, {when(row.first_keyed_at)}",
                second,
                double_keying.status_label(row.status, self.gui.lang),
                formatting.angka(row.differences) if row.differences else "–",
            ]
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if keep is not None:
            for r, row in enumerate(rows):
                if row.id == keep:
                    self.table.selectRow(r)

    def _current_id(self) -> int | None:
        r = self.table.currentRow()
        return self.rows[r].id if 0 <= r < len(self.rows) else None

    # -- drawing a sample ----------------------------------------------------------------------

    def draw(self, *, from_list: bool = False) -> Job | None:
        from rentan_desktop.services import double_keying

        ctx, user = self.gui.ctx, self.gui.user
        niks = [n for n in self.niks.text().replace(",", " ").replace(";", " ").split() if n]
        if from_list and not niks:
            self.message.setText(self.tr("Tulis dulu NIK formulir yang ingin diketik ulang."))
            self.niks.setFocus()
            return None
        percent = None if from_list else float(self.percent.value())
        day = self.day.date().toPython()

        def work(c: Any) -> tuple[SampleResult, list[ItemRow]]:
            result = double_keying.draw_sample(
                ctx,
                actor=user,
                percent=percent,
                day=None if from_list else day,
                niks=niks if from_list else (),
            )
            return result, double_keying.items(ctx, actor=user)

        return self._start(work, self.tr("Mengambil sampel…"), self._drawn)

    def _drawn(self, done: tuple[SampleResult, list[ItemRow]]) -> None:
        from rentan_desktop.services import double_keying

        result, rows = done
        forms = ", ".join(double_keying.form_number(i) for i in result.item_ids)
        text = self.tr(
            "{n} formulir diambil dari {m}: {forms}. Tulis nomornya pada kertas formulir dan "
            "serahkan ke operator lain untuk diketik ulang."
        ).format(n=len(result.item_ids), m=result.eligible, forms=forms)
        if result.not_found:
            text += " " + self.tr("NIK tidak ditemukan: {niks}.").format(
                niks=", ".join(result.not_found)
            )
        if result.already:
            text += " " + self.tr("Sudah pernah disampel: {niks}.").format(
                niks=", ".join(result.already)
            )
        self.message.setText(text)
        self.niks.clear()
        self.show_items(rows)
        self.gui.signals.emit_changed("double_key", (), "sample")

    # -- resolving -----------------------------------------------------------------------------

    def _selected(self) -> None:
        item_id = self._current_id()
        row = next((r for r in self.rows if r.id == item_id), None)
        if row is None or row.status not in ("beda", "selesai"):
            self.resolve_box.hide()
            self.comparison = None
            return
        self.open_selected()

    def open_selected(self) -> Job | None:
        from rentan_desktop.services import double_keying

        item_id = self._current_id()
        if item_id is None:
            return None
        ctx, user = self.gui.ctx, self.gui.user
        return self._start(
            lambda c: double_keying.compare(ctx, actor=user, item_id=item_id),
            self.tr("Membandingkan…"),
            self.show_comparison,
        )

    def show_comparison(self, comparison: Comparison) -> None:
        from rentan_desktop.services import double_keying

        self.comparison = comparison
        item = comparison.item
        while self.choice_grid.count():
            widget = self.choice_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.groups = {}
        decided = item.status == double_keying.RESOLVED
        self.resolve_title.setText(
            self.tr(
                "{form} — {nama} ({nik}), desa {desa}. Entri pertama: {first}; entri ulang: "
                "{second}."
            ).format(
                form=double_keying.form_number(item.id),
                nama=item.nama,
                nik=item.nik_masked,
                desa=item.desa,
                first=item.first_name,
                second=item.second_name or "–",
            )  # fmt: skip
            + (" " + self.tr("Sudah diputuskan.") if decided else "")
        )
        for c, head in enumerate(
            (
                self.tr("Ruas"),
                self.tr("Entri pertama"),
                self.tr("Entri ulang"),
                self.tr("Data sekarang"),
            )
        ):
            title = QLabel(f"<b>{head}</b>", self.choices)
            self.choice_grid.addWidget(title, 0, c)
        for r, diff in enumerate(comparison.differences, start=1):
            group = QButtonGroup(self.choices)
            first = QRadioButton(diff.first.replace("&", "&&"), self.choices)
            second = QRadioButton(diff.second.replace("&", "&&"), self.choices)
            first.setObjectName(f"keep_first_{diff.field}")
            second.setObjectName(f"keep_second_{diff.field}")
            group.addButton(first)
            group.addButton(second)
            if diff.chosen == double_keying.FIRST:
                first.setChecked(True)
            elif diff.chosen == double_keying.SECOND:
                second.setChecked(True)
            for button in (first, second):
                button.setEnabled(not decided)
            self.groups[diff.field] = group
            self.choice_grid.addWidget(QLabel(diff.label, self.choices), r, 0)
            self.choice_grid.addWidget(first, r, 1)
            self.choice_grid.addWidget(second, r, 2)
            self.choice_grid.addWidget(QLabel(diff.current, self.choices), r, 3)
        self.choice_grid.setRowStretch(len(comparison.differences) + 1, 1)
        self.save_button.setEnabled(not decided and bool(comparison.differences))
        self.resolve_box.show()

    def choose(self, field: str, which: str) -> None:
        """Tick the first or second keying's value of ``field`` (as a click would)."""
        name = f"keep_{which}_{field}"
        for button in self.groups[field].buttons():
            if button.objectName() == name:
                button.setChecked(True)

    def save(self) -> Job | None:
        from rentan_desktop.services import double_keying

        comparison = self.comparison
        if comparison is None:
            return None
        choices: dict[str, str] = {}
        for field, group in self.groups.items():
            checked = group.checkedButton()
            if checked is not None:
                choices[field] = (
                    double_keying.FIRST
                    if checked.objectName().startswith("keep_first")
                    else double_keying.SECOND
                )
        ctx, user, item_id = self.gui.ctx, self.gui.user, comparison.item.id

        def work(c: Any) -> tuple[Any, Comparison]:
            done = double_keying.resolve(ctx, actor=user, item_id=item_id, choices=choices)
            return done, double_keying.compare(ctx, actor=user, item_id=item_id)

        return self._start(work, self.tr("Menyimpan keputusan…"), self._saved)

    def _saved(self, done: tuple[Any, Comparison]) -> None:
        from rentan_desktop.services import double_keying

        resolution, comparison = done
        form = double_keying.form_number(resolution.item_id)
        if resolution.corrected:
            self.message.setText(
                self.tr("{form}: keputusan disimpan; data dikoreksi ({n} ruas).").format(
                    form=form, n=len(resolution.corrected)
                )
            )
            self.gui.signals.emit_changed(
                "registrant", (comparison.item.registrant_uuid,), "update"
            )
        else:
            self.message.setText(
                self.tr("{form}: keputusan disimpan; data tetap.").format(form=form)
            )
        self.show_comparison(comparison)
        self.gui.signals.emit_changed("double_key", (), "resolve")
