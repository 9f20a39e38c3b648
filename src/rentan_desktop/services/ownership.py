"""Which office may change which record: a record belongs to its origin office.

Record UUIDs are public (every batch, receipt and card QR carries them), so a valid signature says
only *who* sent something, never *what* that office may touch. The rules, checked on every signed
document that changes records:

- a batch signed by office S may create records only for S's own region (the desa lies inside
  S's area code) and naming S, or an office inside S's area, as origin;
- it may update or deactivate only records owned by S or by an office inside S's area (a regency
  passing on its kecamatan's records to the province), and may not change a record's owner;
- anything else is held as a conflict whose kind names the reason (``owner`` or ``scope``);
- a receipt may only speak of records the receiver sent in that very batch;
- a card token signed by an office for a record it does not own is refused.

Ownership moves only by :func:`transfer`: an explicit, audited act of a coordinator office.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import Registrant, User, Wilayah
from rentan_desktop.storage.types import utcnow

# Held-conflict kinds added by these rules (``nik`` and ``edited`` live in batch_import).
OWNER = "owner"  # the record belongs to another office
SCOPE = "scope"  # a new record outside the sender's region, or naming another office as origin


def within(code: str, area: str) -> bool:
    """True when the Kemendagri ``code`` lies inside the office area ``area`` (prefix of digits).

    An empty code belongs to nobody (old records without an origin can only move by transfer).
    """
    return bool(code) and bool(area) and code.startswith(area)


def may_touch(sender: str, owner: str) -> bool:
    """Whether a document signed by ``sender`` may change a record owned by ``owner``."""
    return within(owner, sender)


def batch_refusal(sender: str, rec: dict[str, str], owner: str | None) -> str | None:
    """The held-conflict kind for an incoming batch row, or None when the sender may apply it.

    Args:
        sender: office code that signed the batch.
        rec: the row (``desa_kode``, ``origin_office``).
        owner: current owner of the record here, or None for a record not known here.
    """
    origin = rec.get("origin_office") or sender
    if owner is None:
        if not within(rec.get("desa_kode", ""), sender) or not within(origin, sender):
            return SCOPE
        return None
    if not may_touch(sender, owner) or origin != owner:
        return OWNER
    if not within(rec.get("desa_kode", ""), sender):
        return SCOPE
    return None


issues.define_all(
    {
        "conflict.why.owner": (
            "Data ini milik kantor {owner}; batch dari kantor {sender} tidak berwenang mengubahnya. "
            "Tidak ada yang diubah.",
            "This record belongs to office {owner}; a batch from office {sender} may not change it. "
            "Nothing was changed.",
        ),
        "conflict.why.owner_transferred": (
            "Kepemilikan data ini sudah diserahkan ke kantor {sender}; putuskan kolom mana yang benar.",
            "This record has been handed over to office {sender}; decide which fields are right.",
        ),
        "conflict.why.scope": (
            "Batch dari kantor {sender} menambah data untuk wilayah atau kantor lain (desa {desa}, "
            "kantor asal {origin}). Tidak ada yang ditambahkan.",
            "A batch from office {sender} adds a record for another area or office (desa {desa}, "
            "origin office {origin}). Nothing was added.",
        ),
        "conflict.why.nik": (
            "NIK ini sudah dipakai pendaftaran aktif lain.",
            "This NIK is already used by another active registration.",
        ),
        "conflict.why.edited": (
            "Data ini diubah di kantor pengirim dan juga di sini sejak impor terakhir.",
            "This record was changed at the sending office and here since the last import.",
        ),
    }
)

TRANSFER_LEVEL = issues.define(
    "ownership.level",
    id="Pemindahan kepemilikan data hanya dapat dilakukan di kantor koordinator (kabupaten/provinsi).",
    en="Ownership can only be transferred at a coordinator office (regency/province).",
)
TRANSFER_REASON = issues.define(
    "ownership.reason",
    id="Alasan pemindahan kepemilikan wajib diisi.",
    en="A reason for the transfer is required.",
)
TRANSFER_UNKNOWN = issues.define(
    "ownership.unknown", id="Data {uuid} tidak ditemukan.", en="Record {uuid} not found."
)
TRANSFER_OFFICE = issues.define(
    "ownership.office",
    id="Kantor {office} bukan kecamatan atau kabupaten di wilayah kantor ini ({own}).",
    en="Office {office} is not a kecamatan or regency inside this office's area ({own}).",
)
TRANSFER_DESA = issues.define(
    "ownership.desa",
    id="Desa data {nama} ({desa}) bukan wilayah kantor {office}; perbaiki desanya dahulu.",
    en="The desa of {nama}'s record ({desa}) is not in office {office}'s area; correct it first.",
)


@dataclass(frozen=True)
class Transferred:
    """One record whose owner changed."""

    uuid: str
    nama: str
    old_owner: str
    new_owner: str


def transfer(
    ctx: AppContext, *, actor: User, uuids: Sequence[str], to_office: str, reason: str
) -> list[Transferred]:
    """Give records to another office (all or nothing), one audit event per record.

    Only a coordinator office may do this, only between offices of its own area, and only to the
    office whose area holds the record's desa (so the new owner's batches may change it).

    Raises:
        UserError: not a coordinator office, no reason, unknown record or office, desa outside.
    """
    require(actor, Perm.OWNERSHIP_TRANSFER)
    office = require_office(ctx)
    if office.level == "kecamatan":
        raise UserError(TRANSFER_LEVEL)
    if not reason.strip():
        raise UserError(TRANSFER_REASON, "reason")
    to_office = to_office.strip()
    done: list[Transferred] = []
    with ctx.db.writer() as session:
        area = session.get(Wilayah, to_office)
        if area is None or area.level not in (2, 3) or not within(to_office, office.kode):
            raise UserError(TRANSFER_OFFICE, "office", office=to_office, own=office.kode)
        for uuid in dict.fromkeys(uuids):
            row = session.exec(select(Registrant).where(Registrant.uuid == uuid)).first()
            if row is None:
                raise UserError(TRANSFER_UNKNOWN, uuid=uuid)
            if not within(row.desa_kode, to_office):
                raise UserError(TRANSFER_DESA, nama=row.nama, desa=row.desa_kode, office=to_office)
            if row.origin_office == to_office:
                continue
            done.append(Transferred(row.uuid, row.nama, row.origin_office, to_office))
            # The version stays: it counts the owner's edits, and the new owner's next batch must
            # classify against what was last seen from a batch, not against this act.
            registrant_table.update_loaded(
                session,
                row,
                {"origin_office": to_office, "updated_by": actor.username, "updated_at": utcnow()},
            )
            audit.record(
                session,
                actor,
                "registrant.transfer",
                "registrant",
                row.uuid,
                {"from": done[-1].old_owner, "to": to_office, "reason": reason.strip()},
            )
    return done
