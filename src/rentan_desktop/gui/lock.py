"""Idle lock: after a configurable time without keyboard or mouse input the window is covered and
the user re-enters their password (checked through services.auth, so lockout rules apply)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from rentan_desktop.gui.app import Application

SETTING_KEY = "idle_lock_minutes"
DEFAULT_MINUTES = 10
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_minutes(ctx: object) -> int:
    """The configured idle time in minutes (0 disables the lock)."""
    value = ctx.setting(SETTING_KEY, DEFAULT_MINUTES)  # type: ignore[attr-defined]
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return DEFAULT_MINUTES


class UnlockDialog(QDialog):
    """Covers the main window until the logged-in user's password is entered again."""

    def __init__(self, app: Application, parent: QWidget) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Layar terkunci"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        user = app.user
        name = (user.full_name or user.username) if user else ""
        info = QLabel(
            self.tr(
                "Layar dikunci karena tidak ada aktivitas. Masukkan kata sandi {name} untuk "
                "melanjutkan."
            ).format(name=name),
            self,
        )
        info.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel(self.tr("&Kata sandi:"), self)
        label.setBuddy(self.password)
        self.message = QLabel(self)
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(self)
        self.unlock_button = buttons.addButton(
            self.tr("&Buka kunci"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setDefault(True)
        logout = buttons.addButton(
            self.tr("&Keluar akun"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.unlock_button.clicked.connect(self.try_unlock)
        logout.clicked.connect(self._logout)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)

    def accept(self) -> None:
        self.try_unlock()

    def reject(self) -> None:  # Esc must not unlock
        return

    def try_unlock(self) -> None:
        from rentan_desktop.gui.errors import user_text
        from rentan_desktop.services import auth

        assert self.app.ctx is not None and self.app.user is not None
        try:
            auth.authenticate(self.app.ctx, self.app.user.username, self.password.text())
        except Exception as exc:  # noqa: BLE001
            text = user_text(exc)
            if text is None:
                raise
            self.message.setText(text)
            self.password.clear()
            return
        self.password.clear()
        super().accept()

    def _logout(self) -> None:
        super().accept()
        self.app.logout(force=True)


class IdleLock(QObject):
    """Watches input; locks after ``idle_lock_minutes`` of silence.

    The filter sits on each top-level QWindow as it gets focus (input reaches the QWindow before
    any widget), not on the QApplication: an application-wide Python filter would run for every
    event of every object, timers and paints included, and slow scrolling through long lists.
    """

    def __init__(self, app: Application) -> None:
        super().__init__(app)
        self.app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.window: QWidget | None = None
        self.dialog: UnlockDialog | None = None
        self._filtering = False

    def start(self, window: QWidget) -> None:
        """Begin watching for ``window`` with the minutes from the settings table."""
        self.window = window
        minutes = idle_minutes(self.app.ctx) if self.app.ctx else DEFAULT_MINUTES
        self.set_interval_ms(minutes * 60_000)
        self._watch(window.windowHandle())
        if not self._filtering:
            QGuiApplication.instance().focusWindowChanged.connect(self._watch)  # type: ignore[union-attr]
            self._filtering = True

    def set_interval_ms(self, ms: int) -> None:
        """Change the idle time (0 turns the lock off)."""
        self.timer.stop()
        self.timer.setInterval(ms)
        if ms > 0:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self._filtering:
            QGuiApplication.instance().focusWindowChanged.disconnect(self._watch)  # type: ignore[union-attr]
            self._filtering = False
        self.window = None

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing twice only moves it to the front

    @property
    def locked(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT_EVENTS and not self.locked and self.timer.interval() > 0:
            self.timer.start()  # restart the countdown
        return False

    def lock_now(self) -> None:
        """Cover the window now and ask for the password."""
        if self.window is None or self.locked:
            return
        central = getattr(self.window, "centralWidget", lambda: None)()
        if central is not None:
            central.setVisible(False)  # registrants' data must not stay readable behind the dialog
        self.dialog = UnlockDialog(self.app, self.window)
        self.dialog.finished.connect(self._unlocked)
        self.dialog.open()
        self.dialog.password.setFocus()

    def _unlocked(self) -> None:
        self.dialog = None
        central = getattr(self.window, "centralWidget", lambda: None)() if self.window else None
        if central is not None:
            central.setVisible(True)
        if self.timer.interval() > 0 and self.window is not None:
            self.timer.start()
