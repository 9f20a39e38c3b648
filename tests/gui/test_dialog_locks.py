"""Issue 12.1: a file dialog must never drop SQLite's locks, and one app runs per database.

SQLite's locks are POSIX advisory locks: closing *any* descriptor of the database file in the app
process drops them all. Qt's stock file dialog sniffs each listed file's type by opening it; after
it showed the data folder, a ``rentan`` command beside the app could delete the app's ``-wal`` and
``-shm`` and the app's next saves were lost. These tests run that sequence with a real dialog in
this (GUI) process and real ``rentan`` processes, and read the kernel's lock table.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot
from tests.conftest import ADMIN_PASSWORD, DESA, person
from tests.test_crash import add_cmd, nik

from rentan_desktop.gui import file_dialogs
from rentan_desktop.services import audit, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage import app_lock
from rentan_desktop.storage.models import User

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads Linux's lock table")
ENV = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}


def my_locks(path: Path) -> list[str]:
    """This process's POSIX locks on ``path`` (from /proc/locks, matched by inode)."""
    inode = f":{path.stat().st_ino}"
    return [
        line
        for line in Path("/proc/locks").read_text().splitlines()
        if line.split()[4] == str(os.getpid())
        and line.split()[5].endswith(inode)
        and "POSIX" in line
    ]


def browse(qtbot: QtBot, dialog: QFileDialog, folder: Path, db: Path) -> None:
    """Show ``dialog``, go to ``folder`` as a user would, wait until the dialog's model has typed
    the database file (its gatherer thread does that in the background), close."""
    dialog.show()
    dialog.setDirectory(str(folder))
    model = dialog.findChild(QFileSystemModel)
    assert model is not None

    def typed() -> bool:
        return bool(model.index(str(db)).siblingAtColumn(2).data())

    qtbot.waitUntil(typed, timeout=30000)
    qtbot.wait(300)
    dialog.close()
    qtbot.wait(200)


# The trap runs in a child process: with its locks gone, SQLite in that process may take itself
# for the database's only user and, while its connections close, truncate the ``-shm`` another of
# its connections still maps (a bus error that once ended the whole test run). The child reports
# and leaves without closing anything.
_STOCK_DIALOG = """
import json, os, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
from rentan_desktop.services.context import AppContext
from tests.gui.test_dialog_locks import my_locks

db = Path(sys.argv[1])
app = QApplication([])
ctx = AppContext.open(db)
with ctx.db.reader() as session:
    session.connection().exec_driver_sql("SELECT 1")  # a pooled connection stays open
before = len(my_locks(db))
dialog = QFileDialog(None, "stock")
dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
dialog.show()
dialog.setDirectory(str(db.parent))
model = dialog.findChild(QFileSystemModel)
deadline = time.monotonic() + 30
while time.monotonic() < deadline and not model.index(str(db)).siblingAtColumn(2).data():
    app.processEvents()
    time.sleep(0.01)
end = time.monotonic() + 0.3
while time.monotonic() < end:
    app.processEvents()
    time.sleep(0.01)
dialog.close()
print(json.dumps({"before": before, "after": len(my_locks(db))}), flush=True)
os._exit(0)
"""


def test_stock_dialog_drops_sqlite_locks(ctx: AppContext) -> None:
    """The trap itself (so the next test can fail): Qt's own provider opens the database file."""
    root = str(Path(__file__).parents[2])  # the child imports this module's my_locks
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": path}
    done = subprocess.run(
        [sys.executable, "-c", _STOCK_DIALOG, str(ctx.db.path)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] > 0, seen  # the app held SQLite's locks ...
    assert seen["after"] == 0, seen  # ... and the stock dialog dropped every one


def test_app_dialog_then_cli_loses_no_write(
    qtbot: QtBot, ctx: AppContext, admin: User, funder_id: int, rentan_bin: str
) -> None:
    db = ctx.db.path
    file_dialogs.guard_database(db)
    (db.parent / "daftar.xlsx").write_bytes(b"PK\x03\x04")  # something the clerk is looking for
    registrants.create(ctx, actor=admin, data=person(funder_id))  # the app has written
    assert my_locks(db)
    for make in (
        lambda: file_dialogs._dialog(
            None, "open", db.parent, "Excel (*.xlsx)", QFileDialog.FileMode.ExistingFile
        ),
        lambda: file_dialogs._dialog(None, "folder", None, "", QFileDialog.FileMode.Directory),
        lambda: file_dialogs._dialog(
            None, "save", db.parent / "laporan.xlsx", "", QFileDialog.FileMode.AnyFile
        ),
    ):
        dialog = make()
        browse(qtbot, dialog, db.parent, db)  # the user walks into the data folder
        assert my_locks(db), "a dialog dropped SQLite's locks on the database"
    # The office's afternoon: the CLI and the app take turns, every write must survive.
    expected = {"6408014101900001"}
    for i in range(2, 5):
        done = subprocess.run(
            add_cmd(rentan_bin, db, i), capture_output=True, text=True, env=ENV, timeout=120
        )
        assert done.returncode == 0, done.stderr
        expected.add(nik(i))
        assert Path(f"{db}-wal").exists(), "the CLI deleted the app's WAL"
        n = nik(i + 10)
        registrants.create(
            ctx,
            actor=admin,
            data=person(
                funder_id,
                nik=n,
                nama=f"Dari Aplikasi {i}",
                tanggal_lahir="01011990",
                desa_kode=DESA,
            ),
        )
        expected.add(n)
    ctx.close()
    con = sqlite3.connect(db)
    try:
        found = {r[0] for r in con.execute("SELECT nik FROM registrant")}
    finally:
        con.close()
    assert found == expected
    reopened = AppContext.open(db)
    try:
        with reopened.db.reader() as session:
            assert audit.verify_chain(session).ok
    finally:
        reopened.close()


def test_dialog_hides_database_files(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "kantor.db"
    for name in ("kantor.db", "kantor.db-wal", "kantor.db-shm", "daftar.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    file_dialogs.guard_database(db)
    dialog = file_dialogs._dialog(None, "open", None, "", QFileDialog.FileMode.ExistingFile)
    assert Path(dialog.directory().absolutePath()) != tmp_path  # never starts in the data folder
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    proxy = dialog.proxyModel()
    source = proxy.sourceModel()
    root = source.index(str(tmp_path))
    qtbot.waitUntil(lambda: source.rowCount(root) >= 4, timeout=5000)
    proot = proxy.mapFromSource(root)
    names = {proxy.index(r, 0, proot).data() for r in range(proxy.rowCount(proot))}
    dialog.close()
    assert names == {"daftar.xlsx"}


def _app(db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RENTAN_DESKTOP_QUIT_AFTER_MS": "20000"}
    return subprocess.Popen(
        [sys.executable, "-m", "rentan_desktop.gui.app", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_second_app_on_one_database_is_refused_naming_the_first(
    db_path: Path, qtbot: QtBot
) -> None:
    first = _app(db_path)
    try:
        qtbot.waitUntil(lambda: app_lock.holder(db_path) is not None, timeout=20000)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RENTAN_DESKTOP_QUIT_AFTER_MS": "300"}
        second = subprocess.run(
            [sys.executable, "-m", "rentan_desktop.gui.app", "--db", str(db_path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert second.returncode == 1
        lines = [x for x in second.stderr.splitlines() if "propagateSizeHints" not in x]
        assert len(lines) == 1 and "Traceback" not in second.stderr
        line = lines[0]
        assert line.startswith(f"Basis data {db_path} sudah dibuka di aplikasi Rentan oleh ")
        assert f"(proses {first.pid}, sejak " in line
    finally:
        first.kill()
        first.wait(timeout=30)
    # Killed: the kernel dropped its flock; the next start takes over and knows whose it was.
    assert app_lock.holder(db_path) is None
    taken = app_lock.AppLock.acquire(db_path)
    try:
        assert taken.stale is not None and taken.stale.pid == first.pid and not taken.stale.alive()
    finally:
        taken.release()
