"""RT review lists: one RT's registrants on paper for the RT head to mark, each list with its code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues, lifecycle
from rentan_desktop.domain.formatting import mask_nik, umur
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.pdf import rt_list
from rentan_desktop.io.pdf.common import Cancelled, Progress
from rentan_desktop.io.pdf.types import (
    Paper,
    RtList,
    RtListRow,
)
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.printing import (
    office_title,
    paper_of,
    print_dir,
    region,
    write_pdf,
)
from rentan_desktop.services.rt_review import new_list_code
from rentan_desktop.storage.models import (
    Pekerjaan,
    Registrant,
    User,
)
from rentan_desktop.storage.print_models import RtReviewList, RtReviewRow
from rentan_desktop.storage.types import utcnow

issues.define_all(
    {
        "print.rt_empty": (
            "Tidak ada pekerja rentan periode {periode} di RT {rt} desa {desa}.",
            "Nobody of programme year {periode} is registered in RT {rt} of {desa}.",
        ),
        "print.rt_spans_rws": (
            "RT {rt} desa {desa} ada di beberapa RW ({rws}); pilih RW-nya: satu daftar untuk "
            "satu Ketua RT.",
            "RT {rt} of {desa} exists in several RWs ({rws}); choose the RW: one list per RT head.",
        ),
        "print.desa_empty": (
            "Tidak ada pekerja rentan periode {periode} di desa {desa}.",
            "Nobody of programme year {periode} is registered in {desa}.",
        ),
    }
)

RETURN_DAYS_KEY = "print.rt_return_days"  # how long an RT head has to return the list
RETURN_DAYS = 14


@dataclass(frozen=True)
class RtListPrinted:
    """A printed RT review list."""

    code: str
    path: Path
    pages: int
    rows: int


def _rt_rows(session: Session, desa_kode: str, rt: str, rw: str, periode: int) -> list[Any]:
    active = [s.value for s in lifecycle.ACTIVE]
    stmt = (
        select(
            Registrant.uuid,
            Registrant.nama,
            Registrant.nik,
            Registrant.tanggal_lahir,
            Registrant.alamat,
            Registrant.rw,
            Pekerjaan.nama,
        )
        .join(Pekerjaan, Pekerjaan.kode == Registrant.pekerjaan_kode, isouter=True)  # type: ignore[arg-type]
        .where(
            Registrant.desa_kode == desa_kode,
            Registrant.rt == rt,
            Registrant.periode == periode,
            col(Registrant.status).in_(active),
        )
        .order_by(Registrant.rw, Registrant.name_norm, Registrant.id)
    )
    if rw:
        stmt = stmt.where(Registrant.rw == rw)
    return list(session.exec(stmt).all())


def _three_digits(value: str | int) -> str:
    """``3``, ``"03"``, ``"RT 3"`` -> ``"003"``, as RT/RW are stored."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return f"{int(digits):03d}" if digits else str(value).strip()


def print_rt_list(
    ctx: AppContext,
    *,
    actor: User,
    desa_kode: str,
    rt: str | int,
    rw: str | int = "",
    paper: str | Paper = Paper.A4,
    output: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RtListPrinted:
    """Print the review list of one RT and remember its rows under a new list code.

    Args:
        ctx: application context.
        actor: the clerk (needs ``print``).
        desa_kode: 10-digit Kemendagri code of the desa/kelurahan.
        rt: RT number (``3`` or ``"003"``).
        rw: the RW; required when the RT number exists in several RWs of the desa.
        paper: ``a4`` or ``f4`` (printed landscape).
        output: PDF path; default ``<data dir>/cetak/<code>.pdf``.
        progress: ``progress(done, total)`` while rows are drawn.
        cancelled: polled while drawing; True abandons the job and nothing is recorded.

    Raises:
        UserError: unknown desa, nobody in that RT, an RT in several RWs without ``rw``,
            unwritable file, or cancelled.
    """
    require(actor, Perm.PRINT)
    size = paper_of(paper)
    rt_text, rw_text = _three_digits(rt), _three_digits(rw) if str(rw).strip() else ""
    periode = ctx.periode()
    office = office_title(ctx.office)
    with ctx.db.reader() as session:
        where = region(session, desa_kode)
        found = _rt_rows(session, desa_kode, rt_text, rw_text, periode)
    if not found:
        raise UserError("print.rt_empty", periode=periode, rt=rt_text, desa=where.desa)
    rws = sorted({r[5] for r in found})
    if len(rws) > 1:  # RT 003 of RW 001 and of RW 002 are two neighbourhoods with two heads
        raise UserError("print.rt_spans_rws", rt=rt_text, desa=where.desa, rws=", ".join(rws))
    code = new_list_code()
    printed_on = today_wita()
    try:
        days = max(1, int(ctx.setting(RETURN_DAYS_KEY, RETURN_DAYS) or RETURN_DAYS))
    except (TypeError, ValueError):
        days = RETURN_DAYS
    doc = RtList(
        list_code=code,
        region=where,
        rt=rt_text,
        rw=rw_text or rws[0],
        periode=periode,
        printed_on=printed_on,
        office_name=office,
        return_by=printed_on + timedelta(days=days),
        rows=tuple(
            # The age, not the birth date: beside the masked NIK a birth date rebuilds it
            # (docs/security.md).
            RtListRow(
                no,
                r[1],
                mask_nik(r[2]),
                umur(r[3], printed_on),
                r[4],
                r[6] or "",
            )
            for no, r in enumerate(found, start=1)
        ),
    )
    target = output or print_dir(ctx) / f"{code}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            head = RtReviewList(
                code=code,
                desa_kode=desa_kode,
                rt=rt_text,
                rw=rw_text,
                periode=periode,
                paper=size.value,
                row_count=len(found),
                created_by=actor.username,
                created_at=utcnow(),
            )
            session.add(head)
            session.flush()
            session.execute(
                insert(RtReviewRow),
                [
                    {
                        "list_id": head.id,
                        "row_no": no,
                        "registrant_uuid": r[0],
                        "correction": "",
                        "outcome": "",
                    }
                    for no, r in enumerate(found, start=1)
                ],
            )
            audit.record(
                session,
                actor,
                "print.rt_list",
                "rt_review_list",
                code,
                {
                    "desa": desa_kode,
                    "rt": rt_text,
                    "rw": rw_text,
                    "rows": len(found),
                    "paper": size.value,
                },
            )

    pages = write_pdf(
        target,
        lambda tmp: rt_list.render(doc, tmp, size, progress=progress, cancelled=cancelled),
        record,
    )
    return RtListPrinted(code, Path(target), pages, len(found))


def _rw_rt_groups(ctx: AppContext, desa_kode: str) -> list[tuple[str, str, int]]:
    """``(rw, rt, people)`` of a desa's active registrations this period, RW by RW."""
    active = [st.value for st in lifecycle.ACTIVE]
    with ctx.db.reader() as session:
        found = session.exec(
            select(Registrant.rw, Registrant.rt, func.count())
            .where(
                Registrant.desa_kode == desa_kode,
                Registrant.periode == ctx.periode(),
                col(Registrant.status).in_(active),
            )
            .group_by(Registrant.rw, Registrant.rt)
            .order_by(Registrant.rw, Registrant.rt)
        ).all()
    return [(rw or "", rt or "", n) for rw, rt, n in found]


def print_desa_rt_lists(
    ctx: AppContext,
    *,
    actor: User,
    desa_kode: str,
    paper: str | Paper = Paper.A4,
    folder: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[RtListPrinted]:
    """One review list per RW and RT of a desa, each its own PDF with its own code.

    RT numbers repeat across RWs in most desa (RT 003 of RW 001 and RT 003 of RW 002 are different
    neighbourhoods with different heads), so a whole-desa run makes one list per (RW, RT) pair and
    never mixes two RWs under one RT number. Files are ``RW<rw>-RT<rt>-<desa>.pdf``.

    ``progress`` counts people over the whole desa. A cancel stops before the next list; lists
    already written stay valid (each was recorded when its PDF was complete).
    """
    require(actor, Perm.PRINT)
    with ctx.db.reader() as session:
        where = region(session, desa_kode)  # an unknown desa is refused before anything prints
    groups = _rw_rt_groups(ctx, desa_kode)
    if not groups:
        raise UserError("print.desa_empty", periode=ctx.periode(), desa=where.desa)
    total = sum(n for _, _, n in groups)
    done: list[RtListPrinted] = []
    base = 0
    for rw, rt, count in groups:
        if cancelled is not None and cancelled():
            raise UserError("print.cancelled")

        def step(rows: int, _total: int, offset: int = base) -> None:
            if progress is not None:
                progress(offset + rows, total)

        name = f"RW{rw}-RT{rt}-{desa_kode}.pdf"
        printed = print_rt_list(
            ctx,
            actor=actor,
            desa_kode=desa_kode,
            rt=rt,
            rw=rw,
            paper=paper,
            output=folder / name if folder is not None else None,
            progress=step,
            cancelled=cancelled,
        )
        done.append(printed)
        base += count
    return done
