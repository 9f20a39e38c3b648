"""The public key file an office hands over (``KANTOR-<code>.rentan-key.json``).

Format (canonical JSON)::

    {"schema": "rentan-pubkey/2", "office": "6408010", "office_name": "...",
     "public_key": "<base64 32 bytes>", "fingerprint": "K7QM-2XPA-9D0E-RT4B",
     "encryption_key": "<base64 32 bytes, X25519>",
     "created_at": "2026-...Z", "self_signature": "<base64>"}

``encryption_key`` (schema 2) is the X25519 key that batches for this office are sealed to. It is
covered by the self-signature, so once the fingerprint of the signing key has been compared, the
encryption key is vouched for too (no second fingerprint to read aloud). Schema 1 files (before
issue 13) have no encryption key: they are still read, and the office is asked for a new file.

``self_signature`` is the key's own signature (domain ``rentan.pubkey.v1``) over the canonical JSON
of the other members. It proves the file was made by the holder of the private key and was not
garbled on the way; it does *not* prove who that holder is. That is what the fingerprint is for:
the receiving coordinator compares it with the one read aloud or printed by the office before
trusting the key (no trust on first use).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from rentan_desktop.signing import canonical
from rentan_desktop.signing.keys import DOMAIN_KEY, PublicKey, SigningKey

SCHEMA = "rentan-pubkey/2"
SCHEMAS = ("rentan-pubkey/1", SCHEMA)


class KeyFileInvalid(ValueError):
    """Malformed file (``malformed``) or a self-signature that does not verify (``signature``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PublicKeyFile:
    """The contents of a verified public key file."""

    office: str
    office_name: str
    public_key: PublicKey
    created_at: str
    encryption_key: bytes | None = None  # X25519 public key (schema 2), None in schema 1 files


def export(key: SigningKey, office: str, office_name: str, created_at: str) -> bytes:
    """The bytes of the public key file for ``key`` (no private material in it)."""
    public = key.public_key
    members: dict[str, Any] = {
        "schema": SCHEMA,
        "office": office,
        "office_name": office_name,
        "public_key": public.to_text(),
        "fingerprint": public.fingerprint,
        "encryption_key": base64.b64encode(key.encryption_public).decode("ascii"),
        "created_at": created_at,
    }
    signature = key.sign(DOMAIN_KEY, canonical.dumps(members))
    members["self_signature"] = base64.b64encode(signature).decode("ascii")
    return canonical.dumps(members) + b"\n"


def read(data: bytes) -> PublicKeyFile:
    """Parse and self-verify a public key file.

    Raises:
        KeyFileInvalid: with reason ``malformed`` or ``signature``.
    """
    try:
        members = canonical.loads(data.strip())
        if not isinstance(members, dict) or members.get("schema") not in SCHEMAS:
            raise ValueError("schema")
        signature = base64.b64decode(str(members.pop("self_signature")), validate=True)
        public = PublicKey.from_text(str(members["public_key"]))
        office, name, created = members["office"], members["office_name"], members["created_at"]
        if not all(isinstance(v, str) for v in (office, name, created)) or not office:
            raise ValueError("fields")
        encryption: bytes | None = None
        if members["schema"] == SCHEMA:
            encryption = base64.b64decode(str(members["encryption_key"]), validate=True)
            if len(encryption) != 32:
                raise ValueError("encryption_key")
    except (canonical.CanonicalError, ValueError, KeyError) as exc:
        raise KeyFileInvalid("malformed") from exc
    if members.get("fingerprint") != public.fingerprint or not public.verify(
        DOMAIN_KEY, canonical.dumps(members), signature
    ):
        raise KeyFileInvalid("signature")
    return PublicKeyFile(office, name, public, created, encryption)


def normalise_fingerprint(text: str) -> str:
    """Upper-case, map the look-alikes Crockford allows (O->0, I/L->1), group as XXXX-XXXX-..."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
