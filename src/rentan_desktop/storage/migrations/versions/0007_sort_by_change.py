"""Index for sorting the registrant list by last change ("Diubah").

Revision ID: 0007_sort_by_change
Revises: 0006_overview
Create Date: 2026-11-22

Without it, a page of the list sorted by last change scans the whole table (seconds at 1,000,000 rows).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007_sort_by_change"
down_revision: str | None = "0006_overview"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_registrant_updated_at", "registrant", ["updated_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_registrant_updated_at", "registrant")
