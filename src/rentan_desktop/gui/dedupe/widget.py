"""Duplicate workbench: clusters of possible duplicates on the left; on the right the records side
by side field by field, and the decision (keep one / merge chosen values / different people) with a
reason, all through ``services.dedupe`` (audited there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui import errors
from rentan_desktop.gui.backups.widget import heading_label
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.dedupe.compare import CompareTable
from rentan_desktop.gui.jobs import Job, JobProgress
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.dedupe import Decision, DupCluster


class DedupePage(QWidget):
    load_after_paint = True  # first shown: painted before its data is read (MainWindow)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.clusters: list[DupCluster] = []
        self.current: DupCluster | None = None
        # UU PDP: full NIK/KK of a cluster only after an audited reveal of that cluster.
        self.revealed: tuple[str, ...] | None = None
        self.job: Job | None = None
        self._stale = True
        intro = QLabel(
            self.tr(
                "Kelompok data yang mungkin orang yang sama (NIK sama, NIK beda satu angka dengan "
                "nama mirip, atau nama mirip dengan tanggal lahir sama). Bandingkan kolom demi "
                "kolom, lalu putuskan dengan alasan. Tidak ada data yang dihapus: data ganda "
                "dinonaktifkan dan semua keputusan dicatat dalam jejak audit."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.find_button = QPushButton(self.tr("&Cari data ganda"), self)
        self.find_button.setObjectName("findClusters")
        self.find_button.clicked.connect(self.refresh)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("clusterCount")
        self.list = QListWidget(self)
        self.list.setObjectName("clusterList")
        self.list.currentRowChanged.connect(self._select)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.find_button)
        top.addWidget(self.count_label, 1)
        left_layout.addLayout(top)
        left_layout.addWidget(self.list, 1)
        self.reasons_label = QLabel(self)
        self.reasons_label.setObjectName("clusterReasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setStyleSheet("font-weight: bold;")
        self.compare = CompareTable(self)
        self.compare.take_changed.connect(self._update_buttons)
        self.keep_combo = QComboBox(self)
        self.keep_combo.setObjectName("keepCombo")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("decisionReason")
        self.reason.setPlaceholderText(self.tr("mis. dicek dengan KTP di kantor desa"))
        self.reason.textChanged.connect(self._update_buttons)
        self.merge_hint = QLabel(
            self.tr(
                "Untuk menggabung: klik nilai yang benar pada baris berwarna (atau pilih dengan "
                "panah lalu tekan Spasi)."
            ),
            self,
        )
        self.merge_hint.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("&Pertahankan satu"), self)
        self.keep_button.setObjectName("keepButton")
        self.keep_button.setToolTip(self.tr("Data lain dinonaktifkan sebagai ganda."))
        self.keep_button.clicked.connect(lambda: self.decide("keep"))
        self.merge_button = QPushButton(self.tr("&Gabungkan nilai terpilih"), self)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.clicked.connect(lambda: self.decide("merge"))
        self.different_button = QPushButton(self.tr("&Orang berbeda"), self)
        self.different_button.setObjectName("differentButton")
        self.different_button.clicked.connect(lambda: self.decide("different"))
        self.reveal_button = QPushButton(self.tr("Tampilkan NIK leng&kap"), self)
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.setToolTip(
            self.tr("NIK dan KK lengkap ditampilkan dan dicatat di jejak audit (UU PDP).")
        )
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_button.setVisible(gui.can(Perm.VIEW_FULL_NIK))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        form = QFormLayout()
        form.addRow(self.tr("Data yang dipertahankan:"), self.keep_combo)
        form.addRow(self.tr("Alasan:"), self.reason)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reasons_label)
        right_layout.addWidget(self.compare, 1)
        right_layout.addWidget(self.merge_hint)
        right_layout.addLayout(form)
        right_layout.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        self.progress = JobProgress(self)
        self.message = QLabel(self)
        self.message.setObjectName("dedupeMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Data ganda"), self))
        layout.addWidget(intro)
        layout.addWidget(self.progress)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        gui.signals.data_changed.connect(self._on_changed)
        self._show_cluster(None)

    def page_shown(self) -> None:
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant" and changes.action != "duplicate":
            self._stale = True

    # -- clusters ----------------------------------------------------------------------------

    def refresh(self) -> Job | None:
        """Find the open clusters in the background (blocked matching over the period's records)."""
        from rentan_desktop.services import process_job

        if self.job is not None and self.job.running:
            return None
        ctx, user = self.gui.ctx, self.gui.user
        self._stale = False
        self.find_button.setEnabled(False)
        self.count_label.setText(self.tr("Mencari…"))
        job = self.gui.jobs.start(
            # In a child process: the matcher is pure Python and would starve the window's thread.
            lambda c: process_job.run(
                ctx, "dedupe.find_clusters", actor=user, progress=c.progress, cancelled=c.cancelled
            ),
            title=self.tr("Mencari data ganda…"),
            on_success=self.show_clusters,
        )
        job.finished.connect(lambda: self.find_button.setEnabled(True))
        self.job = job
        self.progress.bind(job)
        return job

    def show_clusters(self, clusters: list[DupCluster]) -> None:
        from rentan_desktop.legacy.matching import REASON_TEXT

        english = int(self.gui.lang != "id")
        self.clusters = list(clusters)
        self.list.clear()
        for c in self.clusters:
            reasons = ", ".join(REASON_TEXT[r][english] for r in c.reasons)
            text = f"{' / '.join(c.names)}\n{reasons}"
            if c.score is not None:
                text += " · " + self.tr("skor {s}").format(s=f"{c.score:.1f}")
            if c.lintas_kecamatan:
                text += " · " + self.tr("lintas kecamatan")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.key)
            self.list.addItem(item)
        self.count_label.setText(self.tr("{n} kelompok").format(n=len(self.clusters)))
        if self.clusters:
            self.list.setCurrentRow(0)
        else:
            self._show_cluster(None)

    def _select(self, row: int) -> None:
        self._show_cluster(self.clusters[row] if 0 <= row < len(self.clusters) else None)

    def _show_cluster(self, cluster: DupCluster | None) -> None:
        from rentan_desktop.legacy.matching import REASON_TEXT
        from rentan_desktop.services import dedupe

        self.current = cluster
        self.keep_combo.clear()
        self.reason.clear()
        if cluster is None:
            self.compare.clear()
            self.compare.setRowCount(0)
            self.compare.setColumnCount(0)
            self.reasons_label.setText(self.tr("Pilih satu kelompok di kiri."))
            self._update_buttons()
            return
        english = int(self.gui.lang != "id")
        ctx, user = self.gui.ctx, self.gui.user
        rows = dedupe.side_by_side(ctx, actor=user, uuids=cluster.members)
        titles = [
            self.tr("Data {n}: {nama}").format(n=i + 1, nama=nama)
            for i, nama in enumerate(cluster.names)
        ]
        self.compare.show_members(
            list(cluster.members), rows, titles=titles, full_nik=self.revealed == tuple(cluster.members),
            desa=dedupe.value_names(ctx, rows), mergeable=dedupe.MERGEABLE, lang=self.gui.lang,
        )  # fmt: skip
        for title, uuid in zip(titles, cluster.members, strict=True):
            self.keep_combo.addItem(title, uuid)
        reasons = ", ".join(REASON_TEXT[r][english] for r in cluster.reasons)
        extra = " · " + self.tr("lintas kecamatan") if cluster.lintas_kecamatan else ""
        # The scorer's own account, pair by pair: which fields agreed, which did not, the score.
        why = "\n".join(cluster.explain(self.gui.lang))
        self.reasons_label.setText(
            self.tr("Alasan dicurigai: {r}").format(r=reasons) + extra + ("\n" + why if why else "")
        )
        self._update_buttons()

    def reveal(self) -> None:
        """Show the cluster's full NIKs and KKs once the reveal is in each record's history."""
        from rentan_desktop.services import privacy

        cluster = self.current
        if cluster is None:
            return
        members = tuple(cluster.members)
        try:
            privacy.record_reveal(
                self.gui.ctx, actor=self.gui.user, uuids=members, purpose="dedupe"
            )
        except Exception as exc:  # noqa: BLE001 - a sentence for user errors, crash dialog else
            errors.show_error(self, exc, retry=self.reveal)
            return
        self.revealed = members
        self._show_cluster(cluster)

    def _update_buttons(self) -> None:
        ready = self.current is not None and bool(self.reason.text().strip())
        self.keep_button.setEnabled(ready)
        self.different_button.setEnabled(ready)
        self.merge_button.setEnabled(ready and bool(self.compare.take))

    # -- decisions ---------------------------------------------------------------------------

    def decide(self, decision: str) -> Decision | None:
        """Record ``decision`` (keep / merge / different) on the shown cluster."""
        from rentan_desktop.services import dedupe

        cluster = self.current
        if cluster is None:
            return None
        keep = self.keep_combo.currentData() if decision != "different" else None
        take = dict(self.compare.take) if decision == "merge" else None
        try:
            result = dedupe.decide(
                self.gui.ctx, actor=self.gui.user, uuids=cluster.members, decision=decision,
                reason=self.reason.text(), keep=keep, take=take,
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - a sentence for user errors, crash dialog else
            errors.show_error(self, exc, retry=lambda: self.decide(decision))
            if getattr(exc, "code", None) == "concurrent.decided":
                self.refresh()  # decided meanwhile by someone else: it leaves the list
            return None
        texts = {
            "keep": self.tr("Disimpan: satu data dipertahankan, {n} dinonaktifkan sebagai ganda."),
            "merge": self.tr(
                "Digabung: {fields} diambil; {n} data lain dinonaktifkan sebagai ganda."
            ),
            "different": self.tr("Dicatat: orang berbeda; kelompok ini tidak ditampilkan lagi."),
        }
        self.message.setText(
            texts[decision].format(
                n=len(result.deactivated), fields=", ".join(result.merged) or "-"
            )
        )
        row = self.clusters.index(cluster)
        self.clusters.pop(row)
        self.list.takeItem(row)
        self.count_label.setText(self.tr("{n} kelompok").format(n=len(self.clusters)))
        self.gui.signals.emit_changed("registrant", tuple(cluster.members), "duplicate")
        if not self.clusters:
            self._show_cluster(None)
        return result
