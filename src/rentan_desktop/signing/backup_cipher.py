"""Passphrase protection of backup files: X25519 envelope + scrypt-sealed key + streamed AES-GCM.

Why an envelope instead of encrypting straight under the passphrase: scheduled backups run without
anyone at the keyboard, so the app must be able to *write* an encrypted backup without knowing the
passphrase. The admin's passphrase seals an X25519 private key (scrypt + AES-GCM); only the public
key is needed to write a backup. Each backup carries the sealed private key in its header, so the
passphrase alone restores it on a fresh machine.

File layout: ``signing.stream_frame`` with the magic ``b"RENTANBK"``; the header (metadata
included) is authenticated through the AAD of every chunk.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from rentan_desktop.signing import stream_frame

MAGIC = b"RENTANBK"
VERSION = 1
CHUNK_SIZE = stream_frame.CHUNK_SIZE
# OWASP password-storage floor for scrypt is N=2^17, r=8, p=1 (about 0.5 s and 128 MiB here).
DEFAULT_SCRYPT_N = 1 << 17
# Bounds on header-supplied KDF parameters: a hostile file must not make us burn gigabytes.
_MIN_N, _MAX_N = 1 << 14, 1 << 20
_MAX_HEADER = 64 * 1024
_HKDF_INFO = b"rentan-backup-v1"


class BackupCipherError(Exception):
    """Base class; ``code`` is a message code of ``domain.issues`` (defined in storage.backup)."""

    code = "backup.damaged"


class NotEncryptedBackup(BackupCipherError):
    code = "backup.not_encrypted"


class WrongPassphrase(BackupCipherError):
    code = "backup.wrong_passphrase"


class DamagedBackup(BackupCipherError):
    code = "backup.damaged"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise DamagedBackup("bad header field")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _scrypt_key(passphrase: str, salt: bytes, n: int) -> bytes:
    if not (_MIN_N <= n <= _MAX_N) or n & (n - 1):
        raise DamagedBackup("KDF parameters out of bounds")
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class BackupKey:
    """The admin's backup key: the public half plus the passphrase-sealed private half.

    Both fields are safe to store in the settings table: the sealed half is useless without the
    passphrase (scrypt makes guessing slow).
    """

    public: bytes
    sealed_private: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(
            {"public": _b64(self.public), "sealed": self.sealed_private}, sort_keys=True
        )

    @classmethod
    def from_json(cls, text: str) -> BackupKey:
        data = json.loads(text)
        return cls(public=_unb64(data["public"]), sealed_private=dict(data["sealed"]))


def create_backup_key(passphrase: str, *, scrypt_n: int = DEFAULT_SCRYPT_N) -> BackupKey:
    """Make a new X25519 key pair and seal its private half with ``passphrase``."""
    if not passphrase:
        raise ValueError("passphrase must not be empty")
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return BackupKey(public=public, sealed_private=_seal(raw, passphrase, scrypt_n, aad=public))


def reseal_backup_key(
    key: BackupKey, old: str, new: str, *, scrypt_n: int = DEFAULT_SCRYPT_N
) -> BackupKey:
    """Same key pair under a new passphrase (older backups still open with the old one)."""
    raw = _unseal(key.sealed_private, old, aad=key.public)
    return BackupKey(public=key.public, sealed_private=_seal(raw, new, scrypt_n, aad=key.public))


def _seal(raw: bytes, passphrase: str, n: int, *, aad: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    box = AESGCM(_scrypt_key(passphrase, salt, n)).encrypt(nonce, raw, aad)
    return {
        "kdf": "scrypt",
        "n": n,
        "r": 8,
        "p": 1,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "box": _b64(box),
    }


def _unseal(sealed: dict[str, Any], passphrase: str, *, aad: bytes) -> bytes:
    if sealed.get("kdf") != "scrypt" or sealed.get("r") != 8 or sealed.get("p") != 1:
        raise DamagedBackup("unknown KDF")
    n = sealed.get("n")
    if not isinstance(n, int):
        raise DamagedBackup("bad KDF parameters")
    key = _scrypt_key(passphrase, _unb64(sealed["salt"]), n)
    try:
        return AESGCM(key).decrypt(_unb64(sealed["nonce"]), _unb64(sealed["box"]), aad)
    except InvalidTag as exc:
        raise WrongPassphrase("passphrase does not open this key") from exc


def encrypt_stream(src: BinaryIO, dst: BinaryIO, key: BackupKey, *, meta: dict[str, Any]) -> None:
    """Encrypt ``src`` into ``dst`` for ``key``; ``meta`` is stored readable but authenticated."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    file_key = stream_frame.file_key(
        eph.exchange(X25519PublicKey.from_public_bytes(key.public)),
        eph_pub,
        key.public,
        _HKDF_INFO,
    )
    prefix = os.urandom(stream_frame.NONCE_PREFIX)
    header = {
        "chunk": CHUNK_SIZE,
        "ephemeral": _b64(eph_pub),
        "meta": meta,
        "nonce_prefix": _b64(prefix),
        "recipient": _b64(key.public),
        "sealed_private": key.sealed_private,
    }
    head = stream_frame.frame(MAGIC, VERSION, header)
    dst.write(head)
    stream_frame.encrypt_chunks(src, dst, file_key, prefix, head)


def _read_head(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    try:
        header, head = stream_frame.read_frame(src, MAGIC, VERSION, _MAX_HEADER)
    except stream_frame.WrongMagic as exc:
        raise NotEncryptedBackup("not a Rentan encrypted backup") from exc
    except stream_frame.DamagedFrame as exc:
        raise DamagedBackup(str(exc)) from exc
    if not isinstance(header.get("meta"), dict):
        raise DamagedBackup("unreadable header")
    return header, head


def read_meta(src: BinaryIO) -> dict[str, Any]:
    """The metadata of an encrypted backup, without the passphrase (not yet authenticated)."""
    return dict(_read_head(src)[0]["meta"])


def is_encrypted(path: os.PathLike[str] | str) -> bool:
    """True when the file starts with the encrypted-backup magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def decrypt_stream(
    src: BinaryIO, dst: BinaryIO, passphrase: str, *, extra_keys: Iterable[BackupKey] = ()
) -> dict[str, Any]:
    """Decrypt ``src`` into ``dst`` and return the authenticated metadata.

    The sealed key in the file is tried first, then ``extra_keys`` (the currently configured key,
    in case the passphrase was changed since the backup was written). Raises ``WrongPassphrase`` or
    ``DamagedBackup``; on error ``dst`` holds partial plaintext, so callers write to a temp file.
    """
    header, head = _read_head(src)
    try:
        recipient, eph_pub = _unb64(header["recipient"]), _unb64(header["ephemeral"])
        prefix, chunk_size = _unb64(header["nonce_prefix"]), int(header["chunk"])
        candidates = [BackupKey(recipient, dict(header["sealed_private"])), *extra_keys]
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedBackup("incomplete header") from exc
    try:
        stream_frame.check_stream_parameters(prefix, chunk_size)
        private = _open_private(candidates, recipient, passphrase)
        file_key = stream_frame.file_key(
            private.exchange(X25519PublicKey.from_public_bytes(eph_pub)),
            eph_pub,
            recipient,
            _HKDF_INFO,
        )
        stream_frame.decrypt_chunks(src, dst, file_key, prefix, head, chunk_size)
    except stream_frame.DamagedFrame as exc:
        raise DamagedBackup(str(exc)) from exc
    return dict(header["meta"])


def _open_private(
    candidates: list[BackupKey], recipient: bytes, passphrase: str
) -> X25519PrivateKey:
    for cand in candidates:
        if cand.public != recipient:
            continue
        try:
            raw = _unseal(cand.sealed_private, passphrase, aad=cand.public)
        except WrongPassphrase:
            continue
        return X25519PrivateKey.from_private_bytes(raw)
    raise WrongPassphrase("passphrase does not open this backup")
