"""legacy import: imports, imported rows, mapping profiles, duplicate decisions, quality snapshots

Revision ID: 0005_legacy
Revises: 0004_printing
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from rentan_desktop.storage.types import UTCDateTime

revision: str = "0005_legacy"
down_revision: str | None = "0004_printing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sa.String()


def upgrade() -> None:
    op.create_table(
        "legacy_import",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", S, nullable=False, unique=True),
        sa.Column("file_name", S, nullable=False),
        sa.Column("file_sha256", S, nullable=False),
        sa.Column("sheet", S, nullable=False),
        sa.Column("profile", S, nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_refused", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("created_by", S, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_legacy_import_file_sha256", "legacy_import", ["file_sha256"])
    op.create_table(
        "legacy_row",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("row_key", S, nullable=False, unique=True),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("legacy_import.id"), nullable=False),
        sa.Column("registrant_uuid", S, nullable=False),
    )
    op.create_index("ix_legacy_row_import_id", "legacy_row", ["import_id"])
    op.create_index("ix_legacy_row_registrant_uuid", "legacy_row", ["registrant_uuid"])
    op.create_table(
        "legacy_profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", S, nullable=False, unique=True),
        sa.Column("data", S, nullable=False),
        sa.Column("updated_by", S, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "duplicate_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", S, nullable=False, unique=True),
        sa.Column("cluster_key", S, nullable=False),
        sa.Column("members", S, nullable=False),
        sa.Column("decision", S, nullable=False),
        sa.Column("keep_uuid", S, nullable=True),
        sa.Column("fields", S, nullable=False),
        sa.Column("reason", S, nullable=False),
        sa.Column("decided_by", S, nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_duplicate_decision_cluster_key", "duplicate_decision", ["cluster_key"])
    op.create_table(
        "quality_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("desa_kode", S, nullable=False),
        sa.Column("code", S, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_quality_snapshot_taken", "quality_snapshot", ["taken_at", "desa_kode"])


def downgrade() -> None:
    op.drop_table("quality_snapshot")
    op.drop_table("duplicate_decision")
    op.drop_table("legacy_profile")
    op.drop_table("legacy_row")
    op.drop_table("legacy_import")
