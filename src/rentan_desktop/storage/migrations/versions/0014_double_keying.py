"""Double keying of a sample of paper forms (issue 15 point 6).

Revision ID: 0014_double_keying
Revises: 0013_nik_tail_index
Create Date: 2026-12-07

Three new tables (a sample, its forms, the fields on which two keyings differ); nothing existing
changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from rentan_desktop.storage.types import UTCDateTime

revision: str = "0014_double_keying"
down_revision: str | None = "0013_nik_tail_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "double_key_sample",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(), nullable=False, unique=True),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "double_key_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sample_id", sa.Integer(), sa.ForeignKey("double_key_sample.id"), nullable=False),
        sa.Column("registrant_uuid", sa.String(), nullable=False),
        sa.Column("first_operator", sa.String(), nullable=False),
        sa.Column("first_version", sa.Integer(), nullable=False),
        sa.Column("first_keyed_at", UTCDateTime(), nullable=False),
        sa.Column("first_values", sa.String(), nullable=False),
        sa.Column("second_operator", sa.String(), nullable=True),
        sa.Column("second_values", sa.String(), nullable=True),
        sa.Column("second_keyed_at", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("fields_compared", sa.Integer(), nullable=False),
        sa.Column("resolved_by", sa.String(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
    )
    for column in ("sample_id", "registrant_uuid", "first_operator", "second_operator", "status"):
        op.create_index(f"ix_double_key_item_{column}", "double_key_item", [column])
    op.create_table(
        "double_key_diff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("double_key_item.id"), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("first_value", sa.String(), nullable=True),
        sa.Column("second_value", sa.String(), nullable=True),
        sa.Column("chosen", sa.String(), nullable=True),
    )
    op.create_index("ix_double_key_diff_item_id", "double_key_diff", ["item_id"])


def downgrade() -> None:
    op.drop_table("double_key_diff")
    op.drop_table("double_key_item")
    op.drop_table("double_key_sample")
