"""Index on the last four digits of the NIK: the digits a masked NIK shows in lists and on cards.

Revision ID: 0013_nik_tail_index
Revises: 0012_office_encryption_keys
Create Date: 2026-12-07

A clerk looking at "6408********0001" in the list types the four digits they can see. The search
matches them against the NIK's end (``substr(nik, -4)``, services.search); without an index on that
expression every search read the whole table on the GUI thread (0.4-0.7 s at 150,000 records on a
busy office PC); with it SQLite answers from two index ranges (prefix OR tail).

On PostgreSQL ``substr`` counts a negative start from the front, so the same index is made on
``right(nik, 4)``, the expression server-side searches use.

A plain CREATE INDEX: the registrant table keeps its triggers (no batch rebuild).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013_nik_tail_index"
down_revision: str | None = "0012_office_encryption_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_registrant_nik_tail ON registrant (right(nik, 4))"
        )
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_registrant_nik_tail ON registrant (substr(nik, -4))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_registrant_nik_tail")
