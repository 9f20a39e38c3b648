"""Data-quality page: counts per problem type per desa, a snapshot stored once a day, the trend
moving after a record is fixed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tests.conftest import DESA_2, person

from rentan_desktop.services import quality, registrants


def _sql(db: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        rows = con.execute(sql, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def _column(model, code: str) -> int:  # type: ignore[no-untyped-def]
    return 2 + model.codes.index(code)


def test_counts_per_desa_and_trend(qtbot, main_window, ctx, admin, funder_id, db_path) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id, no_hp=""))
    other = registrants.create(
        ctx, actor=admin,
        data=person(funder_id, nik="6408011505850002", nama="Ahmad Yani", tanggal_lahir="15051985",
                    jenis_kelamin="L", desa_kode=DESA_2, no_hp=""),
    ).registrant  # fmt: skip
    page = main_window.show_page("quality")
    with qtbot.waitSignal(page.job.finished, timeout=20_000):
        pass
    model = page.model
    assert page.loaded is not None and page.loaded.snapshot_taken  # first visit today
    assert model.data(model.index(0, 0)) == "Semua desa"
    assert model.data(model.index(0, 1)) == "2"
    no_phone = _column(model, quality.NO_PHONE)
    assert model.index(0, no_phone).data(256) == 2  # UserRole: the raw count
    desa_rows = {model.data(model.index(r, 0)) for r in range(1, model.rowCount())}
    assert len(desa_rows) == 2
    assert model.headerData(no_phone, Qt.Orientation.Horizontal) == "Nomor HP kosong"
    assert "2 data aktif" in page.summary.text()
    # one snapshot only: no trend yet
    assert len(page.trend.times) == 1
    # an older snapshot (as if taken a week ago) and a fix today: the line goes down
    _sql(db_path, "UPDATE quality_snapshot SET taken_at = '2026-01-01T00:00:00+00:00'")
    registrants.update(
        ctx, actor=admin, uuid=other.uuid,
        data=person(funder_id, nik="6408011505850002", nama="Ahmad Yani", tanggal_lahir="15051985",
                    jenis_kelamin="L", desa_kode=DESA_2, no_hp="0812-1111-2222"),
    )  # fmt: skip
    job = page.take_snapshot()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert model.index(0, _column(model, quality.NO_PHONE)).data(256) == 1
    label = quality.label(quality.NO_PHONE, "id")
    assert [c for _t, c in page.trend.series[label]] == [2, 1]
    assert len(page.trend.times) == 2
    # opening again the same day stores no second automatic snapshot
    job = page.refresh(snapshot=True)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert not page.loaded.snapshot_taken


def test_refreshes_after_data_changes(qtbot, main_window, ctx, admin, funder_id) -> None:
    page = main_window.show_page("quality")
    with qtbot.waitSignal(page.job.finished, timeout=20_000):
        pass
    assert page.model.rowCount() == 1  # only "Semua desa", no records yet
    row = registrants.create(ctx, actor=admin, data=person(funder_id, no_hp="")).registrant
    main_window.gui.signals.emit_changed("registrant", (row.uuid,), "create")
    assert page.job is not None
    with qtbot.waitSignal(page.job.finished, timeout=20_000):
        pass
    assert page.model.rowCount() == 2


def test_home_box_shows_top_problems_and_opens_the_page(
    qtbot, main_window, ctx, admin, funder_id
) -> None:
    home = main_window.show_page("home")
    box = home.findChild(QWidget, "qualityBox")
    assert box is not None
    qtbot.waitUntil(lambda: "Tidak ada masalah" in box.lines.text(), timeout=10_000)
    row = registrants.create(ctx, actor=admin, data=person(funder_id, no_hp="")).registrant
    main_window.gui.signals.emit_changed("registrant", (row.uuid,), "create")
    qtbot.waitUntil(lambda: "Nomor HP kosong" in box.lines.text(), timeout=10_000)
    assert "<b>1</b>" in box.lines.text()
    box.open_button.click()
    assert main_window.current_key() == "quality"
    # hidden: a change only marks the box stale; it recounts when the home screen is shown again
    second = registrants.create(
        ctx, actor=admin,
        data=person(funder_id, nik="6408011505850002", nama="Ahmad Yani", tanggal_lahir="15051985",
                    jenis_kelamin="L", no_hp=""),
    ).registrant  # fmt: skip
    main_window.gui.signals.emit_changed("registrant", (second.uuid,), "create")
    assert box._stale and not box._debounce.isActive() and not box.loading
    main_window.show_page("home")
    qtbot.waitUntil(lambda: "<b>2</b>" in box.lines.text(), timeout=10_000)
