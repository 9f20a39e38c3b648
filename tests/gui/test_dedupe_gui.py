"""Duplicate workbench: a cluster found in the database, shown side by side; merge a chosen value
and keep one record, or mark "orang berbeda"; each decision is in the audit trail."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from tests.conftest import person

from rentan_desktop.services import registrants


def _sql(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


@pytest.fixture
def pair(ctx, admin, funder_id) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The same woman keyed twice: NIK one digit apart, second copy with another address."""
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    b = registrants.create(
        ctx, actor=admin,
        data=person(funder_id, nik="6408014101900002", alamat="Jl. Sungai Kelinjau RT 4"),
    ).registrant  # fmt: skip
    return a.uuid, b.uuid


def _open(qtbot, main_window):  # type: ignore[no-untyped-def]
    page = main_window.show_page("dedupe")
    # Built at first use: painted first, the search starts in the next turn of the event loop.
    # Waiting for the job's signal would miss a search that ended before the wait began.
    qtbot.waitUntil(lambda: page.job is not None and not page.job.running, timeout=20_000)
    return page


def test_merge_keeps_one_with_chosen_value(qtbot, main_window, pair, db_path) -> None:
    first, second = pair
    page = _open(qtbot, main_window)
    assert page.list.count() == 1 and "1 kelompok" in page.count_label.text()
    assert "NIK beda satu angka" in page.reasons_label.text()
    table = page.compare
    assert table.columnCount() == 2 and set(table.members) == {first, second}
    fields = [str(r["field"]) for r in table.rows]
    alamat = fields.index("alamat")
    nik = fields.index("nik")
    assert {table.item(nik, c).text() for c in (0, 1)} == {"************0001", "************0002"}
    # Names for codes: the desa and the occupation by name, the phone as 0812-…, no raw codes.
    shown = {str(r["field"]): table.item(i, 0).text() for i, r in enumerate(table.rows)}
    assert shown["desa_kode"] == "Senyiur" and shown["pekerjaan_kode"] == "Nelayan"
    assert shown["no_hp"].startswith("08") and "+62" not in "".join(shown.values())
    assert _sql(db_path, "SELECT count(*) FROM audit_event WHERE action = 'nik.reveal'") == [(0,)]
    page.reveal_button.click()  # full NIKs for a supervisor+, after an audited reveal
    assert {table.item(nik, c).text() for c in (0, 1)} == {"6408014101900001", "6408014101900002"}
    assert sorted(
        _sql(db_path, "SELECT entity_uuid FROM audit_event WHERE action = 'nik.reveal'")
    ) == sorted([(first,), (second,)])
    col_second = table.members.index(second)
    assert not page.merge_button.isEnabled()
    table.setCurrentCell(alamat, col_second)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # keyboard: Space takes the value under the cursor
    assert table.take == {"alamat": second}
    table.toggle_take(alamat, col_second)  # a second click gives it back
    assert table.take == {}
    table.toggle_take(alamat, col_second)
    table.toggle_take(fields.index("nama"), 0)  # same in both records: nothing to take
    assert table.take == {"alamat": second}
    page.keep_combo.setCurrentIndex(page.keep_combo.findData(first))
    assert not page.merge_button.isEnabled()  # no reason yet
    page.reason.setText("dicek dengan KTP")
    assert page.merge_button.isEnabled()
    result = page.decide("merge")
    assert result is not None and result.kept == first and result.deactivated == (second,)
    assert "alamat" in page.message.text()
    assert page.list.count() == 0
    rows = dict(_sql(db_path, "SELECT uuid, alamat || '|' || status FROM registrant"))
    assert rows[first] == "Jl. Sungai Kelinjau RT 4|draft"
    assert rows[second].endswith("|inactive")
    events = _sql(db_path, "SELECT detail FROM audit_event WHERE action = 'duplicate.decide'")
    assert len(events) == 1
    detail = json.loads(str(events[0][0]))
    assert detail["decision"] == "merge" and detail["reason"] == "dicek dengan KTP"
    assert detail["merged"]["alamat"][1] == "Jl. Sungai Kelinjau RT 4"


def test_different_people_stop_showing(qtbot, main_window, pair, db_path) -> None:
    page = _open(qtbot, main_window)
    page.reason.setText("kembar, KK sama, NIK berbeda")
    assert page.decide("different") is not None
    assert "orang berbeda" in page.message.text()
    assert _sql(db_path, "SELECT count(*) FROM duplicate_dismissal") == [(1,)]
    assert _sql(db_path, "SELECT count(*) FROM registrant WHERE status = 'inactive'") == [(0,)]
    (event,) = _sql(db_path, "SELECT detail FROM audit_event WHERE action = 'duplicate.decide'")
    assert json.loads(str(event[0]))["decision"] == "different"
    job = page.refresh()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert page.list.count() == 0 and "0 kelompok" in page.count_label.text()


def test_reason_is_required(qtbot, main_window, pair, find_top) -> None:
    page = _open(qtbot, main_window)
    assert not page.keep_button.isEnabled() and not page.different_button.isEnabled()
    page.reason.setText("   ")
    assert page.decide("keep") is None  # the service refuses; one sentence shown
    assert find_top("userErrorBox") is not None
    assert page.list.count() == 1


def test_a_cluster_decided_meanwhile_in_another_process_is_refused_naming_who(
    qtbot, main_window, pair, db_path, find_top, rentan_bin
) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess

    from tests.conftest import ADMIN_PASSWORD

    page = _open(qtbot, main_window)  # this supervisor has the cluster on screen
    colleague = subprocess.run(
        [rentan_bin, "duplicates", "decide", "1", "--keep", "A", "--reason", "sama orangnya"]
        + ["--db", str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "RENTAN_USER": "admin", "RENTAN_PASSWORD": ADMIN_PASSWORD},
        timeout=120,
        check=False,
    )
    assert colleague.returncode == 0, colleague.stderr
    before = _sql(db_path, "SELECT count(*) FROM audit_event WHERE action != 'auth.login'")
    page.reason.setText("dicek dengan KTP")
    assert page.decide("different") is None
    box = find_top("userErrorBox")
    assert box is not None
    assert box.text().startswith(
        "Klaster data ganda ini sudah diputuskan oleh Admin Kecamatan (admin) pada "
    )
    assert _sql(db_path, "SELECT count(*) FROM duplicate_dismissal") == [(0,)]
    assert _sql(db_path, "SELECT count(*) FROM audit_event WHERE action != 'auth.login'") == before
    qtbot.waitUntil(lambda: page.list.count() == 0, timeout=20_000)  # the list caught up
