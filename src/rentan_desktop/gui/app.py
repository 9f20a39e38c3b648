"""Composition root of ``rentan-desktop``: QApplication, translations, context, login, main window.

Start-up order is chosen for speed: the first window (login, or the setup wizard on a fresh install)
appears before the services are imported, because importing SQLModel/SQLAlchemy costs about half a
second. A plain read of the file (``storage.fast_open.start_facts``) decides which window to show
and which language to use; the services context opens in a background job while the user types.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from rentan_desktop import APP_NAME, __version__
from rentan_desktop.gui import errors, i18n
from rentan_desktop.gui.signals import AppSignals
from rentan_desktop.storage import fast_open

if TYPE_CHECKING:
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User

APP_DIR_NAME = "RentanDesktop"  # same folder as services.context.default_data_dir (a test checks)


def default_db_path() -> Path:
    """Where the database lives unless ``--db`` says otherwise (no SQLModel import needed)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "rentan.db"


Probe = fast_open.StartFacts


def probe(path: Path) -> Probe:
    """Whether the file is set up, its language and office name (plain sqlite3, never creates)."""
    return fast_open.start_facts(path, i18n.SETTING_KEY)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rentan-desktop", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", help="database file (default: the user data folder)")
    parser.add_argument("--lang", choices=tuple(i18n.LANGUAGES), help="language for this run")
    parser.add_argument("--version", action="version", version=f"rentan-desktop {__version__}")
    args, _qt_args = parser.parse_known_args(argv)
    return args


class _AfterFirstPaint(QObject):
    """Calls ``callback`` once, right after the first window has been painted.

    A window with a ``painted`` signal (the login dialog emits it from its first ``paintEvent``)
    starts the work as soon as it is on screen; the timer is the fallback for other windows and
    for a window that is never painted (minimised). A paint-event filter would read
    ``QEvent.type()`` and build the QEvent.Type enum (~20 ms) on the first-window path.
    """

    FALLBACK_MS = 50

    def __init__(self, widget: QWidget, callback: Any) -> None:
        super().__init__(widget)
        self._callback: Any = callback
        painted = getattr(widget, "painted", None)
        if painted is not None:
            painted.connect(self._fire)
        QTimer.singleShot(self.FALLBACK_MS * (10 if painted is not None else 1), self._fire)

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


class Application(QObject):
    """Owns the context, the signals, the job runner and whichever top-level window is current."""

    context_ready = Signal(object)  # AppContext
    main_window_shown = Signal(object)  # MainWindow

    def __init__(
        self,
        db_path: Path | str,
        *,
        lang: str | None = None,
        page_modules: list[str] | None = None,
    ):
        super().__init__()
        # A coordinator office's PostgreSQL server (``postgresql://...``, saved under Pengaturan >
        # Koneksi server or given as --db) has no file to probe, check or guard.
        self.server_url = db_path if isinstance(db_path, str) and "://" in db_path else None
        self.db_path = Path(db_path) if self.server_url is None else Path()
        if self.server_url is None:
            from rentan_desktop.gui import file_dialogs

            file_dialogs.guard_database(self.db_path)  # no dialog may open (and close) this file
        self.forced_lang = lang
        self.page_modules = page_modules
        self.signals = AppSignals(self)
        self._jobs: JobRunner | None = None  # made on first use, after the first window is up
        self.ctx: AppContext | None = None
        self.user: User | None = None
        self.window: QWidget | None = None
        self.main_window: MainWindow | None = None
        self.lock: Any = None
        self._pending: list[Any] = []
        self.prefetched: dict[str, Any] = {}  # key -> Job (see GuiContext.prefetched)
        self.signals.language_changed.connect(self.switch_language)
        self._first_paint: _AfterFirstPaint | None = None
        self._opening = False  # a main window is about to open (see _logged_in)

    @property
    def jobs(self) -> JobRunner:
        """The job runner (its module is imported after the first window has painted)."""
        if self._jobs is None:
            from rentan_desktop.gui.jobs import JobRunner

            self._jobs = JobRunner(self)
        return self._jobs

    # -- start -------------------------------------------------------------------------------

    def start(self) -> QWidget:
        """Show the first window at once, then open the services context in the background."""
        found = self._probe()
        i18n.install(self.forced_lang or found.language or i18n.DEFAULT)
        if found.initialised:
            from rentan_desktop.gui.login.dialog import LoginDialog

            dialog = LoginDialog(self, office_name=found.office_name or "")
            dialog.logged_in.connect(self._logged_in)
            self._set_window(dialog)
        else:
            from rentan_desktop.gui.setup.wizard import SetupWizard

            wizard = SetupWizard(self)
            wizard.completed.connect(self.open_main_window)
            self._set_window(wizard)
        self.window.show()  # type: ignore[union-attr]
        # Open the services context only once the first window has painted: the import of
        # SQLModel/SQLAlchemy in a worker thread would otherwise compete for the GIL with that paint.
        self._first_paint = _AfterFirstPaint(self.window, self._open_context_in_background)  # type: ignore[arg-type]
        return self.window  # type: ignore[return-value]

    def _probe(self) -> Probe:
        if self.server_url is None:
            return probe(self.db_path)
        from rentan_desktop.services import server_connection

        facts = server_connection.start_facts(self.server_url, i18n.SETTING_KEY)
        return Probe(facts.initialised, facts.language, facts.office_name)

    def _open_context_in_background(self) -> None:
        QTimer.singleShot(0, self._warm_up_gui)
        self._context_job = self.jobs.start(
            self._open_context,
            title="",
            on_success=self._context_opened,
            on_error=self._context_failed,
        )

    def _warm_up_gui(self) -> None:
        """Import the main window's modules and build Qt's `Qt` namespace on the GUI thread while
        the worker thread sits in SQLite's quick_check (which leaves the GIL free)."""
        from PySide6.QtCore import Qt

        from rentan_desktop.gui import main_window, pages
        from rentan_desktop.gui.home import widget  # noqa: F401 - the first page shown

        pages.load_pages(self.page_modules)
        self._warmed = (Qt.AlignmentFlag, main_window.MainWindow)  # touched only to build them

    def _open_context(self, _control: object) -> AppContext | Any:
        if self.server_url is not None:  # the server keeps its own health: nothing to check here
            errors.setup_logging()
            from rentan_desktop.services.context import AppContext

            return AppContext.open(self.server_url)
        import threading

        from rentan_desktop.storage import fast_open

        def preload() -> None:
            # SQLModel/SQLAlchemy, argon2 and the services import (Python, holding the GIL) while
            # this thread runs quick_check inside SQLite (which releases it). Logging starts here
            # too (logging.handlers is slow to import), off the GUI thread.
            errors.setup_logging()
            from rentan_desktop.services import auth, context, stats  # noqa: F401
            from rentan_desktop.storage import schema_head, seed  # noqa: F401 - not Alembic

        with fast_open.startup_gc():  # the imports only: a migration may take minutes
            loader = threading.Thread(target=preload, name="preload-services", daemon=True)
            loader.start()
            # quick_check before anything writes: a damaged file is never opened, only replaced
            # by a verified backup the user accepts (the damaged file is kept aside by the
            # restore). A healthy file needs neither the backup code nor its cipher.
            healthy = fast_open.quick_check_ok(self.db_path)
            loader.join()
        if not healthy:
            decision = self._startup_check()
            if decision is not None:
                return decision
        from rentan_desktop.services.context import AppContext

        return AppContext.open(self.db_path)

    def _startup_check(self) -> Any:
        """The full health report and, for a damaged file, the recovery decision (None: open)."""
        from rentan_desktop.services import backups
        from rentan_desktop.storage import health

        report = health.quick_check(self.db_path)
        if report.state not in (health.DbState.OK, health.DbState.MISSING):
            decision = backups.startup_check(self.db_path)  # with the backups on offer
            if decision.action not in (health.Action.OPEN, health.Action.CREATE):
                return decision
        return None

    def _context_opened(self, ctx: AppContext | Any) -> None:
        if not hasattr(ctx, "db"):  # a RecoveryDecision: the file is damaged
            self._offer_recovery(ctx)
            return
        self.ctx = ctx
        ctx.language = i18n.current()
        from rentan_desktop.services import stats

        # The home screen's GROUP BYs run in SQLite (outside the GIL) while login checks the
        # password, instead of after the main window appears. Not on a fresh install: the set-up
        # wizard is about to write the target, and numbers read before it would show "0".
        if ctx.office is not None:
            self.prefetched["overview"] = self.jobs.start(lambda _c: stats.overview(ctx))
        if self.main_window is None and ctx.office is not None and self.user is None:
            # A restored file was not readable before: swap the setup wizard for the login. The
            # wizard's module is loaded only if a wizard was ever shown (it pulls in rapidfuzz).
            wizard = sys.modules.get("rentan_desktop.gui.setup.wizard")
            if wizard is not None and isinstance(self.window, wizard.SetupWizard):
                self._show_login()
        if errors.log_file() is None:
            errors.setup_logging()
        self.context_ready.emit(ctx)
        pending, self._pending = self._pending, []
        for callback in pending:
            callback(ctx)

    def _offer_recovery(self, decision: Any) -> None:
        from rentan_desktop.gui.recovery import RecoveryDialog

        dialog = RecoveryDialog(self, decision, self.window)
        dialog.recovered.connect(self._context_opened)
        self.recovery_dialog = dialog
        dialog.open()

    def _context_failed(self, exc: BaseException) -> None:
        errors.show_error(self.window, exc)

    def when_ready(self, callback: Any) -> None:
        """Call ``callback(ctx)`` now if the context is open, else as soon as it is."""
        if self.ctx is not None:
            callback(self.ctx)
        else:
            self._pending.append(callback)

    def _set_window(self, window: QWidget) -> None:
        old, self.window = self.window, window
        if old is not None and old is not window:
            old.close()
            old.deleteLater()

    # -- session -----------------------------------------------------------------------------

    def _logged_in(self, user: User) -> None:
        """Open the main window on the next turn of the event loop, once.

        Results that arrived while the password was checked (the home screen's counts, computed
        meanwhile on a worker thread) are delivered first, so the first paint already shows them.
        """
        if self._opening:
            return
        self._opening = True

        def open_now() -> None:
            self._opening = False
            self.open_main_window(user)

        QTimer.singleShot(0, open_now)

    def open_main_window(self, user: User) -> MainWindow:
        """Build the main window for ``user`` (after login or setup) and start the idle lock."""
        from rentan_desktop.gui.context import GuiContext
        from rentan_desktop.gui.lock import IdleLock
        from rentan_desktop.gui.main_window import MainWindow

        assert self.ctx is not None
        self.user = user
        gui = GuiContext(
            self.ctx, user, self.signals, self.jobs, self.prefetched, background_checks=True
        )
        window = MainWindow(gui, self.page_modules)
        window.logout_requested.connect(self.logout)
        window.lock_requested.connect(lambda: self.lock and self.lock.lock_now())
        self.main_window = window
        self._set_window(window)
        window.show()
        if self.lock is None:
            self.lock = IdleLock(self)
        self.lock.start(window)
        self.main_window_shown.emit(window)
        from rentan_desktop.gui.batches import recovery

        recovery.offer(gui, window)  # an export cut short last time: say so, offer to finish it
        return window

    def logout(self, force: bool = False) -> None:
        """Close the main window and show the login dialog (``force`` skips the unsaved-work check)."""
        if self.main_window is None or (not force and not self.main_window.can_leave()):
            return
        if self.lock is not None:
            self.lock.stop()
        self.user, self.main_window = None, None
        self._show_login()

    def _show_login(self) -> None:
        from rentan_desktop.gui.login.dialog import LoginDialog

        office = self.ctx.office.nama if self.ctx and self.ctx.office else ""
        dialog = LoginDialog(self, office_name=office)
        dialog.logged_in.connect(self._logged_in)
        self._set_window(dialog)
        dialog.show()

    def switch_language(self, lang: str) -> None:
        """Save ``lang``, load its catalogue and rebuild the main window in it."""
        if self.ctx is None:
            return
        self.ctx.set_setting(i18n.SETTING_KEY, lang)
        window = self.main_window
        user_jobs = [job for job in self.jobs.running() if job.title]  # not silent prefetches
        if window is not None and (user_jobs or not window.can_leave()):
            # Rebuilding now would cut a running import or unsaved work: apply at next start.
            errors.show_message(
                window,
                QCoreApplication.translate(
                    "Application", "Bahasa disimpan dan dipakai saat aplikasi dibuka lagi."
                ),
            )
            return
        self.ctx.language = i18n.install(lang)
        if self.main_window is not None and self.user is not None:
            key = self.main_window.current_key()
            window = self.open_main_window(self.user)
            if key in window.page_keys():
                window.show_page(key)

    def shutdown(self) -> None:
        """Stop jobs, the lock and close the database (checkpointing the WAL)."""
        import gc

        gc.unfreeze()  # what start-up froze may be collected again (a test process starts many)
        if self.lock is not None:
            self.lock.stop()
        if self._jobs is not None:
            self._jobs.shutdown()
        job = getattr(self, "_context_job", None)
        if self.ctx is None and job is not None and hasattr(job.result, "db"):
            self.ctx = job.result  # opened after the event loop ended (not a recovery decision)
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None


def _refuse_second_app(exc: Any, lang: str | None) -> int:
    """Say who already has this database open (stderr and a box), then end without opening it."""
    return _refuse_start(exc.message(lang or "id"), name="appHeldBox")


def _server_url(explicit: str | None, lang: str | None) -> str | None:
    """The server database to open: ``--db postgresql://...``, or without ``--db`` the server
    saved under Pengaturan > Koneksi server (``server.json`` in the app data folder)."""
    if explicit:
        return explicit if "://" in explicit else None
    if not (default_db_path().parent / "server.json").exists():
        return None  # the common case: no SQLAlchemy import before the first window
    from rentan_desktop.services import server_connection

    return server_connection.start_location()


def _run_on_server(qt_app: Any, url: str, lang: str | None) -> int:
    """Start on a server database; an unreachable server or a refused login is one sentence."""
    app = Application(url, lang=lang)
    try:
        app.start()
    except Exception as exc:  # noqa: BLE001 - unreachable, refused, or not a usable address
        text = errors.user_text(exc)
        if text is None:
            raise
        i18n.install(lang or i18n.DEFAULT)
        return _refuse_start(text)
    qt_app.aboutToQuit.connect(app.shutdown)
    if os.environ.get("RENTAN_DESKTOP_QUIT_AFTER_MS"):  # smoke tests and start-up benchmarks
        QTimer.singleShot(int(os.environ["RENTAN_DESKTOP_QUIT_AFTER_MS"]), qt_app.quit)
    return int(qt_app.exec())


def _refuse_start(text: str, *, name: str = "serverRefusedBox") -> int:
    """``text`` on stderr and in a box, then end without opening anything."""
    from PySide6.QtWidgets import QMessageBox

    sys.stderr.write(text + "\n")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Ok)
    box.setObjectName(name)
    if os.environ.get("RENTAN_DESKTOP_QUIT_AFTER_MS"):  # smoke tests: no one to press OK
        QTimer.singleShot(int(os.environ["RENTAN_DESKTOP_QUIT_AFTER_MS"]), box.accept)
    box.exec()
    return 1


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``rentan-desktop``."""
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    qt_app = QApplication.instance() or QApplication([sys.argv[0]])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setOrganizationName(APP_DIR_NAME)
    explicit = args.db or os.environ.get("RENTAN_DB")
    errors.install_excepthook()
    server_url = _server_url(explicit, args.lang)
    if server_url is not None:
        return _run_on_server(qt_app, server_url, args.lang)
    db_path = Path(explicit or default_db_path())
    if explicit and not db_path.exists():
        from rentan_desktop.gui import missing_db

        i18n.install(args.lang or i18n.DEFAULT)
        if not missing_db.ask_create(db_path):
            return 1
    from rentan_desktop.storage import app_lock

    try:
        held = app_lock.AppLock.acquire(db_path)  # one app per database, for as long as it runs
    except app_lock.AppHeld as exc:
        return _refuse_second_app(exc, args.lang)
    except OSError as exc:  # an unwritable data folder: say so rather than crash
        sys.stderr.write(f"{exc.filename}: {exc.strerror}\n")
        return 1
    app = Application(db_path, lang=args.lang)
    app.start()  # logging starts with the context (logging.handlers is slow to import)
    qt_app.aboutToQuit.connect(app.shutdown)
    qt_app.aboutToQuit.connect(held.release)
    if os.environ.get("RENTAN_DESKTOP_QUIT_AFTER_MS"):  # smoke tests and start-up benchmarks
        QTimer.singleShot(int(os.environ["RENTAN_DESKTOP_QUIT_AFTER_MS"]), qt_app.quit)
    return int(qt_app.exec())


if __name__ == "__main__":
    sys.exit(main())
