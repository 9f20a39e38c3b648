"""The one framing shared by sealed batches/receipts and encrypted backups (signing.stream_frame)."""

from __future__ import annotations

import io
import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from rentan_desktop.signing import backup_cipher, sealed, stream_frame


def _recipient() -> tuple[X25519PrivateKey, bytes]:
    private = X25519PrivateKey.generate()
    return private, sealed._raw(private.public_key())


def test_both_file_kinds_use_the_same_head_layout() -> None:
    _, public = _recipient()
    out = io.BytesIO()
    sealed.seal_stream(io.BytesIO(b"x" * 3000), out, public)
    header, head = stream_frame.read_frame(
        io.BytesIO(out.getvalue()), sealed.MAGIC, sealed.VERSION, 16 * 1024
    )
    assert head == stream_frame.frame(sealed.MAGIC, sealed.VERSION, header)

    key = backup_cipher.create_backup_key("sandi cadangan kantor", scrypt_n=1 << 14)
    out = io.BytesIO()
    backup_cipher.encrypt_stream(io.BytesIO(b"y" * 3000), out, key, meta={"n": 1})
    header, head = stream_frame.read_frame(
        io.BytesIO(out.getvalue()), backup_cipher.MAGIC, backup_cipher.VERSION, 64 * 1024
    )
    assert head == stream_frame.frame(backup_cipher.MAGIC, backup_cipher.VERSION, header)
    assert header["meta"] == {"n": 1}


def test_one_kind_is_not_taken_for_the_other() -> None:
    _, public = _recipient()
    out = io.BytesIO()
    sealed.seal_stream(io.BytesIO(b"rahasia"), out, public)
    with pytest.raises(backup_cipher.NotEncryptedBackup):
        backup_cipher.read_meta(io.BytesIO(out.getvalue()))
    key = backup_cipher.create_backup_key("sandi cadangan kantor", scrypt_n=1 << 14)
    out = io.BytesIO()
    backup_cipher.encrypt_stream(io.BytesIO(b"rahasia"), out, key, meta={})
    with pytest.raises(sealed.NotSealed):
        sealed.read_header(io.BytesIO(out.getvalue()))


@pytest.mark.parametrize("body", [b"[" * 5000 + b"]" * 5000, b"\xff\xfe", b"[1, 2]"])
def test_hostile_headers_are_damage_in_both_kinds(body: bytes) -> None:
    for magic, error in (
        (sealed.MAGIC, sealed.DamagedSealed),
        (backup_cipher.MAGIC, backup_cipher.DamagedBackup),
    ):
        data = magic + bytes([1]) + struct.pack(">I", len(body)) + body
        reader = sealed.read_header if magic == sealed.MAGIC else backup_cipher.read_meta
        with pytest.raises(error):
            reader(io.BytesIO(data))


def test_a_dropped_last_chunk_is_detected() -> None:
    private, public = _recipient()
    out = io.BytesIO()
    payload = bytes(range(256)) * 9000  # over two chunks
    sealed.seal_stream(io.BytesIO(payload), out, public)
    whole = out.getvalue()
    back = io.BytesIO()
    sealed.open_stream(io.BytesIO(whole), back, private)
    assert back.getvalue() == payload
    cut = whole[: len(whole) - (len(payload) - 2 * stream_frame.CHUNK_SIZE) - 16]
    with pytest.raises(sealed.DamagedSealed):
        sealed.open_stream(io.BytesIO(cut), io.BytesIO(), private)
