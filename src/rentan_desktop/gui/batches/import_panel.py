"""Import wizard: choose batch files, see the verification report (signer, exact refusal reasons,
gap warnings) and what would happen to the records, then confirm and apply in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
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
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.batches import drives
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.keys.unlock import ensure_unlocked

if TYPE_CHECKING:
    from rentan_desktop.services.batch_import import ImportResult
    from rentan_desktop.services.batch_preview import Preview

CTX = "ImportPanel"
COLUMNS = (
    ("file", QT_TRANSLATE_NOOP("ImportPanel", "Berkas")),
    ("seq", QT_TRANSLATE_NOOP("ImportPanel", "No.")),
    ("signer", QT_TRANSLATE_NOOP("ImportPanel", "Kantor pengirim")),
    ("rows", QT_TRANSLATE_NOOP("ImportPanel", "Data")),
    ("new", QT_TRANSLATE_NOOP("ImportPanel", "Baru")),
    ("updated", QT_TRANSLATE_NOOP("ImportPanel", "Diperbarui")),
    ("unchanged", QT_TRANSLATE_NOOP("ImportPanel", "Tetap")),
    ("conflicts", QT_TRANSLATE_NOOP("ImportPanel", "Konflik")),
    ("flagged", QT_TRANSLATE_NOOP("ImportPanel", "Mungkin ganda")),
    ("refused", QT_TRANSLATE_NOOP("ImportPanel", "Ditolak")),
    ("result", QT_TRANSLATE_NOOP("ImportPanel", "Hasil")),
)
KEYS = [key for key, _ in COLUMNS]
OK_BG, BAD_BG, WARN_BG = QColor("#e3f4ea"), QColor("#fde7e9"), QColor("#fff4d6")
BATCH_FILTER = "Batch (*.rbatch *.manifest.json *.xlsx)"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class ImportPanel(QWidget):
    """Verification first; the import button only applies files that passed."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.previews: list[Preview] = []
        self.results: list[ImportResult] = []
        self.job: Job | None = None
        step1 = QGroupBox(self.tr("1. Pilih berkas batch"), self)
        self.choose_button = QPushButton(self.tr("&Pilih berkas batch…"), step1)
        self.choose_button.setObjectName("chooseBatches")
        self.scan_button = QPushButton(self.tr("Cari di &flashdisk"), step1)
        self.choose_button.clicked.connect(self._ask_files)
        self.scan_button.clicked.connect(self.scan_drives)
        row = QHBoxLayout(step1)
        row.addWidget(self.choose_button)
        row.addWidget(self.scan_button)
        row.addWidget(
            page_widgets.note(
                self.tr(
                    "Tiap batch terdiri dari tiga berkas (.rbatch terenkripsi untuk kantor "
                    "ini, .manifest.json, .manifest.sig) yang harus ada dalam satu folder."
                ),
                step1,
            ),
            1,
        )

        step2 = QGroupBox(self.tr("2. Hasil pemeriksaan (belum ada yang diimpor)"), self)
        self.table = QTableWidget(0, len(COLUMNS), step2)
        self.table.setObjectName("verifyTable")
        self.table.setHorizontalHeaderLabels([_t(title) for _, title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEYS.index("signer"), QHeaderView.ResizeMode.Stretch)
        # The full sentences (signer fingerprint, exact refusal reasons, gap warnings) go below
        # the table, where they wrap, rather than into a narrow cell.
        self.details = QLabel(step2)
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(step2)
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        box = QVBoxLayout(step2)
        box.addWidget(self.table, 1)
        box.addWidget(self.details)
        box.addWidget(self.summary)

        step3 = QGroupBox(self.tr("3. Impor"), self)
        self.import_button = QPushButton(self.tr("&Impor batch yang lolos pemeriksaan"), step3)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.progress = JobProgress(step3)
        self.result_label = page_widgets.result_box(step3, "importResult")
        box3 = QVBoxLayout(step3)
        line = QHBoxLayout()
        line.addWidget(self.import_button)
        line.addWidget(self.progress, 1)
        line.addStretch(1)
        box3.addLayout(line)
        box3.addWidget(self.result_label)

        layout = QVBoxLayout(self)
        layout.addWidget(step1)
        layout.addWidget(step2, 1)
        layout.addWidget(step3)

    # -- step 1 --------------------------------------------------------------------------------

    def _ask_files(self) -> None:
        paths = file_dialogs.open_files(
            self, self.tr("Pilih berkas batch"), str(Path.home()), BATCH_FILTER
        )
        if paths:
            self.check_files([Path(p) for p in paths])

    def scan_drives(self) -> Job | None:
        """Check every batch found in the top folder of the removable drives."""
        # Every batch has a manifest, sealed (.rbatch) or from before encryption (.xlsx).
        found = [
            p
            for d in drives.removable_drives()
            for p in sorted(d.path.glob("BATCH-*.manifest.json"))
        ]
        if not found:
            page_widgets.show_result(
                self.result_label,
                self.tr(
                    "Tidak ada berkas batch di flashdisk yang "
                    "terpasang; gunakan Pilih berkas batch."
                ),
                "warn",
            )
            return None
        return self.check_files(found)

    def check_files(self, paths: list[Path]) -> Job:
        """Verify the chosen batches and count what importing them would do (writes nothing)."""
        from rentan_desktop.services import batch_preview as preview

        ensure_unlocked(
            self, self.gui
        )  # sealed batches open with the office key (else: a sentence)
        ctx, user = self.gui.ctx, self.gui.user
        chosen = preview.batch_paths(paths)
        self.previews, self.results = [], []
        self.table.setRowCount(0)
        self.summary.clear()
        self.result_label.hide()
        self._busy(True)
        job = self.gui.jobs.start(
            lambda c: preview.preview_batches(
                ctx, actor=user, paths=chosen, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Memeriksa {n} batch…").format(n=len(chosen)),
            on_success=self.show_previews,
            on_error=self._failed,
        )
        self.job = job
        self.progress.bind(job)
        job.finished.connect(self._idle)
        return job

    # -- step 2 --------------------------------------------------------------------------------

    def show_previews(self, previews: list[Preview]) -> None:
        self.previews = previews
        lang = self.gui.lang
        self.table.setRowCount(len(previews))
        lines: list[str] = []
        for row, p in enumerate(previews):
            messages = p.report.messages(lang)
            if not p.ok:
                verdict = self.tr("DITOLAK")
                lines.append(
                    self.tr("✗ {file}: DITOLAK — {reasons}").format(
                        file=p.path.name, reasons=" ".join(messages)
                    )
                )
            else:
                verdict = self.tr("Lolos, ada peringatan") if p.warnings else self.tr("Lolos")
                lines.append(
                    self.tr("✓ {file}: tanda tangan sah ({signer}), berkas utuh.{more}").format(
                        file=p.path.name,
                        signer=p.signer_text,
                        more="".join(" " + m for m in messages),
                    )
                )
            doc = p.report.manifest or {}
            office = " ".join(x for x in (p.report.office, str(doc.get("office_name", ""))) if x)
            values = {
                "file": p.path.name,
                "signer": office
                if p.report.signer
                else self.tr("{office} (tidak dikenal)").format(office=office or "?"),
                "seq": str(p.report.seq or ""),
                "rows": angka(p.report.row_count),
                "result": verdict,
                **{k: angka(p.counts.get(k, 0)) for k in KEYS if k in p.counts},
            }
            color = BAD_BG if not p.ok else (WARN_BG if p.warnings else OK_BG)
            for col, key in enumerate(KEYS):
                item = QTableWidgetItem(values.get(key, ""))
                item.setBackground(QBrush(color))
                item.setToolTip(lines[-1])
                if key not in ("file", "signer", "result"):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        self.details.setText("\n".join(lines))
        good = [p for p in previews if p.ok]
        total = {k: sum(p.counts.get(k, 0) for p in previews) for k in KEYS[4:10]}
        self.summary.setText(
            self.tr(
                "{good} dari {all} batch lolos pemeriksaan. Bila diimpor: {new} data baru, {updated} "
                "diperbarui, {unchanged} tetap, {conflicts} konflik ditahan untuk diputuskan, "
                "{flagged} ditandai mungkin ganda; {refused} data ditolak."
            ).format(good=len(good), all=len(previews), **{k: angka(v) for k, v in total.items()})
        )
        self.import_button.setEnabled(bool(good))

    # -- step 3 --------------------------------------------------------------------------------

    def start_import(self) -> Job | None:
        """Import the batches that passed, each all or nothing, in sequence order."""
        from rentan_desktop.services import batch_import

        paths = [p.path for p in self.previews if p.ok]
        if not paths or not ensure_unlocked(self, self.gui):
            return None
        ctx, user = self.gui.ctx, self.gui.user
        self._busy(True)
        job = self.gui.jobs.start(
            lambda c: batch_import.import_batches(
                ctx, actor=user, paths=paths, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Mengimpor {n} batch…").format(n=len(paths)),
            on_success=self.show_results,
            on_error=self._failed,
        )
        self.job = job
        self.progress.bind(job)
        job.finished.connect(self._idle)
        return job

    def show_results(self, results: list[ImportResult]) -> None:
        self.results = results
        lang = self.gui.lang
        lines, bad = [], False
        for r in results:
            if r.imported:
                c = r.counts
                lines.append(
                    self.tr(
                        "{file}: diimpor — {new} baru, {updated} diperbarui, {unchanged} tetap, "
                        "{conflicts} konflik, {flagged} mungkin ganda."
                    ).format(
                        file=r.path.name,
                        **{
                            k: angka(c.get(k, 0))
                            for k in ("new", "updated", "unchanged", "conflicts", "flagged")
                        },
                    )
                )
            else:
                bad = True
                lines.append(
                    self.tr(
                        "{file}: tidak diimpor — {reasons} Tidak ada data yang berubah."
                    ).format(file=r.path.name, reasons=" ".join(r.report.messages(lang)))
                )
        conflicts = sum(r.counts.get("conflicts", 0) for r in results if r.imported)
        if conflicts:
            lines.append(
                self.tr("Buka halaman Konflik untuk memutuskan {n} data yang ditahan.").format(
                    n=angka(conflicts)
                )
            )
        page_widgets.show_result(
            self.result_label, "\n".join(lines), "warn" if bad or conflicts else "ok"
        )
        self.import_button.setEnabled(False)
        if any(r.imported for r in results):
            self.gui.signals.emit_changed("registrant", (), "batch.import")
            self.gui.signals.emit_changed(
                "batch", tuple(r.report.batch_id for r in results), "import"
            )

    def _idle(self) -> None:
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        self.choose_button.setEnabled(not busy)
        self.scan_button.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)

    def _failed(self, exc: BaseException) -> None:
        text = page_widgets.error_text(exc)
        if text is None:
            from rentan_desktop.gui.errors import show_error

            show_error(self, exc)
            return
        page_widgets.show_result(self.result_label, text, "bad")
