"""Master data page: the coordinator writes a signed master-data pack for the offices below it; an
office checks a pack (what would change, or why it is refused) and applies it in one step."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.gui import file_dialogs, page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.keys.unlock import ensure_unlocked

if TYPE_CHECKING:
    from rentan_desktop.services.master_data import PackCheck, PackFile


class MasterDataPage(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.checked: PackCheck | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(page_widgets.heading(self.tr("Data induk dari koordinator"), self))
        layout.addWidget(
            page_widgets.note(
                self.tr(
                    "Sumber dana, target per kecamatan, tarif iuran, daftar pekerjaan, dan kunci kantor yang "
                    "dipercaya atau dicabut ditetapkan kabupaten/kota (atau provinsi) dan dikirim sebagai paket "
                    "bertanda tangan. Paket diperiksa dulu, lalu diterapkan sekaligus; paket lama, terulang, "
                    "melompati nomor, diubah, atau dari kantor lain ditolak tanpa mengubah apa pun."
                ),
                self,
            )
        )
        self.last_label = QLabel(self)
        self.last_label.setObjectName("lastPack")
        self.last_label.setWordWrap(True)
        layout.addWidget(self.last_label)

        self.export_box: QGroupBox | None = None
        office = gui.ctx.office
        if office is not None and office.level != "kecamatan":
            self.export_box = QGroupBox(
                self.tr("Kirim data induk ke kantor di bawah (koordinator)"), self
            )
            self.destination = page_widgets.DestinationChooser(self.export_box, "packTarget")
            self.target = self.destination.combo
            self.export_button = QPushButton(self.tr("B&uat paket data induk"), self.export_box)
            self.export_button.setObjectName("exportPack")
            self.export_button.clicked.connect(self.export_pack)
            row = QHBoxLayout(self.export_box)
            row.addWidget(self.target, 1)
            row.addWidget(self.destination.button)
            row.addWidget(self.export_button)
            layout.addWidget(self.export_box)

        box = QGroupBox(self.tr("Terima paket data induk"), self)
        self.open_button = QPushButton(self.tr("&Periksa paket…"), box)
        self.open_button.setObjectName("openPack")
        self.open_button.clicked.connect(self._ask_pack)
        self.apply_button = QPushButton(self.tr("&Terapkan paket ini"), box)
        self.apply_button.setObjectName("applyPack")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_pack)
        self.summary_label = QLabel(box)
        self.summary_label.setObjectName("packSummary")
        self.summary_label.setWordWrap(True)
        self.changes = QListWidget(box)
        self.changes.setObjectName("packChanges")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.apply_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addLayout(buttons)
        inner.addWidget(self.summary_label)
        inner.addWidget(self.changes, 1)
        layout.addWidget(box, 1)
        warn = QHBoxLayout()
        self.warn_days = QSpinBox(self)
        self.warn_days.setObjectName("warnDays")
        self.warn_days.setRange(1, 365)
        self.warn_days.setSuffix(self.tr(" hari"))
        warn_label = QLabel(self.tr("&Ingatkan bila data induk atau batch lebih lama dari:"), self)
        warn_label.setBuddy(self.warn_days)
        self.warn_button = QPushButton(self.tr("&Simpan batas"), self)
        self.warn_button.setObjectName("saveWarnDays")
        self.warn_button.clicked.connect(self.save_warn_days)
        warn.addWidget(warn_label)
        warn.addWidget(self.warn_days)
        warn.addWidget(self.warn_button)
        warn.addStretch(1)
        layout.addLayout(warn)
        self.result_label = page_widgets.result_box(self, "packResult")
        layout.addWidget(self.result_label)

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        from rentan_desktop.services import master_data, staleness

        self.warn_days.setValue(staleness.staleness(self.gui.ctx).warn_after_days)
        last = master_data.last_pack(self.gui.ctx)
        if last is None:
            self.last_label.setText(
                self.tr("Belum ada paket data induk yang diterapkan di kantor ini.")
            )
        else:
            self.last_label.setText(
                self.tr(
                    "Paket terakhir: nomor {seq} dari kantor {office}, diterapkan {date}."
                ).format(seq=last.seq, office=last.issuer, date=_when(last.recorded_at))
            )
        if self.export_box is not None:
            self.destination.refresh()

    def save_warn_days(self) -> None:
        from rentan_desktop.services import staleness

        days = self.warn_days.value()
        if self._run(
            lambda: staleness.set_warn_after(self.gui.ctx, actor=self.gui.user, days=days) or True
        ):
            page_widgets.show_result(
                self.result_label,
                self.tr("Peringatan muncul di Beranda setelah {n} hari.").format(n=days),
                "ok",
            )
            self.gui.signals.emit_changed("setting", (), "staleness")

    def set_folder(self, folder: Path) -> None:
        self.destination.set_folder(folder)

    def _run(self, action):  # type: ignore[no-untyped-def]
        return page_widgets.run_reporting(self, self.result_label, action)

    def export_pack(self) -> PackFile | None:
        from rentan_desktop.services import master_data

        folder = self.target.currentData()
        if not folder:
            page_widgets.show_result(
                self.result_label, self.tr("Pilih flashdisk atau folder tujuan lebih dulu."), "warn"
            )
            return None
        if not ensure_unlocked(self, self.gui):  # the pack is signed with the office key
            return None
        made = self._run(
            lambda: master_data.export_pack(self.gui.ctx, actor=self.gui.user, folder=Path(folder))
        )
        if made is not None:
            page_widgets.show_result(
                self.result_label,
                self.tr("Paket data induk nomor {seq} disimpan: {path}.").format(
                    seq=made.seq, path=made.path
                ),
                "ok",
            )
        return made

    def _ask_pack(self) -> None:
        path = file_dialogs.open_file(
            self,
            self.tr("Pilih paket data induk"),
            str(Path.home()),
            "Data induk (DATA-INDUK-*.json)",
        )
        if path:
            self.check_pack(Path(path))

    def check_pack(self, path: Path) -> PackCheck | None:
        """Show what applying ``path`` would change, or why it is refused; changes nothing."""
        from rentan_desktop.services import master_data

        self.checked = None
        self.apply_button.setEnabled(False)
        self.changes.clear()
        check = self._run(
            lambda: master_data.verify_pack(self.gui.ctx, actor=self.gui.user, path=path)
        )
        if check is None:
            return None
        if not check.ok:
            self.summary_label.setText(self.tr("Paket {file} ditolak.").format(file=path.name))
            page_widgets.show_result(
                self.result_label, " ".join(i.message(self.gui.lang) for i in check.errors), "bad"
            )
            return check
        self.checked = check
        self.summary_label.setText(
            self.tr(
                "Paket nomor {seq} dari kantor {office} ({name}), dibuat {date}, sah. Bila diterapkan:"
            ).format(
                seq=check.seq,
                office=check.issuer,
                name=check.issuer_name,
                date=_when(_parsed(check.created_at)),
            )
        )
        lines = [c.text(self.gui.lang) for c in check.changes] or [self.tr("Tidak ada perubahan.")]
        self.changes.addItems(lines)
        self.apply_button.setEnabled(True)
        self.apply_button.setFocus()
        page_widgets.show_result(
            self.result_label, self.tr("Periksa daftar perubahan, lalu tekan Terapkan."), "ok"
        )
        return check

    def apply_pack(self) -> PackCheck | None:
        from rentan_desktop.services import master_data

        if self.checked is None:
            return None
        path = self.checked.path
        done = self._run(
            lambda: master_data.import_pack(self.gui.ctx, actor=self.gui.user, path=path)
        )
        self.apply_button.setEnabled(False)
        self.checked = None
        if done is None:
            return None
        if not done.ok:
            page_widgets.show_result(
                self.result_label, " ".join(i.message(self.gui.lang) for i in done.errors), "bad"
            )
            return done
        page_widgets.show_result(
            self.result_label,
            self.tr("Paket nomor {seq} dari kantor {office} diterapkan: {n} perubahan.").format(
                seq=done.seq, office=done.issuer, n=len(done.changes)
            ),
            "ok",
        )
        for entity in ("setting", "trusted_key"):
            self.gui.signals.emit_changed(entity, (), "masterdata")
        self.reload()
        return done


def _parsed(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _when(value: datetime | None) -> str:
    return tanggal(value.astimezone()) if value is not None else "?"
