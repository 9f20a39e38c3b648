"""Second keying, blind: the operator picks a sampled paper form by its number (EG-…) and types
it again. Nothing of the first keying is shown — not even a duplicate warning, which would name it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rentan_desktop.domain.registrant import REQUIRED
from rentan_desktop.gui import page_widgets
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.entry import form_spec
from rentan_desktop.gui.entry.fields import ChoiceField, DesaField, TextField
from rentan_desktop.gui.jobs import Job
from rentan_desktop.gui.keying.samples import when
from rentan_desktop.gui.signals import Changes

if TYPE_CHECKING:
    from rentan_desktop.services.double_keying import KeyingOutcome, PendingForm
    from rentan_desktop.services.lookups import Choice

FIELDS = tuple(f for f in form_spec.FIELDS if f.name != "notes")  # notes are not on the paper
ERROR_STYLE = "color: #b00020;"


class RekeyTab(QWidget):
    def __init__(self, gui: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gui = gui
        self.job: Job | None = None
        self.pending: list[PendingForm] = []
        self.editors: dict[str, TextField | ChoiceField | DesaField] = {}
        self.item_id: int | None = None
        self._stale = True

        intro = QLabel(
            self.tr(
                "Formulir kertas yang diambil supervisor untuk diketik ulang. Pilih nomor yang "
                "tertulis di kertas (EG-…), lalu ketik seluruh isinya. Entri pertama tidak "
                "ditampilkan; formulir yang Anda entri sendiri tidak muncul di sini."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = page_widgets.row_table(
            self,
            "pendingForms",
            [self.tr("No. formulir"), self.tr("Desa"), self.tr("Dientri pertama")],
        )
        self.table.itemSelectionChanged.connect(self._picked)
        self.table.activated.connect(lambda _i: self._focus_first())
        self.empty = QLabel(self.tr("Tidak ada formulir yang menunggu entri ulang."), self)
        self.empty.setObjectName("noPendingForms")
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)

        self.form_box = QGroupBox(self.tr("Pilih formulir di kiri"), self)
        self.form_box.setObjectName("rekeyForm")
        self.grid = QGridLayout(self.form_box)
        self.grid.setVerticalSpacing(3)
        self.save_button = QPushButton(self.tr("&Simpan entri ulang (Ctrl+S)"), self)
        self.save_button.setObjectName("saveRekey")
        self.save_button.clicked.connect(lambda: self.save())
        self.save_button.setEnabled(False)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.save())
        self.message = QLabel(self)
        self.message.setObjectName("rekeyMessage")
        self.message.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.form_box, 1)
        right.addWidget(self.message)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        gui.signals.data_changed.connect(self._on_changed)

    # -- loading -------------------------------------------------------------------------------

    def tab_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.entity == "double_key":
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> Job | None:
        from rentan_desktop.services import double_keying, lookups

        if self.job is not None and self.job.running:
            return None
        ctx, user = self.gui.ctx, self.gui.user
        need_choices = not self.editors

        def work(c: Any) -> tuple[list[PendingForm], dict[str, list[Choice]] | None]:
            pending = double_keying.pending_for(ctx, actor=user)
            if not need_choices:
                return pending, None
            return pending, {
                "desa_kode": lookups.desa_choices(ctx),
                "pekerjaan_kode": lookups.pekerjaan_choices(ctx),
                "sumber_dana_id": lookups.funder_choices(ctx),
            }

        self._stale = False
        self.job = self.gui.jobs.start(
            work, title=self.tr("Memuat formulir entri ulang…"), on_success=self._loaded
        )
        return self.job

    def _loaded(self, done: tuple[list[PendingForm], dict[str, list[Choice]] | None]) -> None:
        from rentan_desktop.services import double_keying

        pending, choices = done
        if choices is not None:
            self._build_form(choices)
        self.pending = pending
        self.table.setRowCount(len(pending))
        for r, form in enumerate(pending):
            for c, text in enumerate(
                (double_keying.form_number(form.id), form.desa, when(form.first_keyed_at))
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.empty.setVisible(not pending)
        if self.item_id not in {p.id for p in pending}:
            self.item_id = None
            self._set_form_enabled(False)
        if pending and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _build_form(self, choices: dict[str, list[Choice]]) -> None:
        sex = [
            _choice("L", self.tr("L — Laki-laki")),
            _choice("P", self.tr("P — Perempuan")),
        ]
        for row, spec in enumerate(FIELDS):
            editor: TextField | ChoiceField | DesaField
            if spec.kind == "desa":
                editor = DesaField(choices["desa_kode"], self.form_box)
                editor.setPlaceholderText(self.tr("ketik sebagian nama desa"))
            elif spec.kind == "choice":
                options = sex if spec.name == "jenis_kelamin" else choices[spec.name]
                editor = ChoiceField(options, self.form_box)
            else:
                editor = TextField(
                    self.form_box,
                    pattern=spec.pattern,
                    upper=spec.kind == "upper",
                    max_length=spec.max_length,
                )
            editor.setObjectName(f"rekey_{spec.name}")
            text = QCoreApplication.translate(form_spec.CONTEXT, spec.label)
            label = QLabel(text + (" *" if spec.name in REQUIRED else ""), self.form_box)
            label.setBuddy(editor)
            editor.installEventFilter(self)
            self.editors[spec.name] = editor
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(editor, row, 1)
            label.show()  # built after the tab was shown: Qt would only show them on a later turn
            editor.show()
        self.grid.setColumnStretch(1, 1)
        self._set_form_enabled(False)

    # -- keying --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Heads-down keying as on the entry form: Enter goes to the next field, and on the last
        # one saves (the desa list's own Enter picks the desa first, as there).
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                names = [f.name for f in FIELDS]
                at = next((i for i, n in enumerate(names) if self.editors.get(n) is watched), None)
                if at is not None:
                    if at + 1 < len(names):
                        self.editors[names[at + 1]].setFocus(Qt.FocusReason.TabFocusReason)
                    else:
                        self.save()
                    return True
        return super().eventFilter(watched, event)

    def _set_form_enabled(self, on: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(on)
        self.save_button.setEnabled(on)

    def _picked(self) -> None:
        from rentan_desktop.services import double_keying

        r = self.table.currentRow()
        if not 0 <= r < len(self.pending):
            return
        item_id = self.pending[r].id
        if item_id != self.item_id:
            self.item_id = item_id
            self.clear()
        self.form_box.setTitle(
            self.tr("Formulir {form} — desa {desa}").format(
                form=double_keying.form_number(item_id), desa=self.pending[r].desa
            )
        )
        self._set_form_enabled(True)

    def _focus_first(self) -> None:
        if self.editors and self.item_id is not None:
            self.editors[FIELDS[0].name].setFocus()

    def clear(self) -> None:
        for name, editor in self.editors.items():
            if isinstance(editor, ChoiceField) and name == "sumber_dana_id" and editor.count() == 2:
                editor.setCurrentIndex(1)  # one funder: nothing to choose
            else:
                editor.set_value("")

    def values(self) -> dict[str, str]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def save(self) -> Job | None:
        from rentan_desktop.services import double_keying

        if self.item_id is None:
            return None
        if self.job is not None and self.job.running:  # the list is reloading: save right after
            self.job.finished.connect(self.save, Qt.ConnectionType.SingleShotConnection)
            return self.job
        ctx, user, item_id = self.gui.ctx, self.gui.user, self.item_id
        data = form_spec.to_input(self.values())
        self.save_button.setEnabled(False)
        self.job = self.gui.jobs.start(
            lambda c: double_keying.submit(ctx, actor=user, item_id=item_id, data=data),
            title=self.tr("Membandingkan dengan entri pertama…"),
            on_success=self._saved,
            on_error=self._refused,
        )
        self.job.finished.connect(lambda: self.save_button.setEnabled(self.item_id is not None))
        return self.job

    def _refused(self, exc: BaseException) -> None:
        from rentan_desktop.gui.errors import show_error, user_text

        text = user_text(exc)
        if text is None:
            show_error(self, exc)
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def _saved(self, outcome: KeyingOutcome) -> None:
        from rentan_desktop.services import double_keying

        form = double_keying.form_number(outcome.item_id)
        self.message.setStyleSheet("")
        if outcome.differing:
            self.message.setText(
                self.tr(
                    "{form} tersimpan: {n} ruas berbeda dengan entri pertama; supervisor akan "
                    "memeriksa kertasnya."
                ).format(form=form, n=len(outcome.differing))
            )
        else:
            self.message.setText(
                self.tr("{form} tersimpan: cocok dengan entri pertama.").format(form=form)
            )
        self.item_id = None
        self.clear()
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self._stale = True
        self.gui.signals.emit_changed("double_key", (), "enter")  # reloads this list too
        if self._stale:
            self.reload()


def _choice(code: str, label: str) -> Choice:
    from rentan_desktop.services.lookups import Choice

    return Choice(code, label)
