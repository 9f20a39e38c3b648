"""The start-up path: the login dialog appears before the services load, they load right after its
first paint, a healthy file never loads the backup code, its cipher or the setup wizard, and the
garbage collector is back on once the services are open."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from rentan_desktop.gui.login.dialog import LoginDialog

PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from rentan_desktop.gui.app import Application
qt = QApplication([sys.argv[0]])
app = Application(Path(sys.argv[1]))
first = app.start()
before = sorted(m for m in sys.modules if m.startswith(("sqlmodel", "sqlalchemy", "argon2")))
def opened(ctx):
    loaded = [m for m in ("cryptography", "rapidfuzz", "rentan_desktop.storage.backup",
                          "rentan_desktop.gui.setup.wizard") if m in sys.modules]
    print(json.dumps({"before_paint": before, "loaded": loaded, "ctx": ctx is not None}), flush=True)
    qt.quit()
app.context_ready.connect(opened)
QTimer.singleShot(0, first.grab)
QTimer.singleShot(20000, qt.quit)
qt.exec()
app.shutdown()
"""


def test_healthy_start_loads_only_what_login_needs(db_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RENTAN_LOG_DIR": str(db_path.parent)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    ).stdout
    report = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    assert report["ctx"] is True
    assert report["before_paint"] == []  # no SQLModel, SQLAlchemy or argon2 before the window
    assert report["loaded"] == []  # nor the backup code, its cipher, or the setup wizard


def test_services_load_after_the_first_paint_and_gc_comes_back(make_app, qtbot, db_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(db_path)
    dialog = app.start()
    assert isinstance(dialog, LoginDialog)
    with qtbot.waitSignal(dialog.painted, timeout=5000):
        dialog.grab()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=15_000)
    # Jobs still running after the context opened (home numbers, warm-up) pause the collector
    # until the last of them ends: it must come back then, not stay off.
    qtbot.waitUntil(gc.isenabled, timeout=15_000)


def test_a_damaged_file_still_goes_to_recovery(make_app, qtbot, db_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(db_path.read_bytes())
    start = (pages // 2) * page_size
    data[start : start + page_size] = bytes([0xA5]) * page_size
    db_path.write_bytes(bytes(data))
    app = make_app(db_path)
    app.start().grab()
    qtbot.waitUntil(lambda: getattr(app, "recovery_dialog", None) is not None, timeout=15_000)
    assert app.ctx is None  # never opened for writing
    assert gc.isenabled()
