"""Bulk insert of validated registrations as drafts (template and legacy imports).

One executemany on the writer connection plus one chained audit event per record: the ORM's
per-object work would take minutes at 150,000 rows. Runs inside the caller's transaction.
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
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

_SQL = (
    "INSERT INTO registrant (uuid, version, nik, no_kk, nama, name_norm, tempat_lahir, tanggal_lahir,"
    " jenis_kelamin, nama_ibu, alamat, rt, rw, desa_kode, kecamatan_kode, no_hp, pekerjaan_kode,"
    " penghasilan, sumber_dana_id, periode, status, status_reason, nik_verifikasi, notes, warnings,"
    " origin_office, origin_batch, created_by, created_at, updated_by, updated_at) VALUES"
    " (?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'draft','','belum',?,?,?,?,?,?,?,?)"
)


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
    rows: list[tuple[object, ...]] = []
    events: list[tuple[str | None, dict[str, Any]]] = []
    for c, warnings, detail in items:
        uuid = str(uuidlib.uuid4())
        uuids.append(uuid)
        rows.append(
            (
                uuid,
                c.nik,
                c.no_kk,
                c.nama,
                c.name_norm,
                c.tempat_lahir,
                c.tanggal_lahir.isoformat(),
                c.jenis_kelamin,
                c.nama_ibu,
                c.alamat,
                c.rt,
                c.rw,
                c.desa_kode,
                c.desa_kode[:6],
                c.no_hp,
                c.pekerjaan_kode,
                c.penghasilan,
                c.sumber_dana_id,
                periode,
                c.notes,
                json.dumps(list(warnings)),
                office_kode,
                origin_batch,
                actor.username,
                now,
                actor.username,
                now,
            )
        )
        events.append((uuid, {"status": "draft", **detail}))
    con = session.connection().connection.driver_connection
    con.executemany(_SQL, rows)  # type: ignore[union-attr]
    audit.record_many(session, actor, "registrant.create", "registrant", events)
    return uuids
