"""``rentan-desktop --db`` naming a missing file: one sentence, nothing created (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from rentan_desktop.gui import missing_db


def _answer(button_name: str, seen: list[str]) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not shown yet: try again
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        box.findChild(QPushButton, button_name).click()

    QTimer.singleShot(0, press)


def test_the_box_names_the_file_and_closing_it_creates_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    typo = tmp_path / "kantor" / "rentan.bd"
    seen: list[str] = []
    _answer("closeBox", seen)
    assert missing_db.ask_create(typo) is False
    assert seen == [
        f"Berkas basis data {typo} tidak ada; periksa nama berkas pada --db, atau pilih Buat basis "
        "data baru bila memang ingin memulai basis data kantor yang baru di sana."
    ]
    assert list(tmp_path.iterdir()) == []


def test_creating_is_the_users_explicit_choice(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[str] = []
    _answer("createDb", seen)
    assert missing_db.ask_create(tmp_path / "baru.db") is True
    assert len(seen) == 1 and list(tmp_path.iterdir()) == []  # the wizard creates it, not the box


def test_the_app_started_on_a_mistyped_db_exits_and_leaves_the_folder_untouched(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rentan.db").write_bytes(b"")  # the real one, beside the typo (contents irrelevant)
    before = sorted(p.name for p in folder.iterdir())
    typo = folder / "rentan.bd"
    # Nobody presses a button: the box closes itself (as *Tutup*) after the smoke-test delay.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RENTAN_DESKTOP_QUIT_AFTER_MS": "400"}
    done = subprocess.run(
        [sys.executable, "-m", "rentan_desktop.gui.app", "--db", str(typo)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    lines = [x for x in done.stderr.splitlines() if "propagateSizeHints" not in x]
    assert lines == [missing_db.sentence(typo)] and "Traceback" not in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == before  # no database, no lock, no -wal
    # A missing folder is not created either.
    gone = tmp_path / "tidak-ada" / "rentan.db"
    done = subprocess.run(
        [sys.executable, "-m", "rentan_desktop.gui.app", "--db", str(gone)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1 and not gone.parent.exists()
