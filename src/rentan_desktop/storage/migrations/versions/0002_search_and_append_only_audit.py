"""Name search index (FTS5 trigram) and an append-only audit trail.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Note for later migrations: never rebuild ``registrant`` or ``audit_event`` with batch mode (it drops
these triggers); SQLite's plain ADD COLUMN is enough for new columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TRIGGERS = (
    """CREATE TRIGGER registrant_fts_ai AFTER INSERT ON registrant BEGIN
         INSERT INTO registrant_fts(rowid, nama) VALUES (new.id, new.nama);
       END""",
    """CREATE TRIGGER registrant_fts_ad AFTER DELETE ON registrant BEGIN
         INSERT INTO registrant_fts(registrant_fts, rowid, nama) VALUES ('delete', old.id, old.nama);
       END""",
    """CREATE TRIGGER registrant_fts_au AFTER UPDATE OF nama ON registrant BEGIN
         INSERT INTO registrant_fts(registrant_fts, rowid, nama) VALUES ('delete', old.id, old.nama);
         INSERT INTO registrant_fts(rowid, nama) VALUES (new.id, new.nama);
       END""",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
         SELECT RAISE(ABORT, 'audit trail is append-only');
       END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
         SELECT RAISE(ABORT, 'audit trail is append-only');
       END""",
)


def upgrade() -> None:
    # Trigram tokens make "contains" searches on names use an index instead of scanning every row.
    op.execute(
        "CREATE VIRTUAL TABLE registrant_fts USING fts5("
        "nama, content='registrant', content_rowid='id', tokenize='trigram')"
    )
    for statement in _TRIGGERS:
        op.execute(statement)
    op.execute("INSERT INTO registrant_fts(registrant_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for name in (
        "audit_event_no_delete",
        "audit_event_no_update",
        "registrant_fts_au",
        "registrant_fts_ad",
        "registrant_fts_ai",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS registrant_fts")
