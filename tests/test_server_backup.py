"""Backups of a server database: a real pg_dump of a real PostgreSQL database (tests/pg_server.py),
encrypted on the way to disk, verified by a real pg_restore into a scratch database."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from rentan_desktop.signing import backup_cipher
from rentan_desktop.storage import server_backup
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.server_backup import ServerBackupError

NIK = "6408014101900001"
PASSPHRASE = "sandi cadangan server"


@pytest.fixture
def key() -> backup_cipher.BackupKey:
    return backup_cipher.create_backup_key(PASSPHRASE, scrypt_n=1 << 14)


def _fill(url: str) -> None:
    with psycopg.connect(url) as con:
        con.execute("INSERT INTO wilayah VALUES ('6408012001', 'Senyiur', 4, 'desa', NULL)")
        con.execute("INSERT INTO setting (key, value) VALUES ('nik.contoh', %s)", (NIK,))
        for i in range(3):
            con.execute(
                "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail,"
                " prev_hash, hash) VALUES ('2026-12-07T00:00:00.000000+00:00', 'admin', 'x',"
                " 'y', NULL, %s, %s, %s)",
                (f'{{"nik": "{NIK}"}}', str(i), str(i + 1)),
            )


def test_dump_is_encrypted_consistent_and_restores_identically(
    pg_head_url: str, pg_url: str, key: backup_cipher.BackupKey, tmp_path: Path
) -> None:
    _fill(pg_head_url)
    made = server_backup.dump(ServerLocation(pg_head_url), tmp_path / "cadangan", key)
    assert made.path.exists() and made.path.suffix == ".rpg"
    assert [p.name for p in made.path.parent.iterdir()] == [made.path.name]  # no temp file left
    raw = made.path.read_bytes()
    assert NIK.encode() not in raw and b"Senyiur" not in raw  # nothing readable on disk
    assert backup_cipher.is_encrypted(made.path)
    assert made.tables["audit_event"][0] == 3 and made.tables["wilayah"][0] == 1

    # A change after the dump is not in it: the figures are those of the dump's snapshot.
    with psycopg.connect(pg_head_url) as con:
        con.execute("INSERT INTO setting (key, value) VALUES ('sesudah', 'x')")
    checked = server_backup.verify_backup(made.path, PASSPHRASE, ServerLocation(pg_url))
    assert checked == made.tables
    with psycopg.connect(pg_url) as con:
        assert con.execute("SELECT value FROM setting WHERE key = 'nik.contoh'").fetchone() == (
            NIK,
        )
        assert con.execute("SELECT count(*) FROM setting WHERE key = 'sesudah'").fetchone() == (0,)
        # The restored database keeps the append-only audit trail.
        with pytest.raises(psycopg.errors.RaiseException):
            con.execute("DELETE FROM audit_event")


def test_wrong_passphrase_and_damaged_file_are_one_sentence(
    pg_head_url: str, pg_server: object, key: backup_cipher.BackupKey, tmp_path: Path
) -> None:
    made = server_backup.dump(ServerLocation(pg_head_url), tmp_path, key, label="uji")
    scratch = pg_server.create_database("scratch_backup_wrong")  # type: ignore[attr-defined]
    try:
        with pytest.raises(ServerBackupError) as wrong:
            server_backup.verify_backup(made.path, "bukan sandinya", ServerLocation(scratch))
        assert wrong.value.message("id").startswith(f"Cadangan {made.path.name} tidak dapat dibuka")
        data = bytearray(made.path.read_bytes())
        data[len(data) // 2] ^= 0x01
        made.path.write_bytes(bytes(data))
        with pytest.raises(ServerBackupError) as damaged:
            server_backup.verify_backup(made.path, PASSPHRASE, ServerLocation(scratch))
        assert "tidak dapat" in damaged.value.message("id")
    finally:
        pg_server.drop_database("scratch_backup_wrong")  # type: ignore[attr-defined]


def test_unreachable_server_makes_no_file(
    key: backup_cipher.BackupKey, pg_server: object, tmp_path: Path
) -> None:
    gone = ServerLocation(pg_server.url("tidak_ada"))  # type: ignore[attr-defined]
    with pytest.raises(Exception) as refused:
        server_backup.dump(gone, tmp_path / "c", key)
    assert "tidak_ada" in refused.value.message("id")  # type: ignore[attr-defined]
    assert not (tmp_path / "c").exists() or not list((tmp_path / "c").iterdir())
