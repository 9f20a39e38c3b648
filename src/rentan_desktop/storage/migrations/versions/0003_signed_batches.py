"""signed batches: trusted keys, batch/receipt ledger, batch items, conflicts, duplicate flags

Revision ID: 0003_batches
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from rentan_desktop.storage.types import UTCDateTime

revision: str = "0003_batches"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sa.String()


def upgrade() -> None:
    op.create_table(
        "trusted_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("office_kode", S, nullable=False),
        sa.Column("office_nama", S, nullable=False),
        sa.Column("public_key", S, nullable=False),
        sa.Column("key_id", S, nullable=False),
        sa.Column("fingerprint", S, nullable=False),
        sa.Column("registered_by", S, nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.Column("revoked_by", S, nullable=True),
        sa.Column("revoke_reason", S, nullable=False),
        sa.UniqueConstraint("office_kode", "key_id", name="uq_trusted_key_office_key"),
    )
    op.create_index("ix_trusted_key_office_kode", "trusted_key", ["office_kode"])
    op.create_index("ix_trusted_key_key_id", "trusted_key", ["key_id"])

    op.create_table(
        "batch_ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", S, nullable=False),
        sa.Column("direction", S, nullable=False),
        sa.Column("doc_uuid", S, nullable=False),
        sa.Column("office_kode", S, nullable=False),
        sa.Column("recipient_kode", S, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("doc_sha256", S, nullable=False),
        sa.Column("prev_sha256", S, nullable=False),
        sa.Column("batch_uuid", S, nullable=True),
        sa.Column("key_id", S, nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("file_name", S, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", S, nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", S, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.UniqueConstraint("kind", "direction", "office_kode", "seq", name="uq_ledger_seq"),
        sa.UniqueConstraint("kind", "direction", "doc_uuid", name="uq_ledger_doc"),
    )
    op.create_index("ix_batch_ledger_doc_uuid", "batch_ledger", ["doc_uuid"])
    op.create_index("ix_batch_ledger_batch_uuid", "batch_ledger", ["batch_uuid"])

    op.create_table(
        "batch_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ledger_id", sa.Integer(), sa.ForeignKey("batch_ledger.id"), nullable=False),
        sa.Column("registrant_uuid", S, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outcome", S, nullable=False),
        sa.Column("reason", S, nullable=False),
    )
    op.create_index("ix_batch_item_ledger_id", "batch_item", ["ledger_id"])
    op.create_index("ix_batch_item_uuid", "batch_item", ["registrant_uuid", "version"])

    op.create_table(
        "batch_conflict",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", S, nullable=False, unique=True),
        sa.Column("kind", S, nullable=False),
        sa.Column("batch_uuid", S, nullable=False),
        sa.Column("incoming_uuid", S, nullable=False),
        sa.Column("incoming_version", sa.Integer(), nullable=False),
        sa.Column("incoming", S, nullable=False),
        sa.Column("existing_uuid", S, nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("decision", S, nullable=False),
        sa.Column("outcome", S, nullable=False),
        sa.Column("reason", S, nullable=False),
        sa.Column("decided_by", S, nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    for column in ("batch_uuid", "incoming_uuid", "existing_uuid", "status"):
        op.create_index(f"ix_batch_conflict_{column}", "batch_conflict", [column])

    op.create_table(
        "duplicate_flag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registrant_uuid", S, nullable=False),
        sa.Column("other_uuid", S, nullable=False),
        sa.Column("batch_uuid", S, nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reasons", S, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_duplicate_flag_registrant_uuid", "duplicate_flag", ["registrant_uuid"])
    op.create_index("ix_duplicate_flag_other_uuid", "duplicate_flag", ["other_uuid"])


def downgrade() -> None:
    for table in ("duplicate_flag", "batch_conflict", "batch_item", "batch_ledger", "trusted_key"):
        op.drop_table(table)
