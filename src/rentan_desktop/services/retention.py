"""Retention: anonymise inactive records after a configurable number of years (UU PDP Pasal 43-44).

Anonymising keeps what the regency's statistics need (region, sex, birth year, occupation, funder,
programme year, status, coverage dates) and blanks everything that identifies a person: NIK, KK,
name, birthplace, exact birth date, mother's name, address, RT/RW, phone, KPJ and notes. The row
itself stays (counts and the audit trail keep pointing at its uuid); nothing is deleted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import col, select, update

from rentan_desktop.domain import issues
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, double_keying
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import Registrant, RegistrantChange, User
from rentan_desktop.storage.types import utcnow

YEARS_KEY = "retention.years"
ANON_NAME = "(dianonimkan)"
ANON_PREFIX = "ANON"  # never digits-only, so it can never match or collide with a real NIK

issues.define_all(
    {
        "retention.not_set": (
            "Masa simpan belum diatur; atur dulu jumlah tahunnya (rentan retention set --years N).",
            "No retention period is set; set the number of years first (rentan retention set --years N).",
        ),
        "retention.years_invalid": (
            "Masa simpan harus antara 1 dan 30 tahun.",
            "The retention period must be between 1 and 30 years.",
        ),
        "retention.done": (
            "{count} data nonaktif lebih dari {years} tahun dianonimkan.",
            "{count} records inactive for more than {years} years were anonymised.",
        ),
        "retention.preview": (
            "{count} data nonaktif lebih dari {years} tahun akan dianonimkan.",
            "{count} records inactive for more than {years} years would be anonymised.",
        ),
    }
)


@dataclass(frozen=True)
class RetentionResult:
    years: int
    cutoff: datetime
    uuids: tuple[str, ...]
    dry_run: bool

    @property
    def count(self) -> int:
        return len(self.uuids)

    def message(self, lang: str | None = None) -> str:
        code = "retention.preview" if self.dry_run else "retention.done"
        return issues.text(code, lang, count=self.count, years=self.years)


def set_years(ctx: AppContext, *, actor: User, years: int) -> None:
    """Save the retention period in years (admin)."""
    require(actor, Perm.SETTINGS_MANAGE)
    if not 1 <= years <= 30:
        raise UserError("retention.years_invalid")
    ctx.set_setting(YEARS_KEY, years)
    with ctx.db.writer() as session:
        audit.record(session, actor, "retention.set", "setting", None, {"years": years})


def anonymised_nik(uuid: str) -> str:
    """A stable 16-character placeholder for an anonymised record's NIK."""
    return ANON_PREFIX + hashlib.sha256(uuid.encode()).hexdigest()[:12].upper()


def _anonymised(row: Registrant, actor: User, now: datetime) -> dict[str, object]:
    """What anonymising sets on ``row``; the name's normal form is emptied too, so no duplicate
    check finds the record."""
    return {
        "nik": anonymised_nik(row.uuid),
        "no_kk": None,
        "nama": ANON_NAME,
        "name_norm": "",
        "tempat_lahir": "",
        "tanggal_lahir": date(row.tanggal_lahir.year, 1, 1),  # the birth year, for age statistics
        "nama_ibu": "",
        "alamat": "",
        "rt": "0",
        "rw": "0",
        "no_hp": None,
        "kpj": None,
        "notes": "",
        "warnings": "",
        "version": row.version + 1,
        "updated_by": actor.username,
        "updated_at": now,
    }


def run(
    ctx: AppContext,
    *,
    actor: User,
    years: int | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> RetentionResult:
    """Anonymise records inactive (status ``inactive``) since before ``now - years``.

    Args:
        ctx: the application context.
        actor: must hold ``retention.run`` (admin).
        years: override of the saved setting.
        dry_run: only count what would change.
        now: the clock (tests).
    """
    require(actor, Perm.RETENTION_RUN)
    years = years if years is not None else ctx.setting(YEARS_KEY)
    if years is None:
        raise UserError("retention.not_set")
    if not 1 <= int(years) <= 30:
        raise UserError("retention.years_invalid")
    years = int(years)
    moment = now or utcnow()
    # 365.25 days a year: leap years do not shift the cutoff by a day per four years.
    cutoff = moment - timedelta(days=round(365.25 * years))
    with ctx.db.writer() as session:
        rows = session.exec(
            select(Registrant)
            .where(Registrant.status == Status.INACTIVE.value)
            .where(col(Registrant.updated_at) < cutoff)
            .where(Registrant.nama != ANON_NAME)
            .order_by(col(Registrant.id))
        ).all()
        uuids = tuple(r.uuid for r in rows)
        if dry_run:
            return RetentionResult(years, cutoff, uuids, True)
        if rows:
            changes = [_anonymised(r, actor, moment) for r in rows]
            keys = tuple(changes[0])
            registrant_table.update_many(
                session.connection(),
                keys,
                [
                    (*(registrant_table.stored(c[k]) for k in keys), r.id)
                    for c, r in zip(changes, rows, strict=True)
                ],
            )
        # Old and new values of past corrections live outside the audit chain: erase them too.
        for start in range(0, len(uuids), 500):
            part = uuids[start : start + 500]
            session.execute(
                update(RegistrantChange)
                .where(col(RegistrantChange.registrant_uuid).in_(part))
                .values(old_value=None, new_value=None)
            )
            double_keying.erase_values(session, part)
        audit.record_many(
            session,
            actor,
            "registrant.anonymise",
            "registrant",
            [(u, {"years": years}) for u in uuids],
        )
        audit.record(
            session,
            actor,
            "retention.run",
            "registrant",
            None,
            {"years": years, "cutoff": cutoff.isoformat(), "count": len(uuids)},
        )
    return RetentionResult(years, cutoff, uuids, False)
