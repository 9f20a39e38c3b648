"""Writing the offline entry template with this office's desa, occupations and funders."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from rentan_desktop.io import template_xlsx
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.setup import require_office


def write_template(ctx: AppContext, path: Path) -> Path:
    office = require_office(ctx)
    with ctx.db.reader() as session:

        def q(sql: str, **params: object) -> list[tuple[str, str]]:
            return [(r[0], r[1]) for r in session.exec(text(sql), params=params)]  # type: ignore[call-overload]

        desa = q(
            "SELECT kode, nama FROM wilayah WHERE level = 4 AND kode LIKE :p ORDER BY nama",
            p=office.kode + "%",
        )
        jobs = q("SELECT kode, nama FROM pekerjaan WHERE aktif = 1 ORDER BY nama")
        funders = q("SELECT kode, nama FROM sumber_dana WHERE aktif = 1 ORDER BY kode")
    template_xlsx.write_template(
        Path(path), template_xlsx.Choices(desa, jobs, funders), office_name=office.nama
    )
    return Path(path)
