"""Backup and restore as user actions: policy in settings, backup now, list, restore, start-up check.

What the GUI builds on: :func:`backup_now` (with progress; the schedule timer and the on-exit hook
call it with ``kind=AUTO``/``EXIT``), :func:`list_backups` (date, size, record count),
:func:`restore` (keeps the current database first, then reopens), :func:`get_policy` /
:func:`set_policy` (7 daily + 4 weekly, a second location), :func:`set_passphrase` and
:func:`startup_check` (what to do when the file is damaged, before anyone can log in).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, audit_seal
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import backup_cipher
from rentan_desktop.signing.backup_cipher import BackupKey
from rentan_desktop.storage import backup_catalog, health, scratch
from rentan_desktop.storage.backup import BackupError, Progress, create_backup
from rentan_desktop.storage.backup_catalog import BackupInfo, BackupKind, BackupPolicy
from rentan_desktop.storage.backup_restore import restore_backup
from rentan_desktop.storage.db import open_database
from rentan_desktop.storage.models import User

POLICY_KEY = "backup.policy"
KEY_KEY = "backup.key"
MIN_PASSPHRASE = 12  # ASVS asks >= 8 and recommends 15; a backup passphrase guards every record

issues.define_all(
    {
        "backup.passphrase_short": (
            "Kata sandi cadangan minimal {min} karakter.",
            "The backup passphrase needs at least {min} characters.",
        ),
        "backup.server_no_key": (
            "Cadangan basis data server selalu dienkripsi, tetapi kata sandi cadangan kantor belum "
            "diatur (rentan backup-config --passphrase-env VAR). Tidak ada cadangan dibuat.",
            "A server database backup is always encrypted, but the office backup passphrase is "
            "not set (rentan backup-config --passphrase-env VAR). No backup was made.",
        ),
        "backup.server_failed": (
            "Cadangan basis data server tidak dapat dibuat: {reason}",
            "The server database backup could not be made: {reason}",
        ),
        "backup.no_key": (
            "Enkripsi cadangan aktif tetapi kata sandi cadangan belum diatur.",
            "Backup encryption is on but no backup passphrase is set.",
        ),
        "backup.other_office": (
            "Cadangan ini milik kantor {kode}, bukan kantor ini ({current}); tidak dipulihkan.",
            "This backup belongs to office {kode}, not this office ({current}); it was not restored.",
        ),
        "backup.damaged_db": (
            "{problem} Lihat cadangan dengan `rentan restore --list`, lalu `rentan restore BERKAS`.",
            "{problem} List backups with `rentan restore --list`, then `rentan restore FILE`.",
        ),
        "backup.server_restore": (
            "Cadangan basis data server dipulihkan dengan `rentan server-restore` ke basis data "
            "kosong di server, bukan dari aplikasi; tidak ada yang berubah.",
            "A server database's backup is restored with `rentan server-restore` into an empty "
            "database on the server, not from the app; nothing changed.",
        ),
        "backup.policy_invalid": (
            "Pengaturan cadangan tidak sah: {detail}.",
            "Invalid backup setting: {detail}.",
        ),
    }
)


DEFAULT_DB_NAME = "rentan.db"


def folder_for(db_path: Path) -> Path:
    """The primary backup folder of the database at ``db_path``, beside it and its own.

    The usual ``rentan.db`` keeps ``backups/``; any other database in the same folder gets
    ``backups-<name>/``, so two databases side by side never list, restore or prune (rotate)
    each other's backups.
    """
    db_path = Path(db_path)
    if db_path.name == DEFAULT_DB_NAME:
        return db_path.parent / "backups"
    return db_path.parent / f"backups-{db_path.stem}"


def backup_folder(ctx: AppContext) -> Path:
    """The primary backup folder of this context's database (see :func:`folder_for`)."""
    return folder_for(ctx.db.path)


def _user_error(exc: BackupError | issues.Refusal) -> UserError:
    return UserError(exc.code, None, **exc.params)


def get_policy(ctx: AppContext) -> BackupPolicy:
    """The saved backup policy (defaults when none was saved)."""
    raw: dict[str, Any] = ctx.setting(POLICY_KEY, {}) or {}
    second = raw.get("second_location")
    fields = {
        k: v
        for k, v in raw.items()
        if k in BackupPolicy.__dataclass_fields__ and k != "second_location"
    }
    return BackupPolicy(**fields, second_location=Path(second) if second else None)


def set_policy(ctx: AppContext, *, actor: User, policy: BackupPolicy) -> BackupPolicy:
    """Save the backup policy (admin); refuses encryption until a passphrase is set."""
    require(actor, Perm.SETTINGS_MANAGE)
    if policy.daily < 1 or policy.weekly < 0 or policy.recent < 1 or policy.interval_minutes < 5:
        raise UserError(
            "backup.policy_invalid", None, detail="daily>=1, weekly>=0, recent>=1, interval>=5"
        )
    if policy.encrypt and _key(ctx) is None:
        raise UserError("backup.no_key")
    data = asdict(policy)
    data["second_location"] = str(policy.second_location) if policy.second_location else None
    ctx.set_setting(POLICY_KEY, data)
    with ctx.db.writer() as session:
        audit.record(session, actor, "backup.policy", "setting", None, data)
    return policy


def _key(ctx: AppContext) -> BackupKey | None:
    raw = ctx.setting(KEY_KEY)
    return BackupKey.from_json(raw) if raw else None


def set_passphrase(
    ctx: AppContext, *, actor: User, passphrase: str, old: str | None = None
) -> None:
    """Set (or change, given ``old``) the backup passphrase and switch encryption on.

    Changing re-seals the same key, so older encrypted backups open with either passphrase
    while this database holds the new key.
    """
    require(actor, Perm.SETTINGS_MANAGE)
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError("backup.passphrase_short", None, min=MIN_PASSPHRASE)
    current = _key(ctx)
    try:
        if current is not None and old is not None:
            key = backup_cipher.reseal_backup_key(current, old, passphrase)
        else:
            key = backup_cipher.create_backup_key(passphrase)
    except backup_cipher.BackupCipherError as exc:
        raise UserError(exc.code, None, name="") from exc
    ctx.set_setting(KEY_KEY, key.to_json())
    policy = replace(get_policy(ctx), encrypt=True)
    set_policy(ctx, actor=actor, policy=policy)


def adopt_passphrase(ctx: AppContext, passphrase: str) -> bool:
    """Encrypt backups under the office key passphrase unless a backup passphrase exists already.

    Called when the office key is created or migrated (the only moments the passphrase is known
    without asking again): from then on every backup is encrypted by default, and the admin keeps
    one secret instead of two. Returns True when it switched encryption on.
    """
    if _key(ctx) is not None:
        return False
    ctx.set_setting(KEY_KEY, backup_cipher.create_backup_key(passphrase).to_json())
    data = asdict(replace(get_policy(ctx), encrypt=True))
    data["second_location"] = str(data["second_location"]) if data["second_location"] else None
    ctx.set_setting(POLICY_KEY, data)
    return True


@dataclass
class BackupRun:
    """Outcome of one backup: a file per location, or the reason a location failed."""

    made: list[BackupInfo] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # folder -> message
    rotated: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.made) and not self.failed


def backup_now(
    ctx: AppContext,
    *,
    actor: User,
    kind: BackupKind = BackupKind.MANUAL,
    to: Path | None = None,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> BackupRun:
    """Back up now to the data folder and the second location (or only to ``to``).

    Each location is verified and rotated on its own; a missing USB stick fails only that location
    (reported in ``failed``). Encryption follows the policy, or ``passphrase`` for a one-off copy.

    Raises:
        UserError: when no location could be written.
    """
    # The schedule and the on-exit copy run for whoever is logged in (an operator's session
    # must still be backed up); choosing to write a copy by hand, or to another folder such as
    # a stick, is for supervisors and above (issue 13).
    if kind not in (BackupKind.AUTO, BackupKind.EXIT) or to is not None:
        require(actor, Perm.BACKUP)
    policy = get_policy(ctx)
    key = (
        backup_cipher.create_backup_key(passphrase)
        if passphrase
        else (_key(ctx) if policy.encrypt or ctx.on_server else None)
    )
    if ctx.on_server and key is None:
        raise UserError("backup.server_no_key")  # a server's dump is never written unencrypted
    if policy.encrypt and key is None:
        raise UserError("backup.no_key")
    folders = (
        [to]
        if to
        else [backup_folder(ctx), *([policy.second_location] if policy.second_location else [])]
    )
    run = BackupRun()
    first_error: BackupError | issues.Refusal | None = None
    for folder in folders:
        try:
            if ctx.on_server:
                assert key is not None
                info = _server_backup(ctx, folder, kind, key)
            else:
                info = create_backup(
                    ctx.db.path,
                    folder,
                    kind=kind,
                    key=key,
                    work_dir=ctx.scratch_dir(),
                    progress=progress,
                )
        except (BackupError, issues.Refusal) as exc:
            first_error = first_error or exc
            run.failed[str(folder)] = exc.message(ctx.language)
            continue
        run.made.append(info)
        if to is None:
            office_uuid = ctx.office.uuid if ctx.office is not None else None
            run.rotated += backup_catalog.rotate(folder, policy, office_uuid=office_uuid)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "backup.create",
            "database",
            None,
            {
                "kind": kind.value,
                "files": [b.name for b in run.made],
                "encrypted": key is not None,
                "records": run.made[0].record_count if run.made else None,
                "failed": sorted(run.failed),
            },
        )
    if not run.made and first_error is not None:
        raise _user_error(first_error)
    return run


def _server_backup(ctx: AppContext, folder: Path, kind: BackupKind, key: BackupKey) -> BackupInfo:
    """A server database's backup: an encrypted ``pg_dump`` on one snapshot, named so the same
    schedule (:func:`backup_due`) and rotation (``backup_catalog.rotate``) handle it."""
    from rentan_desktop.storage import server_backup

    made = server_backup.dump(ctx.db.location, folder, key, label=kind.value)  # type: ignore[union-attr]
    info = backup_catalog.describe(made.path)
    assert info is not None
    return info


def backup_due(ctx: AppContext, *, now: datetime | None = None) -> bool:
    """True when the newest backup in the data folder is older than the policy's interval.

    The GUI's timer asks this every few minutes, so a PC that was off or asleep catches up at
    once instead of waiting a full interval.
    """
    policy = get_policy(ctx)
    folder = backup_folder(ctx)
    # Names carry the time: no need to open every backup just to find the newest.
    stamps = [
        parsed[0]
        for entry in (folder.iterdir() if folder.is_dir() else ())
        if (parsed := backup_catalog.parse_name(entry.name))
        and parsed[1] is not BackupKind.PRE_RESTORE
    ]
    if not stamps:
        return True
    return (now or datetime.now(UTC)) - max(stamps) >= timedelta(minutes=policy.interval_minutes)


def list_backups(ctx: AppContext, *, actor: User, extra: Path | None = None) -> list[BackupInfo]:
    """Every backup in the data folder, the second location and ``extra``; newest first."""
    require(actor, Perm.BACKUP)
    policy = get_policy(ctx)
    folders = [backup_folder(ctx)] + [p for p in (policy.second_location, extra) if p is not None]
    return backup_catalog.list_backups(*folders)


@dataclass(frozen=True)
class RestoreOutcome:
    """The pre-restore copy of the previous database and the number of records now live."""

    kept: BackupInfo | None
    record_count: int


def restore(
    ctx: AppContext,
    *,
    actor: User,
    backup: Path,
    passphrase: str | None = None,
    progress: Progress | None = None,
    allow_other_office: bool = False,
) -> RestoreOutcome:
    """Restore ``backup`` over the live database (admin), keeping the current one first.

    Closes ``ctx.db``, restores, reopens (migrations run if the backup is older) and records the
    restore in the restored database's audit trail.
    """
    require(actor, Perm.RESTORE)
    if ctx.on_server or backup.suffix == ".rpg":
        raise UserError("backup.server_restore")
    info = backup_catalog.describe(backup)
    office = ctx.office
    if (
        info is not None
        and info.office_uuid
        and office is not None
        and info.office_uuid != office.uuid
        and not allow_other_office
    ):
        # A stick from the neighbouring kecamatan looks the same: swapping identities would
        # send their records under our name.
        raise UserError("backup.other_office", None, kode=info.office_kode, current=office.kode)
    key = _key(ctx)
    policy = get_policy(ctx)
    path = ctx.db.path
    ctx.db.close()
    try:
        result = restore_backup(
            backup,
            path,
            keep_folder=backup_folder(ctx),
            passphrase=passphrase,
            extra_keys=[key] if key else [],
            keep_key=key if policy.encrypt else None,
            progress=progress,
        )
    except BackupError as exc:
        raise _user_error(exc) from exc
    finally:
        ctx.db = open_database(path)
        ctx.reload_office()
    # The earlier state is back on purpose: its audit head is older than the anchored one, so
    # the restore event (next) becomes the anchored head.
    audit_seal.forget_anchor(ctx.db)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "backup.restore",
            "database",
            None,
            {
                "from": backup.name,
                "kept": result.kept.name if result.kept else None,
                "records": result.record_count,
            },
        )
    kept = backup_catalog.describe(result.kept) if result.kept else None
    return RestoreOutcome(kept, result.record_count)


def startup_check(
    db_path: Path, *, extra_folders: tuple[Path, ...] = (), passphrase: str | None = None
) -> health.RecoveryDecision:
    """Run before opening the database: quick_check, and the recovery offer when it is damaged.

    Works without a login (the users table may be the damaged part); restoring from here is
    :func:`recover` — it only brings back an earlier state and keeps the damaged files.
    """
    report = health.quick_check(db_path)
    backups = backup_catalog.list_backups(folder_for(db_path), *extra_folders)
    return health.decide(
        report, backups, work_dir=scratch.process_dir(db_path.parent), passphrase=passphrase
    )


def ensure_healthy(db_path: Path) -> None:
    """Refuse to open a damaged database: a UserError naming the problem and the way out.

    For the CLI's composition root, before ``AppContext.open`` (which would migrate, i.e. write).
    A missing file is fine (it is created); a locked one is left to SQLite's busy timeout.
    """
    report = health.quick_check(db_path)
    if report.state is health.DbState.DAMAGED:
        problem = issues.text(
            "health.damaged", detail=report.problems[0] if report.problems else "?"
        )
        raise UserError("backup.damaged_db", None, problem=problem)


def recover(db_path: Path, backup: Path, *, passphrase: str | None = None) -> AppContext:
    """Restore ``backup`` over a damaged database found at start-up and open it (audited as system)."""
    try:
        result = restore_backup(
            backup, db_path, keep_folder=folder_for(db_path), passphrase=passphrase
        )
    except BackupError as exc:
        raise _user_error(exc) from exc
    ctx = AppContext.open(db_path)
    audit_seal.forget_anchor(ctx.db)
    with ctx.db.writer() as session:
        audit.record(
            session,
            "system",
            "backup.recover",
            "database",
            None,
            {
                "from": backup.name,
                "moved_aside": [p.name for p in result.moved_aside],
                "records": result.record_count,
            },
        )
    return ctx
