"""Personal-data helpers: audit-trail verification, recorded NIK reveals and full-NIK exports.

UU 27/2022 Pasal 31 asks for a record of all processing; these put the sensitive moments (a full
NIK shown on screen, a file with full NIKs written) into the hash-chained audit trail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, audit_seal
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import Registrant, User

issues.define_all(
    {
        "audit.reason.prev_hash": (
            "tautan ke kejadian sebelumnya tidak cocok",
            "the link to the previous event does not match",
        ),
        "audit.reason.hash": (
            "isi kejadian diubah setelah dicatat",
            "the event was changed after it was recorded",
        ),
        "registrant.unknown_uuid": ("Data {uuid} tidak ditemukan.", "Record {uuid} was not found."),
    }
)


@dataclass(frozen=True)
class AuditCheck:
    """Result of :func:`verify_audit`, with the sentence to show."""

    ok: bool
    events: int
    first_broken_id: int | None
    message: str


def verify_audit(
    ctx: AppContext, *, actor: User, check: Callable[[], None] | None = None
) -> AuditCheck:
    """Check the keyed chain, every registrant row's seal and the anchored head (supervisor and
    up); the message names the first problem."""
    require(actor, Perm.AUDIT_VERIFY)
    return check_audit(ctx, check)


def check_audit(ctx: AppContext, check: Callable[[], None] | None = None) -> AuditCheck:
    """:func:`verify_audit` without a user: the start-up check the app runs in the background.

    ``check`` is called every few thousand events or rows and may raise to stop (Batal)."""
    with ctx.db.reader() as session:
        report = audit_seal.verify(ctx.db.path, session, check)
    return AuditCheck(
        report.ok, report.events, report.first_broken_id, report.message(ctx.language)
    )


@dataclass(frozen=True)
class Revealed:
    """The full identity numbers of one record, shown after the reveal was recorded."""

    nik: str
    no_kk: str


def reveal_identity(ctx: AppContext, *, actor: User, uuid: str, purpose: str = "") -> Revealed:
    """The full NIK and KK of one record for the detail view, recorded in the audit trail.

    The reveal and its record are one transaction: no full number is returned unless the
    event that says who saw it, and when, has been committed.
    """
    require(actor, Perm.VIEW_FULL_NIK)
    with ctx.db.writer() as session:
        row = session.exec(select(Registrant).where(Registrant.uuid == uuid)).first()
        if row is None:
            raise UserError("registrant.unknown_uuid", None, uuid=uuid)
        _record_reveal(session, actor, uuid, purpose)
        return Revealed(nik=row.nik, no_kk=row.no_kk or "")


def record_reveal(ctx: AppContext, *, actor: User, uuids: Sequence[str], purpose: str) -> None:
    """Record that the full NIK and KK of these records are about to be shown side by side
    (the duplicate workbench), one event per record so each record's history names it."""
    require(actor, Perm.VIEW_FULL_NIK)
    with ctx.db.writer() as session:
        for uuid in uuids:
            _record_reveal(session, actor, uuid, purpose)


def _record_reveal(session: Session, actor: User, uuid: str, purpose: str) -> None:
    audit.record(
        session,
        actor,
        "nik.reveal",
        "registrant",
        uuid,
        {"purpose": purpose, "fields": ["nik", "no_kk"]},
    )


def record_full_nik_file(
    session: Session, actor: User | str, *, kind: str, file_name: str, rows: int
) -> None:
    """Record, inside the caller's transaction, that a file carrying full NIKs was written.

    The writers of such files (signed batch, BPJS collective workbook, import reports) call this
    in the transaction that commits the export, so the trail has one action, ``export.full_nik``,
    to list every file that left the app with full NIKs, whatever else the export recorded.
    """
    audit.record(
        session,
        actor,
        "export.full_nik",
        "file",
        None,
        {"kind": kind, "file": file_name, "rows": rows},
    )


def record_report_export(
    ctx: AppContext, *, actor: User, kind: str, file_name: str, rows: int
) -> None:
    """Record that a report workbook echoing an imported file (full NIKs as typed) was written.

    No extra permission: whoever may import a file may see its own rows again; the trail says who
    wrote which report, when, and how many rows it held.
    """
    with ctx.db.writer() as session:
        record_full_nik_file(session, actor, kind=kind, file_name=file_name, rows=rows)
