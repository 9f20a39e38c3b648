"""After a kecamatan restores a backup: continue the batch numbers where the coordinator is.

A restored database has forgotten the batches it sent after the backup, so its next batch reuses a
number the coordinator already holds and is refused (``batch.seq_conflict``, reliability.md R8).
The repair uses the coordinator's latest signed receipt: it names the batch number and hash the
coordinator has, so the next batch continues from there with a matching chain. Every batch this
office still shows as unacknowledged up to that number is marked ``resent`` and its records go back
to ready: sending them again is harmless (the coordinator counts records it already has as
unchanged), while records that never arrived are not lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import batch_files as bf
from rentan_desktop.services import audit, trust
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import documents
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_RECEIPT
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import Setting, User

SETTING = "batch.seq_floor"
RESYNC_NOT_NEWER = issues.define(
    "batch.resync_not_newer",
    id="Tanda terima ini (batch {seq}) tidak lebih baru dari nomor batch kantor ini; tidak ada yang diubah.",
    en="This receipt (batch {seq}) is not newer than this office's batch numbers; nothing changed.",
)


@dataclass(frozen=True)
class ResyncResult:
    """Where numbering continues and what will be sent again."""

    next_seq: int
    batches: list[int]
    records: int


def seq_floor(session: Session, office: str) -> tuple[int, str] | None:
    """The (batch number, manifest hash) the coordinator was last known to hold, if resynced."""
    row = session.get(Setting, f"{SETTING}.{office}")
    if row is None:
        return None
    value = json.loads(row.value)
    return int(value["seq"]), str(value["sha256"])


def _verified_receipt(session: Session, path: Path, own: str) -> dict[str, object]:
    try:
        opened = documents.open_signed(
            path.read_bytes(),
            path.with_suffix(".sig").read_bytes(),
            DOMAIN_RECEIPT,
            trust.trusted_keys(session),
        )
    except (OSError, documents.DocumentError) as exc:
        raise UserError(m.RECEIPT_MALFORMED, file=path.name) from exc
    doc = opened.document
    if doc.get("schema") not in bf.SUPPORTED_RECEIPT_SCHEMAS or not isinstance(
        doc.get("batch_seq"), int
    ):
        raise UserError(m.RECEIPT_MALFORMED, file=path.name)
    signer = opened.signer
    if signer is not None and signer.revoked and signer.office == doc.get("office"):
        raise UserError(
            m.RECEIPT_REVOKED_SIGNER, office=signer.office, date=signer.revoked_on or "?"
        )
    if signer is None or signer.office != doc.get("office"):
        raise UserError(m.RECEIPT_UNKNOWN_SIGNER, key=opened.key_id)
    if not opened.signature_ok:
        raise UserError(m.RECEIPT_BAD_SIGNATURE)
    if doc.get("recipient") != own:
        raise UserError(m.RECEIPT_WRONG_OFFICE, recipient=doc.get("recipient"), office=own)
    return doc


def resync(ctx: AppContext, *, actor: User, path: Path) -> ResyncResult:
    """Continue batch numbering after the batch named in the coordinator's receipt ``path``."""
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    ready = Status.VERIFIED if office.level == "kecamatan" else Status.ACCEPTED
    with ctx.db.writer() as session:
        doc = _verified_receipt(session, Path(path), office.kode)
        seq, sha = int(str(doc["batch_seq"])), str(doc["batch_sha256"])
        floor = seq_floor(session, office.kode)
        if floor is not None and floor[0] >= seq:
            raise UserError(RESYNC_NOT_NEWER, seq=seq)
        key = f"{SETTING}.{office.kode}"
        session.merge(Setting(key=key, value=json.dumps({"seq": seq, "sha256": sha})))
        pending = session.exec(
            select(BatchLedger).where(
                BatchLedger.kind == "batch",
                BatchLedger.direction == "out",
                BatchLedger.office_kode == office.kode,
                BatchLedger.status == "sent",
                BatchLedger.seq <= seq,
            )
        ).all()
        conn = session.connection()
        records = 0
        for batch in pending:
            batch.status = "resent"
            session.add(batch)
            uuids = [
                (u,)
                for (u,) in conn.execute(
                    text("SELECT registrant_uuid FROM batch_item WHERE ledger_id = :ledger"),
                    {"ledger": batch.id},
                )
            ]
            if not uuids:
                continue
            # Back to ready: new records to the ready status, corrections stay corrections.
            records += registrant_table.move_status(
                conn,
                old=Status.SENT,
                new=ready,
                rows=uuids,
                by="uuid",
                fixed={"sent_version": None},
                document=True,
            )
            # The others (corrections, or moved on since) keep their status; their next
            # version travels again.
            registrant_table.update_many(
                conn,
                ("sent_version",),
                [(0, u) for (u,) in uuids],
                by="uuid",
                not_null="sent_version",
            )
        audit.record(
            session,
            actor,
            "batch.resync",
            "office",
            office.uuid,
            {
                "receipt": doc.get("receipt_id"),
                "seq": seq,
                "sha256": sha,
                "resent": [b.seq for b in pending],
            },
        )
    return ResyncResult(seq + 1, [b.seq for b in pending], records)
