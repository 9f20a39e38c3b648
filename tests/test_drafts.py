"""The entry draft: per user, one write per field change, offered back, never deleted."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import drafts
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


def test_no_draft_on_a_fresh_database(ctx: AppContext, admin: User) -> None:
    assert drafts.load(ctx, actor=admin) is None
    assert drafts.load_carry(ctx, actor=admin) == {}


def test_field_changes_accumulate_and_survive_reopening(
    ctx: AppContext, admin: User, db_path: object
) -> None:
    drafts.save_field(ctx, actor=admin, name="nik", value="6408014101900001")
    drafts.save_field(ctx, actor=admin, name="nama", value="SITI")
    drafts.save_field(ctx, actor=admin, name="nama", value="SITI AMINAH")
    ctx.close()
    again = AppContext.open(db_path)  # type: ignore[arg-type]
    try:
        draft = drafts.load(again, actor=admin)
    finally:
        again.close()
    assert draft is not None
    assert draft.data == {"nik": "6408014101900001", "nama": "SITI AMINAH"}
    assert draft.registrant_uuid is None
    assert draft.updated_at is not None and draft.updated_at.tzinfo is not None


def test_each_field_change_is_one_committed_transaction(
    ctx: AppContext, admin: User, db_path: object
) -> None:
    drafts.save_field(ctx, actor=admin, name="nama", value="BUDI")
    # Another connection sees it at once: the write was committed, not left pending.
    con = sqlite3.connect(str(db_path))
    try:
        (data,) = con.execute("SELECT data FROM entry_draft WHERE username = 'admin'").fetchone()
    finally:
        con.close()
    assert '"BUDI"' in data


def test_unknown_fields_are_ignored_and_values_capped(ctx: AppContext, admin: User) -> None:
    drafts.save_field(ctx, actor=admin, name="status", value="registered")
    assert drafts.load(ctx, actor=admin) is None
    drafts.save_field(ctx, actor=admin, name="notes", value="x" * 10_000)
    draft = drafts.load(ctx, actor=admin)
    assert draft is not None and len(draft.data["notes"]) == drafts.MAX_VALUE
    assert set(draft.data) == {"notes"}


def test_drafts_are_per_user(ctx: AppContext, admin: User, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("operator")
    drafts.save_field(ctx, actor=clerk, name="nama", value="ANI")
    assert drafts.load(ctx, actor=admin) is None
    draft = drafts.load(ctx, actor=clerk)
    assert draft is not None and draft.data == {"nama": "ANI"}


def test_discard_empties_but_keeps_the_row(ctx: AppContext, admin: User, db_path: object) -> None:
    drafts.save_field(ctx, actor=admin, name="nama", value="ANI", registrant_uuid="u-1")
    draft = drafts.load(ctx, actor=admin)
    assert draft is not None and draft.registrant_uuid == "u-1"
    drafts.discard(ctx, actor=admin)
    assert drafts.load(ctx, actor=admin) is None
    con = sqlite3.connect(str(db_path))
    try:
        assert con.execute("SELECT count(*) FROM entry_draft").fetchone()[0] == 1
    finally:
        con.close()


def test_whitespace_only_draft_is_not_offered(ctx: AppContext, admin: User) -> None:
    drafts.save_field(ctx, actor=admin, name="nama", value="   ")
    assert drafts.load(ctx, actor=admin) is None


def test_carry_forward_kept_apart_from_the_form(ctx: AppContext, admin: User) -> None:
    drafts.save_carry(
        ctx,
        actor=admin,
        values={"desa_kode": "6408012001", "rt": "003", "nama": "NOT CARRIED", "rw": "001"},
    )
    drafts.save_field(ctx, actor=admin, name="nama", value="BARU")
    drafts.discard(ctx, actor=admin)
    assert drafts.load_carry(ctx, actor=admin) == {
        "desa_kode": "6408012001",
        "rt": "003",
        "rw": "001",
    }


def test_whole_form_save_replaces(ctx: AppContext, admin: User) -> None:
    drafts.save_field(ctx, actor=admin, name="alamat", value="JL. LAMA")
    drafts.save(ctx, actor=admin, data={"nama": "ANI", "rt": 3})
    draft = drafts.load(ctx, actor=admin)
    assert draft is not None and draft.data == {"nama": "ANI", "rt": "3"}


def test_a_corrupt_draft_is_treated_as_empty(ctx: AppContext, admin: User) -> None:
    drafts.save_field(ctx, actor=admin, name="nama", value="ANI")
    with ctx.db.writer() as session:
        session.exec(text("UPDATE entry_draft SET data = 'not json'"))  # type: ignore[call-overload]
    assert drafts.load(ctx, actor=admin) is None


def test_roles_without_create_cannot_write_drafts(ctx: AppContext) -> None:
    viewer = User(username="viewer", full_name="V", role="nobody", password_hash="x")
    with pytest.raises((RoleRefused, ValueError)):
        drafts.save_field(ctx, actor=viewer, name="nama", value="X")
