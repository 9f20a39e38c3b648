"""A keyed seal on every registrant row, checked by ``rentan audit verify``.

Revision ID: 0011_registrant_row_seal
Revises: 0010_duplicate_candidates
Create Date: 2026-12-07

``row_mac`` holds HMAC-SHA256 (with the audit key of the office key store) of the row's other
columns. The app keeps it current through temporary triggers on its own writer connections
(``services/audit_seal.py``), so a row edited with any other tool keeps a seal that no longer
matches. Existing rows are sealed once, with an audit event, the first time the app opens the
upgraded file (the key is not available to a migration).

A plain ADD COLUMN: the registrant table keeps its triggers (no batch rebuild).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_registrant_row_seal"
down_revision: str | None = "0010_duplicate_candidates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("registrant", sa.Column("row_mac", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("registrant", "row_mac")
