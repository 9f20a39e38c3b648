"""Restore a backup over the live database, keeping the current database first.

The caller closes every connection to the live database before calling (the GUI closes its
``Database``; the CLI never opens it). Nothing is deleted: a readable current database becomes a
``pre-restore`` backup, an unreadable one is moved, with its ``-wal``/``-shm``, into a
``damaged-<time>`` folder beside it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from rentan_desktop.signing.backup_cipher import BackupKey
from rentan_desktop.storage import scratch
from rentan_desktop.storage.backup import (
    BackupError,
    Progress,
    RestoreResult,
    create_backup,
    fsync_path,
    materialise,
)
from rentan_desktop.storage.backup_catalog import BackupKind, count_records

_COMPANIONS = ("-wal", "-shm", "-journal")


def move_aside(db_path: Path, now: datetime | None = None) -> tuple[Path, ...]:
    """Move a damaged database and its companion files into ``damaged-<time>/`` beside it."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    folder = db_path.parent / f"damaged-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    moved: list[Path] = []
    for suffix in ("", *_COMPANIONS):
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            dst = folder / src.name
            os.replace(src, dst)  # same filesystem: a rename, never a copy-and-delete
            moved.append(dst)
    fsync_path(db_path.parent)
    return tuple(moved)


def restore_backup(
    backup: Path,
    db_path: Path,
    *,
    keep_folder: Path,
    passphrase: str | None = None,
    extra_keys: Iterable[BackupKey] = (),
    keep_key: BackupKey | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Replace the live database at ``db_path`` with the content of ``backup``.

    Order matters: (1) the backup is decrypted and verified into a temp file in the data folder's
    scratch space — a bad backup or passphrase changes nothing; (2) the current database is kept;
    (3) the verified copy is written into the live file through SQLite's backup API (one
    transaction, so a crash leaves the old or the new database, never a mix), or renamed into
    place when the old file was moved aside.

    Args:
        backup: the backup file to restore.
        db_path: the live database file (connections closed).
        keep_folder: where the pre-restore backup of the current database goes.
        passphrase: for encrypted backups.
        extra_keys: other backup keys to try (the current settings' key).
        keep_key: encrypt the pre-restore copy with this key (when backups are encrypted).
        progress: optional callback.
        now: clock for names (tests).

    Raises:
        BackupError: wrong passphrase, damaged backup, or an unwritable keep folder.
    """
    # The decrypted copy waits in this process's scratch folder (same disk, so the rename below
    # stays a rename); one left by a killed restore is swept at the next start.
    staged = scratch.process_dir(db_path.parent) / f".restore-{uuid.uuid4().hex[:8]}.tmp"
    try:
        count = materialise(backup, staged, passphrase=passphrase, extra_keys=extra_keys)
        kept, moved = _keep_current(db_path, keep_folder, keep_key, progress, now)
        if progress is not None:
            progress("restore", 0.0)
        if moved or not db_path.exists():
            os.replace(staged, db_path)
            fsync_path(db_path.parent)
        else:
            try:
                _write_through_sqlite(staged, db_path)
            except sqlite3.OperationalError:
                # e.g. a WAL database cannot change page size through the backup API: the
                # current state is already kept, so move it aside and rename the copy in.
                moved = move_aside(db_path, now)
                os.replace(staged, db_path)
                fsync_path(db_path.parent)
        if progress is not None:
            progress("restore", 1.0)
        return RestoreResult(backup, kept, moved, count)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)


def _keep_current(
    db_path: Path,
    keep_folder: Path,
    key: BackupKey | None,
    progress: Progress | None,
    now: datetime | None,
) -> tuple[Path | None, tuple[Path, ...]]:
    if not db_path.exists():
        return None, ()
    try:
        info = create_backup(
            db_path,
            keep_folder,
            kind=BackupKind.PRE_RESTORE,
            key=key,
            work_dir=scratch.process_dir(db_path.parent),
            progress=progress,
            now=now,
        )
    except BackupError as exc:
        if exc.code != "backup.source_damaged":
            raise  # e.g. the keep folder is unwritable: stop before touching anything
        return None, move_aside(db_path, now)
    except sqlite3.DatabaseError:
        return None, move_aside(db_path, now)
    return info.path, ()


def _write_through_sqlite(staged: Path, db_path: Path) -> None:
    src = sqlite3.connect(staged)
    dst = sqlite3.connect(db_path)
    try:
        # The backup API writes the destination in one transaction through its own journal/WAL.
        src.backup(dst)
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":  # pragma: no cover - the staged copy was verified moments ago
            raise BackupError("backup.integrity_failed", name=db_path.name)
        count_records(dst)
        with contextlib.suppress(sqlite3.OperationalError):
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        dst.close()
        src.close()
