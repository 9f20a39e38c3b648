"""Audit page: verify the hash chain (intact, then tampered: the first broken link is named) and,
for admins, retention: period saved, counted first, then records anonymised and audited."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import person

from rentan_desktop.services import registrants, retention


def _sql(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(sql, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def test_verify_names_first_broken_link(qtbot, main_window, ctx, admin, funder_id, db_path) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    page = main_window.show_page("audit")
    job = page.verify()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert page.result_label.text().startswith("Jejak audit utuh"), page.result_label.text()
    (victim,) = _sql(db_path, "SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 1")[0]
    _sql(db_path, "DROP TRIGGER audit_event_no_update")  # an attacker with the file, not the app
    _sql(db_path, "UPDATE audit_event SET detail = '{\"x\": 1}' WHERE id = ?", victim)
    job = page.verify()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    text = page.result_label.text()
    assert f"#{victim}" in text and "rusak" in text, text
    assert "b00020" in page.result_label.styleSheet()


def test_retention_counts_then_anonymises(
    qtbot, main_window, ctx, admin, funder_id, db_path
) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    old = datetime(2015, 1, 1, tzinfo=UTC).isoformat()
    _sql(
        db_path, "UPDATE registrant SET status='inactive', updated_at=? WHERE uuid=?", old, row.uuid
    )
    page = main_window.show_page("audit")
    assert page.retention_box is not None
    page.years.setValue(5)
    assert page.save_years()
    assert ctx.setting(retention.YEARS_KEY) == 5
    changes: list[object] = []
    main_window.gui.signals.data_changed.connect(changes.append)
    job = page.run_retention(dry_run=True)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert "1 data" in page.retention_label.text() and "akan" in page.retention_label.text()
    assert _sql(db_path, "SELECT nama FROM registrant") == [("SITI AMINAH",)]
    job = page.run_retention(dry_run=False)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert _sql(db_path, "SELECT nama FROM registrant") == [(retention.ANON_NAME,)]
    assert "dianonimkan" in page.retention_label.text()
    assert _sql(db_path, "SELECT count(*) FROM audit_event WHERE action='retention.run'") == [(1,)]
    assert any(getattr(c, "entity", "") == "registrant" for c in changes)


def test_supervisor_verifies_but_has_no_retention(qtbot, make_gui_ctx, make_user) -> None:
    from rentan_desktop.gui.audit.widget import AuditPage

    page = AuditPage(make_gui_ctx(make_user("supervisor")))
    qtbot.addWidget(page)
    assert page.retention_box is None
    assert page.verify_button.isEnabled()
