"""The main window: left navigation over the pages, menus, status bar with office and user."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from rentan_desktop import APP_NAME, __version__
from rentan_desktop.gui import errors, warmup, window_state
from rentan_desktop.gui.audit.startup_check import AuditStartupCheck
from rentan_desktop.gui.backups import scheduler as backup_scheduler
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import JobProgress
from rentan_desktop.gui.pages import PageSpec, load_pages
from rentan_desktop.services import data_stamp

# What the window asks for on a first start; never more than the screen's free area (see
# window_state.restore), so the status bar with the job progress and Batal stays on screen.
DEFAULT_SIZE = QSize(1240, 760)
WARM_UP_DELAY_MS = 300  # after the first page has painted
PREBUILD = ("entry", "registrants")
#: a page built at first use reads its data this long after it is shown, so that its first
#: paint and anything the user typed meanwhile get a turn of the event loop of their own
LOAD_AFTER_PAINT_MS = 10

ROLE_LABELS = {
    "operator": QT_TRANSLATE_NOOP("roles", "Operator"),
    "supervisor": QT_TRANSLATE_NOOP("roles", "Supervisor"),
    "coordinator": QT_TRANSLATE_NOOP("roles", "Koordinator"),
    "admin": QT_TRANSLATE_NOOP("roles", "Admin"),
}


def role_label(role: str) -> str:
    return QCoreApplication.translate("roles", ROLE_LABELS.get(role, role))


class MainWindow(QMainWindow):
    """Lists the pages from ``PAGE_MODULES``; builds each page the first time it is shown."""

    logout_requested = Signal()
    lock_requested = Signal()

    def __init__(self, gui: GuiContext, page_modules: list[str] | None = None) -> None:
        super().__init__()
        self.gui = gui
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{APP_NAME} — {gui.ctx.office.nama if gui.ctx.office else ''}")
        self.specs: list[PageSpec] = [
            s for s in load_pages(page_modules) if s.perm is None or gui.can(s.perm)
        ]
        self.pages: dict[str, QWidget] = {}
        # Writes by another process (``rentan add``, a second app, the coordinator's second PC)
        # send no signal here: each page shown, and the window brought back to the front, asks
        # the database's change stamp first (see _check_elsewhere).
        self._stamp = data_stamp.stamp(gui.ctx)
        self.nav = QListWidget(self)
        self.nav.setObjectName("pageNav")
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(240)
        # Roomy rows: the clerk switches pages all day, often on a small laptop screen.
        self.nav.setStyleSheet("QListWidget#pageNav::item { padding: 7px 10px; }")
        self.stack = QStackedWidget(self)
        splitter = QSplitter(self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([190, 1000])
        self.setCentralWidget(splitter)
        self._placeholders: dict[str, QWidget] = {}
        self._scrollers: dict[str, QScrollArea] = {}
        for spec in self.specs:
            title = QCoreApplication.translate("pages", spec.title)
            item = QListWidgetItem(title.replace("&", ""))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if spec.shortcut:
                item.setToolTip(
                    QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
                )
            self.nav.addItem(item)
            holder = QWidget(self.stack)  # replaced by the real page on first show
            self._placeholders[spec.key] = holder
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self._on_nav)
        self._build_menus()
        self._build_status_bar()
        gui.jobs.job_started.connect(self.progress.bind)
        self._error_handler = lambda exc: errors.show_error(self, exc)
        gui.jobs.error_handler = self._error_handler
        window_state.restore(self, "main", DEFAULT_SIZE)
        self.backup_scheduler = backup_scheduler.attach(self)  # automatic and on-exit backups
        self.audit_check = AuditStartupCheck(self, gui)  # background, red banner on failure
        if self.specs:
            self.nav.setCurrentRow(0)
        QTimer.singleShot(WARM_UP_DELAY_MS, warmup.start)
        # Once the imports are in, build the clerk's two busiest pages while Beranda is read:
        # their widgets can only be made on this thread, and doing it at the first click made
        # that click wait (200-500 ms on a busy office PC).
        self._prebuild = [k for k in PREBUILD if k in self.page_keys()]
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setInterval(100)
        self._prebuild_timer.timeout.connect(self._prebuild_next)
        self._prebuild_timer.start()
        gui.signals.data_changed.connect(self._own_change)

    # -- pages -------------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [s.key for s in self.specs]

    def show_page(self, key: str) -> QWidget:
        """Select the page ``key`` in the navigation and return its widget (built if needed)."""
        row = self.page_keys().index(key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The widget of page ``key``, building it on first use."""
        if key not in self.pages:
            spec = self.specs[self.page_keys().index(key)]
            widget = spec.factory(self.gui)
            widget.setObjectName(widget.objectName() or f"page_{key}")
            holder = self._placeholders.pop(key)
            index = self.stack.indexOf(holder)
            # A page taller or wider than a small laptop screen scrolls inside the window instead
            # of pushing the window (and its status bar) past the screen edge.
            scroller = QScrollArea(self.stack)
            scroller.setObjectName(f"scroll_{key}")
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(widget)
            self._scrollers[key] = scroller
            self.stack.insertWidget(index, scroller)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.pages[key] = widget
        return self.pages[key]

    def _prebuild_next(self) -> None:
        if not warmup.finished.is_set():
            return
        while self._prebuild and self._prebuild[0] in self.pages:
            self._prebuild.pop(0)
        if not self._prebuild:
            self._prebuild_timer.stop()
            return
        self.page(self._prebuild.pop(0))  # one page per tick: the loop turns in between

    def current_page(self) -> QWidget | None:
        """The page widget shown now (inside its scroll area)."""
        key = self.current_key()
        return self.pages.get(key) if key else None

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def _on_nav(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        key = self.specs[row].key
        first = key not in self.pages
        widget = self.page(key)
        self.stack.setCurrentWidget(self._scrollers[key])
        # After the switch: the page left behind is hidden and only marks itself stale.
        self._check_elsewhere()
        shown = getattr(widget, "page_shown", None)
        if not callable(shown):
            return
        if first and getattr(widget, "load_after_paint", False):
            # Built just now: building, painting and reading its data in one turn of the event
            # loop froze the window 100-190 ms on a busy PC (Cetak, Data ganda); the page is
            # painted first and reads its data in a turn of its own.
            QTimer.singleShot(LOAD_AFTER_PAINT_MS, widget, lambda: self._shown_if_current(key))
        else:
            shown()

    def _shown_if_current(self, key: str) -> None:
        # Another page chosen meanwhile: this one reads its data when it is shown again.
        if self.current_key() == key:
            self.pages[key].page_shown()  # type: ignore[attr-defined]

    def _own_change(self, _changes: object) -> None:
        # This app's own commit (its pages were told through the signal): not news from elsewhere.
        with contextlib.suppress(Exception):  # busy or closed: the next check re-reads anyway
            self._stamp = data_stamp.stamp(self.gui.ctx)

    def _check_elsewhere(self) -> bool:
        """Tell the pages when the database changed since the window last looked, as if this app
        had changed records: the visible page reloads, the others re-read when next shown. True
        when something changed."""
        try:
            now = data_stamp.stamp(self.gui.ctx)
        except Exception:  # noqa: BLE001 - a busy or vanished database: pages keep what they show
            return False
        if now == self._stamp:
            return False
        self._stamp = now
        self.gui.signals.emit_changed("registrant", (), "elsewhere")
        return True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Back from a terminal where `rentan add` ran: the page in front shows the new data.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._check_elsewhere()
        super().changeEvent(event)

    def can_leave(self) -> bool:
        """Ask every built page whether it may close (unsaved work)."""
        for widget in self.pages.values():
            check = getattr(widget, "can_leave", None)
            if callable(check) and not check():
                return False
        return True

    # -- chrome ------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: object, shortcut: str | QKeySequence.StandardKey = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        berkas = bar.addMenu(self.tr("&Berkas"))
        self.logout_action = self._action(
            self.tr("&Keluar akun"), self.logout_requested.emit, "Ctrl+Shift+Q"
        )
        self.quit_action = self._action(self.tr("&Tutup aplikasi"), self.close, "Ctrl+Q")
        berkas.addAction(self.logout_action)
        berkas.addSeparator()
        berkas.addAction(self.quit_action)
        halaman = bar.addMenu(self.tr("&Halaman"))
        self.page_actions: dict[str, QAction] = {}
        for spec in self.specs:
            title = QCoreApplication.translate("pages", spec.title)
            action = self._action(
                title, lambda _=False, k=spec.key: self.show_page(k), spec.shortcut
            )
            halaman.addAction(action)
            self.page_actions[spec.key] = action
        alat = bar.addMenu(self.tr("&Alat"))
        self.lock_action = self._action(self.tr("&Kunci layar"), self.lock_requested.emit, "Ctrl+L")
        alat.addAction(self.lock_action)
        self.tools_menu = alat
        bantuan = bar.addMenu(self.tr("Ba&ntuan"))
        self.about_action = self._action(self.tr("&Tentang Rentan Desktop"), self.show_about, "F1")
        bantuan.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        office = self.gui.ctx.office
        user = self.gui.user
        self.office_label = QLabel(
            self.tr("Kantor: {name}").format(name=office.nama if office else "-"), self
        )
        self.user_label = QLabel(
            self.tr("Pengguna: {name} ({role})").format(
                name=user.full_name or user.username, role=role_label(user.role)
            ),
            self,
        )
        self.office_label.setObjectName("officeLabel")
        self.user_label.setObjectName("userLabel")
        self.progress = JobProgress(self, mnemonic=True)
        status.addWidget(self.office_label)
        status.addWidget(self.user_label)
        status.addPermanentWidget(self.progress)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("Tentang {app}").format(app=APP_NAME))
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(
            self.tr(
                "<b>{app}</b> versi {version}<br>Pendaftaran pekerja rentan untuk bantuan iuran "
                "BPJS Ketenagakerjaan (JKK dan JKM), bekerja tanpa internet.<br>"
                "Database: {db}"
            ).format(app=APP_NAME, version=__version__, db=self.gui.ctx.db.path)
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.can_leave():
            event.ignore()
            return
        for job in self.gui.jobs.running():
            job.cancel()
        window_state.save(self, "main")
        if self.gui.jobs.error_handler is self._error_handler:
            self.gui.jobs.error_handler = None  # this window is going away
        event.accept()
