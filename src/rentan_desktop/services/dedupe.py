"""The duplicate workbench: clusters of possible duplicates, side by side, and audited decisions.

Clusters come from the same blocked matching and the same scorer as the legacy import (same NIK, or
a pair the Fellegi-Sunter scorer of :mod:`rentan_desktop.domain.match_score` calls one person from
NIK, KK, birth date, sex, name, desa and mother's name; relatives are not), over every registration of
the programme period held here: within a kecamatan at a kecamatan office, across kecamatan at the
coordinator. Decisions: *keep* one record (the others become inactive as "ganda"), *merge* chosen
fields into the kept record first, or *different people* (the pairs stop showing). Each needs a
reason and is written to the audit trail; nothing is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import PurePath

from sqlalchemy import text
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.match_score import Verdict
from rentan_desktop.domain.registrant import INPUT_FIELDS
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.matching import REASON_TEXT, MatchRecord, group, matcher_of
from rentan_desktop.services import audit, concurrent, lookups
from rentan_desktop.services.active_registration import HOLDING_SQL
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.registrants import set_status_in
from rentan_desktop.storage import registrant_table, sqlite_access
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.legacy_models import DuplicateDecision
from rentan_desktop.storage.models import DuplicateDismissal, Registrant, User
from rentan_desktop.storage.types import utcnow

issues.define_all(
    {
        "dedupe.alasan": (
            "Alasan keputusan wajib diisi.",
            "A reason for the decision is required.",
        ),
        "dedupe.anggota": (
            "Pilih sedikitnya dua data dari klaster yang sama.",
            "Choose at least two records of the same cluster.",
        ),
        "dedupe.tidak_ada": (
            "Klaster {kunci} tidak ditemukan (mungkin sudah diputuskan).",
            "Cluster {kunci} not found (it may have been decided already).",
        ),
        "dedupe.simpan": (
            "Data yang dipertahankan harus salah satu anggota klaster.",
            "The record to keep must be one of the cluster's members.",
        ),
        "dedupe.kolom": (
            "Kolom {kolom} tidak bisa digabung.",
            "Field {kolom} cannot be merged.",
        ),
        "dedupe.keputusan": (
            "Keputusan harus keep, merge atau different.",
            "The decision must be keep, merge or different.",
        ),
    }
)

KEEP, MERGE, DIFFERENT = "keep", "merge", "different"
#: fields shown side by side, and the ones a merge may take from another record
# What a merge may take from another record: identity and address, not income, funder or notes.
MERGEABLE = tuple(f for f in INPUT_FIELDS if f not in ("penghasilan", "sumber_dana_id", "notes"))
FIELDS = (*MERGEABLE, "status", "origin_batch", "created_by")  # what a group shows side by side
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DupCluster:
    """Possible duplicates: member uuids (stable order), why, and whether they span kecamatan."""

    key: str
    members: tuple[str, ...]
    reasons: tuple[str, ...]
    lintas_kecamatan: bool
    names: tuple[str, ...]
    #: the scorer's verdict per linked pair (member uuids): fields that agreed and disagreed, score
    scores: tuple[tuple[str, str, Verdict], ...] = ()

    @property
    def score(self) -> float | None:
        """The weakest link's match weight."""
        return min((v.score for _, _, v in self.scores), default=None)

    def explain(self, lang: str = "id") -> list[str]:
        """One line per linked pair: ``"NAMA A — NAMA B: skor 38.2 — cocok: ...; tidak cocok: ..."``."""
        name = dict(zip(self.members, self.names, strict=True))
        return [f"{name[a]} — {name[b]}: {v.explain(lang)}" for a, b, v in self.scores]

    def as_dict(self, lang: str = "id") -> dict[str, object]:
        english = int(lang != "id")
        return {
            "key": self.key,
            "members": list(self.members),
            "names": list(self.names),
            "reasons": [REASON_TEXT[r][english] for r in self.reasons],
            "lintas_kecamatan": self.lintas_kecamatan,
            "score": None if self.score is None else round(self.score, 1),
            "pairs": [
                {"a": a, "b": b, "explanation": v.explain(lang), **v.as_dict()}
                for a, b, v in self.scores
            ],
        }


#: characters of a cluster key; a list position typed by a user is always shorter
KEY_LENGTH = 12


def cluster_key(members: Sequence[str]) -> str:
    """Stable id of a cluster: the hash of its sorted member uuids."""
    return hashlib.sha1("|".join(sorted(members)).encode()).hexdigest()[:KEY_LENGTH]


# What the workbench reads of each open record, in the order of legacy.matching.MatchRecord.
_MATCHED = (
    "uuid",
    "nik",
    "nama",
    "tanggal_lahir",
    "kecamatan_kode",
    "no_kk",
    "jenis_kelamin",
    "desa_kode",
    "nama_ibu",
)
LOAD_CHUNK = 5000  # rows read between two looks at the cancel flag


def _load(ctx: AppContext, periode: int, stop: Callable[[], bool]) -> list[tuple[str, ...]]:
    """The period's open records, read in chunks so Batal is heard during the read (reading
    150,000 rows in one go took seconds during which a cancel waited)."""
    with sqlite_access.open_reader(ctx.db) as reader:
        rows: list[tuple[str, ...]] = []
        for chunk in reader.chunks(
            registrant_table.select_sql(
                _MATCHED, f"WHERE periode = ? AND {HOLDING_SQL} ORDER BY id"
            ),
            (periode,),
            size=LOAD_CHUNK,
        ):
            if stop():
                raise UserError(codes.CANCELLED)
            rows += chunk
        return rows


def _dismissed(session: Session) -> set[frozenset[str]]:
    rows = session.exec(text("SELECT uuid_a, uuid_b FROM duplicate_dismissal")).all()  # type: ignore[call-overload]
    return {frozenset(r) for r in rows}


def find_clusters(
    ctx: AppContext,
    *,
    actor: User,
    kecamatan_kode: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[DupCluster]:
    """Every open cluster of possible duplicates (optionally only those touching one kecamatan)."""
    require(actor, Perm.REGISTRANT_VIEW)
    stop = cancelled or (lambda: False)
    rows = _load(ctx, ctx.periode(), stop)
    with ctx.db.reader() as session:
        dismissed = _dismissed(session)
    if progress:
        progress(0, 2)
    kec = {r[0]: r[4] for r in rows}
    nama = {r[0]: r[2] for r in rows}
    records = []
    for i, (u, nik, n, d, k, kk, sex, desa, ibu) in enumerate(rows):
        if i % LOAD_CHUNK == 0 and stop():
            raise UserError(codes.CANCELLED)
        records.append(
            MatchRecord(u, nik, n, date.fromisoformat(str(d)) if d else None, k, kk or None,
                        sex or None, desa or None, ibu or None)
        )  # fmt: skip
    matcher = matcher_of(records)
    at = {r.id: i for i, r in enumerate(records)}
    pairs = [
        (records[a].id, records[b].id, why)
        for (a, b), why in matcher.pairs(cancelled=stop).items()
        if frozenset((records[a].id, records[b].id)) not in dismissed
    ]
    if stop():
        raise UserError(codes.CANCELLED)
    out = []
    for c in group([r.id for r in records], pairs):
        kecs = {kec[m] for m in c.members}
        if kecamatan_kode and kecamatan_kode not in kecs:
            continue
        out.append(
            DupCluster(
                cluster_key(c.members),
                tuple(c.members),
                tuple(sorted(c.reasons)),
                len(kecs) > 1,
                tuple(nama[m] for m in c.members),
                tuple((a, b, matcher.verdict(at[a], at[b])) for a, b, _ in c.edges),
            )
        )
    if progress:
        progress(2, 2)
    return out


def get_cluster(ctx: AppContext, *, actor: User, key: str) -> DupCluster:
    """One open cluster by its key."""
    found = next((c for c in find_clusters(ctx, actor=actor) if c.key == key), None)
    if found is None:
        with ctx.db.reader() as session:
            earlier = session.exec(
                select(DuplicateDecision)
                .where(DuplicateDecision.cluster_key == key)
                .order_by(col(DuplicateDecision.id).desc())
            ).first()
            if earlier is not None:  # decided meanwhile, maybe by someone else: say who
                raise concurrent.already_decided(
                    session, concurrent.CLUSTER, earlier.decided_by, earlier.decided_at
                )
        raise UserError("dedupe.tidak_ada", kunci=key)
    return found


def side_by_side(ctx: AppContext, *, actor: User, uuids: Sequence[str]) -> list[dict[str, object]]:
    """Field-by-field comparison: one entry per field with each member's value and ``differs``."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        rows = _members(session, uuids)
    out = []
    for f in FIELDS:
        values = [_plain(getattr(r, f)) for r in rows]
        out.append({"field": f, "values": values, "differs": len(set(map(str, values))) > 1})
    return out


def value_names(ctx: AppContext, rows: Sequence[dict[str, object]]) -> dict[str, str]:
    """Names for the codes a :func:`side_by_side` comparison shows: desa and occupations by name,
    source batches by their file name."""

    def values(field: str) -> set[str]:
        found = next((r["values"] for r in rows if r["field"] == field), [])
        return {str(v) for v in found if v}  # type: ignore[attr-defined]

    out: dict[str, str] = {c.code: c.label for c in lookups.pekerjaan_choices(ctx)}
    desa = sorted(values("desa_kode"))
    if desa:
        out.update({kode: nama.title() for kode, nama in lookups.region_names(ctx, desa).items()})
    batches = values("origin_batch")
    if batches:
        with ctx.db.reader() as session:
            for row in session.exec(
                select(BatchLedger).where(col(BatchLedger.doc_uuid).in_(batches))
            ):
                out[row.doc_uuid] = PurePath(row.file_name).stem
    return out


def _members(session: Session, uuids: Sequence[str], *, lock: bool = False) -> list[Registrant]:
    query = select(Registrant).where(col(Registrant.uuid).in_(list(uuids)))
    if lock:  # in one order (by id), so two deciders of overlapping clusters cannot deadlock
        query = concurrent.locked(query.order_by(col(Registrant.id)))
    found = {r.uuid: r for r in session.exec(query)}
    missing = [u for u in uuids if u not in found]
    if missing:
        raise UserError("registrant.unknown")
    return [found[u] for u in uuids]


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class Decision:
    """What a decision did: its id, the kept record, the deactivated ones, the merged fields."""

    uuid: str
    decision: str
    kept: str | None
    deactivated: tuple[str, ...]
    merged: dict[str, list[object]]


def decide(
    ctx: AppContext,
    *,
    actor: User,
    uuids: Sequence[str],
    decision: str,
    reason: str,
    keep: str | None = None,
    take: dict[str, str] | None = None,
) -> Decision:
    """Record a workbench decision on a cluster, in one audited transaction.

    Args:
        uuids: the cluster's members the decision covers (at least two).
        decision: "keep", "merge" or "different".
        reason: why (required; shown in the history of every member).
        keep: the record that stays (keep/merge).
        take: for merge, field -> uuid of the member whose value the kept record takes.
    """
    require(actor, Perm.DUPLICATE_DECIDE)
    reason = reason.strip()
    members = list(dict.fromkeys(uuids))
    if not reason:
        raise UserError("dedupe.alasan")
    if len(members) < 2:
        raise UserError("dedupe.anggota")
    if decision not in (KEEP, MERGE, DIFFERENT):
        raise UserError("dedupe.keputusan")
    take = dict(take or {})
    if decision != DIFFERENT and keep not in members:
        raise UserError("dedupe.simpan")
    for f, source in take.items():
        if f not in MERGEABLE or source not in members:
            raise UserError("dedupe.kolom", kolom=f)
    with ctx.db.writer() as session:
        # Locked, then read afresh: a second supervisor deciding the same cluster waits here for
        # the first one's commit and then sees what it decided.
        rows = {r.uuid: r for r in _members(session, members, lock=True)}
        _refuse_if_decided(session, rows)
        merged: dict[str, list[object]] = {}
        others: list[str] = []
        if decision == DIFFERENT:
            _dismiss(session, actor, members, reason)
        else:
            assert keep is not None
            others = [u for u in members if u != keep]
            for u in others:  # first, so the kept record may take over an inactive one's NIK
                set_status_in(
                    session,
                    actor,
                    rows[u],
                    Status.INACTIVE,
                    f"ganda: {reason}",
                    {"duplicate_of": keep},
                )
            session.flush()
            if decision == MERGE:
                merged = _merge(session, actor, rows[keep], {f: rows[s] for f, s in take.items()})
        row = DuplicateDecision(
            uuid=str(uuidlib.uuid4()),
            cluster_key=cluster_key(members),
            members=json.dumps(members),
            decision=decision,
            keep_uuid=keep if decision != DIFFERENT else None,
            fields=json.dumps(take, sort_keys=True),
            reason=reason,
            decided_by=actor.username,
            decided_at=utcnow(),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "duplicate.decide",
            "duplicate_decision",
            row.uuid,
            {
                "decision": decision,
                "members": members,
                "keep": row.keep_uuid,
                "merged": merged,
                "reason": reason,
            },
        )
    return Decision(row.uuid, decision, row.keep_uuid, tuple(others), merged)


def _refuse_if_decided(session: Session, rows: dict[str, Registrant]) -> None:
    """Refuse, naming who and when, a decision on a cluster someone has decided meanwhile: a
    member already set aside as a duplicate, or every pair already called different people."""
    for uuid, row in rows.items():
        if row.status != Status.INACTIVE.value:
            continue
        earlier = session.exec(
            select(DuplicateDecision)
            .where(col(DuplicateDecision.members).contains(f'"{uuid}"'))
            .order_by(col(DuplicateDecision.id).desc())
        ).first()
        if earlier is not None:
            raise concurrent.already_decided(
                session, concurrent.CLUSTER, earlier.decided_by, earlier.decided_at
            )
    members = list(rows)
    pairs = {frozenset(p) for p in combinations(members, 2)}
    found = session.exec(
        select(DuplicateDismissal)
        .where(
            col(DuplicateDismissal.uuid_a).in_(members), col(DuplicateDismissal.uuid_b).in_(members)
        )
        .order_by(col(DuplicateDismissal.id).desc())
    ).all()
    if found and pairs <= {frozenset((d.uuid_a, d.uuid_b)) for d in found}:
        raise concurrent.already_decided(
            session, concurrent.CLUSTER, found[0].decided_by, found[0].decided_at
        )


def _dismiss(session: Session, actor: User, members: list[str], reason: str) -> None:
    done = _dismissed(session)
    for a, b in combinations(members, 2):
        if frozenset((a, b)) not in done:
            session.add(
                DuplicateDismissal(
                    uuid_a=a,
                    uuid_b=b,
                    reason=reason,
                    decided_by=actor.username,
                    decided_at=utcnow(),
                )
            )


def _merge(
    session: Session, actor: User, kept: Registrant, sources: dict[str, Registrant]
) -> dict[str, list[object]]:
    changes: dict[str, list[object]] = {}
    values: dict[str, object] = {}
    for f, src in sources.items():
        new = getattr(src, f)
        if getattr(kept, f) != new:
            changes[f] = [_plain(getattr(kept, f)), _plain(new)]
            values[f] = new
    if changes:
        values.update(
            nama=values.get("nama", kept.nama),  # the derived columns follow both
            version=kept.version + 1,
            updated_by=actor.username,
            updated_at=utcnow(),
        )
        registrant_table.update_loaded(session, kept, values)
        audit.record(
            session,
            actor,
            "registrant.update",
            "registrant",
            kept.uuid,
            {"version": kept.version, "changes": changes, "via": "duplicate.merge"},
        )
    return changes


def decisions(ctx: AppContext, *, actor: User, limit: int = 100) -> list[dict[str, object]]:
    """The latest workbench decisions, newest first."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        rows = session.exec(
            select(DuplicateDecision).order_by(DuplicateDecision.id.desc()).limit(limit)
        )  # type: ignore[union-attr]
        return [
            {
                "uuid": r.uuid,
                "cluster": r.cluster_key,
                "decision": r.decision,
                "members": json.loads(r.members),
                "keep": r.keep_uuid,
                "fields": json.loads(r.fields),
                "reason": r.reason,
                "by": r.decided_by,
                "at": r.decided_at.isoformat(),
            }
            for r in rows
        ]
