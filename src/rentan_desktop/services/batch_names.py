"""Finding a batch in the ledger by any name a user sees for it.

Users meet a batch as its file name on the stick (``BATCH-640801-00001.xlsx``), as that name without the
extension, or as the batch UUID in a manifest or receipt; every command that takes a batch accepts each.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from rentan_desktop.io.batch_files import batch_stem
from rentan_desktop.storage.batch_models import BatchLedger


def names_of(row: BatchLedger) -> set[str]:
    """Every spelling of the batch a user may type, upper-cased."""
    return {
        row.doc_uuid.upper(),
        row.file_name.upper(),
        Path(row.file_name).stem.upper(),
        batch_stem(row.office_kode, row.seq).upper(),
    }


def find(session: Session, name: str, *, direction: str | None = None) -> BatchLedger | None:
    """The batch (not receipt) ledger row called ``name``, optionally only those sent or received."""
    wanted = name.strip().upper()
    query = select(BatchLedger).where(BatchLedger.kind == "batch")
    if direction is not None:
        query = query.where(BatchLedger.direction == direction)
    by_uuid = session.exec(query.where(BatchLedger.doc_uuid == name.strip())).first()
    if by_uuid is not None:
        return by_uuid
    return next((row for row in session.exec(query).all() if wanted in names_of(row)), None)
