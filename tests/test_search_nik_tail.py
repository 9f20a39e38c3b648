"""The four NIK digits a masked list shows find the record, through their own index (issue 15)."""

from __future__ import annotations

from tests.conftest import person

from rentan_desktop.services import registrants, search
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


def _seed(ctx: AppContext, admin: User, funder_id: int) -> None:
    for n, nama in enumerate(("Siti Aminah", "Rina Wati", "Yusuf Hamdan"), start=1):
        nik = f"640801410190{n:04d}"
        registrants.create(ctx, actor=admin, data=person(funder_id, nik=nik, nama=nama))


def _names(ctx: AppContext, admin: User, text: str) -> list[str]:
    page = search.search(ctx, actor=admin, query=search.Query(text=text))
    return [row["nama"] for row in page.rows]


def test_shown_digits_and_masked_nik_find_the_record(ctx, admin, funder_id) -> None:  # type: ignore[no-untyped-def]
    _seed(ctx, admin, funder_id)
    assert _names(ctx, admin, "0002") == ["RINA WATI"]
    assert _names(ctx, admin, "6408********0003") == ["YUSUF HAMDAN"]
    assert _names(ctx, admin, "6408••••0003") == ["YUSUF HAMDAN"]
    assert _names(ctx, admin, "6408") == ["SITI AMINAH", "RINA WATI", "YUSUF HAMDAN"]  # a prefix
    assert _names(ctx, admin, "9999") == []
    assert search.masked_nik("6408") is None and search.masked_nik("siti*") is None


def test_tail_search_reads_its_index_not_the_table(ctx) -> None:  # type: ignore[no-untyped-def]
    con = ctx.db.raw_reader()
    try:
        for text in ("0002", "6408********0003"):
            sql, params = search.count_sql(search.Query(text=text))
            plan = " ".join(str(r[-1]) for r in con.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "ix_registrant_nik_tail" in plan, plan
            assert "SCAN r" not in plan, plan
    finally:
        con.close()
