"""Tables for signed batches: trusted keys, the batch/receipt ledger, batch items, conflicts, flags.

The ledger is the coordinator's memory of which batch numbers each office has sent (replay and
gap detection) and the kecamatan's memory of what it sent and what was acknowledged, so it is
append-only in spirit: rows are added and their status advances, nothing is deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rentan_desktop.storage.types import UTCDateTime


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class TrustedKeyRow(SQLModel, table=True):
    """A public key this office trusts for signatures made by ``office_kode``."""

    __tablename__ = "trusted_key"
    __table_args__ = (UniqueConstraint("office_kode", "key_id", name="uq_trusted_key_office_key"),)

    id: int | None = Field(default=None, primary_key=True)
    office_kode: str = Field(index=True)
    office_nama: str = ""
    public_key: str  # base64 of the 32 raw bytes
    key_id: str = Field(index=True)
    fingerprint: str
    # X25519 public key (base64) batches for this office are sealed to; '' = none sent yet.
    encryption_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    registered_by: str
    registered_at: datetime = Field(sa_column=_ts())
    revoked_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    revoked_by: str | None = None
    revoke_reason: str = ""


class BatchLedger(SQLModel, table=True):
    """One signed document sent or received: a batch (``kind='batch'``) or a receipt."""

    __tablename__ = "batch_ledger"
    __table_args__ = (
        UniqueConstraint("kind", "direction", "office_kode", "seq", name="uq_ledger_seq"),
        UniqueConstraint("kind", "direction", "doc_uuid", name="uq_ledger_doc"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str  # batch / receipt
    direction: str  # out (made here) / in (imported here)
    doc_uuid: str = Field(index=True)
    office_kode: str  # the signing office
    recipient_kode: str = ""  # '' = any coordinator
    seq: int
    doc_sha256: str  # SHA-256 of the canonical manifest/receipt bytes
    prev_sha256: str = ""  # batches: the office's previous batch (hash chain)
    batch_uuid: str | None = Field(default=None, index=True)  # receipts: the batch acknowledged
    key_id: str
    row_count: int = 0
    file_name: str = ""
    created_at: datetime = Field(sa_column=_ts())  # as stated in the signed document
    created_by: str = ""
    recorded_at: datetime = Field(sa_column=_ts())  # when this office wrote or imported it
    recorded_by: str
    status: str = "done"  # out batches: sent -> acknowledged


class BatchItem(SQLModel, table=True):
    """One record version carried by a batch (sent or imported) and what became of it."""

    __tablename__ = "batch_item"
    __table_args__ = (Index("ix_batch_item_uuid", "registrant_uuid", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    ledger_id: int = Field(foreign_key="batch_ledger.id", index=True)
    registrant_uuid: str
    version: int
    outcome: str = ""  # new / updated / unchanged / held / receipt outcomes on the kecamatan side
    reason: str = ""


class BatchConflict(SQLModel, table=True):
    """An incoming record held for a supervisor: same NIK as another registration, or both edited."""

    __tablename__ = "batch_conflict"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    kind: str  # nik / edited
    batch_uuid: str = Field(index=True)
    incoming_uuid: str = Field(index=True)
    incoming_version: int
    incoming: str  # canonical JSON object of the incoming row's texts
    existing_uuid: str = Field(index=True)
    status: str = Field(default="open", index=True)  # open / decided
    decision: str = ""  # JSON {field: "incoming" | "existing"}
    outcome: str = ""  # merged / kept_existing
    reason: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    created_at: datetime = Field(sa_column=_ts())


class DuplicateFlag(SQLModel, table=True):
    """A possible duplicate across kecamatan found on import, with the reasons."""

    __tablename__ = "duplicate_flag"

    id: int | None = Field(default=None, primary_key=True)
    registrant_uuid: str = Field(index=True)
    other_uuid: str = Field(index=True)
    batch_uuid: str
    score: int
    reasons: str  # JSON list of [code, params]
    created_at: datetime = Field(sa_column=_ts())
