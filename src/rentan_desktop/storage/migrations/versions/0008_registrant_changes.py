"""Correction values kept outside the audit trail, so retention can erase them.

Revision ID: 0008_registrant_changes
Revises: 0007_sort_by_change
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_registrant_changes"
down_revision: str | None = "0007_sort_by_change"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registrant_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registrant_uuid", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old_value", sa.String(), nullable=True),
        sa.Column("new_value", sa.String(), nullable=True),
    )
    op.create_index(
        "ix_registrant_change_registrant_uuid", "registrant_change", ["registrant_uuid"]
    )


def downgrade() -> None:
    op.drop_index("ix_registrant_change_registrant_uuid", "registrant_change")
    op.drop_table("registrant_change")
