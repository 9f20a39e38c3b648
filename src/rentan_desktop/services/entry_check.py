"""What the entry form asks after a pause in typing: one call, one read transaction.

The form needs answers before the whole record is valid: where the NIK was issued and what it
encodes, the birth date and sex it gives to fields the clerk left to it, whether the NIK already
holds this year's registration, who might be the same person, and every field's finding. All of it
comes from :func:`check_typing`, which runs the save's own rules (:func:`registrants.check_partial`)
so the form can never say something a save would not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from rentan_desktop.domain import nik
from rentan_desktop.domain.registrant import RegistrantInput, parse_date
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import registrant_store as store
from rentan_desktop.services import registrants
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.setup import home_kabupaten
from rentan_desktop.storage.models import User, Wilayah

#: The fields a valid NIK may fill in for the clerk (who confirms or types over them).
FROM_NIK = ("tanggal_lahir", "jenis_kelamin")


@dataclass(frozen=True)
class NikOrigin:
    """What a typed NIK encodes, with region names, and its findings."""

    info: nik.NikInfo
    provinsi: str = ""
    kabupaten: str = ""
    kecamatan: str = ""


@dataclass(frozen=True)
class ExistingRecord:
    """The record that already holds a NIK for this programme period."""

    uuid: str
    nama: str
    desa: str
    status: str


@dataclass(frozen=True)
class TypingCheck:
    """The whole answer to one pause in typing."""

    result: registrants.CheckResult
    origin: NikOrigin
    filled: dict[str, str]  # values the NIK gave the fields the form let it fill ("" = none)
    exact: ExistingRecord | None
    periode: int


def nik_suggestions(info: nik.NikInfo) -> dict[str, str]:
    """Form values a valid NIK gives (birth date as ``ddmmyyyy``, sex ``L``/``P``)."""
    if info.nik is None or not info.valid:
        return {}
    out: dict[str, str] = {}
    if info.birth_date is not None:
        out["tanggal_lahir"] = info.birth_date.strftime("%d%m%Y")
    if info.sex in ("L", "P"):
        out["jenis_kelamin"] = info.sex
    return out


def check_typing(
    ctx: AppContext,
    *,
    actor: User,
    data: RegistrantInput,
    uuid: str | None = None,
    fill: Collection[str] = (),
) -> TypingCheck:
    """Check the form as typed so far, as the record ``uuid`` (None for a new one).

    ``fill`` names the fields of :data:`FROM_NIK` the form lets the NIK fill (empty, or holding an
    earlier NIK's value): they are checked with the NIK's value, or emptied when the NIK gives none.
    """
    require(actor, Perm.REGISTRANT_VIEW)
    office = ctx.office
    home = home_kabupaten(office)
    with ctx.db.reader() as session:
        con = store.connection_of(session)
        periode = store.periode(con, today_wita().year)
        bare = nik.parse(data.nik, today=today_wita())
        suggested = nik_suggestions(bare)
        filled = {name: suggested.get(name, "") for name in FROM_NIK if name in fill}
        data = replace(data, **filled)
        info = nik.parse(
            data.nik,
            recorded_birth_date=parse_date(data.tanggal_lahir) if data.tanggal_lahir else None,
            recorded_sex=data.jenis_kelamin or None,
            home_kabupaten=home,
            today=today_wita(),
        )
        result = registrants.check_partial(session, ctx, data, uuid, periode)
        exact = None
        if result.exact is not None:
            row = result.exact
            exact = ExistingRecord(
                row.uuid, row.nama, store.region_name(con, row.desa_kode), row.status
            )
        return TypingCheck(result, _origin(session, info), filled, exact, periode)


def _origin(session: Session, info: nik.NikInfo) -> NikOrigin:
    if info.nik is None:
        return NikOrigin(info)
    codes = (info.province_code or "", info.kabupaten_code or "", info.kecamatan_code or "")
    known = dict(
        session.exec(select(Wilayah.kode, Wilayah.nama).where(col(Wilayah.kode).in_(codes))).all()
    )
    return NikOrigin(info, *(str(known.get(code, "")) for code in codes))
