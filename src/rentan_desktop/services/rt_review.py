"""Keying back a signed RT review list: the list code, then one key per row.

Keys match the digits printed above the tick boxes: 1 sesuai, 2 pindah, 3 meninggal, 4 bukan
pekerja rentan, 5 perbaikan (with the correction text). Each result becomes a status change
through the core lifecycle (``registrants.set_status_in``, so roles and transitions are checked
and the audit trail records it) or, for corrections, a note on the record plus an audit event.

All entries are checked before anything is written: an unknown row or key, or a correction
without text, refuses the whole submission and changes nothing. So does a row whose status
change the lifecycle refuses (an operator cannot deactivate; a record already sent to the
regency cannot be rejected here): the whole submission is rolled back and the refusal names the
rows, so the list never shows an answer as keyed that was not applied.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues, lifecycle
from rentan_desktop.domain.formatting import mask_nik, tanggal
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, RoleRefused, require
from rentan_desktop.io.pdf.common import Progress
from rentan_desktop.services import audit, registrants
from rentan_desktop.services.context import WITA, AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import Registrant, User, Wilayah
from rentan_desktop.storage.print_models import RtReviewList, RtReviewRow
from rentan_desktop.storage.types import utcnow

RESULTS = {"1": "sesuai", "2": "pindah", "3": "meninggal", "4": "bukan", "5": "perbaikan"}
LABELS = {
    "sesuai": "Sesuai",
    "pindah": "Pindah",
    "meninggal": "Meninggal",
    "bukan": "Bukan pekerja rentan",
    "perbaikan": "Perbaikan",
}

issues.define_all(
    {
        "rt.code_invalid": (
            "Kode daftar '{code}' salah ketik (periksa lagi hurufnya).",
            "List code '{code}' is mistyped (check the characters again).",
        ),
        "rt.list_unknown": ("Kode daftar {code} tidak ditemukan.", "List code {code} is unknown."),
        "rt.row_unknown": (
            "Baris {row} tidak ada di daftar {code} (1 sampai {count}).",
            "Row {row} is not on list {code} (1 to {count}).",
        ),
        "rt.key_unknown": (
            "Baris {row}: tombol '{key}' tidak dikenal, gunakan 1 sampai 5.",
            "Row {row}: key '{key}' is unknown, use 1 to 5.",
        ),
        "rt.correction_required": (
            "Baris {row}: tulis perbaikan yang diminta Ketua RT.",
            "Row {row}: type the correction the RT head asked for.",
        ),
        "rt.rows_refused": (
            "Tidak ada yang disimpan: baris {rows} ditolak ({reason}). Ubah isian baris itu, atau "
            "minta supervisor atau admin memasukkan hasil daftar ini.",
            "Nothing was saved: row(s) {rows} refused ({reason}). Change those rows, or ask a "
            "supervisor or admin to key this list.",
        ),
    }
)


class RowsRefused(UserError):
    """Some answers may not be applied by this user: the whole submission was rolled back."""

    def __init__(self, refused: dict[int, str]) -> None:
        self.refused = dict(sorted(refused.items()))
        first = next(iter(self.refused.values()))
        super().__init__(
            "rt.rows_refused", None, rows=", ".join(str(n) for n in self.refused), reason=first
        )


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _check_char(body: str) -> str:
    # Odd weights are coprime with 32, so any single wrong character changes the check.
    total = sum((2 * i + 1) * _CROCKFORD.index(c) for i, c in enumerate(body))
    return _CROCKFORD[total % 32]


def new_list_code() -> str:
    """A fresh list code like ``RT-7K2M-9QX4``: 7 random Crockford characters and a check.

    Short enough to type, unambiguous when read from paper (no I, L, O, U), entirely within the
    QR alphanumeric set, and a single mistyped character is caught before any lookup.
    """
    body = "".join(secrets.choice(_CROCKFORD) for _ in range(7))
    return f"RT-{body[:4]}-{body[4:]}{_check_char(body)}"


def normalise_code(text: str) -> str | None:
    """The canonical code for what a clerk typed or scanned, or None when the check fails."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if raw.startswith("RT"):
        raw = raw[2:]
    raw = raw.translate(_TYPO)
    if len(raw) != 8 or any(ch not in _CROCKFORD for ch in raw):
        return None
    body, check = raw[:7], raw[7]
    if _check_char(body) != check:
        return None
    return f"RT-{body[:4]}-{body[4:]}{check}"


@dataclass(frozen=True)
class SheetRow:
    """One row as the keying screen shows it (masked NIK only)."""

    no: int
    uuid: str
    nama: str
    nik_masked: str
    status: str
    result: str | None
    correction: str
    outcome: str


@dataclass(frozen=True)
class Sheet:
    """A printed list ready for keying."""

    code: str
    desa_kode: str
    rt: str
    rw: str
    printed: str
    status: str
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Entry:
    """What the clerk keyed for one row: the key (1-5 or the result name) and any correction."""

    row: int
    key: str
    correction: str = ""


@dataclass(frozen=True)
class KeyingResult:
    """What keying did: per row the outcome, and the rows whose change was refused (with why)."""

    code: str
    applied: dict[int, str]
    refused: dict[int, str]
    complete: bool


def _load(session: Session, code: str) -> RtReviewList:
    canonical = normalise_code(code)
    if canonical is None:
        raise UserError("rt.code_invalid", code=code)
    head = session.exec(select(RtReviewList).where(RtReviewList.code == canonical)).first()
    if head is None:
        raise UserError("rt.list_unknown", code=canonical)
    return head


def open_sheet(ctx: AppContext, *, actor: User, code: str) -> Sheet:
    """The list behind a typed or scanned code, with each row's person and any keyed result."""
    require(actor, Perm.STATUS_VERIFY)
    with ctx.db.reader() as session:
        head = _load(session, code)
        rows = session.exec(
            select(RtReviewRow, Registrant)
            .join(Registrant, Registrant.uuid == RtReviewRow.registrant_uuid)  # type: ignore[arg-type]
            .where(RtReviewRow.list_id == head.id)
            .order_by(RtReviewRow.row_no)
        ).all()
        return Sheet(
            head.code,
            head.desa_kode,
            head.rt,
            head.rw,
            tanggal(head.created_at.astimezone(WITA).date()),  # offices work in WITA
            head.status,
            tuple(
                SheetRow(
                    row.row_no,
                    reg.uuid,
                    reg.nama,
                    mask_nik(reg.nik),
                    reg.status,
                    row.result,
                    row.correction,
                    row.outcome,
                )
                for row, reg in rows
            ),
        )


def _result_of(entry: Entry) -> str | None:
    key = entry.key.strip().lower()
    return RESULTS.get(key) or (key if key in LABELS else None)


def _apply(
    session: Session,
    actor: User,
    head: RtReviewList,
    row: RtReviewRow,
    person: Registrant,
    result: str,
    correction: str,
) -> str:
    """Carry one RT answer into the record; returns what happened (raises when refused)."""
    extra = {"rt_list": head.code, "row": row.row_no, "rt_result": result}
    status = Status(person.status)
    if result == "sesuai":
        if status in (Status.DRAFT, Status.RETURNED):
            registrants.set_status_in(session, actor, person, Status.VERIFIED, "", extra)
            return "verified"
        audit.record(session, actor, "rt_review.confirmed", "registrant", person.uuid, extra)
        return "confirmed"
    if status in (Status.INACTIVE, Status.REJECTED) and result in ("pindah", "meninggal", "bukan"):
        # Already out (an earlier list, or the office knew): record the RT's word, change nothing.
        audit.record(session, actor, "rt_review.confirmed", "registrant", person.uuid, extra)
        return status.value
    if result in ("pindah", "meninggal"):
        registrants.set_status_in(session, actor, person, Status.INACTIVE, result, extra)
        return "inactive"
    if result == "bukan":
        if status in (Status.DRAFT, Status.VERIFIED):
            reason = f"Bukan pekerja rentan (daftar RT {head.code})"
            registrants.set_status_in(session, actor, person, Status.REJECTED, reason, extra)
            return "rejected"
        registrants.set_status_in(session, actor, person, Status.INACTIVE, "tidak_memenuhi", extra)
        return "inactive"
    note = f"[Perbaikan RT {head.code}, {tanggal(today_wita())}] {correction}"
    registrant_table.update_loaded(
        session,
        person,
        {
            "notes": f"{person.notes}\n{note}".strip(),
            "version": person.version + 1,
            "updated_by": actor.username,
            "updated_at": utcnow(),
        },
    )
    audit.record(
        session,
        actor,
        "rt_review.correction",
        "registrant",
        person.uuid,
        {**extra, "correction": correction},
    )
    return "noted"


def key_results(
    ctx: AppContext,
    *,
    actor: User,
    code: str,
    entries: Sequence[Entry],
    progress: Progress | None = None,
) -> KeyingResult:
    """Record the RT's answers for some or all rows of a list and apply them to the records.

    Raises:
        UserError: bad code, unknown row, unknown key or a correction without text; in that case
            nothing at all is written.
        RowsRefused: a row's change is not allowed to this user; nothing at all is written.
    """
    require(actor, Perm.STATUS_VERIFY)
    applied: dict[int, str] = {}
    refused: dict[int, str] = {}
    with ctx.db.writer() as session:
        head = _load(session, code)
        rows = {
            r.row_no: r
            for r in session.exec(select(RtReviewRow).where(RtReviewRow.list_id == head.id))
        }
        checked: list[tuple[RtReviewRow, str, str]] = []
        for entry in entries:  # validate everything before the first change
            if entry.row not in rows:
                raise UserError("rt.row_unknown", row=entry.row, code=head.code, count=len(rows))
            result = _result_of(entry)
            if result is None:
                raise UserError("rt.key_unknown", row=entry.row, key=entry.key)
            if result == "perbaikan" and not entry.correction.strip():
                raise UserError("rt.correction_required", row=entry.row)
            checked.append((rows[entry.row], result, entry.correction.strip()))
        now = utcnow()
        for done, (row, result, correction) in enumerate(checked, start=1):
            if (
                row.result == result
                and row.correction == correction
                and row.outcome
                in ("verified", "confirmed", "inactive", "rejected", "noted", CORRECTED)
            ):
                applied[row.row_no] = row.outcome  # keyed twice: already applied
                continue
            person = session.exec(
                select(Registrant).where(Registrant.uuid == row.registrant_uuid)
            ).one()
            try:
                with session.begin_nested():
                    outcome = _apply(session, actor, head, row, person, result, correction)
                applied[row.row_no] = outcome
            except (UserError, RoleRefused) as exc:
                refused[row.row_no] = exc.message(ctx.language)
                session.refresh(person)
                continue
            row.result, row.correction, row.outcome = result, correction, outcome
            row.keyed_by, row.keyed_at = actor.username, now
            session.add(row)
            if progress is not None:
                progress(done, len(checked))
        if refused:
            raise RowsRefused(refused)  # rolls back every row of this submission
        session.flush()
        complete = all(r.result is not None for r in rows.values())
        if complete and head.status != "keyed":
            head.status, head.keyed_by, head.keyed_at = "keyed", actor.username, now
            session.add(head)
        audit.record(
            session,
            actor,
            "rt_review.keyed",
            "rt_review_list",
            head.code,
            {"rows": len(checked), "refused": len(refused)},
        )
    return KeyingResult(head.code, applied, refused, complete)


# --- corrections the RT asked for: the clerk's tasks ------------------------------------------

CORRECTED = "corrected"  # the outcome of a "perbaikan" row once the record has been corrected


@dataclass(frozen=True)
class CorrectionTask:
    """A *5 Perbaikan* answer waiting for the clerk to correct the record."""

    list_code: str
    row: int
    registrant_uuid: str
    nama: str
    correction: str
    keyed_at: datetime | None


def open_corrections(ctx: AppContext, *, actor: User, limit: int = 200) -> list[CorrectionTask]:
    """Corrections RT heads asked for that no one has made yet, oldest first."""
    require(actor, Perm.REGISTRANT_EDIT)
    stmt = (
        select(RtReviewRow, RtReviewList.code, Registrant.nama)
        .join(RtReviewList, RtReviewList.id == RtReviewRow.list_id)  # type: ignore[arg-type]
        .join(Registrant, Registrant.uuid == RtReviewRow.registrant_uuid)  # type: ignore[arg-type]
        .where(RtReviewRow.result == "perbaikan", RtReviewRow.outcome == "noted")
        .order_by(col(RtReviewRow.id))
        .limit(limit)
    )
    with ctx.db.reader() as session:
        found = session.exec(stmt).all()
    return [
        CorrectionTask(code, row.row_no, row.registrant_uuid, nama, row.correction, row.keyed_at)
        for row, code, nama in found
    ]


def correction_for(ctx: AppContext, *, actor: User, uuid: str) -> CorrectionTask | None:
    """The oldest open RT correction of one record, if any (the entry form shows it)."""
    require(actor, Perm.REGISTRANT_VIEW)
    return next((t for t in open_corrections(ctx, actor=actor) if t.registrant_uuid == uuid), None)


# --- what the "Cetak Daftar RT" and keying screens list --------------------------------------


@dataclass(frozen=True)
class RtChoice:
    """One RT of a desa that has people to review this programme year."""

    rt: str
    rws: tuple[str, ...]
    count: int


def rt_choices(ctx: AppContext, *, actor: User, desa_kode: str) -> list[RtChoice]:
    """The RTs of a desa with how many active registrations of the current period each holds."""
    require(actor, Perm.PRINT)
    active = [s.value for s in lifecycle.ACTIVE]
    with ctx.db.reader() as session:
        found = session.exec(
            select(Registrant.rt, Registrant.rw, func.count())
            .where(
                Registrant.desa_kode == desa_kode,
                Registrant.periode == ctx.periode(),
                col(Registrant.status).in_(active),
            )
            .group_by(Registrant.rt, Registrant.rw)
        ).all()
    by_rt: dict[str, tuple[list[str], int]] = {}
    for rt, rw, n in found:
        rws, total = by_rt.get(rt, ([], 0))
        by_rt[rt] = ([*rws, rw], total + n)
    return [RtChoice(rt, tuple(sorted(rws)), n) for rt, (rws, n) in sorted(by_rt.items())]


@dataclass(frozen=True)
class SheetSummary:
    """A printed list in the history: how far its keying has got."""

    code: str
    desa_kode: str
    desa: str
    rt: str
    rw: str
    rows: int
    keyed: int
    status: str
    created_at: datetime


def recent_sheets(
    ctx: AppContext, *, actor: User, status: str | None = None, limit: int = 100
) -> list[SheetSummary]:
    """Printed lists, newest first (``status``: ``printed`` = waiting for results, ``keyed``)."""
    require(actor, Perm.PRINT)
    keyed = (
        select(func.count())
        .where(RtReviewRow.list_id == RtReviewList.id, col(RtReviewRow.result).is_not(None))
        .scalar_subquery()
    )
    stmt = select(RtReviewList, Wilayah.nama, keyed).join(
        Wilayah,
        Wilayah.kode == RtReviewList.desa_kode,  # type: ignore[arg-type]
    )
    if status:
        stmt = stmt.where(RtReviewList.status == status)
    with ctx.db.reader() as session:
        found = session.exec(stmt.order_by(col(RtReviewList.id).desc()).limit(limit)).all()
    return [
        SheetSummary(
            h.code, h.desa_kode, desa, h.rt, h.rw, h.row_count, done, h.status, h.created_at
        )
        for h, desa, done in found
    ]
