"""Start-up health check of the database file and the recovery decision when it is damaged.

The app runs ``quick_check`` on every start (O(N), a fraction of a second for tens of thousands of
records). A damaged file is never opened for writing: the decision tells the GUI/CLI to offer the
newest backup that itself passes ``integrity_check``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rentan_desktop.domain import issues
from rentan_desktop.storage.backup import BackupError, verify_backup
from rentan_desktop.storage.backup_catalog import BackupInfo, BackupKind

issues.define_all(
    {
        "health.damaged": (
            "Basis data rusak ({detail}). Pulihkan dari cadangan terakhir yang baik.",
            "The database is damaged ({detail}). Restore the latest good backup.",
        ),
        "health.damaged_no_backup": (
            "Basis data rusak ({detail}) dan tidak ada cadangan yang baik. Hubungi admin; berkas tidak diubah.",
            "The database is damaged ({detail}) and there is no good backup. Call the admin; the file was not changed.",
        ),
        "health.locked": (
            "Basis data sedang dipakai program lain; tutup program itu lalu coba lagi.",
            "The database is in use by another program; close it and try again.",
        ),
        "storage.full": (
            "Disk penuh: perubahan terakhir tidak disimpan dan data lama tetap utuh. Kosongkan ruang disk lalu ulangi.",
            "The disk is full: the last change was not saved and earlier data is intact. Free some disk space and try again.",
        ),
        "storage.io": (
            "Disk menolak menulis (galat I/O): perubahan terakhir tidak disimpan dan data lama tetap utuh.",
            "The disk refused a write (I/O error): the last change was not saved and earlier data is intact.",
        ),
        "health.restore_offer": (
            "Cadangan terakhir yang baik: {name} ({records} data).",
            "Latest good backup: {name} ({records} records).",
        ),
    }
)


def storage_failure(exc: BaseException) -> str | None:
    """Message code for a write that failed for lack of space or an I/O error, else None.

    SQLite reports a full disk as SQLITE_FULL ("database or disk is full", also what
    ``max_page_count`` gives) but a file-size limit (RLIMIT_FSIZE, FAT32's 4 GiB) as SQLITE_IOERR
    ("disk I/O error"); both roll the transaction back. SQLAlchemy wraps them, so look at the
    chain of causes.
    """
    seen: BaseException | None = exc
    for _ in range(10):  # a bounded walk: cause chains can loop
        if seen is None:
            break
        text = str(seen).lower()
        if "database or disk is full" in text or (
            isinstance(seen, OSError) and seen.errno in (28, 27)
        ):
            return "storage.full"
        if "disk i/o error" in text:
            return "storage.io"
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return None


class DbState(StrEnum):
    OK = "ok"
    MISSING = "missing"  # first start: create a new database
    DAMAGED = "damaged"
    LOCKED = "locked"  # another process holds an exclusive lock; not damage


@dataclass(frozen=True)
class HealthReport:
    """Outcome of a check on one database file."""

    path: Path
    state: DbState
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.state is DbState.OK


def _run_check(path: Path, pragmas: Iterable[str]) -> HealthReport:
    if not path.exists():
        return HealthReport(path, DbState.MISSING)
    if path.stat().st_size == 0:
        return HealthReport(path, DbState.DAMAGED, ("empty file",))
    try:
        # Read-only: a check never writes (no checkpoint into a damaged file); a read-only
        # connection still reads committed frames from a -wal left by a crash.
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError as exc:
        return HealthReport(path, DbState.DAMAGED, (str(exc),))
    problems: list[str] = []
    try:
        for pragma in pragmas:
            rows = con.execute(pragma).fetchall()
            if pragma.endswith("foreign_key_check"):
                problems += [f"foreign key {r[0]} row {r[1]} -> {r[2]}" for r in rows]
            else:
                problems += [str(r[0]) for r in rows if r[0] != "ok"]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return HealthReport(path, DbState.LOCKED, (str(exc),))
        problems.append(str(exc))
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
        problems.append(str(exc))
    finally:
        con.close()
    return HealthReport(path, DbState.DAMAGED if problems else DbState.OK, tuple(problems[:20]))


def quick_check(path: Path) -> HealthReport:
    """``PRAGMA quick_check`` on the file: the start-up check."""
    return _run_check(path, ["PRAGMA quick_check"])


def integrity_check(path: Path) -> HealthReport:
    """Full ``integrity_check`` plus ``foreign_key_check``: before exports and after restores."""
    return _run_check(path, ["PRAGMA integrity_check", "PRAGMA foreign_key_check"])


class Action(StrEnum):
    OPEN = "open"
    CREATE = "create"
    RESTORE = "restore"  # offer `backup` (the newest one that verified)
    ASK_PASSPHRASE = "ask_passphrase"  # the newest candidate is encrypted: verify after asking
    STOP = "stop"  # nothing safe to do automatically; the file is left untouched


@dataclass(frozen=True)
class RecoveryDecision:
    """What the start-up code should do, with the sentence to show."""

    action: Action
    report: HealthReport
    backup: BackupInfo | None = None
    message: str = ""
    skipped: tuple[Path, ...] = ()  # newer backups that failed verification


def decide(
    report: HealthReport,
    backups: Iterable[BackupInfo],
    *,
    work_dir: Path,
    passphrase: str | None = None,
) -> RecoveryDecision:
    """Choose the recovery path for ``report`` given the backups (newest first).

    Plain backups are verified here (integrity_check of a temp copy); the first that passes is
    offered. An encrypted candidate without a passphrase stops the search with ASK_PASSPHRASE.
    """
    if report.state is DbState.OK:
        return RecoveryDecision(Action.OPEN, report)
    if report.state is DbState.MISSING:
        return RecoveryDecision(Action.CREATE, report)
    if report.state is DbState.LOCKED:
        return RecoveryDecision(Action.STOP, report, message=issues.text("health.locked"))
    detail = report.problems[0] if report.problems else "?"
    skipped: list[Path] = []
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    for info in ordered:
        if not info.readable or info.kind is BackupKind.PRE_RESTORE:
            # Pre-restore copies hold the state someone chose to replace: never offered first.
            continue
        if info.encrypted and not passphrase:
            return RecoveryDecision(
                Action.ASK_PASSPHRASE,
                report,
                info,
                issues.text("health.damaged", detail=detail),
                tuple(skipped),
            )
        try:
            records = verify_backup(info.path, work_dir=work_dir, passphrase=passphrase)
        except BackupError:
            skipped.append(info.path)
            continue
        message = (
            issues.text("health.damaged", detail=detail)
            + " "
            + issues.text("health.restore_offer", name=info.name, records=records)
        )
        return RecoveryDecision(Action.RESTORE, report, info, message, tuple(skipped))
    return RecoveryDecision(
        Action.STOP,
        report,
        message=issues.text("health.damaged_no_backup", detail=detail),
        skipped=tuple(skipped),
    )
