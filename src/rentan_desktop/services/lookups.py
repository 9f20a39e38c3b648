"""Read-only look-ups the desktop screens make: the entry form's pickers, the list's code-to-name
tables, the printing page's RTs and the set-up wizard's regions. What the entry form asks while the
clerk types is :mod:`entry_check`'s one call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from rentan_desktop.domain import lifecycle, names
from rentan_desktop.domain.region_code import kecamatan_of, provinsi_of
from rentan_desktop.services import registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import Pekerjaan, Registrant, SumberDana, User, Wilayah
from rentan_desktop.storage.text_match import like_ci, like_pattern


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: the stored code and the text shown."""

    code: str
    label: str


def desa_choices(ctx: AppContext) -> list[Choice]:
    """Every desa/kelurahan of this office's area, labelled ``NAMA DESA — Kecamatan``."""
    office = ctx.office or ctx.reload_office()
    prefix = office.kode if office else "64"
    with ctx.db.reader() as session:
        desa = [w for w in _office_area(session, prefix) if w.level == 4]
        kec_codes = {kecamatan_of(d.kode) for d in desa}
        kecamatan = {
            w.kode: w.nama
            for w in session.exec(select(Wilayah).where(Wilayah.kode.in_(kec_codes)))  # type: ignore[attr-defined]
        }
    rows = [
        Choice(d.kode, f"{d.nama.upper()} — {kecamatan.get(kecamatan_of(d.kode), '')}")
        for d in desa
    ]
    return sorted(rows, key=lambda c: c.label)


def kecamatan_choices(ctx: AppContext) -> list[Choice]:
    """The kecamatan of this office's area by name (``code``, name as Kemendagri spells it)."""
    office = ctx.office or ctx.reload_office()
    prefix = office.kode if office else ""
    with ctx.db.reader() as session:
        kecamatan = [w for w in _office_area(session, prefix) if w.level == 3]
    return sorted((Choice(w.kode, w.nama) for w in kecamatan), key=lambda c: c.label)


def pekerjaan_choices(ctx: AppContext) -> list[Choice]:
    with ctx.db.reader() as session:
        rows = session.exec(select(Pekerjaan).where(Pekerjaan.aktif == True))  # noqa: E712
        return [Choice(p.kode, p.nama) for p in rows]


def funder_choices(ctx: AppContext) -> list[Choice]:
    with ctx.db.reader() as session:
        rows = session.exec(select(SumberDana).where(SumberDana.aktif == True))  # noqa: E712
        return [Choice(str(f.id), f"{f.kode} — {f.nama}") for f in rows]


def default_funder(ctx: AppContext) -> str:
    """The funder a new record gets before the clerk chooses: the only active one, else none."""
    choices = funder_choices(ctx)
    return choices[0].code if len(choices) == 1 else ""


def birthplace_choices(ctx: AppContext, *, recent: int = 5000) -> list[str]:
    """Birthplaces to offer while the clerk types *Tempat lahir*, most likely first: those keyed
    in the office's latest ``recent`` records (most frequent first), then the province's
    kabupaten/kota and kecamatan names. One spelling per place keeps the records comparable."""
    office = ctx.office or ctx.reload_office()
    province = provinsi_of(office.kode) if office else "64"
    latest = (
        select(Registrant.tempat_lahir).order_by(col(Registrant.id).desc()).limit(recent).subquery()
    )
    place = latest.c.tempat_lahir
    with ctx.db.reader() as session:
        keyed = [
            str(p)
            for p in session.exec(
                select(place)
                .where(place != "")
                .group_by(place)
                .order_by(func.count().desc(), place)
            )
        ]
        regions = sorted(
            {
                names.clean(w.nama.removeprefix("Kabupaten ").removeprefix("Kota "))
                for w in _office_area(session, province)
                if w.level in (2, 3)
            }
        )
    seen = set(keyed)
    return keyed + [r for r in regions if r and r not in seen]


def region_names(ctx: AppContext, codes: list[str]) -> dict[str, str]:
    """Names of the given wilayah codes (missing codes are left out)."""
    with ctx.db.reader() as session:
        rows = session.exec(select(Wilayah).where(Wilayah.kode.in_(codes)))  # type: ignore[attr-defined]
        return {w.kode: w.nama for w in rows}


def load_record(ctx: AppContext, *, actor: User, uuid: str) -> Registrant:
    return registrants.get(ctx, actor=actor, uuid=uuid)


def _office_area(session: Session, prefix: str) -> list[Wilayah]:
    """Every region whose code starts with ``prefix``.

    A range on the primary key (':' sorts after '9'); LIKE or a level filter would walk ~90,000 regions.
    """
    return list(
        session.exec(select(Wilayah).where(Wilayah.kode >= prefix, Wilayah.kode < prefix + ":"))
    )


@dataclass
class ListNames:
    """Code -> name for the office's kecamatan and desa, occupations and funders (the list's labels)."""

    kecamatan: dict[str, str] = field(default_factory=dict)
    desa: dict[str, str] = field(default_factory=dict)
    pekerjaan: dict[str, str] = field(default_factory=dict)
    funders: dict[str, str] = field(default_factory=dict)

    def as_model_names(self) -> dict[str, dict[str, str]]:
        return {"desa": self.desa, "pekerjaan": self.pekerjaan}


def list_names(ctx: AppContext) -> ListNames:
    """The names of this office's area (a few hundred rows at most for a kabupaten)."""
    office = ctx.office or ctx.reload_office()
    prefix = office.kode if office else ""
    names_ = ListNames()
    with ctx.db.reader() as session:
        for w in _office_area(session, prefix):
            if w.level == 3:
                names_.kecamatan[w.kode] = w.nama
            elif w.level == 4:
                names_.desa[w.kode] = w.nama.upper()
        if len(prefix) == 6:
            kec = session.get(Wilayah, prefix)
            if kec is not None:
                names_.kecamatan = {kec.kode: kec.nama}
        names_.pekerjaan = {p.kode: p.nama for p in session.exec(select(Pekerjaan))}
        names_.funders = {str(f.id): f.kode for f in session.exec(select(SumberDana))}
    names_.kecamatan = dict(sorted(names_.kecamatan.items(), key=lambda kv: kv[1]))
    return names_


@dataclass(frozen=True)
class RtChoice:
    rt: str
    people: int


def rts_of_desa(ctx: AppContext, desa_kode: str) -> list[RtChoice]:
    """The RTs of ``desa_kode`` that have active registrants this programme year, with counts."""
    active = [s.value for s in lifecycle.ACTIVE]
    with ctx.db.reader() as session:
        rows = session.exec(
            select(Registrant.rt, func.count())
            .where(
                Registrant.desa_kode == desa_kode,
                Registrant.periode == ctx.periode(),
                col(Registrant.status).in_(active),
            )
            .group_by(Registrant.rt)
            .order_by(Registrant.rt)
        ).all()
    return [RtChoice(str(rt), int(n)) for rt, n in rows]


def region_children(ctx: AppContext, parent: str | None, level: int) -> list[tuple[str, str]]:
    """``(kode, nama)`` of the regions at ``level`` under ``parent`` (all provinces when None)."""
    query = select(Wilayah.kode, Wilayah.nama).where(Wilayah.level == level)
    if parent is not None:
        query = query.where(Wilayah.induk == parent)
    with ctx.db.reader() as session:
        rows = session.exec(query.order_by(Wilayah.nama)).all()
    return [(str(k), str(n)) for k, n in rows]


@dataclass(frozen=True)
class RegionMatch:
    """A region found by name or Kemendagri code, with its parents' names for telling apart."""

    kode: str
    nama: str
    level: int
    parents: str  # e.g. "Kabupaten Kutai Timur, Kalimantan Timur"


def find_regions(ctx: AppContext, text: str, level: int, limit: int = 30) -> list[RegionMatch]:
    """Regions at ``level`` whose name contains ``text`` or whose code starts with it.

    A code may be typed as printed in Kemendagri lists ("64.08.01") or bare ("640801"); anything
    with a letter is taken as a name.
    """
    query = " ".join(text.split())
    if not query:
        return []
    digits = "".join(ch for ch in query if ch.isdigit())
    by_code = bool(digits) and not any(ch.isalpha() for ch in query)
    parent, grand = aliased(Wilayah), aliased(Wilayah)
    found = (
        select(Wilayah.kode, Wilayah.nama, Wilayah.level, parent.nama, grand.nama)
        .outerjoin(parent, col(parent.kode) == Wilayah.induk)
        .outerjoin(grand, col(grand.kode) == parent.induk)
        .where(Wilayah.level == level)
    )
    if by_code:  # a range on the primary key (':' sorts right after '9')
        found = found.where(Wilayah.kode >= digits, Wilayah.kode < digits + ":")
        found = found.order_by(Wilayah.kode)
    else:
        starts = case((like_ci(Wilayah.nama, like_pattern(query, prefix=True)), 0), else_=1)
        found = found.where(like_ci(Wilayah.nama, like_pattern(query))).order_by(
            starts, Wilayah.nama
        )
    with ctx.db.reader() as session:
        rows = session.exec(found.limit(limit)).all()
    return [
        RegionMatch(str(k), str(n), int(lv), ", ".join(x for x in (p, g) if x))
        for k, n, lv, p, g in rows
    ]
