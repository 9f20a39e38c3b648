"""The export page proposes the office one level up as the batch's recipient."""

from __future__ import annotations

import pytest

from rentan_desktop.gui.batches.export_panel import default_recipient


@pytest.mark.parametrize(
    ("own", "up"),
    [("640801", "6408"), ("6408", "64"), ("64", ""), ("6408012001", ""), ("", ""), ("64x8", "")],
)
def test_default_recipient_is_the_parent_office(own: str, up: str) -> None:
    assert default_recipient(own) == up
