"""Saving the entry form and recording a supervisor's "not the same person" decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.gui.entry import form_spec
from rentan_desktop.gui.entry.fields import TextField
from rentan_desktop.gui.jobs import JobRunner
from rentan_desktop.services import drafts, registrants
from rentan_desktop.services.errors import UserError, ValidationFailed, busy_message
from rentan_desktop.storage.db import Database


def writer_busy(db: Database, patience_s: float = 0.3) -> bool:
    """Whether another thread holds the database's one writer for longer than a draft write does.

    The draft worker takes the writer for a few milliseconds per keystroke; only a long holder (an
    import, a backup) makes the save wait in the background.
    """
    return db.writer_busy(patience_s)  # also another process: the save then waits off this thread


if TYPE_CHECKING:
    from rentan_desktop.gui.entry.widget import EntryForm


class Saver(QObject):
    """The form's save and dismiss actions; keeps pending dismissals for a record not yet saved."""

    def __init__(self, form: EntryForm) -> None:
        super().__init__(form)
        self.form = form
        self.dismissed: set[str] = set()  # candidates no longer listed
        self.pending: dict[str, str] = {}  # other uuid -> reason, recorded once a new record saves
        # A private runner: a waiting save must not take over the status bar's progress widget.
        self.jobs = JobRunner(self, max_threads=1)

    def reset(self) -> None:
        self.dismissed.clear()
        self.pending.clear()

    def save(self) -> bool:
        form = self.form
        gui = form.gui
        form.submitted = True
        result = form.revalidate(refresh_nik=True)
        if form.exact is not None or not result.can_save:
            self._show_refusal(result)
            return False
        question = registrants.save_question(gui.user, result, lang=form.lang, skip=self.dismissed)
        if question is not None and not self.confirm(question):
            form.show_status(
                self.tr("Belum disimpan: periksa kemungkinan data ganda di panel kanan."),
                error=True,
            )
            return False
        data = form_spec.to_input(form.values())
        uuid, version = form.uuid, form.version

        def write() -> registrants.SaveResult:
            if uuid:
                return registrants.update(
                    gui.ctx, actor=gui.user, uuid=uuid, data=data, expected_version=version
                )
            return registrants.create(gui.ctx, actor=gui.user, data=data)

        if writer_busy(gui.ctx.db):
            # An import or a backup holds the one writer: wait for it off the GUI thread, with the
            # form locked so nothing typed meanwhile is lost when the saved record is cleared.
            form.set_busy(True)
            form.show_status(
                self.tr(
                    "Menunggu proses lain (misalnya impor) selesai memakai database; data akan disimpan…"
                )
            )
            self.jobs.start(
                lambda _control: write(),
                on_success=self._saved,
                on_error=self._failed,
                retry_when_busy=False,
            )  # the form says so and keeps what was typed
            return True
        try:
            saved = write()
        except Exception as exc:
            if not isinstance(exc, (UserError, RoleRefused)) and busy_message(exc) is None:
                raise  # a bug: the app's crash handler shows it
            self._failed(exc)
            return False
        self._saved(saved)
        return True

    def confirm(self, question: str) -> bool:
        """Ask the service's duplicate question; only an explicit "save" answer saves."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Kemungkinan data ganda"),
            question,
            QMessageBox.StandardButton.NoButton,
            self.form,
        )
        box.setObjectName("duplicateQuestion")
        save = box.addButton(
            self.tr("Simpan sebagai orang berbeda"), QMessageBox.ButtonRole.AcceptRole
        )
        back = box.addButton(
            self.tr("Jangan simpan, periksa dulu"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        before = QApplication.focusWidget()
        box.exec()
        # Back to where the clerk was (the window manager may not give the focus back by itself).
        self.form.activateWindow()
        (
            before if before is not None and before.isVisible() else self.form.editors["nik"]
        ).setFocus(Qt.FocusReason.OtherFocusReason)
        return box.clickedButton() is save

    def _failed(self, exc: BaseException) -> None:
        form = self.form
        form.set_busy(False)
        busy = busy_message(exc, form.lang)
        if busy is not None:  # another process kept the database: nothing saved, nothing lost
            form.show_status(
                busy + " " + self.tr("Isian tetap di formulir; tekan Ctrl+S untuk mencoba lagi."),
                error=True,
            )
            return
        if not isinstance(exc, (UserError, RoleRefused)):
            raise exc  # a bug: the app's crash handler shows it
        if isinstance(exc, ValidationFailed):
            form.revalidate()
        form.show_status(exc.message(form.lang), error=True)

    def _saved(self, saved: registrants.SaveResult) -> None:
        form = self.form
        gui = form.gui
        form.set_busy(False)
        row = saved.registrant
        self._apply_dismissals(row.uuid)
        gui.signals.emit_changed("registrant", (row.uuid,), "create" if saved.created else "update")
        place = form.editors["tempat_lahir"]
        if isinstance(place, TextField):
            place.remember(row.tempat_lahir)
        if saved.created:
            form.carry = {k: form.values()[k] for k in form_spec.CARRY}
            drafts.save_carry(gui.ctx, actor=gui.user, values=form.carry)
        form.new_record()
        shown = row.nik if form.panel.full_nik else formatting.mask_nik(row.nik)
        text = (
            self.tr("Tersimpan: %1 (NIK %2). Silakan entri berikutnya.")
            if saved.created
            else self.tr("Perubahan tersimpan: %1 (NIK %2).")
        )
        warn = ""
        if saved.possible:
            warn = " " + self.tr(
                "Perhatian: ada %n kemungkinan data ganda.", "", len(saved.possible)
            )
        form.show_status(text.replace("%1", row.nama).replace("%2", shown) + warn)
        form.saved.emit(row.uuid)

    def _show_refusal(self, result: registrants.CheckResult) -> None:
        form = self.form
        errors = [i for i in result.found if i.is_error and i.code != "dup.exact"]
        if form.exact is not None:
            form.show_status(self.tr("NIK ini sudah terdaftar; data tidak disimpan."), error=True)
            form.editors["nik"].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        count = len(errors)
        form.show_status(
            issues.text("validation.many", form.lang, count=count)
            + " "
            + self.tr("Perbaiki isian yang bertanda merah."),
            error=True,
        )
        first = next(
            (n for n in form_spec.NAMES if any(e.field == n for e in errors)),
            "nik",
        )
        form.editors[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self, other_uuid: str, reason: str) -> None:
        """A supervisor marks a listed candidate as a different person (a reason is required)."""
        form = self.form
        if not reason.strip():
            form.show_status(issues.text("dismiss.reason", form.lang), error=True)
            form.panel.dismiss_reason.setFocus()
            return
        if form.uuid:
            try:
                registrants.dismiss_duplicate(
                    form.gui.ctx,
                    actor=form.gui.user,
                    uuid_a=form.uuid,
                    uuid_b=other_uuid,
                    reason=reason,
                )
            except (UserError, RoleRefused) as exc:
                form.show_status(exc.message(form.lang), error=True)
                return
        else:
            self.pending[other_uuid] = reason.strip()
        self.dismissed.add(other_uuid)
        form.panel.remove_match(other_uuid)
        form.show_status(self.tr("Ditandai sebagai orang yang berbeda."))

    def _apply_dismissals(self, uuid: str) -> None:
        form = self.form
        for other, reason in self.pending.items():
            try:
                registrants.dismiss_duplicate(
                    form.gui.ctx, actor=form.gui.user, uuid_a=uuid, uuid_b=other, reason=reason
                )
            except (UserError, RoleRefused) as exc:
                form.show_status(exc.message(form.lang), error=True)
        self.pending.clear()
