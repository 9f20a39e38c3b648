"""Has anyone written since I last looked? One cheap question for views whose data another
process may change: a clerk's ``rentan add`` in a terminal, a second app on the same database,
the coordinator's second PC on the office server.

Every change the app makes is recorded in the audit trail, by whichever process makes it, in the
same transaction; the trail's highest row number therefore moves with every commit anywhere and
costs one primary-key lookup to read (on SQLite and on PostgreSQL alike), where re-reading
150,000 records on every visit to a page would cost seconds.
"""

from __future__ import annotations

from sqlalchemy import text

from rentan_desktop.services.context import AppContext


def stamp(ctx: AppContext) -> int:
    """A number that changes whenever a change is committed to the database, by any process."""
    with ctx.db.reader() as session:
        row = session.exec(text("SELECT MAX(id) FROM audit_event")).first()  # type: ignore[call-overload]
    return int(row[0] or 0) if row else 0
