"""Backup file names, listing (date, size, record count) and the 7-daily + 4-weekly rotation.

Backups are named ``rentan-<UTC timestamp>-<kind>.<ext>``: ``.db`` for a plain SQLite copy and
``.rbk`` for a passphrase-encrypted one. Only files matching that pattern are ever listed or
rotated, so nothing else an admin keeps in the folder can be touched.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from rentan_desktop.signing import backup_cipher

NAME_RE = re.compile(r"^rentan-(\d{8}T\d{6}(?:\d{6})?Z)-(auto|manual|exit|pre-restore)\.(db|rbk)$")
# A server database's backup (storage/server_backup.py): an encrypted pg_dump, rotated alike.
SERVER_NAME_RE = re.compile(r"^rentan-server-(\d{8}T\d{6}Z)-(auto|manual|exit)\.rpg$")
RECORD_TABLE = "registrant"


class BackupKind(StrEnum):
    AUTO = "auto"  # on the schedule while the app runs
    MANUAL = "manual"  # "Cadangkan sekarang" or `rentan backup`
    EXIT = "exit"  # when the app closes
    PRE_RESTORE = "pre-restore"  # the database as it was just before a restore; never rotated


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore screen shows it."""

    path: Path
    created_at: datetime
    kind: BackupKind
    size: int
    encrypted: bool
    record_count: int | None  # None when the file cannot be read (damaged)
    readable: bool = True
    office_uuid: str | None = None  # whose database it is: restoring another office's is refused
    office_kode: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class BackupPolicy:
    """What the admin configures: rotation, second location, schedule, encryption.

    Attributes:
        daily: how many most recent days keep their newest backup.
        weekly: how many most recent ISO weeks keep their newest backup.
        recent: newest backups kept whatever their day (several runs a day on the schedule).
        second_location: another disk or a USB stick that receives a copy of every backup.
        interval_minutes: the GUI timer period for automatic backups while running.
        on_exit: take a backup when the app closes.
        encrypt: encrypt backups with the admin's backup key (set with a passphrase).
    """

    daily: int = 7
    weekly: int = 4
    recent: int = 3
    second_location: Path | None = None
    interval_minutes: int = 60
    on_exit: bool = True
    encrypt: bool = True  # issue 13: encrypted by default; the key comes with the office key


def backup_name(created_at: datetime, kind: BackupKind, encrypted: bool) -> str:
    """File name of a backup taken at ``created_at`` (UTC, microseconds keep names unique)."""
    stamp = created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"rentan-{stamp}-{kind.value}.{'rbk' if encrypted else 'db'}"


def parse_name(name: str) -> tuple[datetime, BackupKind, bool] | None:
    """(created_at, kind, encrypted) from a backup file name, or None for any other file."""
    match = NAME_RE.match(name)
    if not match:
        server = SERVER_NAME_RE.match(name)
        if not server:
            return None
        stamp, kind = server.groups()
        created = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return created, BackupKind(kind), True
    stamp, kind, ext = match.groups()
    fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
    created = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
    return created, BackupKind(kind), ext == "rbk"


def count_records(con: sqlite3.Connection) -> int:
    """Number of registrant rows in an open database (0 when the table does not exist yet)."""
    exists = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (RECORD_TABLE,)
    ).fetchone()
    if not exists:
        return 0
    return int(con.execute(f"SELECT count(*) FROM {RECORD_TABLE}").fetchone()[0])


def office_identity(con: sqlite3.Connection) -> tuple[str | None, str | None]:
    """(uuid, kode) of the office a database belongs to, or (None, None) before set-up."""
    exists = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='office'"
    ).fetchone()
    row = (
        con.execute("SELECT uuid, kode FROM office ORDER BY id LIMIT 1").fetchone()
        if exists
        else None
    )
    return (str(row[0]), str(row[1])) if row else (None, None)


def open_readonly(path: Path) -> sqlite3.Connection:
    """Open a database file that nobody writes (a backup) without creating -wal/-shm beside it."""
    # immutable=1: SQLite skips locking and WAL files entirely; only valid for files at rest.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def describe(path: Path) -> BackupInfo | None:
    """BackupInfo for one file, or None when its name is not a backup name."""
    parsed = parse_name(path.name)
    if parsed is None:
        return None
    created, kind, encrypted = parsed
    size = path.stat().st_size
    count: int | None
    readable = True
    office: tuple[str | None, str | None] = (None, None)
    try:
        if encrypted:
            with path.open("rb") as fh:
                meta = backup_cipher.read_meta(fh)
            raw = meta.get("record_count")
            if meta.get("kind") == "server":  # rows per table, counted on the dump's snapshot
                raw = (meta.get("tables") or {}).get(RECORD_TABLE, [None])[0]
            count = raw if isinstance(raw, int) else None
            office = (_text(meta.get("office_uuid")), _text(meta.get("office_kode")))
        else:
            con = open_readonly(path)
            try:
                count = count_records(con)
                office = office_identity(con)
            finally:
                con.close()
    except (sqlite3.DatabaseError, backup_cipher.BackupCipherError, OSError):
        count, readable = None, False
    return BackupInfo(path, created, kind, size, encrypted, count, readable, *office)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def list_backups(*folders: Path) -> list[BackupInfo]:
    """Every backup in ``folders``, newest first (missing folders are skipped)."""
    found: list[BackupInfo] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            info = describe(entry) if entry.is_file() else None
            if info is not None:
                found.append(info)
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


def plan_rotation(
    backups: Iterable[BackupInfo], policy: BackupPolicy
) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """Split backups of ONE folder into (keep, drop) by grandfather-father-son rotation.

    Keeps the ``recent`` newest, the newest of each of the last ``daily`` days that have a backup,
    the newest of each of the last ``weekly`` ISO weeks, every pre-restore copy, and every file
    that could not be read (an admin should look at it, not the rotation).
    """
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    rotating = [b for b in ordered if b.kind is not BackupKind.PRE_RESTORE and b.readable]
    keep_ids: set[Path] = {b.path for b in ordered if b not in rotating}
    keep_ids.update(b.path for b in rotating[: policy.recent])
    days: list[object] = []
    weeks: list[object] = []
    for b in rotating:
        day = b.created_at.date()
        week = b.created_at.isocalendar()[:2]
        if day not in days and len(days) < policy.daily:
            days.append(day)
            keep_ids.add(b.path)
        if week not in weeks and len(weeks) < policy.weekly:
            weeks.append(week)
            keep_ids.add(b.path)
    keep = [b for b in ordered if b.path in keep_ids]
    drop = [b for b in ordered if b.path not in keep_ids]
    return keep, drop


def rotate(folder: Path, policy: BackupPolicy, *, office_uuid: str | None = None) -> list[Path]:
    """Remove the backups of ``folder`` that the policy no longer keeps; returns what went.

    Only called right after a new backup in the same folder was written and verified, so the
    newest good copy always survives. With ``office_uuid``, only that office's backups are
    considered: another database backing up to the same second location keeps its own.
    """
    mine = [
        b
        for b in list_backups(folder)
        if office_uuid is None or b.office_uuid in (None, office_uuid)
    ]
    _, drop = plan_rotation(mine, policy)
    removed: list[Path] = []
    for b in drop:
        try:
            b.path.unlink()
        except FileNotFoundError:
            continue
        removed.append(b.path)
    return removed + _stale_partials(folder)


# A backup interrupted mid-write (a kill, a power cut) leaves its hidden temp file behind; at
# 140 MB each they fill a stick. Any one older than this is no longer being written.
STALE_PARTIAL_S = 3600


def _stale_partials(folder: Path, now: float | None = None) -> list[Path]:
    """Remove our own interrupted temp files (``.rentan-*.tmp``) older than an hour."""
    import time

    limit = (now or time.time()) - STALE_PARTIAL_S
    removed = []
    for entry in folder.glob(".rentan-*.tmp"):
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed
