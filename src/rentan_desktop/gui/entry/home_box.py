"""A note on the home screen when the clerk left an entry unsaved (after a crash or a power cut).

The app opens on the home screen; without this the draft would be offered only once the clerk
happens to open the entry page. Registered in ``gui.home.widget.HOME_BOXES``.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from rentan_desktop.domain import formatting
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.services import drafts
from rentan_desktop.services.context import WITA


class DraftNotice(QFrame):
    """Hidden unless the logged-in user has an unsaved entry; one button continues it."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.setObjectName("draftNotice")
        self.setStyleSheet(
            "QFrame#draftNotice { background: #e8f1fb; border: 1px solid #5b8fc7; border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Lanjutkan &entri"), self)
        self.button.clicked.connect(self.open_entry)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.refresh()

    def refresh(self) -> None:
        draft = drafts.load(self.gui.ctx, actor=self.gui.user)
        self.setVisible(draft is not None)
        if draft is None:
            return
        when = ""
        if draft.updated_at is not None:
            local = draft.updated_at.astimezone(WITA)
            when = f"{formatting.tanggal(local.date(), self.gui.lang)} {local:%H.%M}"
        who = (draft.data.get("nama") or draft.data.get("nik") or "").strip()
        self.text.setText(
            self.tr("Ada entri yang belum disimpan (%1, %2); isiannya aman dan bisa dilanjutkan.")
            .replace("%1", who or self.tr("tanpa nama"))
            .replace("%2", when)
        )

    def open_entry(self) -> None:
        window = self.window()
        if "entry" in getattr(window, "page_keys", lambda: [])():
            window.show_page("entry")  # type: ignore[attr-defined]


class _Holder(QWidget):
    """Keeps the notice current each time the home screen is shown again."""

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = DraftNotice(gui, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self.notice.refresh()
        super().showEvent(event)


def build(gui: GuiContext, parent: QWidget) -> QWidget:
    """The home-box extension point: a notice shown only while an entry draft is waiting."""
    return _Holder(gui, parent)
