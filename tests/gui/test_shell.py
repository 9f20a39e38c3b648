"""The shell: main window navigation and chrome, the background job helper, error display."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from rentan_desktop.gui import errors
from rentan_desktop.gui.app import default_db_path, probe
from rentan_desktop.gui.jobs import JobCancelled, JobProgress, JobRunner
from rentan_desktop.gui.pages import PAGE_MODULES, load_pages
from rentan_desktop.services.context import default_db_path as services_db_path
from rentan_desktop.services.errors import UserError


def test_pages_have_unique_keys_and_shortcuts() -> None:
    specs = load_pages()
    assert len(specs) == len(PAGE_MODULES)
    assert len({s.key for s in specs}) == len(specs)
    shortcuts = [s.shortcut for s in specs if s.shortcut]
    assert len(set(shortcuts)) == len(shortcuts)


def test_main_window_lists_pages_and_shows_office_and_user(main_window, qtbot) -> None:
    assert main_window.nav.count() == len(main_window.specs) >= 3
    assert main_window.current_key() == "home"
    assert "Kecamatan Muara Ancalong" in main_window.office_label.text()
    assert "Admin Kecamatan" in main_window.user_label.text()
    assert "(Admin)" in main_window.user_label.text()
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus[0] == "&Berkas" and "&Alat" in menus and "Ba&ntuan" in menus


def test_page_shortcut_switches_page(main_window, qtbot) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "settings"
    assert main_window.current_page() is main_window.pages["settings"]
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "home"


def test_operator_does_not_see_admin_only_pages(qtbot, make_user, make_gui_ctx) -> None:
    from rentan_desktop.gui.main_window import MainWindow

    window = MainWindow(make_gui_ctx(make_user("operator")))
    qtbot.addWidget(window)
    assert "template_import" in window.page_keys()  # operators import templates
    assert "(Operator)" in window.user_label.text()


def test_about_box_shows_version(main_window, qtbot) -> None:
    from rentan_desktop import __version__

    box = main_window.show_about()
    assert __version__ in box.text()
    box.close()


def test_job_delivers_result_and_progress_on_gui_thread(qtbot, job_runner: JobRunner) -> None:
    seen: list[tuple[int, int]] = []
    threads: list[bool] = []

    def work(control):  # type: ignore[no-untyped-def]
        assert threading.current_thread() is not threading.main_thread()
        for i in range(5):
            control.progress(i + 1, 5)
        return 42

    job = job_runner.start(work, title="uji")
    job.progressed.connect(
        lambda d, t, _s: (
            seen.append((d, t)),
            threads.append(threading.current_thread() is threading.main_thread()),
        )
    )
    results: list[object] = []
    job.succeeded.connect(
        lambda r: (
            results.append(r),
            threads.append(threading.current_thread() is threading.main_thread()),
        )
    )
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [42]
    assert seen and seen[-1] == (5, 5)
    assert all(threads)
    assert not job.running


def test_job_cancel_stops_the_work(qtbot, job_runner: JobRunner) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(control):  # type: ignore[no-untyped-def]
        started.set()
        for i in range(1000):
            control.check()
            steps.append(i)
            time.sleep(0.005)
        return "done"

    bar = JobProgress()
    qtbot.addWidget(bar)
    job = job_runner.start(work, title="lama")
    bar.bind(job)
    assert bar.isVisibleTo(bar.parentWidget() or bar) or not bar.isHidden()
    assert started.wait(5)
    cancelled: list[bool] = []
    job.cancelled.connect(lambda: cancelled.append(True))
    with qtbot.waitSignal(job.finished, timeout=5000):
        qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    assert cancelled == [True]
    assert len(steps) < 1000
    assert bar.isHidden()
    assert isinstance(job.error, JobCancelled)


def test_job_user_error_cancel_code_counts_as_cancel(qtbot, job_runner: JobRunner) -> None:
    def work(_control):  # type: ignore[no-untyped-def]
        raise UserError("job.cancelled")

    import rentan_desktop.services.template_import  # noqa: F401 - defines job.cancelled

    job = job_runner.start(work)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        pass


def test_job_failure_goes_to_error_handler(qtbot, job_runner: JobRunner) -> None:
    errors_seen: list[BaseException] = []
    job_runner.error_handler = errors_seen.append

    def work(_control):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    job = job_runner.start(work)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(errors_seen) == 1 and str(errors_seen[0]) == "boom"


def test_window_stays_responsive_while_a_job_runs(qtbot, job_runner: JobRunner) -> None:
    release = threading.Event()
    job = job_runner.start(lambda _c: release.wait(10))
    label = QLabel("x")
    qtbot.addWidget(label)
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.wait(200)  # the event loop keeps running while the worker blocks
    timer.stop()
    assert len(ticks) >= 5 and job.running
    with qtbot.waitSignal(job.finished, timeout=5000):
        release.set()


def test_user_error_shows_one_sentence_in_indonesian(qtbot, gui_lang, find_top) -> None:
    import rentan_desktop.services.auth  # noqa: F401 - defines the auth messages

    box = errors.show_error(None, UserError("auth.failed"))
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "Nama pengguna atau kata sandi salah."
    assert find_top("userErrorBox") is box
    box.close()


def test_bug_opens_crash_dialog_and_logs(qtbot, tmp_path: Path) -> None:
    import logging

    log_file = errors.setup_logging(tmp_path / "logs")
    assert log_file is not None
    try:
        raise RuntimeError("kesalahan uji 123 untuk NIK 6408014101900001")
    except RuntimeError as exc:
        dialog = errors.show_error(None, exc)
    qtbot.addWidget(dialog)
    from rentan_desktop.gui.crash import CrashDialog

    assert isinstance(dialog, CrashDialog)
    details = dialog.details.toPlainText()
    assert "kesalahan uji 123" in details and "6408014101900001" not in details
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "kesalahan uji 123" in logged and "6408014101900001" not in logged
    assert "************0001" in logged
    dialog.close()


def test_default_db_path_matches_services() -> None:
    assert default_db_path() == services_db_path()


def test_probe_reads_office_and_language(db_path: Path, tmp_path: Path) -> None:
    found = probe(db_path)
    assert found.initialised and found.office_name == "Kecamatan Muara Ancalong"
    assert found.language is None
    assert probe(tmp_path / "missing.db").initialised is False
    assert not (tmp_path / "missing.db").exists()  # probing never creates the file
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert probe(empty).initialised is False


@pytest.mark.parametrize("entity", ["registrant", "user"])
def test_data_changed_carries_changes(qtbot, app_signals, entity: str) -> None:
    with qtbot.waitSignal(app_signals.data_changed) as blocker:
        app_signals.emit_changed(entity, ("u1",), "update")
    assert blocker.args[0].entity == entity and blocker.args[0].uuids == ("u1",)


def test_entry_point_starts_and_quits(blank_db_path: Path) -> None:
    """``rentan-desktop --db`` on a new office's file opens the wizard and exits cleanly."""
    import os
    import shutil
    import subprocess

    exe = shutil.which(
        "rentan-desktop", path=str(Path(__file__).resolve().parents[2] / ".venv/bin")
    )
    assert exe, "the rentan-desktop entry point is not installed in .venv"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RENTAN_DESKTOP_QUIT_AFTER_MS": "1500"}
    db = blank_db_path
    done = subprocess.run(
        [exe, "--db", str(db)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert probe(db).initialised is False  # nothing written behind the user's back
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("rentan-desktop ")
