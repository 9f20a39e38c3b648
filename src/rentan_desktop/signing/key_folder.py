"""The office key store folder of a database, its private-file writes, and the audit key.

Kept apart from ``signing.keys`` (which loads ``cryptography``) because the audit key is needed
every time a database opens, and the app's first window must not wait for that import.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

AUDIT_KEY_FILE = "audit.key"


class KeyFileError(Exception):
    """A key file is missing, damaged or cannot be decrypted with the secret or passphrase."""


def key_dir_for(db_path: Path) -> Path:
    """The key store folder of one database: ``<db name>-keys`` beside the database file.

    One folder per database, so a training database in the same folder never shares a key.
    """
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}-keys"


def write_private(path: Path, data: bytes) -> None:
    """Write a secret file readable by its owner only, atomically (fsync, then rename)."""
    # Create with 0600 from the start (no window where the file is world-readable), then rename.
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def audit_key(directory: Path, *, create: bool = False) -> bytes | None:
    """The secret that keys the audit chain (HMAC-SHA256) of the database whose key store this is.

    The ONE place the audit key is read or made: a 32-byte random secret in ``audit.key`` (0600)
    in the office key store folder, so it is protected exactly like the office key. Whoever changes
    how the office key is unlocked changes this function with it; nothing else reads the file.
    Returns None when there is no key and ``create`` is False.

    Raises:
        KeyFileError: the file exists but cannot be read or is damaged.
    """
    path = Path(directory) / AUDIT_KEY_FILE
    try:
        text = path.read_bytes().strip()
    except FileNotFoundError:
        if not create:
            return None
        Path(directory).mkdir(parents=True, exist_ok=True)
        write_private(path, secrets.token_hex(32).encode("ascii"))
        text = path.read_bytes().strip()
    except OSError as exc:
        raise KeyFileError("the audit key cannot be read") from exc
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except ValueError as exc:
        raise KeyFileError("the audit key file is damaged") from exc
    if len(key) != 32:
        raise KeyFileError("the audit key file is damaged")
    return key
