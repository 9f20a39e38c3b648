"""The entry form's editors: one per paper-form field, each with a uniform text interface.

Every editor exposes ``value() -> str``, ``set_value(str)`` and a ``changed`` notification so the
form, the draft keeper and the validator treat them alike. Validators restrict what a key can
produce (digits for NIK/KK/RT/RW/dates), so a wrong key never reaches the record.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from rentan_desktop.domain.identifiers import digits_of
from rentan_desktop.services.lookups import Choice


class UpperValidator(QValidator):
    """Upper-cases as the clerk types (KTP names are upper case); trimming happens on leaving."""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        return QValidator.State.Acceptable, text.upper(), pos


class IdentityValidator(QValidator):
    """NIK/KK as typed or pasted: separators (spaces, dots, hyphens) and Excel's leading apostrophe
    are dropped, the digits kept (domain ``identifiers.digits_of``). A letter is kept too, so the
    check can name it instead of the key silently doing nothing; more than ``length`` characters
    are refused, as a full field refuses a key."""

    def __init__(self, length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.length = length

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        kept = digits_of(text)
        if len(kept) > self.length:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, kept, min(len(digits_of(text[:pos])), len(kept))


class TextField(QLineEdit):
    """A single-line field; ``pattern`` limits the characters, ``upper`` upper-cases names."""

    changed = Signal()
    picked = Signal()  # a value offered in the list below was taken (see ``offer``)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        pattern: str = "",
        upper: bool = False,
        identity: bool = False,
        max_length: int = 0,
    ) -> None:
        super().__init__(parent)
        self.upper = upper
        if identity:
            # No maxLength: a pasted "6408 0141 0190 0001" is longer than its 16 digits.
            self.setValidator(IdentityValidator(max_length, self))
            max_length = 0
        elif upper:
            self.setValidator(UpperValidator(self))
        elif pattern:
            self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        if max_length:
            self.setMaxLength(max_length)
        self.textChanged.connect(self.changed)
        self.editingFinished.connect(self._tidy)

    def offer(self, values: Sequence[str]) -> None:
        """Offer ``values`` in a list below the field as the clerk types their start; Down and
        Enter take one and move on (``picked``). Typing the whole value works as before."""
        self.offered = QStringListModel(list(values), self)
        completer = QCompleter(self.offered, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(8)
        completer.activated.connect(self.setText)
        self.setCompleter(completer)
        # Enter while the list is open (an entry chosen or not) reaches the field directly, past
        # the form's key filter, after the chosen entry is set: it ends the field.
        self.returnPressed.connect(self.picked)

    def remember(self, value: str) -> None:
        """Put ``value`` (just saved) first in the offered list."""
        model = getattr(self, "offered", None)
        if model is None or not value:
            return
        values = [v for v in model.stringList() if v != value]
        model.setStringList([value, *values])

    def _tidy(self) -> None:
        # Names are stored trimmed with single spaces; do it visibly when the clerk leaves the field.
        tidy = " ".join(self.text().split())
        if tidy != self.text():
            self.setText(tidy)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)


class ChoiceField(QComboBox):
    """A fixed list (sex, occupation, funder); typing the first letters selects an entry."""

    changed = Signal()

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", "")
        for choice in choices:
            self.addItem(choice.label, choice.code)
        self.currentIndexChanged.connect(self.changed)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class DesaField(QLineEdit):
    """Type part of a desa name, pick it from the filtered list; the 10-digit code is stored.

    A typed 10-digit code is accepted as is, and an exact (case-insensitive) name also resolves.
    """

    changed = Signal()
    picked = Signal()

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_label = {c.label: c.code for c in choices}
        self._by_code = {c.code: c.label for c in choices}
        by_name: dict[str, list[str]] = {}
        for c in choices:
            by_name.setdefault(c.label.split(" — ")[0], []).append(c.code)
        self._by_name = {k: v[0] for k, v in by_name.items() if len(v) == 1}
        self._code = ""
        self.model = QStringListModel([c.label for c in choices], self)
        completer = QCompleter(self.model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self._on_activated)
        self.setCompleter(completer)
        self.textChanged.connect(self._resolve)
        self.editingFinished.connect(self._show_label)

    def _show_label(self) -> None:
        # "kelinjau ulu" typed and resolved: show the full label so the clerk sees which desa it is.
        label = self._by_code.get(self._code)
        if label and self.text() != label:
            self.setText(label)

    def _on_activated(self, label: str) -> None:
        self.setText(label)
        self.picked.emit()

    def _resolve(self, text: str) -> None:
        raw = text.strip()
        upper = raw.upper()
        code = self._by_label.get(raw) or self._by_name.get(upper) or ""
        if not code and raw.isdigit():
            code = raw
        if not code:
            code = next((c for lbl, c in self._by_label.items() if lbl.upper() == upper), "")
        if code != self._code or not code:
            self._code = code
        self.changed.emit()

    def value(self) -> str:
        """The chosen 10-digit code, or what was typed when it names no desa (validation says so)."""
        return self._code or self.text().strip()

    def label_for(self, code: str) -> str:
        return self._by_code.get(code, "")

    def set_value(self, value: str) -> None:
        self.setText(self._by_code.get(value, value))

    def choice_count(self) -> int:
        return self.model.rowCount()
