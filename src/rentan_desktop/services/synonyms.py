"""The office's own synonym table: free-text values desa lists write, mapped to category codes.

The shipped table (``resources/legacy/nilai_kode.json``) knows the words most desa use; a regency
learns its own ("TUKANG KETINTING" on the Mahakam is a motoris). A coordinator adds them here once,
and its master-data pack carries them to every kecamatan below, whose legacy import then maps the
word without each clerk adding it to a profile. Office entries win over the shipped table; a user's
own choice in an import (``--map-value``, the wizard's value step) still wins over both.

Stored as one JSON value in the ``setting`` table (key :data:`SETTING`): ``{field: {text: code}}``
with the text normalised as the matcher normalises it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.legacy import values as lv
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import Pekerjaan, Setting, User

SETTING = "padanan_nilai"
#: Fields with an office synonym table, and the label messages use.
FIELDS = {"pekerjaan": "Pekerjaan"}
MAX_TEXT = 100

SYN_FIELD = issues.define(
    "synonym.field",
    id="Kolom {kolom} tidak punya tabel padanan; pilihan: {pilihan}.",
    en="Column {kolom} has no synonym table; choices: {pilihan}.",
)
SYN_TEXT = issues.define(
    "synonym.text",
    id="Tulisan padanan harus diisi (paling banyak {max} huruf); tidak ada yang diubah.",
    en="The synonym text is required (at most {max} characters); nothing was changed.",
)
SYN_CODE = issues.define(
    "synonym.code",
    id="Kode {kode} tidak ada di daftar {kolom} yang aktif; pilihan: {pilihan}.",
    en="Code {kode} is not in the active {kolom} list; choices: {pilihan}.",
)
SYN_MISSING = issues.define(
    "synonym.missing",
    id="Padanan '{teks}' tidak ada di tabel {kolom} kantor ini; tidak ada yang diubah.",
    en="Synonym '{teks}' is not in this office's {kolom} table; nothing was changed.",
)


@dataclass(frozen=True)
class Synonym:
    """One office synonym: ``text`` (normalised) in ``field`` means ``kode`` (``label``)."""

    field: str
    text: str
    kode: str
    label: str = ""


def stored(session: Session) -> dict[str, dict[str, str]]:
    """The office table, field -> normalised text -> code (empty when none was added)."""
    row = session.get(Setting, SETTING)
    if row is None:
        return {}
    try:
        data = json.loads(row.value)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        f: {str(t): str(c) for t, c in m.items()}
        for f, m in data.items()
        if f in FIELDS and isinstance(m, dict)
    }


def save(session: Session, table: Mapping[str, Mapping[str, str]]) -> None:
    """Write the whole office table (inside the caller's transaction)."""
    value = json.dumps(
        {f: dict(sorted(m.items())) for f, m in sorted(table.items()) if m}, ensure_ascii=False
    )
    row = session.get(Setting, SETTING)
    if row is None:
        session.add(Setting(key=SETTING, value=value))
    else:
        row.value = value
        session.add(row)


def listing(ctx: AppContext) -> list[Synonym]:
    """Every office synonym with its category label, by field and text."""
    with ctx.db.reader() as session:
        table = stored(session)
        labels = _labels(session, active_only=False)
    return [
        Synonym(f, t, c, labels.get(c, ""))
        for f in sorted(table)
        for t, c in sorted(table[f].items())
    ]


def add(ctx: AppContext, *, actor: User, field: str, text: str, kode: str) -> Synonym:
    """Add (or change) one office synonym; ``kode`` may be the code or the category's label."""
    require(actor, Perm.SETTINGS_MANAGE)
    field = _field(field)
    written = _text(text)
    with ctx.db.writer() as session:
        labels = _labels(session, active_only=True)
        by_label = {lv.norm_value(label): c for c, label in labels.items()}
        by_code = {c.upper(): c for c in labels}
        chosen = by_code.get(kode.strip().upper()) or by_label.get(lv.norm_value(kode))
        if chosen is None:
            raise UserError(
                SYN_CODE, kode=kode, kolom=FIELDS[field], pilihan=", ".join(sorted(labels))
            )
        table = stored(session)
        old = table.setdefault(field, {}).get(written)
        table[field][written] = chosen
        save(session, table)
        audit.record(
            session,
            actor,
            "synonym.set",
            "setting",
            SETTING,
            {"field": field, "text": written, "old": old, "new": chosen},
        )
    return Synonym(field, written, chosen, labels[chosen])


def remove(ctx: AppContext, *, actor: User, field: str, text: str) -> Synonym:
    """Remove one office synonym (offices below keep theirs until they remove it themselves)."""
    require(actor, Perm.SETTINGS_MANAGE)
    field = _field(field)
    written = _text(text)
    with ctx.db.writer() as session:
        table = stored(session)
        kode = table.get(field, {}).pop(written, None)
        if kode is None:
            raise UserError(SYN_MISSING, teks=written, kolom=FIELDS[field])
        save(session, table)
        audit.record(
            session,
            actor,
            "synonym.remove",
            "setting",
            SETTING,
            {"field": field, "text": written, "old": kode},
        )
        label = _labels(session, active_only=False).get(kode, "")
    return Synonym(field, written, kode, label)


def _field(field: str) -> str:
    name = field.strip().lower()
    if name not in FIELDS:
        raise UserError(SYN_FIELD, kolom=field, pilihan=", ".join(FIELDS))
    return name


def _text(text: str) -> str:
    written = lv.norm_value(text)
    if not written or len(written) > MAX_TEXT:
        raise UserError(SYN_TEXT, max=MAX_TEXT)
    return written


def _labels(session: Session, *, active_only: bool) -> dict[str, str]:
    rows = session.exec(select(Pekerjaan)).all()
    return {p.kode: p.nama for p in rows if p.aktif or not active_only}
