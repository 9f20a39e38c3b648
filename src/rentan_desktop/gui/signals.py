"""App-level signals: the one way views learn that data changed after a commit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    """What a commit changed, so views refresh only what they show.

    Attributes:
        entity: table-level name: ``registrant``, ``user``, ``funder``, ``target``, ``setting``, ``office``.
        uuids: the changed records' uuids (or keys); empty means "many / unknown, reload all".
        action: the service verb, e.g. ``create``, ``update``, ``status``, ``import``.
    """

    entity: str
    uuids: tuple[str, ...] = ()
    action: str = ""


class AppSignals(QObject):
    """One instance per running app, created by the composition root and passed to every page."""

    data_changed = Signal(object)  # Changes
    language_changed = Signal(str)  # "id" / "en"; the app rebuilds the main window

    def emit_changed(self, entity: str, uuids: tuple[str, ...] = (), action: str = "") -> None:
        """Shorthand for ``data_changed.emit(Changes(...))``."""
        self.data_changed.emit(Changes(entity, tuple(uuids), action))
