"""Backups: online backup API copy, verification, encryption, rotation, restore keeping the current DB."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rentan_desktop.signing import backup_cipher
from rentan_desktop.storage import backup_catalog as catalog
from rentan_desktop.storage.backup import BackupError, create_backup, verify_backup
from rentan_desktop.storage.backup_catalog import BackupKind, BackupPolicy
from rentan_desktop.storage.backup_restore import restore_backup

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday


def make_db(path: Path, niks: list[str]) -> None:
    """A live-like database: WAL + synchronous=FULL, a registrant table, rows left in the WAL."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE IF NOT EXISTS registrant(id INTEGER PRIMARY KEY, nik TEXT UNIQUE, nama TEXT)"
    )
    con.execute(
        "BEGIN"
    )  # one transaction: with synchronous=FULL each autocommit insert would fsync
    con.executemany(
        "INSERT INTO registrant(nik, nama) VALUES (?, ?)", [(n, f"Nama {n[-4:]}") for n in niks]
    )
    con.execute("COMMIT")
    con.close()


def niks_in(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in con.execute("SELECT nik FROM registrant ORDER BY id")]
    finally:
        con.close()


def nik(i: int) -> str:
    return f"6408{i:012d}"


@pytest.fixture(scope="module")
def key() -> backup_cipher.BackupKey:
    # The smallest scrypt cost the decryptor accepts, so tests stay fast.
    return backup_cipher.create_backup_key("kata sandi cadangan", scrypt_n=1 << 14)


def test_backup_is_verified_copy_with_wal_content(tmp_path: Path) -> None:
    live = tmp_path / "data" / "rentan.db"
    live.parent.mkdir()
    make_db(live, [nik(i) for i in range(50)])
    # Keep a connection open with an uncheckpointed commit: the copy must still contain it.
    holder = sqlite3.connect(live, isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("INSERT INTO registrant(nik, nama) VALUES (?, 'Baru')", (nik(999),))
    assert Path(str(live) + "-wal").stat().st_size > 0
    info = create_backup(live, tmp_path / "backups", kind=BackupKind.MANUAL, now=T0)
    holder.close()
    assert info.path.name == "rentan-20261102T080000000000Z-manual.db"
    assert info.record_count == 51 and not info.encrypted and info.size == info.path.stat().st_size
    assert niks_in(info.path) == [nik(i) for i in range(50)] + [nik(999)]
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]  # no temp left


def test_backup_while_writer_inserts(tmp_path: Path) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(i) for i in range(200)])
    stop = threading.Event()

    def writer() -> None:
        con = sqlite3.connect(live, isolation_level=None, timeout=10)
        i = 1000
        while not stop.is_set():
            con.execute("INSERT INTO registrant(nik, nama) VALUES (?, 'x')", (nik(i),))
            i += 1
        con.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        info = create_backup(live, tmp_path / "b", now=T0)
    finally:
        stop.set()
        thread.join()
    copy = niks_in(info.path)
    assert info.record_count is not None and info.record_count >= 200
    assert copy[:200] == [nik(i) for i in range(200)]
    assert len(copy) == info.record_count


def test_progress_abort_leaves_previous_generation_and_no_partial_file(tmp_path: Path) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(i) for i in range(3000)])
    folder = tmp_path / "b"
    first = create_backup(live, folder, now=T0)

    def boom(phase: str, fraction: float) -> None:
        if phase == "copy" and fraction > 0:
            raise KeyboardInterrupt  # what a cancelled/killed backup looks like to the code

    with pytest.raises(KeyboardInterrupt):
        create_backup(live, folder, now=T0 + timedelta(hours=1), progress=boom)
    assert [p.name for p in folder.iterdir()] == [first.path.name]
    assert len(niks_in(first.path)) == 3000


def test_encrypted_backup_round_trip_and_wrong_passphrase(
    tmp_path: Path, key: backup_cipher.BackupKey
) -> None:
    live = tmp_path / "data" / "rentan.db"
    live.parent.mkdir()
    make_db(live, [nik(i) for i in range(20)])
    usb = tmp_path / "usb"
    info = create_backup(live, usb, key=key, work_dir=live.parent, now=T0)
    assert info.encrypted and info.path.suffix == ".rbk" and info.record_count == 20
    raw = info.path.read_bytes()
    assert b"SQLite format 3" not in raw and nik(7).encode() not in raw
    assert verify_backup(info.path, work_dir=tmp_path / "w", passphrase="kata sandi cadangan") == 20
    with pytest.raises(BackupError) as err:
        verify_backup(info.path, work_dir=tmp_path / "w", passphrase="salah")
    assert err.value.code == "backup.wrong_passphrase"
    assert "salah" in err.value.message("id").lower()
    with pytest.raises(BackupError) as err:
        verify_backup(info.path, work_dir=tmp_path / "w")
    assert err.value.code == "backup.passphrase_needed"


def test_tampered_or_truncated_encrypted_backup_is_refused(
    tmp_path: Path, key: backup_cipher.BackupKey
) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(i) for i in range(400)])
    info = create_backup(live, tmp_path / "b", key=key, now=T0)
    data = bytearray(info.path.read_bytes())
    for label, mutated in {
        "flipped": data[:-50] + bytes([data[-50] ^ 1]) + data[-49:],
        "truncated": data[:-20],
        "meta-edited": bytes(data).replace(b'"record_count":400', b'"record_count":401'),
    }.items():
        bad = tmp_path / "bad" / info.path.name
        bad.parent.mkdir(exist_ok=True)
        bad.write_bytes(bytes(mutated))
        with pytest.raises(BackupError) as err:
            verify_backup(bad, work_dir=tmp_path / "w", passphrase="kata sandi cadangan")
        assert err.value.code == "backup.damaged", label


def test_passphrase_change_still_opens_old_backups(
    tmp_path: Path, key: backup_cipher.BackupKey
) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(1)])
    info = create_backup(live, tmp_path / "b", key=key, now=T0)
    new_key = backup_cipher.reseal_backup_key(
        key, "kata sandi cadangan", "sandi baru 2026", scrypt_n=1 << 14
    )
    assert (
        verify_backup(
            info.path, work_dir=tmp_path, passphrase="sandi baru 2026", extra_keys=[new_key]
        )
        == 1
    )


def test_restore_keeps_current_database_first(tmp_path: Path) -> None:
    live = tmp_path / "data" / "rentan.db"
    live.parent.mkdir()
    make_db(live, [nik(i) for i in range(10)])
    folder = tmp_path / "data" / "backups"
    old = create_backup(live, folder, now=T0)
    make_db(live, [nik(i) for i in range(10, 15)])  # work done after the backup
    result = restore_backup(old.path, live, keep_folder=folder, now=T0 + timedelta(days=1))
    assert niks_in(live) == [nik(i) for i in range(10)]
    assert result.kept is not None and "pre-restore" in result.kept.name
    assert niks_in(result.kept) == [nik(i) for i in range(15)]
    assert result.record_count == 10 and result.moved_aside == ()


def test_restore_with_wrong_passphrase_changes_nothing(
    tmp_path: Path, key: backup_cipher.BackupKey
) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(1), nik(2)])
    enc = create_backup(live, tmp_path / "b", key=key, now=T0)
    make_db(live, [nik(3)])
    before = live.read_bytes()
    with pytest.raises(BackupError):
        restore_backup(enc.path, live, keep_folder=tmp_path / "b", passphrase="keliru")
    assert live.read_bytes() == before
    assert [b.kind for b in catalog.list_backups(tmp_path / "b")] == [BackupKind.MANUAL]
    result = restore_backup(
        enc.path, live, keep_folder=tmp_path / "b", passphrase="kata sandi cadangan", keep_key=key
    )
    assert niks_in(live) == [nik(1), nik(2)]
    assert result.kept is not None and result.kept.suffix == ".rbk"


def test_restore_over_damaged_database_moves_it_aside(tmp_path: Path) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(i) for i in range(5)])
    good = create_backup(live, tmp_path / "b", now=T0)
    live.write_bytes(b"this is not a database" * 100)
    result = restore_backup(good.path, live, keep_folder=tmp_path / "b")
    assert niks_in(live) == [nik(i) for i in range(5)]
    # The damaged file moves aside together with any -wal/-shm (they belong to it).
    assert result.kept is None and result.moved_aside[0].name == "rentan.db"
    assert {p.name for p in result.moved_aside} <= {"rentan.db", "rentan.db-wal", "rentan.db-shm"}
    assert result.moved_aside[0].read_bytes().startswith(b"this is not a database")


def test_listing_shows_date_size_count_and_ignores_other_files(
    tmp_path: Path, key: backup_cipher.BackupKey
) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(i) for i in range(3)])
    folder = tmp_path / "b"
    a = create_backup(live, folder, now=T0)
    b = create_backup(live, folder, key=key, now=T0 + timedelta(minutes=5), kind=BackupKind.EXIT)
    (folder / "catatan.txt").write_text("milik admin")
    (folder / "rentan-garbage-auto.db").write_text("x")
    listed = catalog.list_backups(folder, tmp_path / "missing")
    assert [x.path for x in listed] == [b.path, a.path]
    assert [(x.created_at, x.record_count, x.encrypted, x.kind) for x in listed] == [
        (T0 + timedelta(minutes=5), 3, True, BackupKind.EXIT),
        (T0, 3, False, BackupKind.MANUAL),
    ]


def _fake(folder: Path, when: datetime, kind: BackupKind = BackupKind.AUTO) -> catalog.BackupInfo:
    path = folder / catalog.backup_name(when, kind, encrypted=False)
    path.write_bytes(b"")
    return catalog.BackupInfo(path, when, kind, 0, False, 0)


def test_rotation_keeps_7_daily_4_weekly_and_pre_restore(tmp_path: Path) -> None:
    # Four backups a day for 60 days, plus one pre-restore copy long ago.
    backups = [
        _fake(tmp_path, T0 - timedelta(days=d, hours=h * 6)) for d in range(60) for h in range(4)
    ]
    ancient = _fake(tmp_path, T0 - timedelta(days=400), BackupKind.PRE_RESTORE)
    keep, drop = catalog.plan_rotation(
        [*backups, ancient], BackupPolicy(daily=7, weekly=4, recent=3)
    )
    kept = {b.created_at for b in keep}
    # T0 is Monday 08:00; the newest backup of each earlier day is at 20:00.
    newest_per_day = {T0} | {T0 - timedelta(hours=12) - timedelta(days=d) for d in range(6)}
    most_recent = {T0, T0 - timedelta(hours=6), T0 - timedelta(hours=12)}
    older_sundays = {datetime(2026, 10, 25, 20, tzinfo=UTC), datetime(2026, 10, 18, 20, tzinfo=UTC)}
    assert kept == newest_per_day | most_recent | older_sundays | {ancient.created_at}
    assert len(keep) + len(drop) == 241


def test_rotate_removes_only_what_policy_drops(tmp_path: Path) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(1)])
    folder = tmp_path / "b"
    made = [create_backup(live, folder, now=T0 - timedelta(days=d)) for d in range(10)]
    (folder / "catatan.txt").write_text("milik admin")
    removed = catalog.rotate(folder, BackupPolicy(daily=7, weekly=1, recent=1))
    assert sorted(removed) == sorted(m.path for m in made[7:])
    assert (folder / "catatan.txt").exists()


def test_unwritable_target_gives_clear_error(tmp_path: Path) -> None:
    live = tmp_path / "rentan.db"
    make_db(live, [nik(1)])
    blocker = tmp_path / "usb"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(BackupError) as err:
        create_backup(live, blocker / "backups", now=T0)
    assert err.value.code == "backup.target_unwritable"
    assert str(blocker) in err.value.message()
