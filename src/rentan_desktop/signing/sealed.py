"""Files sealed to one office's X25519 public key (batches and receipts on USB sticks).

A lost stick must leak nothing: the workbook of a batch carries full NIK, KK and mother's name.
So the exporting office seals it to the *recipient* office's X25519 key (registered with that
office's signing key, fingerprint compared); only the recipient's unlocked office key opens it.
The construction is a sealed box, as in age and libsodium: an ephemeral X25519 key per file,
HKDF-SHA256 of the shared secret into a file key, then AES-256-GCM over 1 MiB chunks with the
STREAM nonce (7-byte prefix, 4-byte counter, last-chunk flag), so truncation, reordering and
chunk swapping are detected. The header is authenticated as the AAD of every chunk.

File layout (integers big-endian)::

    b"RENTANSB" | version (1) | header length (4) | header (JSON) | chunks

The sender's signature does not live here: the signed manifest names the sealed file's SHA-256,
so a batch is verified (signer, ledger, addressed to us) *before* anything is decrypted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"RENTANSB"
VERSION = 1
CHUNK_SIZE = 1 << 20
_TAG = 16
_MAX_HEADER = 16 * 1024
_INFO = b"rentan-sealed-v1"


class SealedError(Exception):
    """Base class: the file is not sealed, not for this key, or damaged."""


class NotSealed(SealedError):
    pass


class NotForThisKey(SealedError):
    """Sealed to another office's key; ``recipient`` names the key id it was sealed to."""

    def __init__(self, recipient: str) -> None:
        super().__init__(recipient)
        self.recipient = recipient


class DamagedSealed(SealedError):
    pass


def key_id(public: bytes) -> str:
    """16 hex characters naming an X25519 public key (SHA-256 prefix, as signing key ids)."""
    return hashlib.sha256(public).hexdigest()[:16]


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _file_key(shared: bytes, eph: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph + recipient, info=_INFO).derive(
        shared)


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def seal_stream(src: BinaryIO, dst: BinaryIO, recipient: bytes) -> None:
    """Encrypt ``src`` into ``dst`` so that only the holder of ``recipient``'s private key reads it."""
    eph = X25519PrivateKey.generate()
    eph_pub = _raw(eph.public_key())
    file_key = _file_key(eph.exchange(X25519PublicKey.from_public_bytes(recipient)), eph_pub,
                         recipient)
    prefix = os.urandom(7)
    header = {"chunk": CHUNK_SIZE, "ephemeral": base64.b64encode(eph_pub).decode("ascii"),
              "nonce_prefix": base64.b64encode(prefix).decode("ascii"),
              "recipient": key_id(recipient)}
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    head = MAGIC + bytes([VERSION]) + struct.pack(">I", len(body)) + body
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


def read_header(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    """The (unauthenticated) header and the exact head bytes; raises NotSealed/DamagedSealed."""
    start = src.read(len(MAGIC) + 5)
    if len(start) < len(MAGIC) + 5 or not start.startswith(MAGIC):
        raise NotSealed("not a sealed Rentan file")
    if start[len(MAGIC)] != VERSION:
        raise DamagedSealed("unsupported sealed-file version")
    (length,) = struct.unpack(">I", start[len(MAGIC) + 1:])
    if length > _MAX_HEADER:
        raise DamagedSealed("header too large")
    body = src.read(length)
    try:
        header = json.loads(body.decode("ascii"))
        if not isinstance(header, dict):
            raise ValueError("header")
    except (UnicodeDecodeError, ValueError) as exc:
        raise DamagedSealed("unreadable header") from exc
    return header, start + body


def open_stream(src: BinaryIO, dst: BinaryIO, private: X25519PrivateKey) -> None:
    """Decrypt ``src`` into ``dst`` with the recipient's private key.

    Raises ``NotForThisKey`` before any decryption when sealed to another key, ``DamagedSealed``
    when a chunk fails authentication; ``dst`` may then hold partial plaintext, so callers write
    to a temp file in the data folder and remove it.
    """
    header, head = read_header(src)
    own = _raw(private.public_key())
    if header.get("recipient") != key_id(own):
        raise NotForThisKey(str(header.get("recipient", "")))
    try:
        eph_pub = base64.b64decode(str(header["ephemeral"]), validate=True)
        prefix = base64.b64decode(str(header["nonce_prefix"]), validate=True)
        chunk_size = int(header["chunk"])
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedSealed("incomplete header") from exc
    if len(prefix) != 7 or not (1024 <= chunk_size <= 16 * CHUNK_SIZE):
        raise DamagedSealed("bad stream parameters")
    aad, aead = hashlib.sha256(head).digest(), AESGCM(_file_key(shared, eph_pub, own))
    counter, block = 0, src.read(chunk_size + _TAG)
    while True:
        following = src.read(chunk_size + _TAG) if len(block) == chunk_size + _TAG else b""
        last = not following
        try:
            dst.write(aead.decrypt(_nonce(prefix, counter, last), block, aad))
        except InvalidTag as exc:
            raise DamagedSealed(f"chunk {counter} fails authentication") from exc
        if last:
            return
        counter, block = counter + 1, following
