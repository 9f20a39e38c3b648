"""The pages the main window lists, in order. Adding a page is a one-line edit of PAGE_MODULES.

Each module named here exposes ``PAGE = PageSpec(...)``. Example::

    from PySide6.QtCore import QT_TRANSLATE_NOOP
    from rentan_desktop.gui.pages import PageSpec

    PAGE = PageSpec(
        key="entry",
        title=QT_TRANSLATE_NOOP("pages", "&Entri data"),
        factory=lambda gui: EntryPage(gui),
        shortcut="Ctrl+2",
    )

The title is a source string in the ``pages`` translation context (wrap it in
``QT_TRANSLATE_NOOP("pages", ...)`` so lupdate finds it); the main window translates it.
The widget may define ``page_shown()`` (called each time the page is shown) and
``can_leave() -> bool`` (asked before logout / language switch / close).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rentan_desktop.domain.roles import Perm

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from rentan_desktop.gui.context import GuiContext

PAGE_MODULES: list[str] = [
    "rentan_desktop.gui.home.page",
    "rentan_desktop.gui.entry.page",
    "rentan_desktop.gui.registrants.page",
    "rentan_desktop.gui.template_import.page",
    "rentan_desktop.gui.settings.page",
    "rentan_desktop.gui.batches.page",
    "rentan_desktop.gui.receipts.page",
    "rentan_desktop.gui.rt_results.page",
    "rentan_desktop.gui.printing.page",
    "rentan_desktop.gui.card_verify.page",
    "rentan_desktop.gui.conflicts.page",
    "rentan_desktop.gui.keys.page",
    "rentan_desktop.gui.backups.page",
    "rentan_desktop.gui.audit.page",
    "rentan_desktop.gui.legacy.page",
    "rentan_desktop.gui.dedupe.page",
    "rentan_desktop.gui.quality.page",
    "rentan_desktop.gui.master_data.page",
    "rentan_desktop.gui.keying.page",
]


@dataclass(frozen=True)
class PageSpec:
    """One entry of the left navigation.

    Attributes:
        key: stable identifier (``home``, ``entry``, ``list``...), used by ``MainWindow.show_page``.
        title: Indonesian source text in the ``pages`` context; may contain a ``&`` mnemonic.
        factory: builds the page widget; called once, the first time the page is shown.
        shortcut: key sequence that opens the page, e.g. ``"Ctrl+1"`` (empty for none).
        perm: the page is listed only for roles granted this permission.
        order: position in the navigation (lower first); ties keep PAGE_MODULES order.
    """

    key: str
    title: str
    factory: Callable[[GuiContext], QWidget]
    shortcut: str = ""
    perm: Perm | None = None
    order: int = 100


def load_pages(modules: list[str] | None = None) -> list[PageSpec]:
    """Import each page module and return their specs in navigation order."""
    specs = [importlib.import_module(name).PAGE for name in (modules or PAGE_MODULES)]
    indexed = sorted(enumerate(specs), key=lambda pair: (pair[1].order, pair[0]))
    return [spec for _, spec in indexed]
