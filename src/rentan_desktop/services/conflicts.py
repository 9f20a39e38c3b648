"""Conflicts held on import, decided by a supervisor field by field with a recorded reason.

Four kinds: ``nik`` (an incoming record has the NIK of another active registration, usually the same
person registered by two kecamatan), ``edited`` (a record changed both at the kecamatan and
here since it was last imported), ``owner`` (the batch's office does not own the record) and
``scope`` (a new record for another office's region; see ``services.ownership``). A ``scope``
conflict has no registration to write onto: deciding it only closes it as refused. A decision takes, per field, either the incoming or the existing
value and writes the result onto the existing registration as a new version. Nothing is decided
automatically and the audit trail keeps who chose what, why, and the values before and after.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from rentan_desktop.domain import formatting, issues, phone
from rentan_desktop.domain.region_code import KECAMATAN, RegionCode
from rentan_desktop.domain.registrant import SHEET_FIELDS
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_rows import COLUMNS
from rentan_desktop.services import (
    active_registration,
    audit,
    concurrent,
    ownership,
    registrant_store,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.batch_models import BatchConflict, BatchLedger
from rentan_desktop.storage.models import Pekerjaan, Registrant, SumberDana, User, Wilayah
from rentan_desktop.storage.types import utcnow

# Fields a supervisor chooses between (identity and personal data; not status or history).
DECIDABLE = SHEET_FIELDS  # as the batch workbook names them (the funder by its code)
# The batch workbook's column names, except where the side-by-side view shows a name, not the
# code the workbook carries ("Kode Desa" above "Kelinjau Ulu" read as a mistake).
HEADER = {c.key: c.header for c in COLUMNS} | {"desa_kode": "Desa", "pekerjaan_kode": "Pekerjaan"}

CONFLICT_UNKNOWN = issues.define(
    "conflict.unknown",
    id="Konflik tidak ditemukan atau sudah diputuskan.",
    en="Conflict not found or already decided.",
)
CONFLICT_REASON = issues.define(
    "conflict.reason",
    id="Alasan keputusan wajib diisi.",
    en="A reason for the decision is required.",
)
CONFLICT_CHOICE = issues.define(
    "conflict.choice",
    id="Pilihan untuk kolom {field} harus 'incoming' atau 'existing'.",
    en="The choice for field {field} must be 'incoming' or 'existing'.",
)
CONFLICT_NIK_TAKEN = issues.define(
    "conflict.nik_taken",
    id="NIK {nik} sudah dipakai pendaftaran aktif lain; pilih NIK yang lain.",
    en="NIK {nik} is used by another active registration; choose the other NIK.",
)


@dataclass(frozen=True)
class FieldDiff:
    """One field side by side."""

    key: str
    header: str
    incoming: str
    existing: str
    incoming_shown: str = ""  # the value as the screen shows it (names for codes, dd-mm-yyyy…)
    existing_shown: str = ""

    @property
    def differs(self) -> bool:
        return self.incoming != self.existing


@dataclass(frozen=True)
class ConflictView:
    """A held record next to the registration it collides with."""

    uuid: str
    kind: str
    status: str
    batch_uuid: str
    origin_office: str
    incoming_uuid: str
    existing_uuid: str
    fields: tuple[FieldDiff, ...]
    decision: Mapping[str, str]
    reason: str
    sender: str = ""  # office that signed the batch
    owner: str = ""  # office that owns the existing registration here
    place_names: Mapping[str, str] = field(default_factory=dict)  # region code -> name

    def place(self, code: str) -> str:
        """An office or desa code as people name it ("Kec. Muara Ancalong"), never the code."""
        name = self.place_names.get(code, "")
        if not name:
            return code or "-"
        kecamatan = (parsed := RegionCode.try_parse(code)) is not None and parsed.level == KECAMATAN
        return f"Kec. {name}" if kecamatan else name

    def why(self, lang: str | None = None) -> str:
        """One sentence saying why the record was held."""
        incoming = {f.key: f.incoming for f in self.fields}
        kind = self.kind
        if kind == ownership.OWNER and ownership.may_touch(self.sender, self.owner):
            kind = "owner_transferred"  # handed over since it was held
        return issues.text(
            f"conflict.why.{kind}",
            lang,
            owner=self.place(self.owner),
            sender=self.place(self.sender),
            desa=self.place(incoming.get("desa_kode", "")),
            origin=self.place(self.origin_office or self.sender),
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(key: str, value: str, labels: Mapping[str, str]) -> str:
    """A stored field value as the screen shows it."""
    if not value:
        return ""
    if key == "tanggal_lahir":
        try:
            return formatting.tanggal_pendek(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if key == "no_hp":
        return phone.display(value)
    if key in ("desa_kode", "pekerjaan_kode"):
        return labels.get(value, value)
    if key == "penghasilan" and value.isdigit():
        return formatting.rupiah(int(value))
    return value


def _labels(session: Session, codes: set[str]) -> dict[str, str]:
    """Names of the region and occupation codes a set of conflicts mentions."""
    codes = {c for c in codes if c}
    if not codes:
        return {}
    found = {
        w.kode: w.nama for w in session.exec(select(Wilayah).where(col(Wilayah.kode).in_(codes)))
    }
    found.update(
        {
            p.kode: p.nama
            for p in session.exec(select(Pekerjaan).where(col(Pekerjaan.kode).in_(codes)))
        }
    )
    return {k: (v.title() if k.isdigit() and len(k) == 10 else v) for k, v in found.items()}


def _existing_texts(session: Session, row: Registrant) -> dict[str, str]:
    funder = session.get(SumberDana, row.sumber_dana_id)
    out = {k: _text(getattr(row, k, "")) for k in DECIDABLE if k != "sumber_dana"}
    out["sumber_dana"] = funder.kode if funder else ""
    return out


def _view(session: Session, conflict: BatchConflict) -> ConflictView:
    incoming = json.loads(conflict.incoming)
    existing = session.exec(
        select(Registrant).where(Registrant.uuid == conflict.existing_uuid)
    ).first()
    current = _existing_texts(session, existing) if existing else dict.fromkeys(DECIDABLE, "")
    ledger = session.exec(
        select(BatchLedger).where(
            BatchLedger.doc_uuid == conflict.batch_uuid, BatchLedger.direction == "in"
        )
    ).first()
    sender = ledger.office_kode if ledger else ""
    owner = existing.origin_office if existing else ""
    origin = incoming.get("origin_office", "")
    labels = _labels(
        session,
        {
            sender,
            owner,
            origin,
            str(incoming.get("desa_kode", "")),
            current.get("desa_kode", ""),
            str(incoming.get("pekerjaan_kode", "")),
            current.get("pekerjaan_kode", ""),
        },
    )
    fields = tuple(
        FieldDiff(
            k,
            HEADER[k],
            incoming.get(k, ""),
            current[k],
            _shown(k, _text(incoming.get(k, "")), labels),
            _shown(k, current[k], labels),
        )
        for k in DECIDABLE
    )
    return ConflictView(
        conflict.uuid,
        conflict.kind,
        conflict.status,
        conflict.batch_uuid,
        origin,
        conflict.incoming_uuid,
        conflict.existing_uuid,
        fields,
        json.loads(conflict.decision or "{}"),
        conflict.reason,
        sender,
        owner,
        labels,
    )


def list_conflicts(
    ctx: AppContext, *, actor: User, status: str | None = "open"
) -> list[ConflictView]:
    """Conflicts side by side, oldest first (``status=None`` for all)."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        query = select(BatchConflict).order_by(BatchConflict.id)
        if status:
            query = query.where(BatchConflict.status == status)
        return [_view(session, c) for c in session.exec(query).all()]


def _stored_value(session: Session, row: Registrant, key: str, value: str) -> dict[str, object]:
    """The column(s) a decided field sets, from the workbook text (the funder by its code)."""
    if key == "sumber_dana":
        funder = session.exec(select(SumberDana).where(SumberDana.kode == value)).first()
        if funder is None:
            return {}
        return {"sumber_dana_id": funder.id or row.sumber_dana_id}
    if key == "tanggal_lahir":
        return {key: date.fromisoformat(value)}
    if key == "penghasilan":
        return {key: int(value or 0)}
    if key in ("no_kk", "no_hp"):
        return {key: value or None}
    return {key: value}


def decide(
    ctx: AppContext, *, actor: User, conflict: str, choices: Mapping[str, str], reason: str
) -> ConflictView:
    """Decide a conflict field by field and write the result onto the existing registration.

    Args:
        ctx: application context.
        actor: a supervisor or coordinator (``conflict.decide``).
        conflict: the conflict's uuid.
        choices: ``{field: "incoming" | "existing"}``; fields not named keep the existing value.
        reason: why, recorded with the decision.
    """
    require(actor, Perm.CONFLICT_DECIDE)
    if not reason.strip():
        raise UserError(CONFLICT_REASON, "reason")
    for key, choice in choices.items():
        if key not in DECIDABLE or choice not in ("incoming", "existing"):
            raise UserError(CONFLICT_CHOICE, field=key)
    with ctx.db.writer() as session:
        # Locked, then read afresh: a second supervisor deciding the same conflict waits here for
        # the first one's commit, then sees it decided.
        held = session.exec(
            concurrent.locked(select(BatchConflict).where(BatchConflict.uuid == conflict))
        ).first()
        if held is None:
            raise UserError(CONFLICT_UNKNOWN)
        if held.status != "open":
            raise concurrent.already_decided(
                session, concurrent.CONFLICT, held.decided_by or "-", held.decided_at
            )
        if held.kind == ownership.SCOPE:
            return _refuse_scope(session, actor, held, reason.strip())
        row = session.exec(
            concurrent.locked(select(Registrant).where(Registrant.uuid == held.existing_uuid))
        ).first()
        if row is None:
            raise UserError(CONFLICT_UNKNOWN)
        incoming = json.loads(held.incoming)
        before = _existing_texts(session, row)
        changes = {
            k: [before[k], incoming.get(k, "")]
            for k, c in choices.items()
            if c == "incoming" and incoming.get(k, "") != before[k]
        }
        if "nik" in changes:
            _check_nik_free(session, incoming["nik"], row)
        if changes:
            values: dict[str, object] = {}
            for key, (_, new) in changes.items():
                values.update(_stored_value(session, row, key, new))
            values.update(
                nama=values.get("nama", row.nama),  # the derived columns follow both
                version=max(row.version, held.incoming_version) + 1,
                updated_by=actor.username,
                updated_at=utcnow(),
            )
            registrant_table.update_loaded(session, row, values)
        if held.kind == "edited":
            _mark_seen(session, held)
        held.status, held.reason = "decided", reason.strip()
        held.decision = json.dumps(dict(choices), sort_keys=True)
        held.outcome = "merged" if changes else "kept_existing"
        held.decided_by, held.decided_at = actor.username, utcnow()
        session.add(held)
        audit.record(
            session,
            actor,
            "conflict.decide",
            "registrant",
            row.uuid,
            {
                "conflict": held.uuid,
                "kind": held.kind,
                "incoming": held.incoming_uuid,
                "choices": dict(choices),
                "changes": changes,
                "reason": reason.strip(),
            },
        )
        session.flush()
        return _view(session, held)


def _refuse_scope(session: Session, actor: User, held: BatchConflict, reason: str) -> ConflictView:
    # Nothing to write onto: a record for another office's region is never created here; the
    # office that owns the region must send it itself.
    held.status, held.reason, held.decision, held.outcome = "decided", reason, "{}", "refused"
    held.decided_by, held.decided_at = actor.username, utcnow()
    session.add(held)
    audit.record(
        session,
        actor,
        "conflict.decide",
        "batch",
        held.batch_uuid,
        {
            "conflict": held.uuid,
            "kind": held.kind,
            "incoming": held.incoming_uuid,
            "outcome": "refused",
            "reason": reason,
        },
    )
    session.flush()
    return _view(session, held)


def _check_nik_free(session: Session, nik: str, row: Registrant) -> None:
    con = registrant_store.connection_of(session)  # the row's pending changes flushed first
    if active_registration.holder(con, nik, row.periode, row.uuid) is not None:
        raise UserError(CONFLICT_NIK_TAKEN, "nik", nik=nik)


def _mark_seen(session: Session, held: BatchConflict) -> None:
    # The incoming version is now part of this record's history, so the same version re-sent
    # later is "unchanged" rather than a new conflict.
    ledger = session.exec(
        select(BatchLedger).where(
            BatchLedger.doc_uuid == held.batch_uuid, BatchLedger.direction == "in"
        )
    ).first()
    if ledger is not None and ledger.id is not None:
        session.connection().execute(
            text(
                "INSERT INTO batch_item(ledger_id, registrant_uuid, version, outcome, reason) "
                "VALUES (:ledger, :uuid, :version, 'merged', :reason)"
            ),
            {
                "ledger": ledger.id,
                "uuid": held.incoming_uuid,
                "version": held.incoming_version,
                "reason": held.uuid,
            },
        )
