"""Keeping the form's draft: each field change written at once, and the offer to restore it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from rentan_desktop.domain import formatting
from rentan_desktop.services import drafts
from rentan_desktop.services.context import WITA, AppContext
from rentan_desktop.services.drafts import Draft
from rentan_desktop.storage.models import User


class DraftKeeper(QObject):
    """Writes each field change to the user's draft (one small transaction per change).

    Writes are synchronous on purpose: when ``field_changed`` returns, the keystroke is on disk,
    so killing the process (or a power cut) afterwards loses nothing.
    """

    def __init__(self, ctx: AppContext, user: User, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.paused = 0
        self.registrant_uuid: str | None = None
        self.writes = 0

    def field_changed(self, name: str, value: str) -> None:
        if self.paused:
            return
        drafts.save_field(
            self.ctx,
            actor=self.user,
            name=name,
            value=value,
            registrant_uuid=self.registrant_uuid,
        )
        self.writes += 1

    def replace(self, values: dict[str, str]) -> None:
        drafts.save(self.ctx, actor=self.user, data=values, registrant_uuid=self.registrant_uuid)
        self.writes += 1

    def discard(self) -> None:
        drafts.discard(self.ctx, actor=self.user)

    def pending(self) -> Draft | None:
        return drafts.load(self.ctx, actor=self.user)


class DraftBanner(QFrame):
    """ "There is unsaved work from …": restore it (Ctrl+R) or throw it away."""

    restore_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setStyleSheet(
            "QFrame#draftBanner { background: #e8f1fb; border: 1px solid #5b8fc7; border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Pulihkan (Ctrl+R)"), self)
        self.discard_button = QPushButton(self.tr("Bu&ang"), self)
        self.restore_button.clicked.connect(self.restore_requested)
        self.discard_button.clicked.connect(self.discard_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()

    def offer(self, draft: Draft, lang: str) -> None:
        when = ""
        if draft.updated_at is not None:
            local = draft.updated_at.astimezone(WITA)
            when = f"{formatting.tanggal(local.date(), lang)} {local:%H.%M}"
        who = draft.data.get("nama") or draft.data.get("nik") or ""
        self.text.setText(
            self.tr("Ada isian yang belum disimpan (%1, %2). Pulihkan untuk melanjutkan?")
            .replace("%1", who.strip() or self.tr("tanpa nama"))
            .replace("%2", when)
        )
        self.show()
