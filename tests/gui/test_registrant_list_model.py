"""The list model pages from SQLite: blocks by keyset, never all rows, data() never runs SQL."""

from __future__ import annotations

import sqlite3
from functools import partial

import pytest
from PySide6.QtCore import QModelIndex, Qt

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.registrants import model as model_module
from rentan_desktop.gui.registrants.model import BLOCK, RegistrantModel
from rentan_desktop.services import demo, registrant_pages
from rentan_desktop.services.search import Filters, Query

COUNT = 730  # seven full blocks and a partial one


@pytest.fixture
def filled(gui_ctx: GuiContext) -> GuiContext:
    demo.generate(gui_ctx.ctx, actor=gui_ctx.user, count=COUNT, seed=7)
    return gui_ctx


def readers(gui: GuiContext):  # type: ignore[no-untyped-def]
    return partial(registrant_pages.open_reader, gui.ctx, actor=gui.user)


def make_model(qtbot, gui: GuiContext, query: Query | None = None) -> RegistrantModel:  # type: ignore[no-untyped-def]
    model = RegistrantModel(readers(gui), full_nik=True)
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        model.set_query(query or Query())
    return model


def uuids_in_order(
    gui: GuiContext, order: str, where: str = "1=1", params: tuple = ()
) -> list[str]:  # type: ignore[type-arg]
    con = sqlite3.connect(gui.ctx.db.path)
    try:
        return [
            r[0]
            for r in con.execute(
                f"SELECT uuid FROM registrant r WHERE {where} ORDER BY {order}", params
            )
        ]
    finally:
        con.close()


def test_first_block_then_live_count(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    model = RegistrantModel(readers(filled), full_nik=True)
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    model.set_query(Query())
    assert model.rowCount() == BLOCK  # on screen before the count is known
    assert model.canFetchMore(QModelIndex())
    qtbot.waitUntil(lambda: counts == [COUNT])
    assert model.rowCount() == COUNT
    assert not model.canFetchMore(QModelIndex())


def test_every_row_matches_sql_order_whatever_the_route(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    expected = uuids_in_order(filled, "r.nama DESC, r.id DESC")
    model = make_model(qtbot, filled, Query(sort="nama", descending=True))
    # Jump to the end first (read backwards), then the middle (offset), then walk (keyset).
    assert model.uuid_at(COUNT - 1) == expected[-1]
    assert model.uuid_at(COUNT // 2) == expected[COUNT // 2]
    got = [model.uuid_at(row) for row in range(COUNT)]
    assert got == expected


def test_data_never_runs_sql_and_fills_on_the_next_turn(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    model = make_model(qtbot, filled)
    before = model.queries
    index = model.index(5 * BLOCK + 3, 1)
    assert model.data(index) == "…"
    assert model.data(model.index(5 * BLOCK + 4, 2)) == "…"
    assert model.queries == before  # no SQL inside data()
    with qtbot.waitSignal(model.dataChanged, timeout=2000):
        pass
    assert model.queries == before + 1  # one query for the whole block
    assert model.data(index) not in ("…", None)


def test_cache_is_bounded(qtbot, filled: GuiContext, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(model_module, "MAX_BLOCKS", 3)
    model = make_model(qtbot, filled)
    for row in range(0, COUNT, 37):
        model.uuid_at(row)
    assert len(model.blocks) <= 3
    assert sum(len(rows) for rows in model.blocks.values()) <= 3 * BLOCK


def test_fetch_more_before_the_count(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    model = RegistrantModel(readers(filled), full_nik=False)
    model.set_query(Query(), count=False)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BLOCK
    expected = uuids_in_order(filled, "r.id")
    assert model.uuid_at(2 * BLOCK - 1) == expected[2 * BLOCK - 1]
    assert "****" in model.data(model.index(0, 0))  # NIK masked without the permission


def test_filters_search_and_sorting(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(filled.ctx.db.path)
    desa, n = con.execute(
        "SELECT desa_kode, count(*) FROM registrant GROUP BY desa_kode ORDER BY 2 DESC"
    ).fetchone()
    name = con.execute("SELECT nama FROM registrant ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    model = make_model(qtbot, filled, Query(filters=Filters(desa=desa)))
    assert model.rowCount() == n
    assert {model.row_values(r)[6] for r in range(min(n, BLOCK))} == {desa}  # type: ignore[index]
    model = make_model(qtbot, filled, Query(text=name.split()[0][:2]))
    assert model.rowCount() > 0
    assert all(
        str(model.data(model.index(r, 1))).startswith(name[:2])
        for r in range(min(model.rowCount(), BLOCK))
    )
    with qtbot.waitSignal(model.count_changed, timeout=5000):
        model.sort(2, Qt.SortOrder.AscendingOrder)  # by birth date
    dates = [model.row_values(r)[4] for r in range(min(model.rowCount(), BLOCK))]  # type: ignore[index]
    assert dates == sorted(dates)
    rows = model.rowCount()
    model.sort(5, Qt.SortOrder.AscendingOrder)  # RT/RW: not sortable, nothing happens
    assert model.query.sort == "tanggal_lahir" and model.rowCount() == rows


def test_stale_count_is_ignored(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    model = make_model(qtbot, filled)
    model._on_counted(model.generation - 1, 5)  # a count for a query already left
    assert model.rowCount() == COUNT


def test_search_by_nik_prefix_and_name_contains(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(filled.ctx.db.path)
    nik, nama = con.execute(
        "SELECT nik, nama FROM registrant WHERE nama LIKE '% %' LIMIT 1"
    ).fetchone()
    middle = nama.split()[1][1:5]  # part of the second name: only "contains" finds it
    expected = con.execute(
        "SELECT count(*) FROM registrant WHERE instr(nama, ?) > 0", (middle,)
    ).fetchone()[0]
    con.close()
    model = make_model(qtbot, filled, Query(text=nik))
    assert model.rowCount() == 1 and model.uuid_at(0)
    model = make_model(qtbot, filled, Query(text=nik[:8]))
    assert all(str(model.row_values(r)[2]).startswith(nik[:8]) for r in range(model.rowCount()))  # type: ignore[index]
    model = make_model(qtbot, filled, Query(text=middle.lower()))
    assert model.rowCount() == expected > 0


@pytest.mark.parametrize(
    ("filters", "sort", "where", "params"),
    [
        (Filters(status="registered"), "nama", "r.status = ?", ("registered",)),
        (Filters(pekerjaan="NELAYAN"), "tanggal_lahir", "r.pekerjaan_kode = ?", ("NELAYAN",)),
        (
            Filters(status="draft", pekerjaan="PETANI"),
            "nik",
            "r.status = ? AND r.pekerjaan_kode = ?",
            ("draft", "PETANI"),
        ),
    ],
)
def test_broad_filter_with_sort_walks_the_sort_index_and_keeps_the_order(  # type: ignore[no-untyped-def]
    qtbot, filled: GuiContext, filters: Filters, sort: str, where: str, params: tuple
) -> None:
    from rentan_desktop.services.search import SORT_INDEX, index_hint

    query = Query(filters=filters, sort=sort, descending=True)
    assert index_hint(query) == SORT_INDEX[sort]
    expected = uuids_in_order(filled, f"r.{sort} DESC, r.id DESC", where, params)
    model = make_model(qtbot, filled, query)
    assert [model.uuid_at(r) for r in range(model.rowCount())] == expected
    # A desa is narrow: its own range is read and sorted; a "contains" search reads its matches.
    desa = Query(filters=Filters(desa="6408012001", status="draft"), sort=sort)
    assert index_hint(desa) == "ix_registrant_desa_id"
    assert index_hint(Query(text="SITI", filters=filters, sort=sort)) is None


def test_dragging_the_scrollbar_reads_only_where_it_stops(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.registrants.widget import RegistrantList

    page = RegistrantList(filled)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.total == COUNT)
    bar = page.view.verticalScrollBar()
    before = page.model.queries
    bar.sliderPressed.emit()
    for value in range(0, bar.maximum(), max(1, bar.maximum() // 20)):
        bar.setValue(value)
        page.grab()  # paints "…" for rows not read yet
    qtbot.wait(200)
    assert page.model.queries == before  # nothing read while the thumb moved
    bar.setValue(bar.maximum() // 2)
    bar.sliderReleased.emit()
    assert page.model.queries > before
    middle = page.view.rowAt(page.view.viewport().height() // 2)
    assert page.model.row_values(middle) is not None


def test_list_masks_nik_for_every_role_and_finds_full_nik(qtbot, filled: GuiContext) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(filled.ctx.db.path)
    nik, uuid = con.execute(
        "SELECT nik, uuid FROM registrant ORDER BY id LIMIT 1 OFFSET 5"
    ).fetchone()
    con.close()
    model = make_model(qtbot, filled)  # full_nik=True: a role that may see full NIKs
    shown = [model.data(model.index(r, 0)) for r in range(BLOCK)]
    assert all("********" in text and len(text) == 16 for text in shown)
    assert nik not in shown
    found = make_model(qtbot, filled, Query(text=nik))  # search by the full NIK
    assert found.rowCount() == 1 and found.uuid_at(0) == uuid
    assert found.data(found.index(0, 0)) == "*" * 12 + nik[-4:]
