"""How long since this office last heard from above and last sent upward (issue 19, point 4).

An office that has not taken a master-data pack for weeks may be registering under last year's
funder rules and targets; one that has not sent a batch keeps the regency's numbers behind. Beranda
and the title bar say so after a number of days an admin sets (setting ``staleness_days``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import WITA, AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import User

SETTING = "staleness_days"
DEFAULT_DAYS = 30

STALE_DAYS_INVALID = issues.define(
    "staleness.days",
    id="Batas hari harus antara 1 dan 365.",
    en="The number of days must be 1 to 365.",
)


@dataclass(frozen=True)
class Staleness:
    """The newest master-data pack applied and batch sent, and the warning threshold."""

    last_pack: datetime | None
    last_batch_out: datetime | None
    warn_after_days: int
    today: date

    def days_since_pack(self) -> int | None:
        return _days(self.last_pack, self.today)

    def days_since_batch(self) -> int | None:
        return _days(self.last_batch_out, self.today)

    @property
    def pack_stale(self) -> bool:
        days = self.days_since_pack()
        return days is not None and days > self.warn_after_days

    @property
    def batch_stale(self) -> bool:
        days = self.days_since_batch()
        return days is not None and days > self.warn_after_days


def _days(when: datetime | None, today: date) -> int | None:
    return None if when is None else (today - when.astimezone(WITA).date()).days


def staleness(ctx: AppContext, *, today: date | None = None) -> Staleness:
    """The two dates (indexed MAXes on the ledger) and the threshold."""

    def newest(kind: str, direction: str) -> datetime | None:
        return session.exec(
            select(func.max(BatchLedger.recorded_at)).where(
                BatchLedger.kind == kind, BatchLedger.direction == direction
            )
        ).one()

    with ctx.db.reader() as session:
        pack, batch = newest("masterdata", "in"), newest("batch", "out")
    return Staleness(
        pack, batch, int(ctx.setting(SETTING, DEFAULT_DAYS)), today or datetime.now(WITA).date()
    )


def set_warn_after(ctx: AppContext, *, actor: User, days: int) -> None:
    require(actor, Perm.SETTINGS_MANAGE)
    if not 1 <= days <= 365:
        raise UserError(STALE_DAYS_INVALID)
    ctx.set_setting(SETTING, days)
    with ctx.db.writer() as session:
        audit.record(session, actor, "staleness.set", "setting", SETTING, {"days": days})
