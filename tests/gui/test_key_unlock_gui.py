"""Unlocking the office key in the GUI: scrypt runs as a job (the window keeps turning), and a
sealed audit key is unlocked at login, before anything is written."""

from __future__ import annotations

import os
import subprocess
import time

from PySide6.QtCore import Qt, QTimer
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE
from tests.gui import stall
from tests.gui.test_no_frozen_window import FROZEN_MS

from rentan_desktop.gui.keys.unlock import ensure_unlocked
from rentan_desktop.gui.login.dialog import LoginDialog
from rentan_desktop.services import trust


def _type_when_up(find_top, passphrase: str, seen: dict[str, object]) -> None:
    """Answer the passphrase dialog once it is up; note whether it showed it was working."""

    def fill() -> None:
        dialog = find_top("keyPassphraseDialog")
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        dialog.passphrase.setText(passphrase)
        seen["started"] = time.monotonic()
        dialog._check()  # noqa: SLF001 - the OK button's slot
        seen["busy_shown"] = dialog.is_busy() and dialog.busy.isVisible()
        seen["inputs_off"] = not dialog.passphrase.isEnabled()

    QTimer.singleShot(0, fill)


def test_unlocking_runs_off_the_gui_thread(qtbot, gui_ctx, find_top, monkeypatch) -> None:
    trust.create_office_key(gui_ctx.ctx, actor=gui_ctx.user, passphrase=KEY_PASSPHRASE)
    trust.lock_office_key(gui_ctx.ctx)
    monkeypatch.delenv(trust.PASSPHRASE_ENV)
    beat = stall.Heartbeat()
    beat.start()
    beat.reset()
    seen: dict[str, object] = {}
    _type_when_up(find_top, KEY_PASSPHRASE, seen)
    assert ensure_unlocked(_parent(qtbot), gui_ctx)
    elapsed = time.monotonic() - float(seen["started"])  # type: ignore[arg-type]
    gap_ms = beat.close_gap() * 1000
    beat.stop()
    assert trust.office_key_unlocked(gui_ctx.ctx)
    assert seen["busy_shown"] and seen["inputs_off"]
    # scrypt alone takes longer than the allowed gap: on the GUI thread this could not pass.
    assert elapsed * 1000 > FROZEN_MS, elapsed
    assert gap_ms < FROZEN_MS, gap_ms


def _parent(qtbot):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_sealed_audit_key_is_unlocked_at_login(
    make_app, qtbot, db_path, find_top, rentan_bin, monkeypatch
) -> None:
    """The key was made by another process (as on the office PC yesterday): this one starts
    locked, so the login itself could not be written until the passphrase is given."""
    subprocess.run(
        [rentan_bin, "keys", "create", "--db", str(db_path), "--user", "admin"],
        env={**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD},
        check=True,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    monkeypatch.delenv(trust.PASSPHRASE_ENV)
    app = make_app(db_path)
    dialog = app.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    seen: dict[str, object] = {}
    _type_when_up(find_top, KEY_PASSPHRASE, seen)
    with qtbot.waitSignal(app.main_window_shown, timeout=60_000):
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.password, ADMIN_PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert seen["busy_shown"]
    assert trust.office_key_unlocked(app.ctx)


def test_setting_a_new_passphrase_does_not_say_unlock(qtbot) -> None:
    """Making the office key asks for a new passphrase twice; its button sets it, it unlocks
    nothing (the walk found "Buka kunci" on the create dialog)."""
    from PySide6.QtWidgets import QDialogButtonBox

    from rentan_desktop.gui.keys.unlock import PassphraseDialog

    ok = QDialogButtonBox.StandardButton.Ok
    made = PassphraseDialog(None, new=True, intro="Kunci kantor baru.")
    opened = PassphraseDialog(None, new=False, intro="Masukkan frasa sandi.")
    for dialog in (made, opened):
        qtbot.addWidget(dialog)
    assert made.buttons.button(ok).text().replace("&", "") == "Tetapkan frasa sandi"
    assert made.again.isVisibleTo(made) and "Buka" not in made.busy.format()
    assert opened.buttons.button(ok).text().replace("&", "") == "Buka kunci"
