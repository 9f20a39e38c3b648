"""The start-up audit check in the real application: off the GUI thread, a red banner when the
database was changed outside the app, none when it is intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, person

from rentan_desktop.services import auth, registrants, setup
from rentan_desktop.services.context import AppContext


def _with_people(db_path: Path) -> list[str]:
    ctx = AppContext.open(db_path)
    try:
        admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
        funder = setup.list_funders(ctx)[0].id or 0
        return [
            registrants.create(
                ctx,
                actor=admin,
                data=person(funder, nik=f"640801410190{i:04d}", nama=f"Warga {chr(65 + i)}"),
            ).registrant.uuid
            for i in range(1, 4)
        ]
    finally:
        ctx.close()


def _tamper(db_path: Path, uuids: list[str], attack: str) -> None:
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        if attack == "row_edit":
            con.execute("UPDATE registrant SET nama = 'ORANG LAIN' WHERE uuid = ?", (uuids[1],))
        elif attack == "delete_events":
            con.execute("DROP TRIGGER audit_event_no_delete")
            con.execute("DELETE FROM audit_event WHERE id > (SELECT max(id) - 10 FROM audit_event)")
        elif attack == "rehash_event":
            from datetime import datetime

            from rentan_desktop.services import audit

            con.execute("DROP TRIGGER audit_event_no_update")
            ident, ts, action, entity, entity_uuid, detail, prev = con.execute(
                "SELECT id, ts, action, entity, entity_uuid, detail, prev_hash FROM audit_event "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
            digest = audit.event_hash(
                prev, datetime.fromisoformat(ts), "mallory", action, entity, entity_uuid, detail
            )
            con.execute(
                "UPDATE audit_event SET actor = 'mallory', hash = ? WHERE id = ?", (digest, ident)
            )
    finally:
        con.close()


def _open_main_window(make_app, qtbot, db_path: Path):  # type: ignore[no-untyped-def]
    app = make_app(db_path)
    app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=20_000)
    app._logged_in(auth.authenticate(app.ctx, "admin", ADMIN_PASSWORD))
    qtbot.waitUntil(lambda: app.main_window is not None, timeout=10_000)
    return app.main_window


@pytest.mark.parametrize("attack", ["row_edit", "delete_events", "rehash_event"])
def test_tampered_database_shows_the_banner(make_app, qtbot, db_path: Path, attack: str) -> None:  # type: ignore[no-untyped-def]
    _tamper(db_path, _with_people(db_path), attack)
    window = _open_main_window(make_app, qtbot, db_path)
    check = window.audit_check
    qtbot.waitUntil(lambda: check.result is not None, timeout=20_000)
    assert not check.result.ok
    assert check.banner.isVisible()
    text = check.banner.text()
    assert "di luar aplikasi" in text.lower() or "jejak audit" in text.lower()
    assert "b00020" in check.banner.styleSheet()  # red: loud, not a status-bar note
    assert check.thread is not None and check.thread.name == "audit-startup-check"


def test_intact_database_shows_no_banner(make_app, qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _with_people(db_path)
    window = _open_main_window(make_app, qtbot, db_path)
    check = window.audit_check
    qtbot.waitUntil(lambda: check.result is not None, timeout=20_000)
    assert check.result.ok and not check.banner.isVisible()
