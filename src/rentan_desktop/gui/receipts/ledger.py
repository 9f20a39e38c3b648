"""The batch ledger as the receipts page shows it (no Qt), from services.receipts.ledger.

Batches this office imported, with how many receipts it made for each, and the batches it sent, with
whether a receipt came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rentan_desktop.services import receipts
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


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


def batches(ctx: AppContext, actor: User, direction: str) -> list[LedgerRow]:
    """Batches imported here (``in``) or sent from here (``out``), newest first.

    For ``in`` batches ``receipts`` counts the receipts made here; for ``out`` batches, the
    receipts imported from the coordinator.
    """
    made: dict[str, int] = {}
    other = "out" if direction == "in" else "in"
    for r in receipts.ledger(ctx, actor=actor, kind="receipt", direction=other):
        if r.batch_uuid:
            made[r.batch_uuid] = made.get(r.batch_uuid, 0) + 1
    rows = receipts.ledger(ctx, actor=actor, kind="batch", direction=direction)
    rows.sort(key=lambda r: r.recorded_at, reverse=True)
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
