"""Index for the possible-duplicate candidates of a save: same desa, name starting alike.

Revision ID: 0010_duplicate_candidates
Revises: 0009_list_filter_indexes
Create Date: 2026-11-22

Every save (and every pause while typing a name) looks for records in the same desa whose
normalised name starts with the same two letters. Without ``(desa_kode, name_norm)`` SQLite reads
every row of the desa (about 1,000 at 150,000 registrants), most of a save's time; with it the
look-up is one short index range that never touches the table.

A plain CREATE INDEX: the registrant table keeps its triggers (no batch rebuild).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_duplicate_candidates"
down_revision: str | None = "0009_list_filter_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_registrant_desa_name", "registrant", ["desa_kode", "name_norm"])


def downgrade() -> None:
    op.drop_index("ix_registrant_desa_name", "registrant")
