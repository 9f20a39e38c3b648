"""Kill the running app (SIGKILL, a real subprocess) mid-entry; on restart the draft comes back."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD

DRIVER = r"""
# The real composition root (gui.app.Application): login dialog, main window, the entry page.
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

qt = QApplication([sys.argv[0]])
from rentan_desktop.gui.app import Application

mode, db, password = sys.argv[1], sys.argv[2], sys.argv[3]
app = Application(Path(db))
login = app.start()


def log_in():
    if app.ctx is None:  # the services context opens in the background after the first paint
        QTimer.singleShot(50, log_in)
        return
    QTest.keyClicks(login.username, "admin")
    QTest.keyClicks(login.password, password)
    QTest.keyClick(login.password, Qt.Key.Key_Return)


def type_entry(window):
    form = window.show_page("entry")
    typed = (("nik", "6408014101900001"), ("no_kk", "6408010101100001"), ("nama", "siti aminah"),
             ("tempat_lahir", "sangatta"), ("tanggal_lahir", "0101"))
    for name, text in typed:
        QTest.keyClicks(form.editors[name], text)
    # Stopped in the middle of the birth date, as a power cut would. The draft worker commits each
    # key a few milliseconds after it; once it is idle the parent may kill us.
    assert form.keeper.flush(10)
    print("TYPED", flush=True)


def inspect(window):
    form = window.show_page("entry")
    out = {"banner": form.banner.isVisible(), "text": form.banner.text.text()}
    form.restore_draft()
    out["values"] = form.values()
    print(json.dumps(out), flush=True)
    app.shutdown()
    qt.quit()


app.main_window_shown.connect(type_entry if mode == "type" else inspect)
QTimer.singleShot(0, log_in)
qt.exec()
"""


def _python() -> str:
    venv = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_for_line(proc: subprocess.Popen[str], marker: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            if line.startswith(marker):
                return line
            if not line and proc.poll() is not None:
                break
    proc.kill()
    raise AssertionError(
        f"driver never printed {marker!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_entry_then_restart_offers_the_draft(db_path: Path, tmp_path: Path) -> None:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    args = [_python(), str(driver)]
    typing = subprocess.Popen(
        [*args, "type", str(db_path), ADMIN_PASSWORD],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        _wait_for_line(typing, "TYPED", timeout=60)
        os.kill(typing.pid, signal.SIGKILL)  # no clean-up, no checkpoint, no atexit
        assert typing.wait(timeout=10) == -signal.SIGKILL
    finally:
        if typing.poll() is None:
            typing.kill()
        for stream in (typing.stdout, typing.stderr):
            if stream is not None:
                stream.close()

    again = subprocess.run(
        [*args, "inspect", str(db_path), ADMIN_PASSWORD],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    line = next(x for x in again.stdout.splitlines() if x.startswith("{"))
    seen = json.loads(line)
    assert seen["banner"] is True
    assert "SITI AMINAH" in seen["text"]
    values = seen["values"]
    assert values["nik"] == "6408014101900001"
    assert values["no_kk"] == "6408010101100001"
    assert values["nama"] == "SITI AMINAH"
    assert values["tempat_lahir"] == "SANGATTA"
    assert values["tanggal_lahir"] == "0101"  # even the half-typed field
