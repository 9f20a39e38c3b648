"""Plain-data view of the batch ledger for the receipts page (no Qt).

No service lists the ledger yet, so this reads it directly (read-only session): the batches this
office imported, with how many receipts it made for each, and the batches it sent, with whether
a receipt came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.batch_models import BatchLedger


@dataclass(frozen=True)
class LedgerRow:
    batch_id: str
    office: str
    seq: int
    rows: int
    file_name: str
    recorded_at: datetime
    status: str
    receipts: int


def _receipts(session, kind_direction: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts: dict[str, int] = {}
    for r in session.exec(
        select(BatchLedger).where(
            BatchLedger.kind == "receipt", BatchLedger.direction == kind_direction
        )
    ):
        if r.batch_uuid:
            counts[r.batch_uuid] = counts.get(r.batch_uuid, 0) + 1
    return counts


def batches(ctx: AppContext, direction: str) -> list[LedgerRow]:
    """Batches imported here (``in``) or sent from here (``out``), newest first.

    For ``in`` batches ``receipts`` counts the receipts made here; for ``out`` batches, the
    receipts imported from the coordinator.
    """
    with ctx.db.reader() as session:
        made = _receipts(session, "out" if direction == "in" else "in")
        rows = session.exec(
            select(BatchLedger)
            .where(BatchLedger.kind == "batch", BatchLedger.direction == direction)
            .order_by(BatchLedger.recorded_at.desc())  # type: ignore[attr-defined]
        ).all()
        return [
            LedgerRow(
                r.doc_uuid,
                r.office_kode,
                r.seq,
                r.row_count,
                r.file_name,
                r.recorded_at,
                r.status,
                made.get(r.doc_uuid, 0),
            )
            for r in rows
        ]
