"""Accounts, lockout, and the tamper-evident audit trail."""

from __future__ import annotations

import sqlite3

import pytest
from tests.conftest import ADMIN_PASSWORD, person

from rentan_desktop.services import audit, auth, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User


def test_argon2id_hash_and_no_plain_passwords(ctx: AppContext, admin: User) -> None:
    con = sqlite3.connect(ctx.db.path)
    stored = con.execute("SELECT password_hash FROM app_user WHERE username='admin'").fetchone()[0]
    assert stored.startswith("$argon2id$") and ADMIN_PASSWORD not in stored


def test_password_policy(ctx: AppContext, admin: User) -> None:
    for bad, code in (("pendek", "password.short"), ("password", "password.common")):
        with pytest.raises(UserError) as err:
            auth.create_user(
                ctx, actor=admin, username="budi", full_name="Budi", role="operator", password=bad
            )
        assert err.value.code == code


def test_lockout_after_five_failures(ctx: AppContext, admin: User) -> None:
    for _ in range(4):
        with pytest.raises(UserError) as err:
            auth.authenticate(ctx, "admin", "salah-salah")
        assert err.value.code == "auth.failed"
    with pytest.raises(UserError) as err:
        auth.authenticate(ctx, "admin", "salah-salah")
    assert err.value.code == "auth.locked"
    with pytest.raises(UserError) as err:  # even the right password is refused while locked
        auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
    assert err.value.code == "auth.locked" and "dikunci" in err.value.message("id")


def test_operator_cannot_manage_users(ctx: AppContext, make_user) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.domain.roles import RoleRefused

    operator = make_user("operator")
    with pytest.raises(RoleRefused):
        auth.create_user(
            ctx,
            actor=operator,
            username="x_user",
            full_name="X",
            role="admin",
            password="panjang-sekali-1",
        )


def test_audit_chain_verifies_and_detects_tampering(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    with ctx.db.reader() as session:
        report = audit.verify_chain(session)
    assert report.ok and report.events >= 3
    con = sqlite3.connect(ctx.db.path)
    # The table refuses edits outright...
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit_event SET actor='mallory' WHERE id=2")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM audit_event WHERE id=2")
    # ...and someone who drops the trigger to rewrite history is caught by the chain.
    con.execute("DROP TRIGGER audit_event_no_update")
    con.execute("UPDATE audit_event SET actor='mallory' WHERE id=2")
    con.commit()
    con.close()
    with ctx.db.reader() as session:
        broken = audit.verify_chain(session)
    assert not broken.ok and broken.first_broken_id == 2 and broken.reason == "hash"
