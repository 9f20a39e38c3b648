"""Ed25519 office keys: generation, protected storage, fingerprints, signing with domain separation.

How the private key is protected at rest
----------------------------------------
The office private key is stored as PKCS#8 PEM encrypted with ``BestAvailableEncryption`` (scrypt +
AES-256-CBC in cryptography 42+), in ``<keys dir>/office.key`` with 0600 permissions. The password
is, by default, a random 32-byte *key-file secret* kept beside it in ``office.secret`` (also 0600),
so that clerks can export batches without typing a second password. An office that wants more can
pass a *passphrase* instead (``KeyStore(directory, passphrase=...)``); then no secret file is written,
the passphrase is stretched with scrypt (N=2^15, salt in ``office.salt``) and must be typed to sign.

What this protects against: a copy of the key file alone (in a backup, on a USB stick, in a support
e-mail) is useless without the secret, and other Windows users on the PC cannot read either file.
What it does not protect against: someone who can read the whole data directory as the office user.
That is why the coordinator never trusts a key on first use: keys are registered only after the
fingerprint was compared out of band (read aloud on the phone or from a printed sheet), and a
compromised key can be revoked (see ``services.trust``).

Nothing outside ``signing/`` sees a ``cryptography`` type: public keys travel as :class:`PublicKey`
(32 raw bytes) and signing goes through :class:`SigningKey`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rentan_desktop.signing.key_folder import KeyFileError
from rentan_desktop.signing.key_folder import write_private as _write_private

__all__ = ["KeyFileError"]  # defined in key_folder (no cryptography import), raised here too

# Every signature covers DOMAIN + b"\x00" + message, so a signature made for one kind of document
# (a receipt, say) can never be replayed as another (a batch manifest or a card).
DOMAIN_BATCH = b"rentan.batch.v1"
DOMAIN_RECEIPT = b"rentan.receipt.v1"
DOMAIN_CARD = b"rentan.card.v1"
DOMAIN_KEY = b"rentan.pubkey.v1"

# Crockford base32: no I, L, O, U, so a fingerprint read aloud or copied by hand is unambiguous.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _crockford(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    length = (len(data) * 8 + 4) // 5
    return "".join(_CROCKFORD[(number >> (5 * (length - 1 - i))) & 31] for i in range(length))


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key as its 32 raw bytes."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != 32:
            raise ValueError("an Ed25519 public key has 32 bytes")

    @property
    def key_id(self) -> str:
        """16 hex characters naming the key in manifests and ledgers (SHA-256 prefix)."""
        return hashlib.sha256(self.raw).hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """A short human fingerprint to read aloud or print, e.g. ``K7QM-2XPA-9D0E-RT4B``.

        80 bits of SHA-256 in Crockford base32, four groups of four characters.
        """
        text = _crockford(hashlib.sha256(self.raw).digest()[:10])
        return "-".join(text[i : i + 4] for i in range(0, 16, 4))

    def to_text(self) -> str:
        """Base64 text of the raw key, as written into exported key files."""
        return base64.b64encode(self.raw).decode("ascii")

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """Inverse of :meth:`to_text`; raises ValueError on malformed text."""
        try:
            raw = base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError("public key is not valid base64") from exc
        return cls(raw)

    def verify(self, domain: bytes, message: bytes, signature: bytes) -> bool:
        """True when ``signature`` is this key's signature of ``message`` under ``domain``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(
                signature, domain + b"\x00" + message
            )
        except (InvalidSignature, ValueError):
            return False
        return True


class SigningKey:
    """An office's Ed25519 private key; only ever lives in memory decrypted."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh random key."""
        return cls(Ed25519PrivateKey.generate())

    @property
    def public_key(self) -> PublicKey:
        raw = self._key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw)

    def sign(self, domain: bytes, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``domain || 0x00 || message``."""
        return self._key.sign(domain + b"\x00" + message)

    def to_encrypted_pem(self, password: bytes) -> bytes:
        """PKCS#8 PEM encrypted with the best available scheme under ``password``."""
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password),
        )

    @classmethod
    def from_encrypted_pem(cls, data: bytes, password: bytes) -> SigningKey:
        """Load a key written by :meth:`to_encrypted_pem`; raises :class:`KeyFileError` if refused."""
        try:
            key = serialization.load_pem_private_key(data, password=password)
        except (ValueError, TypeError) as exc:
            raise KeyFileError("the office key cannot be decrypted") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError("the office key is not an Ed25519 key")
        return cls(key)


class KeyStore:
    """The office key files in one directory (``office.key`` + ``office.secret`` or a passphrase)."""

    KEY_FILE = "office.key"
    SECRET_FILE = "office.secret"
    SALT_FILE = "office.salt"

    def __init__(self, directory: Path, passphrase: bytes | None = None) -> None:
        self.directory = Path(directory)
        self.passphrase = passphrase

    @property
    def key_path(self) -> Path:
        return self.directory / self.KEY_FILE

    def exists(self) -> bool:
        """True when an office key has been created here."""
        return self.key_path.exists()

    def _password(self, create: bool) -> bytes:
        if self.passphrase is not None:
            # PKCS#8 encryption in cryptography uses a fast KDF; a typed passphrase is stretched
            # first with scrypt (salt in office.salt) so guessing it offline stays expensive.
            salt_path = self.directory / self.SALT_FILE
            if create:
                _write_private(salt_path, secrets.token_bytes(16))
            try:
                salt = salt_path.read_bytes()
            except OSError as exc:
                raise KeyFileError("the office key salt file is missing") from exc
            stretched = hashlib.scrypt(self.passphrase, salt=salt, n=2**15, r=8, p=1,
                                       maxmem=64 << 20, dklen=32)
            return stretched.hex().encode("ascii")
        secret_path = self.directory / self.SECRET_FILE
        if create:
            secret = secrets.token_hex(32).encode("ascii")
            _write_private(secret_path, secret)
            return secret
        try:
            return secret_path.read_bytes().strip()
        except OSError as exc:
            raise KeyFileError("the office key secret file is missing") from exc

    def create(self) -> SigningKey:
        """Generate and store a new office key; refuses to replace an existing one.

        Raises:
            FileExistsError: a key already exists (keys are never overwritten silently).
        """
        if self.exists():
            raise FileExistsError(str(self.key_path))
        self.directory.mkdir(parents=True, exist_ok=True)
        key = SigningKey.generate()
        _write_private(self.key_path, key.to_encrypted_pem(self._password(create=True)))
        return key

    def load(self) -> SigningKey:
        """Decrypt and return the office key.

        Raises:
            KeyFileError: missing key or secret, or the secret/passphrase is wrong.
        """
        try:
            data = self.key_path.read_bytes()
        except OSError as exc:
            raise KeyFileError("no office key has been created") from exc
        return SigningKey.from_encrypted_pem(data, self._password(create=False))


@dataclass(frozen=True)
class TrustedKey:
    """A public key the local office trusts for one office code, possibly since revoked."""

    office: str
    public_key: PublicKey
    revoked: bool = False
