"""Files sealed to one office's X25519 public key (batches and receipts on USB sticks).

A lost stick must leak nothing: the workbook of a batch carries full NIK, KK and mother's name.
So the exporting office seals it to the *recipient* office's X25519 key (registered with that
office's signing key, fingerprint compared); only the recipient's unlocked office key opens it.
The construction is a sealed box, as in age and libsodium: an ephemeral X25519 key per file,
HKDF-SHA256 of the shared secret into a file key, then AES-256-GCM over 1 MiB chunks with the
STREAM nonce (7-byte prefix, 4-byte counter, last-chunk flag), so truncation, reordering and
chunk swapping are detected. The header is authenticated as the AAD of every chunk.

File layout: ``signing.stream_frame`` with the magic ``b"RENTANSB"``.

The sender's signature does not live here: the signed manifest names the sealed file's SHA-256,
so a batch is verified (signer, ledger, addressed to us) *before* anything is decrypted.
"""

from __future__ import annotations

import base64
import hashlib
import os
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from rentan_desktop.signing import stream_frame

MAGIC = b"RENTANSB"
VERSION = 1
CHUNK_SIZE = stream_frame.CHUNK_SIZE
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


def seal_stream(src: BinaryIO, dst: BinaryIO, recipient: bytes) -> None:
    """Encrypt ``src`` into ``dst`` so that only the holder of ``recipient``'s private key reads it."""
    eph = X25519PrivateKey.generate()
    eph_pub = _raw(eph.public_key())
    file_key = stream_frame.file_key(
        eph.exchange(X25519PublicKey.from_public_bytes(recipient)), eph_pub, recipient, _INFO
    )
    prefix = os.urandom(stream_frame.NONCE_PREFIX)
    header = {
        "chunk": CHUNK_SIZE,
        "ephemeral": base64.b64encode(eph_pub).decode("ascii"),
        "nonce_prefix": base64.b64encode(prefix).decode("ascii"),
        "recipient": key_id(recipient),
    }
    head = stream_frame.frame(MAGIC, VERSION, header)
    dst.write(head)
    stream_frame.encrypt_chunks(src, dst, file_key, prefix, head)


def read_header(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    """The (unauthenticated) header and the exact head bytes; raises NotSealed/DamagedSealed."""
    try:
        return stream_frame.read_frame(src, MAGIC, VERSION, _MAX_HEADER)
    except stream_frame.WrongMagic as exc:
        raise NotSealed("not a sealed Rentan file") from exc
    except stream_frame.DamagedFrame as exc:
        raise DamagedSealed(str(exc)) from exc


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
    try:
        stream_frame.decrypt_chunks(
            src, dst, stream_frame.file_key(shared, eph_pub, own, _INFO), prefix, head, chunk_size
        )
    except stream_frame.DamagedFrame as exc:
        raise DamagedSealed(str(exc)) from exc
