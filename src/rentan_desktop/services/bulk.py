"""Bulk insert of validated registrations as drafts (template and legacy imports).

One executemany through the registrant row's owner (storage.registrant_table) plus one chained
audit event per record: the ORM's per-object work would take minutes at 150,000 rows. Runs inside
the caller's transaction.
"""

from __future__ import annotations

import gc
import json
import uuid as uuidlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlmodel import Session

from rentan_desktop.domain.registrant import CleanRegistrant
from rentan_desktop.services import audit
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while an import builds its rows.

    A 150,000-row import keeps millions of small objects alive (cells, issues, records) and makes
    no reference cycles; the collector would walk them again and again as they pile up (an eighth
    of the CPU at 20,000 rows, more as the file grows). Plain reference counting still frees
    everything; the collector resumes on the way out, whatever happens. Nested use is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def insert_drafts(
    session: Session,
    actor: User,
    items: Sequence[tuple[CleanRegistrant, Sequence[str], dict[str, Any]]],
    *,
    office_kode: str,
    periode: int,
    origin_batch: str | None = None,
) -> list[str]:
    """Insert ``(record, warning codes, audit detail)`` items as drafts; returns their new uuids."""
    now = utcnow().isoformat(timespec="microseconds")
    uuids: list[str] = []
    rows = registrant_table.BulkInsert(
        session.connection(),
        fixed={
            "periode": periode,
            "origin_office": office_kode,
            "origin_batch": origin_batch,
            "created_by": actor.username,
            "created_at": now,
            "updated_by": actor.username,
            "updated_at": now,
        },
    )
    events: list[tuple[str | None, dict[str, Any]]] = []
    for c, warnings, detail in items:
        uuid = str(uuidlib.uuid4())
        uuids.append(uuid)
        rows.add_clean(c, uuid=uuid, warnings=json.dumps(list(warnings)))
        events.append((uuid, {"status": "draft", **detail}))
    rows.flush()
    audit.record_many(session, actor, "registrant.create", "registrant", events)
    return uuids
