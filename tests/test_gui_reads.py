"""The questions GUI pages ask of the services instead of running their own SQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import DESA, DESA_2, OFFICE_CODE, person
from tests.test_batch_support import add_verified

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import batches, dedupe, lookups, registrant_pages, registrants, setup
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.search import Filters, Query
from rentan_desktop.storage import fast_open, sqlite_access
from rentan_desktop.storage.models import User


def test_ready_by_desa_splits_the_export_selection(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    add_verified(ctx, admin, funder_id, 3)
    add_verified(ctx, admin, funder_id, 1, start=10, desa_kode=DESA_2)
    draft = person(funder_id, nik="6408014101900099", nama="Belum Diverifikasi")
    registrants.create(ctx, actor=admin, data=draft)  # a draft is not ready: not counted
    per_desa = batches.ready_by_desa(ctx, actor=admin)
    assert [(d.kode, d.nama, d.new, d.corrections) for d in per_desa] == [
        (DESA, "Senyiur", 3, 0),
        (DESA_2, "Kelinjau Ilir", 1, 0),
    ]
    total = batches.ready_count(ctx, actor=admin)
    assert sum(d.new for d in per_desa) == total.new == 4


def test_funder_targets_and_domicile_names(ctx: AppContext, admin: User) -> None:
    funder = setup.list_funders(ctx)[0]
    assert setup.targets_by_funder(ctx, periode=ctx.periode()) == {funder.id: 1000}
    assert setup.targets_by_funder(ctx, periode=ctx.periode() + 1) == {}
    assert setup.domicile_names(ctx) == {"6408": "Kabupaten Kutai Timur"}


def test_kecamatan_choices_of_the_office_area(ctx: AppContext) -> None:
    assert [(c.code, c.label) for c in lookups.kecamatan_choices(ctx)] == [
        (OFFICE_CODE, "Muara Ancalong")
    ]


def test_dedupe_value_names(ctx: AppContext) -> None:
    rows: list[dict[str, object]] = [
        {"field": "desa_kode", "values": [DESA, DESA_2], "differs": True},
        {"field": "origin_batch", "values": [None, None], "differs": False},
    ]
    names = dedupe.value_names(ctx, rows)
    assert names[DESA] == "Senyiur" and names[DESA_2] == "Kelinjau Ilir"
    assert names["NELAYAN"]  # occupations by name too


def test_page_reader_pages_and_counts(ctx: AppContext, admin: User, funder_id: int) -> None:
    add_verified(ctx, admin, funder_id, 5)
    reader = registrant_pages.open_reader(ctx, actor=admin)
    try:
        first = reader.page(Query(), limit=3)
        rest = reader.page(Query(), limit=3, after=registrant_pages.edge_key(Query(), first[-1]))
        assert len(first) == 3 and len(rest) == 2
        ids = [r[registrant_pages.LIST_FIELDS.index("id")] for r in first + rest]
        assert ids == sorted(ids)
        assert reader.page(Query(), limit=3, offset=4) == rest[1:]
        verified = Query(filters=Filters(status=Status.VERIFIED.value))
        assert reader.count(reader.prepare_count(verified)) == 5
        assert reader.count(reader.prepare_count(Query(filters=Filters(rt="9")))) == 0
    finally:
        reader.close()


def test_start_facts_read_only(db_path: Path, tmp_path: Path) -> None:
    facts = fast_open.start_facts(db_path, "language")
    assert facts.initialised and facts.office_name == "Kecamatan Muara Ancalong"
    missing = tmp_path / "none.db"
    assert fast_open.start_facts(missing, "language") == (False, None, None)
    assert not missing.exists()  # never creates
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    assert fast_open.start_facts(other, "language").initialised is False


def test_region_look_ups(ctx: AppContext, admin: User, funder_id: int) -> None:
    by_name = lookups.find_regions(ctx, "ancalong", 3)
    assert [(r.kode, r.nama, r.parents) for r in by_name][:1] == [
        (OFFICE_CODE, "Muara Ancalong", "Kabupaten Kutai Timur, Kalimantan Timur")
    ]
    by_code = lookups.find_regions(ctx, "64.08.01", 3)
    assert [r.kode for r in by_code] == [OFFICE_CODE]
    starts_first = lookups.find_regions(ctx, "muara", 3, limit=200)
    prefixed = [r.nama.lower().startswith("muara") for r in starts_first]
    assert prefixed == sorted(prefixed, reverse=True) and prefixed[0]  # prefix matches first
    assert lookups.find_regions(ctx, "50%_", 4) == []  # LIKE wildcards typed are plain text
    children = lookups.region_children(ctx, OFFICE_CODE, 4)
    assert (DESA, "Senyiur") in children and children == sorted(children, key=lambda c: c[1])
    assert ("64", "Kalimantan Timur") in lookups.region_children(ctx, None, 1)
    add_verified(ctx, admin, funder_id, 2)
    add_verified(ctx, admin, funder_id, 1, start=5, rt="7")
    assert [(c.rt, c.people) for c in lookups.rts_of_desa(ctx, DESA)] == [("003", 2), ("007", 1)]
    assert lookups.birthplace_choices(ctx)[0] == "SANGATTA"  # the one keyed, before region names


# Seconds of work (a list count at a million rows), so a missed interrupt fails instead of hanging.
LONG_COUNT = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 30000000) "
    "SELECT count(*) FROM n"
)


def test_a_count_nobody_waits_for_stops_at_once() -> None:
    reader = registrant_pages.PageReader(sqlite_access.FastReader(sqlite3.connect(":memory:")))
    timer = threading.Timer(0.2, reader.interrupt)  # the list moved on to another query
    started = time.monotonic()
    timer.start()
    try:
        assert reader.count(registrant_pages.PreparedCount(LONG_COUNT, [], None)) is None
    finally:
        timer.cancel()
        reader.close()
    assert time.monotonic() - started < 5


def test_fast_reader_chunks_and_other_errors() -> None:
    with sqlite_access.FastReader(sqlite3.connect(":memory:")) as reader:
        chunks = list(reader.chunks("SELECT value FROM json_each('[1,2,3,4,5]')", size=2))
        assert chunks == [[(1,), (2,)], [(3,), (4,)], [(5,)]]
        with pytest.raises(sqlite3.OperationalError):  # a real error is not taken for a cancel
            reader.rows("SELECT * FROM no_such_table")
        # A hinted index the file lacks: planned by SQLite alone instead of failing.
        reader.rows("CREATE TABLE registrant (id INTEGER PRIMARY KEY)")
        sql = "SELECT count(*) FROM registrant r WHERE 1=1"
        assert "INDEXED BY ix_missing" in sqlite_access.hinted(sql, "ix_missing")
        assert reader.rows(sql, (), "ix_missing") == [(0,)]
