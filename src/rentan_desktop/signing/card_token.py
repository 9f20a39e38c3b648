"""Compact signed tokens for printed coverage cards (QR codes).

Current format (version 2), all decimal digits so the QR code uses its *numeric* mode::

    token     = DECIMAL(payload || signature), zero-padded to the width its byte count needs
    payload   = version:u8 (=2)
                start:u16, end:u16     coverage dates as days since 2000-01-01 (big-endian)
                flags:u8               bit 0: record_id is a UUID packed as 16 raw bytes
                record_id              16 bytes (UUID) or u8 length + UTF-8
                kpj                    digits: u8 count + the number, big-endian, ceil(count/2.4) bytes
                office                 digits, packed the same way (the Kemendagri code)
                holder                 initials:u16 (up to three letters A-Z, base 27)
                                       birth_year:u8 (year - 1900, 0 = unknown)
    signature = Ed25519 over b"rentan.card.v1" || 0x00 || payload       (64 bytes)

Why digits: numeric mode stores 3.33 bits per digit for 3.32 bits of information (base32 in
alphanumeric mode, version 1, wasted 10 %), and every reader, phone or USB scanner, returns digits
untouched. A typical token is 99 bytes = 239 digits, which fits QR **version 6 at level M**
(255 digits); the card prints it with 0.6 mm modules. There is no key tag: the verifier tries the
keys it trusts for the office the token names (a handful), which saves four bytes.

Holder binding: the initials of the holder's name and the birth year, signed with the rest, so a
genuine code copied onto someone else's card shows initials and a year that do not match the
holder's e-KTP. Neither is the NIK, and together they do not narrow it down: the NIK needs the
birth *day and month* and the serial number.

Version 1 tokens (``RC1:`` + base32, key tag, no holder) are still verified: cards printed
before this format stay valid until their coverage ends.

Why not MOSIP Claim 169 (CBOR + CWT + COSE_Sign1 + zlib + Base45): it is the open format other
verifiers could read, but COSE and CWT headers plus base45 make the same claims about 30-40 bytes
longer, which pushes the code to version 8 at 23 mm or to a 31 mm code on an 85.6 x 54 mm card,
the size that failed on photocopies. The decision and a path to it are in ``docs/security.md``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import struct
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rentan_desktop.domain import issues
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_CARD, PublicKey, SigningKey, TrustedKey

PREFIX = "RC1:"  # version 1 tokens only; version 2 tokens are bare digits
VERSION = 2
_V1 = 1
_EPOCH = date(2000, 1, 1)
_SIG_LEN = 64
_LOG10_2 = math.log10(2)
_MAX_DIGITS = 1200  # far above any real token; refuses a pasted novel before int() parses it


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
    initials: str = ""  # holder binding (version 2): up to three letters, '' on version 1 cards
    birth_year: int | None = None


def initials(name: str) -> str:
    """The first letter of the first three words of a name, A-Z only (``"Siti Aminah" -> "SA"``).

    Accents are folded (``Ésa -> E``) and words without a letter (``"-"``, ``"3"``) skipped, so
    the verifier computes the same initials from the name the holder's e-KTP shows.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    letters = [
        next(ch for ch in word if "A" <= ch <= "Z")
        for word in folded.replace(".", " ").split()
        if any("A" <= ch <= "Z" for ch in word)
    ]
    return "".join(letters[:3])


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


def _digit_bytes(count: int) -> int:
    return -(-count * 10 // 24) if count else 0  # 24 bits hold 7.2 digits: ceil(count / 2.4)


def _pack_digits(text: str, what: str) -> bytes:
    if not (text.isascii() and text.isdigit()) and text:
        raise ValueError(f"{what} must be digits")
    if len(text) > 40:
        raise ValueError(f"{what} is too long for a card token")
    size = _digit_bytes(len(text))
    return bytes([len(text)]) + (int(text).to_bytes(size, "big") if text else b"")


def _read_digits(data: bytes, pos: int) -> tuple[str, int]:
    count = data[pos]
    size = _digit_bytes(count)
    end = pos + 1 + size
    if count > 40 or end > len(data):
        raise ValueError("truncated")
    value = int.from_bytes(data[pos + 1 : end], "big")
    text = f"{value:0{count}d}" if count else ""
    if len(text) != count:
        raise ValueError("digits overflow")
    return text, end


def _pack_initials(letters: str) -> int:
    value = 0
    for ch in (letters + "   ")[:3]:
        value = value * 27 + (0 if ch == " " else ord(ch) - 64)
    return value


def _unpack_initials(value: int) -> str:
    if value >= 27**3:
        raise ValueError("initials out of range")
    out = []
    for _ in range(3):
        value, digit = divmod(value, 27)
        out.append("" if digit == 0 else chr(64 + digit))
    return "".join(reversed(out))


def _width(size: int) -> int:
    """Decimal digits that hold any ``size``-byte number (strictly grows with size: invertible)."""
    return math.ceil(size * 8 * _LOG10_2)


def _to_digits(blob: bytes) -> str:
    return f"{int.from_bytes(blob, 'big'):0{_width(len(blob))}d}"


def _from_digits(text: str) -> bytes:
    size = math.floor(len(text) / (8 * _LOG10_2))
    while _width(size) < len(text):
        size += 1
    if _width(size) != len(text):
        raise ValueError("not a token width")
    return int(text).to_bytes(size, "big")


def issue(
    private_key: SigningKey,
    record_id: str,
    kpj: str,
    start: date,
    end: date,
    office: str,
    *,
    holder: str = "",
    birth_year: int | None = None,
) -> str:
    """Sign a card token for one registrant's coverage.

    Args:
        private_key: the issuing office's signing key.
        record_id: the registrant's stable id (its UUID text, packed compactly when it is one).
        kpj: the BPJS participant number, digits ('' when not yet assigned).
        start: first day of coverage.
        end: last day of coverage.
        office: the issuing office's Kemendagri code (digits).
        holder: the holder's name; only its :func:`initials` go into the token.
        birth_year: the holder's birth year (never the date: with the date the NIK is guessable).

    Returns:
        The token text, decimal digits only, suitable for a numeric-mode QR code.

    Raises:
        ValueError: a field does not fit the format (dates outside 2000-2179, over-long or
            non-digit KPJ or office code, a birth year outside 1901-2155).
    """
    try:
        packed_id, flags = uuid.UUID(record_id).bytes, 1
        if str(uuid.UUID(record_id)) != record_id:  # only the canonical spelling round-trips
            raise ValueError
    except ValueError:
        packed_id, flags = _short(record_id, "record id"), 0
    year = 0 if birth_year is None else birth_year - 1900
    if not 0 <= year <= 255 or (birth_year is not None and year == 0):
        raise ValueError(f"birth year {birth_year} is outside the card token range")
    payload = (
        struct.pack(">BHHB", VERSION, _days(start), _days(end), flags)
        + packed_id
        + _pack_digits(kpj, "KPJ")
        + _pack_digits(office, "office code")
        + struct.pack(">HB", _pack_initials(initials(holder)), year)
    )
    signature = private_key.sign(DOMAIN_CARD, payload)
    return _to_digits(payload + signature)


def issue_v1(
    private_key: SigningKey, record_id: str, kpj: str, start: date, end: date, office: str
) -> str:
    """A version 1 token, as cards printed before version 2 carry (kept to test they verify)."""
    try:
        packed_id, flags = uuid.UUID(record_id).bytes, 1
        if str(uuid.UUID(record_id)) != record_id:
            raise ValueError
    except ValueError:
        packed_id, flags = _short(record_id, "record id"), 0
    payload = (
        struct.pack(
            ">B4sHHB", _V1, _key_tag(private_key.public_key), _days(start), _days(end), flags
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


def _record_id(payload: bytes, pos: int, flags: int) -> tuple[str, int]:
    if flags & 1:
        if pos + 16 > len(payload):
            raise ValueError("truncated")
        return str(uuid.UUID(bytes=payload[pos : pos + 16])), pos + 16
    return _read_short(payload, pos)


@dataclass(frozen=True)
class _Parsed:
    payload: bytes
    signature: bytes
    record_id: str
    kpj: str
    start: int
    end: int
    office: str
    tag: bytes | None
    initials: str
    birth_year: int | None


def _parse_v1(text: str) -> _Parsed:
    body = text[len(PREFIX) :]
    blob = base64.b32decode(body + "=" * (-len(body) % 8))
    payload, signature = blob[:-_SIG_LEN], blob[-_SIG_LEN:]
    _version, tag, start, end, flags = struct.unpack_from(">B4sHHB", payload)
    record_id, pos = _record_id(payload, 10, flags)
    kpj, pos = _read_short(payload, pos, "ascii")
    office, pos = _read_short(payload, pos)
    if pos != len(payload) or len(signature) != _SIG_LEN:
        raise ValueError("trailing bytes")
    return _Parsed(payload, signature, record_id, kpj, start, end, office, tag, "", None)


def _parse_v2(blob: bytes) -> _Parsed:
    payload, signature = blob[:-_SIG_LEN], blob[-_SIG_LEN:]
    _version, start, end, flags = struct.unpack_from(">BHHB", payload)
    record_id, pos = _record_id(payload, 6, flags)
    kpj, pos = _read_digits(payload, pos)
    office, pos = _read_digits(payload, pos)
    packed, year = struct.unpack_from(">HB", payload, pos)
    if pos + 3 != len(payload) or len(signature) != _SIG_LEN:
        raise ValueError("trailing bytes")
    return _Parsed(
        payload, signature, record_id, kpj, start, end, office, None,
        _unpack_initials(packed), 1900 + year if year else None,
    )  # fmt: skip


def verify(token: str, trusted_keys: Iterable[TrustedKey]) -> CardClaims | issues.Issue:
    """Check a card token (version 2, or version 1 from older cards) against trusted office keys.

    Args:
        token: the scanned text.
        trusted_keys: every key this office trusts (revoked ones included, so that a card from a
            revoked key gets its own message rather than "unknown signer").

    Returns:
        The claims when the token is genuine, otherwise an error :class:`issues.Issue` whose code
        says why: malformed, unsupported version, unknown signer (no trusted key of the office
        the token names, nor any other trusted key that signed it), revoked signer, bad signature
        (a trusted office's card whose content was changed), or office mismatch (signed by a
        trusted key of another office).
    """
    text = "".join(token.split()).upper()
    try:
        if text.isascii() and text.isdigit():
            if len(text) > _MAX_DIGITS:
                raise ValueError("too long")
            blob = _from_digits(text)
            if not blob or blob[0] != VERSION:
                return issues.error(
                    m.CARD_VERSION if blob and blob[0] > VERSION else m.CARD_MALFORMED
                )
            parsed = _parse_v2(blob)
        elif text.startswith(PREFIX):
            parsed = _parse_v1(text)
            if parsed.payload[0] != _V1:
                return issues.error(m.CARD_VERSION)
        elif text.startswith(PREFIX[:2]):
            return issues.error(m.CARD_VERSION)
        else:
            return issues.error(m.CARD_MALFORMED)
    except (
        ValueError,
        OverflowError,
        struct.error,
        IndexError,
        UnicodeDecodeError,
        binascii.Error,
    ):
        return issues.error(m.CARD_MALFORMED)
    keys = list(trusted_keys)
    if parsed.tag is not None:
        keys = [k for k in keys if _key_tag(k.public_key) == parsed.tag]
    genuine = [
        k for k in keys if k.public_key.verify(DOMAIN_CARD, parsed.payload, parsed.signature)
    ]
    usable = [k for k in genuine if k.office == parsed.office]
    if not genuine:
        named = [k for k in keys if k.office == parsed.office]
        return issues.error(m.CARD_BAD_SIGNATURE if named else m.CARD_UNKNOWN_SIGNER)
    if not usable:
        return issues.error(m.CARD_OFFICE_MISMATCH, office=parsed.office)
    if all(k.revoked for k in usable):
        return issues.error(
            m.CARD_REVOKED_SIGNER, office=parsed.office, date=usable[0].revoked_on or "?"
        )
    key = next(k for k in usable if not k.revoked).public_key
    return CardClaims(
        record_id=parsed.record_id,
        kpj=parsed.kpj,
        start=_EPOCH + timedelta(days=parsed.start),
        end=_EPOCH + timedelta(days=parsed.end),
        office=parsed.office,
        key_id=key.key_id,
        fingerprint=key.fingerprint,
        initials=parsed.initials,
        birth_year=parsed.birth_year,
    )
