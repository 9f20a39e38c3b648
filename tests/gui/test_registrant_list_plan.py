"""The list reads each page through an index chosen from its filters; every route returns the same
rows in the same order, and the same count, as SQLite's own plan of the same SQL."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator

import pytest

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.registrants.model import BLOCK
from rentan_desktop.services import demo, search
from rentan_desktop.services.registrant_pages import LIST_FIELDS as SQL_COLUMNS
from rentan_desktop.services.search import Filters, Query

COUNT = 400


@pytest.fixture
def con(gui_ctx: GuiContext) -> Iterator[sqlite3.Connection]:
    demo.generate(gui_ctx.ctx, actor=gui_ctx.user, count=COUNT, seed=11)
    connection = sqlite3.connect(f"file:{gui_ctx.ctx.db.path}?mode=ro", uri=True)
    yield connection
    connection.close()


def _values(con: sqlite3.Connection) -> dict[str, object]:
    row = con.execute(
        "SELECT kecamatan_kode, desa_kode, rt, pekerjaan_kode, sumber_dana_id, nik, nama"
        " FROM registrant ORDER BY id LIMIT 1 OFFSET 7"
    ).fetchone()
    keys = ("kecamatan", "desa", "rt", "pekerjaan", "sumber_dana_id", "nik", "nama")
    return dict(zip(keys, row, strict=True))


def _queries(values: dict[str, object]) -> list[Query]:
    names = ("kecamatan", "desa", "rt", "status", "pekerjaan", "sumber_dana_id")
    found = {**values, "status": "draft"}
    texts = ("", str(values["nik"])[:6], str(values["nik"])[:10], str(values["nama"])[:2], "ANI")
    out: list[Query] = []
    for size in range(3):
        for combo in itertools.combinations(names, size):
            filters = Filters(**{name: found[name] for name in combo})  # type: ignore[arg-type]
            for text, sort, descending in itertools.product(
                texts, ("id", "nama", "nik", "tanggal_lahir", "desa_kode", "status"), (False, True)
            ):
                out.append(search.effective(Query(text, "auto", filters, sort, descending)))
    return out


def test_every_hinted_page_and_count_equals_sqlite_own_plan(con: sqlite3.Connection) -> None:
    checked = hinted = 0
    for query in _queries(_values(con)):
        sql, params = search.page_sql(query, limit=BLOCK, columns=SQL_COLUMNS)
        index = search.index_hint(query)
        expected = con.execute(sql, params).fetchall()
        assert search.execute(con, sql, params, index).fetchall() == expected, query
        csql, cparams = search.count_sql(query)
        total = con.execute(csql, cparams).fetchone()[0]
        assert search.execute(con, csql, cparams, search.count_hint(query)).fetchone()[0] == total
        checked += 1
        hinted += index is not None
    assert checked > 1000 and hinted > checked // 2


def test_the_index_follows_what_the_filters_mean() -> None:
    assert search.index_hint(Query(filters=Filters(desa="6408012001"))) == "ix_registrant_desa_id"
    both = Filters(desa="6408012001", status="verified")
    assert search.index_hint(Query(filters=both)) == "ix_registrant_desa_id"  # not the whole status
    assert (
        search.index_hint(Query(filters=Filters(desa="6408012001", rt="3")))
        == "ix_registrant_desa_rt"
    )
    assert search.index_hint(Query(filters=Filters(status="verified"))) == "ix_registrant_status"
    assert search.index_hint(Query()) is None
    assert search.index_hint(Query(text="6408011809651523")) == "ix_registrant_nik"
    assert search.index_hint(search.effective(Query(text="FA"))) == "ix_registrant_nama"
    narrow = Filters(kecamatan="640801", status="draft", pekerjaan="PETANI")
    assert search.index_hint(Query(filters=narrow, sort="nama")) == "ix_registrant_pekerjaan_kode"
    assert search.count_hint(Query(filters=Filters(sumber_dana_id=1, desa="6408012001"))) == (
        "ix_registrant_desa_id"
    )


def test_a_file_without_the_index_is_planned_by_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(tmp_path / "old.db")
    con.execute("CREATE TABLE registrant (id INTEGER PRIMARY KEY, desa_kode TEXT)")
    con.execute("INSERT INTO registrant VALUES (1, '6408012001')")
    sql = "SELECT r.id FROM registrant r WHERE r.desa_kode = ? ORDER BY r.id LIMIT ?"
    assert search.execute(con, sql, ["6408012001", 5], "ix_registrant_desa_id").fetchall() == [(1,)]
    con.close()
