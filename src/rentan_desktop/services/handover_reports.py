"""The handover report (Berita Acara Serah Terima Data) of one batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_files import batch_stem
from rentan_desktop.io.pdf import handover
from rentan_desktop.io.pdf.types import (
    Count,
    Handover,
    Paper,
    Party,
)
from rentan_desktop.services import audit, batch_names
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.printing import (
    SEX,
    PrintedFile,
    office_region,
    office_title,
    paper_of,
    print_dir,
    write_pdf,
)
from rentan_desktop.storage.batch_models import BatchItem, BatchLedger
from rentan_desktop.storage.models import (
    Pekerjaan,
    Registrant,
    User,
    Wilayah,
)

issues.define_all(
    {
        "print.batch_unknown": (
            "Batch {batch} tidak ditemukan di buku batch kantor ini.",
            "Batch {batch} is not in this office's batch ledger.",
        ),
    }
)


def _find_batch(session: Session, batch: str) -> BatchLedger:
    row = batch_names.find(session, batch)
    if row is None:
        raise UserError("print.batch_unknown", batch=batch)
    return row


def _counts(
    session: Session, ledger_id: int, column: Any, names: dict[str, str]
) -> tuple[Count, ...]:
    uuids = select(BatchItem.registrant_uuid).where(BatchItem.ledger_id == ledger_id)
    stmt = (
        select(column, func.count())
        .where(col(Registrant.uuid).in_(uuids))
        .group_by(column)
        .order_by(column)
    )
    return tuple(Count(names.get(key, key), n) for key, n in session.exec(stmt).all())


def _corrections(session: Session, ledger: BatchLedger) -> int:
    """Records of this batch that an earlier batch of the same office already carried."""
    earlier = (
        select(BatchItem.registrant_uuid)
        .join(BatchLedger, BatchLedger.id == BatchItem.ledger_id)  # type: ignore[arg-type]
        .where(
            BatchLedger.kind == "batch",
            BatchLedger.office_kode == ledger.office_kode,
            col(BatchLedger.id) < (ledger.id or 0),
        )
    )
    return session.exec(
        select(func.count(func.distinct(BatchItem.registrant_uuid))).where(
            BatchItem.ledger_id == ledger.id, col(BatchItem.registrant_uuid).in_(earlier)
        )
    ).one()


def _person(session: Session, username: str, role: str) -> Party:
    user = session.exec(select(User).where(User.username == username)).first()
    return Party(role, user.full_name if user else username)


def handover_report(
    ctx: AppContext,
    *,
    actor: User,
    batch: str,
    paper: str | Paper = Paper.A4,
    output: Path | None = None,
    camat: str = "",
    camat_nip: str = "",
    coordinator: str = "",
    letter_no: str = "",
) -> PrintedFile:
    """Print the Berita Acara Serah Terima Data of an exported (or imported) batch.

    Args:
        ctx: application context.
        actor: the clerk (needs ``print``).
        batch: the batch id, its file name, or its stem ``BATCH-<office>-<seq>``.
        paper: ``a4`` or ``f4``.
        output: PDF path; default ``<data dir>/cetak/BAST-<stem>.pdf``.
        camat: the camat's name (default: setting ``print.camat_nama``).
        camat_nip: the camat's NIP (default: setting ``print.camat_nip``).
        coordinator: the receiving coordinator's name, if known in advance.
        letter_no: the office's letter number; '' leaves a line to fill in by hand.
    """
    require(actor, Perm.PRINT)
    size = paper_of(paper)
    with ctx.db.reader() as session:
        row = _find_batch(session, batch)
        stem = batch_stem(row.office_kode, row.seq)
        where = office_region(session, row.office_kode)
        desa_names = {
            w.kode: w.nama for w in session.exec(select(Wilayah).where(Wilayah.level == 4))
        }
        jobs = {p.kode: p.nama for p in session.exec(select(Pekerjaan))}
        mine = ctx.office is not None and ctx.office.kode == row.office_kode
        office_name = office_title(ctx.office) if mine else ""
        doc = Handover(
            batch_code=stem,
            region=where,
            office_name=office_name or f"Kantor {row.office_kode}",
            handed_on=today_wita(),
            record_count=row.row_count,
            fingerprint=row.doc_sha256,
            by_desa=_counts(session, row.id or 0, Registrant.desa_kode, desa_names),
            by_pekerjaan=_counts(session, row.id or 0, Registrant.pekerjaan_kode, jobs),
            by_sex=_counts(session, row.id or 0, Registrant.jenis_kelamin, SEX),
            clerk=_person(session, row.created_by or row.recorded_by, "Petugas pengirim data"),
            camat=Party(
                f"Camat {where.kecamatan}".strip(),
                camat or ctx.setting("print.camat_nama", ""),
                camat_nip or ctx.setting("print.camat_nip", ""),
            ),
            coordinator=Party("Koordinator Kabupaten", coordinator),
            place=office_name,
            file_name=row.file_name,
            corrections=_corrections(session, row),
            letter_no=letter_no.strip(),
            address=str(ctx.setting("print.office_address", "") or "") if mine else "",
        )
    target = output or print_dir(ctx) / f"BAST-{stem}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            audit.record(
                session,
                actor,
                "print.handover",
                "batch",
                row.doc_uuid,
                {"batch": stem, "paper": size.value},
            )

    pages = write_pdf(target, lambda tmp: handover.render(doc, tmp, size), record)
    return PrintedFile(Path(target), pages)
