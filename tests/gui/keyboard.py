"""Keyboard checks shared by the GUI tests: Alt mnemonics within one window, screen fit."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)


def mnemonic(text: str) -> str | None:
    """The Alt letter of ``text`` ("&Simpan" -> "s"; "&&" is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.window() is window and widget.isVisible()


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt letter reachable in ``window`` as it is shown now, with what owns it.

    Hidden widgets (other pages of a stack, closed tabs' contents) hold no live shortcut, so only
    visible ones count; menu-bar titles and tab titles always do.
    """
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str, owner: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(owner)

    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for action in window.menuBar().actions():
            if action.isVisible():
                add(action.text(), f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), f"button {widget.text()!r} ({widget.objectName()})")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), f"label {widget.text()!r}")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), f"group {widget.title()!r}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), f"tab {widget.tabText(index)!r}")
    return dict(found)


def duplicated_mnemonics(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}
