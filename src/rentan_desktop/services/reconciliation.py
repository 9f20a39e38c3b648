"""Reconciliation of one batch between the office that sent it and the coordinator (issue 19, point 3).

After a receipt, both offices can print one page for the batch: how many of its records stand in each
status. At the kecamatan the page sets what the last receipt said beside what this office holds now,
and lists the records that differ; at the coordinator it shows what the coordinator holds now (what
its next receipt would say). When the two offices agree, the counts on both pages are the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.domain.lifecycle import AFTER_SENDING, Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_files import batch_stem
from rentan_desktop.io.pdf import reconciliation as page
from rentan_desktop.io.pdf.types import Reconciliation as Page
from rentan_desktop.io.pdf.types import ReconciliationCount, ReconciliationDifference
from rentan_desktop.services import audit, batch_names
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.printing import (
    PrintedFile,
    office_region,
    office_title,
    paper_of,
    print_dir,
    write_pdf,
)
from rentan_desktop.services.receipts import RECEIPT_NO_BATCH, receipt_items
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import User

#: What a receipt outcome means for the sender's copy of the record (held: still waiting).
STATUS_OF_OUTCOME = {
    "accepted": Status.ACCEPTED,
    "returned": Status.RETURNED,
    "registered": Status.REGISTERED,
    "inactive": Status.INACTIVE,
    "held": Status.SENT,
    "": Status.SENT,
}
ORDER = AFTER_SENDING


@dataclass(frozen=True)
class Difference:
    uuid: str
    nama: str
    nik_masked: str
    here: Status
    receipt: Status
    reason: str


@dataclass
class Reconciliation:
    """One batch's records per status, here and (at the sender) per the last receipt."""

    batch: str
    sender: str
    coordinator: str
    at_sender: bool
    receipts: int
    here: Counter[Status] = field(default_factory=Counter)
    per_receipt: Counter[Status] = field(default_factory=Counter)
    differences: list[Difference] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return not self.at_sender or (self.here == self.per_receipt and not self.differences)


def reconcile(ctx: AppContext, *, actor: User, batch: str) -> Reconciliation:
    """The reconciliation of ``batch`` (its file name, ``BATCH-…`` name or UUID) at this office."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        ledger = batch_names.find(session, batch)
        if ledger is None:
            raise UserError(RECEIPT_NO_BATCH, batch=batch)
        return _reconcile(session, ledger)


def _reconcile(session: Session, ledger: BatchLedger) -> Reconciliation:
    at_sender = ledger.direction == "out"
    receipts = (
        session.connection()
        .execute(
            text(
                "SELECT count(*) FROM batch_ledger WHERE kind = 'receipt' AND batch_uuid = :batch"
            ),
            {"batch": ledger.doc_uuid},
        )
        .scalar()
        or 0
    )
    result = Reconciliation(
        batch=batch_stem(ledger.office_kode, ledger.seq),
        sender=ledger.office_kode,
        coordinator=ledger.recipient_kode if at_sender else (ledger.recipient_kode or ""),
        at_sender=at_sender,
        receipts=int(receipts),
    )
    if not at_sender:  # the coordinator: what it holds now, as its next receipt would say
        for _uuid, _version, outcome, *_ in receipt_items(session, ledger):
            result.here[STATUS_OF_OUTCOME.get(outcome, Status.SENT)] += 1
        return result
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT i.registrant_uuid, i.outcome, i.reason, r.nama, r.nik, r.status, r.status_reason "
                "FROM batch_item i JOIN registrant r ON r.uuid = i.registrant_uuid "
                "WHERE i.ledger_id = :ledger ORDER BY r.nama"
            ),
            {"ledger": ledger.id},
        )
        .fetchall()
    )
    for uuid, outcome, reason, nama, nik, status, status_reason in rows:
        said = STATUS_OF_OUTCOME.get(outcome or "", Status.SENT)
        here = Status(status)
        result.here[here] += 1
        result.per_receipt[said] += 1
        if here != said:
            result.differences.append(
                Difference(uuid, nama, mask_nik(nik), here, said, status_reason or reason or "")
            )
    return result


def print_reconciliation(
    ctx: AppContext, *, actor: User, batch: str, paper: str = "a4", output: Path | None = None
) -> PrintedFile:
    """Print the one-page reconciliation of ``batch``."""
    require(actor, Perm.PRINT)
    size = paper_of(paper)
    with ctx.db.reader() as session:
        ledger = batch_names.find(session, batch)
        if ledger is None:
            raise UserError(RECEIPT_NO_BATCH, batch=batch)
        recon = _reconcile(session, ledger)
        region = office_region(session, ctx.office.kode if ctx.office else ledger.office_kode)
    statuses = [s for s in ORDER if recon.here[s] or recon.per_receipt[s]] or [Status.SENT]
    doc = Page(
        region=region,
        office_name=office_title(ctx.office) if ctx.office else "",
        batch_code=recon.batch,
        at_sender=recon.at_sender,
        printed_on=today_wita(),
        receipts=recon.receipts,
        counts=tuple(
            ReconciliationCount(s.value, recon.here[s], recon.per_receipt[s]) for s in statuses
        ),
        differences=tuple(
            ReconciliationDifference(d.nama, d.nik_masked, d.here.value, d.receipt.value, d.reason)
            for d in recon.differences
        ),
    )
    target = output or print_dir(ctx) / f"REKONSILIASI-{recon.batch}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            audit.record(
                session,
                actor,
                "print.reconciliation",
                "batch",
                ledger.doc_uuid,
                {"batch": recon.batch, "agree": recon.agree},
            )

    pages = write_pdf(target, lambda tmp: page.render(doc, tmp, size), record)
    return PrintedFile(Path(target), pages)
