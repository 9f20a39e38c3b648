"""Index for the registrant list filtered by desa in its default order.

Revision ID: 0009_list_filter_indexes
Revises: 0008_registrant_changes
Create Date: 2026-11-22

The list's first page filtered by one desa (``desa_kode = ? ORDER BY id``) otherwise collects and
sorts every row of that desa (thousands at 1,000,000 registrants), because ``ix_registrant_desa_rt``
puts RT between the desa and the id. With ``(desa_kode, id)`` the page is the first 100 entries of
one index range, also when a status, pekerjaan or funder filter is added (the list model walks this
index and skips the rows the other filters exclude), and a sort by desa reads in index order.

A plain CREATE INDEX: the registrant table keeps its triggers (no batch rebuild).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009_list_filter_indexes"
down_revision: str | None = "0008_registrant_changes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_registrant_desa_id", "registrant", ["desa_kode", "id"])


def downgrade() -> None:
    op.drop_index("ix_registrant_desa_id", "registrant")
