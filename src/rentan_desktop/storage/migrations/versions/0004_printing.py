"""printing: RT review lists with keyed results, card print queue

Revision ID: 0004_printing
Revises: 0003_batches
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from rentan_desktop.storage.types import UTCDateTime

revision: str = "0004_printing"
down_revision: str | None = "0003_batches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sa.String()


def upgrade() -> None:
    op.create_table(
        "rt_review_list",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", S, nullable=False),
        sa.Column("desa_kode", sa.String(10), sa.ForeignKey("wilayah.kode"), nullable=False),
        sa.Column("rt", sa.String(3), nullable=False),
        sa.Column("rw", S, nullable=False),
        sa.Column("periode", sa.Integer(), nullable=False),
        sa.Column("paper", S, nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("status", S, nullable=False),
        sa.Column("created_by", S, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("keyed_by", S, nullable=True),
        sa.Column("keyed_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_rt_review_list_code", "rt_review_list", ["code"], unique=True)
    op.create_table(
        "rt_review_row",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("list_id", sa.Integer(), sa.ForeignKey("rt_review_list.id"), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("registrant_uuid", S, nullable=False),
        sa.Column("result", S, nullable=True),
        sa.Column("correction", S, nullable=False),
        sa.Column("outcome", S, nullable=False),
        sa.Column("keyed_by", S, nullable=True),
        sa.Column("keyed_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("list_id", "row_no", name="uq_rt_review_row_no"),
    )
    op.create_index("ix_rt_review_row_list_id", "rt_review_row", ["list_id"])
    op.create_index("ix_rt_review_row_registrant_uuid", "rt_review_row", ["registrant_uuid"])
    op.create_table(
        "card_print",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registrant_uuid", S, nullable=False),
        sa.Column("kpj", S, nullable=False),
        sa.Column("coverage_start", sa.Date(), nullable=False),
        sa.Column("coverage_end", sa.Date(), nullable=False),
        sa.Column("token", S, nullable=False),
        sa.Column("state", S, nullable=False),
        sa.Column("requested_by", S, nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("printed_by", S, nullable=True),
        sa.Column("printed_at", UTCDateTime(), nullable=True),
        sa.Column("print_job", S, nullable=True),
        sa.Column("handed_over_on", sa.Date(), nullable=True),
        sa.Column("receiver", S, nullable=False),
        sa.Column("handed_over_by", S, nullable=True),
    )
    op.create_index("ix_card_print_registrant_uuid", "card_print", ["registrant_uuid"])
    op.create_index("ix_card_print_state", "card_print", ["state", "id"])


def downgrade() -> None:
    op.drop_table("card_print")
    op.drop_table("rt_review_row")
    op.drop_table("rt_review_list")
