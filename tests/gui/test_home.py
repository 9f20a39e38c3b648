"""Home screen: numbers match the database, the premium is shown as Rupiah, it refreshes on change."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QImage

from rentan_desktop.domain.formatting import angka, rupiah
from rentan_desktop.services import demo, registrants


def _counts(db_path) -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(db_path)
    try:
        by_status = dict(con.execute("SELECT status, count(*) FROM registrant GROUP BY status"))
        target = con.execute("SELECT sum(jumlah) FROM target").fetchone()[0]
    finally:
        con.close()
    return int(target), by_status


def _home(main_window, qtbot):  # type: ignore[no-untyped-def]
    page = main_window.page("home")
    qtbot.waitUntil(lambda: page.overview is not None and not page._loading, timeout=10_000)
    return page


def test_home_shows_target_counts_and_premium(qtbot, ctx, admin, db_path, main_window) -> None:
    demo.generate(ctx, actor=admin, count=120, seed=7)
    main_window.gui.signals.emit_changed("registrant", (), "demo")
    page = main_window.page("home")
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.active > 0, timeout=10_000)
    target, by_status = _counts(db_path)
    active = sum(n for s, n in by_status.items() if s not in ("rejected", "inactive"))
    assert page.target_card.value.text() == angka(target)
    assert page.active_card.value.text() == angka(active)
    assert page.remaining_card.value.text() == angka(max(0, target - active))
    assert page.premium_card.value.text() == rupiah(active * 16_800 * 12)
    assert page.premium_card.value.text().startswith("Rp")
    assert "Rp16.800" in page.tariff_label.text()
    assert page.status_labels["draft"].text() == angka(by_status.get("draft", 0))
    assert sum(n for _, n in page.desa_chart.rows) == active
    assert sum(n for _, n in page.job_chart.rows) == active
    image = QImage(page.desa_chart.size(), QImage.Format.Format_ARGB32)
    page.desa_chart.render(image)  # the chart paints without warnings
    assert not image.isNull()


def test_home_refreshes_after_a_registration(qtbot, ctx, admin, funder_id, main_window) -> None:
    from conftest import person  # the root conftest's valid registration

    page = _home(main_window, qtbot)
    before = page.overview.active
    registrants.create(ctx, actor=admin, data=person(funder_id))
    main_window.gui.signals.emit_changed("registrant", (), "create")
    qtbot.waitUntil(lambda: page.overview.active == before + 1, timeout=10_000)
    assert page.active_card.value.text() == angka(before + 1)


def test_empty_office_shows_zero_and_placeholder(qtbot, main_window) -> None:
    page = _home(main_window, qtbot)
    assert page.active_card.value.text() == "0"
    assert page.premium_card.value.text() == "Rp0"
    assert page.desa_chart.rows == []
    assert page.desa_chart.empty_text == "Belum ada peserta aktif."
