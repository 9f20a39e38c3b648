"""Issue 12.2 in the entry form: another process keeps the database past the bounded wait.

A real second process holds the write lock (as a long ``rentan`` job would). The save must come
back at once, then say in one sentence that nothing was saved, keep what was typed, and save on
the next Ctrl+S once the other process is done: no freeze, no traceback, no "database is locked".
"""

from __future__ import annotations

import subprocess
import sys
import time

from PySide6.QtCore import Qt
from tests.gui.test_entry_form import (
    CTRL,
    _ignore_popup_noise,
    count,
    key_in_siti,
    make_form,
    press,
)

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.storage import write_lock

__all__ = ["_ignore_popup_noise"]  # the fixture, used by every test here

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def test_save_beside_a_busy_process_says_so_and_keeps_the_form(
    qtbot,
    gui_ctx: GuiContext,  # type: ignore[no-untyped-def]
) -> None:
    form = make_form(qtbot, gui_ctx)
    key_in_siti(form)
    typed = form.values()
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(write_lock.lock_path(gui_ctx.ctx.db.path))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        started = time.perf_counter()
        press(Qt.Key.Key_S, CTRL)
        assert time.perf_counter() - started < 2  # the GUI thread did not wait
        qtbot.waitUntil(
            lambda: "Basis data sedang dipakai proses lain" in form.status.text(), timeout=30_000
        )
        status = form.status.text()
        assert "tidak ada yang berubah" in status and "Ctrl+S" in status
        assert "Traceback" not in status and "locked" not in status
        assert form.values() == typed and form.editors["nama"].isEnabled()
        assert count(gui_ctx) == 0
    finally:
        other.kill()
        other.wait(timeout=30)
    press(Qt.Key.Key_S, CTRL)  # the retry
    qtbot.waitUntil(lambda: count(gui_ctx) == 1, timeout=15_000)
    qtbot.waitUntil(lambda: "Tersimpan" in form.status.text())
