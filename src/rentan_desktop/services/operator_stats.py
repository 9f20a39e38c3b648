"""Keying quality per operator per day, as CSPro's operator statistics give it to a supervisor.

Read from the audit trail and the records, never from counters a client could inflate:

* keyed: ``registrant.create`` events of hand entries (imports name their source file and are
  counted apart);
* warnings: the warning codes stored with the creation event (the record's own list for events
  written before they were), i.e. records saved with a warning such as a NIK/birth-date mismatch;
* corrections: later ``registrant.update`` events on those records, by anyone (fields changed);
* errors: fields of double-keyed forms (services/double_keying.py) on which the supervisor kept
  the *other* keying's value, over the fields compared. A record with an error cannot be saved,
  so this and the corrections are what "error" means for records that exist.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import col, select

from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services.context import WITA, AppContext, today_wita
from rentan_desktop.storage.json_sql import json_array_length, json_text
from rentan_desktop.storage.keying_models import DoubleKeyDiff, DoubleKeyItem
from rentan_desktop.storage.models import AuditEvent, Registrant, User

CHECK_EVERY = 5000  # rows between cancel checks


@dataclass
class OperatorDay:
    """One operator's figures for one day (``day`` None: the whole period)."""

    operator: str
    full_name: str
    day: date | None
    keyed: int = 0  # records keyed by hand
    imported: int = 0  # records created by an import this operator ran
    with_warnings: int = 0  # keyed records saved with at least one warning
    corrected: int = 0  # keyed records corrected later (by anyone)
    corrected_by_others: int = 0
    corrected_fields: int = 0
    double_keyed: int = 0  # forms of this operator's (first or second) keying compared
    fields_compared: int = 0
    errors: int = 0  # compared fields where the other keying was kept
    undecided: int = 0  # differing fields not decided yet

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return None if whole == 0 else part / whole

    @property
    def warning_rate(self) -> float | None:
        return self._rate(self.with_warnings, self.keyed)

    @property
    def correction_rate(self) -> float | None:
        return self._rate(self.corrected, self.keyed)

    @property
    def error_rate(self) -> float | None:
        return self._rate(self.errors, self.fields_compared)

    def add(self, other: OperatorDay) -> None:
        for f in fields(self):
            if f.type == "int":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["day"] = self.day.isoformat() if self.day else None
        out.update(
            warning_rate=self.warning_rate,
            correction_rate=self.correction_rate,
            error_rate=self.error_rate,
        )
        return out


@dataclass(frozen=True)
class OperatorStats:
    start: date
    end: date
    days: list[OperatorDay]  # operator, then day
    totals: list[OperatorDay]  # one per operator, most keyed first

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "operators": [t.as_dict() for t in self.totals],
            "days": [d.as_dict() for d in self.days],
        }


def _utc(day: date) -> str:
    moment = datetime.combine(day, datetime.min.time(), WITA)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _day(ts: str | datetime) -> date:
    moment = ts if isinstance(ts, datetime) else datetime.fromisoformat(ts)
    return moment.astimezone(WITA).date()


def compute(
    ctx: AppContext,
    *,
    actor: User,
    start: date | None = None,
    end: date | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> OperatorStats:
    """Figures per operator per day for records keyed from ``start`` to ``end`` (WITA, inclusive;
    default the last 30 days). Corrections count whenever they were made."""
    require(actor, Perm.KEYING_QUALITY)
    end = end or today_wita()
    start = start or end - timedelta(days=29)
    lo, hi = _utc(start), _utc(end + timedelta(days=1))
    stop = cancelled or (lambda: False)
    cells: dict[tuple[str, date], OperatorDay] = {}
    with ctx.db.reader() as session:
        names = dict(session.exec(select(User.username, User.full_name)).all())

        def cell(user: str, day: date) -> OperatorDay:
            key = (user, day)
            if key not in cells:
                cells[key] = OperatorDay(user, names.get(user, user), day)
            return cells[key]

        keyed_by: dict[str, tuple[str, date]] = {}
        created = session.exec(_created(lo, hi))
        for n, (user, ts, uuid, imported, at_keying, stored) in enumerate(created):
            if n % CHECK_EVERY == 0 and stop():
                break
            c = cell(user, _day(ts))
            if imported:
                c.imported += 1
                continue
            c.keyed += 1
            keyed_by[uuid] = (user, c.day)  # type: ignore[assignment]
            codes = json.loads(at_keying if at_keying is not None else (stored or "[]"))
            if codes:
                c.with_warnings += 1
        seen: set[str] = set()
        by_others: set[str] = set()
        updates = session.exec(_updated(lo))
        for n, (uuid, user, changed) in enumerate(updates):
            if n % CHECK_EVERY == 0 and stop():
                break
            owner = keyed_by.get(uuid)
            if owner is None:
                continue
            c = cell(*owner)
            c.corrected_fields += int(changed or 0)
            if uuid not in seen:
                seen.add(uuid)
                c.corrected += 1
            if user != owner[0] and uuid not in by_others:
                by_others.add(uuid)
                c.corrected_by_others += 1
        _double_keying(session, cell, lo, hi)
    days = sorted(cells.values(), key=lambda c: (c.full_name.lower(), c.day or start))
    totals: dict[str, OperatorDay] = defaultdict(lambda: OperatorDay("", "", None))
    for c in days:
        t = totals[c.operator]
        t.operator, t.full_name = c.operator, c.full_name
        t.add(c)
    ranked = sorted(totals.values(), key=lambda t: (-t.keyed, t.full_name.lower()))
    return OperatorStats(start, end, days, ranked)


def _double_keying(
    session: Any, cell: Callable[[str, date], OperatorDay], lo: str, hi: str
) -> None:
    """Forms keyed twice: each keying's fields compared, and the fields where the other won."""
    i = DoubleKeyItem
    items = select(
        i.id,
        i.first_operator,
        i.first_keyed_at,
        i.second_operator,
        i.second_keyed_at,
        i.fields_compared,
    ).where(col(i.second_operator).is_not(None))
    for item_id, first, first_at, second, second_at, compared in session.exec(items):
        diffs = session.exec(select(DoubleKeyDiff.chosen).where(DoubleKeyDiff.item_id == item_id))
        chosen = list(diffs)
        for user, ts, lost in ((first, first_at, "second"), (second, second_at, "first")):
            if not lo <= _utc_text(ts) < hi:
                continue
            c = cell(user, _day(ts))
            c.double_keyed += 1
            c.fields_compared += int(compared)
            c.errors += sum(1 for winner in chosen if winner == lost)
            c.undecided += sum(1 for winner in chosen if winner is None)


def _utc_text(ts: str | datetime) -> str:
    moment = ts if isinstance(ts, datetime) else datetime.fromisoformat(ts)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _created(lo: str, hi: str) -> Any:
    """Creation events from ``lo`` to ``hi``: who, when, which record, whether imported (the
    event names a source file or legacy import), the warnings at keying and the record's own."""
    e, r = AuditEvent, Registrant
    imported = or_(
        json_text(e.detail, "source").is_not(None),
        json_text(e.detail, "legacy_import").is_not(None),
    )
    return (
        select(e.actor, e.ts, e.entity_uuid, imported, json_text(e.detail, "warnings"), r.warnings)
        .select_from(e)
        .outerjoin(r, col(r.uuid) == e.entity_uuid)
        .where(
            e.action == "registrant.create",
            col(e.entity_uuid).is_not(None),
            col(e.ts) >= datetime.fromisoformat(lo),
            col(e.ts) < datetime.fromisoformat(hi),
        )
        .order_by(col(e.id))
    )


def _updated(lo: str) -> Any:
    """Field updates from ``lo`` on: which record, by whom, how many fields changed."""
    e = AuditEvent
    return (
        select(e.entity_uuid, e.actor, json_array_length(e.detail, "fields"))
        .where(e.action == "registrant.update", col(e.ts) >= datetime.fromisoformat(lo))
        .order_by(col(e.id))
    )
