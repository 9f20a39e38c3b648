"""Backups of a server database: ``pg_dump`` (custom format), encrypted, verified by a restore.

The dump never lies in plaintext on disk: ``pg_dump``'s output streams straight into the same
encryption as the embedded backups (``signing.backup_cipher``, the backup key of the office), into a
temp file beside the target that is fsynced and renamed into place only when ``pg_dump`` succeeded.

What the backup must contain is fixed at the moment it is taken: the dump runs on a snapshot exported
from a REPEATABLE READ transaction (``pg_export_snapshot``), and the same transaction counts and
hashes every table (storage/server_copy.py). Those figures travel in the backup's authenticated
header. :func:`verify_backup` restores the file into an empty scratch database with ``pg_restore``
and compares each table's rows and SHA-256 with them.

The PostgreSQL client programs come from Debian's packages (``postgresql-client``): the newest
``/usr/lib/postgresql/N/bin`` is used, or the ones on ``PATH``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from rentan_desktop.domain import issues
from rentan_desktop.signing import backup_cipher
from rentan_desktop.signing.backup_cipher import BackupKey
from rentan_desktop.storage import server_copy
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.server import check_connection, server_engine

issues.define_all(
    {
        "server_backup.tool_missing": (
            "Program {tool} (paket Debian postgresql-client) tidak ditemukan di PC ini; "
            "cadangan server tidak dibuat.",
            "The program {tool} (Debian package postgresql-client) is not on this PC; no server "
            "backup was made.",
        ),
        "server_backup.dump_failed": (
            "pg_dump gagal ({reason}); cadangan server tidak dibuat dan tidak ada yang berubah.",
            "pg_dump failed ({reason}); no server backup was made and nothing changed.",
        ),
        "server_backup.restore_failed": (
            "Cadangan {name} tidak dapat dipulihkan ke basis data uji ({reason}).",
            "Backup {name} could not be restored into the scratch database ({reason}).",
        ),
        "server_backup.mismatch": (
            "Cadangan {name} tidak sama dengan data saat dibuat (tabel {table}: {detail}); "
            "jangan pakai cadangan ini.",
            "Backup {name} does not match the data it was taken from (table {table}: {detail}); "
            "do not use this backup.",
        ),
        "server_backup.unreadable": (
            "Cadangan {name} tidak dapat dibuka: kata sandi salah atau berkas rusak.",
            "Backup {name} cannot be opened: wrong passphrase or a damaged file.",
        ),
    }
)

SUFFIX = ".rpg"  # an encrypted pg_dump of a server database


class ServerBackupError(issues.Refusal):
    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(issues.text(code, "en", **params))


@dataclass(frozen=True)
class ServerBackup:
    path: Path
    tables: dict[str, tuple[int, str]]
    taken_at: datetime

    @property
    def rows(self) -> int:
        return sum(rows for rows, _ in self.tables.values())


def client_tool(name: str) -> Path:
    """The newest PostgreSQL client program ``name`` on this PC."""
    found: list[tuple[int, Path]] = []
    for candidate in Path("/usr/lib/postgresql").glob(f"*/bin/{name}"):
        if candidate.parent.parent.name.isdigit():
            found.append((int(candidate.parent.parent.name), candidate))
    if found:
        return max(found)[1]
    on_path = shutil.which(name)
    if on_path:
        return Path(on_path)
    raise ServerBackupError("server_backup.tool_missing", tool=name)


def _libpq(location: ServerLocation) -> tuple[str, dict[str, str]]:
    """The address for a client program without its password (which goes in PGPASSWORD, never
    on a command line other users of the PC can read in the process list)."""
    url = location.sqlalchemy_url()
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "?"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def dump(
    location: ServerLocation, folder: Path, key: BackupKey, *, label: str = ""
) -> ServerBackup:
    """Write an encrypted, snapshot-consistent ``pg_dump`` of the server database into ``folder``."""
    pg_dump = client_tool("pg_dump")
    check_connection(location)
    folder.mkdir(parents=True, exist_ok=True)
    taken = datetime.now(UTC)
    name = (
        f"rentan-server-{taken.strftime('%Y%m%dT%H%M%SZ')}{('-' + label) if label else ''}{SUFFIX}"
    )
    target = folder / name
    address, env = _libpq(location)
    engine = server_engine(location, pooled=False)
    part = folder / f".{name}.part"
    try:
        with engine.connect() as plain:
            conn = plain.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar()
                tables = server_copy.server_digests(conn)
                meta: dict[str, Any] = {
                    "kind": "server",
                    "format": "pg_dump-custom",
                    "taken_at": taken.isoformat(),
                    "server": location.display(),
                    "tables": {t: list(v) for t, v in tables.items()},
                }
                with tempfile.TemporaryFile() as errors, open(part, "wb") as out:
                    proc = subprocess.Popen(
                        [
                            str(pg_dump),
                            "--format=custom",
                            "--no-owner",
                            "--no-privileges",
                            f"--snapshot={snapshot}",
                            f"--dbname={address}",
                        ],
                        stdout=subprocess.PIPE,
                        stderr=errors,
                        env=env,
                    )
                    assert proc.stdout is not None
                    try:
                        backup_cipher.encrypt_stream(proc.stdout, out, key, meta=meta)
                    finally:
                        proc.stdout.close()
                        code = proc.wait()
                    if code != 0:
                        errors.seek(0)
                        raise ServerBackupError(
                            "server_backup.dump_failed", reason=_first_line(errors.read())
                        )
                    out.flush()
                    os.fsync(out.fileno())
        os.replace(part, target)
        _fsync_dir(folder)
    finally:
        engine.dispose()
        part.unlink(missing_ok=True)
    return ServerBackup(target, tables, taken)


def verify_backup(
    path: Path, passphrase: str, scratch: ServerLocation
) -> dict[str, tuple[int, str]]:
    """Restore ``path`` into the empty database ``scratch`` and check every table against the
    figures taken with the dump; returns them. The scratch database is left filled (drop it)."""
    pg_restore = client_tool("pg_restore")
    check_connection(scratch)
    address, env = _libpq(scratch)
    with tempfile.TemporaryFile() as errors, open(path, "rb") as src:
        proc = subprocess.Popen(
            [
                str(pg_restore),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={address}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        sink: IO[bytes] = proc.stdin  # type: ignore[assignment]
        try:
            meta = backup_cipher.decrypt_stream(src, sink, passphrase)
        except backup_cipher.BackupCipherError:
            proc.kill()
            proc.wait()
            raise ServerBackupError("server_backup.unreadable", name=path.name) from None
        except BrokenPipeError:
            meta = {}  # pg_restore stopped early: its own message says why (below)
        finally:
            if not sink.closed:
                with contextlib.suppress(BrokenPipeError):
                    sink.close()
        code = proc.wait()
        if code != 0 or not meta:
            errors.seek(0)
            raise ServerBackupError(
                "server_backup.restore_failed", name=path.name, reason=_first_line(errors.read())
            )
    expected = {t: (int(v[0]), str(v[1])) for t, v in dict(meta.get("tables", {})).items()}
    engine = server_engine(scratch, pooled=False)
    try:
        with engine.connect() as conn, conn.begin():
            restored = server_copy.server_digests(conn)
    finally:
        engine.dispose()
    for table in sorted(set(expected) | set(restored)):
        want, got = expected.get(table), restored.get(table)
        if want is None or got is None:
            raise ServerBackupError(
                "server_backup.mismatch", name=path.name, table=table, detail="missing"
            )
        if want[0] != got[0]:
            detail = f"{want[0]} -> {got[0]} rows"
            raise ServerBackupError(
                "server_backup.mismatch", name=path.name, table=table, detail=detail
            )
        if want[1] != got[1]:
            raise ServerBackupError(
                "server_backup.mismatch", name=path.name, table=table, detail="sha256"
            )
    return expected
