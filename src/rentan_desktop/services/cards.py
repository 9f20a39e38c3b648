"""Proof-of-coverage cards: the print queue (requested -> printed -> handed over) and verification.

A card can only be requested for a record BPJS has registered (it has a KPJ and a coverage
period). Printing signs a token per card with this office's key (``signing.card_token``); the
QR carries only that token, never the NIK. ``verify`` checks a scanned or typed token offline
against the trusted office keys and tells what the record says now.
"""

from __future__ import annotations

import contextlib
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import and_, bindparam, case, func, insert, literal, not_, update
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.formatting import mask_nik, tahun_lahir, tanggal
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.pdf import card_receipt
from rentan_desktop.io.pdf import cards as card_pdf
from rentan_desktop.io.pdf.common import Cancelled, Progress
from rentan_desktop.io.pdf.types import Card, CardReceipt, CardReceiptRow, Paper
from rentan_desktop.services import audit, ownership, trust
from rentan_desktop.services.context import WITA, AppContext, require_office, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.printing import (
    PrintedFile,
    office_region,
    office_title,
    paper_of,
    print_dir,
    region,
    write_pdf,
)
from rentan_desktop.signing import card_token
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import TrustedKey
from rentan_desktop.storage.models import AuditEvent, Registrant, SumberDana, User
from rentan_desktop.storage.print_models import CardPrint
from rentan_desktop.storage.types import UTCDateTime, utcnow

REQUESTED, PRINTED, HANDED_OVER = "requested", "printed", "handed_over"
PROGRAMME = "Bantuan Iuran BPJS Ketenagakerjaan"

issues.define_all(
    {
        "card.not_registered": (
            "{nama} belum terdaftar di BPJS (belum ada KPJ dan periode kepesertaan).",
            "{nama} is not registered with BPJS yet (no KPJ and coverage period).",
        ),
        "card.already_queued": (
            "Kartu {nama} sudah ada di antrean cetak.",
            "A card for {nama} is already in the print queue.",
        ),
        "card.nothing_to_print": (
            "Tidak ada kartu yang menunggu dicetak.",
            "No card is waiting to be printed.",
        ),
        "card.receiver_required": (
            "Nama penerima kartu wajib diisi.",
            "The name of whoever received the card is required.",
        ),
        "card.not_printed": (
            "Kartu nomor {id} belum dicetak, jadi belum bisa diserahkan.",
            "Card {id} has not been printed, so it cannot be handed over.",
        ),
        "card.unknown": (
            "Kartu nomor {id} tidak ada di antrean.",
            "Card {id} is not in the queue.",
        ),
    }
)


@dataclass(frozen=True)
class QueueRow:
    """One card in the print queue as a list shows it (masked NIK only)."""

    id: int
    uuid: str
    nama: str
    nik_masked: str
    kpj: str
    state: str
    requested_at: datetime
    printed_at: datetime | None
    handed_over_on: date | None
    receiver: str


@dataclass(frozen=True)
class RequestResult:
    queued: list[int]
    refused: dict[str, str]  # registrant uuid -> reason


@dataclass(frozen=True)
class CardsPrinted:
    path: Path
    pages: int
    count: int
    job: str
    skipped: int = 0  # requested cards whose record is no longer registered (left in the queue)


def request(ctx: AppContext, *, actor: User, uuids: Sequence[str]) -> RequestResult:
    """Put cards for these registrants in the queue; records that cannot have one are reported."""
    require(actor, Perm.PRINT)
    queued: list[int] = []
    refused: dict[str, str] = {}
    with ctx.db.writer() as session:
        for key in uuids:
            person = session.exec(select(Registrant).where(Registrant.uuid == key)).first()
            if person is None:
                refused[key] = issues.text("print.registrant_unknown", ctx.language, uuid=key)
                continue
            if not (person.kpj and person.coverage_start and person.coverage_end) or (
                person.status != Status.REGISTERED
            ):
                refused[key] = issues.text("card.not_registered", ctx.language, nama=person.nama)
                continue
            open_card = session.exec(
                select(CardPrint).where(
                    CardPrint.registrant_uuid == key, CardPrint.state == REQUESTED
                )
            ).first()
            if open_card is not None:
                refused[key] = issues.text("card.already_queued", ctx.language, nama=person.nama)
                continue
            card = CardPrint(
                registrant_uuid=key,
                kpj=person.kpj,
                coverage_start=person.coverage_start,
                coverage_end=person.coverage_end,
                requested_by=actor.username,
                requested_at=utcnow(),
            )
            session.add(card)
            session.flush()
            queued.append(card.id or 0)
            audit.record(session, actor, "card.request", "registrant", key, {"card": card.id})
    return RequestResult(queued, refused)


REQUEST_CHUNK = 2000  # rows queued between two looks at the cancel flag


def request_all_registered(
    ctx: AppContext,
    *,
    actor: User,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RequestResult:
    """Queue a card for every registered record of the active period that never had one.

    Set-based: one INSERT ... SELECT per chunk of records (150,000 people in seconds, not the
    quarter of an hour a row-by-row loop took), all in one transaction, so a cancel between
    chunks leaves the queue exactly as it was.
    """
    require(actor, Perm.PRINT)
    r = Registrant
    open_to_card = and_(
        r.status == Status.REGISTERED.value,
        r.periode == ctx.periode(),
        col(r.uuid).not_in(select(CardPrint.registrant_uuid)),
    )
    printable = and_(
        func.coalesce(r.kpj, "") != "",
        col(r.coverage_start).is_not(None),
        col(r.coverage_end).is_not(None),
    )
    in_card_order = (r.desa_kode, r.rt, r.name_norm)
    now = utcnow()
    with ctx.db.writer() as session:
        keys = list(
            session.exec(select(r.uuid).where(open_to_card, printable).order_by(*in_card_order))
        )
        refused = {
            str(k): issues.text("card.not_registered", ctx.language, nama=nama)
            for k, nama in session.exec(select(r.uuid, r.nama).where(open_to_card, not_(printable)))
        }
        queued: list[int] = []
        for start in range(0, len(keys), REQUEST_CHUNK):
            if cancelled is not None and cancelled():
                raise UserError("job.cancelled")
            chunk = keys[start : start + REQUEST_CHUNK]
            last = session.exec(select(func.coalesce(func.max(CardPrint.id), 0))).one()
            cards = select(
                r.uuid,
                r.kpj,
                r.coverage_start,
                r.coverage_end,
                literal(""),
                literal(REQUESTED),
                literal(actor.username),
                literal(now, UTCDateTime()),
                literal(""),
            ).where(col(r.uuid).in_(chunk))
            session.execute(
                insert(CardPrint).from_select(
                    [
                        "registrant_uuid",
                        "kpj",
                        "coverage_start",
                        "coverage_end",
                        "token",
                        "state",
                        "requested_by",
                        "requested_at",
                        "receiver",
                    ],
                    cards.order_by(*in_card_order),
                )
            )
            rows = session.exec(
                select(CardPrint.id, CardPrint.registrant_uuid)
                .where(col(CardPrint.id) > last)
                .order_by(CardPrint.id)
            ).all()
            queued += [int(i or 0) for i, _ in rows]
            audit.record_many(
                session, actor, "card.request", "registrant", [(u, {"card": i}) for i, u in rows]
            )
            if progress is not None:
                progress(min(start + REQUEST_CHUNK, len(keys)), len(keys))
    return RequestResult(queued, refused)


def queue_counts(ctx: AppContext, *, actor: User) -> dict[str, int]:
    """How many cards are in each state (one grouped count, however long the queue)."""
    require(actor, Perm.PRINT)
    with ctx.db.reader() as session:
        rows = session.exec(
            select(CardPrint.state, func.count()).group_by(CardPrint.state)  # type: ignore[arg-type]
        ).all()
    return {str(k): int(n) for k, n in rows}


def queue(
    ctx: AppContext, *, actor: User, state: str | None = None, limit: int | None = None
) -> list[QueueRow]:
    """The print queue, oldest first, optionally only one state and only the first ``limit``."""
    require(actor, Perm.PRINT)
    with ctx.db.reader() as session:
        stmt = select(CardPrint, Registrant).join(
            Registrant,
            Registrant.uuid == CardPrint.registrant_uuid,  # type: ignore[arg-type]
        )
        if state:
            stmt = stmt.where(CardPrint.state == state)
        if limit is not None:
            stmt = stmt.order_by(CardPrint.id).limit(limit)
        return [
            QueueRow(
                c.id or 0,
                r.uuid,
                r.nama,
                mask_nik(r.nik),
                c.kpj,
                c.state,
                c.requested_at,
                c.printed_at,
                c.handed_over_on,
                c.receiver,
            )
            for c, r in session.exec(stmt.order_by(CardPrint.id)).all()
        ]


def _printable(r: Registrant) -> bool:
    return bool(r.status == Status.REGISTERED and r.kpj and r.coverage_start and r.coverage_end)


def _card(
    c: CardPrint,
    r: Registrant,
    token: str,
    kabupaten: str,
    office: str,
    funders: dict[int, str],
    desa: str,
) -> Card:
    return Card(
        nama=r.nama,
        nik_masked=mask_nik(r.nik),
        kpj=r.kpj or "",
        coverage_start=r.coverage_start or c.coverage_start,
        coverage_end=r.coverage_end or c.coverage_end,
        funder=funders.get(r.sumber_dana_id, ""),
        office_name=office,
        issued_on=today_wita(),
        token=token,
        kabupaten=kabupaten,
        programme=PROGRAMME,
        birth_year=tahun_lahir(r.tanggal_lahir),
        desa=desa,
    )


#: from this many cards the PDF is laid out in a child process: reportlab is pure Python, and in
#: the GUI's job thread it held the interpreter lock for minutes, stalling the window each time
RENDER_IN_CHILD_FROM = 500


def _render(
    sheet: list[Card],
    target: Path,
    size: Paper,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> int:
    from rentan_desktop.services import process_job

    if len(sheet) < RENDER_IN_CHILD_FROM or process_job.IN_CHILD:
        return card_pdf.render(sheet, target, size, progress=progress, cancelled=cancelled)
    from rentan_desktop.io.pdf.common import RenderCancelled

    try:
        return int(
            process_job.run_plain(
                "cards.render",
                cards=sheet,
                target=target,
                paper=size,
                progress=progress,
                cancelled=cancelled,
            )
        )
    except UserError as exc:
        if exc.code == "job.cancelled":
            raise RenderCancelled from None  # write_pdf removes the half-written file
        raise


def _stop_if_cancelled(cancelled: Cancelled | None, step: int) -> bool:
    """Raise the print's cancel error every 256 steps once Batal was pressed (else False)."""
    if cancelled is not None and step % 256 == 0 and cancelled():
        raise UserError("print.cancelled")
    return False


def print_cards(
    ctx: AppContext,
    *,
    actor: User,
    ids: Sequence[int] | None = None,
    paper: str | Paper = Paper.A4,
    output: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    before_commit: Callable[[], None] | None = None,
) -> CardsPrinted:
    """Print the requested cards (or exactly ``ids``, which reprints) ten per sheet.

    The cards are marked printed only once the whole PDF is written; a cancelled job leaves the
    queue as it was. ``before_commit`` is called just before that one write transaction.
    """
    require(actor, Perm.PRINT)
    size = paper_of(paper)
    office = require_office(ctx)
    key = trust.office_key(ctx)
    job = str(uuidlib.uuid4())
    with ctx.db.reader() as session:
        stmt = select(CardPrint, Registrant).join(
            Registrant,
            Registrant.uuid == CardPrint.registrant_uuid,  # type: ignore[arg-type]
        )
        if ids:
            stmt = stmt.where(col(CardPrint.id).in_(list(ids)))
        else:
            stmt = stmt.where(CardPrint.state == REQUESTED)
        found = []
        # Read, sign and lay out in steps that look at the cancel flag: on a 60,000-card queue
        # these took minutes during which Batal did nothing.
        # yield_per: rows come in batches as they are read, so the checks below run meanwhile.
        ordered = stmt.order_by(CardPrint.id).execution_options(yield_per=500)
        for n, pair in enumerate(session.exec(ordered)):
            _stop_if_cancelled(cancelled, n)
            found.append(pair)
        # A card states what the record says at print time: only registered records, with the
        # KPJ and coverage BPJS gave last (a record deactivated since the request waits).
        pairs = [(c, r) for c, r in found if _printable(r)]
        if not pairs:
            raise UserError("card.nothing_to_print")
        kabupaten = office_region(session, office.kode).kabupaten
        funders = {f.id or 0: f.nama for f in session.exec(select(SumberDana))}
        tokens = [
            card_token.issue(
                key,
                r.uuid,
                r.kpj or "",
                r.coverage_start,
                r.coverage_end,
                office.kode,
                holder=r.nama,
                birth_year=r.tanggal_lahir.year if r.tanggal_lahir else None,
            )
            for n, (c, r) in enumerate(pairs)
            if not _stop_if_cancelled(cancelled, n)
        ]
        # Region names once per desa, not once per card (10,000 cards come from a few desa).
        desa_names = {kode: region(session, kode).desa for kode in {r.desa_kode for _, r in pairs}}
        title = office_title(office)
        sheet = [
            _card(c, r, t, kabupaten, title, funders, desa_names[r.desa_kode])
            for n, ((c, r), t) in enumerate(zip(pairs, tokens, strict=True))
            if not _stop_if_cancelled(cancelled, n)
        ]
    target = output or print_dir(ctx) / f"KARTU-{job[:8]}.pdf"

    def record() -> None:
        if before_commit is not None:
            before_commit()
        now = utcnow()
        table = CardPrint.__table__  # type: ignore[attr-defined]
        # One UPDATE statement for the whole job (executemany), not a SELECT and an UPDATE per
        # card: a requested card becomes printed; a reprint keeps its state.
        stmt = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                state=case((table.c.state == REQUESTED, PRINTED), else_=table.c.state),
                kpj=bindparam("b_kpj"),
                coverage_start=func.coalesce(bindparam("b_start"), table.c.coverage_start),
                coverage_end=func.coalesce(bindparam("b_end"), table.c.coverage_end),
                token=bindparam("b_token"),
                printed_by=actor.username,
                printed_at=now,
                print_job=job,
            )
        )
        with ctx.db.writer() as session:
            session.execute(
                stmt,
                [
                    {
                        "b_id": c.id,
                        "b_kpj": r.kpj or "",
                        "b_start": r.coverage_start,
                        "b_end": r.coverage_end,
                        "b_token": token,
                    }
                    for (c, r), token in zip(pairs, tokens, strict=True)
                ],
            )
            session.flush()
            # One event per person too, so each record's history shows when its card was printed.
            audit.record_many(
                session,
                actor,
                "card.printed",
                "registrant",
                [(r.uuid, {"card": c.id, "job": job}) for c, r in pairs],
            )
            audit.record(
                session,
                actor,
                "card.print",
                "card_print",
                job,
                {"cards": len(pairs), "paper": size.value},
            )

    pages = write_pdf(target, lambda tmp: _render(sheet, tmp, size, progress, cancelled), record)
    return CardsPrinted(Path(target), pages, len(pairs), job, len(found) - len(pairs))


def print_requested(
    ctx: AppContext,
    *,
    actor: User,
    paper: str | Paper = Paper.A4,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    child_from: int | None = None,
) -> CardsPrinted:
    """Print the requested cards as the window's job: the whole print (reading the queue,
    signing, laying out, recording) runs in a child process at scale.

    In the window's job thread, reading and signing 60,000 cards is pure Python holding the
    interpreter lock: the window froze 237-285 ms at a time and *Batal* took 0.4-0.5 s. The child
    gets the unlocked office key over its private pipe; *Batal* kills it (its one write
    transaction either committed whole or not at all), and a half-written PDF it leaves is removed
    here. Below ``child_from`` registrations (see :mod:`process_job`) it runs in this thread.
    """
    from rentan_desktop.services import process_job

    require(actor, Perm.PRINT)
    key = trust.office_key(ctx)  # a locked key is refused here, with its sentence
    target = print_dir(ctx) / f"KARTU-{uuidlib.uuid4().hex[:8]}.pdf"
    try:
        printed = process_job.run(
            ctx,
            "cards.print_cards",
            actor=actor,
            progress=progress,
            cancelled=cancelled,
            child_from=child_from,
            office_key=key.private_raw(),
            commit_point=True,
            paper=paper_of(paper),
            output=target,
        )
    except BaseException:
        # A killed child cannot remove its temporary file (cards with names on them): done here.
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
        raise
    assert isinstance(printed, CardsPrinted)
    return printed


def hand_over(
    ctx: AppContext, *, actor: User, ids: Sequence[int], receiver: str, on: date | None = None
) -> list[int]:
    """Record that printed cards reached their holders (date and who received them)."""
    require(actor, Perm.PRINT)
    if not receiver.strip():
        raise UserError("card.receiver_required")
    with ctx.db.writer() as session:
        rows = []
        for card_id in ids:  # check all first: one bad id changes nothing
            row = session.get(CardPrint, card_id)
            if row is None:
                raise UserError("card.unknown", id=card_id)
            if row.state not in (PRINTED, HANDED_OVER):
                raise UserError("card.not_printed", id=card_id)
            rows.append(row)
        for row in rows:
            row.state, row.receiver = HANDED_OVER, receiver.strip()
            row.handed_over_on, row.handed_over_by = on or today_wita(), actor.username
            session.add(row)
            audit.record(
                session,
                actor,
                "card.handover",
                "registrant",
                row.registrant_uuid,
                {"card": row.id, "on": str(row.handed_over_on)},
            )
    return [r.id or 0 for r in rows]


def receipt_list(
    ctx: AppContext,
    *,
    actor: User,
    ids: Sequence[int],
    paper: str | Paper = Paper.A4,
    output: Path | None = None,
) -> PrintedFile:
    """Print the signed receipt list (Tanda Terima Kartu) of handed-over cards.

    The cards must have been recorded as handed over (:func:`hand_over`); the list groups them
    under the receiver and date recorded for the first of them.
    """
    require(actor, Perm.PRINT)
    size = paper_of(paper)
    office = require_office(ctx)
    with ctx.db.reader() as session:
        pairs = []
        for card_id in ids:
            row = session.get(CardPrint, card_id)
            if row is None:
                raise UserError("card.unknown", id=card_id)
            if row.state != HANDED_OVER:
                raise UserError("card.not_handed_over", id=card_id)
            person = session.exec(
                select(Registrant).where(Registrant.uuid == row.registrant_uuid)
            ).one()
            pairs.append((row, person))
        desa_names: dict[str, str] = {}
        rows = []
        for row, person in pairs:
            if person.desa_kode not in desa_names:  # region names looked up once per desa
                desa_names[person.desa_kode] = region(session, person.desa_kode).desa
            rows.append(
                CardReceiptRow(
                    person.nama, mask_nik(person.nik), row.kpj, desa_names[person.desa_kode]
                )
            )
        first = pairs[0][0]
        doc = CardReceipt(
            region=office_region(session, office.kode),
            office_name=office_title(office),
            receiver=first.receiver,
            handed_on=first.handed_over_on or today_wita(),
            rows=tuple(rows),
            address=str(ctx.setting("print.office_address", "") or ""),
        )
    target = output or print_dir(ctx) / f"TANDA-TERIMA-KARTU-{doc.handed_on.isoformat()}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            audit.record(session, actor, "print.card_receipt", "card_print", None,
                         {"cards": list(ids), "paper": size.value})  # fmt: skip

    pages = write_pdf(target, lambda tmp: card_receipt.render(doc, tmp, size), record)
    return PrintedFile(Path(target), pages)


issues.define(
    "card.not_handed_over",
    id="Kartu nomor {id} belum dicatat diserahkan.",
    en="Card {id} has not been recorded as handed over.",
)


class Verdict(StrEnum):
    """The answer to "is this person covered today?", one per outcome, each with its exit code."""

    COVERED = "covered"
    NOT_GENUINE = "not_genuine"
    UNKNOWN_OFFICE = "unknown_office"
    ENDED = "ended"
    INACTIVE = "inactive"
    HOLDER_MISMATCH = "holder_mismatch"
    NOT_STARTED = "not_started"

    @property
    def exit_code(self) -> int:
        """What ``rentan verify-card`` exits with (0 only when covered)."""
        return list(Verdict).index(self)


@dataclass(frozen=True)
class CardCheck:
    """The answer to a scanned card: its verdict and what the card and the record say."""

    verdict: Verdict
    message: str
    claims: card_token.CardClaims | None = None
    nama: str = ""
    nik_masked: str = ""
    status: str = ""
    current: bool = False  # the record still has this KPJ and coverage, and is registered
    since: date | None = None  # coverage end (ENDED) or the day the record went inactive
    in_database: bool = False

    @property
    def genuine(self) -> bool:
        """Signed by a trusted office key and unchanged."""
        return self.verdict not in (Verdict.NOT_GENUINE, Verdict.UNKNOWN_OFFICE)

    @property
    def holder(self) -> str:
        """The holder binding as a verifier reads it: ``S A B, lahir 1985`` ('' on old cards)."""
        if self.claims is None or not (self.claims.initials or self.claims.birth_year):
            return ""
        letters = " ".join(self.claims.initials) or "-"
        year = self.claims.birth_year or "-"
        return f"{letters}, lahir {year}"


def _keys(ctx: AppContext, session: Session) -> list[TrustedKey]:
    keys = trust.trusted_keys(session)
    if ctx.office is not None:
        # This office's own cards verify without registering its own key (nor unlocking it).
        with contextlib.suppress(UserError):
            # ... including the keys it had before a rotation (cards printed before it).
            keys.extend(TrustedKey(ctx.office.kode, own) for own in trust.own_public_keys(ctx))
    return keys


def _inactive_since(session: Session, person: Registrant) -> date:
    """The day the record was last set inactive (its audit event), else its last change."""
    stamp = session.exec(
        select(AuditEvent.ts)
        .where(
            AuditEvent.entity_uuid == person.uuid,
            AuditEvent.action == "registrant.status",
            col(AuditEvent.detail).contains('"new": "inactive"')
            | col(AuditEvent.detail).contains('"new":"inactive"'),
        )
        .order_by(col(AuditEvent.id).desc())
    ).first()
    return (stamp or person.updated_at).astimezone(WITA).date()


def holder_matches(claims: card_token.CardClaims, nama: str, birth_year: int | None) -> bool:
    """Whether what the holder says (e-KTP name, birth year) fits the card's signed binding.

    Cards without a binding (version 1) and parts the holder did not give are not compared.
    """
    if nama.strip() and claims.initials and card_token.initials(nama) != claims.initials:
        return False
    return not (birth_year and claims.birth_year and birth_year != claims.birth_year)


def verify(
    ctx: AppContext,
    *,
    actor: User,
    token: str,
    holder_name: str = "",
    holder_birth_year: int | None = None,
    on: date | None = None,
) -> CardCheck:
    """Is the holder of this card covered today? Never raises for a bad token; says why instead.

    Args:
        ctx: application context.
        actor: needs ``registrant.view``.
        token: the scanned or typed QR text.
        holder_name: the name on the holder's e-KTP, compared with the card's signed initials.
        holder_birth_year: the birth year on the e-KTP, compared with the card's.
        on: the day to answer for (today in WITA by default).

    The record, when this office holds it, decides over the card: a renewed coverage counts, a
    deactivated person is reported inactive even on an unexpired card.
    """
    require(actor, Perm.REGISTRANT_VIEW)
    today = on or today_wita()
    lang = ctx.language
    with ctx.db.reader() as session:
        keys = _keys(ctx, session)
        result = card_token.verify(token, keys)
        if isinstance(result, issues.Issue):
            unknown = result.code == m.CARD_UNKNOWN_SIGNER
            verdict = Verdict.UNKNOWN_OFFICE if unknown else Verdict.NOT_GENUINE
            code = "card.v.unknown_office" if unknown else "card.v.not_genuine"
            return CardCheck(verdict, issues.text(code, lang, why=result.message(lang)))
        person = session.exec(select(Registrant).where(Registrant.uuid == result.record_id)).first()
        since = _inactive_since(session, person) if person is not None else None
    claims = result
    if not holder_matches(claims, holder_name, holder_birth_year):
        return CardCheck(
            Verdict.HOLDER_MISMATCH,
            issues.text(
                "card.v.holder_mismatch",
                lang,
                initials=" ".join(claims.initials) or "-",
                year=claims.birth_year or "-",
            ),
            claims,
        )
    if person is None:
        start, end, extra = claims.start, claims.end, "card.v.card_only"
        nama = nik = status = ""
        current = False
    elif not ownership.may_touch(claims.office, person.origin_office):
        # A genuine signature by an office that does not own the record: that office had no
        # business issuing this card (record UUIDs are public, printed in every QR).
        why = issues.text("card.not_owner", lang, office=claims.office,
                          owner=person.origin_office or "-")  # fmt: skip
        return CardCheck(
            Verdict.NOT_GENUINE, issues.text("card.v.not_genuine", lang, why=why), claims
        )
    else:
        nama, nik, status = person.nama, mask_nik(person.nik), person.status
        current = (
            person.status == Status.REGISTERED
            and person.kpj == claims.kpj
            and person.coverage_start == claims.start
            and person.coverage_end == claims.end
        )
        if person.status == Status.INACTIVE:
            return CardCheck(
                Verdict.INACTIVE,
                issues.text("card.v.inactive", lang, nama=nama, since=tanggal(since, lang)),
                claims, nama, nik, status, False, since, True,
            )  # fmt: skip
        # A renewal after printing counts: the record's period is the current one.
        renewed = person.status == Status.REGISTERED and person.kpj == claims.kpj
        start = (person.coverage_start if renewed else None) or claims.start
        end = (person.coverage_end if renewed else None) or claims.end
        extra = "" if current else "card.v.reprint"
    args = {"nama": nama or claims.kpj, "start": tanggal(start, lang), "end": tanggal(end, lang)}
    if today > end:
        verdict, code, since = Verdict.ENDED, "card.v.ended", end
    elif today < start:
        verdict, code, since = Verdict.NOT_STARTED, "card.v.not_started", start
    else:
        verdict, code, since = Verdict.COVERED, "card.v.covered", None
    message = issues.text(code, lang, **args)
    if extra and verdict == Verdict.COVERED:
        message += " " + issues.text(extra, lang)
    return CardCheck(
        verdict, message, claims, nama, nik, status, current, since, person is not None
    )


issues.define_all(
    {
        "card.v.covered": (
            "TERCAKUP: {nama} terlindungi JKK dan JKM hari ini ({start} s.d. {end}).",
            "COVERED: {nama} is insured (JKK and JKM) today ({start} to {end}).",
        ),
        "card.v.ended": (
            "KEPESERTAAN BERAKHIR pada {end}: {nama} tidak tercakup lagi.",
            "COVERAGE ENDED on {end}: {nama} is no longer covered.",
        ),
        "card.not_owner": (
            "Kartu ditolak: ditandatangani kantor {office}, padahal data ini milik kantor {owner}.",
            "Card refused: signed by office {office}, but this record belongs to office {owner}.",
        ),
        "card.v.not_started": (
            "BELUM BERLAKU: kepesertaan {nama} baru mulai {start}.",
            "NOT YET VALID: {nama}'s coverage starts on {start}.",
        ),
        "card.v.inactive": (
            "PESERTA NONAKTIF sejak {since}: {nama} tidak tercakup, walau kartunya asli.",
            "PERSON INACTIVE since {since}: {nama} is not covered, although the card is genuine.",
        ),
        "card.v.not_genuine": (
            "BUKAN KARTU ASLI: {why}",
            "NOT GENUINE: {why}",
        ),
        "card.v.unknown_office": (
            "KANTOR TIDAK DIKENAL: {why} Daftarkan kunci kantor itu, lalu periksa lagi.",
            "UNKNOWN OFFICE: {why} Register that office's key, then check again.",
        ),
        "card.v.holder_mismatch": (
            "BUKAN PEMEGANGNYA: kartu ini milik orang berinisial {initials}, lahir {year}; "
            "tidak cocok dengan e-KTP yang ditunjukkan.",
            "NOT THE HOLDER: this card belongs to someone with initials {initials}, born {year}; "
            "it does not match the e-KTP shown.",
        ),
        "card.v.card_only": (
            "(Menurut kartu; datanya tidak ada di kantor ini.)",
            "(According to the card; the record is not held by this office.)",
        ),
        "card.v.reprint": (
            "Data sudah berubah sejak kartu dicetak: cetak ulang kartunya.",
            "The record changed after the card was printed: reprint the card.",
        ),
    }
)
