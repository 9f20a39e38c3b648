"""Login dialog (messages and lockout from services.auth), logout, and the idle lock."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from rentan_desktop.gui.lock import SETTING_KEY, IdleLock, idle_minutes
from rentan_desktop.gui.login.dialog import LoginDialog
from rentan_desktop.services import auth

PASSWORD = "rahasia-kuat-1"  # the root conftest's admin password


def _login_dialog(make_app, qtbot, db_path):  # type: ignore[no-untyped-def]
    app = make_app(db_path)
    dialog = app.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    return app, dialog


def _type_login(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setFocus()
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_shows_one_sentence(make_app, qtbot, db_path) -> None:
    _app, dialog = _login_dialog(make_app, qtbot, db_path)
    _type_login(qtbot, dialog, "admin", "salah-sekali")
    assert dialog.message.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.password.text() == ""
    assert dialog.isVisible()


def test_lockout_after_five_failures(make_app, qtbot, db_path) -> None:
    _app, dialog = _login_dialog(make_app, qtbot, db_path)
    for _ in range(auth.MAX_FAILED):
        _type_login(qtbot, dialog, "admin", "salah-sekali")
    assert "dikunci sementara" in dialog.message.text()
    _type_login(qtbot, dialog, "admin", PASSWORD)  # even the right password waits out the lock
    assert "dikunci sementara" in dialog.message.text()


def test_keyboard_login_opens_main_window_and_logout_returns(make_app, qtbot, db_path) -> None:
    app, dialog = _login_dialog(make_app, qtbot, db_path)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        _type_login(qtbot, dialog, "admin", PASSWORD)
    window = shown.args[0]
    assert window.isVisible() and not dialog.isVisible()
    assert app.lock is not None and app.lock.window is window
    window.logout_action.trigger()
    assert isinstance(app.window, LoginDialog) and app.window.isVisible()
    assert app.main_window is None


def test_idle_lock_hides_data_and_needs_the_password(make_app, qtbot, db_path) -> None:
    app, dialog = _login_dialog(make_app, qtbot, db_path)
    app.ctx.set_setting(SETTING_KEY, 5)
    assert idle_minutes(app.ctx) == 5
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        _type_login(qtbot, dialog, "admin", PASSWORD)
    window = shown.args[0]
    lock: IdleLock = app.lock
    assert lock.timer.interval() == 5 * 60_000
    lock.set_interval_ms(50)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert not window.centralWidget().isVisible()
    unlock = lock.dialog
    qtbot.keyClicks(unlock.password, "bukan-ini")
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    assert unlock.message.text() == "Nama pengguna atau kata sandi salah."
    assert lock.locked
    qtbot.keyClick(unlock.password, Qt.Key.Key_Escape)  # Esc does not unlock
    assert lock.locked
    lock.set_interval_ms(0)  # no re-lock while the test finishes
    qtbot.keyClicks(unlock.password, PASSWORD)
    qtbot.keyClick(unlock.password, Qt.Key.Key_Return)
    assert not lock.locked
    assert window.centralWidget().isVisible()


def test_activity_postpones_the_lock(make_app, qtbot, db_path) -> None:
    app, dialog = _login_dialog(make_app, qtbot, db_path)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        _type_login(qtbot, dialog, "admin", PASSWORD)
    window = shown.args[0]
    lock: IdleLock = app.lock
    lock.set_interval_ms(1000)
    for _ in range(10):
        qtbot.wait(200)
        # Through the QWindow, as real input arrives (any key press counts as activity).
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert not lock.locked  # 2 s of typing with a 1 s idle limit
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    lock.set_interval_ms(0)
    lock.dialog.password.setText(PASSWORD)
    lock.dialog.try_unlock()
    assert not lock.locked


def test_ctrl_l_locks_at_once(make_app, qtbot, db_path) -> None:
    app, dialog = _login_dialog(make_app, qtbot, db_path)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        _type_login(qtbot, dialog, "admin", PASSWORD)
    window = shown.args[0]
    window.lock_action.trigger()
    assert app.lock.locked
    app.lock.set_interval_ms(0)
    app.lock.dialog.password.setText(PASSWORD)
    app.lock.dialog.try_unlock()
    assert not app.lock.locked


def test_damaged_database_offers_the_backup_before_login(
    make_app, qtbot, ctx, admin, db_path, find_top
) -> None:
    import sqlite3

    from rentan_desktop.gui.recovery import RecoveryDialog
    from rentan_desktop.services import backups

    backups.backup_now(ctx, actor=admin)
    ctx.close()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(db_path.read_bytes())
    start = (pages // 2) * page_size
    data[start : start + page_size] = bytes([0xA5]) * page_size  # as SQLite's malformed tests do
    db_path.write_bytes(bytes(data))

    app = make_app(db_path)
    app.start()
    qtbot.waitUntil(lambda: getattr(app, "recovery_dialog", None) is not None, timeout=20_000)
    recovery: RecoveryDialog = app.recovery_dialog
    assert recovery.isVisible() and "rusak" in recovery.message.text()
    assert app.ctx is None  # nothing opened the damaged file for writing
    # Backups are encrypted by default: the admin types the office key passphrase that opens them.
    if recovery.passphrase.isVisible():
        recovery.passphrase.setText(os.environ["RENTAN_KEY_PASSPHRASE"])
    recovery.restore()
    qtbot.waitUntil(
        lambda: app.ctx is not None or "sandi" in recovery.message.text(), timeout=30_000
    )
    assert app.ctx is not None, recovery.message.text()
    assert isinstance(app.window, LoginDialog)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000):
        _type_login(qtbot, app.window, "admin", PASSWORD)
    kept = list(db_path.parent.rglob("*.db*")) + list(db_path.parent.rglob("*damaged*"))
    assert len(kept) >= 2  # the damaged file is kept aside, not deleted
