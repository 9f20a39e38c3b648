"""The clerk's entry form, modelled on CSPro's operator-controlled heads-down keying.

Enter and Tab move forward in the paper form's order; Ctrl+S / Ctrl+Enter saves and starts the next
record with desa, RT, RW, pekerjaan and sumber dana carried forward. Errors sit beside their field;
the NIK panel shows what the NIK encodes and the duplicate check as soon as the digits are typed.
Every field change is written to the user's draft before the next key is handled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.registrant import REQUIRED, parse_date
from rentan_desktop.domain.roles import Perm
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry import form_spec
from rentan_desktop.gui.entry.drafts import DraftBanner, DraftKeeper
from rentan_desktop.gui.entry.fields import ChoiceField, DesaField, TextField
from rentan_desktop.gui.entry.nik_panel import ERROR_STYLE, WARNING_STYLE, NikPanel
from rentan_desktop.gui.entry.saving import Saver
from rentan_desktop.services import entry_check, registrants
from rentan_desktop.services import lookups as lookup
from rentan_desktop.services.errors import user_message
from rentan_desktop.services.lookups import Choice

HINT_STYLE = "color: #555;"
VALIDATE_DELAY_MS = 120  # re-check after a pause in typing, not on every key of a fast typist


class EntryForm(QWidget):
    """A registration form over the services; ``edit(uuid)`` turns it into a correction form."""

    saved = Signal(str)  # uuid of the record just saved
    open_registrant = Signal(str)

    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.lang = gui.ctx.language
        self.uuid: str | None = None  # the record being corrected; None for a new entry
        self.version: int | None = None
        self.touched: set[str] = set()
        self.submitted = False
        self.exact: entry_check.ExistingRecord | None = None
        self.carry: dict[str, str] = {}
        self.from_nik: dict[str, str] = {}  # fields the NIK filled, with the value it put there
        self.keeper = DraftKeeper(gui.ctx, gui.user, self)
        self.keeper.failed.connect(lambda text: self.show_status(text, error=True))
        self.saver = Saver(self)
        self.editors: dict[str, TextField | ChoiceField | DesaField] = {}
        self.messages: dict[str, QLabel] = {}
        self._loading = 0
        self._nik_dirty = False
        self.busy = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.revalidate)
        self._build()
        self._load_carry()
        self.offer_draft()

    # -- building ------------------------------------------------------------------------------

    def _choices(self, name: str) -> list[Choice]:
        if name == "jenis_kelamin":
            return [Choice("L", self.tr("L — Laki-laki")), Choice("P", self.tr("P — Perempuan"))]
        if name == "pekerjaan_kode":
            return lookup.pekerjaan_choices(self.gui.ctx)
        return lookup.funder_choices(self.gui.ctx)

    def _make_editor(self, spec: form_spec.FieldSpec) -> TextField | ChoiceField | DesaField:
        if spec.kind == "choice":
            return ChoiceField(self._choices(spec.name), self)
        if spec.kind == "desa":
            editor = DesaField(lookup.desa_choices(self.gui.ctx), self)
            editor.setPlaceholderText(self.tr("ketik sebagian nama desa"))
            editor.picked.connect(self.focus_next)
            return editor
        field = TextField(
            self,
            pattern=spec.pattern,
            upper=spec.kind == "upper",
            identity=spec.kind == "identity",
            max_length=spec.max_length,
        )
        if spec.name == "tempat_lahir":
            field.offer(lookup.birthplace_choices(self.gui.ctx))
            field.picked.connect(self.focus_next)
        return field

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.banner = DraftBanner(self)
        self.banner.restore_requested.connect(self.restore_draft)
        self.banner.discard_requested.connect(self.discard_draft)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        for row, spec in enumerate(form_spec.FIELDS):
            editor = self._make_editor(spec)
            editor.setObjectName(f"field_{spec.name}")
            text = QCoreApplication.translate(form_spec.CONTEXT, spec.label)
            label = QLabel(text + (" *" if spec.name in REQUIRED else ""), self)
            label.setBuddy(editor)
            message = QLabel(self)
            message.setObjectName(f"message_{spec.name}")
            message.setWordWrap(True)
            message.setMinimumWidth(240)  # narrow enough for a 1280 px screen (a test checks)
            self.editors[spec.name] = editor
            self.messages[spec.name] = message
            editor.installEventFilter(self)
            editor.changed.connect(lambda name=spec.name: self._field_changed(name))
            grid.addWidget(label, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(message, row, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        self.editors["penghasilan"].setPlaceholderText("1000000")  # type: ignore[union-attr]

        self.panel = NikPanel(
            can_dismiss=self.gui.can(Perm.DUPLICATE_DECIDE),
            full_nik=self.gui.can(Perm.VIEW_FULL_NIK),
            parent=self,
        )
        self.panel.setMinimumWidth(280)
        self.panel.open_registrant.connect(self.open_registrant)
        self.panel.dismiss_requested.connect(self.saver.dismiss)

        self.save_button = QPushButton(self.tr("&Simpan dan entri berikutnya (Ctrl+S)"), self)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("&Kosongkan (Ctrl+Shift+N)"), self)
        self.clear_button.clicked.connect(self.new_record)
        self.legend = QLabel(self.tr("* wajib diisi"), self)
        self.legend.setStyleSheet(HINT_STYLE)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("entryStatus")

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.legend)
        body = QHBoxLayout()
        body.addLayout(grid, 3)
        body.addWidget(self.panel, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(body)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

        order = [self.editors[name] for name in form_spec.NAMES] + [
            self.save_button,
            self.clear_button,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._shortcut("Ctrl+S", self.save)
        self._shortcut("Ctrl+Return", self.save)
        self._shortcut("Ctrl+Enter", self.save)
        self._shortcut("Ctrl+Shift+N", self.new_record)
        self._shortcut("Ctrl+R", self.restore_draft)
        self._shortcut("Ctrl+O", self._open_exact)
        self._set_title()

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)  # type: ignore[arg-type]

    def _set_title(self) -> None:
        if self.uuid:
            self.title.setText(self.tr("Koreksi data pendaftar"))
        else:
            self.title.setText(self.tr("Entri pendaftar baru"))

    # -- keyboard ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if event.reason() != Qt.FocusReason.PopupFocusReason:
                name = next((n for n, e in self.editors.items() if e is watched), None)
                if name and not self._loading:
                    self.touched.add(name)
                    self.revalidate()  # the clerk looks at the field just left: answer at once
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.editors["notes"]:
                    self.save()  # Enter on the last field ends the record, as in CSPro
                else:
                    self.focus_next()
                return True
        return super().eventFilter(watched, event)

    def focus_next(self) -> None:
        current = self.focusWidget()
        names = list(form_spec.NAMES)
        for index, name in enumerate(names):
            if self.editors[name] is current and index + 1 < len(names):
                self.editors[names[index + 1]].setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.focusNextChild()

    # -- values --------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_values(self, values: dict[str, str]) -> None:
        self._loading += 1
        try:
            for name, editor in self.editors.items():
                editor.set_value(values.get(name, ""))
        finally:
            self._loading -= 1
        self._nik_dirty = True
        self.revalidate()

    def _field_changed(self, name: str) -> None:
        if self._loading:
            return
        if self.banner.isVisible():
            # Typing instead of restoring starts afresh; the old draft gives way to the new one.
            self.banner.hide()
            self.keeper.replace(self.values())
        else:
            self.keeper.field_changed(name, self.editors[name].value())
        if self.editors[name].hasFocus():
            self.touched.discard(name)  # typing again: its finding waits until the field is left
        if name in self.from_nik and self.editors[name].value() != self.from_nik[name]:
            del self.from_nik[name]  # the clerk overrode what the NIK gave
        if name in ("nik", "tanggal_lahir", "jenis_kelamin", "nama", "desa_kode"):
            self._nik_dirty = True  # looked up after a pause in typing, with the other checks
        self._timer.start()

    # -- checking ------------------------------------------------------------------------------

    def _fillable(self) -> list[str]:
        """The fields the NIK may fill: empty, or still holding what an earlier NIK put there."""
        values = self.values()
        return [
            name
            for name in entry_check.FROM_NIK
            if not values[name] or self.from_nik.get(name) == values[name]
        ]

    def _fill_from_nik(self, filled: dict[str, str]) -> None:
        """Put what a valid NIK encodes into the birth date and sex fields the clerk left to it;
        the clerk confirms with Enter or types over it. A NIK no longer valid takes its own values
        back; a value the clerk typed stays (a mismatch is a warning, never overwritten)."""
        for name, value in filled.items():
            if not value:
                if name in self.from_nik:
                    self._set_quietly(name, "")
                    del self.from_nik[name]
                continue
            if self.editors[name].value() != value:
                self._set_quietly(name, value)
            self.from_nik[name] = value

    def _set_quietly(self, name: str, value: str) -> None:
        self._loading += 1
        try:
            self.editors[name].set_value(value)
        finally:
            self._loading -= 1
        self.keeper.field_changed(name, value)

    def revalidate(self, *, refresh_nik: bool = False) -> registrants.CheckResult:
        """Check the whole form with one service call and put each finding beside its field and
        the NIK's answers (origin, the holder of this year's registration, possible duplicates)
        in the panel. ``refresh_nik`` lets the NIK fill its fields even when it did not change."""
        self._timer.stop()
        fill = self._fillable() if self._nik_dirty or refresh_nik else []
        self._nik_dirty = False
        answer = entry_check.check_typing(
            self.gui.ctx,
            actor=self.gui.user,
            data=form_spec.to_input(self.values()),
            uuid=self.uuid,
            fill=fill,
        )
        self._fill_from_nik(answer.filled)
        result = answer.result
        self.exact = answer.exact
        self.panel.show_origin(answer.origin, self.lang)
        self.panel.show_exact(self.exact, answer.periode)
        self.panel.show_possible(
            [m for m in result.possible if m.other.key not in self.saver.dismissed], self.lang
        )
        found = result.found
        by_field: dict[str, list[issues.Issue]] = {}
        for issue in found:
            by_field.setdefault(issue.field or "", []).append(issue)
        values = self.values()
        for name, label in self.messages.items():
            mine = by_field.get(name, [])
            errors = [i for i in mine if i.is_error]
            # Findings appear once the clerk has left the field (or tried to save), never while
            # the field is being typed in; an emptied form shows none.
            shown = self.submitted or name in self.touched
            if name == "nik":
                shown = shown or len(values["nik"]) == 16 or self.exact is not None
            if errors and shown:
                label.setStyleSheet(ERROR_STYLE)
                label.setText(errors[0].message(self.lang))
            elif mine and not errors and shown and name != "nik":
                label.setStyleSheet(WARNING_STYLE)
                label.setText("⚠ " + mine[0].message(self.lang))
            else:
                label.setStyleSheet(HINT_STYLE)
                label.setText(self._hint(name, values[name]))
        return result

    def _hint(self, name: str, value: str) -> str:
        from_nik = self.tr(" (dari NIK, periksa dengan formulir)")
        if name == "tanggal_lahir" and (day := parse_date(value)) is not None and len(value) == 8:
            return formatting.tanggal(day, self.lang) + (from_nik if name in self.from_nik else "")
        if name == "jenis_kelamin" and value and name in self.from_nik:
            return from_nik.strip()
        if name == "desa_kode" and value:
            return self.editors["desa_kode"].label_for(value)  # type: ignore[union-attr]
        if name == "penghasilan":
            return (
                formatting.rupiah(int(value)) if value.isdigit() else formatting.rupiah(1_000_000)
            )
        return ""

    def field_message(self, name: str) -> str:
        return self.messages[name].text()

    # -- saving, drafts and navigation -----------------------------------------------------------

    def save(self) -> bool:
        """Save the record (Ctrl+S); on success start the next one with the carried fields."""
        if self.busy:
            return False  # a save is already waiting for the database
        return self.saver.save()

    def _load_carry(self) -> None:
        from rentan_desktop.services import drafts

        self.carry = drafts.load_carry(self.gui.ctx, actor=self.gui.user)
        if not self.carry.get("sumber_dana_id"):
            funder = lookup.default_funder(self.gui.ctx)
            if funder:
                self.carry["sumber_dana_id"] = funder  # one funder: nothing to choose
        self.set_values(dict(self.carry))

    def new_record(self) -> None:
        """Empty the form for the next registration, keeping the carried-forward fields."""
        self.uuid, self.version = None, None
        self.keeper.registrant_uuid = None
        self.touched.clear()
        self.submitted = False
        self.from_nik.clear()
        self.saver.reset()
        self.status.clear()
        self.set_values(dict(self.carry))
        self.keeper.discard()
        self._set_title()
        self.editors["nik"].setFocus(Qt.FocusReason.OtherFocusReason)
        if self.touched:  # the focus just left a field of the old record: nothing to say about it
            self.touched.clear()
            self.revalidate()

    def edit(self, uuid: str) -> None:
        """Load a stored record for correction."""
        row = lookup.load_record(self.gui.ctx, actor=self.gui.user, uuid=uuid)
        self.uuid, self.version = row.uuid, row.version
        self.keeper.registrant_uuid = row.uuid
        self.saver.reset()
        self.from_nik.clear()
        self.banner.hide()
        self.touched = set(form_spec.NAMES)
        self.set_values(form_spec.from_record(row))
        self.keeper.replace(self.values())
        self._set_title()
        self.status.clear()
        from rentan_desktop.services import rt_review

        task = rt_review.correction_for(self.gui.ctx, actor=self.gui.user, uuid=uuid)
        if task is not None:  # opened from an RT head's "5 Perbaikan": say what to correct
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(
                self.tr(
                    "Perbaikan yang diminta Ketua RT (daftar %1, baris %2): “%3”. Simpan "
                    "setelah dikoreksi; tugasnya selesai."
                )
                .replace("%1", task.list_code)
                .replace("%2", str(task.row))
                .replace("%3", task.correction)
            )
        self.editors["nama"].setFocus(Qt.FocusReason.OtherFocusReason)

    def offer_draft(self) -> None:
        draft = self.keeper.pending()
        if draft is not None:
            self.banner.offer(draft, self.lang)
            QTimer.singleShot(0, self.banner.restore_button.setFocus)

    def restore_draft(self) -> None:
        draft = self.keeper.pending()
        self.banner.hide()
        if draft is None:
            return
        if draft.registrant_uuid:
            try:
                self.edit(draft.registrant_uuid)
            except Exception as exc:  # noqa: BLE001 - a vanished record: keep the typed text
                if user_message(exc) is None:
                    raise
        self.set_values({**self.values(), **draft.data})
        self.keeper.replace(self.values())
        self.touched = {n for n, v in draft.data.items() if v}
        self.revalidate()
        self.editors["nik"].setFocus(Qt.FocusReason.OtherFocusReason)

    def discard_draft(self) -> None:
        self.banner.hide()
        self.keeper.discard()
        self.editors["nik"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_exact(self) -> None:
        if self.exact is not None:
            self.open_registrant.emit(self.exact.uuid)

    def set_busy(self, busy: bool) -> None:
        """Lock the form while a save waits for the database (nothing typed then could be kept)."""
        self.busy = busy
        if busy:
            focused = QApplication.focusWidget()
            editors = list(self.editors.values())
            self._focus_before_busy = focused if focused in editors else None
        for widget in (*self.editors.values(), self.save_button, self.clear_button, self.panel):
            widget.setEnabled(not busy)
        if not busy:
            # Disabling the fields took the keyboard focus away: give it back, so Ctrl+S (a
            # retry) and typing work again without the mouse.
            back = getattr(self, "_focus_before_busy", None) or self.editors["nik"]
            if back.isEnabled() and self.isVisible():
                back.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.status.setText(text)

    def page_shown(self) -> None:
        if not self.banner.isVisible():
            self.editors["nik"].setFocus(Qt.FocusReason.OtherFocusReason)

    def can_leave(self) -> bool:
        return True  # the draft keeps everything typed; nothing is lost by leaving
