"""Beranda's line on how long since the last master-data pack came in and the last batch went out;
past the admin's threshold it turns into a warning and the title bar says so too.

Registered in ``gui.home.widget.HOME_BOXES``.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rentan_desktop import APP_NAME
from rentan_desktop.domain.formatting import angka, tanggal
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.signals import Changes
from rentan_desktop.services import staleness
from rentan_desktop.services.context import WITA

PLACE = "top"  # see gui.home.widget.HOME_BOXES
WARN_STYLE = "color: #8a4b00; font-weight: bold;"


class StalenessBox(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("stalenessBox")
        self.pack_label = QLabel(self)
        self.pack_label.setObjectName("packAge")
        self.batch_label = QLabel(self)
        self.batch_label.setObjectName("batchAge")
        for label in (self.pack_label, self.batch_label):
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pack_label)
        layout.addWidget(self.batch_label)
        self.state: staleness.Staleness | None = None
        gui.signals.data_changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self.refresh()
        super().showEvent(event)

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity in ("batch", "setting", "trusted_key") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        office = self.gui.ctx.office
        # A province has nobody above it: no pack comes in and no batch goes up.
        if office is None or office.level == "provinsi":
            self.hide()
            return
        state = self.state = staleness.staleness(self.gui.ctx)
        limit = state.warn_after_days
        days = state.days_since_pack()
        if days is None:
            self.pack_label.setText(
                self.tr("Belum ada paket data induk dari koordinator di kantor ini.")
            )
        else:
            self.pack_label.setText(
                self.tr("Paket data induk terakhir diterapkan {ago} ({date}).").format(
                    ago=self._ago(days),
                    date=tanggal(state.last_pack.astimezone(WITA), self.gui.lang),
                )  # type: ignore[union-attr]
                + (
                    " "
                    + self.tr("Minta paket terbaru ke koordinator (batas {limit} hari).").format(
                        limit=limit
                    )
                    if state.pack_stale
                    else ""
                )
            )
        days = state.days_since_batch()
        if days is None:
            self.batch_label.setText(self.tr("Belum ada batch yang dikirim dari kantor ini."))
        else:
            self.batch_label.setText(
                self.tr("Batch terakhir dikirim {ago} ({date}).").format(
                    ago=self._ago(days),
                    date=tanggal(state.last_batch_out.astimezone(WITA), self.gui.lang),
                )  # type: ignore[union-attr]
                + (
                    " "
                    + self.tr("Kirim data yang sudah siap (batas {limit} hari).").format(
                        limit=limit
                    )
                    if state.batch_stale
                    else ""
                )
            )
        self.pack_label.setStyleSheet(WARN_STYLE if state.pack_stale else "")
        self.batch_label.setStyleSheet(WARN_STYLE if state.batch_stale else "")
        self._title(state)

    def _ago(self, days: int) -> str:
        return self.tr("hari ini") if days == 0 else self.tr("{n} hari lalu").format(n=angka(days))

    def _title(self, state: staleness.Staleness) -> None:
        window = self.window()
        office = self.gui.ctx.office
        title = f"{APP_NAME} — {office.nama if office else ''}"
        late = []
        if state.pack_stale:
            late.append(self.tr("data induk {n} hari").format(n=state.days_since_pack()))
        if state.batch_stale:
            late.append(self.tr("batch {n} hari").format(n=state.days_since_batch()))
        if late:
            title += " — " + self.tr("perlu diperbarui: {what}").format(what=", ".join(late))
        if window is not None and window is not self:
            window.setWindowTitle(title)


def build(gui: GuiContext, parent: QWidget) -> QWidget:
    return StalenessBox(gui, parent)
