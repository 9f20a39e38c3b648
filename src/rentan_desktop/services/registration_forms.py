"""One person's registration form with the privacy notice, to keep or sign."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from rentan_desktop.domain import lifecycle, phone
from rentan_desktop.domain.formatting import mask_nik, rupiah, tanggal
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.pdf import form
from rentan_desktop.io.pdf.types import (
    FormField,
    Paper,
    PrivacyNotice,
    RegistrationForm,
)
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.printing import (
    SEX,
    PrintedFile,
    office_title,
    paper_of,
    print_dir,
    region,
    write_pdf,
)
from rentan_desktop.storage.models import (
    Pekerjaan,
    Registrant,
    SumberDana,
    User,
)


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


