"""Tab order helpers: Tab walks a page in reading order, whatever order its widgets were built in."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def chain(*widgets: QWidget) -> None:
    """Make Tab go through ``widgets`` in the order given."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
