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

After a key rotation (``rentan keys rotate``) the file also carries ``rotated_from`` (the previous
office key) and ``rotation_signature``: that previous key's signature (domain
``rentan.keyrotation.v1``) over the office code and the new signing and encryption keys. An
office that already trusts the previous key for the same office code may trust the new one on
that endorsement alone (``services.trust.trust_key``); anyone else still compares fingerprints.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from rentan_desktop.signing import canonical
from rentan_desktop.signing.keys import DOMAIN_KEY, DOMAIN_ROTATION, PublicKey, SigningKey

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
    rotated_from: PublicKey | None = None  # the office key this one replaced, if endorsed
    rotation_signature: bytes = b""

    def endorsed_by(self) -> PublicKey | None:
        """The previous office key, when its rotation signature over this key verifies."""
        if self.rotated_from is None or self.encryption_key is None:
            return None
        message = rotation_message(self.office, self.public_key, self.encryption_key)
        if self.rotated_from.verify(DOMAIN_ROTATION, message, self.rotation_signature):
            return self.rotated_from
        return None


def rotation_message(office: str, public: PublicKey, encryption: bytes) -> bytes:
    """What a previous key signs to vouch for its successor: office code and both new keys."""
    return canonical.dumps(
        {
            "office": office,
            "public_key": public.to_text(),
            "encryption_key": base64.b64encode(encryption).decode("ascii"),
        }
    )


def export(
    key: SigningKey,
    office: str,
    office_name: str,
    created_at: str,
    predecessor: SigningKey | None = None,
) -> bytes:
    """The bytes of the public key file for ``key`` (no private material in it).

    ``predecessor``: the office key ``key`` replaced; it signs the rotation endorsement.
    """
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
    if predecessor is not None:
        message = rotation_message(office, public, key.encryption_public)
        members["rotated_from"] = predecessor.public_key.to_text()
        members["rotation_signature"] = base64.b64encode(
            predecessor.sign(DOMAIN_ROTATION, message)
        ).decode("ascii")
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
        rotated_from: PublicKey | None = None
        rotation_signature = b""
        if "rotated_from" in members:
            rotated_from = PublicKey.from_text(str(members["rotated_from"]))
            rotation_signature = base64.b64decode(str(members["rotation_signature"]), validate=True)
    except (canonical.CanonicalError, ValueError, KeyError) as exc:
        raise KeyFileInvalid("malformed") from exc
    if members.get("fingerprint") != public.fingerprint or not public.verify(
        DOMAIN_KEY, canonical.dumps(members), signature
    ):
        raise KeyFileInvalid("signature")
    return PublicKeyFile(
        office, name, public, created, encryption, rotated_from, rotation_signature
    )


def normalise_fingerprint(text: str) -> str:
    """Upper-case, map the look-alikes Crockford allows (O->0, I/L->1), group as XXXX-XXXX-..."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
