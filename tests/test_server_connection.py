"""The coordinator office's server connection: test it, remember it (never the password), open it.

Against the session's real PostgreSQL (tests/pg_server.py), over TCP as a coordinator's PC reaches
its office server. That server trusts local logins, so a refused login is shown with a service
account that does not exist; libpq gives the same refusal for a wrong password.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from rentan_desktop.services import server_connection as sc
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.server import ServerUnavailable

PASSWORD = "sandi-akun-layanan-9"


def _settings(pg_server: Any, url: str, user: str = "rentan_test") -> sc.ServerSettings:
    return sc.ServerSettings("127.0.0.1", pg_server.port, make_url(url).database, user)


def test_check_names_version_schema_and_count(
    pg_server: Any, pg_url: str, pg_head_url: str
) -> None:
    empty = sc.check(_settings(pg_server, pg_url).location(PASSWORD))
    assert empty.schema == "empty" and empty.registrants == 0
    head = sc.check(_settings(pg_server, pg_head_url).location(PASSWORD))
    assert head.schema == "current" and int(head.version.split(".")[0]) >= 15
    sentence = head.sentence("id")
    assert sentence.startswith("Terhubung ke postgresql://rentan_test:***@127.0.0.1:")
    assert "skema terbaru, 0 data pendaftar." in sentence and PASSWORD not in sentence


def test_saved_connection_opens_next_time_and_keeps_no_password(
    pg_server: Any, pg_head_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(pg_server, pg_head_url)
    status, said = sc.save(settings, PASSWORD, folder=tmp_path)
    assert status.schema == "current"
    # No keyring here: the password is not kept anywhere; libpq reads PGPASSWORD next time.
    assert said.startswith("Koneksi server disimpan tanpa kata sandi") and "PGPASSWORD" in said
    written = (tmp_path / sc.SETTINGS_FILE).read_text(encoding="utf-8")
    assert PASSWORD not in written and '"database"' in written
    assert sc.saved(tmp_path) == settings
    url = sc.start_location(tmp_path)
    assert url is not None and PASSWORD not in url
    monkeypatch.setenv(sc.PASSWORD_ENV, PASSWORD)
    ctx = AppContext.open(url)
    try:
        assert ctx.on_server and ctx.office is None
    finally:
        ctx.close()
    assert sc.forget(tmp_path).startswith("Koneksi server dilupakan")
    assert sc.saved(tmp_path) is None and sc.start_location(tmp_path) is None


def test_refused_connection_is_one_sentence_and_nothing_is_saved(
    pg_server: Any, pg_head_url: str, tmp_path: Path
) -> None:
    nobody = _settings(pg_server, pg_head_url, user="bukan_akun_layanan")
    with pytest.raises(ServerUnavailable) as login:
        sc.save(nobody, "salah-sekali", folder=tmp_path)
    assert login.value.code == "server.login_refused"
    assert "salah-sekali" not in login.value.message("id")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = sc.ServerSettings("127.0.0.1", port, "rentan", "rentan_test")
    with pytest.raises(ServerUnavailable) as unreachable:
        sc.check(down.location(PASSWORD))
    assert unreachable.value.code == "server.unreachable"
    assert not (tmp_path / sc.SETTINGS_FILE).exists()


def test_form_values_are_checked_before_any_connection() -> None:
    with pytest.raises(UserError) as missing:
        sc.ServerSettings.from_form("", "5432", "rentan", "rentan")
    assert missing.value.message("id") == (
        "Isi alamat server, nama basis data dan nama pengguna akun layanan."
    )
    with pytest.raises(UserError) as port:
        sc.ServerSettings.from_form("db.kantor.lan", "54x", "rentan", "rentan")
    assert port.value.message("id") == "Port server harus angka 1 sampai 65535."
    assert sc.ServerSettings.from_form(" db.kantor.lan ", "", "rentan", "svc").port == 5432


def test_start_facts_read_the_office_on_the_server(
    pg_url: str, ctx: AppContext, admin: Any
) -> None:
    from rentan_desktop.services import server_migration
    from rentan_desktop.storage.location import ServerLocation

    assert sc.start_facts(pg_url, "language") == sc.StartFacts(False, None, None)
    server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    facts = sc.start_facts(pg_url, "language")
    assert facts.initialised and facts.office_name == ctx.office.nama  # type: ignore[union-attr]
