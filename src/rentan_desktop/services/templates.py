"""Writing the offline entry template with this office's desa, occupations and funders."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from rentan_desktop.io import template_xlsx
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.storage.models import Pekerjaan, SumberDana, Wilayah


def write_template(ctx: AppContext, path: Path) -> Path:
    office = require_office(ctx)
    area = (Wilayah.kode >= office.kode, Wilayah.kode < office.kode + ":")  # ':' sorts after '9'
    with ctx.db.reader() as session:
        desa = session.exec(
            select(Wilayah.kode, Wilayah.nama)
            .where(Wilayah.level == 4, *area)
            .order_by(Wilayah.nama)
        ).all()
        jobs = session.exec(
            select(Pekerjaan.kode, Pekerjaan.nama)
            .where(col(Pekerjaan.aktif))
            .order_by(Pekerjaan.nama)
        ).all()
        funders = session.exec(
            select(SumberDana.kode, SumberDana.nama)
            .where(col(SumberDana.aktif))
            .order_by(SumberDana.kode)
        ).all()
    choices = template_xlsx.Choices(
        [(k, n) for k, n in desa], [(k, n) for k, n in jobs], [(k, n) for k, n in funders]
    )
    template_xlsx.write_template(Path(path), choices, office_name=office.nama)
    return Path(path)
