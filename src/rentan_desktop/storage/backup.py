"""Verified backups and restores of the live SQLite database.

A backup is taken with SQLite's online backup API (never a file copy: the live file alone misses
what is still in ``-wal``), written to a temp file, fsynced, checked with ``integrity_check`` and
only then renamed into place and the folder fsynced. A restore first keeps the current database
(a ``pre-restore`` backup, or the damaged files moved aside), then writes the backup back through
SQLite itself so the swap is one transaction.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rentan_desktop.domain import issues
from rentan_desktop.io import orphans
from rentan_desktop.signing import backup_cipher
from rentan_desktop.signing.backup_cipher import BackupKey
from rentan_desktop.storage.backup_catalog import (
    BackupInfo,
    BackupKind,
    backup_name,
    count_records,
    describe,
    office_identity,
    open_readonly,
)

Progress = Callable[[str, float], None]
"""Called with a phase ("copy", "verify", "encrypt", "write") and a fraction 0..1."""

issues.define_all(
    {
        "backup.source_missing": (
            "Basis data {path} tidak ditemukan.",
            "Database {path} was not found.",
        ),
        "backup.source_damaged": (
            "Basis data rusak dan tidak dapat dicadangkan: {detail}.",
            "The database is damaged and cannot be backed up: {detail}.",
        ),
        "backup.integrity_failed": (
            "Salinan cadangan {name} gagal diperiksa (integrity_check) dan tidak dipakai.",
            "Backup {name} failed its integrity check and was not used.",
        ),
        "backup.disk_full": (
            "Ruang disk di {folder} penuh; cadangan tidak dibuat dan tidak ada data yang hilang.",
            "The disk at {folder} is full; no backup was made and no data was lost.",
        ),
        "backup.target_unwritable": (
            "Folder cadangan {folder} tidak dapat ditulisi (dicabut atau hanya-baca?).",
            "The backup folder {folder} cannot be written (removed or read-only?).",
        ),
        "backup.damaged": ("Berkas cadangan {name} rusak.", "Backup file {name} is damaged."),
        "backup.wrong_passphrase": (
            "Kata sandi cadangan salah untuk {name}.",
            "Wrong backup passphrase for {name}.",
        ),
        "backup.passphrase_needed": (
            "Cadangan {name} terenkripsi; masukkan kata sandi cadangan.",
            "Backup {name} is encrypted; enter the backup passphrase.",
        ),
        "backup.not_encrypted": (
            "Berkas {name} bukan cadangan terenkripsi.",
            "{name} is not an encrypted backup.",
        ),
        "backup.not_a_backup": (
            "Berkas {name} bukan berkas cadangan Rentan.",
            "{name} is not a Rentan backup file.",
        ),
    }
)


class BackupError(Exception):
    """A refusal to show the user: ``code`` from the message catalogue plus its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str | None = None) -> str:
        """The sentence for the user, in the current language unless ``lang`` is given."""
        return issues.text(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: where the previous database went and what is live now."""

    restored_from: Path
    kept: Path | None  # the pre-restore backup of the previous database
    moved_aside: tuple[Path, ...]  # damaged files moved away instead (when it could not be read)
    record_count: int


def fsync_path(path: Path) -> None:
    """fsync a file, or a directory on POSIX (so a rename inside it is durable)."""
    if path.is_dir() and os.name == "nt":
        return  # Windows cannot open directories for fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_error(exc: BaseException, folder: Path) -> BackupError:
    text = str(exc).lower()
    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    if full or "disk is full" in text or "disk i/o error" in text:
        # RLIMIT_FSIZE makes SQLite report IOERR rather than FULL: both mean "no room".
        return BackupError("backup.disk_full", folder=str(folder))
    return BackupError("backup.target_unwritable", folder=str(folder))


def _connect_source(source: Path | sqlite3.Connection) -> tuple[sqlite3.Connection, bool]:
    if isinstance(source, sqlite3.Connection):
        return source, False
    if not source.is_file():
        raise BackupError("backup.source_missing", path=str(source))
    return sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True), True


def snapshot(
    source: Path | sqlite3.Connection, target: Path, progress: Progress | None = None
) -> int:
    """Copy ``source`` into the new file ``target`` with the backup API, verify it, fsync it.

    Returns the record count of the copy. Raises BackupError("backup.source_damaged") when the
    source cannot be read or the copy fails integrity_check.
    """
    src, owned = _connect_source(source)
    dst = None
    try:
        dst = sqlite3.connect(target)

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress("copy", (total - remaining) / total if total else 1.0)

        try:
            # One step (pages=-1): in WAL mode this is one read snapshot that never blocks the
            # writer, whereas stepping in chunks restarts from page 1 whenever another connection
            # commits in between, which a busy office PC could do forever.
            src.backup(dst, pages=-1, progress=step)
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "not a database" in str(exc):
                raise BackupError("backup.source_damaged", detail=str(exc)) from exc
            raise
        # A copy of a WAL database is in WAL mode too; backups at rest are single files.
        dst.execute("PRAGMA journal_mode=DELETE")
        if progress is not None:
            progress("verify", 0.0)
        result = [row[0] for row in dst.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise BackupError("backup.source_damaged", detail="; ".join(result[:3]))
        count = count_records(dst)
    finally:
        if dst is not None:
            dst.close()
        if owned:
            src.close()
    fsync_path(target)
    return count


def create_backup(
    source: Path | sqlite3.Connection,
    folder: Path,
    *,
    kind: BackupKind = BackupKind.MANUAL,
    key: BackupKey | None = None,
    work_dir: Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Write one verified backup of ``source`` into ``folder`` and return its description.

    Args:
        source: the live database file, or an open connection to it.
        folder: the backup folder (data folder or second location); created when missing.
        kind: why the backup is taken (shown on the restore screen; pre-restore is never rotated).
        key: the admin's backup key; when given the file is encrypted (``.rbk``).
        work_dir: where the plaintext temp copy lives when encrypting, so plaintext never touches
            the second location; defaults to ``folder``.
        progress: optional callback; raising from it aborts and leaves no partial file.
        now: timestamp for the file name (tests).

    Raises:
        BackupError: disk full, folder unwritable or vanished, or a damaged source database.
    """
    created = now or datetime.now(UTC)
    name = backup_name(created, kind, encrypted=key is not None)
    token = uuid.uuid4().hex[:8]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, folder) from exc
    plain_dir = (work_dir or folder) if key is not None else folder
    # A backup killed mid-write leaves a plaintext copy of the database: the next one removes it.
    for place in {folder, plain_dir}:
        orphans.sweep(place)
    plain = plain_dir / f".{name}.{os.getpid()}-{token}.tmp"
    sealed = folder / f".{name}.{os.getpid()}-{token}.enc.tmp"
    final = folder / name
    try:
        count = snapshot(source, plain, progress)
        written = plain
        if key is not None:
            if progress is not None:
                progress("encrypt", 0.0)
            probe = sqlite3.connect(plain)
            try:
                office_uuid, office_kode = office_identity(probe)
            finally:
                probe.close()
            meta = {
                "created_at": created.isoformat(),
                "kind": kind.value,
                "record_count": count,
                "office_uuid": office_uuid,
                "office_kode": office_kode,
            }
            with plain.open("rb") as src_fh, sealed.open("wb") as dst_fh:
                backup_cipher.encrypt_stream(src_fh, dst_fh, key, meta=meta)
                dst_fh.flush()
                os.fsync(dst_fh.fileno())
            written = sealed
        if progress is not None:
            progress("write", 0.0)
        digest = _sha256(written)
        os.replace(written, final)
        fsync_path(folder)
        if _sha256(final) != digest:  # read-back: USB sticks that lie about writes
            raise BackupError("backup.integrity_failed", name=name)
    except BackupError:
        raise
    except (OSError, sqlite3.OperationalError) as exc:
        raise _write_error(exc, folder) from exc
    finally:
        # The temp copy is a SQLite file: a failed write can leave its journal beside it.
        for tmp in (
            plain,
            sealed,
            *(plain.with_name(plain.name + s) for s in ("-journal", "-wal", "-shm")),
        ):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    if progress is not None:
        progress("write", 1.0)
    info = describe(final)
    assert info is not None  # the name was built by backup_name
    return info


def materialise(
    backup: Path,
    target: Path,
    *,
    passphrase: str | None = None,
    extra_keys: Iterable[BackupKey] = (),
) -> int:
    """Write a verified plain SQLite copy of ``backup`` to ``target``; returns its record count.

    Encrypted backups are decrypted (needs ``passphrase``); every copy must pass integrity_check.
    """
    if describe(backup) is None:
        raise BackupError("backup.not_a_backup", name=backup.name)
    if not backup.is_file():
        raise BackupError("backup.source_missing", path=str(backup))
    if backup_cipher.is_encrypted(backup):
        if not passphrase:
            raise BackupError("backup.passphrase_needed", name=backup.name)
        staged = target.with_name(target.name + ".dec")
        try:
            with backup.open("rb") as src, staged.open("wb") as dst:
                backup_cipher.decrypt_stream(src, dst, passphrase, extra_keys=extra_keys)
            source: Path = staged
            return _checked_copy(source, target, backup.name)
        except backup_cipher.BackupCipherError as exc:
            raise BackupError(exc.code, name=backup.name) from exc
        finally:
            staged.unlink(missing_ok=True)
    return _checked_copy(backup, target, backup.name)


def _checked_copy(source: Path, target: Path, name: str) -> int:
    try:
        src = open_readonly(source)
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup.damaged", name=name) from exc
    try:
        return snapshot(src, target)
    except BackupError as exc:
        raise BackupError("backup.integrity_failed", name=name) from exc
    except sqlite3.DatabaseError as exc:
        raise BackupError("backup.damaged", name=name) from exc
    finally:
        src.close()


def verify_backup(
    backup: Path,
    *,
    work_dir: Path,
    passphrase: str | None = None,
    extra_keys: Iterable[BackupKey] = (),
) -> int:
    """Check that ``backup`` opens and passes integrity_check; returns its record count."""
    work_dir.mkdir(parents=True, exist_ok=True)
    probe = work_dir / f".verify-{uuid.uuid4().hex[:8]}.tmp"
    try:
        return materialise(backup, probe, passphrase=passphrase, extra_keys=extra_keys)
    finally:
        probe.unlink(missing_ok=True)
