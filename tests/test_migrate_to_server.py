"""`rentan migrate-to-server`: a database made by the app (set up, then filled as `rentan demo` does) moves into
an empty PostgreSQL database with every row, verified; refusals change nothing on either side.
Real processes, a real SQLite file and a real PostgreSQL server (tests/pg_server.py).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from tests.conftest import ADMIN_PASSWORD, _copy_db
from tests.test_cli import run

from rentan_desktop.services import audit, auth, demo, server_migration
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError, user_message
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.server_copy import CopyRefused


@pytest.fixture(scope="module")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office's database made by the app: set up (the session's template), then filled by the
    same generator as `rentan demo`."""
    db = tmp_path_factory.mktemp("demo") / "kantor.db"
    _copy_db(template_db, db)
    ctx = AppContext.open(db)
    try:
        admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
        assert demo.generate(ctx, actor=admin, count=200, seed=18).created == 200
    finally:
        ctx.close()
    return db


@pytest.fixture
def office_db(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kantor.db"
    _copy_db(demo_db, path)
    return path


@pytest.fixture
def office(office_db: Path) -> Iterator[tuple[AppContext, Any]]:
    ctx = AppContext.open(office_db)
    try:
        yield ctx, auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
    finally:
        ctx.close()


def sqlite_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("sqlite_", "registrant_fts")) and r[0] != "alembic_version"
        ]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def server_counts(url: str, tables: list[str]) -> dict[str, int]:
    with psycopg.connect(url) as con:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_app_database_moves_with_every_row_verified(
    office_db: Path, pg_url: str, rentan_bin: str, pg_server: Any, pg_head_template: str
) -> None:
    moved = run(
        rentan_bin,
        "migrate-to-server",
        "--db",
        str(office_db),
        "--to",
        pg_url,
        "--user",
        "admin",
        "--json",
    )
    assert moved.returncode == 0, moved.stderr
    report = json.loads(moved.stdout)
    # The file now also records the move (one audit event, one setting) after the server's copy.
    recorded = sqlite_counts(office_db)
    before = {
        **recorded,
        "audit_event": recorded["audit_event"] - 1,
        "setting": recorded["setting"] - 1,
    }
    assert before["registrant"] == 200 and before["audit_event"] > 0 and before["wilayah"] > 80_000
    assert {t["name"]: t["rows"] for t in report["tables"]} == before
    assert all(len(t["sha256"]) == 64 for t in report["tables"])

    # Checked here independently of the command's own verification.
    assert server_counts(pg_url, list(before)) == before
    lite = sqlite3.connect(office_db)
    with psycopg.connect(pg_url) as con:
        for query in (
            "SELECT uuid, nik, no_kk, nama, tanggal_lahir, row_mac FROM registrant ORDER BY id",
            "SELECT id, ts, actor, action, detail, prev_hash, hash FROM audit_event ORDER BY id",
        ):
            there = [
                tuple(str(v) if v is not None else None for v in r) for r in con.execute(query)
            ]
            here = [
                tuple(str(v) if v is not None else None for v in r) for r in lite.execute(query)
            ]
            if "audit_event" in query:  # the file's chain goes on with the move's own event
                assert here[-1][3] == "database.moved_to_server"
                assert json.loads(here[-1][4])["audit_head"] == there[-1][6]
                here = here[:-1]
            assert there == here
        # NIKs stay text: leading digits and length intact.
        assert con.execute(
            "SELECT min(length(nik)), max(length(nik)) FROM registrant"
        ).fetchone() == (16, 16)
        # The server's sequences continue after the copied ids: a new event gets the next id.
        last = con.execute("SELECT max(id) FROM audit_event").fetchone()[0]
        new_id = con.execute(
            "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail, prev_hash,"
            " hash) VALUES ('2026-12-07T00:00:00.000000+00:00', 'admin', 'probe', 'x', NULL,"
            " '{}', 'p', 'h') RETURNING id"
        ).fetchone()[0]
        assert new_id == last + 1
        con.rollback()
    lite.close()
    # The indexes the copy set aside while loading are all back, as a fresh schema has them.
    index_query = (
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
    )
    with psycopg.connect(pg_url) as con, psycopg.connect(pg_server.url(pg_head_template)) as fresh:
        # (a rebuilt partial index's WHERE comes back spelled another way by the server)
        rebuilt = [(n, d.split(" WHERE ")[0], " WHERE " in d) for n, d in con.execute(index_query)]
        made = [(n, d.split(" WHERE ")[0], " WHERE " in d) for n, d in fresh.execute(index_query)]
        assert rebuilt == made
    # The chain, as the server holds it, verifies under the office's audit key.
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from rentan_desktop.storage.location import ServerLocation
    from rentan_desktop.storage.server import server_engine

    engine = server_engine(ServerLocation(pg_url), pooled=False)
    key_engine = create_engine(f"sqlite:///{office_db}")
    try:
        with Session(key_engine) as lite_session:
            key = audit.key_for(lite_session)
        assert key is not None
        with Session(engine) as session:
            chain = audit.verify_chain(session, key)
        assert chain.ok and chain.events == before["audit_event"] == report["audit_events"]
    finally:
        engine.dispose()
        key_engine.dispose()

    # Into a server that already holds the data: refused, nothing changed.
    ctx = AppContext.open(office_db)
    try:
        with pytest.raises(CopyRefused) as refused:
            server_migration.move_to_server(
                ctx, ServerLocation(pg_url), actor=auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
            )
    finally:
        ctx.close()
    assert "sudah berisi data" in refused.value.message("id")
    assert server_counts(pg_url, list(before)) == before
    after = sqlite_counts(office_db)  # the file: only the second sign-in was added
    assert after.pop("audit_event") == recorded["audit_event"] + 1
    assert after == {k: v for k, v in recorded.items() if k != "audit_event"}
    # Every later command on the file says it was moved, and still works.
    stats = run(rentan_bin, "stats", "--db", str(office_db))
    assert stats.returncode == 0
    assert stats.stderr.startswith("Perhatian: basis data ini sudah dipindahkan ke server")
    assert "tidak sampai ke server" in stats.stderr


@pytest.mark.slow
def test_admin_checks_and_backs_up_the_server_after_the_move(
    office: tuple[AppContext, Any],
    office_db: Path,
    pg_url: str,
    rentan_bin: str,
    pg_server: Any,
    tmp_path: Path,
) -> None:
    ctx, admin = office
    server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    # The admin checks the server and backs it up (encrypted under the office's backup key,
    # which moved with the settings), verified by a restore into a scratch database.
    checked = run(rentan_bin, "server-check", "--server", pg_url, "--json")
    assert checked.returncode == 0, checked.stderr
    state = json.loads(checked.stdout)
    assert state["schema"] == "current" and state["registrants"] == 200
    assert state["postgresql"].startswith("15")
    scratch = pg_server.create_database("scratch_after_move")
    try:
        backup = run(
            rentan_bin,
            "server-backup",
            "--server",
            pg_url,
            "--folder",
            str(tmp_path / "cadangan-server"),
            "--verify-into",
            scratch,
            "--passphrase-env",
            "RENTAN_KEY_PASSPHRASE",
        )
    finally:
        pg_server.drop_database("scratch_after_move")
    assert backup.returncode == 0, backup.stderr
    assert "dipulihkan ke basis data uji dan cocok" in backup.stdout
    (made,) = (tmp_path / "cadangan-server").iterdir()
    nik = sqlite3.connect(office_db).execute("SELECT nik FROM registrant LIMIT 1").fetchone()[0]
    assert made.suffix == ".rpg" and nik.encode() not in made.read_bytes()


def _server_is_empty(url: str) -> bool:
    with psycopg.connect(url) as con:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                " AND tablename <> 'alembic_version'"
            )
        ]
        assert len(tables) >= 29  # the schema is there (migrated), only empty
        return all(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] == 0 for t in tables)


def test_a_file_edited_outside_the_app_is_not_moved(
    office_db: Path, office: tuple[AppContext, Any], pg_url: str
) -> None:
    con = sqlite3.connect(office_db)
    con.execute("UPDATE registrant SET nama = 'ORANG LAIN' WHERE id = 7")
    con.commit()
    con.close()
    ctx, admin = office
    with pytest.raises(UserError) as refused:
        server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    assert refused.value.message("id").startswith("Berkas asal tidak lolos pemeriksaan audit")
    assert _server_is_empty(pg_url)


def test_a_value_the_server_refuses_rolls_the_whole_move_back(
    office_db: Path, office: tuple[AppContext, Any], pg_url: str
) -> None:
    """Text with a NUL character (SQLite keeps it, PostgreSQL cannot): the table is named, and
    the tables already copied before it are gone again."""
    con = sqlite3.connect(office_db)
    con.execute("INSERT INTO setting (key, value) VALUES ('zz.note', 'a' || char(0) || 'b')")
    con.commit()
    con.close()
    ctx, admin = office
    with pytest.raises(CopyRefused) as refused:
        server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    message = refused.value.message("en")
    assert message.startswith("The server refused data of table setting")
    assert "Nothing was moved" in message
    assert _server_is_empty(pg_url)


def test_only_an_admin_moves_the_database(office: tuple[AppContext, Any], pg_url: str) -> None:
    ctx, admin = office
    auth.create_user(
        ctx,
        actor=admin,
        username="clerk",
        full_name="Clerk",
        role="operator",
        password=ADMIN_PASSWORD,
    )
    clerk = auth.authenticate(ctx, "clerk", ADMIN_PASSWORD)
    with pytest.raises(Exception) as refused:
        server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=clerk)
    assert "Traceback" not in str(refused.value)
    assert user_message(refused.value, "id")


def test_server_addresses_on_the_command_line(
    office_db: Path, tmp_path: Path, rentan_bin: str, pg_server: Any
) -> None:
    # Another command with the address of a database nobody made: one sentence saying so, and
    # no file named "postgresql:".
    here = tmp_path / "here"
    here.mkdir()
    out = subprocess.run(
        [rentan_bin, "stats", "--db", pg_server.url("rentan")],
        capture_output=True,
        text=True,
        cwd=here,
        timeout=120,
    )
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith("Basis data rentan tidak ada di server postgresql://")
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert not list(here.iterdir())
