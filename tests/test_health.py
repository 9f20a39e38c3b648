"""Start-up quick_check and the recovery decision on damaged files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from rentan_desktop.signing import backup_cipher
from rentan_desktop.storage import backup_catalog as catalog
from rentan_desktop.storage.backup import create_backup
from rentan_desktop.storage.backup_catalog import BackupKind
from rentan_desktop.storage.backup_restore import restore_backup
from rentan_desktop.storage.health import Action, DbState, decide, integrity_check, quick_check
from test_backup import T0, make_db, nik, niks_in


def corrupt_btree_page(path: Path) -> None:
    """Overwrite the middle of a table b-tree page, as SQLite's malformed-file tests do."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    victim = pages // 2
    start = victim * page_size
    data[start : start + page_size] = bytes([0xA5]) * page_size
    path.write_bytes(bytes(data))


def test_healthy_missing_and_empty(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    assert quick_check(db).state is DbState.MISSING
    make_db(db, [nik(1)])
    assert quick_check(db).ok and integrity_check(db).ok
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert quick_check(empty).state is DbState.DAMAGED


def test_check_reads_hot_wal_without_writing(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    make_db(db, [nik(1)])
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO registrant(nik, nama) VALUES (?, 'x')", (nik(2),))
    main_before = db.read_bytes()
    assert quick_check(db).ok
    assert db.read_bytes() == main_before  # no checkpoint by the check
    writer.close()
    assert niks_in(db) == [nik(1), nik(2)]


def test_damaged_page_is_detected_and_latest_good_backup_offered(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    make_db(db, [nik(i) for i in range(2000)])
    folder = tmp_path / "backups"
    older = create_backup(db, folder, now=T0)
    newer = create_backup(db, folder, now=T0 + timedelta(hours=1), kind=BackupKind.EXIT)
    # The newest backup is itself damaged (e.g. a failing USB stick): it must be skipped.
    corrupt_btree_page(newer.path)
    corrupt_btree_page(db)
    before = db.read_bytes()
    report = quick_check(db)
    assert report.state is DbState.DAMAGED and report.problems
    decision = decide(report, catalog.list_backups(folder), work_dir=tmp_path / "work")
    assert decision.action is Action.RESTORE
    assert decision.backup is not None and decision.backup.path == older.path
    assert decision.skipped == (newer.path,)
    assert "2000" in decision.message and "rusak" in decision.message
    assert db.read_bytes() == before  # deciding never touches the damaged file
    restore_backup(decision.backup.path, db, keep_folder=folder)
    assert quick_check(db).ok and len(niks_in(db)) == 2000


def test_garbage_file_without_backups_stops(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    db.write_bytes(b"\x00garbage" * 512)
    report = quick_check(db)
    assert report.state is DbState.DAMAGED
    decision = decide(report, [], work_dir=tmp_path)
    assert decision.action is Action.STOP and "tidak ada cadangan" in decision.message


def test_encrypted_candidate_asks_for_passphrase(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    make_db(db, [nik(1)])
    key = backup_cipher.create_backup_key("sandi cadangan", scrypt_n=1 << 14)
    enc = create_backup(db, tmp_path / "b", key=key, now=T0)
    db.write_bytes(b"broken" * 1000)
    report = quick_check(db)
    first = decide(report, catalog.list_backups(tmp_path / "b"), work_dir=tmp_path / "w")
    assert (
        first.action is Action.ASK_PASSPHRASE
        and first.backup is not None
        and first.backup.path == enc.path
    )
    second = decide(
        report,
        catalog.list_backups(tmp_path / "b"),
        work_dir=tmp_path / "w",
        passphrase="sandi cadangan",
    )
    assert second.action is Action.RESTORE


def test_ok_and_missing_decisions(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    assert decide(quick_check(db), [], work_dir=tmp_path).action is Action.CREATE
    make_db(db, [nik(1)])
    assert decide(quick_check(db), [], work_dir=tmp_path).action is Action.OPEN
