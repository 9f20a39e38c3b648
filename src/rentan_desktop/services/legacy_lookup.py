"""What a legacy check needs from the database: regions, registrants, earlier imports, lookups."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from rentan_desktop.domain import issues, nik
from rentan_desktop.domain.region_code import RegionCode
from rentan_desktop.domain.registrant import FunderRules
from rentan_desktop.legacy import resend
from rentan_desktop.legacy.check import Existing
from rentan_desktop.legacy.regions import Region, RegionIndex
from rentan_desktop.services.active_registration import HOLDING_SQL
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.driver_sql import driver_of

issues.define_all(
    {
        "legacy.dana.pilih": (
            "Pilih sumber dana dengan --sumber-dana (ada {jumlah} yang aktif: {pilihan}).",
            "Choose the funder with --sumber-dana ({jumlah} are active: {pilihan}).",
        ),
        "legacy.dana.tidak_ada": (
            'Sumber dana "{kode}" tidak ada atau tidak aktif.',
            'Funder "{kode}" does not exist or is not active.',
        ),
        "legacy.pekerjaan.tidak_ada": (
            'Pekerjaan "{kode}" tidak dikenal.',
            'Occupation "{kode}" is unknown.',
        ),
    }
)

_cache: dict[tuple[str, str], RegionIndex] = {}
_lock = threading.Lock()


def regions(ctx: AppContext) -> RegionIndex:
    """Kecamatan and desa of this office's kabupaten (a province office: its whole province).

    Built once per database and office: the wilayah table does not change while the app runs.
    """
    office = require_office(ctx)
    code = RegionCode.parse(office.kode)
    area = str(code.kabupaten or code.provinsi)
    key = (str(ctx.db.path), area)
    with _lock:
        if key not in _cache:
            with ctx.db.reader() as session:
                rows = session.exec(  # type: ignore[call-overload]
                    text(
                        "SELECT kode, nama, level, induk FROM wilayah WHERE level IN (3, 4) "
                        "AND kode LIKE :p"
                    ),
                    params={"p": area + "%"},
                ).all()
            _cache[key] = RegionIndex(Region(k, n, int(lv), i) for k, n, lv, i in rows)
            if len(rows) and not nik.kecamatan_codes_loaded():
                with ctx.db.reader() as session:
                    kec = session.exec(  # type: ignore[call-overload]
                        text("SELECT kode FROM wilayah WHERE level = 3")
                    ).all()
                nik.preload_kecamatan_codes(frozenset(k for (k,) in kec if len(k) == 6))
        return _cache[key]


def existing_registrants(session: Session, periode: int) -> list[Existing]:
    """Registrants holding a registration in ``periode`` (rejected and inactive ones excluded)."""
    # The session's own driver connection, plain tuples: 150,000 SQLAlchemy rows cost seconds.
    con = driver_of(session)
    rows = con.execute(  # type: ignore[union-attr]
        f"SELECT uuid, kecamatan_kode, {', '.join(_COMPARED)} FROM registrant "
        f"WHERE periode = ? AND {HOLDING_SQL}",
        (periode,),
    ).fetchall()
    out = []
    dates: dict[object, date | None] = {}  # birth dates repeat: each text parsed once
    for u, k, *stored in rows:
        values = dict(zip(_COMPARED, stored, strict=True))
        born = dates.get(raw := values["tanggal_lahir"], _UNSEEN)
        if born is _UNSEEN:
            born = dates[raw] = _date(raw)
        values["tanggal_lahir"] = born
        out.append(
            Existing(
                u,
                values["nik"],
                values["nama"],
                born,
                k,
                values["no_kk"],
                values["jenis_kelamin"],
                values["desa_kode"],
                values["nama_ibu"] or None,
                values,
            )
        )
    return out


# The stored fields a re-sent row is compared with; the first ones also feed the scorer.
_COMPARED = resend.COMPARED


_UNSEEN: object = object()


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def imported_rows(session: Session) -> dict[str, str]:
    """Row key -> registrant uuid of every source row an earlier commit saved."""
    rows = session.exec(text("SELECT row_key, registrant_uuid FROM legacy_row")).all()  # type: ignore[call-overload]
    return {k: u for k, u in rows}


@dataclass
class Lookups:
    """Funder and occupation choices for the rows of one import."""

    funder_id: int | None
    funder_rules: FunderRules | None
    default_pekerjaan: str | None
    pekerjaan: dict[str, str] = field(default_factory=dict)  # upper name or code -> code
    categories: dict[str, str] = field(default_factory=dict)  # active code -> label
    #: active funders, code -> (id, rules, name): a SUMBER DANA column names one per row
    funders: dict[str, tuple[int, FunderRules, str]] = field(default_factory=dict)
    #: the refusal to give when the file names no funder and none was chosen (several active)
    choose_funder: UserError | None = None

    @property
    def funder_code(self) -> str | None:
        """Code of the import's own funder (``--sumber-dana`` or the only active one)."""
        return next((c for c, f in self.funders.items() if f[0] == self.funder_id), None)


def lookups(
    session: Session, *, sumber_dana: str | None, pekerjaan: str | None, per_row: bool = False
) -> Lookups:
    """Resolve the funder (given, or the only active one) and the occupation table.

    With several active funders and none given, the refusal is raised here, unless ``per_row``
    (the file may name each row's funder): then it waits in ``choose_funder`` for the caller to
    raise when the file has no SUMBER DANA column after all.
    """
    funders = session.exec(  # type: ignore[call-overload]
        text("SELECT id, kode, usia_min, usia_max, domisili_kab, nama FROM sumber_dana WHERE aktif")
    ).all()
    chosen = None
    choose: UserError | None = None
    if sumber_dana:
        chosen = next((f for f in funders if f[1].upper() == sumber_dana.strip().upper()), None)
        if chosen is None:
            raise UserError("legacy.dana.tidak_ada", kode=sumber_dana)
    elif len(funders) == 1:
        chosen = funders[0]
    elif funders:
        choose = UserError(
            "legacy.dana.pilih", jumlah=len(funders), pilihan=", ".join(f[1] for f in funders)
        )
        if not per_row:
            raise choose
    jobs: dict[str, str] = {}
    categories: dict[str, str] = {}
    for kode, nama in session.exec(text("SELECT kode, nama FROM pekerjaan WHERE aktif")).all():  # type: ignore[call-overload]
        jobs[kode.upper()] = kode
        jobs[nama.upper()] = kode
        categories[kode] = nama
    default = None
    if pekerjaan:
        default = jobs.get(pekerjaan.strip().upper())
        if default is None:
            raise UserError("legacy.pekerjaan.tidak_ada", kode=pekerjaan)
    rules = FunderRules(chosen[2], chosen[3], chosen[4]) if chosen else None
    by_code = {f[1]: (f[0], FunderRules(f[2], f[3], f[4]), f[5] or f[1]) for f in funders}
    return Lookups(chosen[0] if chosen else None, rules, default, jobs, categories, by_code, choose)
