"""Passphrase protection of backup files: X25519 envelope + scrypt-sealed key + streamed AES-GCM.

Why an envelope instead of encrypting straight under the passphrase: scheduled backups run without
anyone at the keyboard, so the app must be able to *write* an encrypted backup without knowing the
passphrase. The admin's passphrase seals an X25519 private key (scrypt + AES-GCM); only the public
key is needed to write a backup. Each backup carries the sealed private key in its header, so the
passphrase alone restores it on a fresh machine.

File layout (all integers big-endian)::

    b"RENTANBK" | version (1 byte) | header length (4 bytes) | header (canonical JSON)
    chunks: AES-256-GCM(file_key, nonce_prefix(7) || counter(4) || last(1), chunk, aad=sha256(head))

The last-chunk flag in the nonce makes truncation detectable (the STREAM construction used by age).
The header (metadata included) is authenticated through the AAD of every chunk.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"RENTANBK"
VERSION = 1
CHUNK_SIZE = 1 << 20
# OWASP password-storage floor for scrypt is N=2^17, r=8, p=1 (about 0.5 s and 128 MiB here).
DEFAULT_SCRYPT_N = 1 << 17
# Bounds on header-supplied KDF parameters: a hostile file must not make us burn gigabytes.
_MIN_N, _MAX_N = 1 << 14, 1 << 20
_MAX_HEADER = 64 * 1024
_HKDF_INFO = b"rentan-backup-v1"
_TAG = 16


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


def _file_key(shared: bytes, eph_pub: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient, info=_HKDF_INFO
    ).derive(shared)


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def encrypt_stream(src: BinaryIO, dst: BinaryIO, key: BackupKey, *, meta: dict[str, Any]) -> None:
    """Encrypt ``src`` into ``dst`` for ``key``; ``meta`` is stored readable but authenticated."""
    eph = X25519PrivateKey.generate()
    eph_pub = eph.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    file_key = _file_key(
        eph.exchange(X25519PublicKey.from_public_bytes(key.public)), eph_pub, key.public
    )
    prefix = os.urandom(7)
    header = {
        "chunk": CHUNK_SIZE,
        "ephemeral": _b64(eph_pub),
        "meta": meta,
        "nonce_prefix": _b64(prefix),
        "recipient": _b64(key.public),
        "sealed_private": key.sealed_private,
    }
    head = _frame(header)
    dst.write(head)
    aad, aead = hashlib.sha256(head).digest(), AESGCM(file_key)
    counter, chunk = 0, src.read(CHUNK_SIZE)
    while True:
        following = src.read(CHUNK_SIZE) if len(chunk) == CHUNK_SIZE else b""
        last = not following
        dst.write(aead.encrypt(_nonce(prefix, counter, last), chunk, aad))
        if last:
            return
        counter, chunk = counter + 1, following


def _frame(header: dict[str, Any]) -> bytes:
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + bytes([VERSION]) + struct.pack(">I", len(body)) + body


def _read_head(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    start = src.read(len(MAGIC) + 5)
    if len(start) < len(MAGIC) + 5 or not start.startswith(MAGIC):
        raise NotEncryptedBackup("not a Rentan encrypted backup")
    if start[len(MAGIC)] != VERSION:
        raise DamagedBackup("unsupported backup format version")
    (length,) = struct.unpack(">I", start[len(MAGIC) + 1 :])
    if length > _MAX_HEADER:
        raise DamagedBackup("header too large")
    body = src.read(length)
    try:
        header = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested JSON
        raise DamagedBackup("unreadable header") from exc
    if not isinstance(header, dict) or not isinstance(header.get("meta"), dict):
        raise DamagedBackup("unreadable header")
    return header, start + body


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
    if len(prefix) != 7 or not (1024 <= chunk_size <= 16 * CHUNK_SIZE):
        raise DamagedBackup("bad stream parameters")
    private = _open_private(candidates, recipient, passphrase)
    file_key = _file_key(
        private.exchange(X25519PublicKey.from_public_bytes(eph_pub)), eph_pub, recipient
    )
    aad, aead = hashlib.sha256(head).digest(), AESGCM(file_key)
    counter, block = 0, src.read(chunk_size + _TAG)
    while True:
        following = src.read(chunk_size + _TAG) if len(block) == chunk_size + _TAG else b""
        last = not following
        try:
            dst.write(aead.decrypt(_nonce(prefix, counter, last), block, aad))
        except InvalidTag as exc:
            raise DamagedBackup(f"chunk {counter} fails authentication") from exc
        if last:
            return dict(header["meta"])
        counter, block = counter + 1, following


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
