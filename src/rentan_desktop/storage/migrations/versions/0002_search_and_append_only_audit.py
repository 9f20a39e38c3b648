"""Name search index (FTS5 trigram) and an append-only audit trail.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

On PostgreSQL (a coordinator office's server) the same revision makes the equivalents: a pg_trgm
GIN index on ``registrant.nama`` for "contains" searches, and a trigger function that refuses any
UPDATE or DELETE of ``audit_event``.

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


# PostgreSQL: pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create
# it without being a superuser.
_PG_UPGRADE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_registrant_nama_trgm ON registrant USING gin (nama gin_trgm_ops)",
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'audit trail is append-only';
         END
       $$""",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
         FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
         FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    # TRUNCATE bypasses row triggers: refuse it as well.
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
         FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
)
_PG_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event",
    "DROP TRIGGER IF EXISTS audit_event_no_delete ON audit_event",
    "DROP TRIGGER IF EXISTS audit_event_no_update ON audit_event",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
    "DROP INDEX IF EXISTS ix_registrant_nama_trgm",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_UPGRADE:
            op.execute(statement)
        return
    # Trigram tokens make "contains" searches on names use an index instead of scanning every row.
    op.execute(
        "CREATE VIRTUAL TABLE registrant_fts USING fts5("
        "nama, content='registrant', content_rowid='id', tokenize='trigram')"
    )
    for statement in _TRIGGERS:
        op.execute(statement)
    op.execute("INSERT INTO registrant_fts(registrant_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _PG_DOWNGRADE:
            op.execute(statement)
        return
    for name in (
        "audit_event_no_delete",
        "audit_event_no_update",
        "registrant_fts_au",
        "registrant_fts_ad",
        "registrant_fts_ai",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS registrant_fts")
