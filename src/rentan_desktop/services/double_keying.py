"""Double keying, as CSPro verifies data entry: a sample of paper forms keyed again, blind.

A supervisor draws a sample (a percentage of one day's hand-keyed records, or a list of NIKs) and
pulls those paper forms, writing each form's sample number on it. A second operator, who did not
key the form, keys it again from the paper without seeing the first keying. The two keyings are
compared field by field; where they differ the supervisor looks at the paper, keeps one value per
field, and a kept second value becomes an audited correction through the ordinary correction path
(``registrants.correct_in``). Which keying was right feeds the operators' error rate
(``services/operator_stats.py``).
"""

from __future__ import annotations

import json
import math
import random
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from rentan_desktop.domain import formatting, issues, nik, phone
from rentan_desktop.domain.lifecycle import NOT_HOLDING
from rentan_desktop.domain.registrant import LABELS, RegistrantInput
from rentan_desktop.domain.roles import Perm, allowed, require
from rentan_desktop.services import audit, registrants
from rentan_desktop.services.context import WITA, AppContext, today_wita
from rentan_desktop.services.errors import UserError, ValidationFailed
from rentan_desktop.storage.json_sql import json_text
from rentan_desktop.storage.keying_models import DoubleKeyDiff, DoubleKeyItem, DoubleKeySample
from rentan_desktop.storage.models import (
    AuditEvent,
    Pekerjaan,
    Registrant,
    SumberDana,
    User,
    Wilayah,
)
from rentan_desktop.storage.types import utcnow

# The paper form's fields. Notes are the clerk's own remarks, not on the paper: not compared.
COMPARED: tuple[str, ...] = tuple(f for f in registrants.EDITABLE if f != "notes")
WAITING, MATCH, DIFFER, RESOLVED = "menunggu", "cocok", "beda", "selesai"
STATUS_LABELS = {
    WAITING: ("Menunggu entri ulang", "Waiting for the second keying"),
    MATCH: ("Cocok", "Both keyings agree"),
    DIFFER: ("Beda — perlu diputuskan", "Differences to resolve"),
    RESOLVED: ("Selesai diputuskan", "Resolved"),
}
FIRST, SECOND = "first", "second"

issues.define_all(
    {
        "dk.percent": (
            "Persentase sampel harus antara 1 dan 100.",
            "The sample percentage must be between 1 and 100.",
        ),
        "dk.nothing": (
            "Tidak ada formulir yang bisa diambil sebagai sampel{why}.",
            "There is no form to sample{why}.",
        ),
        "dk.unknown": (
            "Formulir entri ganda nomor {item} tidak ada.",
            "Double-keying form {item} does not exist.",
        ),
        "dk.own_form": (
            "Formulir EG-{item} dientri oleh Anda sendiri; entri ulang harus oleh operator lain.",
            "You keyed form EG-{item} yourself; another operator must key it again.",
        ),
        "dk.already": (
            "Formulir EG-{item} sudah dientri ulang oleh {user}.",
            "Form EG-{item} was already keyed again by {user}.",
        ),
        "dk.not_differ": (
            "Formulir EG-{item} tidak punya perbedaan yang menunggu keputusan.",
            "Form EG-{item} has no differences waiting for a decision.",
        ),
        "dk.choice_missing": (
            "Pilih nilai yang benar untuk setiap ruas yang berbeda ({fields}).",
            "Choose the right value for every differing field ({fields}).",
        ),
        "dk.record_gone": (
            "Data formulir EG-{item} sudah tidak ada (dihapus atau dianonimkan).",
            "The record of form EG-{item} no longer exists (deleted or anonymised).",
        ),
    }
)


def status_label(status: str, lang: str | None = None) -> str:
    pair = STATUS_LABELS.get(status, (status, status))
    return pair[0] if (lang or issues.language()) == "id" else pair[1]


def form_number(item_id: int) -> str:
    """The number the supervisor writes on the paper form: ``EG-12``."""
    return f"EG-{item_id}"


@dataclass(frozen=True)
class SampleResult:
    sample_uuid: str
    item_ids: list[int]
    eligible: int  # forms the sample could be drawn from
    not_found: list[str] = field(default_factory=list)  # NIKs given that matched no record
    already: list[str] = field(default_factory=list)  # NIKs already in an earlier sample


@dataclass(frozen=True)
class ItemRow:
    """One sampled form as the supervisor's list shows it."""

    id: int
    registrant_uuid: str
    nama: str
    nik_masked: str
    desa: str
    first_operator: str
    first_keyed_at: datetime
    second_operator: str | None
    status: str
    differences: int
    open_differences: int
    first_name: str = ""  # the operators' full names, as people know each other
    second_name: str = ""


@dataclass(frozen=True)
class PendingForm:
    """A form waiting for a second keying, as the second operator sees it: nothing keyed."""

    id: int
    desa: str
    first_keyed_at: datetime
    sampled_at: datetime


@dataclass(frozen=True)
class KeyingOutcome:
    item_id: int
    status: str
    fields_compared: int
    differing: list[str]  # field names (values are not shown to the second operator)


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    first: str  # as shown to people (dates dd-mm-yyyy, desa names, phone 08…)
    second: str
    current: str  # the record's value now (it may have been corrected since the sample)
    chosen: str | None


@dataclass(frozen=True)
class Comparison:
    item: ItemRow
    differences: list[Difference]


@dataclass(frozen=True)
class Resolution:
    item_id: int
    corrected: list[str]  # fields taken from the second keying and written to the record
    version: int


def _stored(value: object) -> str:
    """A record value as compared and kept: dates ISO, numbers as digits, empty for None."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _same(a: str, b: str) -> bool:
    """Two keyings agree when they differ only in letter case or spacing: the entry form
    upper-cases names and addresses, an import or the command line may not."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _first_values(row: Registrant) -> dict[str, str]:
    return {f: _stored(getattr(row, f)) for f in COMPARED}


def _names(session: Session, kind: str) -> dict[str, str]:
    if kind == "desa":
        rows = session.exec(select(Wilayah.kode, Wilayah.nama).where(Wilayah.level == 4)).all()
    elif kind == "pekerjaan":
        rows = session.exec(select(Pekerjaan.kode, Pekerjaan.nama)).all()
    else:  # funders by id, as the record stores them
        rows = [(f.id, f"{f.kode} — {f.nama}") for f in session.exec(select(SumberDana)).all()]
    return {str(k): str(v) for k, v in rows}


class _Display:
    """Turns stored values into what a person reads (never a code or an ISO date)."""

    def __init__(self, session: Session, full_nik: bool) -> None:
        self.desa = _names(session, "desa")
        self.pekerjaan = _names(session, "pekerjaan")
        self.funder = _names(session, "funder")
        self.full_nik = full_nik

    def __call__(self, name: str, value: str | None) -> str:
        if not value:
            return "—"
        if name == "tanggal_lahir":
            try:
                return formatting.tanggal_pendek(date.fromisoformat(value))
            except ValueError:
                return value
        if name == "desa_kode":
            return self.desa.get(value, value).upper()
        if name == "pekerjaan_kode":
            return self.pekerjaan.get(value, value)
        if name == "sumber_dana_id":
            return self.funder.get(value, value)
        if name == "no_hp":
            return phone.display(value)
        if name == "jenis_kelamin":
            return {"L": "L — Laki-laki", "P": "P — Perempuan"}.get(value, value)
        if name == "penghasilan" and value.isdigit():
            return formatting.rupiah(int(value))
        if name in ("nik", "no_kk") and not self.full_nik:
            return formatting.mask_nik(value)
        return value


def _hand_keyed_on(session: Session, day: date) -> list[str]:
    """Uuids of the active records keyed by hand (not imported) on ``day`` (WITA)."""
    start = datetime.combine(day, datetime.min.time(), WITA)
    end = start + timedelta(days=1)
    e, r = AuditEvent, Registrant
    uuids = session.exec(
        select(r.uuid)
        .join(e, col(e.entity_uuid) == r.uuid)
        .where(
            e.action == "registrant.create",
            col(e.ts) >= start,
            col(e.ts) < end,
            json_text(e.detail, "source").is_(None),
            col(r.origin_batch).is_(None),
            col(r.status).not_in([s.value for s in NOT_HOLDING]),
        )
        .order_by(col(r.id))
    ).all()
    return list(uuids)


def _sampled(session: Session) -> set[str]:
    return set(session.exec(select(DoubleKeyItem.registrant_uuid)).all())


def draw_sample(
    ctx: AppContext,
    *,
    actor: User,
    percent: float | None = None,
    day: date | None = None,
    niks: Sequence[str] = (),
    seed: int | None = None,
) -> SampleResult:
    """Choose forms to key again: ``percent`` % of ``day``'s hand-keyed records (today by default,
    at least one form), or the records holding the given ``niks``. A record is sampled once."""
    require(actor, Perm.KEYING_QUALITY)
    if not niks and (percent is None or not 1 <= percent <= 100):
        raise UserError("dk.percent")
    with ctx.db.writer() as session:
        taken = _sampled(session)
        not_found: list[str] = []
        already: list[str] = []
        if niks:
            chosen: list[Registrant] = []
            for raw in niks:
                digits = nik.normalise(raw)
                row = session.exec(
                    select(Registrant)
                    .where(Registrant.nik == digits)
                    .where(col(Registrant.status).not_in(["rejected", "inactive"]))
                ).first()
                if row is None:
                    not_found.append(str(raw))
                elif row.uuid in taken or row in chosen:
                    already.append(str(raw))
                else:
                    chosen.append(row)
            eligible = len(chosen)
            basis: dict[str, Any] = {"niks": len(niks)}
        else:
            day = day or today_wita()
            pool = [u for u in _hand_keyed_on(session, day) if u not in taken]
            eligible = len(pool)
            size = math.ceil(len(pool) * float(percent or 0) / 100) if pool else 0
            picked = sorted(random.Random(seed).sample(pool, size)) if size else []
            chosen = list(
                session.exec(select(Registrant).where(col(Registrant.uuid).in_(picked))).all()
            )
            chosen.sort(key=lambda r: r.id or 0)
            basis = {"percent": percent, "day": day.isoformat()}
        if not chosen:
            if niks:
                why = issues.text(
                    "dk.why_niks",
                    missing=", ".join(not_found) or "-",
                    already=", ".join(already) or "-",
                )
            else:
                why = issues.text("dk.why_day", day=formatting.tanggal(day))
            raise UserError("dk.nothing", why=why)
        sample = DoubleKeySample(
            uuid=str(uuidlib.uuid4()),
            basis=json.dumps(basis),
            created_by=actor.username,
            created_at=utcnow(),
        )
        session.add(sample)
        session.flush()
        items = [
            DoubleKeyItem(
                sample_id=sample.id or 0,
                registrant_uuid=r.uuid,
                first_operator=r.created_by,
                first_version=r.version,
                first_keyed_at=r.created_at,
                first_values=json.dumps(_first_values(r)),
            )
            for r in chosen
        ]
        session.add_all(items)
        session.flush()
        audit.record(
            session,
            actor,
            "double_key.sample",
            "double_key_sample",
            sample.uuid,
            {**basis, "forms": len(items), "eligible": eligible},
        )
        return SampleResult(sample.uuid, [i.id or 0 for i in items], eligible, not_found, already)


issues.define(
    "dk.why_niks",
    id=" (NIK tidak ditemukan: {missing}; sudah pernah disampel: {already})",
    en=" (NIK not found: {missing}; already sampled: {already})",
)
issues.define(
    "dk.why_day",
    id=" (tidak ada entri tangan yang belum disampel pada {day})",
    en=" (no hand-keyed record not yet sampled on {day})",
)


def items(ctx: AppContext, *, actor: User, open_only: bool = False) -> list[ItemRow]:
    """Every sampled form, newest sample first (``open_only``: waiting or with differences)."""
    require(actor, Perm.KEYING_QUALITY)
    with ctx.db.reader() as session:
        return _item_rows(session, open_only=open_only)


def _item_rows(
    session: Session, *, open_only: bool = False, item_id: int | None = None
) -> list[ItemRow]:
    sql = (
        "SELECT i.id, i.registrant_uuid, r.nama, r.nik, w.nama, i.first_operator, i.first_keyed_at,"
        " i.second_operator, i.status,"
        " (SELECT count(*) FROM double_key_diff d WHERE d.item_id = i.id),"
        " (SELECT count(*) FROM double_key_diff d WHERE d.item_id = i.id AND d.chosen IS NULL),"
        " u1.full_name, u2.full_name"
        " FROM double_key_item i LEFT JOIN registrant r ON r.uuid = i.registrant_uuid"
        " LEFT JOIN wilayah w ON w.kode = r.desa_kode"
        " LEFT JOIN app_user u1 ON u1.username = i.first_operator"
        " LEFT JOIN app_user u2 ON u2.username = i.second_operator"
    )
    where: list[str] = []
    params: dict[str, object] = {}
    if open_only:
        where.append("i.status IN ('menunggu', 'beda')")
    if item_id is not None:
        where.append("i.id = :id")
        params["id"] = item_id
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY i.sample_id DESC, i.id"
    out = []
    for row in session.exec(text(sql), params=params).all():  # type: ignore[call-overload]
        out.append(
            ItemRow(
                id=row[0],
                registrant_uuid=row[1],
                nama=row[2] or "—",
                nik_masked=formatting.mask_nik(row[3]) if row[3] else "—",
                desa=(row[4] or "—").upper(),
                first_operator=row[5],
                first_keyed_at=datetime.fromisoformat(row[6]),
                second_operator=row[7],
                status=row[8],
                differences=row[9],
                open_differences=row[10],
                first_name=row[11] or row[5],
                second_name=row[12] or row[7] or "",
            )
        )
    return out


def pending_for(ctx: AppContext, *, actor: User) -> list[PendingForm]:
    """Forms waiting for a second keying that ``actor`` may key (not their own), oldest first.
    Only where to find the paper is shown: the desa and the day it was keyed."""
    require(actor, Perm.REGISTRANT_CREATE)
    with ctx.db.reader() as session:
        rows = session.exec(  # type: ignore[call-overload]
            text(
                "SELECT i.id, w.nama, i.first_keyed_at, s.created_at FROM double_key_item i"
                " JOIN double_key_sample s ON s.id = i.sample_id"
                " LEFT JOIN registrant r ON r.uuid = i.registrant_uuid"
                " LEFT JOIN wilayah w ON w.kode = r.desa_kode"
                " WHERE i.status = 'menunggu' AND i.first_operator != :me ORDER BY i.id"
            ),
            params={"me": actor.username},
        ).all()
    return [
        PendingForm(
            r[0], (r[1] or "—").upper(), datetime.fromisoformat(r[2]), datetime.fromisoformat(r[3])
        )
        for r in rows
    ]


def _item(session: Session, item_id: int) -> DoubleKeyItem:
    item = session.get(DoubleKeyItem, item_id)
    if item is None:
        raise UserError("dk.unknown", item=item_id)
    return item


def submit(ctx: AppContext, *, actor: User, item_id: int, data: RegistrantInput) -> KeyingOutcome:
    """Record the blind second keying of form ``item_id`` and compare it field by field.

    The keying passes the same field rules as an entry (a value the rules refuse is named, and
    nothing is stored); the duplicate checks do not apply, it is the same person."""
    require(actor, Perm.REGISTRANT_CREATE)
    with ctx.db.writer() as session:
        item = _item(session, item_id)
        if item.first_operator == actor.username:
            raise UserError("dk.own_form", item=item_id)
        if item.status != WAITING:
            raise UserError("dk.already", item=item_id, user=item.second_operator or "")
        row = session.exec(
            select(Registrant).where(Registrant.uuid == item.registrant_uuid)
        ).first()
        if row is None:
            raise UserError("dk.record_gone", item=item_id)
        checked = registrants.check_in(session, ctx, data, row.uuid, row.periode)
        if checked.clean is None:
            raise ValidationFailed(checked.found)
        second = {f: _stored(getattr(checked.clean, f)) for f in COMPARED}
        first = json.loads(item.first_values)
        differing = [f for f in COMPARED if not _same(first.get(f, ""), second[f])]
        for name in differing:
            session.add(
                DoubleKeyDiff(
                    item_id=item_id,
                    field=name,
                    first_value=first.get(name),
                    second_value=second[name],
                )
            )
        item.second_operator = actor.username
        item.second_values = json.dumps(second)
        item.second_keyed_at = utcnow()
        item.fields_compared = len(COMPARED)
        item.status = DIFFER if differing else MATCH
        session.add(item)
        audit.record(
            session,
            actor,
            "double_key.enter",
            "registrant",
            item.registrant_uuid,
            {"item": item_id, "fields_compared": len(COMPARED), "differing": differing},
        )
        return KeyingOutcome(item_id, item.status, len(COMPARED), differing)


def compare(ctx: AppContext, *, actor: User, item_id: int) -> Comparison:
    """The two keyings of form ``item_id`` side by side, field by field, as people read them."""
    require(actor, Perm.KEYING_QUALITY)
    with ctx.db.reader() as session:
        item = _item(session, item_id)
        rows = _item_rows(session, item_id=item_id)
        row = session.exec(
            select(Registrant).where(Registrant.uuid == item.registrant_uuid)
        ).first()
        show = _Display(session, full_nik=allowed(actor.role, Perm.VIEW_FULL_NIK))
        diffs = session.exec(
            select(DoubleKeyDiff)
            .where(DoubleKeyDiff.item_id == item_id)
            .order_by(col(DoubleKeyDiff.id))
        ).all()
        out = [
            Difference(
                field=d.field,
                label=LABELS.get(d.field, d.field),
                first=show(d.field, d.first_value),
                second=show(d.field, d.second_value),
                current=show(d.field, _stored(getattr(row, d.field)) if row else None),
                chosen=d.chosen,
            )
            for d in diffs
        ]
    if show.full_nik and any(d.field in ("nik", "no_kk") for d in diffs):
        from rentan_desktop.services import privacy

        # Full numbers side by side: who saw them is recorded before they are returned.
        privacy.record_reveal(ctx, actor=actor, uuids=[item.registrant_uuid], purpose="double_key")
    return Comparison(rows[0], out)


def resolve(
    ctx: AppContext, *, actor: User, item_id: int, choices: Mapping[str, str]
) -> Resolution:
    """Keep one value per differing field (``"first"`` or ``"second"``). Second values become a
    correction of the record (a new version, audited, ``via`` double keying); all in one
    transaction, and a refused correction changes nothing."""
    require(actor, Perm.KEYING_QUALITY)
    with ctx.db.writer() as session:
        item = _item(session, item_id)
        if item.status != DIFFER:
            raise UserError("dk.not_differ", item=item_id)
        diffs = session.exec(select(DoubleKeyDiff).where(DoubleKeyDiff.item_id == item_id)).all()
        missing = [d.field for d in diffs if choices.get(d.field) not in (FIRST, SECOND)]
        if missing:
            raise UserError(
                "dk.choice_missing", fields=", ".join(LABELS.get(f, f) for f in missing)
            )
        row = session.exec(
            select(Registrant).where(Registrant.uuid == item.registrant_uuid)
        ).first()
        if row is None:
            raise UserError("dk.record_gone", item=item_id)
        taken = {d.field: d.second_value or "" for d in diffs if choices[d.field] == SECOND}
        corrected: list[str] = []
        if taken:
            current = registrants.to_input(row)
            values = {k: getattr(current, k) for k in registrants.EDITABLE}
            values.update(taken)
            before = row.version
            result = registrants.correct_in(
                session, ctx, actor, row, RegistrantInput(**values), via="double_key"
            )
            corrected = sorted(taken) if result.registrant.version != before else []
        for d in diffs:
            d.chosen = choices[d.field]
            session.add(d)
        item.status = RESOLVED
        item.resolved_by, item.resolved_at = actor.username, utcnow()
        session.add(item)
        audit.record(
            session,
            actor,
            "double_key.resolve",
            "registrant",
            item.registrant_uuid,
            {
                "item": item_id,
                "kept_first": sorted(f for f, c in choices.items() if c == FIRST),
                "kept_second": sorted(taken),
            },
        )
        return Resolution(item_id, corrected, row.version)


def erase_values(session: Session, registrant_uuids: Sequence[str]) -> None:
    """Retention: forget both keyings' values of these records (the counts stay for statistics)."""
    items = session.exec(
        select(DoubleKeyItem).where(col(DoubleKeyItem.registrant_uuid).in_(registrant_uuids))
    ).all()
    for item in items:
        item.first_values = "{}"
        item.second_values = None if item.second_values is None else "{}"
        session.add(item)
        for d in session.exec(select(DoubleKeyDiff).where(DoubleKeyDiff.item_id == item.id)):
            d.first_value = d.second_value = None
            session.add(d)
