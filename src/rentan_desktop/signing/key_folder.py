"""The office key store folder of a database, its private-file writes, and the audit key.

Kept apart from ``signing.keys`` (which loads ``cryptography``) because the audit key is needed
every time a database opens, and the app's first window must not wait for that import.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import threading
from pathlib import Path

AUDIT_KEY_FILE = "audit.key"
AUDIT_KEY_SEALED = "audit.key.sealed"
OFFICE_SALT_FILE = "office.salt"  # the office key's KDF parameters (signing.keys.KeyStore)
AUDIT_SEALED_MARK = "sealed-v1"

# Audit keys opened in this process (key store folder -> key); never written anywhere.
_OPEN: dict[str, bytes] = {}
_OPEN_LOCK = threading.Lock()


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


class AuditKeyLocked(KeyFileError):
    """The audit key is sealed under the office key, and the office key is not unlocked here."""


def _plain_key(path: Path) -> bytes:
    try:
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


def office_key_seals_audit(directory: Path) -> bool:
    """True when the office key's KDF parameters (``office.salt``) carry the audit-sealed mark.

    The mark is an input of the passphrase stretching (``signing.keys``): removing it makes the
    office key fail to open, so whoever copies the folder cannot pass a planted plain
    ``audit.key`` off as a folder that was never sealed.
    """
    try:
        params = json.loads((Path(directory) / OFFICE_SALT_FILE).read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(params, dict) and params.get("audit") == AUDIT_SEALED_MARK


def _folder_id(directory: Path) -> str:
    return str(Path(directory).resolve())


def audit_key(directory: Path, *, create: bool = False) -> bytes | None:
    """The secret that keys the audit chain (HMAC-SHA256) of the database whose key store this is.

    The ONE place the audit key is read or made. Two forms:

    * **sealed** (``audit.key.sealed``): the 32-byte key under AES-256-GCM with a key derived from
      the office's private key, so it opens only where the office key is unlocked (passphrase or
      keyring, never stored beside it). Someone who copies the folder cannot re-key the chain.
      Opened once per process by :func:`unseal_audit_key` (called whenever the office key is
      unlocked) and then answered from memory; until then this raises :class:`AuditKeyLocked`.
    * **plain** (``audit.key``, 0600): only while the database has no office key yet (a new
      database before set-up), or an older folder until the next unlock seals it.

    Returns None when there is no key and ``create`` is False.

    Raises:
        AuditKeyLocked: the key is sealed and the office key is not unlocked in this process.
        KeyFileError: a key file exists but cannot be read or is damaged.
    """
    folder = Path(directory)
    with _OPEN_LOCK:
        cached = _OPEN.get(_folder_id(folder))
    if cached is not None:
        return cached
    if (folder / AUDIT_KEY_SEALED).exists():
        raise AuditKeyLocked("the audit key is sealed under the locked office key")
    path = folder / AUDIT_KEY_FILE
    if office_key_seals_audit(folder):
        # The sealed file is gone and a plain one may have been put in its place: never trust it.
        raise AuditKeyLocked("the office key seals the audit key, and no sealed audit key is open")
    if not path.exists():
        if not create:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        write_private(path, secrets.token_hex(32).encode("ascii"))
    return _plain_key(path)


def audit_key_sealed(directory: Path) -> bool:
    """True once the audit key of this key store is sealed under the office key."""
    return (Path(directory) / AUDIT_KEY_SEALED).exists()


def unseal_audit_key(directory: Path, wrap_key: bytes, key_id: str) -> bytes:
    """Open (or first seal) the audit key with ``wrap_key``, derived from the unlocked office key.

    Called each time the office key is unlocked. A plain ``audit.key`` (a folder from before,
    or one made before the office key) is sealed with the *same* 32 bytes, so the chain it keyed
    keeps verifying, and the plain file is then overwritten and removed. The opened key is kept
    in this process's memory only.

    Raises:
        KeyFileError: the sealed file is damaged or was sealed under another office key.
    """
    from cryptography.exceptions import InvalidTag  # only here: first paint must not wait
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    folder = Path(directory)
    sealed = folder / AUDIT_KEY_SEALED
    aad = b"rentan.audit-key.v1\x00" + key_id.encode("ascii")
    if sealed.exists():
        try:
            doc = json.loads(sealed.read_bytes())
            nonce, box = bytes.fromhex(doc["nonce"]), bytes.fromhex(doc["box"])
            key = AESGCM(wrap_key).decrypt(nonce, box, aad)
        except (OSError, ValueError, KeyError, TypeError, InvalidTag) as exc:
            raise KeyFileError(
                "the sealed audit key cannot be opened with this office key"
            ) from exc
    else:
        plain = folder / AUDIT_KEY_FILE
        if plain.exists() and office_key_seals_audit(folder):
            # Sealed before, now only a plain key: planted by someone without the passphrase.
            # Kept aside as evidence; a new key re-keys the chain and verify then names every
            # earlier event as made under a key no longer here.
            plain.replace(folder / f"{AUDIT_KEY_FILE}.planted-{secrets.token_hex(4)}")
        key = _plain_key(plain) if plain.exists() else secrets.token_bytes(32)
        nonce = secrets.token_bytes(12)
        box = AESGCM(wrap_key).encrypt(nonce, key, aad)
        folder.mkdir(parents=True, exist_ok=True)
        write_private(
            sealed,
            json.dumps(
                {"v": 1, "office_key_id": key_id, "nonce": nonce.hex(), "box": box.hex()}
            ).encode("ascii"),
        )
    with _OPEN_LOCK:
        _OPEN[_folder_id(folder)] = key
    # Only once the sealed copy is on disk (fsynced by write_private): the plain copy goes.
    _shred(folder / AUDIT_KEY_FILE)
    return key


def reseal_audit_key(directory: Path, key: bytes, wrap_key: bytes, key_id: str) -> None:
    """Seal the (open) audit ``key`` under a new office key (after a key rotation)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    folder = Path(directory)
    aad = b"rentan.audit-key.v1\x00" + key_id.encode("ascii")
    nonce = secrets.token_bytes(12)
    box = AESGCM(wrap_key).encrypt(nonce, key, aad)
    write_private(
        folder / AUDIT_KEY_SEALED,
        json.dumps(
            {"v": 1, "office_key_id": key_id, "nonce": nonce.hex(), "box": box.hex()}
        ).encode("ascii"),
    )
    with _OPEN_LOCK:
        _OPEN[_folder_id(folder)] = key


def sealed_audit_key_id(directory: Path) -> str:
    """The office key id the audit key is sealed under ('' when not sealed or unreadable)."""
    try:
        doc = json.loads((Path(directory) / AUDIT_KEY_SEALED).read_bytes())
        return str(doc["office_key_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _shred(path: Path) -> None:
    """Overwrite a small secret file with zeros, flush, then remove it.

    Not a guarantee on SSDs or copy-on-write file systems (the old blocks may survive), which
    docs/security.md says; it does defeat an undelete of the file's blocks on an ordinary disk.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            os.write(fd, b"\x00" * max(size, 64))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
