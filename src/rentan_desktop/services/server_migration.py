"""Moving a coordinator office's SQLite database onto its PostgreSQL server, verified end to end.

1. The server database is brought to the newest schema (the same Alembic history as the file).
2. The file's own audit is checked first: the hash chain, every registrant row's seal and the
   anchored head (``rentan audit verify``). A file that does not verify is not moved: the server
   would otherwise start life vouching for data that was altered outside the app.
3. Every table is copied from one consistent snapshot of the file and read back from the server:
   the same number of rows and the same SHA-256 per table (storage/server_copy.py).
4. The audit chain is verified again as the server holds it, under the file's audit key, and its
   head must be the file's head.
Steps 3 and 4 run in one server transaction, committed only when all of it holds; a refusal
leaves the server database empty and the file unchanged.

5. After the commit the file records where it went (an audit event and the ``server.moved_to``
   setting), so every later ``rentan`` command on the file says that changes made there no longer
   reach the server. The server's audit chain is the file's up to that event.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, audit_seal
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing.key_folder import key_dir_for
from rentan_desktop.storage import server, server_copy
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.models import User
from rentan_desktop.storage.server import LOCAL_NAME
from rentan_desktop.storage.types import utcnow

MOVED_SETTING = "server.moved_to"
# pg_advisory_xact_lock key: one move into a server database at a time ("RTN2").
MOVE_LOCK_KEY = 0x52544E32

issues.define_all(
    {
        "server_move.source_unverified": (
            "Berkas asal tidak lolos pemeriksaan audit, jadi tidak dipindahkan: {detail}",
            "The source file does not pass the audit check, so it was not moved: {detail}",
        ),
        "server_move.chain_differs": (
            "Rantai audit di server tidak sama dengan berkas asal ({detail}); pemindahan "
            "dibatalkan, tidak ada yang dipindahkan.",
            "The audit chain on the server does not match the source file ({detail}); the move "
            "was cancelled and nothing was moved.",
        ),
        "server_move.moved_here": (
            "Perhatian: basis data ini sudah dipindahkan ke server {server} pada {when} oleh "
            "{by}; perubahan di berkas ini tidak sampai ke server.",
            "Note: this database was moved to the server {server} on {when} by {by}; changes "
            "made in this file do not reach the server.",
        ),
        "server_move.done": (
            "Dipindahkan ke {server}: {tables} tabel, {rows} baris, {registrants} data pendaftar, "
            "{events} kejadian audit; jumlah, sidik SHA-256 tiap tabel dan rantai audit cocok. "
            "Berkas asal mencatat pemindahan ini.",
            "Moved to {server}: {tables} tables, {rows} rows, {registrants} registrations, "
            "{events} audit events; counts, each table's SHA-256 and the audit chain match. The "
            "source file records this move.",
        ),
    }
)


@dataclass(frozen=True)
class MoveReport:
    server: str
    tables: list[server_copy.TableCopy]
    audit_events: int
    audit_head: str

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def rows_of(self, table: str) -> int:
        return next((t.rows for t in self.tables if t.name == table), 0)

    def message(self, lang: str | None = None) -> str:
        return issues.text(
            "server_move.done",
            lang,
            server=self.server,
            tables=len(self.tables),
            rows=self.rows,
            registrants=self.rows_of("registrant"),
            events=self.audit_events,
        )


def move_to_server(
    ctx: AppContext,
    target: ServerLocation,
    *,
    actor: User,
    progress: Callable[[str, int], None] | None = None,
    local_dir: Path | None = None,
) -> MoveReport:
    """Copy the open database ``ctx`` into the empty server database ``target`` (admin only).

    The office key folder (audit key, office key, anchored audit head) goes with it into this
    PC's folder for the server database (``local_dir``, by default the app's data folder): the
    server's chain and seals verify under the same audit key, and batches are signed with the
    same office key. Other PCs of the office get a copy of that folder (README).
    """
    require(actor, Perm.SETTINGS_MANAGE)
    server.upgrade(target)  # reachable, new enough, at the newest schema
    with ctx.db.reader() as source_session:
        seal = audit_seal.verify(ctx.db.path, source_session)
        if not seal.ok:
            raise UserError("server_move.source_unverified", detail=seal.message(ctx.language))
        key = audit.key_for(source_session)
        head = audit.head(source_session)
        snapshot = source_session.connection().connection.driver_connection
        engine = server.server_engine(target, pooled=False)
        try:
            with engine.connect() as conn, conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MOVE_LOCK_KEY})
                tables = server_copy.copy_all(
                    snapshot,  # type: ignore[arg-type]
                    conn,
                    server=target.display(),
                    progress=progress,
                )
                with Session(bind=conn) as arrived:
                    chain = audit.verify_chain(arrived, key)
                    arrived_head = audit.head(arrived)
                if not chain.ok:
                    raise UserError(
                        "server_move.chain_differs",
                        detail=f"event {chain.first_broken_id}: {chain.reason}",
                    )
                if chain.events != seal.events or arrived_head != head:
                    raise UserError(
                        "server_move.chain_differs",
                        detail=f"{seal.events} -> {chain.events} events",
                    )
        finally:
            engine.dispose()
    report = MoveReport(target.display(), tables, chain.events, head)
    _copy_keys(
        key_dir_for(ctx.db.path), key_dir_for((local_dir or target.local_dir()) / LOCAL_NAME)
    )
    _record_move(ctx, actor, report)
    return report


def _copy_keys(source: Path, target: Path) -> None:
    """The key folder's files, owner-only as they were (before the file records the move, so
    the anchored head is the server's)."""
    if not source.is_dir():
        return
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    for item in source.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)


def _record_move(ctx: AppContext, actor: User, report: MoveReport) -> None:
    """The file remembers that it was moved (after the server committed: the server's chain ends
    just before this event)."""
    note = {
        "server": report.server,
        "at": utcnow().isoformat(timespec="seconds"),
        "by": actor.username,
        "rows": report.rows,
        "audit_head": report.audit_head,
    }
    with ctx.db.writer() as session:
        audit.record(session, actor, "database.moved_to_server", "database", None, note)
        ctx.set_setting(MOVED_SETTING, note)


def moved_notice(ctx: AppContext, lang: str | None = None) -> str | None:
    """The sentence to show whenever a moved file is opened, or None."""
    note = ctx.setting(MOVED_SETTING)
    if not isinstance(note, dict):
        return None
    when = str(note.get("at", "?"))[:16].replace("T", " ")
    return issues.text(
        "server_move.moved_here",
        lang,
        server=note.get("server", "?"),
        when=when,
        by=note.get("by", "?"),
    )
