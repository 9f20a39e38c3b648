"""Beranda's task list of corrections RT heads asked for (*5 Perbaikan*) and no one has made yet.

Each line names the person and what the RT head wrote; Enter or *Koreksi* opens the record in the
entry form for correction, and saving it there closes the task (``services.rt_review``).
Registered in ``gui.home.widget.HOME_BOXES``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.signals import Changes
from rentan_desktop.services import rt_review

SHOWN = 8  # lines visible at once; the list scrolls beyond


def open_correction(widget: QWidget, uuid: str) -> bool:
    """Open ``uuid`` in the entry form of ``widget``'s main window for correction."""
    window = widget.window()
    if "entry" not in getattr(window, "page_keys", lambda: [])():
        return False
    window.show_page("entry").edit(uuid)  # type: ignore[attr-defined]
    return True


class CorrectionTasks(QGroupBox):
    """Hidden while there is nothing to correct (or the user may not correct records)."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("rtCorrections")
        self.tasks: list[rt_review.CorrectionTask] = []
        self.list = QListWidget(self)
        self.list.setObjectName("rtCorrectionList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        self.button = QPushButton(self.tr("K&oreksi data ini"), self)
        self.button.clicked.connect(self.open_current)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        gui.signals.data_changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "registrant" and self.isVisibleTo(self.parentWidget()):
            self.refresh()

    def refresh(self) -> None:
        if not self.gui.can(Perm.REGISTRANT_EDIT):
            self.hide()
            return
        self.tasks = rt_review.open_corrections(self.gui.ctx, actor=self.gui.user)
        self.setVisible(bool(self.tasks))
        self.setTitle(
            self.tr("Perbaikan dari Ketua RT yang belum dikerjakan (%n)", "", len(self.tasks))
        )
        self.list.clear()
        for task in self.tasks:
            text = self.tr("%1 — daftar %2 baris %3: “%4”")
            for key, value in (
                ("%1", task.nama),
                ("%2", task.list_code),
                ("%3", str(task.row)),
                ("%4", task.correction),
            ):
                text = text.replace(key, value)
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, task.registrant_uuid)
        if self.tasks:
            self.list.setCurrentRow(0)
        rows = min(len(self.tasks), SHOWN)
        self.list.setFixedHeight(rows * (self.list.fontMetrics().height() * 2 + 6) + 8)

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            open_correction(self, str(item.data(Qt.ItemDataRole.UserRole)))


class _Holder(QWidget):
    """Keeps the list current each time the home screen is shown again."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = CorrectionTasks(gui, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tasks)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self.tasks.refresh()
        super().showEvent(event)


def build(gui: GuiContext, parent: QWidget) -> QWidget:
    """The home-box extension point: RT corrections waiting, shown only when there are some."""
    return _Holder(gui, parent)
