"""Unlocking the office key without anyone typing: the process's memory of unlocked keys, the
passphrase sources (``RENTAN_KEY_PASSPHRASE``, the OS keyring), and the audit key opened with it.

Below ``services.audit_seal`` (which opens the sealed audit key when a database opens) and below
``services.trust`` (which creates, rotates and hands out the office key): it works on a key store
folder and knows nothing of the application context, so neither of them is imported back.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from rentan_desktop.domain import issues
from rentan_desktop.services import os_keyring
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import key_folder
from rentan_desktop.signing.keys import KeyFileError, KeyStore, SigningKey, WrongKeyPassphrase

KEY_WRONG_PASSPHRASE = issues.define(
    "key.wrong_passphrase",
    id="Frasa sandi kunci kantor salah{source}; kunci tetap terkunci.",
    en="Wrong office key passphrase{source}; the key stays locked.",
)
KEY_DAMAGED = issues.define(
    "key.damaged",
    id="Berkas kunci kantor rusak atau tidak lengkap ({detail}).",
    en="The office key files are damaged or incomplete ({detail}).",
)

# Where a passphrase may come from besides the keyboard. Documented in the README.
PASSPHRASE_ENV = "RENTAN_KEY_PASSPHRASE"
KEYRING_SERVICE = "rentan-desktop-office-key"
AUDIT_WRAP_LABEL = b"rentan.audit-key-wrap.v1"  # HKDF label: the audit key's wrapping key

# Unlocked keys for this process (the GUI session or one CLI run), never written anywhere. Keyed
# by the key file's identity, so a replaced key file is not answered from memory.
_UNLOCKED: dict[tuple[str, int, int], SigningKey] = {}
_UNLOCKED_LOCK = threading.Lock()


def _cache_id(store: KeyStore) -> tuple[str, int, int]:
    stat = store.key_path.stat()
    return (str(store.key_path.resolve()), stat.st_ino, stat.st_mtime_ns)


def unlocked(store: KeyStore) -> SigningKey | None:
    """The key of ``store`` if it was unlocked in this process and its file is unchanged."""
    with _UNLOCKED_LOCK:
        return _UNLOCKED.get(_cache_id(store))


def hold(store: KeyStore, key: SigningKey) -> None:
    """Keep ``key`` as the unlocked key of ``store`` for this process (its audit key is open)."""
    with _UNLOCKED_LOCK:  # after any re-store: the cache is keyed by the key file's inode
        _UNLOCKED[_cache_id(store)] = key


def forget(store: KeyStore) -> None:
    """Drop every unlocked key of ``store`` from this process's memory."""
    with _UNLOCKED_LOCK:
        for ident in [i for i in _UNLOCKED if i[0] == str(store.key_path.resolve())]:
            del _UNLOCKED[ident]


def remember(store: KeyStore, key: SigningKey, passphrase: str) -> SigningKey:
    """Keep ``key`` unlocked for this process and open the audit key it seals.

    Raises:
        UserError: the key files are damaged.
    """
    store.write_public(key)
    # The audit key opens with the office key: a plain one left from before is sealed now, and
    # then the office key is marked as sealing it (so a plain one planted later is not trusted).
    try:
        _recover_rotated_audit_key(store, key)
        key_folder.unseal_audit_key(
            store.directory, key.derive_secret(AUDIT_WRAP_LABEL), key.public_key.key_id
        )
        store.mark_audit_sealed(key, passphrase)
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    hold(store, key)
    return key


def _recover_rotated_audit_key(store: KeyStore, key: SigningKey) -> None:
    """A rotation killed after the key file was replaced but before the audit key was re-sealed
    leaves it sealed under the retired key: open it with that key and seal it under ``key``."""
    sealed_under = key_folder.sealed_audit_key_id(store.directory)
    if not sealed_under or sealed_under == key.public_key.key_id:
        return
    for old in store.retired_keys(key):
        if old.public_key.key_id == sealed_under:
            opened = key_folder.unseal_audit_key(
                store.directory, old.derive_secret(AUDIT_WRAP_LABEL), sealed_under
            )
            key_folder.reseal_audit_key(
                store.directory, opened, key.derive_secret(AUDIT_WRAP_LABEL), key.public_key.key_id
            )
            return


def from_environment(store: KeyStore) -> SigningKey | None:
    """The key unlocked with ``RENTAN_KEY_PASSPHRASE`` or the OS keyring; None when neither
    holds a passphrase.

    Raises:
        UserError: a passphrase is there but wrong, or the key files are damaged.
    """
    for source, passphrase in (
        ("RENTAN_KEY_PASSPHRASE", os.environ.get(PASSPHRASE_ENV)),
        ("keyring", keyring_get(store)),
    ):
        if not passphrase:
            continue
        try:
            return remember(store, store.load(passphrase), passphrase)
        except WrongKeyPassphrase as exc:
            raise UserError(KEY_WRONG_PASSPHRASE, source=f" ({source})") from exc
        except KeyFileError as exc:
            raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    return None


def open_audit_key(directory: Path) -> bytes | None:
    """The audit key of a key store whose sealed audit key is not open yet, opened through the
    office key with ``RENTAN_KEY_PASSPHRASE`` or the keyring; None when neither is there (the
    app then asks, see ``trust.unlock_for_session``). Called when a database opens."""
    store = KeyStore(Path(directory))
    if not store.exists() or store.is_legacy():
        return None
    if from_environment(store) is None:
        return None
    return key_folder.audit_key(store.directory)


def keyring_get(store: KeyStore) -> str | None:
    """The passphrase the admin chose to keep in the OS keyring, if ``keyring`` is installed."""
    return os_keyring.get(KEYRING_SERVICE, str(store.directory.resolve()))


def keyring_set(store: KeyStore, passphrase: str) -> bool:
    """Keep ``passphrase`` in the OS keyring; False when no usable keyring is there."""
    return os_keyring.put(KEYRING_SERVICE, str(store.directory.resolve()), passphrase)
