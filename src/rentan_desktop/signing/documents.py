"""Detached signatures over canonical JSON documents (batch manifests, receipts, key files).

A signed document travels as two files: ``NAME.json`` holding the canonical JSON bytes and
``NAME.sig`` holding ``{"alg":"Ed25519","key_id":...,"signature":base64}`` (also canonical JSON).
The signature never sits inside the signed file, so nothing has to be excluded before hashing and a
re-save by another tool is detected rather than silently absorbed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rentan_desktop.signing import canonical
from rentan_desktop.signing.keys import SigningKey, TrustedKey


@dataclass(frozen=True)
class SignedDocument:
    """Canonical bytes plus the detached signature file bytes."""

    body: bytes
    signature_file: bytes

    @property
    def sha256(self) -> str:
        """SHA-256 of the body; batches chain on this value."""
        return hashlib.sha256(self.body).hexdigest()


def sign(key: SigningKey, domain: bytes, document: Mapping[str, Any]) -> SignedDocument:
    """Canonicalise ``document`` and sign it under ``domain``."""
    body = canonical.dumps(document)
    signature = key.sign(domain, body)
    sig = canonical.dumps(
        {
            "alg": "Ed25519",
            "key_id": key.public_key.key_id,
            "signature": base64.b64encode(signature).decode("ascii"),
        }
    )
    return SignedDocument(body, sig + b"\n")


class DocumentError(ValueError):
    """The document or its signature file is malformed (not a verification failure)."""


@dataclass(frozen=True)
class Opened:
    """A parsed signed document and which trusted key (if any) signed it."""

    document: dict[str, Any]
    key_id: str
    signer: TrustedKey | None  # None: no trusted key with this id
    signature_ok: bool


def open_signed(
    body: bytes, signature_file: bytes, domain: bytes, trusted: Iterable[TrustedKey]
) -> Opened:
    """Parse a signed document and check its signature against the trusted keys.

    The caller decides what an unknown, revoked or mismatching signer means (each has its own
    message); this function only reports the facts.

    Raises:
        DocumentError: the body is not canonical JSON or the signature file is malformed.
    """
    try:
        document = canonical.loads(body)
        sig = canonical.loads(signature_file.strip())
        if not isinstance(document, dict) or not isinstance(sig, dict):
            raise DocumentError("not a JSON object")
        if sig.get("alg") != "Ed25519" or not isinstance(sig.get("key_id"), str):
            raise DocumentError("unsupported signature algorithm")
        signature = base64.b64decode(str(sig.get("signature", "")), validate=True)
    except (canonical.CanonicalError, ValueError) as exc:
        raise DocumentError(str(exc)) from exc
    key_id = sig["key_id"]
    signer = None
    for candidate in trusted:
        # Prefer a live registration when the same key is trusted (or was) more than once.
        if candidate.public_key.key_id == key_id and (
            signer is None or (signer.revoked and not candidate.revoked)
        ):
            signer = candidate
    ok = signer is not None and signer.public_key.verify(domain, body, signature)
    # Canonical form is part of what was signed: a re-serialised body is a changed body.
    return Opened(document, key_id, signer, ok and canonical.is_canonical(body))
