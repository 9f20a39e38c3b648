"""One person's registration form with the privacy notice, to keep or sign."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from rentan_desktop.domain import issues, lifecycle, phone
from rentan_desktop.domain.formatting import rt_rw, rupiah, tanggal
from rentan_desktop.domain.registration_number import RegistrationNumber
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

issues.define_all(
    {
        "form.default_legal_basis": (
            "Dasar hukum pada pemberitahuan data pribadi masih teks bawaan: isi Perbup/Perda "
            "kabupaten (Pengaturan > Cetak, atau rentan print settings --legal-basis).",
            "The legal basis on the privacy notice is still the built-in text: enter the "
            "regency's regulation (rentan print settings --legal-basis).",
        ),
        "form.no_contact": (
            "Nomor kontak pelindungan data belum diisi: pekerja tidak tahu ke mana bertanya "
            "(rentan print settings --contact).",
            "No privacy contact number is set: the worker cannot tell whom to ask "
            "(rentan print settings --contact).",
        ),
    }
)


def _mask_name(name: str) -> str:
    """``Halimah -> H****``: a mother's name is a bank security answer and a form travels (the
    worker checks it when keyed, not on paper), so only its initial."""
    return name[:1] + "****" if name else ""


def registration_number(uuid: str) -> str:
    """The short number printed on the form (``4F3A-91C2``); ``rentan show`` takes it back."""
    return str(RegistrationNumber.of(uuid))


def _form_fields(session: Session, r: Registrant) -> tuple[FormField, ...]:
    job = session.get(Pekerjaan, r.pekerjaan_kode)
    funder = session.get(SumberDana, r.sumber_dana_id)
    place = region(session, r.desa_kode)
    born = ", ".join(p for p in (r.tempat_lahir, tanggal(r.tanggal_lahir)) if p)
    return (
        FormField("Nama lengkap", r.nama),
        # The worker's own copy: they check and sign for their own numbers in full.
        FormField("NIK", r.nik),
        FormField("Nomor KK", r.no_kk),
        FormField("Tempat, tanggal lahir", born),
        FormField("Jenis kelamin", SEX.get(r.jenis_kelamin, r.jenis_kelamin)),
        FormField("Nama ibu kandung", _mask_name(r.nama_ibu)),
        FormField("Alamat", f"{r.alamat}, {rt_rw(r.rt, r.rw)}".lstrip(", ")),
        FormField("Desa/Kelurahan", place.desa),
        FormField("Kecamatan", place.kecamatan),
        FormField("Nomor HP", phone.display(r.no_hp)),
        FormField("Pekerjaan", job.nama if job else r.pekerjaan_kode),
        FormField("Penghasilan per bulan", rupiah(r.penghasilan, "id")),
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
            record_ref=registration_number(r.uuid),
            region=where,
            office_name=office_title(ctx.office),
            printed_on=today_wita(),
            fields=_form_fields(session, r),
            notice=notice,
            nama=r.nama,
            place=where.kecamatan,
            holder_copy=True,
        )
        warnings = []
        if notice.legal_basis == default.legal_basis:
            warnings.append(issues.text("form.default_legal_basis", ctx.language))
        if not notice.contact.strip():
            warnings.append(issues.text("form.no_contact", ctx.language))
    target = output or print_dir(ctx) / f"FORMULIR-{uuid[:8]}.pdf"

    def record() -> None:
        with ctx.db.writer() as session:
            audit.record(session, actor, "print.form", "registrant", uuid, {"paper": size.value})

    pages = write_pdf(target, lambda tmp: form.render(doc, tmp, size), record)
    return PrintedFile(Path(target), pages, tuple(warnings))
