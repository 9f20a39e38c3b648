"""Office keys and trust: create this office's key, hand out its public key, trust or revoke others.

Trust is never on first use: :func:`trust_key` needs the fingerprint as read aloud on the phone or
from the office's printed key sheet, and refuses a file whose fingerprint differs. Revocation is
permanent (a revoked key cannot be trusted again; the office makes a new key).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.setup import require_office
from rentan_desktop.signing import key_file
from rentan_desktop.signing import messages as m
from rentan_desktop.signing.key_folder import key_dir_for
from rentan_desktop.signing.keys import KeyFileError, KeyStore, PublicKey, SigningKey, TrustedKey
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


def load_signing_key(ctx: AppContext) -> SigningKey:
    """This office's private key, or a :class:`UserError` saying why it cannot be used."""
    store = key_store(ctx)
    if not store.exists():
        raise UserError(m.KEY_MISSING)
    try:
        return store.load()
    except KeyFileError as exc:
        raise UserError(m.KEY_LOCKED) from exc


def create_office_key(ctx: AppContext, *, actor: User) -> KeyInfo:
    """Make this office's Ed25519 key (once); the audit trail records its fingerprint."""
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    store = key_store(ctx)
    if store.exists():
        raise UserError(m.KEY_EXISTS)
    public = store.create().public_key
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "key.create",
            "office",
            office.uuid,
            {"key_id": public.key_id, "fingerprint": public.fingerprint},
        )
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def office_key_info(ctx: AppContext) -> KeyInfo | None:
    """This office's key id and fingerprint, or None before a key exists."""
    office = require_office(ctx)
    if not key_store(ctx).exists():
        return None
    public = load_signing_key(ctx).public_key
    return KeyInfo(office.kode, public.key_id, public.fingerprint)


def export_public_key(ctx: AppContext, *, actor: User, folder: Path) -> Path:
    """Write ``KANTOR-<kode>.rentan-key.json`` into ``folder`` and return its path."""
    require(actor, Perm.KEYS_MANAGE)
    office = require_office(ctx)
    key = load_signing_key(ctx)
    data = key_file.export(key, office.kode, office.nama, utcnow().isoformat(timespec="seconds"))
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


def trust_key(ctx: AppContext, *, actor: User, path: Path, fingerprint: str,
              office: str | None = None) -> TrustedKeyRow:
    """Register the key in ``path`` as trusted for its office, after the fingerprint check.

    Args:
        ctx: application context.
        actor: a coordinator or admin.
        path: the office's public key file.
        fingerprint: the fingerprint as read aloud or printed by that office.
        office: when given, the office code the key must belong to (refused otherwise).
    """
    require(actor, Perm.KEYS_MANAGE)
    parsed = read_key_file(path)
    if office is not None and office.replace(".", "").strip() != parsed.office:
        raise UserError(KEY_OFFICE_MISMATCH, expected=office, actual=parsed.office)
    public = parsed.public_key
    expected = key_file.normalise_fingerprint(fingerprint)
    if expected != public.fingerprint:
        raise UserError(m.KEY_FINGERPRINT_MISMATCH, actual=public.fingerprint, expected=expected)
    with ctx.db.writer() as session:
        existing = session.exec(
            select(TrustedKeyRow).where(TrustedKeyRow.key_id == public.key_id)
        ).all()
        for row in existing:
            if row.revoked_at is not None:
                raise UserError(KEY_REVOKED_BEFORE, fingerprint=public.fingerprint)
            if row.office_kode == parsed.office:
                raise UserError(
                    m.KEY_ALREADY_TRUSTED, fingerprint=public.fingerprint, office=parsed.office
                )
        row = TrustedKeyRow(
            office_kode=parsed.office,
            office_nama=parsed.office_name,
            public_key=public.to_text(),
            key_id=public.key_id,
            fingerprint=public.fingerprint,
            registered_by=actor.username,
            registered_at=utcnow(),
        )
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


def revoke_key(ctx: AppContext, *, actor: User, fingerprint: str, reason: str) -> TrustedKeyRow:
    """Revoke a trusted key (by fingerprint or key id); batches it signs are refused from now on."""
    require(actor, Perm.KEYS_MANAGE)
    if not reason.strip():
        raise UserError(KEY_REASON_REQUIRED, "reason")
    wanted = key_file.normalise_fingerprint(fingerprint)
    with ctx.db.writer() as session:
        rows = [
            r
            for r in session.exec(select(TrustedKeyRow)).all()
            if r.fingerprint == wanted or r.key_id == fingerprint.strip().lower()
        ]
        live = [r for r in rows if r.revoked_at is None]
        if not live:
            raise UserError(m.KEY_NOT_TRUSTED, fingerprint=fingerprint)
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
        TrustedKey(r.office_kode, PublicKey.from_text(r.public_key), r.revoked_at is not None)
        for r in session.exec(select(TrustedKeyRow)).all()
    ]
