"""The keyed, hash-chained audit trail: append one event per change; verify history was not rewritten.

Each event's ``hash`` is ``k1:`` + HMAC-SHA256, under the audit key of the office key store, of
the canonical event (previous hash, time, actor, action, entity, detail). The key never enters
the database: the app's writer connections compute it through the SQL function ``rentan_mac``
that ``services/audit_seal.py`` registers on them, so whoever edits the file with another tool
cannot produce a valid event. On a PostgreSQL server the same function is a Python callable kept
in the pooled connection's ``info`` (the key must not travel to the server): the same bytes, so a
chain moved from a file verifies on the server.

On a server several PCs append at once: each transaction takes :data:`CHAIN_LOCK_KEY` (a
transaction-scoped advisory lock) before it reads the head, so two writers never chain onto the
same event; the lock ends with the transaction, after the new head is committed. Events written before the chain was keyed keep their plain SHA-256
hashes (64 hex digits); the ``audit.rekey`` event that follows them covers their head.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain.roles import Actor
from rentan_desktop.signing.key_folder import KeyFileError, audit_key, key_dir_for
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.models import AuditEvent
from rentan_desktop.storage.types import utcnow

GENESIS = "0" * 64
CHECK_EVERY = 2000  # events or rows between cancel checks of a verification
KEYED = "k1:"  # prefix of a keyed (HMAC) event hash
MAC_SQL = "SELECT rentan_mac(?)"
MAC_INFO = "rentan_mac"
KEY_DIR_INFO = "rentan_key_dir"  # a server connection's office key folder on this PC  # the key of the Python MAC in a server connection's info
# pg_advisory_xact_lock key of the audit chain's head ("RTN3").
CHAIN_LOCK_KEY = 0x52544E33
_CHAIN_LOCK = "SELECT pg_advisory_xact_lock(?)"


# json.dumps with these options builds a new encoder per call (about half of its time for an
# event's small detail); one shared encoder gives the same text. Imports write one event per row.
_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
).encode


def canonical(detail: Any) -> str:
    """Deterministic JSON (sorted keys, no spaces, UTF-8) so the same detail always hashes the same."""
    return _CANONICAL(detail)


def event_payload(
    prev_hash: str,
    ts: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    detail: str,
) -> str:
    """The canonical text an event's hash covers."""
    return _payload(
        prev_hash, ts.isoformat(timespec="microseconds"), actor, action, entity, entity_uuid, detail
    )


def _payload(
    prev_hash: str,
    ts: str,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    detail: str,
) -> str:
    """:func:`event_payload` with the time already as stored (ISO text)."""
    return _CANONICAL([prev_hash, ts, actor, action, entity, entity_uuid or "", detail])


def event_hash(
    prev_hash: str,
    ts: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    detail: str,
) -> str:
    """The unkeyed SHA-256 of an event (events written before the chain was keyed)."""
    payload = event_payload(prev_hash, ts, actor, action, entity, entity_uuid, detail)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def keyed_hash(key: bytes, payload: str) -> str:
    """``k1:`` + HMAC-SHA256 of an event payload under the audit key."""
    return KEYED + hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def head(session: Session) -> str:
    """Hash of the newest event (the chain head anchored in signed batch manifests)."""
    row = session.exec(text(_HEAD)).first()  # type: ignore[call-overload]
    return row[0] if row else GENESIS


def head_id(session: Session) -> int:
    """Id of the newest event (0 for an empty trail): with :func:`head`, the sender's position in
    its own trail, written into every batch manifest so the coordinator sees it only move on."""
    row = session.exec(text(_HEAD_ID)).first()  # type: ignore[call-overload]
    return int(row[0]) if row else 0


_HEAD = "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"
_HEAD_ID = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"
_INSERT = (
    "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail, prev_hash, hash)"
    " VALUES (?,?,?,?,?,?,?,?)"
)


def _mac(con: Any, payload: str) -> str:
    """The keyed hash of ``payload`` on this writer connection (SQL function or Python)."""
    if isinstance(con, sqlite3.Connection):
        mac = getattr(con, "rentan_mac", None)  # the writer's Python twin: no statement per event
        if mac is not None:
            return str(mac(payload))
        return str(con.execute(MAC_SQL, (payload,)).fetchone()[0])
    return str(con.info[MAC_INFO](payload))


def _lock_chain(con: Any) -> None:
    """On a server: wait for other writers of the chain until this transaction ends (SQLite's
    single writer already serialises them)."""
    if not isinstance(con, sqlite3.Connection):
        con.execute(_CHAIN_LOCK, (CHAIN_LOCK_KEY,))


def _row(
    con: Any,
    prev: str,
    name: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    detail: dict[str, Any],
) -> tuple[str, str, str, str, str | None, str, str, str]:
    """One stored event chained onto ``prev``, as the columns of ``audit_event`` hold it."""
    ts = utcnow().isoformat(timespec="microseconds")
    body = _CANONICAL(detail)
    payload = _payload(prev, ts, name, action, entity, entity_uuid, body)
    digest = _mac(con, payload)
    return (
        ts,
        name,
        action,
        entity,
        entity_uuid,
        body,
        prev,
        digest,
    )


def append(
    con: Any,
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
    _lock_chain(con)
    found = con.execute(_HEAD).fetchone()
    row = _row(con, found[0] if found else GENESIS, name, action, entity, entity_uuid, detail or {})
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
    con = driver_of(session)
    _lock_chain(con)
    ts = utcnow()
    body = canonical(detail or {})
    prev = head(session)
    payload = event_payload(prev, ts, name, action, entity, entity_uuid, body)
    event = AuditEvent(
        ts=ts,
        actor=name,
        action=action,
        entity=entity,
        entity_uuid=entity_uuid,
        detail=body,
        prev_hash=prev,
        hash=_mac(con, payload),
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


def key_for(session: Session) -> bytes | None:
    """The audit key of the database ``session`` reads (None when none was ever made or it is
    still sealed)."""
    folder = session.connection().info.get(KEY_DIR_INFO)
    path = session.get_bind().url.database
    if folder is None and path:
        folder = key_dir_for(Path(path))
    if folder is None:
        return None
    try:
        return audit_key(Path(folder))
    except KeyFileError:
        return None


def verify_chain(
    session: Session, key: bytes | None = None, check: Callable[[], None] | None = None
) -> ChainReport:
    """Recompute every link; report the first event whose hash or back-link does not match.

    Plain SHA-256 events may only come before the first keyed one (``downgrade`` otherwise);
    keyed events are checked with ``key`` (by default this database's audit key, see
    ``services.audit_seal``); keyed events made under an earlier key that is no longer on this
    PC cannot be vouched for (``old_key``). ``check`` is called every few thousand events and may
    raise to stop (the GUI's Batal).
    """
    if key is None:
        key = key_for(session)
    key_id = audit_seal_key_id(key) if key else ""
    # Keyed events before the last re-key to the current key were made under another key.
    current_from = None
    for ident, detail in session.exec(
        text(  # type: ignore[call-overload]
            "SELECT id, detail FROM audit_event WHERE action = 'audit.rekey' ORDER BY id DESC"
        )
    ):
        if json.loads(detail).get("key_id") != key_id:
            break
        current_from = ident  # the earliest re-key of the run that ends with the current key
    prev = GENESIS
    count = 0
    keyed = False
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, ts, actor, action, entity, entity_uuid, detail, prev_hash, hash "
            "FROM audit_event ORDER BY id"
        )
    )
    for row in rows:
        count += 1
        if check is not None and count % CHECK_EVERY == 0:
            check()
        ident, ts, actor, action, entity, entity_uuid, detail, prev_hash, stored = row
        if prev_hash != prev:
            return ChainReport(count, ident, "prev_hash")
        payload = event_payload(
            prev_hash, datetime.fromisoformat(ts), actor, action, entity, entity_uuid, detail
        )
        if stored.startswith(KEYED):
            keyed = True
            if key is None or current_from is None or ident < current_from:
                return ChainReport(count, ident, "old_key")
            if not hmac.compare_digest(keyed_hash(key, payload), stored):
                return ChainReport(count, ident, "hash")
        elif keyed:
            return ChainReport(count, ident, "downgrade")
        elif hashlib.sha256(payload.encode("utf-8")).hexdigest() != stored:
            return ChainReport(count, ident, "hash")
        prev = stored
    return ChainReport(count, None)


def audit_seal_key_id(key: bytes) -> str:
    """16 hex characters naming an audit key in ``audit.rekey`` events (never the key itself)."""
    return hashlib.sha256(b"rentan.audit.key-id\x00" + key).hexdigest()[:16]


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
    con = driver_of(session)
    _lock_chain(con)
    prev = head(session)
    rows = []
    for entity_uuid, detail in items:
        rows.append(_row(con, prev, name, action, entity, entity_uuid, detail))  # type: ignore[arg-type]
        prev = rows[-1][-1]
    con.executemany(_INSERT, rows)  # type: ignore[union-attr]
    return len(rows)
