"""Legacy spreadsheet import wizard: 1 file and sheet (or every sheet, one per desa), 2 column mapping
(guessed, confirmed, saved as a profile), 3 preview of the problems per row (dry run first), with the
value step (occupation and L/P texts mapped to their codes, once per distinct value), then the commit
in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import angka
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import errors, file_dialogs
from rentan_desktop.gui.backups.widget import heading_label
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.legacy.labels import field_label
from rentan_desktop.gui.legacy.mapping_step import MappingStep
from rentan_desktop.gui.legacy.preview_model import PreviewModel
from rentan_desktop.gui.legacy.values_step import ValuesStep

if TYPE_CHECKING:
    from rentan_desktop.services.legacy_import import Guess, LegacyRun

FILE_FILTER = "Spreadsheet (*.xlsx *.xls *.ods *.csv)"
STEP_FILE, STEP_MAPPING, STEP_PREVIEW, STEP_VALUES = range(4)


class LegacyImportPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.path: Path | None = None
        self.guess: Guess | None = None
        self.run: LegacyRun | None = None
        self.job: Job | None = None
        self._totals: dict[str, int] = {}
        self.value_choices: dict[str, dict[str, str]] = {}  # the value step's, for the next check
        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepLabel")
        self.step_label.setStyleSheet("font-weight: bold;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_file_step())
        self.mapping_step = MappingStep(self)
        self.mapping_step.changed.connect(self._mapping_changed)
        self.mapping_step.save_profile_button.clicked.connect(self.save_profile)
        self.stack.addWidget(self.mapping_step)
        self.stack.addWidget(self._build_preview_step())
        self.values_step = ValuesStep(self)
        self.values_step.recheck_button.clicked.connect(self.recheck_values)
        self.values_step.to_preview_button.clicked.connect(lambda: self.go(STEP_PREVIEW))
        self.stack.addWidget(self.values_step)
        self.progress = JobProgress(self)
        self.message = QLabel(self)
        self.message.setObjectName("legacyMessage")
        self.message.setWordWrap(True)
        self.back_button = QPushButton(self.tr("« &Kembali"), self)
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.back)
        self.check_button = QPushButton(self.tr("&Periksa (uji coba, data tidak diubah)"), self)
        self.check_button.setObjectName("dryRunButton")
        self.check_button.clicked.connect(self.dry_run)
        self.commit_button = QPushButton(self.tr("&Impor baris yang siap"), self)
        self.commit_button.setObjectName("commitButton")
        self.commit_button.clicked.connect(self.commit)
        self.commit_button.setVisible(gui.can(Perm.LEGACY_COMMIT))
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.check_button)
        nav.addWidget(self.commit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading_label(self.tr("Impor data lama (spreadsheet desa/kecamatan)"), self)
        )
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(nav)
        self.go(STEP_FILE)

    # -- steps -------------------------------------------------------------------------------

    def _build_file_step(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Pilih daftar lama dalam format Excel (xlsx, xls), ODS atau CSV. Baris judul di "
                'atas tabel, sel gabungan, TTL dalam satu kolom, RT/RW "003/002" dan NIK yang '
                "sudah dirusak Excel (6.40801E+15) dikenali. Pemeriksaan dilakukan dulu tanpa "
                "mengubah data; baru setelah itu baris yang siap diimpor."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("&Pilih berkas…"), page)
        self.choose_button.setObjectName("chooseLegacyFile")
        self.choose_button.clicked.connect(self._ask_file)
        self.file_label = QLabel(self.tr("Belum ada berkas."), page)
        self.file_label.setObjectName("legacyFile")
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumWidth(220)
        self.profile_combo = QComboBox(page)
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.setMinimumWidth(220)
        self.next_button = QPushButton(self.tr("Lanj&ut: pemetaan kolom »"), page)
        self.next_button.setObjectName("toMapping")
        self.next_button.clicked.connect(lambda: self.start_guess())
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        grid = QVBoxLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(intro)
        grid.addLayout(row)
        for label, widget in (
            # Reached from the keyboard: a workbook with one sheet per desa needs its last item.
            (self.tr("Shee&t:"), self.sheet_combo),
            (self.tr("Pro&fil pemetaan:"), self.profile_combo),
        ):
            line = QHBoxLayout()
            caption = QLabel(label, page)
            caption.setBuddy(widget)
            line.addWidget(caption)
            line.addWidget(widget)
            line.addStretch(1)
            grid.addLayout(line)
        from rentan_desktop.gui.legacy.options import ImportOptions

        self.options = ImportOptions(self.gui, page)
        for combo in (self.options.funder, self.options.job, self.options.kecamatan):
            # Another choice makes the preview on screen stale, as a mapping change does.
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
        grid.addWidget(self.options)
        grid.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addStretch(1)
        return page

    def _build_preview_step(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setObjectName("legacySummary")
        self.summary.setWordWrap(True)
        self.only_problems = QCheckBox(self.tr("Hanya baris ber&masalah"), page)
        self.only_problems.setObjectName("onlyProblems")
        self.values_button = QPushButton(self.tr("P&etakan nilai…"), page)
        self.values_button.setObjectName("toValues")
        self.values_button.clicked.connect(lambda: self.go(STEP_VALUES))
        # Rows of people already registered are never imported as new; their changes are applied
        # only when asked, as audited corrections (the correction form's rules).
        self.apply_changes = QCheckBox(self.tr("Terapkan perubahan &data sebagai koreksi"), page)
        self.apply_changes.setObjectName("applyChanges")
        self.apply_changes.setToolTip(
            self.tr(
                'Baris "perubahan data" mengubah data orang yang sudah terdaftar (NIK tidak diubah); '
                "setiap perubahan tercatat di riwayat."
            )
        )
        self.apply_changes.setVisible(self._may_correct())
        self.apply_changes.toggled.connect(lambda _on: self._update_buttons())
        self.report_button = QPushButton(self.tr("Simpan &laporan…"), page)
        self.report_button.setObjectName("saveLegacyReport")
        self.report_button.clicked.connect(self._ask_report)
        self.preview = PreviewModel(self)
        self.only_problems.toggled.connect(self.preview.set_only_problems)
        self.table = QTableView(page)
        self.table.setObjectName("previewTable")
        self.table.setModel(self.preview)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Column widths from the first rows only: Qt would format 1,000 rows of every column.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.row_detail = QLabel(page)
        self.row_detail.setObjectName("rowProblems")
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_row_problems)
        top = QHBoxLayout()
        top.addWidget(self.only_problems)
        top.addWidget(self.apply_changes)
        top.addStretch(1)
        top.addWidget(self.values_button)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_detail)
        return page

    def _show_row_problems(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self.preview.visible):
            self.row_detail.clear()
            return
        row = self.preview.visible[current.row()]
        messages = self.preview.messages(row)
        head = (
            self.tr("Baris {n} (sheet {sheet}):").format(n=row.number, sheet=row.sheet)
            if row.sheet
            else self.tr("Baris {n}:").format(n=row.number)
        )
        self.row_detail.setText(
            f"{head} " + (" ".join(messages) if messages else self.tr("tidak ada masalah."))
        )

    def go(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        titles = (
            self.tr("Langkah 1 dari 4: berkas dan sheet"),
            self.tr("Langkah 2 dari 4: pemetaan kolom"),
            self.tr("Langkah 4 dari 4: pratinjau masalah per baris, lalu impor"),
            self.tr("Langkah 3 dari 4: nilai kolom berkode"),
        )
        self.step_label.setText(titles[step])
        self._update_buttons()
        if step == STEP_VALUES:
            self.values_step.table.setFocus()

    def back(self) -> None:
        """One step back in the order the user walks: values sit between mapping and preview."""
        step = self.stack.currentIndex()
        previous = {STEP_MAPPING: STEP_FILE, STEP_VALUES: STEP_MAPPING, STEP_PREVIEW: STEP_VALUES}
        target = previous.get(step, STEP_FILE)
        if target == STEP_VALUES and self.run is None:
            target = STEP_MAPPING
        self.go(target)

    def _update_buttons(self) -> None:
        step, busy = self.stack.currentIndex(), self._busy()
        self.back_button.setEnabled(step > STEP_FILE and not busy)
        self.next_button.setEnabled(self.path is not None and not busy)
        self.choose_button.setEnabled(not busy)
        self.check_button.setVisible(step >= STEP_MAPPING)
        self.check_button.setEnabled(self.mapping_step.is_complete() and not busy)
        # Commit only what the dry run on screen showed, and only once.
        changes = self.apply_changes.isChecked() and self._totals.get("changed", 0) > 0
        ready = (
            self.run is not None
            and self.run.committed is None
            and (self._totals["ready"] > 0 or changes)
        )
        self.commit_button.setEnabled(step == STEP_PREVIEW and ready and not busy)
        self.report_button.setEnabled(self.run is not None and not busy)
        self.values_button.setEnabled(self.run is not None and not busy)
        self.values_step.recheck_button.setEnabled(self.guess is not None and not busy)

    def _busy(self) -> bool:
        return self.job is not None and self.job.running

    def _start(self, job: Job) -> Job:
        self.job = job
        self.progress.bind(job)
        job.finished.connect(self._update_buttons)
        self._update_buttons()
        return job

    def _failed(self, exc: BaseException) -> None:
        text = errors.user_text(exc)
        self.message.setText(text or "")
        errors.show_error(self, exc)

    # -- step 1: file ------------------------------------------------------------------------

    def page_shown(self) -> None:
        from rentan_desktop.services import legacy_import

        current = self.profile_combo.currentData()
        self.profile_combo.clear()
        self.profile_combo.addItem(self.tr("(tebak otomatis)"), None)
        for name in legacy_import.list_profiles(self.gui.ctx, actor=self.gui.user):
            self.profile_combo.addItem(name, name)
        self.profile_combo.setCurrentIndex(max(self.profile_combo.findData(current), 0))
        from rentan_desktop.services import lookups

        self.mapping_step.set_desa_choices(
            [(c.code, c.label) for c in lookups.desa_choices(self.gui.ctx)]
        )

    def _ask_file(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Pilih daftar lama"), str(Path.home()), FILE_FILTER
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Take ``path`` and list its sheets (fast: only the workbook's index is read)."""
        from rentan_desktop.services import legacy_import

        self.path, self.run, self.guess = path, None, None
        self.file_label.setText(str(path))
        self.message.clear()
        self.sheet_combo.clear()
        try:
            names = legacy_import.sheet_names(self.gui.ctx, actor=self.gui.user, path=path)
        except Exception as exc:  # noqa: BLE001 - a sentence for a bad file, crash dialog else
            self.path = None
            self._failed(exc)
            names = []
        for name in names:
            self.sheet_combo.addItem(name, name)
        if len(names) > 1:
            from rentan_desktop.services.legacy_import import ALL_SHEETS

            # A workbook with one sheet per desa is read sheet by sheet in one run.
            self.sheet_combo.addItem(self.tr("(semua sheet, satu sheet per desa)"), ALL_SHEETS)
        self._update_buttons()

    def start_guess(self) -> Job | None:
        """Read the sheet, find the header and guess the mapping in the background."""
        from rentan_desktop.services import legacy_import

        if self.path is None:
            return None
        ctx, user, path = self.gui.ctx, self.gui.user, self.path
        sheet = self.sheet_combo.currentData() or None
        profile = self.profile_combo.currentData()
        self.value_choices = {}
        self.message.setText(self.tr("Membaca {name}…").format(name=path.name))
        job = self.gui.jobs.start(
            lambda _c: legacy_import.guess(
                ctx, actor=user, path=path, sheet=sheet, profile=profile
            ),
            title=self.tr("Membaca berkas…"),
            on_success=self.show_guess,
            on_error=self._failed,
        )
        return self._start(job)

    # -- step 2: mapping ---------------------------------------------------------------------

    def show_guess(self, guess: Guess) -> None:
        self.guess, self.run = guess, None
        self.message.clear()
        self.mapping_step.show_guess(guess)
        if self.profile_combo.currentData():
            self.mapping_step.profile_name.setText(self.profile_combo.currentData())
        self.go(STEP_MAPPING)

    def _mapping_changed(self) -> None:
        self.run = None  # the preview on screen no longer matches the mapping
        self.preview.set_run(None)
        self.summary.clear()
        self._update_buttons()

    def save_profile(self) -> bool:
        from rentan_desktop.legacy.mapping import Profile
        from rentan_desktop.services import legacy_import

        name = self.mapping_step.profile_name.text().strip()
        mapping = self.mapping_step.mapping
        if not name or mapping is None or self.guess is None:
            self.message.setText(self.tr("Isi nama profil dulu, mis. nama desa dan tahun daftar."))
            return False
        kecamatan = self.options.values()["kecamatan_kode"]
        # The value step's choices (and the loaded profile's) are saved with the columns.
        values = self.run.value_maps if self.run is not None else self.value_choices
        profile = Profile.from_mapping(
            name, mapping, sheet=self.guess.sheet, kecamatan_kode=kecamatan, values=values
        )
        try:
            legacy_import.save_profile(self.gui.ctx, actor=self.gui.user, profile=profile)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return False
        self.message.setText(self.tr('Profil "{name}" disimpan.').format(name=name))
        self.page_shown()
        return True

    # -- step 3: dry run and commit ----------------------------------------------------------

    def _may_correct(self) -> bool:
        return self.gui.can(Perm.REGISTRANT_EDIT) and self.gui.can(Perm.LEGACY_COMMIT)

    def _service_kwargs(self) -> dict[str, Any]:
        assert self.path is not None and self.guess is not None
        return {
            "path": self.path,
            "sheet": self.guess.sheet,
            "mapping": self.mapping_step.mapping,
            "profile": self.profile_combo.currentData(),
            "values": self.value_choices,
            "desa": self.mapping_step.desa_choice(),
            **self.options.values(),
        }

    def recheck_values(self) -> Job | None:
        """Check again with the value step's choices (shown in the preview when done)."""
        self.value_choices = self.values_step.choices()
        return self.dry_run()

    def dry_run(self) -> Job | None:
        """Check every row without changing anything; the preview shows the problems."""
        from rentan_desktop.services import legacy_import, registrants  # noqa: F401 - messages

        if self.guess is None or not self.mapping_step.is_complete():
            return None
        ctx, user, kwargs = self.gui.ctx, self.gui.user, self._service_kwargs()
        self.message.setText(self.tr("Memeriksa baris…"))
        job = self.gui.jobs.start(
            lambda c: legacy_import.check(
                ctx, actor=user, progress=c.progress, cancelled=c.cancelled, **kwargs
            ),
            title=self.tr("Memeriksa (uji coba)…"),
            on_success=self.show_run,
            on_error=self._failed,
        )
        job.cancelled.connect(lambda: self.message.setText(self.tr("Pemeriksaan dibatalkan.")))
        return self._start(job)

    def commit(self) -> Job | None:
        """Save the rows the dry run found ready, in one transaction, in the background."""
        from rentan_desktop.services import legacy_import

        if self.run is None or self.run.committed is not None:
            return None
        ctx, user, kwargs = self.gui.ctx, self.gui.user, self._service_kwargs()
        if self._may_correct() and self.apply_changes.isChecked():
            kwargs["apply_changes"] = True
        self.message.setText(self.tr("Mengimpor…"))
        job = self.gui.jobs.start(
            lambda c: legacy_import.commit(
                ctx, actor=user, progress=c.progress, cancelled=c.cancelled, **kwargs
            ),
            title=self.tr("Mengimpor data lama…"),
            on_success=self._committed,
            on_error=self._failed,
        )
        job.cancelled.connect(
            lambda: self.message.setText(self.tr("Impor dibatalkan; tidak ada data yang diubah."))
        )
        return self._start(job)

    def show_run(self, run: LegacyRun) -> None:
        totals = self._totals = run.totals()
        self.run = run
        self.preview.set_run(run, self.gui.lang)
        text = self.tr(
            "{rows} baris dibaca: {ready} siap diimpor, {refused} ditolak, {already} sudah "
            "diimpor sebelumnya, {warned} dengan peringatan, {clusters} kelompok kemungkinan "
            "data ganda."
        ).format(
            rows=angka(totals["rows"]), ready=angka(totals["ready"]),
            refused=angka(totals["refused"]), already=angka(totals["already_imported"]),
            warned=angka(totals["with_warnings"]), clusters=angka(totals["clusters"]),
        )  # fmt: skip
        from rentan_desktop.legacy.report import skipped_json

        skipped = skipped_json(run.result, self.gui.lang)
        if skipped["total"]:
            kinds = ", ".join(f"{k['label']} {angka(k['rows'])}" for k in skipped["by_kind"])
            text += " " + self.tr("{n} baris bukan data orang dilewati ({kinds}).").format(
                n=angka(skipped["total"]), kinds=kinds
            )
        for place in run.places:
            if place.get("desa_kode"):
                text += " " + self.tr("Semua baris {sheet}dicatat di desa {desa} ({kode}).").format(
                    sheet=f"{place['sheet']} " if len(run.places) > 1 else "",
                    desa=place["desa_nama"],
                    kode=place["desa_kode"],
                )
        if run.ignored_sheets:
            text += " " + self.tr("Sheet tanpa kolom NIK dan NAMA, tidak dibaca: {names}.").format(
                names=", ".join(run.ignored_sheets)
            )
        review = [v for v in run.values_json() if v["review"]]
        if review:
            # Name the columns concerned: funder and status words need a decision too.
            fields = dict.fromkeys(field_label(str(v["field"])) for v in review)
            text += " " + self.tr(
                '{n} nilai perlu dipastikan ({fields}): klik "Petakan nilai".'
            ).format(n=angka(len(review)), fields=", ".join(fields))
        if totals["registered"] or totals["changed"] or totals["corrected"]:
            text += " " + self.tr(
                "{registered} sudah terdaftar (sama), {changed} perubahan data untuk orang yang "
                "sudah terdaftar — tidak diimpor sebagai orang baru."
            ).format(registered=angka(totals["registered"]), changed=angka(totals["changed"]))
        if run.committed is None:
            text += " " + self.tr("Ini uji coba: belum ada data yang disimpan.")
        self.summary.setText(text)
        self.message.clear()
        self.table.resizeColumnsToContents()
        for col in range(self.preview.columnCount()):
            self.table.setColumnWidth(
                col, min(self.table.columnWidth(col), 340 if col == 2 else 180)
            )
        self.row_detail.clear()
        self.values_step.show_values(run.values_json(), run.categories)
        self.values_button.setText(
            self.tr("P&etakan nilai ({n} perlu dipastikan)…").format(n=len(review))
            if review
            else self.tr("P&etakan nilai…")
        )
        self.go(STEP_PREVIEW)

    def _committed(self, run: LegacyRun) -> None:
        self.show_run(run)
        text = self.tr("{n} baris diimpor sebagai draf.").format(n=angka(self._totals["imported"]))
        if self._totals["corrected"]:
            text += " " + self.tr("{n} data terdaftar dikoreksi.").format(
                n=angka(self._totals["corrected"])
            )
        self.message.setText(text)
        if run.registrants:
            self.gui.signals.emit_changed("registrant", tuple(run.registrants.values()), "import")

    def _ask_report(self) -> None:
        if self.run is None:
            return
        default = self.run.file.with_name(self.run.file.stem + "-laporan.xlsx")
        path = file_dialogs.save_file(
            self, self.tr("Simpan laporan"), str(default), "Excel (*.xlsx)"
        )
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> Job | None:
        """Write the report workbook (problem cells highlighted, summaries) in the background."""
        run, lang, ctx, user = self.run, self.gui.lang, self.gui.ctx, self.gui.user
        if run is None:
            return None

        def write(_c: object) -> object:
            from rentan_desktop.services import legacy_import

            return legacy_import.save_report(ctx, actor=user, run=run, path=path, lang=lang)

        job = self.gui.jobs.start(write, title=self.tr("Menyimpan laporan…"))
        job.succeeded.connect(
            lambda _r: self.message.setText(self.tr("Laporan disimpan: {path}").format(path=path))
        )
        return job
