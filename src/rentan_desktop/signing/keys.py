"""Ed25519 office keys: generation, protected storage, fingerprints, signing with domain separation.

How the private key is protected at rest
----------------------------------------
The office private key is stored as PKCS#8 PEM encrypted with ``BestAvailableEncryption``, in
``<keys dir>/office.key`` with 0600 permissions. The password is the admin's *key passphrase*,
stretched with scrypt (N=2^17, r=8, p=1, the OWASP floor; parameters and salt in ``office.salt``).
The passphrase itself is never written to disk: an admin types it (GUI: once per session, on the
first signing use; CLI: a prompt or ``RENTAN_KEY_PASSPHRASE``), or it comes from the operating
system's keyring (Windows Credential Manager) when the optional ``keyring`` package is installed
and the admin chose to remember it there.

Until issue 13 the password was a random secret in ``office.secret`` *beside* the key, so a copy of
the data folder carried everything needed to sign as the office. Such a legacy key still opens (its
secret file is read), but only to be re-encrypted under a passphrase: :meth:`KeyStore.migrate`
writes the new key file, then deletes the secret file.

What this protects against: a copy of the data folder (a backup, a stick, a stolen PC, a curious
clerk with a file manager) is useless for signing without the passphrase; guessing it offline costs
about half a second and 128 MiB per try. What it does not protect against: someone who watches the
passphrase being typed, or who controls the PC while the key is unlocked (it lives in memory).
The coordinator never trusts a key on first use: keys are registered only after the fingerprint
was compared out of band, and a compromised key can be revoked (see ``services.trust``).

Each office also has an X25519 key pair for batches sent to it (sealed to its public half, see
``signing.sealed``). Its private half is derived from the Ed25519 private key with HKDF, so it needs
no file of its own and is exactly as protected; its public half travels in the public key file,
covered by the self-signature, so the fingerprint check of the signing key vouches for it too.

Nothing outside ``signing/`` sees a ``cryptography`` type: public keys travel as :class:`PublicKey`
(32 raw bytes) and signing goes through :class:`SigningKey`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from rentan_desktop.signing.key_folder import (
    AUDIT_SEALED_MARK,
    KeyFileError,
    office_key_seals_audit,
)
from rentan_desktop.signing.key_folder import write_private as _write_private

__all__ = ["KeyFileError"]  # defined in key_folder (no cryptography import), raised here too

# Every signature covers DOMAIN + b"\x00" + message, so a signature made for one kind of document
# (a receipt, say) can never be replayed as another (a batch manifest or a card).
DOMAIN_BATCH = b"rentan.batch.v1"
DOMAIN_RECEIPT = b"rentan.receipt.v1"
DOMAIN_CARD = b"rentan.card.v1"
DOMAIN_KEY = b"rentan.pubkey.v1"
DOMAIN_MASTERDATA = b"rentan.masterdata.v1"
DOMAIN_ROTATION = b"rentan.keyrotation.v1"  # an old office key vouching for its successor

# Crockford base32: no I, L, O, U, so a fingerprint read aloud or copied by hand is unambiguous.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


# OWASP password-storage floor for scrypt; about 0.5 s and 128 MiB per guess on an office laptop.
SCRYPT_N = 1 << 17
_SCRYPT_BOUNDS = (1 << 14, 1 << 20)  # a hostile salt file must not make us burn gigabytes
_X25519_INFO = b"rentan.x25519.v1"
_RETIRED_WRAP = b"rentan.retired-key-wrap.v1"  # HKDF label: password of the retired key files


class WrongKeyPassphrase(KeyFileError):
    """The key file is intact but the passphrase does not open it."""


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

    def derive_secret(self, label: bytes, length: int = 32) -> bytes:
        """A secret derived from the private key for one purpose named by ``label`` (HKDF-SHA256).

        Used for the office's X25519 decryption key; any other secret that must be exactly as
        protected as the office key can be derived here too (whoever cannot unlock, cannot derive).
        """
        raw = self._key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label).derive(raw)

    def private_raw(self) -> bytes:
        """The 32 raw private bytes, for handing the unlocked key to the app's own child process
        over a private pipe (never to a file: on disk the key lives only encrypted)."""
        return self._key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @classmethod
    def from_private_raw(cls, raw: bytes) -> SigningKey:
        """The key :meth:`private_raw` handed over."""
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def decryption_key(self) -> X25519PrivateKey:
        """The office's X25519 private key, for batches sealed to this office."""
        return X25519PrivateKey.from_private_bytes(self.derive_secret(_X25519_INFO))

    @property
    def encryption_public(self) -> bytes:
        """The 32 raw bytes of the X25519 public key others seal batches to."""
        return (
            self.decryption_key()
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )

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
            raise WrongKeyPassphrase("the office key cannot be decrypted") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError("the office key is not an Ed25519 key")
        return cls(key)


class KeyStore:
    """The office key files in one directory: ``office.key`` + ``office.salt`` (KDF parameters).

    A legacy store (before issue 13) has ``office.secret`` instead of ``office.salt``; it opens
    only through :meth:`migrate`, which re-encrypts it under a passphrase.
    """

    KEY_FILE = "office.key"
    SECRET_FILE = "office.secret"
    SALT_FILE = "office.salt"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @property
    def key_path(self) -> Path:
        return self.directory / self.KEY_FILE

    def exists(self) -> bool:
        """True when an office key has been created here."""
        return self.key_path.exists()

    def is_legacy(self) -> bool:
        """True when the key is still protected by a secret file stored beside it."""
        return (self.directory / self.SECRET_FILE).exists()

    def _new_password(self, passphrase: str, mark: bool) -> tuple[bytes, bytes]:
        params: dict[str, object] = {
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": 8,
            "p": 1,
            "salt": secrets.token_bytes(16).hex(),
        }
        if mark:  # the audit key is sealed under this key (key_folder.office_key_seals_audit)
            params["audit"] = AUDIT_SEALED_MARK
        text = json.dumps(params, sort_keys=True).encode("ascii")
        return _stretch(passphrase, params), text

    def _password(self, passphrase: str) -> bytes:
        try:
            raw = (self.directory / self.SALT_FILE).read_bytes()
        except OSError as exc:
            raise KeyFileError("the office key salt file is missing") from exc
        if len(raw) == 16:  # a passphrase store written before the parameters were recorded
            return _stretch(passphrase, {"n": 1 << 15, "salt": raw.hex()})
        try:
            params = json.loads(raw.decode("ascii"))
            if not isinstance(params, dict) or params.get("kdf") != "scrypt":
                raise ValueError("kdf")
        except (UnicodeDecodeError, ValueError) as exc:
            raise KeyFileError("the office key salt file is damaged") from exc
        return _stretch(passphrase, params)

    def create(self, passphrase: str) -> SigningKey:
        """Generate and store a new office key under ``passphrase``; never replaces a key.

        Raises:
            FileExistsError: a key already exists (keys are never overwritten silently).
        """
        if self.exists():
            raise FileExistsError(str(self.key_path))
        self.directory.mkdir(parents=True, exist_ok=True)
        key = SigningKey.generate()
        self._store(key, passphrase, mark=False)
        return key

    PUBLIC_FILE = "office.pub"

    def public_keys(self) -> tuple[PublicKey, bytes] | None:
        """The signing and encryption public keys, readable without the passphrase (or None).

        ``office.pub`` holds only public data; it lets the app show the fingerprint and verify its
        own cards while the key is locked. Every unlock rewrites it from the private key, so a
        tampered copy does not outlive the next unlock.
        """
        try:
            data = json.loads((self.directory / self.PUBLIC_FILE).read_text("ascii"))
            return (
                PublicKey.from_text(data["signing"]),
                base64.b64decode(data["encryption"], validate=True),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_public(self, key: SigningKey) -> None:
        """(Re)write ``office.pub`` from the unlocked key."""
        text = json.dumps(
            {
                "signing": key.public_key.to_text(),
                "encryption": base64.b64encode(key.encryption_public).decode("ascii"),
            },
            sort_keys=True,
        )
        if (self.directory / self.PUBLIC_FILE).exists() and self.public_keys() == (
            key.public_key,
            key.encryption_public,
        ):
            return
        _write_private(self.directory / self.PUBLIC_FILE, text.encode("ascii"))

    def _store(self, key: SigningKey, passphrase: str, *, mark: bool | None = None) -> None:
        """Write the key under ``passphrase``; ``mark`` None keeps the audit-sealed mark as is.

        A new or migrated key is stored unmarked: the mark is added only once the audit key is
        sealed (:meth:`mark_audit_sealed`), so a plain audit key found before then is adopted.
        """
        password, params = self._new_password(
            passphrase, self.seals_audit_key() if mark is None else mark
        )
        # The new key goes to a side name first; a kill after the salt file was replaced but
        # before the rename leaves old key + new salt, so load() also tries the side file.
        pending = self.directory / (self.KEY_FILE + ".new")
        _write_private(pending, key.to_encrypted_pem(password))
        _write_private(self.directory / self.SALT_FILE, params)
        os.replace(pending, self.key_path)
        self.write_public(key)

    def load(self, passphrase: str) -> SigningKey:
        """Decrypt and return the office key.

        Raises:
            KeyFileError: missing or damaged files, or a legacy key that needs :meth:`migrate`.
            WrongKeyPassphrase: the passphrase does not open the key.
        """
        if self.is_legacy():
            raise KeyFileError("the office key still needs a passphrase (legacy secret file)")
        password = self._password(passphrase)
        pending = self.directory / (self.KEY_FILE + ".new")
        for path in (self.key_path, pending):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            try:
                key = SigningKey.from_encrypted_pem(data, password)
            except WrongKeyPassphrase:
                continue
            if path == pending:  # killed between writing the salt and the rename: finish it
                os.replace(pending, self.key_path)
            return key
        if not self.exists():
            raise KeyFileError("no office key has been created")
        raise WrongKeyPassphrase("the passphrase does not open the office key")

    def migrate(self, passphrase: str) -> SigningKey:
        """Re-encrypt a legacy key (secret file beside it) under ``passphrase``; delete the secret.

        Raises:
            KeyFileError: no legacy key here, or its secret does not open it.
        """
        secret_path = self.directory / self.SECRET_FILE
        try:
            secret = secret_path.read_bytes().strip()
            data = self.key_path.read_bytes()
        except OSError as exc:
            raise KeyFileError("no legacy office key to migrate") from exc
        key = SigningKey.from_encrypted_pem(data, secret)
        self._store(key, passphrase, mark=False)
        # The secret goes only once the passphrase-protected key is in place; overwrite it first
        # so an undelete tool on the same disk finds zeros rather than the old password.
        with open(secret_path, "r+b") as handle:
            handle.write(b"\0" * len(secret))
            handle.flush()
            os.fsync(handle.fileno())
        secret_path.unlink()
        return key

    def legacy_public_key(self) -> PublicKey:
        """The public half of a legacy key (its secret file opens it; nothing is changed)."""
        try:
            secret = (self.directory / self.SECRET_FILE).read_bytes().strip()
            data = self.key_path.read_bytes()
        except OSError as exc:
            raise KeyFileError("no legacy office key") from exc
        return SigningKey.from_encrypted_pem(data, secret).public_key

    def seals_audit_key(self) -> bool:
        """True once this key's parameters carry the audit-sealed mark (see ``key_folder``)."""
        return office_key_seals_audit(self.directory)

    def mark_audit_sealed(self, key: SigningKey, passphrase: str) -> None:
        """Re-store the (unlocked) key under the same passphrase with the audit-sealed mark."""
        if not self.seals_audit_key():
            self._store(key, passphrase, mark=True)

    RETIRED_DIR = "retired"

    def _retired_password(self, key: SigningKey) -> bytes:
        return key.derive_secret(_RETIRED_WRAP).hex().encode("ascii")

    def retired_keys(self, current: SigningKey) -> list[SigningKey]:
        """The office keys this one replaced (oldest rotation first), opened with ``current``.

        Retired private keys are wrapped under a secret derived from the current key (files
        ``retired/<old id>.<current id>.key``), so they open whenever the office key is
        unlocked, need no second scrypt, and a passphrase change does not touch them.
        """
        folder = self.directory / self.RETIRED_DIR
        suffix = f".{current.public_key.key_id}.key"
        order = [public.key_id for public, _ in self.retired_public_keys()]
        found: list[SigningKey] = []
        password = self._retired_password(current)
        for path in sorted(folder.glob(f"*{suffix}")) if folder.is_dir() else []:
            try:
                found.append(SigningKey.from_encrypted_pem(path.read_bytes(), password))
            except (OSError, KeyFileError):
                continue  # a damaged copy: the current key is unaffected
        return sorted(
            found,
            key=lambda k: order.index(k.public_key.key_id) if k.public_key.key_id in order else -1,
        )

    def retired_public_keys(self) -> list[tuple[PublicKey, bytes]]:
        """Signing and encryption public keys of the retired keys (oldest first), readable while
        the office key is locked (to verify this office's own older cards)."""
        folder = self.directory / self.RETIRED_DIR
        result: list[tuple[int, PublicKey, bytes]] = []
        for path in sorted(folder.glob("*.pub")) if folder.is_dir() else []:
            try:
                data = json.loads(path.read_text("ascii"))
                result.append(
                    (
                        int(data["order"]),
                        PublicKey.from_text(data["signing"]),
                        base64.b64decode(data["encryption"], validate=True),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return [
            (public, encryption)
            for _, public, encryption in sorted(result, key=lambda item: item[0])
        ]

    def rotate(
        self, passphrase: str, on_new_key: Callable[[SigningKey], None]
    ) -> tuple[SigningKey, SigningKey]:
        """Replace the office key with a new one under the same passphrase; return (old, new).

        The old key (and every key it had retired) is kept in ``retired/``, wrapped under the new
        key, so batches and receipts sealed to an old encryption key still open here. Order, for
        a kill at any point: the new wraps are written first (harmless while the old key is
        current), then the key file is replaced, then ``on_new_key`` (re-seals the audit key),
        and only then the wraps under the old key are removed.
        """
        old = self.load(passphrase)
        carried = [*self.retired_keys(old), old]
        new = SigningKey.generate()
        folder = self.directory / self.RETIRED_DIR
        folder.mkdir(parents=True, exist_ok=True)
        password = self._retired_password(new)
        for order, key in enumerate(carried):
            public = key.public_key
            _write_private(
                folder / f"{public.key_id}.{new.public_key.key_id}.key",
                key.to_encrypted_pem(password),
            )
            text = json.dumps(
                {
                    "signing": public.to_text(),
                    "order": order,
                    "encryption": base64.b64encode(key.encryption_public).decode("ascii"),
                },
                sort_keys=True,
            )
            _write_private(folder / f"{public.key_id}.pub", text.encode("ascii"))
        self._store(new, passphrase)
        on_new_key(new)
        for path in folder.glob(f"*.{old.public_key.key_id}.key"):
            path.unlink()
        return old, new

    def change_passphrase(self, old: str, new: str) -> SigningKey:
        """Re-encrypt the key under ``new``; raises :class:`WrongKeyPassphrase` if ``old`` is wrong."""
        key = self.load(old)
        self._store(key, new)
        return key


def _stretch(passphrase: str, params: dict[str, object]) -> bytes:
    """scrypt(passphrase) as the PKCS#8 password (cryptography's own PKCS#8 KDF is fast)."""
    n = params.get("n")
    if not isinstance(n, int) or not (_SCRYPT_BOUNDS[0] <= n <= _SCRYPT_BOUNDS[1]) or n & (n - 1):
        raise KeyFileError("the office key salt file has unusable parameters")
    try:
        salt = bytes.fromhex(str(params["salt"]))
    except (KeyError, ValueError) as exc:
        raise KeyFileError("the office key salt file is damaged") from exc
    stretched = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=8, p=1, maxmem=n * 8 * 128 * 2, dklen=32
    )
    mark = params.get("audit")
    if mark is not None:
        # The mark is bound into the password: a salt file with it removed or changed no longer
        # opens the key (so the audit key cannot be quietly "unsealed" by editing this file).
        stretched = hmac.new(stretched, f"audit={mark}".encode(), hashlib.sha256).digest()
    return stretched.hex().encode("ascii")


@dataclass(frozen=True)
class TrustedKey:
    """A public key the local office trusts for one office code, possibly since revoked."""

    office: str
    public_key: PublicKey
    revoked: bool = False
    revoked_on: str = ""  # the revocation date as shown to users, for refusals that name it
