"""First start: this office's identity, the first admin, the programme's funder and target."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.region_code import KABUPATEN, KECAMATAN, PROVINSI, RegionCode
from rentan_desktop.domain.roles import Perm, Role, require
from rentan_desktop.domain.targets import office_targets_by_funder
from rentan_desktop.services import audit, auth, trust
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import Office, SumberDana, Target, User, Wilayah
from rentan_desktop.storage.types import utcnow

#: The levels an office can sit at (a desa has no office of its own).
LEVELS = (KECAMATAN, KABUPATEN, PROVINSI)

issues.define_all(
    {
        "setup.done": ("Kantor sudah disiapkan sebelumnya.", "This office is already set up."),
        "setup.level": (
            "Tingkat kantor harus kecamatan, kabupaten atau provinsi.",
            "The office level must be kecamatan, kabupaten or provinsi.",
        ),
        "setup.code": (
            "Kode wilayah {kode} bukan {level} dalam daftar Kemendagri.",
            "Region code {kode} is not a {level} in the Kemendagri list.",
        ),
        "funder.exists": ("Sumber dana '{kode}' sudah ada.", "Funder '{kode}' already exists."),
        "funder.unknown": ("Sumber dana '{kode}' tidak ada.", "No funder '{kode}'."),
        "funder.ages": (
            "Batas umur tidak masuk akal ({min}-{max}).",
            "The age limits make no sense ({min}-{max}).",
        ),
        "target.invalid": ("Target harus angka positif.", "The target must be a positive number."),
    }
)


@dataclass(frozen=True)
class FunderSpec:
    kode: str
    nama: str
    usia_min: int | None = None
    usia_max: int | None = None
    domisili_kab: str | None = None
    dasar_hukum: str = ""


def is_initialised(ctx: AppContext) -> bool:
    return ctx.reload_office() is not None


def init_office(
    ctx: AppContext,
    *,
    kode: str,
    nama: str,
    level: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    funder: FunderSpec | None = None,
    target: int | None = None,
    periode: int | None = None,
    key_passphrase: str | None = None,
) -> Office:
    """Create this office, its first admin and optionally its funder and target, in one transaction.

    ``key_passphrase`` (or ``RENTAN_KEY_PASSPHRASE``) protects the office signing key made here;
    without it the key is made later by an admin.
    """
    if level not in LEVELS:
        raise UserError("setup.level", "level")
    secret = key_passphrase or os.environ.get(trust.PASSPHRASE_ENV) or ""
    if secret and len(secret) < trust.MIN_KEY_PASSPHRASE:  # refused before anything is written
        raise UserError(trust.KEY_PASSPHRASE_SHORT, min=trust.MIN_KEY_PASSPHRASE)
    code = RegionCode.try_parse(kode)
    with ctx.db.writer() as session:
        if session.exec(select(Office)).first() is not None:
            raise UserError("setup.done")
        region = session.get(Wilayah, code.digits) if code else None
        if code is None or region is None or code.level != level:
            raise UserError("setup.code", "kode", kode=kode, level=level)
        office = Office(
            uuid=str(uuid.uuid4()),
            kode=code.digits,
            nama=nama.strip() or region.nama,
            level=level,
            created_at=utcnow(),
        )
        session.add(office)
        session.flush()
        audit.record(
            session,
            admin_username,
            "office.init",
            "office",
            office.uuid,
            {"kode": code.digits, "nama": office.nama, "level": level},
        )
        auth.add_user_unchecked(
            session,
            username=admin_username,
            full_name=admin_full_name,
            role=Role.ADMIN,
            password=admin_password,
            by=admin_username,
        )
        if funder is not None:
            row = _add_funder(session, funder, admin_username)
            if target:
                _set_target(
                    session,
                    row.id or 0,
                    periode or ctx.periode(),
                    code.digits,
                    target,
                    admin_username,
                )
    ctx.reload_office()
    assert ctx.office is not None
    _create_signing_key(ctx, admin_username, key_passphrase)
    return ctx.office


def _create_signing_key(ctx: AppContext, admin_username: str, passphrase: str | None) -> None:
    """The office's Ed25519 batch-signing key, made at setup when a key passphrase is known.

    The passphrase (argument, or ``RENTAN_KEY_PASSPHRASE``) protects the key and is never stored;
    without one the office is set up without a key, and an admin creates it later (Kunci kantor
    page, or ``rentan keys create``). An existing key is kept.
    """
    if trust.key_store(ctx).exists():
        return
    if not (passphrase or os.environ.get(trust.PASSPHRASE_ENV)):
        return
    with ctx.db.reader() as session:
        admin = session.exec(select(User).where(User.username == admin_username)).one()
    trust.create_office_key(ctx, actor=admin, passphrase=passphrase)


def home_kabupaten(office: Office | None) -> str | None:
    """The kabupaten/kota code of ``office`` (None for a province office or before set-up): a NIK
    or domicile outside it gets a warning."""
    code = RegionCode.try_parse(office.kode) if office is not None else None
    kabupaten = code.kabupaten if code is not None else None
    return kabupaten.digits if kabupaten is not None else None


def _add_funder(session: Session, spec: FunderSpec, by: str) -> SumberDana:
    if spec.usia_min is not None and spec.usia_max is not None and spec.usia_min > spec.usia_max:
        raise UserError("funder.ages", min=spec.usia_min, max=spec.usia_max)
    if session.exec(select(SumberDana).where(SumberDana.kode == spec.kode)).first():
        raise UserError("funder.exists", kode=spec.kode)
    row = SumberDana(
        kode=spec.kode.strip().upper(),
        nama=spec.nama.strip(),
        usia_min=spec.usia_min,
        usia_max=spec.usia_max,
        domisili_kab=spec.domisili_kab or None,
        dasar_hukum=spec.dasar_hukum,
    )
    session.add(row)
    session.flush()
    audit.record(session, by, "funder.create", "sumber_dana", row.kode, spec.__dict__)
    return row


def _set_target(
    session: Session, funder_id: int, periode: int, wilayah: str, jumlah: int, by: str
) -> Target:
    if jumlah <= 0:
        raise UserError("target.invalid")
    row = session.exec(
        select(Target).where(
            Target.sumber_dana_id == funder_id,
            Target.periode == periode,
            Target.wilayah_kode == wilayah,
        )
    ).first()
    old = row.jumlah if row else None
    row = row or Target(
        sumber_dana_id=funder_id, periode=periode, wilayah_kode=wilayah, jumlah=jumlah
    )
    row.jumlah = jumlah
    session.add(row)
    session.flush()
    audit.record(
        session,
        by,
        "target.set",
        "target",
        f"{funder_id}/{periode}/{wilayah}",
        {"old": old, "new": jumlah},
    )
    return row


def add_funder(ctx: AppContext, *, actor: User, spec: FunderSpec) -> SumberDana:
    require(actor, Perm.SETTINGS_MANAGE)
    with ctx.db.writer() as session:
        return _add_funder(session, spec, actor.username)


def update_funder(ctx: AppContext, *, actor: User, kode: str, **changes: object) -> SumberDana:
    """Change a funder's rules (age band, domicile, name); each change audited."""
    require(actor, Perm.SETTINGS_MANAGE)
    with ctx.db.writer() as session:
        row = session.exec(select(SumberDana).where(SumberDana.kode == kode)).first()
        if row is None:
            raise UserError("funder.unknown", kode=kode)
        before = row.model_dump()
        for key, value in changes.items():
            if key in {"nama", "usia_min", "usia_max", "domisili_kab", "aktif", "dasar_hukum"}:
                setattr(row, key, value)
        if row.usia_min is not None and row.usia_max is not None and row.usia_min > row.usia_max:
            raise UserError("funder.ages", min=row.usia_min, max=row.usia_max)
        session.add(row)
        audit.record(
            session,
            actor,
            "funder.update",
            "sumber_dana",
            kode,
            {"before": before, "after": row.model_dump()},
        )
        return row


def list_funders(ctx: AppContext) -> list[SumberDana]:
    with ctx.db.reader() as session:
        return list(session.exec(select(SumberDana).order_by(SumberDana.kode)))


def set_target(
    ctx: AppContext,
    *,
    actor: User,
    funder_kode: str,
    periode: int,
    jumlah: int,
    wilayah_kode: str | None = None,
) -> Target:
    require(actor, Perm.SETTINGS_MANAGE)
    office = require_office(ctx)
    with ctx.db.writer() as session:
        funder = session.exec(select(SumberDana).where(SumberDana.kode == funder_kode)).first()
        if funder is None:
            raise UserError("funder.unknown", kode=funder_kode)
        return _set_target(
            session, funder.id or 0, periode, wilayah_kode or office.kode, jumlah, actor.username
        )


def saved_target(
    ctx: AppContext, *, funder_kode: str, periode: int, wilayah_kode: str | None = None
) -> int | None:
    """The target saved for a funder and programme year in this office's area (None if none)."""
    office = ctx.office or ctx.reload_office()
    area = wilayah_kode or (office.kode if office else "")
    with ctx.db.reader() as session:
        row = session.exec(
            select(Target.jumlah)
            .join(SumberDana, SumberDana.id == Target.sumber_dana_id)  # type: ignore[arg-type]
            .where(
                SumberDana.kode == funder_kode,
                Target.periode == periode,
                Target.wilayah_kode == area,
            )
        ).first()
    return None if row is None else int(row)


def targets_by_funder(ctx: AppContext, *, periode: int) -> dict[int, int]:
    """Funder id -> this office's target for programme year ``periode``: the one set for the
    office's own area, else what the areas right below it add up to (as Beranda counts it)."""
    office = ctx.office or ctx.reload_office()
    with ctx.db.reader() as session:
        rows = session.exec(
            select(Target.sumber_dana_id, Target.wilayah_kode, Target.jumlah).where(
                Target.periode == periode
            )
        ).all()
    return office_targets_by_funder(
        [(int(f), str(w), int(n)) for f, w, n in rows], office.kode if office else ""
    )


def domicile_names(ctx: AppContext) -> dict[str, str]:
    """Kode -> name of each kabupaten named as a funder's domicile."""
    with ctx.db.reader() as session:
        rows = session.exec(
            select(Wilayah.kode, Wilayah.nama).join(
                SumberDana,
                SumberDana.domisili_kab == Wilayah.kode,  # type: ignore[arg-type]
            )
        ).all()
    return {str(kode): str(nama) for kode, nama in rows}
