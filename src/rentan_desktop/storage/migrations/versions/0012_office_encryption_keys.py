"""The X25519 encryption key of each trusted office, for batches sealed to it.

Revision ID: 0012_office_encryption_keys
Revises: 0011_registrant_row_seal
Create Date: 2026-12-07

Batches on USB sticks are encrypted to the recipient office (issue 13). The recipient's X25519
public key arrives in its public key file (schema 2), signed by the same key whose fingerprint
the coordinator compared, and is kept beside the signing key it belongs to. Keys registered from
schema 1 files have none ('') until the office sends a new key file.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_office_encryption_keys"
down_revision: str | None = "0011_registrant_row_seal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "trusted_key",
        sa.Column("encryption_key", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("trusted_key") as batch:
        batch.drop_column("encryption_key")
