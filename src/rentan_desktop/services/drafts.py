"""The entry form's unsaved work: one draft per user, written on every field change.

A clerk keys for hours; a power cut or a crash must lose at most the keystroke being typed. Each
change is one small ``BEGIN IMMEDIATE`` transaction on the ``entry_draft`` row of that user (WAL and
``synchronous=FULL`` make it durable when the commit returns). A draft is never deleted: discarding
it empties its data, so no code path removes rows.

The carry-forward values (desa, RT, RW, pekerjaan, sumber dana of the previous entry) are kept the
same way, so the next start continues where the clerk left off.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from rentan_desktop.domain.registrant import INPUT_FIELDS
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import EntryDraft, User
from rentan_desktop.storage.types import utcnow

# The form's fields, in the paper form's order; nothing else is ever stored in a draft.
FIELDS = INPUT_FIELDS  # what the form holds; a draft keeps nothing else
CARRY_FIELDS = ("desa_kode", "rt", "rw", "pekerjaan_kode", "sumber_dana_id")
MAX_VALUE = 2000  # longer than any field allows; keeps a stuck key from growing the row forever


@dataclass(frozen=True)
class Draft:
    """An unsaved form: its field values and, when editing, the record it belongs to."""

    username: str
    data: dict[str, str] = field(default_factory=dict)
    registrant_uuid: str | None = None
    updated_at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not any(v.strip() for v in self.data.values())


def _clean(values: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in values.items():
        if key in FIELDS and value is not None:
            out[key] = str(value)[:MAX_VALUE]
    return out


def _row(session: Session, username: str) -> EntryDraft | None:
    return session.exec(
        select(EntryDraft).where(EntryDraft.username == username).order_by(EntryDraft.id)  # type: ignore[arg-type]
    ).first()


def _decode(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _write(
    ctx: AppContext,
    username: str,
    update: Mapping[str, str],
    *,
    registrant_uuid: str | None,
    replace: bool,
    key: str = "form",
) -> None:
    with ctx.db.writer() as session:
        row = _row(session, username)
        stored = _decode(row.data) if row else {}
        form = {} if replace else dict(stored.get(key) or {})
        form.update(update)
        stored[key] = form
        if key == "form":
            stored["registrant_uuid"] = registrant_uuid
        text = json.dumps(stored, ensure_ascii=False, sort_keys=True)
        if row is None:
            row = EntryDraft(username=username, data=text, updated_at=utcnow())
        else:
            row.data, row.updated_at = text, utcnow()
        if key == "form":
            row.registrant_uuid = registrant_uuid
        session.add(row)


def save_field(
    ctx: AppContext,
    *,
    actor: User,
    name: str,
    value: str,
    registrant_uuid: str | None = None,
) -> None:
    """Store one changed field of the form (one small write transaction).

    Args:
        ctx: the application context.
        actor: the clerk typing; drafts are per user.
        name: a field name from :data:`FIELDS` (others are ignored).
        value: the text as typed.
        registrant_uuid: the record being edited, or None for a new entry.
    """
    require(actor, Perm.REGISTRANT_CREATE)
    if name not in FIELDS:
        return
    _write(
        ctx, actor.username, _clean({name: value}), registrant_uuid=registrant_uuid, replace=False
    )


def save_fields(
    ctx: AppContext,
    *,
    actor: User,
    values: Mapping[str, Any],
    registrant_uuid: str | None = None,
) -> None:
    """Store several changed fields in one transaction (changes queued while the writer was busy)."""
    require(actor, Perm.REGISTRANT_CREATE)
    _write(ctx, actor.username, _clean(values), registrant_uuid=registrant_uuid, replace=False)


def save(
    ctx: AppContext,
    *,
    actor: User,
    data: Mapping[str, Any],
    registrant_uuid: str | None = None,
) -> None:
    """Replace the whole draft with ``data`` (used when a form is filled programmatically)."""
    require(actor, Perm.REGISTRANT_CREATE)
    _write(ctx, actor.username, _clean(data), registrant_uuid=registrant_uuid, replace=True)


def load(ctx: AppContext, *, actor: User) -> Draft | None:
    """The user's unsaved form, or None when there is nothing worth offering back."""
    with ctx.db.reader() as session:
        row = _row(session, actor.username)
    if row is None:
        return None
    stored = _decode(row.data)
    draft = Draft(
        username=actor.username,
        data=_clean(stored.get("form") or {}),
        registrant_uuid=stored.get("registrant_uuid") or row.registrant_uuid,
        updated_at=row.updated_at,
    )
    return None if draft.empty else draft


def discard(ctx: AppContext, *, actor: User) -> None:
    """Empty the user's draft (after a save, or when the clerk declines it); the row stays."""
    with ctx.db.writer() as session:
        row = _row(session, actor.username)
        if row is None:
            return
        stored = _decode(row.data)
        stored["form"], stored["registrant_uuid"] = {}, None
        row.data = json.dumps(stored, ensure_ascii=False, sort_keys=True)
        row.registrant_uuid, row.updated_at = None, utcnow()
        session.add(row)


def save_carry(ctx: AppContext, *, actor: User, values: Mapping[str, Any]) -> None:
    """Remember the carried-forward fields of the entry just saved."""
    require(actor, Perm.REGISTRANT_CREATE)
    carry = {k: v for k, v in _clean(values).items() if k in CARRY_FIELDS}
    _write(ctx, actor.username, carry, registrant_uuid=None, replace=True, key="carry")


def load_carry(ctx: AppContext, *, actor: User) -> dict[str, str]:
    """The carried-forward fields of the user's previous entry (empty on the first entry)."""
    with ctx.db.reader() as session:
        row = _row(session, actor.username)
    if row is None:
        return {}
    carry = _decode(row.data).get("carry") or {}
    return {k: v for k, v in _clean(carry).items() if k in CARRY_FIELDS}
