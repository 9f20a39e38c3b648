"""The hash-chained audit trail: append one event per change; verify that history was not rewritten."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain.roles import Actor
from rentan_desktop.storage.models import AuditEvent
from rentan_desktop.storage.types import utcnow

GENESIS = "0" * 64


def canonical(detail: Any) -> str:
    """Deterministic JSON (sorted keys, no spaces, UTF-8) so the same detail always hashes the same."""
    return json.dumps(
        detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def event_hash(
    prev_hash: str,
    ts: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    detail: str,
) -> str:
    payload = canonical(
        [
            prev_hash,
            ts.isoformat(timespec="microseconds"),
            actor,
            action,
            entity,
            entity_uuid or "",
            detail,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(session: Session) -> str:
    """Hash of the newest event (the chain head anchored in signed batch manifests)."""
    row = session.exec(text(_HEAD)).first()  # type: ignore[call-overload]
    return row[0] if row else GENESIS


_HEAD = "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"
_INSERT = (
    "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail, prev_hash, hash)"
    " VALUES (?,?,?,?,?,?,?,?)"
)


def _row(
    prev: str, name: str, action: str, entity: str, entity_uuid: str | None, detail: dict[str, Any]
) -> tuple[str, str, str, str, str | None, str, str, str]:
    """One stored event chained onto ``prev``, as the columns of ``audit_event`` hold it."""
    ts = utcnow()
    body = canonical(detail)
    digest = event_hash(prev, ts, name, action, entity, entity_uuid, body)
    return (ts.isoformat(timespec="microseconds"), name, action, entity, entity_uuid, body, prev, digest)


def append(
    con: sqlite3.Connection,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_uuid: str | None = None,
    detail: dict[str, Any] | None = None,
) -> str:
    """:func:`record` on a plain sqlite3 connection (the lean save path); returns the new head hash.

    The caller holds the writer's transaction, so reading the head and appending cannot interleave
    with another writer.
    """
    name = actor if isinstance(actor, str) else actor.username
    found = con.execute(_HEAD).fetchone()
    row = _row(found[0] if found else GENESIS, name, action, entity, entity_uuid, detail or {})
    con.execute(_INSERT, row)
    return row[-1]


def record(
    session: Session,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_uuid: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event inside the caller's transaction (so it commits or vanishes with the change)."""
    name = actor if isinstance(actor, str) else actor.username
    ts = utcnow()
    body = canonical(detail or {})
    prev = head(session)
    event = AuditEvent(
        ts=ts,
        actor=name,
        action=action,
        entity=entity,
        entity_uuid=entity_uuid,
        detail=body,
        prev_hash=prev,
        hash=event_hash(prev, ts, name, action, entity, entity_uuid, body),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify_chain(session: Session) -> ChainReport:
    """Recompute every link; report the first event whose hash or back-link does not match."""
    prev = GENESIS
    count = 0
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, ts, actor, action, entity, entity_uuid, detail, prev_hash, hash "
            "FROM audit_event ORDER BY id"
        )
    )
    for row in rows:
        count += 1
        ident, ts, actor, action, entity, entity_uuid, detail, prev_hash, stored = row
        if prev_hash != prev:
            return ChainReport(count, ident, "prev_hash")
        moment = datetime.fromisoformat(ts)
        if event_hash(prev_hash, moment, actor, action, entity, entity_uuid, detail) != stored:
            return ChainReport(count, ident, "hash")
        prev = stored
    return ChainReport(count, None)


def record_many(
    session: Session,
    actor: Actor | str,
    action: str,
    entity: str,
    items: list[tuple[str | None, dict[str, Any]]],
) -> int:
    """Append one event per (entity_uuid, detail) in bulk (imports); same chain as :func:`record`."""
    if not items:
        return 0
    name = actor if isinstance(actor, str) else actor.username
    prev = head(session)
    rows = []
    for entity_uuid, detail in items:
        rows.append(_row(prev, name, action, entity, entity_uuid, detail))
        prev = rows[-1][-1]
    con = session.connection().connection.driver_connection
    con.executemany(_INSERT, rows)  # type: ignore[union-attr]
    return len(rows)
