"""Printing services: RT review lists, handover reports, registration forms (and shared helpers).

Every PDF is rendered to a temporary file and moved into place when complete; file names carry
codes, never names or NIKs (R28). Cards live in :mod:`services.cards`, keyed-back RT results in
:mod:`services.rt_review`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from rentan_desktop.domain import issues, lifecycle, phone
from rentan_desktop.domain.formatting import mask_nik, rupiah, tanggal
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_files import batch_stem
from rentan_desktop.io.pdf import form, handover, rt_list
from rentan_desktop.io.pdf.common import Cancelled, Progress, RenderCancelled
from rentan_desktop.io.pdf.types import (
    Count,
    FormField,
    Handover,
    Paper,
    Party,
    PrivacyNotice,
    Region,
    RegistrationForm,
    RtList,
    RtListRow,
)
from rentan_desktop.services import audit, rt_review
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.rt_review import new_list_code
from rentan_desktop.storage.batch_models import BatchItem, BatchLedger
from rentan_desktop.storage.models import (
    Office,
    Pekerjaan,
    Registrant,
    SumberDana,
    User,
    Wilayah,
)
from rentan_desktop.storage.print_models import RtReviewList, RtReviewRow
from rentan_desktop.storage.types import utcnow

issues.define_all(
    {
        "print.desa_unknown": ("Kode desa {kode} tidak dikenal.", "Unknown desa code {kode}."),
        "print.rt_empty": (
            "Tidak ada pekerja rentan periode {periode} di RT {rt} desa {desa}.",
            "Nobody of programme year {periode} is registered in RT {rt} of {desa}.",
        ),
        "print.desa_empty": (
            "Tidak ada pekerja rentan periode {periode} di desa {desa}.",
            "Nobody of programme year {periode} is registered in {desa}.",
        ),
        "print.paper": (
            "Ukuran kertas '{paper}' tidak dikenal: pilih a4 atau f4.",
            "Unknown paper size '{paper}': choose a4 or f4.",
        ),
        "print.write_failed": (
            "Berkas PDF tidak dapat ditulis ke {path}: {detail}.",
            "The PDF could not be written to {path}: {detail}.",
        ),
        "print.cancelled": (
            "Pencetakan dibatalkan; tidak ada yang berubah.",
            "Printing was cancelled; nothing changed.",
        ),
    }
)


@dataclass(frozen=True)
class PrintedFile:
    """A PDF written to disk."""

    path: Path
    pages: int


def paper_of(value: str | Paper) -> Paper:
    """``"a4"``/``"f4"`` (any case) as :class:`Paper`, or a user error."""
    try:
        return Paper(str(value).lower())
    except ValueError:
        raise UserError("print.paper", paper=value) from None


def print_dir(ctx: AppContext) -> Path:
    """Default folder for printed PDFs, beside the database."""
    return ctx.data_dir / "cetak"


def write_pdf(
    path: Path, render: Callable[[Path], int], before_publish: Callable[[], None] | None = None
) -> int:
    """Render into a temporary file beside ``path`` and move it into place only when complete.

    A cancelled or failed job leaves no half-written PDF under the real name (an old file of the
    same name stays untouched until the new one is whole). ``before_publish`` runs after the PDF
    is complete and before it gets its name: services commit their database rows there, so a
    failed commit never leaves a PDF whose list code or cards the database does not know.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pages = render(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        if before_publish is not None:
            before_publish()
        os.replace(temp, path)
        return pages
    except RenderCancelled:
        temp.unlink(missing_ok=True)
        raise UserError("print.cancelled") from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            "print.write_failed", path=str(path), detail=exc.strerror or type(exc).__name__
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def office_title(office: Office | None) -> str:
    """How the office is named on paper: ``Kecamatan Muara Ancalong`` even when set up as just
    ``Muara Ancalong``."""
    if office is None:
        return ""
    name = office.nama.strip()
    known = ("kecamatan", "kantor", "dinas", "badan", "pemerintah", "kelurahan")
    if office.level == "kecamatan" and not name.lower().startswith(known):
        return f"Kecamatan {name}"
    return name


def region(session: Session, desa_kode: str) -> Region:
    """Kabupaten, kecamatan and desa names for a desa code."""
    desa = session.get(Wilayah, desa_kode)
    if desa is None or desa.level != 4:
        raise UserError("print.desa_unknown", kode=desa_kode)
    kec = session.get(Wilayah, desa.induk or "")
    kab = session.get(Wilayah, kec.induk or "") if kec else None
    return Region(kab.nama if kab else "", kec.nama if kec else "", desa.nama)


def office_region(session: Session, kode: str) -> Region:
    """Names for an office code (2, 4 or 6 digits); the kabupaten is always filled when known."""
    kab = session.get(Wilayah, kode[:4])
    kec = session.get(Wilayah, kode[:6]) if len(kode) >= 6 else None
    return Region(kab.nama if kab else "", kec.nama if kec else "")


# --- RT review lists -------------------------------------------------------------------------


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
        rw: optional RW filter, for desa whose RT numbers repeat across RWs.
        paper: ``a4`` or ``f4`` (printed landscape).
        output: PDF path; default ``<data dir>/cetak/<code>.pdf``.
        progress: ``progress(done, total)`` while rows are drawn.
        cancelled: polled while drawing; True abandons the job and nothing is recorded.

    Raises:
        UserError: unknown desa, nobody in that RT, unwritable file, or cancelled.
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
    code = new_list_code()
    rws = sorted({r[5] for r in found})
    doc = RtList(
        list_code=code,
        region=where,
        rt=rt_text,
        rw=rw_text or (rws[0] if len(rws) == 1 else ""),  # '' = the RT spans several RWs
        periode=periode,
        printed_on=today_wita(),
        office_name=office,
        rows=tuple(
            # When the RT spans several RWs, each address says which one.
            RtListRow(
                no,
                r[1],
                mask_nik(r[2]),
                r[3],
                r[4] if len(rws) == 1 else f"{r[4]}, RW {r[5]}",
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
    """One review list per RT of a desa, each its own PDF (``<code>.pdf``) with its own code.

    ``progress`` counts people over the whole desa. A cancel stops before the next RT; lists
    already written stay valid (each was recorded when its PDF was complete).
    """
    choices = rt_review.rt_choices(ctx, actor=actor, desa_kode=desa_kode)
    with ctx.db.reader() as session:
        where = region(session, desa_kode)  # an unknown desa is refused before anything prints
    if not choices:
        raise UserError("print.desa_empty", periode=ctx.periode(), desa=where.desa)
    total = sum(c.count for c in choices)
    done: list[RtListPrinted] = []
    base = 0
    for choice in choices:
        if cancelled is not None and cancelled():
            raise UserError("print.cancelled")

        def step(rows: int, _total: int, offset: int = base) -> None:
            if progress is not None:
                progress(offset + rows, total)

        target = folder / f"RT{choice.rt}-{desa_kode}.pdf" if folder is not None else None
        printed = print_rt_list(
            ctx,
            actor=actor,
            desa_kode=desa_kode,
            rt=choice.rt,
            paper=paper,
            output=target,
            progress=step,
            cancelled=cancelled,
        )
        done.append(printed)
        base += choice.count
    return done


# --- handover report (Berita Acara Serah Terima Data) ----------------------------------------

issues.define_all(
    {
        "print.batch_unknown": (
            "Batch {batch} tidak ditemukan di buku batch kantor ini.",
            "Batch {batch} is not in this office's batch ledger.",
        ),
        "print.registrant_unknown": (
            "Data pendaftaran {uuid} tidak ditemukan.",
            "Registration {uuid} was not found.",
        ),
    }
)

SEX = {"L": "Laki-laki", "P": "Perempuan"}


def _find_batch(session: Session, batch: str) -> BatchLedger:
    wanted = batch.strip().upper()
    for row in session.exec(select(BatchLedger).where(BatchLedger.kind == "batch")).all():
        names = {
            row.doc_uuid.upper(),
            row.file_name.upper(),
            Path(row.file_name).stem.upper(),
            batch_stem(row.office_kode, row.seq).upper(),
        }
        if wanted in names:
            return row
    raise UserError("print.batch_unknown", batch=batch)


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


# --- registration form -----------------------------------------------------------------------


def _mask_name(name: str) -> str:
    """``Halimah -> H****``: a mother's name is a bank security answer, so only its initial."""
    return name[:1] + "****" if name else ""


def _form_fields(session: Session, r: Registrant) -> tuple[FormField, ...]:
    job = session.get(Pekerjaan, r.pekerjaan_kode)
    funder = session.get(SumberDana, r.sumber_dana_id)
    place = region(session, r.desa_kode)
    born = ", ".join(p for p in (r.tempat_lahir, tanggal(r.tanggal_lahir)) if p)
    return (
        FormField("Nama lengkap", r.nama),
        FormField("NIK", mask_nik(r.nik)),
        FormField("Nomor KK", mask_nik(r.no_kk)),
        FormField("Tempat, tanggal lahir", born),
        FormField("Jenis kelamin", SEX.get(r.jenis_kelamin, r.jenis_kelamin)),
        FormField("Nama ibu kandung", _mask_name(r.nama_ibu)),
        FormField("Alamat", f"{r.alamat}, RT {r.rt} / RW {r.rw}".lstrip(", ")),
        FormField("Desa/Kelurahan", place.desa),
        FormField("Kecamatan", place.kecamatan),
        FormField("Nomor HP", phone.display(r.no_hp)),
        FormField("Pekerjaan", job.nama if job else r.pekerjaan_kode),
        FormField("Penghasilan per bulan", rupiah(r.penghasilan)),
        FormField("Sumber dana", funder.nama if funder else ""),
        FormField("Periode", str(r.periode)),
        FormField("Status", lifecycle.label(r.status)),
    )


def registration_form(
    ctx: AppContext,
    *,
    actor: User,
    uuid: str,
    paper: str | Paper = Paper.A4,
    output: Path | None = None,
) -> PrintedFile:
    """Print one person's registration with the privacy notice, for them to keep or sign.

    The legal basis printed is the funder's ``dasar_hukum`` (setting ``privacy.legal_basis``
    otherwise); retention, controller and contact come from the ``privacy.*`` settings.
    """
    require(actor, Perm.PRINT)
    require(actor, Perm.REGISTRANT_VIEW)
    size = paper_of(paper)
    with ctx.db.reader() as session:
        r = session.exec(select(Registrant).where(Registrant.uuid == uuid)).first()
        if r is None:
            raise UserError("print.registrant_unknown", uuid=uuid)
        funder = session.get(SumberDana, r.sumber_dana_id)
        where = region(session, r.desa_kode)
        default = PrivacyNotice()
        notice = PrivacyNotice(
            legal_basis=(funder.dasar_hukum if funder and funder.dasar_hukum else "")
            or ctx.setting("privacy.legal_basis", "")
            or default.legal_basis,
            retention=ctx.setting("privacy.retention", "") or default.retention,
            controller=ctx.setting("privacy.controller", "") or f"Pemerintah {where.kabupaten}",
            contact=ctx.setting("privacy.contact", "") or "",
        )
        doc = RegistrationForm(
            record_ref=r.uuid,
            region=where,
            office_name=office_title(ctx.office),
            printed_on=today_wita(),
            fields=_form_fields(session, r),
            notice=notice,
            nama=r.nama,
            place=where.kecamatan,
        )
    target = output or print_dir(ctx) / f"FORMULIR-{uuid[:8]}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            audit.record(session, actor, "print.form", "registrant", uuid, {"paper": size.value})

    pages = write_pdf(target, lambda tmp: form.render(doc, tmp, size), record)
    return PrintedFile(Path(target), pages)


# --- settings printed on the documents -------------------------------------------------------

PRINT_SETTINGS = {
    "camat": "print.camat_nama",
    "camat_nip": "print.camat_nip",
    "legal_basis": "privacy.legal_basis",
    "retention": "privacy.retention",
    "controller": "privacy.controller",
    "contact": "privacy.contact",
}


def print_settings(ctx: AppContext) -> dict[str, str]:
    """The texts printed on handover reports and privacy notices ('' = the built-in default)."""
    return {name: str(ctx.setting(key, "") or "") for name, key in PRINT_SETTINGS.items()}


def set_print_settings(ctx: AppContext, *, actor: User, **values: str | None) -> dict[str, str]:
    """Change some of :data:`PRINT_SETTINGS` (None leaves a value as it is); audited."""
    require(actor, Perm.SETTINGS_MANAGE)
    changed = {k: (v or "").strip() for k, v in values.items() if v is not None}
    unknown = set(changed) - set(PRINT_SETTINGS)
    if unknown:
        raise ValueError(f"unknown print settings: {sorted(unknown)}")
    for name, value in changed.items():
        ctx.set_setting(PRINT_SETTINGS[name], value)
    if changed:
        with ctx.db.writer() as session:
            audit.record(session, actor, "settings.print", "setting", None, changed)
    return print_settings(ctx)
