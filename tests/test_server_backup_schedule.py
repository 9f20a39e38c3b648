"""Server backups on the embedded backups' schedule and rotation (issue 18 point 5).

A coordinator office's database moved to the session's real PostgreSQL: the timer's question
(``backup_due``) and ``backup_now`` (schedule, on exit, by hand) write an encrypted ``pg_dump`` into
the same backup folder, named so the same rotation keeps and drops it; restoring one from the app
is refused with one sentence pointing to ``rentan server-restore``, which the test then runs.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.test_cli import run

from rentan_desktop.services import backups, server_migration
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import backup_catalog
from rentan_desktop.storage.backup_catalog import BackupKind, BackupPolicy
from rentan_desktop.storage.location import ServerLocation

PASSPHRASE = "sandi-cadangan-kantor"
PASS_ENV = "RENTAN_BACKUP_PASS"


def test_server_backups_follow_the_schedule_and_rotation(
    ctx: AppContext,
    admin: Any,
    pg_url: str,
    pg_server: Any,
    rentan_bin: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the server's local key folder
    backups.set_passphrase(ctx, actor=admin, passphrase=PASSPHRASE)
    server_migration.move_to_server(ctx, ServerLocation(pg_url), actor=admin)
    on_server = AppContext.open(pg_url)
    try:
        assert on_server.on_server
        registrants = on_server.db.reader
        backups.set_policy(
            on_server,
            actor=admin,
            policy=BackupPolicy(daily=1, weekly=0, recent=1, interval_minutes=60),
        )
        assert backups.backup_due(on_server)  # nothing yet: the timer backs up at once
        first = backups.backup_now(on_server, actor=admin, kind=BackupKind.AUTO)
        assert first.ok and len(first.made) == 1
        made = first.made[0]
        assert made.name.startswith("rentan-server-") and made.name.endswith("-auto.rpg")
        assert made.path.parent == backups.backup_folder(on_server) and made.encrypted
        with registrants() as session:
            count = session.exec(  # type: ignore[call-overload]
                backups_count_statement()
            ).one()[0]
        assert made.record_count == count
        assert not backups.backup_due(on_server)  # the next one in an hour
        later = datetime.now(UTC) + timedelta(minutes=61)
        assert backups.backup_due(on_server, now=later)
        time.sleep(1.1)  # names carry the second
        second = backups.backup_now(on_server, actor=admin, kind=BackupKind.EXIT)
        # One kept (recent=1, one day): the older dump went, as an embedded backup would.
        assert second.rotated == [made.path] and not made.path.exists()
        listed = backup_catalog.list_backups(backups.backup_folder(on_server))
        assert [b.kind for b in listed] == [BackupKind.EXIT]
        with pytest.raises(UserError) as refused:
            backups.restore(on_server, actor=admin, backup=listed[0].path)
        assert refused.value.message("id").startswith(
            "Cadangan basis data server dipulihkan dengan `rentan server-restore` ke basis data "
            "kosong di server"
        )
        assert listed[0].path.exists()
        # The restore the sentence points to: into an empty database, every table compared.
        kept = str(listed[0].path)
        scratch_name = "restore_" + listed[0].path.stem[14:29].lower()
        scratch = pg_server.create_database(scratch_name)
        try:
            wrong = run(
                rentan_bin, "server-restore", kept, "--into", scratch, env={PASS_ENV: "salah"}
            )
            assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
            assert len(wrong.stderr.strip().splitlines()) == 1
            done = run(
                rentan_bin,
                "server-restore",
                kept,
                "--into",
                scratch,
                env={PASS_ENV: PASSPHRASE},
            )
            assert done.returncode == 0, done.stderr
            assert done.stdout.startswith(f"Cadangan {listed[0].name} dipulihkan ke ")
            assert done.stdout.strip().endswith("cocok tabel demi tabel.")
        finally:
            pg_server.drop_database(scratch_name)
    finally:
        on_server.close()


def backups_count_statement() -> Any:
    from sqlalchemy import text

    return text("SELECT count(*) FROM registrant")
