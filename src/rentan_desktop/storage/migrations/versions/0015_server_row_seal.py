"""Row seals on a PostgreSQL server: the app's own connections learn which rows to seal.

Revision ID: 0015_server_row_seal
Revises: 0014_double_keying
Create Date: 2026-12-07

On SQLite the seal (``registrant.row_mac``, migration 0011) is kept current by temporary triggers
on the app's writer connections, calling a keyed SQL function that exists only there. A server
has no such per-connection functions, and the audit key must never reach it. Instead two
statement-level triggers note the ids of inserted and updated registrant rows in the temporary
table ``rentan_touched``, which only the app's own connections create (storage/server.py); the
app seals those rows in Python just before its transaction commits (services/audit_seal.py).
A row written by any other program is not noted (its connection has no such table), so it keeps
a seal that no longer matches, exactly as on SQLite.

Nothing changes on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0015_server_row_seal"
down_revision: str | None = "0014_double_keying"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PG_UPGRADE = (
    """CREATE FUNCTION rentan_note_touched() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF to_regclass('pg_temp.rentan_touched') IS NOT NULL THEN
           INSERT INTO pg_temp.rentan_touched (id) SELECT id FROM touched_rows
             ON CONFLICT DO NOTHING;
         END IF;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER registrant_touched_insert AFTER INSERT ON registrant
         REFERENCING NEW TABLE AS touched_rows
         FOR EACH STATEMENT EXECUTE FUNCTION rentan_note_touched()""",
    """CREATE TRIGGER registrant_touched_update AFTER UPDATE ON registrant
         REFERENCING NEW TABLE AS touched_rows
         FOR EACH STATEMENT EXECUTE FUNCTION rentan_note_touched()""",
)
_PG_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS registrant_touched_update ON registrant",
    "DROP TRIGGER IF EXISTS registrant_touched_insert ON registrant",
    "DROP FUNCTION IF EXISTS rentan_note_touched()",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_DOWNGRADE:
            op.execute(statement)
