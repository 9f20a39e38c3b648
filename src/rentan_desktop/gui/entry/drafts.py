"""Keeping the form's draft: each field change written at once, and the offer to restore it."""

from __future__ import annotations

import queue
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from sqlalchemy.exc import OperationalError

from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import drafts
from rentan_desktop.services.context import WITA, AppContext
from rentan_desktop.services.drafts import Draft
from rentan_desktop.services.errors import UserError, user_message
from rentan_desktop.storage.models import User


class DraftKeeper(QObject):
    """Writes each field change to the user's draft from a worker thread, in typing order.

    Normally every change is its own small transaction a few milliseconds after the key. The worker
    exists because the database has one writer: while an import or a backup holds it, changes queue
    up (and are then written together) instead of freezing the form under the clerk's fingers.
    ``flush()`` waits until everything typed so far is on disk.
    """

    failed = Signal(str)  # the sentence to show when a draft could not be written

    def __init__(self, ctx: AppContext, user: User, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.user = ctx, user
        self.registrant_uuid: str | None = None
        self.writes = 0  # transactions committed (tests read it)
        self._queue: queue.Queue[tuple[str, Any, str | None] | None] = queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._work, name="entry-draft", daemon=True)
        self._thread.start()
        jobs = self._queue  # the worker ends when the form goes (not via self, already half-gone)
        self.destroyed.connect(lambda: jobs.put(None))

    # -- called on the GUI thread ----------------------------------------------------------------

    def field_changed(self, name: str, value: str) -> None:
        self._put("field", {name: value})

    def replace(self, values: dict[str, str]) -> None:
        self._put("replace", dict(values))

    def discard(self) -> None:
        self._put("discard", None)

    def pending(self) -> Draft | None:
        self.flush()
        return drafts.load(self.ctx, actor=self.user)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued change is committed; False if the writer stayed busy too long."""
        return self._idle.wait(timeout)

    def _put(self, kind: str, payload: Any) -> None:
        self._idle.clear()
        self._queue.put((kind, payload, self.registrant_uuid))

    # -- the worker thread -----------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            batch = [item]
            while not self._queue.empty():  # take what piled up while the writer was busy
                batch.append(self._queue.get_nowait())
            stop = None in batch
            try:
                self._write([b for b in batch if b is not None])
            except (OperationalError, UserError, RoleRefused) as exc:
                text = user_message(exc) or issues.text("draft.not_saved", error=str(exc.args[0]))
                self.failed.emit(text)
            finally:
                if self._queue.empty():
                    self._idle.set()
            if stop:
                return

    def _write(self, batch: list[tuple[str, Any, str | None]]) -> None:
        fields: dict[str, str] = {}
        uuid: str | None = None
        for kind, payload, item_uuid in batch:
            if kind == "field" and (not fields or item_uuid == uuid):
                fields.update(payload)
                uuid = item_uuid
                continue
            self._save_fields(fields, uuid)
            fields, uuid = {}, item_uuid
            if kind == "field":
                fields.update(payload)
            elif kind == "replace":
                drafts.save(self.ctx, actor=self.user, data=payload, registrant_uuid=item_uuid)
                self.writes += 1
            else:
                drafts.discard(self.ctx, actor=self.user)
                self.writes += 1
        self._save_fields(fields, uuid)

    def _save_fields(self, fields: dict[str, str], uuid: str | None) -> None:
        if fields:
            drafts.save_fields(self.ctx, actor=self.user, values=fields, registrant_uuid=uuid)
            self.writes += 1


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


issues.define(
    "draft.not_saved",
    id="Isian sementara belum tersimpan ({error}); data tetap di layar, simpan seperti biasa.",
    en="The unsaved form could not be kept ({error}); it is still on screen, save it as usual.",
)
