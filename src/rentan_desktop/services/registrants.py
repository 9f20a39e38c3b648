"""Registering, correcting and moving registrants through their lifecycle, with the audit trail."""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from rentan_desktop.domain import (
    duplicates,
    formatting,
    issues,
    lifecycle,
    names,
    registrant,
    registrant_rules,
)
from rentan_desktop.domain.duplicates import Match, Person
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.nik import normalise as nik_digits
from rentan_desktop.domain.registrant import CleanRegistrant, RegistrantInput
from rentan_desktop.domain.registration_number import RegistrationNumber
from rentan_desktop.domain.roles import Perm, allowed, require
from rentan_desktop.services import active_registration, audit, concurrent
from rentan_desktop.services import registrant_store as store
from rentan_desktop.services.context import AppContext, require_office, today_wita
from rentan_desktop.services.errors import UserError, ValidationFailed
from rentan_desktop.services.setup import home_kabupaten
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import (
    DuplicateDismissal,
    Registrant,
    RegistrantChange,
    User,
)
from rentan_desktop.storage.types import utcnow

issues.define_all(
    {
        "registrant.unknown": ("Data pendaftar tidak ditemukan.", "Registrant not found."),
        "registrant.number_unknown": (
            "Nomor registrasi {number} tidak ditemukan di database ini: periksa ketikannya, "
            "atau cari dengan NIK atau nama.",
            "Registration number {number} is not in this database: check the typing, or search "
            "by NIK or name.",
        ),
        "registrant.number_shared": (
            "Nomor registrasi {number} dipakai {count} data ({candidates}): tampilkan dengan "
            "UUID-nya.",
            "Registration number {number} belongs to {count} records ({candidates}): show one by "
            "its UUID.",
        ),
        "registrant.locked_status": (
            "Data berstatus '{status}' tidak dapat diubah di sini.",
            "Records with status '{status}' cannot be edited here.",
        ),
        "dup.confirm": (
            "Data ini mungkin orang yang sudah terdaftar:\n{list}\n\nTetap simpan sebagai orang "
            "yang berbeda?",
            "This may be a person already registered:\n{list}\n\nSave it anyway as a different "
            "person?",
        ),
        "dup.confirm_item": ("• {nama} (NIK {nik}): {reasons}", "• {nama} (NIK {nik}): {reasons}"),
        "dismiss.reason": (
            "Alasan wajib diisi untuk menandai dua data sebagai orang berbeda.",
            "A reason is required to mark two records as different people.",
        ),
    }
)

# What a person enters, in the model's order (the registrant row's owner derives it).
EDITABLE = registrant_table.ENTERED
# Statuses set by other services (batches, receipts, BPJS results) and the permission each needs.
STATUS_PERMS = {
    Status.VERIFIED: Perm.STATUS_VERIFY,
    Status.REJECTED: Perm.STATUS_VERIFY,
    Status.INACTIVE: Perm.STATUS_DEACTIVATE,
    Status.DRAFT: Perm.REGISTRANT_EDIT,
    Status.ACCEPTED: Perm.STATUS_REVIEW,
    Status.RETURNED: Perm.STATUS_REVIEW,
    Status.SENT: Perm.BATCH_EXPORT,
    Status.REGISTERED: Perm.BPJS_EXCHANGE,
}


@dataclass(frozen=True)
class CheckResult:
    """What the form shows while typing: field issues, the exact duplicate and possible ones."""

    clean: CleanRegistrant | None
    found: list[Issue]
    exact: Registrant | None = None
    possible: list[Match] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return issues.errors_of(self.found)

    @property
    def warnings(self) -> list[Issue]:
        return issues.warnings_of(self.found)

    @property
    def can_save(self) -> bool:
        return self.clean is not None and self.exact is None


@dataclass(frozen=True)
class SaveResult:
    registrant: Registrant
    warnings: list[Issue]
    possible: list[Match]
    created: bool


def save_question(
    actor: User, result: CheckResult, *, lang: str = "id", skip: Sequence[str] = ()
) -> str | None:
    """The question to put to the clerk before saving ``result``'s record, or None to save at once.

    A probable duplicate (``result.possible``, less the candidates in ``skip`` that the clerk has
    already marked as different people) must be confirmed, and the question says why each
    candidate looks like the same person. NIKs are masked unless ``actor`` may see them whole.
    """
    listed = [m for m in result.possible if m.other.key not in set(skip)]
    if not listed or result.clean is None or result.exact is not None:
        return None
    full = allowed(actor.role, Perm.VIEW_FULL_NIK)
    lines = []
    for match in listed[:5]:
        reasons = match.reasons_line(lang)
        shown = match.other.nik if full else formatting.mask_nik(match.other.nik)
        lines.append(
            issues.text("dup.confirm_item", lang, nama=match.other.nama, nik=shown, reasons=reasons)
        )
    return issues.text("dup.confirm", lang, list="\n".join(lines))


def to_input(row: Registrant) -> RegistrantInput:
    """A stored record as form input (for editing)."""
    return RegistrantInput(
        **{k: getattr(row, k) if getattr(row, k) is not None else "" for k in EDITABLE}
    )


def _exact(session: Session, nik: str, periode: int, exclude_uuid: str | None) -> Registrant | None:
    """The record holding ``nik``'s active registration in ``periode``, loaded in ``session``."""
    hit = active_registration.holder(store.connection_of(session), nik, periode, exclude_uuid)
    return None if hit is None else session.get(Registrant, hit.id)


def possible_duplicates(
    session: Session, clean: CleanRegistrant, self_uuid: str | None
) -> list[Match]:
    """Candidates sharing the birth date, or the desa and the start of the name; then fuzzy-scored."""
    return _possible(store.connection_of(session), clean, self_uuid)


def _possible(
    con: sqlite3.Connection, clean: CleanRegistrant, self_uuid: str | None
) -> list[Match]:
    me = Person(
        key=self_uuid or "",
        nik=clean.nik,
        name_norm=clean.name_norm,
        tanggal_lahir=clean.tanggal_lahir,
        desa_kode=clean.desa_kode,
        nama=clean.nama,
        no_kk=clean.no_kk,
        jenis_kelamin=clean.jenis_kelamin,
        nama_ibu=clean.nama_ibu,
    )
    matches = duplicates.find(me, store.candidates(con, clean))
    if self_uuid and matches:
        dismissed = store.dismissed_with(con, self_uuid)
        matches = [m for m in matches if m.other.key not in dismissed]
    return matches


@dataclass(frozen=True)
class _Checked:
    """What :func:`_check_con` found; ``exact`` is the block's target as plain columns."""

    clean: CleanRegistrant | None
    found: list[Issue]
    exact: active_registration.Holder | None = None
    possible: list[Match] = field(default_factory=list)


def _check_con(
    con: sqlite3.Connection,
    ctx: AppContext,
    data: RegistrantInput,
    self_uuid: str | None,
    periode: int,
    *,
    partial: bool = False,
) -> _Checked:
    """Every rule of a save, read with plain indexed statements on ``con``'s transaction: the
    fields, the references, one active registration per NIK per year, and possible duplicates.

    This is the one answer for one record (form, ``rentan add``, corrections); imports ask the same
    rule for many rows at once through :mod:`active_registration`. With ``partial`` (a form still
    being typed) the NIK rule and the duplicate search run as soon as the NIK, or the NIK, name
    and birth date, are valid, even while other fields are not.
    """
    office = ctx.office
    home = home_kabupaten(office)
    rules = store.funder_rules(con, data.sumber_dana_id)
    # A record saved without RW (an RT-only desa list) stays correctable without inventing one.
    rw_optional = (
        self_uuid is not None and not str(data.rw or "").strip() and store.rt_only(con, self_uuid)
    )
    clean, found = registrant_rules.validate(
        data, rules=rules, home_kabupaten=home, today=today_wita(), rw_optional=rw_optional
    )
    if clean is not None:
        extra: list[Issue] = []
        if not store.is_desa(con, clean.desa_kode):
            extra.append(issues.error("desa.unknown", "desa_kode", value=clean.desa_kode))
        if rules is None:
            extra.append(issues.error("funder.missing", "sumber_dana_id"))
        if not store.has_pekerjaan(con, clean.pekerjaan_kode):
            extra.append(
                issues.error("pekerjaan.unknown", "pekerjaan_kode", kode=clean.pekerjaan_kode)
            )
        if extra:
            clean, found = None, found + extra
    probe = clean if clean is not None or not partial else _typed_so_far(data, found)
    if probe is None:
        return _Checked(None, found)
    exact = active_registration.holder(con, probe.nik, periode, self_uuid)
    if exact is not None:
        block = issues.error(
            "dup.exact",
            "nik",
            periode=periode,
            nama=exact.nama,
            desa=store.region_name(con, exact.desa_kode),
            uuid=exact.uuid,
        )
        return _Checked(clean, found + [block], exact=exact)
    if not probe.name_norm:
        return _Checked(clean, found)
    return _Checked(clean, found, possible=_possible(con, probe, self_uuid))


def _typed_so_far(data: RegistrantInput, found: list[Issue]) -> CleanRegistrant | None:
    """The part of an unfinished form the NIK rule and the duplicate search can use: a valid NIK,
    with the name and birth date when both are valid (otherwise the name is left empty)."""
    if any(i.is_error and i.field == "nik" for i in found):
        return None
    digits = nik_digits(data.nik)
    if len(digits) != 16:
        return None
    birth = registrant.parse_date(data.tanggal_lahir)
    nama = names.clean(str(data.nama or ""))
    complete = birth is not None and bool(nama)
    return CleanRegistrant(
        nik=digits,
        no_kk=None,
        nama=nama,
        tempat_lahir="",
        tanggal_lahir=birth or date.min,
        jenis_kelamin="",
        nama_ibu="",
        alamat="",
        rt="",
        rw="",
        desa_kode=str(data.desa_kode or ""),
        no_hp=None,
        pekerjaan_kode="",
        penghasilan=0,
        sumber_dana_id=0,
        notes="",
        name_norm=names.normalise(nama) if complete else "",
    )


def _check(
    session: Session,
    ctx: AppContext,
    data: RegistrantInput,
    self_uuid: str | None,
    periode: int,
    *,
    partial: bool = False,
) -> CheckResult:
    con = store.connection_of(session)
    checked = _check_con(con, ctx, data, self_uuid, periode, partial=partial)
    exact = None if checked.exact is None else session.get(Registrant, checked.exact.id)
    return CheckResult(checked.clean, checked.found, exact, checked.possible)


def check_in(
    session: Session, ctx: AppContext, data: RegistrantInput, self_uuid: str | None, periode: int
) -> CheckResult:
    """Every rule of a save inside the caller's transaction, as seen by ``self_uuid``'s record."""
    return _check(session, ctx, data, self_uuid, periode)


def check_partial(
    session: Session, ctx: AppContext, data: RegistrantInput, self_uuid: str | None, periode: int
) -> CheckResult:
    """:func:`check_in` for a form still being typed: the NIK rule and the duplicate search answer
    as soon as their own fields are valid (see :func:`_check_con`)."""
    return _check(session, ctx, data, self_uuid, periode, partial=True)


def check(
    ctx: AppContext, *, actor: User, data: RegistrantInput, uuid: str | None = None
) -> CheckResult:
    """Validate without saving (the form calls this as the clerk types)."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return _check(session, ctx, data, uuid, ctx.periode())


def _warnings_json(result: CheckResult | _Checked) -> str:
    codes = [i.code for i in issues.warnings_of(result.found)] + (
        ["dup.possible"] if result.possible else []
    )
    return json.dumps(codes)


def create(
    ctx: AppContext,
    *,
    actor: User,
    data: RegistrantInput,
    status: Status = Status.DRAFT,
    origin_batch: str | None = None,
    session: Session | None = None,
) -> SaveResult:
    """Validate, block exact duplicates, insert, audit; all in one transaction.

    Pass ``session`` to take part in a larger transaction (imports); otherwise one is opened.
    The statements run as plain SQL on the writer connection (see :mod:`registrant_store`).
    """
    require(actor, Perm.REGISTRANT_CREATE)
    office = require_office(ctx)
    if session is None:
        with ctx.db.raw_writer() as con:
            return _create(con, ctx, actor, data, status, origin_batch, office.kode)
    return _create(
        store.connection_of(session), ctx, actor, data, status, origin_batch, office.kode
    )


def _create(
    con: sqlite3.Connection,
    ctx: AppContext,
    actor: User,
    data: RegistrantInput,
    status: Status,
    origin_batch: str | None,
    office_kode: str,
) -> SaveResult:
    # Read in the writer's transaction: the same value ctx.periode() gives, without a reader session.
    periode = store.periode(con, today_wita().year)
    result = _check_con(con, ctx, data, None, periode)
    if result.clean is None or result.exact is not None:
        raise ValidationFailed(result.found)
    clean = result.clean
    now = utcnow()
    row = store.insert(
        con,
        registrant_table.from_clean(
            clean,
            uuid=str(uuidlib.uuid4()),
            periode=periode,
            status=status.value,
            warnings=_warnings_json(result),
            origin_office=office_kode,
            origin_batch=origin_batch,
            created_by=actor.username,
            created_at=now,
            updated_by=actor.username,
            updated_at=now,
        ),
    )
    audit.append(
        con,
        actor,
        "registrant.create",
        "registrant",
        row.uuid,
        {
            "status": status.value,
            "desa": clean.desa_kode,
            "possible_duplicates": [m.other.key for m in result.possible],
            # The warning codes at keying (no personal data): the operators' warning rate reads them
            # here, since the record's own list changes with each correction.
            "warnings": json.loads(_warnings_json(result)),
        },
    )
    return SaveResult(row, issues.warnings_of(result.found), result.possible, created=True)


def _load(session: Session, uuid: str, *, lock: bool = False) -> Registrant:
    query = select(Registrant).where(Registrant.uuid == uuid)
    row = session.exec(concurrent.locked(query) if lock else query).first()
    if row is None:
        raise UserError("registrant.unknown")
    return row


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def update(
    ctx: AppContext,
    *,
    actor: User,
    uuid: str,
    data: RegistrantInput,
    expected_version: int | None = None,
) -> SaveResult:
    """Correct a record: a new version, the changed fields old -> new in the audit trail."""
    require(actor, Perm.REGISTRANT_EDIT)
    with ctx.db.writer() as session:
        # Locked, then compared: of two people saving the same record at once, the second waits
        # for the first one's commit and then finds the version moved on (no lost update).
        row = _load(session, uuid, lock=True)
        if expected_version is not None and row.version != expected_version:
            raise concurrent.stale(session, row.updated_by, row.updated_at)
        return correct_in(session, ctx, actor, row, data)


def correct_in(
    session: Session,
    ctx: AppContext,
    actor: User,
    row: Registrant,
    data: RegistrantInput,
    via: str | None = None,
) -> SaveResult:
    """The correction itself, inside the caller's write transaction: every rule of a save, then
    the changed fields as a new version with the audit trail (``via`` names what asked for it,
    e.g. a re-sent legacy list). Raises :class:`ValidationFailed` and changes nothing when a rule
    refuses."""
    require(actor, Perm.REGISTRANT_EDIT)
    if row.status == Status.INACTIVE.value:
        raise UserError("registrant.locked_status", status=lifecycle.label(row.status))
    result = _check(session, ctx, data, row.uuid, row.periode)
    if result.clean is None or result.exact is not None:
        raise ValidationFailed(result.found)
    changes: dict[str, list[object]] = {}
    values: dict[str, object] = {}
    for key in EDITABLE:
        new = getattr(result.clean, key)
        if getattr(row, key) != new:
            changes[key] = [_plain(getattr(row, key)), _plain(new)]
            values[key] = new
    if changes:
        values.update(
            nama=result.clean.nama,
            desa_kode=result.clean.desa_kode,
            name_norm=result.clean.name_norm or None,
            version=row.version + 1,
            warnings=_warnings_json(result),
            updated_by=actor.username,
            updated_at=utcnow(),
        )
        registrant_table.update_loaded(session, row, values)
        _record_correction(session, actor, row.uuid, row.version, changes, via)
    if via is None or changes:
        # A clerk looked at the record and saved it: an RT head's "5 Perbaikan" on it is dealt
        # with (services.rt_review lists those still open as tasks).
        session.exec(  # type: ignore[call-overload]
            text(
                "UPDATE rt_review_row SET outcome = 'corrected' "
                "WHERE registrant_uuid = :uuid AND result = 'perbaikan' AND outcome = 'noted'"
            ).bindparams(uuid=row.uuid)
        )
    return SaveResult(row, result.warnings, result.possible, created=False)


# Fields whose values are personal data: the audit trail names them but does not hold their values.
PERSONAL = frozenset(
    {
        "nik",
        "no_kk",
        "nama",
        "tempat_lahir",
        "tanggal_lahir",
        "nama_ibu",
        "alamat",
        "no_hp",
        "notes",
    }
)


def _record_correction(
    session: Session,
    actor: User,
    uuid: str,
    version: int,
    changes: dict[str, list[object]],
    via: str | None = None,
) -> None:
    """Audit a correction: field names, non-personal values and a digest of everything in the chain;
    the personal values go to ``registrant_change``, which retention can erase."""
    import hashlib

    for key, (old, new) in changes.items():
        session.add(
            RegistrantChange(
                registrant_uuid=uuid,
                version=version,
                field=key,
                old_value=None if old is None else str(old),
                new_value=None if new is None else str(new),
            )
        )
    digest = hashlib.sha256(audit.canonical(changes).encode()).hexdigest()
    audit.record(
        session,
        actor,
        "registrant.update",
        "registrant",
        uuid,
        {
            "version": version,
            "fields": sorted(changes),
            "changes": {k: v for k, v in changes.items() if k not in PERSONAL},
            "digest": digest,
            **({"via": via} if via else {}),
        },
    )


def set_status_in(
    session: Session,
    actor: User,
    row: Registrant,
    new: Status,
    reason: str = "",
    extra: dict[str, object] | None = None,
) -> None:
    """Move one record to ``new`` inside an open transaction (for batch/receipt/BPJS services)."""
    require(actor, STATUS_PERMS[new])
    problems = lifecycle.check_transition(row.status, new, reason)
    if problems:
        raise ValidationFailed(problems)
    if new in lifecycle.ACTIVE and row.status not in {s.value for s in lifecycle.ACTIVE}:
        # Reactivating must not create a second active registration for the NIK.
        other = _exact(session, row.nik, row.periode, row.uuid)
        if other is not None:
            raise ValidationFailed(
                [
                    issues.error(
                        "dup.exact",
                        "nik",
                        periode=row.periode,
                        nama=other.nama,
                        desa=other.desa_kode,
                        uuid=other.uuid,
                    )
                ]
            )
    old = row.status
    if session.new or session.dirty or session.deleted:
        session.flush()  # the row's own pending changes go first
    now = utcnow()
    moved = registrant_table.set_status(
        session.connection(),
        uuid=row.uuid,
        old=old,
        new=new,
        reason=reason,
        actor=actor.username,
        at=now,
    )
    if not moved:  # the stored row is no longer in the status this object shows
        fresh = _load(session, row.uuid, lock=True)
        raise concurrent.stale(session, fresh.updated_by, fresh.updated_at)
    # The loaded object shows what the owner wrote, without writing it a second time.
    for key, value in (
        ("status", new.value),
        ("status_reason", reason.strip()),
        ("updated_by", actor.username),
        ("updated_at", now),
    ):
        set_committed_value(row, key, value)
    detail: dict[str, object] = {"old": old, "new": new.value, "reason": reason.strip()}
    detail.update(extra or {})
    audit.record(session, actor, "registrant.status", "registrant", row.uuid, detail)


@dataclass(frozen=True)
class BulkResult:
    changed: list[str]
    refused: dict[str, str]  # uuid -> message


def change_status(
    ctx: AppContext, *, actor: User, uuids: Sequence[str], new: Status | str, reason: str = ""
) -> BulkResult:
    """Apply one status to many records (RT results, deactivation); each refusal is reported."""
    target = Status(new)
    require(actor, STATUS_PERMS[target])
    changed: list[str] = []
    refused: dict[str, str] = {}
    with ctx.db.writer() as session:
        for uuid in uuids:
            try:
                with session.begin_nested():
                    set_status_in(session, actor, _load(session, uuid), target, reason)
                changed.append(uuid)
            except UserError as exc:
                refused[uuid] = exc.message(ctx.language)
    return BulkResult(changed, refused)


def get(ctx: AppContext, *, actor: User, uuid: str) -> Registrant:
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return _load(session, uuid)


def find_by_nik(ctx: AppContext, *, actor: User, nik: str) -> list[Registrant]:
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return list(
            session.exec(select(Registrant).where(Registrant.nik == nik).order_by(Registrant.id))
        )


def find_by_registration_number(
    ctx: AppContext, *, actor: User, number: RegistrationNumber
) -> list[Registrant]:
    """Every record whose UUID starts with the form's short number (usually one, see
    :mod:`rentan_desktop.domain.registration_number` for why it can be more)."""
    require(actor, Perm.REGISTRANT_VIEW)
    (lo, hi), (up_lo, up_hi) = number.uuid_ranges()
    column = Registrant.uuid
    with ctx.db.reader() as session:
        return list(
            session.exec(
                select(Registrant)
                .where(((column >= lo) & (column < hi)) | ((column >= up_lo) & (column < up_hi)))
                .order_by(Registrant.id)
            )
        )


def history(ctx: AppContext, *, actor: User, uuid: str) -> list[dict[str, object]]:
    """Every audit event about one record, oldest first, with its detail decoded.

    Corrections show every changed field as ``[old, new]``; values erased by retention show as None.
    """
    require(actor, Perm.REGISTRANT_VIEW)
    full = allowed(actor.role, Perm.VIEW_FULL_NIK)
    with ctx.db.reader() as session:
        rows = session.exec(
            text(
                "SELECT ts, actor, action, detail FROM audit_event WHERE entity_uuid = :u ORDER BY id"
            ),  # type: ignore[call-overload]
            params={"u": uuid},
        ).all()
        values: dict[int, dict[str, list[object]]] = {}
        for change in session.exec(
            select(RegistrantChange).where(RegistrantChange.registrant_uuid == uuid)
        ):
            values.setdefault(change.version, {})[change.field] = [
                change.old_value,
                change.new_value,
            ]
    out: list[dict[str, object]] = []
    for ts, who, action, detail in rows:
        decoded = json.loads(detail)
        if action == "registrant.update" and "fields" in decoded:
            stored = values.get(int(decoded.get("version", 0)), {})
            decoded["changes"] = {
                f: stored.get(f, decoded.get("changes", {}).get(f, [None, None]))
                for f in decoded["fields"]
            }
            if not full:  # a corrected NIK/KK is as sensitive in the history as on the record
                decoded["changes"] = {
                    f: _masked_change(f, v) for f, v in decoded["changes"].items()
                }
        out.append({"ts": ts, "actor": who, "action": action, "detail": decoded})
    return out


def _masked_change(field: str, change: list[object]) -> list[object]:
    """Old and new value of a correction as a role without ``nik.view_full`` may see them."""
    if field in ("nik", "no_kk"):
        return [formatting.mask_nik(str(v)) if v else v for v in change]
    if field == "nama_ibu":
        return ["***" if v else v for v in change]
    return change


def dismiss_duplicate(
    ctx: AppContext, *, actor: User, uuid_a: str, uuid_b: str, reason: str
) -> None:
    """Record that two records are different people, so the warning stops showing."""
    require(actor, Perm.DUPLICATE_DECIDE)
    if not reason.strip():
        raise UserError("dismiss.reason")
    with ctx.db.writer() as session:
        _load(session, uuid_a), _load(session, uuid_b)
        session.add(
            DuplicateDismissal(
                uuid_a=uuid_a,
                uuid_b=uuid_b,
                reason=reason.strip(),
                decided_by=actor.username,
                decided_at=utcnow(),
            )
        )
        audit.record(
            session,
            actor,
            "duplicate.dismiss",
            "registrant",
            uuid_a,
            {"other": uuid_b, "reason": reason.strip()},
        )


def duplicates_of(ctx: AppContext, *, actor: User, uuid: str) -> list[Match]:
    """Possible duplicates of a stored record (the detail view's warnings)."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        row = _load(session, uuid)
        result = _check(session, ctx, to_input(row), uuid, row.periode)
        return result.possible
