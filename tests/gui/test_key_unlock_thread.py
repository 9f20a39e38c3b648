"""Unlocking the office key (scrypt, seconds on a slow PC) keeps the window's event loop turning."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QTimer

from rentan_desktop.gui.keys.unlock import off_thread


def test_the_event_loop_turns_while_the_passphrase_is_stretched(qtbot) -> None:  # type: ignore[no-untyped-def]
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    key = off_thread(
        lambda: hashlib.scrypt(
            b"frasa sandi", salt=b"0" * 16, n=1 << 16, r=8, p=1, maxmem=1 << 28, dklen=32
        )
    )
    timer.stop()
    assert len(key) == 32
    assert len(ticks) >= 3  # on the GUI thread this call allowed no tick at all


def test_an_error_comes_back_to_the_caller(qtbot) -> None:  # type: ignore[no-untyped-def]
    def fails() -> None:
        raise ValueError("frasa sandi salah")

    with pytest.raises(ValueError, match="salah"):
        off_thread(fails)
