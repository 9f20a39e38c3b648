"""The one framing of Rentan's encrypted files: a readable JSON header, then STREAM chunks.

Sealed batches and receipts (``signing.sealed``) and encrypted backups (``signing.backup_cipher``)
differ in how they get the file key (an X25519 exchange with the recipient's key, or with a key
sealed under a passphrase), not in how the file is laid out. Both use this module::

    magic (8 bytes) | version (1) | header length (4, big-endian) | header (JSON, ASCII)
    chunks: AES-256-GCM(file_key, nonce_prefix(7) || counter(4) || last(1), chunk, aad=sha256(head))

The last-chunk flag in the nonce makes truncation detectable (the STREAM construction of age);
the header is authenticated as the AAD of every chunk, so it may be read before decryption but is
trusted only once a chunk has decrypted.
"""

from __future__ import annotations

import hashlib
import json
import struct
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK_SIZE = 1 << 20
NONCE_PREFIX = 7
_TAG = 16
_LENGTH = struct.Struct(">I")


class FrameError(Exception):
    """Base class; callers translate it into their own file kind's error."""


class WrongMagic(FrameError):
    """The file does not start with the expected magic bytes: not this kind of file at all."""


class DamagedFrame(FrameError):
    """The right kind of file, but its header or a chunk is unreadable or fails authentication."""


def file_key(shared: bytes, eph_pub: bytes, recipient: bytes, info: bytes) -> bytes:
    """The AES-256 key of one file from an X25519 shared secret (salt binds both public keys)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient, info=info).derive(
        shared
    )


def frame(magic: bytes, version: int, header: dict[str, Any]) -> bytes:
    """The head bytes: magic, version, length and the canonical JSON of ``header``."""
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    return magic + bytes([version]) + _LENGTH.pack(len(body)) + body


def read_frame(
    src: BinaryIO, magic: bytes, version: int, max_header: int
) -> tuple[dict[str, Any], bytes]:
    """The (not yet authenticated) header and the exact head bytes, for the AAD.

    Raises:
        WrongMagic: not a file of this kind.
        DamagedFrame: another version, an oversized or unreadable header.
    """
    start = src.read(len(magic) + 1 + _LENGTH.size)
    if len(start) < len(magic) + 1 + _LENGTH.size or not start.startswith(magic):
        raise WrongMagic("wrong magic bytes")
    if start[len(magic)] != version:
        raise DamagedFrame("unsupported format version")
    (length,) = _LENGTH.unpack(start[len(magic) + 1 :])
    if length > max_header:
        raise DamagedFrame("header too large")
    body = src.read(length)
    try:
        header = json.loads(body.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested JSON
        raise DamagedFrame("unreadable header") from exc
    if not isinstance(header, dict):
        raise DamagedFrame("unreadable header")
    return header, start + body


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + _LENGTH.pack(counter) + (b"\x01" if last else b"\x00")


def encrypt_chunks(
    src: BinaryIO,
    dst: BinaryIO,
    key: bytes,
    prefix: bytes,
    head: bytes,
    chunk_size: int = CHUNK_SIZE,
) -> None:
    """Write ``src`` as authenticated chunks after ``head`` (which the caller has written)."""
    aad, aead = hashlib.sha256(head).digest(), AESGCM(key)
    counter, chunk = 0, src.read(chunk_size)
    while True:
        following = src.read(chunk_size) if len(chunk) == chunk_size else b""
        last = not following
        dst.write(aead.encrypt(_nonce(prefix, counter, last), chunk, aad))
        if last:
            return
        counter, chunk = counter + 1, following


def check_stream_parameters(prefix: bytes, chunk_size: int) -> None:
    """Bounds on header-supplied stream parameters (a hostile header must not allocate 4 GB)."""
    if len(prefix) != NONCE_PREFIX or not (1024 <= chunk_size <= 16 * CHUNK_SIZE):
        raise DamagedFrame("bad stream parameters")


def decrypt_chunks(
    src: BinaryIO, dst: BinaryIO, key: bytes, prefix: bytes, head: bytes, chunk_size: int
) -> None:
    """Decrypt the chunks following ``head`` into ``dst``.

    Raises ``DamagedFrame`` at the first chunk that fails authentication (tampered, truncated,
    reordered); ``dst`` may then hold partial plaintext, so callers write to a temp file in the
    data folder and remove it.
    """
    check_stream_parameters(prefix, chunk_size)
    aad, aead = hashlib.sha256(head).digest(), AESGCM(key)
    counter, block = 0, src.read(chunk_size + _TAG)
    while True:
        following = src.read(chunk_size + _TAG) if len(block) == chunk_size + _TAG else b""
        last = not following
        try:
            dst.write(aead.decrypt(_nonce(prefix, counter, last), block, aad))
        except InvalidTag as exc:
            raise DamagedFrame(f"chunk {counter} fails authentication") from exc
        if last:
            return
        counter, block = counter + 1, following
