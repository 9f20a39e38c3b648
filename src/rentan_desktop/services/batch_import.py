"""Verify and import signed batches at a coordinator: all or nothing per batch.

Each record keeps its UUID, origin office, version and the batch that brought it. What happens to
an incoming row:

- unknown UUID, NIK free for the period -> inserted as ``accepted`` (outcome ``new``), and compared
  with records of *other* kecamatan born on the same day: possible duplicates are flagged with
  their reasons (never merged automatically);
- unknown UUID whose NIK already holds an active registration -> held as a ``nik`` conflict;
- known UUID, version not newer than what we have -> ``unchanged`` (a re-sent correction is
  harmless);
- known UUID, newer version, not edited here since it arrived -> fields updated (``updated``);
- known UUID, newer version, but also edited here -> held as an ``edited`` conflict;
- a row the signing office may not write (a record another office owns, or a new record for
  another office's region) -> held as an ``owner`` or ``scope`` conflict (``services.ownership``),
  whatever its version: a valid signature names the sender, not what it may touch.

Conflicts wait for a supervisor, field by field (``services.conflicts``); nothing is
last-writer-wins. The whole batch runs in one transaction with the ledger check inside it, so a
failure half-way (bad row, disk full, cancel) leaves nothing imported.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain import duplicates, issues, lifecycle
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_rows import KEYS
from rentan_desktop.io.batch_xlsx import WorkbookReadError, row_location
from rentan_desktop.services import audit, batch_claim, ownership, trust
from rentan_desktop.services.batch_verify import (
    BatchFiles,
    RowsMismatch,
    VerifyReport,
    check_document,
    opened_workbook,
    signed_rows,
)
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

IMPORT_CACHE_KIB = 16 * 1024  # page cache of the import transaction, see import_batch

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

BATCH_BAD_VALUE = issues.define(
    "batch.bad_value",
    id="Baris {row}: nilai {field} '{value}' tidak dikenal di kantor ini; batch tidak diimpor.",
    en="Row {row}: the {field} value '{value}' is unknown at this office; batch not imported.",
)
_CHUNK = 2000
CHECK_EVERY = 1000  # rows between progress reports and cancel checks
_PREFILTER = 50
# The batch columns stored as they arrive (status and the derived columns are the owner's).
_TRAVELLING = tuple(
    k
    for k in KEYS
    if k in registrant_table.ROW_FIELDS
    and k not in registrant_table.STATUS_FIELDS + registrant_table.DERIVED
)
# What the classifier reads of every stored record: its version, status and owner, and the
# duplicate checks' fields (registrant_table.PERSON_FIELDS) from _PERSON_AT on.
_CLASSIFIED = (
    "version",
    "status",
    "periode",
    "kecamatan_kode",
    "origin_office",
    *registrant_table.PERSON_FIELDS,
)
_PERSON_AT = _CLASSIFIED.index("uuid")
_BORN_AT = _CLASSIFIED.index("tanggal_lahir")


class ImportAborted(Exception):
    """Raised inside the import transaction to roll it back with a user-facing reason."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.code)
        self.issue = issue


@dataclass
class ImportResult:
    """What one batch file did (or why it was refused)."""

    path: Path
    report: VerifyReport
    imported: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return self.report.errors

    @property
    def warnings(self) -> list[Issue]:
        return self.report.warnings


class Classifier:
    """In-memory view of the coordinator's records, updated as rows are applied."""

    def __init__(self, session: Session) -> None:
        conn = session.connection()
        self.records: dict[str, tuple[int, str]] = {}  # uuid -> (version, status)
        self.owner: dict[str, str] = {}  # uuid -> origin office (who may change it)
        self.sender = ""  # office that signed the batch being classified
        self.active: dict[tuple[str, int], str] = {}
        self.born: dict[str, dict[str, list[duplicates.Person]]] = {}
        for row in conn.execute(text(registrant_table.select_sql(_CLASSIFIED))):
            version, status, periode, kec, origin = row[:_PERSON_AT]
            person = registrant_table.person(row[_PERSON_AT:])
            uuid = person.key
            self.records[uuid] = (version, status)
            self.owner[uuid] = origin
            if lifecycle.holds_registration(status):
                self.active[(person.nik, periode)] = uuid
            born = row[_BORN_AT]  # ISO text from either backend; the key the batch rows carry
            if not isinstance(born, str):
                born = born.isoformat()
            self.born.setdefault(born, {}).setdefault(kec, []).append(person)
        self.seen: dict[str, int] = dict(
            conn.execute(
                text(
                    "SELECT i.registrant_uuid, max(i.version) FROM batch_item i JOIN batch_ledger l "
                    "ON l.id = i.ledger_id WHERE l.direction = 'in' AND l.kind = 'batch' "
                    "AND i.outcome != 'held' "
                    "GROUP BY i.registrant_uuid"
                )
            ).fetchall()
        )
        self.funders = dict(conn.execute(text("SELECT kode, id FROM sumber_dana")).fetchall())
        self.pekerjaan = {k for (k,) in conn.execute(text("SELECT kode FROM pekerjaan"))}
        self._conn = conn
        self._desa: dict[str, bool] = {}

    def desa_known(self, kode: str) -> bool:
        """Whether a desa code exists (looked up once per code: the region table is large)."""
        known = self._desa.get(kode)
        if known is None:
            known = (
                self._conn.execute(
                    text("SELECT 1 FROM wilayah WHERE kode = :kode AND level = 4"), {"kode": kode}
                ).first()
                is not None
            )
            self._desa[kode] = known
        return known

    def classify(self, rec: dict[str, str]) -> tuple[str, str]:
        """(outcome, existing uuid) for one incoming row; updates the in-memory view."""
        uuid, version = rec["uuid"], int(rec["version"])
        key = (rec["nik"], int(rec["periode"]))
        holder = self.active.get(key)
        known = self.records.get(uuid)
        refused = ownership.batch_refusal(self.sender, rec, self.owner.get(uuid))
        if refused is not None:
            return f"held_{refused}", uuid if known is not None else ""
        if known is None:
            if holder is not None:
                return "held_nik", holder
            self.records[uuid] = (version, Status.ACCEPTED.value)
            self.owner[uuid] = rec["origin_office"] or self.sender
            self.active[key] = uuid
            return "new", ""
        local_version, status = known
        seen = self.seen.get(uuid, local_version)
        if version <= seen:
            return "unchanged", uuid
        if local_version != seen:
            return "held_edited", uuid
        if holder is not None and holder != uuid:
            return "held_nik", holder
        self.records[uuid] = (version, status)
        self.seen[uuid] = version
        self.active[key] = uuid
        return "updated", uuid

    def flags(self, rec: dict[str, str]) -> list[duplicates.Match]:
        """Possible duplicates in other kecamatan (same birth date), and index the new record."""
        person = duplicates.Person(
            rec["uuid"],
            rec["nik"],
            rec["name_norm"],
            date.fromisoformat(rec["tanggal_lahir"]),
            rec["desa_kode"],
            rec["nama"],
            rec.get("no_kk") or None,
            rec.get("jenis_kelamin") or None,
            rec.get("nama_ibu") or None,
        )
        by_kec = self.born.setdefault(rec["tanggal_lahir"], {})
        others = [
            p for kec, people in by_kec.items() if kec != rec["kecamatan_kode"] for p in people
        ]
        by_kec.setdefault(rec["kecamatan_kode"], []).append(person)
        if len(others) > _PREFILTER:
            # Default birth dates (1 July, 31 December) gather thousands of people: let rapidfuzz's
            # C loop pick the few plausible names before the detailed comparison.
            picked = process.extract(
                person.name_norm,
                [p.name_norm for p in others],
                scorer=fuzz.token_sort_ratio,
                score_cutoff=70,
                limit=20,
            )
            others = [others[index] for _, _, index in picked]
        return duplicates.find(person, others) if others else []


def check_codes(classifier: Classifier, rec: dict[str, str], index: int) -> None:
    for key, known in (
        ("sumber_dana", classifier.funders),
        ("pekerjaan_kode", classifier.pekerjaan),
    ):
        if rec[key] not in known:
            raise ImportAborted(
                issues.error(BATCH_BAD_VALUE, row=row_location(index), field=key, value=rec[key])
            )
    if not classifier.desa_known(rec["desa_kode"]):
        raise ImportAborted(
            issues.error(
                BATCH_BAD_VALUE, row=row_location(index), field="desa_kode", value=rec["desa_kode"]
            )
        )


def _values(
    rec: dict[str, str], classifier: Classifier, batch_id: str, office: str
) -> dict[str, Any]:
    """The fields an incoming row sets (new or updated record), the status aside."""
    return {
        **{k: rec[k] for k in _TRAVELLING},
        "version": int(rec["version"]),
        "penghasilan": int(rec["penghasilan"] or 0),
        "periode": int(rec["periode"]),
        "no_kk": rec["no_kk"] or None,
        "no_hp": rec["no_hp"] or None,
        "kpj": rec["kpj"] or None,
        "coverage_start": rec["coverage_start"] or None,
        "coverage_end": rec["coverage_end"] or None,
        "name_norm": rec["name_norm"],
        "sumber_dana_id": classifier.funders[rec["sumber_dana"]],
        "warnings": "",
        "origin_office": rec["origin_office"] or office,
        "origin_batch": batch_id,
    }


def _apply_rows(
    session: Session,
    actor: User,
    report: VerifyReport,
    ledger_id: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> dict[str, int]:
    doc = report.manifest or {}
    classifier = Classifier(session)
    classifier.sender = doc["office"]
    conn = session.connection()
    counts = {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 0, "flagged": 0}
    inserts = registrant_table.BulkInsert(conn)
    items: list[dict[str, Any]] = []
    total = doc["row_count"]
    now = utcnow().isoformat(timespec="microseconds")

    def flush() -> None:
        inserts.flush()
        if items:
            conn.execute(
                text(
                    "INSERT INTO batch_item(ledger_id, registrant_uuid, version, outcome, reason) "
                    "VALUES (:ledger_id, :registrant_uuid, :version, :outcome, :reason)"
                ),
                items,
            )
            items.clear()

    for index, row in enumerate(signed_rows(report)):
        rec = dict(zip(KEYS, row, strict=True))
        check_codes(classifier, rec, index)
        rec["name_norm"] = registrant_table.name_norm(rec["nama"])
        outcome, other = classifier.classify(rec)
        if outcome == "new":
            values = _values(rec, classifier, doc["batch_id"], doc["office"])
            inserts.add(
                registrant_table.new_row(
                    {**values, "status": Status.ACCEPTED.value}, rec["name_norm"]
                )
            )
            matches = classifier.flags(rec)
            counts["flagged"] += 1 if matches else 0
            for match in matches:
                conn.execute(
                    text(
                        "INSERT INTO duplicate_flag(registrant_uuid, other_uuid, batch_uuid, score, "
                        "reasons, created_at) VALUES (:registrant_uuid, :other_uuid, :batch_uuid, "
                        ":score, :reasons, :created_at)"
                    ),
                    {
                        "registrant_uuid": rec["uuid"],
                        "other_uuid": match.other.key,
                        "batch_uuid": doc["batch_id"],
                        "score": round(match.score),
                        "reasons": json.dumps([[c, p] for c, p in match.reasons]),
                        "created_at": now,
                    },
                )
        elif outcome == "updated":
            flush()  # the row may have been inserted earlier in this very batch
            status = conn.execute(
                text("SELECT status FROM registrant WHERE uuid = :uuid"), {"uuid": rec["uuid"]}
            ).scalar()
            values = _values(rec, classifier, doc["batch_id"], doc["office"])
            del values["uuid"], values["created_by"], values["created_at"]
            registrant_table.update_fields(conn, values, uuid=rec["uuid"])
            if status == Status.RETURNED.value:  # the corrected record is back: accepted again
                registrant_table.set_status(
                    conn,
                    uuid=rec["uuid"],
                    old=Status.RETURNED,
                    new=Status.ACCEPTED,
                    document=True,
                )
        elif outcome.startswith("held"):
            _hold(conn, rec, outcome.removeprefix("held_"), other, doc["batch_id"], now)
        counts["conflicts" if outcome.startswith("held") else outcome] += 1
        items.append(
            {
                "ledger_id": ledger_id,
                "registrant_uuid": rec["uuid"],
                "version": int(rec["version"]),
                "outcome": "held" if outcome.startswith("held") else outcome,
                "reason": other,
            }
        )
        if len(inserts) >= _CHUNK or len(items) >= _CHUNK:
            flush()
        if (index + 1) % CHECK_EVERY == 0 or index + 1 == total:
            if cancelled is not None and cancelled():
                raise ImportAborted(issues.error(m.BATCH_CANCELLED))
            if progress is not None:
                progress(index + 1, total)
    flush()
    return counts


def _hold(
    conn: Any, rec: dict[str, str], kind: str, existing: str, batch_id: str, now: str
) -> None:
    incoming = json.dumps({k: rec[k] for k in KEYS}, ensure_ascii=False, sort_keys=True)
    open_one = conn.execute(
        text("SELECT id FROM batch_conflict WHERE incoming_uuid = :uuid AND status = 'open'"),
        {"uuid": rec["uuid"]},
    ).scalar()
    if open_one is not None:  # a newer version of a record already waiting replaces the old one
        conn.execute(
            text(
                "UPDATE batch_conflict SET incoming = :incoming, incoming_version = :version, "
                "batch_uuid = :batch_uuid, kind = :kind, existing_uuid = :existing WHERE id = :id"
            ),
            {
                "incoming": incoming,
                "version": int(rec["version"]),
                "batch_uuid": batch_id,
                "kind": kind,
                "existing": existing,
                "id": open_one,
            },
        )
        return
    conn.execute(
        text(
            "INSERT INTO batch_conflict(uuid, kind, batch_uuid, incoming_uuid, incoming_version, "
            "incoming, existing_uuid, status, decision, outcome, reason, created_at) "
            "VALUES (:uuid, :kind, :batch_uuid, :incoming_uuid, :incoming_version, :incoming, "
            ":existing_uuid, 'open', '', '', '', :created_at)"
        ),
        {
            "uuid": str(uuidlib.uuid4()),
            "kind": kind,
            "batch_uuid": batch_id,
            "incoming_uuid": rec["uuid"],
            "incoming_version": int(rec["version"]),
            "incoming": incoming,
            "existing_uuid": existing,
            "created_at": now,
        },
    )


def verify_batch(
    ctx: AppContext,
    *,
    actor: User,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> VerifyReport:
    """Check a batch without importing it (what ``rentan verify-batch`` and the wizard show).

    Besides the refusal reasons, ``report.preview`` counts what an import would do now (new,
    updated, unchanged, conflicts, flagged), classified with the import's own rules on a
    read-only session. ``cancelled`` returning True stops with a ``batch.cancelled`` error.
    """
    require(actor, Perm.BATCH_IMPORT)
    office = require_office(ctx)
    with ctx.db.reader() as session:
        report = check_document(session, path, office.kode, trust.trusted_keys(session))
        if not report.ok:
            return report
        with opened_workbook(ctx, report) as matches:
            if not matches:
                return report
            try:
                report.preview = _preview(session, report, progress, cancelled)
            except (RowsMismatch, ImportAborted) as exc:
                report.errors.append(exc.issue)
            except WorkbookReadError as exc:
                report.errors.append(issues.error(exc.code, **exc.params))
    return report


def _preview(
    session: Session, report: VerifyReport, progress: Progress | None, cancelled: Cancelled | None
) -> dict[str, int]:
    """Classify every row as the import would, without writing (the wizard's counts)."""
    counts = dict.fromkeys(PREVIEW_KEYS, 0)
    classify_rows(Classifier(session), report, counts, progress, cancelled)
    return counts


PREVIEW_KEYS = ("new", "updated", "unchanged", "conflicts", "flagged")


def classify_rows(
    classifier: Classifier,
    report: VerifyReport,
    counts: dict[str, int],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Count each signed row's outcome as the import would decide it, without writing.

    ``classifier`` keeps what earlier rows (and earlier batches of the same selection) would
    have done, so a correction in batch 2 of a record new in batch 1 counts as an update.
    Raises ``ImportAborted`` for a code the import would refuse, or when cancelled.
    """
    total = report.row_count
    classifier.sender = report.office
    for index, row in enumerate(signed_rows(report)):
        if (index + 1) % CHECK_EVERY == 0 or index + 1 == total:
            if cancelled is not None and cancelled():
                raise ImportAborted(issues.error(m.BATCH_CANCELLED))
            if progress is not None:
                progress(index + 1, total)
        rec = dict(zip(KEYS, row, strict=True))
        check_codes(classifier, rec, index)
        rec["name_norm"] = registrant_table.name_norm(rec["nama"])
        outcome, _ = classifier.classify(rec)
        counts["conflicts" if outcome.startswith("held") else outcome] += 1
        if outcome == "new" and classifier.flags(rec):
            counts["flagged"] += 1


def import_batch(
    ctx: AppContext,
    *,
    actor: User,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Verify and import one batch in one transaction; refused batches change nothing.

    One import per sending office runs at a time (:mod:`services.batch_claim`): a second one is
    refused at once with the name of whoever is importing."""
    require(actor, Perm.BATCH_IMPORT)
    office = require_office(ctx)
    try:
        with batch_claim.claimed(ctx, actor, Path(path)):
            return _import_batch(ctx, actor, Path(path), office.kode, progress, cancelled)
    except batch_claim.ImportBusy as busy:
        return ImportResult(
            Path(path), VerifyReport(BatchFiles.locate(Path(path)), errors=[busy.issue])
        )


def _import_batch(
    ctx: AppContext,
    actor: User,
    path: Path,
    office_kode: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> ImportResult:
    result: ImportResult | None = None
    try:
        # A modest page cache: the import already holds the batch's rows in memory, and the whole
        # process must stay under 400 MB at 150,000 rows (the 256 MiB bulk cache took it to 442 MB).
        with ctx.db.writer(cache_kib=IMPORT_CACHE_KIB) as session:
            report = check_document(session, path, office_kode, trust.trusted_keys(session))
            result = ImportResult(Path(path), report)
            if not report.ok:
                return result
            with opened_workbook(ctx, report) as matches:
                if not matches:
                    return result
                _import_rows(session, actor, report, result, progress, cancelled)
    except (ImportAborted, RowsMismatch) as exc:
        assert result is not None
        result.report.errors.append(exc.issue)
        result.imported, result.counts = False, {}
    except WorkbookReadError as exc:
        assert result is not None
        result.report.errors.append(issues.error(exc.code, **exc.params))
        result.imported, result.counts = False, {}
    assert result is not None
    return result


def _import_rows(
    session: Session,
    actor: User,
    report: VerifyReport,
    result: ImportResult,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    """Ledger entry, rows and audit event of a verified batch (inside the import transaction)."""
    doc = report.manifest or {}
    now = utcnow()
    ledger = BatchLedger(
        kind="batch",
        direction="in",
        doc_uuid=doc["batch_id"],
        office_kode=doc["office"],
        recipient_kode=doc["recipient"],
        seq=doc["seq"],
        doc_sha256=report.doc_sha256,
        prev_sha256=doc["prev_batch_sha256"],
        key_id=doc["key_id"],
        row_count=doc["row_count"],
        file_name=doc["xlsx_file"],
        created_at=_parse_time(doc["created_at"], now),
        created_by=doc["created_by"],
        recorded_at=now,
        recorded_by=actor.username,
        status="imported",
    )
    session.add(ledger)
    session.flush()
    assert ledger.id is not None
    result.counts = _apply_rows(session, actor, report, ledger.id, progress, cancelled)
    audit.record(
        session,
        actor,
        "batch.import",
        "batch",
        doc["batch_id"],
        {
            "office": doc["office"],
            "seq": doc["seq"],
            **result.counts,
            "sha256": report.doc_sha256,
            "warnings": [w.code for w in report.warnings],
            # the sender's audit position, for the next batch's check
            "sender_audit_head": doc.get("audit_head_sha256"),
            "sender_audit_event": doc.get("audit_head_event"),
        },
    )
    result.imported = True


def _parse_time(text: str, default: datetime) -> datetime:
    """The manifest's creation time; an unreadable or naive one falls back to ``default``."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return default
    return parsed if parsed.tzinfo else default


def import_batches(
    ctx: AppContext,
    *,
    actor: User,
    paths: Sequence[Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[ImportResult]:
    """Import several batches in sequence-number order, each all-or-nothing on its own."""
    results = []
    for path in sorted(paths, key=lambda p: Path(p).name):
        results.append(
            import_batch(ctx, actor=actor, path=Path(path), progress=progress, cancelled=cancelled)
        )
    return results
