"""Issue 12.2 beyond the entry form: every write action that meets another process's write lock
says so in one sentence and offers *Coba lagi*.

A real second process holds the cross-process write lock (as a long ``rentan`` command would).
Jobs get the retry from the job runner (here the template import page); a direct action passes
its own slot (here the users table's *Aktif/Nonaktif*). The bounded wait is lowered from 10 s to
1 s on the real database object so the tests do not sit out ten seconds each.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from tests.gui.test_template_import import VALID, _count, write_filled

from rentan_desktop.storage import write_lock

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # until the test closes the pipe
"""
BUSY = "Basis data sedang dipakai proses lain"


class Holder:
    """Another process holding the write lock of the test database until :meth:`release`."""

    def __init__(self, db_path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(write_lock.lock_path(db_path))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


@pytest.fixture
def holder(main_window, db_path: Path) -> Iterator[Holder]:  # type: ignore[no-untyped-def]
    main_window.gui.ctx.db._write_lock.timeout = 1.0  # the real lock, a shorter bounded wait
    held = Holder(db_path)
    yield held
    held.release()


def _box(qtbot, find_top):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: find_top("busyRetryBox") is not None, timeout=30_000)
    return find_top("busyRetryBox")


def test_a_job_meeting_the_lock_offers_coba_lagi_and_runs_again(
    qtbot, main_window, db_path, tmp_path, holder, find_top
) -> None:
    page = main_window.show_page("template_import")
    job = page.start_import(write_filled(tmp_path / "isian.xlsx", [VALID]))
    box = _box(qtbot, find_top)
    assert box.text().startswith(BUSY) and "tidak ada yang berubah" in box.text()
    assert "Traceback" not in box.text() and "locked" not in box.text()
    assert job.running and not page.choose_button.isEnabled()  # the page waits for the answer
    assert _count(db_path) == 0
    holder.release()
    with qtbot.waitSignal(job.finished, timeout=30_000):
        box.findChild(QPushButton, "retryButton").click()
    assert job.retries == 1 and job.error is None
    assert _count(db_path) == 1 and page.choose_button.isEnabled()
    assert find_top("userErrorBox") is None


def test_closing_the_box_delivers_the_failure_once_and_changes_nothing(
    qtbot, main_window, db_path, tmp_path, holder, find_top
) -> None:
    page = main_window.show_page("template_import")
    job = page.start_import(write_filled(tmp_path / "isian.xlsx", [VALID]))
    box = _box(qtbot, find_top)
    with qtbot.waitSignal(job.failed, timeout=10_000):
        box.findChild(QPushButton, "closeButton").click()
    assert page.summary.text().startswith(BUSY)  # the page keeps the sentence ...
    assert find_top("userErrorBox") is None and find_top("busyRetryBox") is None  # ... shown once
    assert _count(db_path) == 0 and page.choose_button.isEnabled()


def _active(db_path: Path, username: str) -> bool:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)  # a read: the lock does not apply
    try:
        return bool(
            con.execute("SELECT active FROM app_user WHERE username = ?", (username,)).fetchone()[0]
        )
    finally:
        con.close()


def test_a_direct_action_retries_itself(qtbot, main_window, db_path, holder, find_top) -> None:
    holder.release()  # a second user first, without the lock in the way
    page = main_window.show_page("settings").users
    dialog = page.add_user_dialog()
    for key, value in (
        ("username", "siti.op"),
        ("full_name", "Siti"),
        ("password", "kuat-sekali-1"),
        ("password2", "kuat-sekali-1"),
    ):
        dialog.fields[key].setText(value)
    dialog.fields["role"].setCurrentIndex(dialog.fields["role"].findData("operator"))
    dialog.accept()
    other = Holder(db_path)
    try:
        names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
        page.table.selectRow(names.index("siti.op"))
        page.toggle_active()  # waits the bounded second, then the box
        box = _box(qtbot, find_top)
        assert box.text().startswith(BUSY) and _active(db_path, "siti.op")  # nothing changed
        other.release()
        box.findChild(QPushButton, "retryButton").click()  # the same slot, run again
    finally:
        other.release()
    assert not _active(db_path, "siti.op")
    assert find_top("userErrorBox") is None


def test_a_dialog_keeps_what_was_typed_and_retries(
    qtbot, main_window, db_path, holder, find_top
) -> None:
    page = main_window.show_page("settings").users
    dialog = page.add_user_dialog()
    for key, value in (
        ("username", "budi.op"),
        ("full_name", "Budi"),
        ("password", "kuat-sekali-1"),
        ("password2", "kuat-sekali-1"),
    ):
        dialog.fields[key].setText(value)
    dialog.fields["role"].setCurrentIndex(dialog.fields["role"].findData("operator"))
    dialog.accept()
    box = _box(qtbot, find_top)
    assert dialog.isVisible() and dialog.error.text().startswith(
        BUSY
    )  # the sentence, on the dialog
    assert dialog.fields["username"].text() == "budi.op"
    holder.release()
    box.findChild(QPushButton, "retryButton").click()
    assert not dialog.isVisible()
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert (
            con.execute("SELECT count(*) FROM app_user WHERE username = 'budi.op'").fetchone()[0]
            == 1
        )
    finally:
        con.close()


def test_a_bulk_status_change_retries_and_reports(
    qtbot, gui_ctx, funder_id, db_path, find_top
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.test_registrant_list_flow import _three, make_list, statuses

    uuids = _three(gui_ctx, funder_id)
    page = make_list(qtbot, gui_ctx)
    gui_ctx.ctx.db._write_lock.timeout = 1.0
    other = Holder(db_path)
    try:
        page.view.selectAll()
        page.bulk("verify")
        page.status_dialog._check_and_accept()
        box = _box(qtbot, find_top)
        assert page.message.text().startswith(BUSY)
        assert {statuses(gui_ctx)[u] for u in uuids} == {"draft"}  # nothing changed
        other.release()
        box.findChild(QPushButton, "retryButton").click()
    finally:
        other.release()
    assert "3 pendaftar diubah" in page.message.text()
    assert {statuses(gui_ctx)[u] for u in uuids} != {"draft"}


def test_the_wizard_finishes_on_coba_lagi(make_app, qtbot, blank_db_path, find_top) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard
    from tests.gui.test_setup import PASSWORD, _choose_kecamatan, _start_wizard

    app, wizard = _start_wizard(make_app, qtbot, blank_db_path)
    _choose_kecamatan(wizard)
    wizard.next()
    admin = wizard.admin_page
    for field, text in (
        (admin.username, "admin.kec"),
        (admin.full_name, "Rahmawati"),
        (admin.password, PASSWORD),
        (admin.password2, PASSWORD),
    ):
        field.setText(text)
    wizard.next()
    wizard.funder_page.kode.setText("APBD-KUTIM")
    app.ctx.db._write_lock.timeout = 1.0
    other = Holder(blank_db_path)
    try:
        wizard.button(QWizard.WizardButton.FinishButton).click()
        box = _box(qtbot, find_top)
        assert wizard.funder_page.error.text().startswith(BUSY) and wizard.isVisible()
        other.release()
        with qtbot.waitSignal(app.main_window_shown, timeout=20_000):
            box.findChild(QPushButton, "retryButton").click()
    finally:
        other.release()
    con = sqlite3.connect(f"file:{blank_db_path}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT count(*) FROM office").fetchone()[0] == 1
    finally:
        con.close()
