"""Names the list shows instead of codes, loaded once when the list opens (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import Pekerjaan, SumberDana, Wilayah


@dataclass
class ListNames:
    """Code -> name for the office's kecamatan and desa, occupations and funders."""

    kecamatan: dict[str, str] = field(default_factory=dict)
    desa: dict[str, str] = field(default_factory=dict)
    pekerjaan: dict[str, str] = field(default_factory=dict)
    funders: dict[str, str] = field(default_factory=dict)

    def as_model_names(self) -> dict[str, dict[str, str]]:
        return {"desa": self.desa, "pekerjaan": self.pekerjaan}


def load(ctx: AppContext) -> ListNames:
    """The names of this office's area (a few hundred rows at most for a kabupaten)."""
    office = ctx.office or ctx.reload_office()
    prefix = office.kode if office else ""
    names = ListNames()
    with ctx.db.reader() as session:
        # A range on the primary key (':' sorts after '9'), not LIKE, which scans every region.
        area = session.exec(
            select(Wilayah).where(Wilayah.kode >= prefix, Wilayah.kode < prefix + ":")
        )
        for w in area:
            if w.level < 3:
                continue
            if w.level == 3:
                names.kecamatan[w.kode] = w.nama
            else:
                names.desa[w.kode] = w.nama.upper()
        if len(prefix) == 6:
            kec = session.get(Wilayah, prefix)
            if kec is not None:
                names.kecamatan = {kec.kode: kec.nama}
        names.pekerjaan = {p.kode: p.nama for p in session.exec(select(Pekerjaan))}
        names.funders = {str(f.id): f.kode for f in session.exec(select(SumberDana))}
    names.kecamatan = dict(sorted(names.kecamatan.items(), key=lambda kv: kv[1]))
    return names
