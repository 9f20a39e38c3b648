"""Signed receipts: the coordinator acknowledges a batch record by record; the kecamatan applies it.

A receipt (``RECEIPT-<office>-<batch seq>-<n>.json`` + ``.sig``, domain ``rentan.receipt.v1``) lists
for every record of the batch its outcome (sealed, see below): ``accepted``, ``returned`` (with the reason), ``held``
(a conflict waiting for a supervisor), ``registered`` (with KPJ and coverage once BPJS answered) or
``inactive``. A batch may be acknowledged more than once; each later receipt brings news (e.g. the
KPJ numbers). Importing a receipt moves the kecamatan's records along the lifecycle; a kecamatan
never archives sent records before they are acknowledged.

Since schema 2 the items (record UUIDs, KPJ numbers, coverage, reasons for a return) travel in
``RECEIPT-....rreceipt``, sealed to the X25519 key of the office that sent the batch, exactly as
batches are (``signing.sealed``); the signed ``.json`` keeps only what says who answered which batch,
with the sealed file's SHA-256 and size. So a receipt is verified (signer, recipient, batch, hash)
before anything is decrypted, and a lost stick shows no KPJ number. Schema 1 receipts (plain items)
are still imported.
"""

from __future__ import annotations

import hashlib
import io
import uuid as uuidlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from rentan_desktop.domain import issues, lifecycle
from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import batch_files as bf
from rentan_desktop.services import audit, batch_names, trust
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import canonical, documents, sealed
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_RECEIPT
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.batch_models import BatchConflict, BatchLedger
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

RECEIPT_NOT_SENT = issues.define(
    "receipt.not_sent",
    id="Tanda terima menyebut data {uuid} yang tidak dikirim dalam batch ini; bagian itu ditolak.",
    en="The receipt names record {uuid}, which was not sent in this batch; that item is refused.",
)
RECEIPT_SEALED_ELSEWHERE = issues.define(
    "receipt.sealed_elsewhere",
    id="Tanda terima ini dienkripsi untuk kunci kantor lain ({key}); minta koordinator membuat "
    "tanda terima lagi dengan kunci publik terbaru kantor ini.",
    en="This receipt is encrypted to another office key ({key}); ask the coordinator to make the "
    "receipt again with this office's latest public key.",
)
RECEIPT_SEALED_DAMAGED = issues.define(
    "receipt.sealed_damaged",
    id="Isi terenkripsi tanda terima {file} hilang atau rusak; salin lagi ketiga berkasnya "
    "(.json, .sig, .rreceipt) dari flashdisk.",
    en="The encrypted contents of receipt {file} are missing or damaged; copy all three files "
    "(.json, .sig, .rreceipt) from the stick again.",
)
_COLUMNS = ["uuid", "version", "outcome", "reason", "kpj", "coverage_start", "coverage_end"]
RECEIPT_NO_BATCH = issues.define(
    "receipt.no_batch",
    id="Batch {batch} belum pernah diimpor di kantor ini.",
    en="Batch {batch} was never imported at this office.",
)

_OUTCOME_OF_STATUS = {
    Status.ACCEPTED.value: "accepted",
    Status.SENT.value: "accepted",
    Status.RETURNED.value: "returned",
    Status.REGISTERED.value: "registered",
    Status.INACTIVE.value: "inactive",
}


@dataclass(frozen=True)
class ReceiptFile:
    """A receipt written for a batch."""

    receipt_id: str
    path: Path
    counts: dict[str, int]


@dataclass(frozen=True)
class RecordNews:
    """A record the coordinator returned or set inactive, as the clerk must hear of it."""

    uuid: str
    nama: str
    nik_masked: str
    status: Status
    reason: str


@dataclass
class ReceiptImport:
    """What importing a receipt changed, or why it was refused."""

    path: Path
    errors: list[issues.Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    refused: list[issues.Issue] = field(default_factory=list)  # items outside the batch sent
    news: list[RecordNews] = field(default_factory=list)  # returned / inactive, with the reason

    @property
    def ok(self) -> bool:
        return not self.errors


# What a receipt tells the sending office of each record it carried.
_RECEIPT_KEYS = ("status", "status_reason", "kpj", "coverage_start", "coverage_end")


def receipt_items(session: Session, ledger: BatchLedger) -> list[list[Any]]:
    conn = session.connection()
    rows = conn.execute(
        text(
            "SELECT i.registrant_uuid, i.version, i.outcome, "
            + registrant_table.select_list(_RECEIPT_KEYS)
            + " FROM batch_item i LEFT JOIN registrant r "
            "ON r.uuid = i.registrant_uuid WHERE i.ledger_id = :ledger AND i.outcome != 'merged' "
            "ORDER BY i.id"
        ),
        {"ledger": ledger.id},
    ).fetchall()
    held = {
        c.incoming_uuid: c
        for c in session.exec(
            select(BatchConflict).where(BatchConflict.batch_uuid == ledger.doc_uuid)
        ).all()
    }
    items: list[list[Any]] = []
    for uuid, version, outcome, status, reason, kpj, start, end in rows:
        conflict = held.get(uuid)
        if outcome == "held" or status is None:
            if conflict is None or conflict.status == "open":
                items.append([uuid, version, "held", conflict.kind if conflict else "", "", "", ""])
            elif conflict.kind == "nik":  # merged into the registration another office holds
                items.append([uuid, version, "returned", "ganda", "", "", ""])
            elif conflict.kind == "scope" or (
                conflict.kind == "owner" and conflict.outcome == "kept_existing"
            ):
                # Not this office's record to change: refused, and the sender is told so.
                items.append([uuid, version, "returned", "bukan milik kantor pengirim", "", "", ""])
            else:
                items.append([uuid, version, "accepted", "", "", "", ""])
            continue
        result = _OUTCOME_OF_STATUS.get(status, "accepted")
        items.append([uuid, version, result, reason or "", kpj or "", start or "", end or ""])
    return items


def make_receipt(ctx: AppContext, *, actor: User, batch: str, folder: Path) -> ReceiptFile:
    """Write a signed receipt for an imported batch (its file name, BATCH-… name or UUID) into ``folder``."""
    require(actor, Perm.RECEIPT_MAKE)
    office = require_office(ctx)
    key = trust.office_key(ctx)
    folder = Path(folder)
    with ctx.db.writer() as session:
        ledger = batch_names.find(session, batch, direction="in")
        if ledger is None:
            raise UserError(RECEIPT_NO_BATCH, batch=batch)
        batch = ledger.doc_uuid  # a file name or BATCH-… stem was typed: the receipt names the UUID
        earlier = session.exec(
            select(BatchLedger).where(
                BatchLedger.kind == "receipt",
                BatchLedger.direction == "out",
                BatchLedger.batch_uuid == batch,
            )
        ).all()
        number = len(earlier) + 1
        items = receipt_items(session, ledger)
        now = utcnow()
        receipt_id = str(uuidlib.uuid4())
        # The items go sealed to the office that sent the batch: only its office key opens them.
        sealed_to = trust.recipient(session, ledger.office_kode)
        path = folder / f"RECEIPT-{ledger.office_kode}-{ledger.seq:05d}-{number:02d}.json"
        payload = path.with_suffix(bf.SEALED_RECEIPT_SUFFIX)
        box = io.BytesIO()
        sealed.seal_stream(
            io.BytesIO(
                canonical.dumps({"receipt_id": receipt_id, "columns": _COLUMNS, "items": items})
            ),
            box,
            sealed_to.encryption_key,
        )
        body = box.getvalue()
        doc = {
            "schema": bf.RECEIPT_SCHEMA,
            "receipt_id": receipt_id,
            "office": office.kode,
            "office_name": office.nama,
            "recipient": ledger.office_kode,
            "batch_id": batch,
            "batch_seq": ledger.seq,
            "batch_sha256": ledger.doc_sha256,
            "number": number,
            "created_at": now.isoformat(),
            "created_by": actor.username,
            "key_id": key.public_key.key_id,
            "item_count": len(items),
            "payload_file": payload.name,
            "payload_sha256": hashlib.sha256(body).hexdigest(),
            "payload_size": len(body),
            "sealed_to": sealed.key_id(sealed_to.encryption_key),
        }
        signed = documents.sign(key, DOMAIN_RECEIPT, doc)
        sig = path.with_suffix(".sig")
        temps = (bf.temp_name(payload), bf.temp_name(path), bf.temp_name(sig))
        try:
            bf.write_bytes_synced(temps[0], body)
            bf.write_bytes_synced(temps[1], signed.body)
            bf.write_bytes_synced(temps[2], signed.signature_file)
            bf.publish([(temps[0], payload), (temps[1], path), (temps[2], sig)])
        except OSError as exc:
            raise UserError(
                m.BATCH_WRITE_FAILED, folder=str(folder), detail=exc.strerror or type(exc).__name__
            ) from exc
        counts = dict(Counter(item[2] for item in items))
        session.add(
            BatchLedger(
                kind="receipt",
                direction="out",
                doc_uuid=receipt_id,
                office_kode=office.kode,
                recipient_kode=ledger.office_kode,
                seq=_next_receipt_seq(session, office.kode),
                doc_sha256=signed.sha256,
                batch_uuid=batch,
                key_id=key.public_key.key_id,
                row_count=len(items),
                file_name=path.name,
                created_at=now,
                created_by=actor.username,
                recorded_at=now,
                recorded_by=actor.username,
            )
        )
        audit.record(
            session,
            actor,
            "receipt.make",
            "batch",
            batch,
            {"receipt": receipt_id, "file": path.name, **counts},
        )
    return ReceiptFile(receipt_id, path, counts)


def _next_receipt_seq(session: Session, office: str) -> int:
    value = (
        session.connection()
        .execute(
            text(
                "SELECT coalesce(max(seq), 0) FROM batch_ledger WHERE kind = 'receipt' "
                "AND direction = 'out' AND office_kode = :office"
            ),
            {"office": office},
        )
        .scalar()
    )
    return int(value or 0) + 1


def import_receipt(ctx: AppContext, *, actor: User, path: Path) -> ReceiptImport:
    """Check a receipt's signature and apply its outcomes to this office's sent records."""
    require(actor, Perm.RECEIPT_IMPORT)
    office = require_office(ctx)
    path = Path(path)
    result = ReceiptImport(path)
    with ctx.db.writer() as session:
        try:
            opened = documents.open_signed(
                path.read_bytes(),
                path.with_suffix(".sig").read_bytes(),
                DOMAIN_RECEIPT,
                trust.trusted_keys(session),
            )
            doc = opened.document
            if doc.get("schema") not in bf.SUPPORTED_RECEIPT_SCHEMAS or (
                doc.get("schema") == bf.PLAIN_RECEIPT_SCHEMA
                and not isinstance(doc.get("items"), list)
            ):
                raise documents.DocumentError("schema")
        except (OSError, documents.DocumentError):
            result.errors.append(issues.error(m.RECEIPT_MALFORMED, file=path.name))
            return result
        batch = session.exec(
            select(BatchLedger).where(
                BatchLedger.kind == "batch",
                BatchLedger.direction == "out",
                BatchLedger.doc_uuid == doc.get("batch_id"),
            )
        ).first()
        problem = _refusal(session, opened, doc, office.kode, batch)
        if problem is None and doc["schema"] == bf.RECEIPT_SCHEMA:
            # Verified above (signer, recipient, batch, not seen): only now is anything decrypted.
            problem = _open_items(ctx, path, doc)
        if problem is not None:
            result.errors.append(problem)
            return result
        assert batch is not None
        sent = {
            uuid
            for (uuid,) in session.connection().execute(
                text("SELECT registrant_uuid FROM batch_item WHERE ledger_id = :ledger"),
                {"ledger": batch.id},
            )
        }
        items = []
        for item in doc["items"]:
            # A valid signature on a receipt says who answered, not what it may answer about:
            # only records this office sent in that very batch can be moved along.
            if isinstance(item, list) and len(item) == 7 and item[0] in sent:
                items.append(item)
            else:
                uuid = item[0] if isinstance(item, list) and item else "?"
                result.refused.append(issues.warning(RECEIPT_NOT_SENT, uuid=str(uuid)))
        result.counts = _apply(session, actor, items)
        result.news = _news(session, items)
        _remember_outcomes(session, batch, items)
        if result.refused:
            result.counts["refused"] = len(result.refused)
        now = utcnow()
        batch.status = "acknowledged"
        session.add(batch)
        session.add(
            BatchLedger(
                kind="receipt",
                direction="in",
                doc_uuid=doc["receipt_id"],
                office_kode=doc["office"],
                recipient_kode=office.kode,
                seq=_in_receipt_seq(session, doc["office"]),
                doc_sha256=documents.SignedDocument(path.read_bytes(), b"").sha256,
                batch_uuid=batch.doc_uuid,
                key_id=opened.key_id,
                row_count=len(doc["items"]),
                file_name=path.name,
                created_at=now,
                created_by=str(doc.get("created_by", "")),
                recorded_at=now,
                recorded_by=actor.username,
            )
        )
        audit.record(
            session,
            actor,
            "receipt.import",
            "batch",
            batch.doc_uuid,
            {
                "receipt": doc["receipt_id"],
                **result.counts,
                "refused_items": [i.params["uuid"] for i in result.refused],
            },
        )
    return result


def _open_items(ctx: AppContext, path: Path, doc: dict[str, Any]) -> issues.Issue | None:
    """Check the sealed items file against the signed receipt, decrypt it in memory and put its
    items into ``doc``; an issue when it is missing, changed, damaged or sealed to another key.

    Raises:
        UserError: the office key is locked (the GUI asks for the passphrase first) or missing.
    """
    name = doc.get("payload_file")
    damaged = issues.error(RECEIPT_SEALED_DAMAGED, file=path.name)
    if (
        not isinstance(name, str)
        or Path(name).name != name
        or not name.endswith(bf.SEALED_RECEIPT_SUFFIX)
    ):
        return damaged
    try:
        body = (path.parent / name).read_bytes()
    except OSError:
        return damaged
    if len(body) != doc.get("payload_size") or hashlib.sha256(body).hexdigest() != doc.get(
        "payload_sha256"
    ):
        return damaged
    key = trust.opening_key(ctx, doc.get("sealed_to"))  # current key, or one since rotated
    if key is None:
        return issues.error(RECEIPT_SEALED_ELSEWHERE, key=doc.get("sealed_to", ""))
    plain = io.BytesIO()  # in memory: the items never touch the disk in clear
    try:
        sealed.open_stream(io.BytesIO(body), plain, key.decryption_key())
        inner = canonical.loads(plain.getvalue())
    except sealed.NotForThisKey:
        return issues.error(RECEIPT_SEALED_ELSEWHERE, key=doc.get("sealed_to", ""))
    except (sealed.SealedError, canonical.CanonicalError, ValueError):
        return damaged
    if (
        not isinstance(inner, dict)
        or inner.get("receipt_id") != doc.get("receipt_id")
        or not isinstance(inner.get("items"), list)
        or len(inner["items"]) != doc.get("item_count")
    ):
        return damaged
    doc["items"] = inner["items"]
    return None


def _in_receipt_seq(session: Session, office: str) -> int:
    value = (
        session.connection()
        .execute(
            text(
                "SELECT coalesce(max(seq), 0) FROM batch_ledger WHERE kind = 'receipt' "
                "AND direction = 'in' AND office_kode = :office"
            ),
            {"office": office},
        )
        .scalar()
    )
    return int(value or 0) + 1


def _refusal(
    session: Session,
    opened: documents.Opened,
    doc: dict[str, Any],
    own: str,
    batch: BatchLedger | None,
) -> issues.Issue | None:
    signer = opened.signer
    if signer is not None and signer.revoked and signer.office == doc.get("office"):
        return issues.error(
            m.RECEIPT_REVOKED_SIGNER, office=signer.office, date=signer.revoked_on or "?"
        )
    if signer is None or signer.office != doc.get("office"):
        return issues.error(m.RECEIPT_UNKNOWN_SIGNER, key=opened.key_id)
    if not opened.signature_ok:
        return issues.error(m.RECEIPT_BAD_SIGNATURE)
    if doc.get("recipient") != own:
        return issues.error(m.RECEIPT_WRONG_OFFICE, recipient=doc.get("recipient"), office=own)
    if (
        batch is None
        or (batch.recipient_kode and batch.recipient_kode != doc.get("office"))
        or (
            batch.doc_sha256 != doc.get("batch_sha256")  # a receipt for exactly what we sent
        )
    ):
        return issues.error(m.RECEIPT_UNKNOWN_BATCH, batch=doc.get("batch_id"))
    seen = session.exec(
        select(BatchLedger).where(
            BatchLedger.kind == "receipt",
            BatchLedger.direction == "in",
            BatchLedger.doc_uuid == doc.get("receipt_id"),
        )
    ).first()
    if seen is not None:
        return issues.error(m.RECEIPT_ALREADY_IMPORTED)
    return None


def _steps(current: Status, target: Status) -> list[Status]:
    """The lifecycle steps from ``current`` to ``target`` (via accepted when needed); [] if none."""
    if current == target:
        return []
    if not lifecycle.check_transition(current, target, "receipt"):
        return [target]
    via = Status.ACCEPTED
    if not lifecycle.check_transition(current, via) and not lifecycle.check_transition(
        via,
        target,
        "receipt",  # the coordinator's reason travels with the item
    ):
        return [via, target]
    return []  # not a legal move from here (e.g. already inactive): left as it is


def _apply(session: Session, actor: User, items: list[Any]) -> dict[str, int]:
    """Move each sent record along to what the coordinator says of it (returned and inactive with
    the coordinator's reason), so both offices show the same state."""
    conn = session.connection()
    counts: Counter[str] = Counter()
    stamp = utcnow().isoformat(timespec="microseconds")
    targets = {
        "accepted": Status.ACCEPTED,
        "returned": Status.RETURNED,
        "registered": Status.REGISTERED,
        "inactive": Status.INACTIVE,
    }
    with_reason = ("returned", "inactive")
    for uuid, _version, outcome, reason, kpj, start, end in items:
        found = conn.execute(
            text("SELECT status FROM registrant WHERE uuid = :uuid"), {"uuid": uuid}
        ).first()
        if found is None:
            counts["unknown"] += 1
            continue
        target = targets.get(outcome)
        steps = _steps(Status(found[0]), target) if target is not None else []
        if outcome == "registered" and kpj:
            registrant_table.update_fields(
                conn,
                {"kpj": kpj, "coverage_start": start or None, "coverage_end": end or None},
                uuid=uuid,
            )
        if steps:
            try:
                registrant_table.set_status(
                    conn,
                    uuid=uuid,
                    old=found[0],
                    new=steps[-1],
                    via=steps[:-1],
                    reason=reason if outcome in with_reason else "",
                    actor=actor.username,
                    at=stamp,
                    document=True,
                )
            except registrant_table.StatusRefused:
                steps = []  # e.g. a return without its reason: the record stays as it is
        counts[outcome if steps or outcome == "held" else "unchanged"] += 1
    return dict(counts)


def _news(session: Session, items: list[Any]) -> list[RecordNews]:
    wanted = [item for item in items if item[2] in ("returned", "inactive")]
    news = []
    conn = session.connection()
    for uuid, _version, _outcome, reason, *_ in wanted:
        row = conn.execute(
            text("SELECT nama, nik, status, status_reason FROM registrant WHERE uuid = :uuid"),
            {"uuid": uuid},
        ).first()
        if row is not None:
            news.append(
                RecordNews(uuid, row[0], mask_nik(row[1]), Status(row[2]), row[3] or reason)
            )
    return news


def _remember_outcomes(session: Session, batch: BatchLedger, items: list[Any]) -> None:
    """Keep what the coordinator said of each sent record, for the reconciliation page."""
    if not items:
        return
    session.connection().execute(
        text(
            "UPDATE batch_item SET outcome = :outcome, reason = :reason "
            "WHERE ledger_id = :ledger AND registrant_uuid = :uuid"
        ),
        [
            {"outcome": item[2], "reason": item[3] or "", "ledger": batch.id, "uuid": item[0]}
            for item in items
        ],
    )


def outstanding(ctx: AppContext, *, actor: User) -> list[BatchLedger]:
    """Batches this office sent that no receipt has acknowledged yet (keep them; resend if lost)."""
    require(actor, Perm.BATCH_EXPORT)
    with ctx.db.reader() as session:
        return list(
            session.exec(
                select(BatchLedger)
                .where(
                    BatchLedger.kind == "batch",
                    BatchLedger.direction == "out",
                    BatchLedger.status == "sent",
                )
                .order_by(BatchLedger.seq)
            ).all()
        )


def ledger(
    ctx: AppContext, *, actor: User, kind: str = "batch", direction: str | None = None
) -> list[BatchLedger]:
    """The batch or receipt ledger, newest first (for the GUI's history views)."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        query = select(BatchLedger).where(BatchLedger.kind == kind)
        if direction:
            query = query.where(BatchLedger.direction == direction)
        return list(session.exec(query.order_by(BatchLedger.id.desc())).all())  # type: ignore[union-attr]
