"""Compact signed tokens for printed coverage cards (QR codes).

Format (version 1)::

    token   = "RC1:" + BASE32(payload || signature)        # RFC 4648 alphabet, no padding
    payload = version:u8 (=1)
              key_tag:4 bytes        first 4 bytes of SHA-256(signer public key)
              start:u16, end:u16     coverage dates as days since 2000-01-01 (big-endian)
              flags:u8               bit 0: record_id is a UUID packed as 16 raw bytes
              record_id              16 bytes (UUID) or u8 length + UTF-8
              kpj                    u8 length + ASCII (may be empty before BPJS assigns one)
              office                 u8 length + UTF-8 office code
    signature = Ed25519 over b"rentan.card.v1" || 0x00 || payload       (64 bytes)

Everything is upper-case letters, digits and ':' so the QR encoder can use its *alphanumeric* mode
(5.5 bits per character); a typical token is about 180 characters, a version-7 QR code at level M.
The token never contains the NIK, the name or the address: a lost card reveals only the KPJ, the
coverage period and the office, and the coordinator can look the rest up by ``record_id``.
"""

from __future__ import annotations

import base64
import hashlib
import struct
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rentan_desktop.domain import issues
from rentan_desktop.signing import messages as m
from rentan_desktop.signing.keys import DOMAIN_CARD, PublicKey, SigningKey, TrustedKey

PREFIX = "RC1:"
VERSION = 1
_EPOCH = date(2000, 1, 1)
_SIG_LEN = 64


@dataclass(frozen=True)
class CardClaims:
    """What a verified card token says."""

    record_id: str
    kpj: str
    start: date
    end: date
    office: str
    key_id: str
    fingerprint: str


def _key_tag(key: PublicKey) -> bytes:
    return hashlib.sha256(key.raw).digest()[:4]


def _days(value: date) -> int:
    days = (value - _EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise ValueError(f"date {value} is outside the card token range")
    return days


def _short(text: str, what: str, encoding: str = "utf-8") -> bytes:
    data = text.encode(encoding)
    if len(data) > 255:
        raise ValueError(f"{what} is too long for a card token")
    return bytes([len(data)]) + data


def issue(
    private_key: SigningKey, record_id: str, kpj: str, start: date, end: date, office: str
) -> str:
    """Sign a card token for one registrant's coverage.

    Args:
        private_key: the issuing office's signing key.
        record_id: the registrant's stable id (its UUID text, packed compactly when it is one).
        kpj: the BPJS participant number as text ('' when not yet assigned).
        start: first day of coverage.
        end: last day of coverage.
        office: the issuing office code.

    Returns:
        The token text, upper-case alphanumeric, suitable for a QR code.

    Raises:
        ValueError: a field does not fit the format (dates outside 2000-2179, over-long text).
    """
    try:
        packed_id, flags = uuid.UUID(record_id).bytes, 1
        if str(uuid.UUID(record_id)) != record_id:  # only the canonical spelling round-trips
            raise ValueError
    except ValueError:
        packed_id, flags = _short(record_id, "record id"), 0
    payload = (
        struct.pack(
            ">B4sHHB", VERSION, _key_tag(private_key.public_key), _days(start), _days(end), flags
        )
        + packed_id
        + _short(kpj, "KPJ", "ascii")
        + _short(office, "office code")
    )
    signature = private_key.sign(DOMAIN_CARD, payload)
    return PREFIX + base64.b32encode(payload + signature).decode("ascii").rstrip("=")


def _read_short(data: bytes, pos: int, encoding: str = "utf-8") -> tuple[str, int]:
    length = data[pos]
    end = pos + 1 + length
    if end > len(data):
        raise ValueError("truncated")
    return data[pos + 1 : end].decode(encoding), end


def verify(token: str, trusted_keys: Iterable[TrustedKey]) -> CardClaims | issues.Issue:
    """Check a card token against the trusted office keys.

    Args:
        token: the scanned text.
        trusted_keys: every key this office trusts (revoked ones included, so that a card from a
            revoked key gets its own message rather than "unknown signer").

    Returns:
        The claims when the token is genuine, otherwise an error :class:`issues.Issue` whose code
        says why (malformed, unsupported version, unknown signer, revoked signer, bad signature).
    """
    text = token.strip().upper()
    if not text.startswith(PREFIX[:2]):
        return issues.error(m.CARD_MALFORMED)
    if not text.startswith(PREFIX):
        return issues.error(m.CARD_VERSION)
    body = text[len(PREFIX) :]
    try:
        blob = base64.b32decode(body + "=" * (-len(body) % 8))
        payload, signature = blob[:-_SIG_LEN], blob[-_SIG_LEN:]
        version, tag, start, end, flags = struct.unpack_from(">B4sHHB", payload)
        if version != VERSION:
            return issues.error(m.CARD_VERSION)
        pos = 10
        if flags & 1:
            record_id = str(uuid.UUID(bytes=payload[pos : pos + 16]))
            pos += 16
        else:
            record_id, pos = _read_short(payload, pos)
        kpj, pos = _read_short(payload, pos, "ascii")
        office, pos = _read_short(payload, pos)
        if pos != len(payload) or len(signature) != _SIG_LEN:
            raise ValueError("trailing bytes")
    except (ValueError, struct.error, IndexError, UnicodeDecodeError):
        return issues.error(m.CARD_MALFORMED)
    candidates = [k for k in trusted_keys if _key_tag(k.public_key) == tag]
    genuine = [k for k in candidates if k.public_key.verify(DOMAIN_CARD, payload, signature)]
    if not candidates:
        return issues.error(m.CARD_UNKNOWN_SIGNER)
    if not genuine:
        return issues.error(m.CARD_BAD_SIGNATURE)
    usable = [k for k in genuine if k.office == office]
    if not usable:
        return issues.error(m.CARD_OFFICE_MISMATCH, office=office)
    if all(k.revoked for k in usable):
        return issues.error(m.CARD_REVOKED_SIGNER, office=office)
    key = next(k for k in usable if not k.revoked).public_key
    return CardClaims(
        record_id=record_id,
        kpj=kpj,
        start=_EPOCH + timedelta(days=start),
        end=_EPOCH + timedelta(days=end),
        office=office,
        key_id=key.key_id,
        fingerprint=key.fingerprint,
    )
