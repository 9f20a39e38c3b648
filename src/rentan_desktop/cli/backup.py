"""Data-safety commands: backup, backup-config, restore, audit verify, retention."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import EXIT_OK, EXIT_REFUSED, CliError, Runtime
from rentan_desktop.domain import issues
from rentan_desktop.services.context import default_db_path

issues.define_all(
    {
        "cli.env_missing": (
            "Variabel lingkungan {var} kosong atau tidak ada.",
            "The environment variable {var} is empty or missing.",
        ),
        "cli.restore_file_needed": (
            "Sebutkan berkas cadangan yang dipulihkan, atau pakai --list.",
            "Name the backup file to restore, or use --list.",
        ),
        "cli.backup_made": ("Cadangan dibuat: {files}.", "Backup written: {files}."),
        "cli.backup_partial": (
            "Lokasi {folder} gagal: {reason}",
            "Location {folder} failed: {reason}",
        ),
        "cli.restored": (
            "Dipulihkan dari {name}: {records} data. Basis data sebelumnya disimpan sebagai {kept}.",
            "Restored from {name}: {records} records. The previous database was kept as {kept}.",
        ),
        "cli.recovered": (
            "Basis data rusak dipindahkan ke {moved}; dipulihkan dari {name}.",
            "The damaged database was moved to {moved}; restored from {name}.",
        ),
        "cli.no_backups": ("Belum ada cadangan.", "There are no backups yet."),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "backup", help="write a verified backup now (data folder and second location)"
    )
    add_common(p)
    p.add_argument("--to", type=Path, help="write only to this folder (e.g. a USB stick)")
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="encrypt with the passphrase in this environment variable",
    )
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("backup-config", help="show or change the backup policy (admin)")
    add_common(p)
    p.add_argument(
        "--second-location", type=Path, help="another disk or USB folder for every backup"
    )
    p.add_argument(
        "--no-second-location", action="store_true", help="stop copying to a second location"
    )
    p.add_argument("--daily", type=int, help="days that keep their newest backup (default 7)")
    p.add_argument("--weekly", type=int, help="weeks that keep their newest backup (default 4)")
    p.add_argument("--interval", type=int, help="minutes between automatic backups in the app")
    p.add_argument(
        "--passphrase-env", metavar="VAR", help="set the backup passphrase and encrypt from now on"
    )
    p.add_argument(
        "--old-passphrase-env", metavar="VAR", help="the current passphrase, when changing it"
    )
    p.set_defaults(handler=cmd_backup_config)

    p = sub.add_parser(
        "restore", help="list backups, or restore one (keeps the current database first)"
    )
    add_common(p)
    p.add_argument("file", nargs="?", type=Path, help="the backup file to restore")
    p.add_argument(
        "--list", action="store_true", help="list backups with date, size and record count"
    )
    p.add_argument(
        "--latest",
        action="store_true",
        help="restore the newest backup found (in the backup folder, or --from)",
    )
    p.add_argument("--from", dest="from_dir", type=Path, help="also look in this folder")
    p.add_argument("--passphrase-env", metavar="VAR", help="passphrase of an encrypted backup")
    p.add_argument(
        "--other-office", action="store_true", help="allow a backup made by another office"
    )
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("audit", help="check the hash-chained audit trail")
    add_common(p)
    p.add_argument("action", choices=("verify",))
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser(
        "retention", help="anonymise records inactive for longer than the retention period"
    )
    add_common(p)
    p.add_argument("action", choices=("run", "set"))
    p.add_argument("--years", type=int, help="retention period (set), or a one-off override (run)")
    p.add_argument("--dry-run", action="store_true", help="only count what would be anonymised")
    p.set_defaults(handler=cmd_retention)


def _env(var: str | None) -> str | None:
    if not var:
        return None
    value = os.environ.get(var)
    if not value:
        raise CliError("cli.env_missing", var=var)
    return value


def _db_path(rt: Runtime) -> Path:
    db = getattr(rt.args, "db", None) or os.environ.get("RENTAN_DB")
    return Path(db) if db else default_db_path()


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{max(1, n // 1024)} KB"


def cmd_backup(rt: Runtime) -> int:
    from rentan_desktop.services import backups

    user = rt.user()
    run = backups.backup_now(
        rt.ctx(), actor=user, to=rt.args.to, passphrase=_env(rt.args.passphrase_env)
    )
    data = {
        "files": [str(b.path) for b in run.made],
        "records": run.made[0].record_count if run.made else None,
        "failed": run.failed,
        "rotated": [str(p) for p in run.rotated],
    }
    lines = [
        issues.text("cli.backup_made", rt.lang, files=", ".join(str(b.path) for b in run.made))
    ]
    lines += [
        issues.text("cli.backup_partial", rt.lang, folder=k, reason=v)
        for k, v in run.failed.items()
    ]
    rt.out(data, "\n".join(lines))
    return EXIT_OK if run.ok else EXIT_REFUSED


def cmd_backup_config(rt: Runtime) -> int:
    from dataclasses import replace

    from rentan_desktop.services import backups

    a = rt.args
    ctx, user = rt.ctx(), rt.user()
    if a.passphrase_env:
        backups.set_passphrase(
            ctx, actor=user, passphrase=_env(a.passphrase_env) or "", old=_env(a.old_passphrase_env)
        )
    policy = backups.get_policy(ctx)
    changes: dict[str, Any] = {}
    if a.second_location is not None:
        changes["second_location"] = a.second_location.resolve()
    if a.no_second_location:
        changes["second_location"] = None
    for name, value in (("daily", a.daily), ("weekly", a.weekly), ("interval_minutes", a.interval)):
        if value is not None:
            changes[name] = value
    if changes:
        policy = backups.set_policy(ctx, actor=user, policy=replace(policy, **changes))
    data = {
        "daily": policy.daily,
        "weekly": policy.weekly,
        "recent": policy.recent,
        "second_location": str(policy.second_location) if policy.second_location else None,
        "interval_minutes": policy.interval_minutes,
        "on_exit": policy.on_exit,
        "encrypt": policy.encrypt,
        "folder": str(backups.backup_folder(ctx)),
    }
    rt.out(data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return EXIT_OK


def _listing(rt: Runtime, folders: list[Path]) -> int:
    from rentan_desktop.storage import backup_catalog

    found = backup_catalog.list_backups(*folders)
    rows = [
        {
            "file": str(b.path),
            "created_at": b.created_at.isoformat(),
            "kind": b.kind.value,
            "size": b.size,
            "records": b.record_count,
            "encrypted": b.encrypted,
            "readable": b.readable,
            "office": b.office_kode,
        }
        for b in found
    ]

    def text() -> str:
        if not found:
            return issues.text("cli.no_backups", rt.lang)
        return "\n".join(
            f"{b.created_at:%Y-%m-%d %H:%M} UTC  {b.kind.value:<11} {_size(b.size):>9}  "
            f"{'?' if b.record_count is None else b.record_count:>7} {rt.say('data', 'records')}  "
            f"{rt.say('terenkripsi ', 'encrypted ') if b.encrypted else ''}{b.path}"
            for b in found
        )

    rt.out(rows, text)
    return EXIT_OK


def _newest(folders: list[Path]) -> Path | None:
    """The newest readable backup in ``folders`` (what 'restore --list' shows first)."""
    from rentan_desktop.storage import backup_catalog

    found = [b for b in backup_catalog.list_backups(*folders) if b.readable]
    return max(found, key=lambda b: b.created_at).path if found else None


def cmd_restore(rt: Runtime) -> int:
    from rentan_desktop.services import backups
    from rentan_desktop.storage import health

    a = rt.args
    db_path = _db_path(rt)
    report = health.quick_check(db_path)
    folders = [backups.folder_for(db_path)] + ([a.from_dir] if a.from_dir else [])
    if a.list:
        if report.ok:
            policy = backups.get_policy(rt.ctx())
            if policy.second_location:
                folders.append(policy.second_location)
        return _listing(rt, folders)
    if a.latest and a.file is None:
        a.file = _newest(folders[-1:] if a.from_dir else folders)
    if a.file is None:
        raise CliError("cli.restore_file_needed")
    passphrase = _env(a.passphrase_env)
    if report.state in (health.DbState.DAMAGED, health.DbState.MISSING):
        # Nobody can log in to a damaged (or lost) database: recovery restores an earlier state
        # and keeps the damaged files, so it is allowed without an account.
        ctx = backups.recover(db_path, a.file, passphrase=passphrase)
        ctx.close()
        rt.out(
            {"restored_from": str(a.file), "recovered": True},
            issues.text("cli.recovered", rt.lang, moved=str(db_path.parent), name=a.file.name),
        )
        return EXIT_OK
    ctx, user = rt.ctx(), rt.user()
    outcome = backups.restore(
        ctx, actor=user, backup=a.file, passphrase=passphrase, allow_other_office=a.other_office
    )
    kept = outcome.kept
    rt.out(
        {
            "restored_from": str(a.file),
            "kept": str(kept.path) if kept else None,
            "records": outcome.record_count,
        },
        issues.text(
            "cli.restored",
            rt.lang,
            name=a.file.name,
            records=outcome.record_count,
            kept=kept.path if kept else "-",
        ),
    )
    return EXIT_OK


def cmd_audit(rt: Runtime) -> int:
    from rentan_desktop.services import privacy

    result = privacy.verify_audit(rt.ctx(), actor=rt.user())
    rt.out(
        {
            "ok": result.ok,
            "events": result.events,
            "first_broken_id": result.first_broken_id,
            "message": result.message,
        },
        result.message,
    )
    return EXIT_OK if result.ok else EXIT_REFUSED


def cmd_retention(rt: Runtime) -> int:
    from rentan_desktop.services import retention

    a = rt.args
    ctx, user = rt.ctx(), rt.user()
    if a.action == "set":
        if a.years is None:
            raise CliError("retention.years_invalid")
        retention.set_years(ctx, actor=user, years=a.years)
        rt.out({"years": a.years}, f"{retention.YEARS_KEY}: {a.years}")
        return EXIT_OK
    result = retention.run(ctx, actor=user, years=a.years, dry_run=a.dry_run)
    rt.out(
        {
            "years": result.years,
            "cutoff": result.cutoff.isoformat(),
            "count": result.count,
            "dry_run": result.dry_run,
            "uuids": list(result.uuids),
        },
        result.message(rt.lang),
    )
    return EXIT_OK
