"""Pengaturan > Koneksi server at 1366x768, keyboard only, against the session's real PostgreSQL.

*Tes koneksi* runs off the GUI thread and answers in one sentence (connected, login refused,
unreachable); *Simpan koneksi* remembers the server for the next start without the password.
The test server trusts local logins, so the refused login uses a service account that does not
exist (libpq refuses a wrong password with the same message).
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import make_url
from tests.gui.keyboard import duplicated_mnemonics

from rentan_desktop.services import server_connection

PASSWORD = "sandi-akun-layanan-9"


@pytest.fixture
def tab(qtbot, main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the app data folder
    main_window.resize(1366, 768)
    page = main_window.show_page("settings")
    page.tabs.setCurrentWidget(page.server)
    return page.server


def _fill(qtbot, tab, host: str, port: int, database: str, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    for field, value in (
        (tab.host, host),
        (tab.port, str(port)),
        (tab.database, database),
        (tab.user, user),
        (tab.password, password),
    ):
        field.selectAll()
        qtbot.keyClicks(field, value)


def _answer(qtbot, tab, press) -> str:  # type: ignore[no-untyped-def]
    press()
    assert tab.message.text() == "Menghubungi server…" and not tab.test_button.isEnabled()
    qtbot.waitUntil(lambda: tab.test_button.isEnabled(), timeout=20_000)
    return tab.message.text()


def test_test_connection_then_save_for_the_next_start(
    qtbot, main_window, tab, pg_server: Any, pg_head_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert duplicated_mnemonics(main_window) == {}
    assert tab.current.text() == "Saat ini aplikasi membuka berkas basis data di PC ini."
    database = make_url(pg_head_url).database
    _fill(qtbot, tab, "127.0.0.1", pg_server.port, database, "rentan_test", PASSWORD)
    said = _answer(qtbot, tab, lambda: qtbot.keyClick(tab.password, Qt.Key.Key_Return))
    assert said.startswith(f"Terhubung ke postgresql://rentan_test:***@127.0.0.1:{pg_server.port}/")
    assert said.endswith(": PostgreSQL " + said.split("PostgreSQL ")[1]) and said.count(". ") == 0
    assert "skema terbaru, 0 data pendaftar." in said and PASSWORD not in said
    main_window.grab().save(str(tmp_path / "koneksi-server.png"))
    assert not (tmp_path / "data" / "RentanDesktop" / server_connection.SETTINGS_FILE).exists()

    said = _answer(qtbot, tab, lambda: qtbot.keyClick(tab.save_button, Qt.Key.Key_Space))
    assert said.startswith("Koneksi server disimpan tanpa kata sandi")
    saved = tmp_path / "data" / "RentanDesktop" / server_connection.SETTINGS_FILE
    assert saved.exists() and PASSWORD not in saved.read_text(encoding="utf-8")
    assert tab.password.text() == ""
    assert tab.current.text().startswith("Saat dijalankan, aplikasi membuka server postgresql://")
    url = server_connection.start_location()  # what the next start opens
    assert url is not None and make_url(url).database == database and PASSWORD not in url

    qtbot.keyClick(tab.local_button, Qt.Key.Key_Space)
    assert tab.message.text().startswith("Koneksi server dilupakan")
    assert server_connection.start_location() is None


def test_refused_login_and_unreachable_host_are_one_sentence_each(
    qtbot, tab, pg_server: Any, pg_head_url: str
) -> None:  # type: ignore[no-untyped-def]
    database = make_url(pg_head_url).database
    _fill(qtbot, tab, "127.0.0.1", pg_server.port, database, "bukan_akun", "salah-sekali")
    said = _answer(qtbot, tab, lambda: qtbot.keyClick(tab.test_button, Qt.Key.Key_Space))
    assert said == (
        f"Server basis data postgresql://bukan_akun:***@127.0.0.1:{pg_server.port}/{database} "
        "menolak masuk: nama pengguna atau kata sandi akun layanan salah. Tidak ada yang berubah."
    )
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _fill(qtbot, tab, "127.0.0.1", port, database, "rentan_test", PASSWORD)
    said = _answer(qtbot, tab, lambda: qtbot.keyClick(tab.save_button, Qt.Key.Key_Space))
    assert said.startswith("Server basis data postgresql://rentan_test:***@127.0.0.1:")
    assert "tidak dapat dihubungi" in said and said.endswith("Tidak ada yang berubah.")
    assert server_connection.saved() is None  # a refused connection is not remembered
    tab.port.selectAll()
    qtbot.keyClicks(tab.port, "54x")
    qtbot.keyClick(tab.test_button, Qt.Key.Key_Space)
    assert tab.message.text() == "Port server harus angka 1 sampai 65535."


def test_the_next_start_opens_the_saved_server(
    qtbot, make_app, pg_server: Any, pg_url: str, ctx, admin, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui import app as app_module
    from rentan_desktop.gui.login.dialog import LoginDialog
    from rentan_desktop.services import server_migration
    from rentan_desktop.storage.location import ServerLocation

    server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = server_connection.ServerSettings(
        "127.0.0.1", pg_server.port, make_url(pg_url).database, "rentan_test"
    )
    server_connection.save(settings, PASSWORD)
    url = app_module._server_url(None, None)  # no --db: what Simpan koneksi saved
    assert url is not None and make_url(url).database == settings.database
    app = make_app(url)
    window = app.start()
    assert isinstance(window, LoginDialog)  # the office on the server is set up
    with qtbot.waitSignal(app.context_ready, timeout=30_000) as opened:
        pass
    assert opened.args[0].on_server and opened.args[0].office.nama == ctx.office.nama


def test_a_saved_server_that_cannot_be_reached_is_one_sentence_at_start(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path / "data" / "RentanDesktop"
    folder.mkdir(parents=True)
    (folder / server_connection.SETTINGS_FILE).write_text(
        f'{{"host": "127.0.0.1", "port": {port}, "database": "rentan", "user": "rentan"}}',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "RENTAN_DESKTOP_QUIT_AFTER_MS": "400",
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("RENTAN_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "rentan_desktop.gui.app"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    lines = [x for x in done.stderr.splitlines() if "propagateSizeHints" not in x]
    assert lines == [
        f"Server basis data postgresql://rentan@127.0.0.1:{port}/rentan tidak dapat dihubungi; "
        "periksa alamat server, jaringan, dan bahwa PostgreSQL berjalan di sana. Tidak ada yang "
        "berubah."
    ]
    assert sorted(p.name for p in folder.iterdir()) == [server_connection.SETTINGS_FILE]
