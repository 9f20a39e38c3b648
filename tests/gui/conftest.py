"""Shared GUI fixtures (offscreen): the app signals and job runner, a logged-in GuiContext, the main
window. Other GUI test modules reuse these; keep their names and meaning stable.

Built on the root conftest: ``ctx`` (an initialised AppContext on a copied tmp database, office
640801 Muara Ancalong, funder APBD-KUTIM, target 1000) and ``admin`` (the logged-in admin User).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from rentan_desktop.gui import i18n  # noqa: E402
from rentan_desktop.gui.context import GuiContext  # noqa: E402
from rentan_desktop.gui.jobs import JobRunner  # noqa: E402
from rentan_desktop.gui.main_window import MainWindow  # noqa: E402
from rentan_desktop.gui.signals import AppSignals  # noqa: E402
from rentan_desktop.services.context import AppContext  # noqa: E402
from rentan_desktop.storage.models import User  # noqa: E402

# The offscreen QPA plugin warns "This plugin does not support propagateSizeHints()" whenever any
# top-level widget with a layout is shown (QPlatformWindow's default implementation); it is a
# limitation of the headless platform, not of our widgets, so only that exact message is ignored.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/gui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def window_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Remembered window sizes go to a fresh folder per test, never the user's own settings."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(scope="session")
def blank_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated and seeded database with no office yet (what the setup wizard starts from)."""
    path = tmp_path_factory.mktemp("blank") / "rentan.db"
    AppContext.open(path).close()
    return path


@pytest.fixture
def blank_db_path(blank_template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "blank" / "rentan.db"
    path.parent.mkdir()
    shutil.copyfile(blank_template_db, path)
    return path


@pytest.fixture
def make_app(qapp: QApplication, gui_lang: str):  # type: ignore[no-untyped-def]
    """``make_app(db_path)``: the composition root (not started); shut down after the test."""
    from rentan_desktop.gui.app import Application

    made: list[Application] = []

    def _make(db_path: Path, **kwargs: object) -> Application:
        app = Application(db_path, **kwargs)  # type: ignore[arg-type]
        made.append(app)
        return app

    yield _make
    for app in made:
        for widget in (app.window, app.main_window):
            if widget is not None:
                widget.close()
        app.shutdown()


@pytest.fixture
def gui_lang(qapp: QApplication) -> Iterator[str]:
    """Bahasa Indonesia installed for the test (and restored afterwards)."""
    i18n.install("id")
    yield "id"
    i18n.install("id")


@pytest.fixture
def app_signals(qapp: QApplication) -> AppSignals:
    return AppSignals()


@pytest.fixture
def job_runner(qapp: QApplication) -> Iterator[JobRunner]:
    runner = JobRunner()
    yield runner
    assert runner.shutdown(30_000), "a background job did not stop"


@pytest.fixture
def gui_ctx(
    ctx: AppContext, admin: User, app_signals: AppSignals, job_runner: JobRunner, gui_lang: str
) -> GuiContext:
    """What a page factory receives, for the admin of the test office."""
    return GuiContext(ctx, admin, app_signals, job_runner)


@pytest.fixture
def make_gui_ctx(ctx: AppContext, app_signals: AppSignals, job_runner: JobRunner, gui_lang: str):  # type: ignore[no-untyped-def]
    """Build a GuiContext for another user (e.g. ``make_gui_ctx(make_user("operator"))``)."""

    def _make(user: User) -> GuiContext:
        return GuiContext(ctx, user, app_signals, job_runner)

    return _make


@pytest.fixture
def main_window(qtbot, gui_ctx: GuiContext) -> MainWindow:  # type: ignore[no-untyped-def]
    """The logged-in admin's main window with every page of PAGE_MODULES, shown offscreen."""
    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _find_top(object_name: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == object_name and widget.isVisible():
            return widget
    return None


@pytest.fixture
def find_top(qapp: QApplication):  # type: ignore[no-untyped-def]
    """``find_top(name)``: the visible top-level widget with this object name (boxes, dialogs)."""
    yield _find_top
    for name in ("userErrorBox", "crashDialog", "aboutBox"):  # non-blocking popups a test left open
        while (widget := _find_top(name)) is not None:
            widget.close()
