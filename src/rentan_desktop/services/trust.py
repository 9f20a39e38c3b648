"""Office keys and trust: create this office's key, hand out its public key, trust or revoke others.

Trust is never on first use: :func:`trust_key` needs the fingerprint as read aloud on the phone or
from the office's printed key sheet, and refuses a file whose fingerprint differs. Revocation is
permanent (a revoked key cannot be trusted again; the office makes a new key).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.domain.region_code import RegionCode
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, key_unlock
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.key_unlock import (  # the passphrase sources, named here for callers
    AUDIT_WRAP_LABEL,
    KEY_DAMAGED,
    KEY_WRONG_PASSPHRASE,
    PASSPHRASE_ENV,
)
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing import key_file, key_folder, sealed
from rentan_desktop.signing.key_folder import key_dir_for
from rentan_desktop.signing.keys import (
    KeyFileError,
    KeyStore,
    PublicKey,
    SigningKey,
    TrustedKey,
    WrongKeyPassphrase,
)
from rentan_desktop.storage.batch_models import TrustedKeyRow
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

KEY_REVOKED_BEFORE = issues.define(
    "key.revoked_before",
    id="Kunci {fingerprint} pernah dicabut dan tidak dapat dipercaya lagi; minta kantor membuat kunci baru.",
    en="Key {fingerprint} was revoked and cannot be trusted again; ask the office to make a new key.",
)
KEY_OFFICE_MISMATCH = issues.define(
    "key.office_mismatch",
    id="Berkas kunci ini milik kantor {actual}, bukan kantor {expected}; kunci tidak dipercaya.",
    en="This key file belongs to office {actual}, not office {expected}; key not trusted.",
)
KEY_REASON_REQUIRED = issues.define(
    "key.reason_required",
    id="Alasan pencabutan kunci wajib diisi.",
    en="A reason is required to revoke a key.",
)

KEY_PASSPHRASE_NEEDED = issues.define(
    "key.passphrase_needed",
    id="Kunci kantor terkunci: masukkan frasa sandi kunci kantor (di aplikasi saat diminta, "
    "atau lewat RENTAN_KEY_PASSPHRASE untuk perintah rentan).",
    en="The office key is locked: enter the office key passphrase (in the app when asked, or "
    "through RENTAN_KEY_PASSPHRASE for rentan commands).",
)
KEY_PASSPHRASE_SHORT = issues.define(
    "key.passphrase_short",
    id="Frasa sandi kunci kantor minimal {min} karakter.",
    en="The office key passphrase needs at least {min} characters.",
)
KEY_LEGACY = issues.define(
    "key.legacy",
    id="Kunci kantor masih dilindungi berkas rahasia di sebelahnya; admin harus menetapkan frasa "
    "sandi kunci terlebih dahulu (Kunci kantor > Buka kunci, atau `rentan keys unlock`).",
    en="The office key is still protected by a secret file beside it; an admin must set a key "
    "passphrase first (Office key > Unlock, or `rentan keys unlock`).",
)
MIN_KEY_PASSPHRASE = 12  # same floor as the backup passphrase: it guards the office's signature


@dataclass(frozen=True)
class KeyInfo:
    """What to show about a key: office, key id and the fingerprint to read aloud."""

    office: str
    key_id: str
    fingerprint: str


def key_store(ctx: AppContext) -> KeyStore:
    """Where this office's key files live: ``<db name>-keys`` beside the database file.

    One folder per database, so a training database in the same folder never shares the key.
    """
    return KeyStore(key_dir_for(ctx.db.path))


def unlock_for_session(ctx: AppContext, *, passphrase: str, remember: bool = False) -> KeyInfo:
    """Unlock the office key (and with it the audit key) before anyone has logged in.

    The app asks for the passphrase at start-up when the audit key is sealed and neither
    ``RENTAN_KEY_PASSPHRASE`` nor the keyring holds it: nothing can be written (not even a
    login) until then. The unlock is recorded by the system, the login after it by the user.
    """
    office = require_office(ctx)
    store = key_store(ctx)
    if not store.exists() or store.is_legacy():
        raise UserError(m.KEY_MISSING)
    try:
        key = key_unlock.remember(store, store.load(passphrase), passphrase)
    except WrongKeyPassphrase as exc:
        raise UserError(KEY_WRONG_PASSPHRASE, source="") from exc
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    kept = remember and key_unlock.keyring_set(store, passphrase)
    public = key.public_key
    with ctx.db.writer() as session:
        audit.record(
            session,
            "sistem",
            "key.unlock",
            "office",
            office.uuid,
            {"key_id": public.key_id, "keyring": kept, "at": "start-up"},
        )
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def office_key(ctx: AppContext) -> SigningKey:
    """The unlocked office key: the one way anything in the app gets at the private key.

    Answered from memory once unlocked in this process; otherwise unlocked with
    ``RENTAN_KEY_PASSPHRASE`` or the OS keyring (optional ``keyring`` package). The GUI asks the
    admin and calls :func:`unlock_office_key` when this raises ``key.passphrase_needed``.

    Raises:
        UserError: no key yet, a legacy key that an admin must migrate, the key is locked, or a
            passphrase from the environment is wrong.
    """
    store = key_store(ctx)
    if not store.exists():
        raise UserError(m.KEY_MISSING)
    cached = key_unlock.unlocked(store)
    if cached is not None:
        return cached
    if store.is_legacy():
        raise UserError(KEY_LEGACY)
    found = key_unlock.from_environment(store)
    if found is not None:
        return found
    raise UserError(KEY_PASSPHRASE_NEEDED)


def adopt_office_key(ctx: AppContext, raw: bytes) -> None:
    """In the app's child process: hold the office key the app has unlocked (handed over the
    child's private pipe, never through a file) as unlocked here, with the audit key it opens,
    so the child signs and records exactly as the app would. Refuses a key that is not this
    office's."""
    store = key_store(ctx)
    key = SigningKey.from_private_raw(raw)
    public = store.public_keys()
    if public is None or public[0].key_id != key.public_key.key_id:
        raise UserError(KEY_PASSPHRASE_NEEDED)
    try:
        key_folder.unseal_audit_key(
            store.directory, key.derive_secret(AUDIT_WRAP_LABEL), key.public_key.key_id
        )
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    key_unlock.hold(store, key)


# The name callers used before the passphrase: same function.
load_signing_key = office_key


def office_key_unlocked(ctx: AppContext) -> bool:
    """True when signing would not need a passphrase now (for the GUI to decide to ask)."""
    try:
        office_key(ctx)
    except UserError:
        return False
    return True


def lock_office_key(ctx: AppContext) -> None:
    """Forget the unlocked key (log-out, idle lock).

    The audit key stays open for the life of the process: every save needs it, and it was
    opened with the same passphrase; only signing and opening batches ask again."""
    store = key_store(ctx)
    key_unlock.forget(store)


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_KEY_PASSPHRASE:
        raise UserError(KEY_PASSPHRASE_SHORT, min=MIN_KEY_PASSPHRASE)


def unlock_office_key(
    ctx: AppContext, *, actor: User, passphrase: str, remember: bool = False
) -> KeyInfo:
    """Unlock the office key for this session; migrates a legacy key (admins only).

    A legacy key (secret file beside it) is re-encrypted under ``passphrase`` and its secret file
    deleted: that is the passphrase from now on. ``remember`` keeps the passphrase in the OS
    keyring when one is available (Windows Credential Manager).
    """
    office = require_office(ctx)
    store = key_store(ctx)
    if not store.exists():
        raise UserError(m.KEY_MISSING)
    migrated = store.is_legacy()
    try:
        key = _migrate(store, actor, passphrase) if migrated else store.load(passphrase)
    except WrongKeyPassphrase as exc:
        raise UserError(KEY_WRONG_PASSPHRASE, source="") from exc
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    key_unlock.remember(store, key, passphrase)
    kept = remember and key_unlock.keyring_set(store, passphrase)
    public = key.public_key
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.migrate" if migrated else "key.unlock",
            "office",
            office.uuid,
            {"key_id": public.key_id, "keyring": kept},
        )
    if migrated:
        _adopt_for_backups(ctx, passphrase)
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def _migrate(store: KeyStore, actor: User, passphrase: str) -> SigningKey:
    # Anyone who knows the passphrase may unlock; choosing the passphrase is an admin's act.
    require(actor, Perm.KEYS_MANAGE)
    _check_new_passphrase(passphrase)
    return store.migrate(passphrase)


def change_key_passphrase(ctx: AppContext, *, actor: User, old: str, new: str) -> KeyInfo:
    """Re-encrypt the office key under a new passphrase (admins); the key itself stays the same."""
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    _check_new_passphrase(new)
    store = key_store(ctx)
    if store.is_legacy():
        raise UserError(KEY_LEGACY)
    try:
        key = store.change_passphrase(old, new)
    except WrongKeyPassphrase as exc:
        raise UserError(KEY_WRONG_PASSPHRASE, source="") from exc
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    key_unlock.remember(store, key, new)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.passphrase",
            "office",
            office.uuid,
            {"key_id": key.public_key.key_id},
        )
    return KeyInfo(office.kode, key.public_key.key_id, key.public_key.fingerprint)


def _adopt_for_backups(ctx: AppContext, passphrase: str) -> None:
    # Backups are encrypted by default under the same secret the admin already guards (issue
    # 13), unless a separate backup passphrase was set before.
    from rentan_desktop.services import backups

    backups.adopt_passphrase(ctx, passphrase)


def create_office_key(ctx: AppContext, *, actor: User, passphrase: str | None = None) -> KeyInfo:
    """Make this office's Ed25519 key (once), protected by ``passphrase``.

    Without an explicit passphrase, ``RENTAN_KEY_PASSPHRASE`` is used. The audit trail records the
    fingerprint; the passphrase is never stored.
    """
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    store = key_store(ctx)
    if store.exists():
        raise UserError(m.KEY_EXISTS)
    secret = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV, "")
    if not secret:
        raise UserError(KEY_PASSPHRASE_NEEDED)
    _check_new_passphrase(secret)
    key = key_unlock.remember(store, store.create(secret), secret)
    public = key.public_key
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.create",
            "office",
            office.uuid,
            {"key_id": public.key_id, "fingerprint": public.fingerprint},
        )
    _adopt_for_backups(ctx, secret)
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def office_key_info(ctx: AppContext) -> KeyInfo | None:
    """This office's key id and fingerprint (no passphrase needed), or None before a key exists."""
    office = require_office(ctx)
    public = own_public_key(ctx)
    if public is None:
        return None
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def own_public_key(ctx: AppContext) -> PublicKey | None:
    """This office's signing public key without unlocking it (None before a key exists)."""
    store = key_store(ctx)
    if not store.exists():
        return None
    found = store.public_keys()
    if found is not None:
        return found[0]
    if store.is_legacy():  # a legacy key opens with its secret file, so its public half is known
        try:
            return store.legacy_public_key()
        except KeyFileError:
            return None
    return office_key(ctx).public_key


def own_public_keys(ctx: AppContext) -> list[PublicKey]:
    """This office's current signing key and the ones it replaced (rotations), newest first:
    the office's own earlier cards and documents keep verifying here after a rotation."""
    current = own_public_key(ctx)
    if current is None:
        return []
    retired = [public for public, _ in reversed(key_store(ctx).retired_public_keys())]
    return [current, *[p for p in retired if p != current]]


def opening_key(ctx: AppContext, sealed_to: object) -> SigningKey | None:
    """The office key whose decryption key opens a file sealed to key id ``sealed_to``: the current office key's,
    or a retired one's (a batch or receipt sealed before a rotation); None when neither matches.

    Raises:
        UserError: the office key is locked or missing (see :func:`office_key`).
    """
    key = office_key(ctx)
    if sealed_to == sealed.key_id(key.encryption_public):
        return key
    for old in key_store(ctx).retired_keys(key):
        if sealed_to == sealed.key_id(old.encryption_public):
            return old
    return None


def rotate_office_key(ctx: AppContext, *, actor: User, passphrase: str | None = None) -> KeyInfo:
    """Replace this office's key with a new one under the same passphrase (admins).

    The old private key stays in the key folder (``retired/``), wrapped under the new key: files
    sealed to the old encryption key still open here and the office's own older cards verify.
    The next exported public key file carries the old key's endorsement of the new one, so an
    office that trusts the old key can trust the new one without a fingerprint read-aloud.
    Without an explicit passphrase, ``RENTAN_KEY_PASSPHRASE`` is used.
    """
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    store = key_store(ctx)
    if not store.exists():
        raise UserError(m.KEY_MISSING)
    if store.is_legacy():
        raise UserError(KEY_LEGACY)
    secret = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV, "")
    if not secret:
        raise UserError(KEY_PASSPHRASE_NEEDED)
    try:
        old = key_unlock.remember(store, store.load(secret), secret)  # opens the audit key too
        audit_secret = key_folder.audit_key(store.directory)

        def reseal(new: SigningKey) -> None:
            if audit_secret is not None and key_folder.audit_key_sealed(store.directory):
                key_folder.reseal_audit_key(
                    store.directory,
                    audit_secret,
                    new.derive_secret(AUDIT_WRAP_LABEL),
                    new.public_key.key_id,
                )

        old, new = store.rotate(secret, reseal)
    except WrongKeyPassphrase as exc:
        raise UserError(KEY_WRONG_PASSPHRASE, source="") from exc
    except KeyFileError as exc:
        raise UserError(KEY_DAMAGED, detail=str(exc)) from exc
    lock_office_key(ctx)
    key_unlock.remember(store, new, secret)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.rotate",
            "office",
            office.uuid,
            {
                "old_key_id": old.public_key.key_id,
                "key_id": new.public_key.key_id,
                "fingerprint": new.public_key.fingerprint,
            },
        )
    return KeyInfo(office.kode, new.public_key.key_id, new.public_key.fingerprint)


def export_public_key(ctx: AppContext, *, actor: User, folder: Path) -> Path:
    """Write ``KANTOR-<kode>.rentan-key.json`` into ``folder`` and return its path."""
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    key = office_key(ctx)
    retired = key_store(ctx).retired_keys(key)
    data = key_file.export(
        key,
        office.kode,
        office.nama,
        utcnow().isoformat(timespec="seconds"),
        predecessor=retired[-1] if retired else None,
    )
    path = Path(folder) / f"KANTOR-{office.kode}.rentan-key.json"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.export",
            "office",
            office.uuid,
            {"key_id": key.public_key.key_id, "file": path.name},
        )
    return path


def read_key_file(path: Path) -> key_file.PublicKeyFile:
    """Parse a public key file for preview (office, name, fingerprint) before trusting it."""
    try:
        return key_file.read(Path(path).read_bytes())
    except OSError as exc:
        raise UserError(m.KEY_FILE_MALFORMED, file=Path(path).name) from exc
    except key_file.KeyFileInvalid as exc:
        code = m.KEY_SELF_SIGNATURE if exc.reason == "signature" else m.KEY_FILE_MALFORMED
        raise UserError(code, file=Path(path).name) from exc


def trust_key(
    ctx: AppContext, *, actor: User, path: Path, fingerprint: str, office: str | None = None
) -> TrustedKeyRow:
    """Register the key in ``path`` as trusted for its office, after the fingerprint check.

    Args:
        ctx: application context.
        actor: a coordinator or admin.
        path: the office's public key file.
        fingerprint: the fingerprint as read aloud or printed by that office; may be empty only
            for a rotated key endorsed by a key trusted here for the same office (see
            :func:`rotation_vouched`), otherwise the empty fingerprint does not match.
        office: when given, the office code the key must belong to (refused otherwise).
    """
    require(actor, Perm.KEYS_MANAGE)
    parsed = read_key_file(path)
    if office is not None and _office_digits(office) != parsed.office:
        raise UserError(KEY_OFFICE_MISMATCH, expected=office, actual=parsed.office)
    public = parsed.public_key
    expected = key_file.normalise_fingerprint(fingerprint)
    endorser = _rotation_endorser(ctx, parsed) if not fingerprint.strip() else None
    if endorser is not None:
        return _trust_rotated(ctx, actor, parsed, endorser)
    if expected != public.fingerprint:
        # Never echo the file's own fingerprint: a clerk would copy it from the screen instead of
        # reading it back with the other office, which defeats the check.
        raise UserError(m.KEY_FINGERPRINT_MISMATCH, expected=expected)
    with ctx.db.writer() as session:
        existing = session.exec(
            select(TrustedKeyRow).where(TrustedKeyRow.key_id == public.key_id)
        ).all()
        encryption = _encryption_text(parsed)
        for row in existing:
            if row.revoked_at is not None:
                raise UserError(KEY_REVOKED_BEFORE, fingerprint=public.fingerprint)
            if row.office_kode == parsed.office:
                if encryption and row.encryption_key != encryption:
                    # The same signing key, re-sent in a newer file that carries its encryption
                    # key (offices keyed before issue 13): the fingerprint was just compared.
                    row.encryption_key = encryption
                    session.add(row)
                    audit.record(
                        session,
                        actor,
                        "key.encryption",
                        "trusted_key",
                        public.key_id,
                        {"office": parsed.office, "fingerprint": public.fingerprint},
                    )
                    return row
                raise UserError(
                    m.KEY_ALREADY_TRUSTED, fingerprint=public.fingerprint, office=parsed.office
                )
        row = _new_trusted_row(parsed, actor)
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "key.trust",
            "trusted_key",
            public.key_id,
            {"office": parsed.office, "fingerprint": public.fingerprint},
        )
    return row


def _rotation_endorser(ctx: AppContext, parsed: key_file.PublicKeyFile) -> TrustedKeyRow | None:
    """The live trusted key of the same office whose rotation signature vouches for ``parsed``
    (None when the endorsement is absent, forged, or by a key unknown here or revoked)."""
    endorser = parsed.endorsed_by()
    if endorser is None:
        return None
    with ctx.db.reader() as session:
        rows = session.exec(
            select(TrustedKeyRow).where(TrustedKeyRow.key_id == endorser.key_id)
        ).all()
    if any(r.revoked_at is not None for r in rows):
        return None  # a revoked key vouches for nothing, whichever office it was trusted for
    for row in rows:
        if row.office_kode == parsed.office and row.public_key == endorser.to_text():
            return row
    return None


def rotation_vouched(ctx: AppContext, path: Path) -> bool:
    """True when the key file at ``path`` may be trusted without a fingerprint: it was rotated
    from a key this office trusts (not revoked) for the same office, and is not trusted yet."""
    parsed = read_key_file(path)
    if _rotation_endorser(ctx, parsed) is None:
        return False
    with ctx.db.reader() as session:
        return (
            session.exec(
                select(TrustedKeyRow).where(TrustedKeyRow.key_id == parsed.public_key.key_id)
            ).first()
            is None
        )


def _new_trusted_row(parsed: key_file.PublicKeyFile, actor: User) -> TrustedKeyRow:
    """The row that trusts the key of ``parsed`` (read aloud or endorsed), registered by ``actor``."""
    public = parsed.public_key
    return TrustedKeyRow(
        office_kode=parsed.office,
        office_nama=parsed.office_name,
        public_key=public.to_text(),
        key_id=public.key_id,
        fingerprint=public.fingerprint,
        encryption_key=_encryption_text(parsed),
        registered_by=actor.username,
        registered_at=utcnow(),
    )


def _encryption_text(parsed: key_file.PublicKeyFile) -> str:
    """The key file's encryption key as stored (base64), empty for a file from before it."""
    return base64.b64encode(parsed.encryption_key).decode("ascii") if parsed.encryption_key else ""


def _trust_rotated(
    ctx: AppContext, actor: User, parsed: key_file.PublicKeyFile, endorser: TrustedKeyRow
) -> TrustedKeyRow:
    """Trust a rotated key on its predecessor's endorsement; the old key stays trusted, so
    batches and receipts it signed before the rotation keep verifying."""
    public = parsed.public_key
    with ctx.db.writer() as session:
        for row in session.exec(
            select(TrustedKeyRow).where(TrustedKeyRow.key_id == public.key_id)
        ).all():
            if row.revoked_at is not None:
                raise UserError(KEY_REVOKED_BEFORE, fingerprint=public.fingerprint)
            raise UserError(
                m.KEY_ALREADY_TRUSTED, fingerprint=public.fingerprint, office=row.office_kode
            )
        row = _new_trusted_row(parsed, actor)
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "key.rotate_trust",
            "trusted_key",
            public.key_id,
            {
                "office": parsed.office,
                "fingerprint": public.fingerprint,
                "endorsed_by": endorser.key_id,
                "endorsed_by_fingerprint": endorser.fingerprint,
            },
        )
    return row


def revoke_key(
    ctx: AppContext, *, actor: User, fingerprint: str, reason: str, office: str | None = None
) -> TrustedKeyRow:
    """Revoke a trusted key (by fingerprint or key id, or every key of ``office``); batches it signs
    are refused from now on. Returns the last row revoked."""
    require(actor, Perm.KEYS_MANAGE)
    if not reason.strip():
        raise UserError(KEY_REASON_REQUIRED, "reason")
    wanted = key_file.normalise_fingerprint(fingerprint)
    with ctx.db.writer() as session:
        rows = [
            r
            for r in session.exec(select(TrustedKeyRow)).all()
            if (
                fingerprint and (r.fingerprint == wanted or r.key_id == fingerprint.strip().lower())
            )
            or (office and r.office_kode == _office_digits(office))
        ]
        live = [r for r in rows if r.revoked_at is None]
        if not live:
            raise UserError(m.KEY_NOT_TRUSTED, fingerprint=fingerprint or office or "")
        now = utcnow()
        for row in live:
            row.revoked_at, row.revoked_by, row.revoke_reason = now, actor.username, reason.strip()
            session.add(row)
            audit.record(
                session,
                actor,
                "key.revoke",
                "trusted_key",
                row.key_id,
                {"office": row.office_kode, "reason": reason.strip()},
            )
    return live[0]


def list_keys(ctx: AppContext, *, actor: User) -> list[TrustedKeyRow]:
    """Every trusted key, revoked ones included, oldest first."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return list(session.exec(select(TrustedKeyRow).order_by(TrustedKeyRow.id)).all())


def trusted_keys(session: Session) -> list[TrustedKey]:
    """All trusted keys as signing-layer values (revoked ones flagged, for precise refusals)."""
    return [
        TrustedKey(
            r.office_kode,
            PublicKey.from_text(r.public_key),
            r.revoked_at is not None,
            tanggal(r.revoked_at) if r.revoked_at else "",
        )
        for r in session.exec(select(TrustedKeyRow)).all()
    ]


@dataclass(frozen=True)
class Recipient:
    """The office a batch is sealed to: its code, signing key id and X25519 public key."""

    office: str
    key_id: str
    encryption_key: bytes


KEY_NO_RECIPIENT = issues.define(
    "key.no_recipient",
    id="Kantor {office} belum memiliki kunci tepercaya untuk enkripsi; minta kantor itu mengirim "
    "berkas kunci publik terbaru, lalu percayai dengan sidik jarinya.",
    en="Office {office} has no trusted encryption key; ask that office for its latest public key "
    "file and trust it with its fingerprint.",
)
KEY_RECIPIENT_NEEDED = issues.define(
    "key.recipient_needed",
    id="Pilih kantor tujuan batch (--to KODE): data dienkripsi untuk kantor tujuan.",
    en="Choose the office the batch is for (--to CODE): data is encrypted to the recipient.",
)


def recipient(session: Session, office: str) -> Recipient:
    """The live trusted encryption key of ``office`` (the newest registered), or a UserError."""
    rows = session.exec(
        select(TrustedKeyRow)
        .where(TrustedKeyRow.office_kode == office, TrustedKeyRow.revoked_at.is_(None))  # type: ignore[union-attr]
        .order_by(TrustedKeyRow.id.desc())  # type: ignore[union-attr]
    ).all()
    for row in rows:
        if row.encryption_key:
            return Recipient(office, row.key_id, base64.b64decode(row.encryption_key))
    raise UserError(KEY_NO_RECIPIENT, office=office)


def default_recipient(session: Session, own: str) -> str:
    """The one trusted office above this one (a kecamatan's kabupaten), or '' when not unique."""
    mine = RegionCode.try_parse(own)
    if mine is None:
        return ""
    offices = {
        r.office_kode
        for r in session.exec(select(TrustedKeyRow)).all()
        if r.revoked_at is None
        and (theirs := RegionCode.try_parse(r.office_kode)) is not None
        and theirs != mine
        and theirs.contains(mine)
    }
    return max(offices, key=len) if offices else ""


def _office_digits(office: str) -> str:
    """An office code as typed (dotted or plain) in the stored plain form."""
    code = RegionCode.try_parse(office)
    return code.digits if code is not None else office.strip()
