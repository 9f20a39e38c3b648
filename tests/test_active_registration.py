"""One active registration per NIK per year: the one owner asked in both shapes, on a real file."""

from __future__ import annotations

import sqlite3

import pytest
from tests.conftest import person

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import active_registration, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import ValidationFailed
from rentan_desktop.storage.models import Registrant, User


def test_the_condition_is_worded_as_the_partial_unique_index() -> None:
    # SQLite answers from a partial index only when the query repeats its condition.
    (index,) = [i for i in Registrant.__table__.indexes if i.name == "uq_registrant_active_nik"]
    assert str(index.dialect_options["sqlite"]["where"]) == active_registration.HOLDING_SQL


def test_one_nik_and_many_niks_give_the_same_holders(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    held = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    gone = registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
    ).registrant
    registrants.change_status(
        ctx, actor=admin, uuids=[gone.uuid], new=Status.INACTIVE, reason="pindah"
    )
    periode = ctx.periode()
    niks = [held.nik, gone.nik, "6408014101900003"]
    con = sqlite3.connect(ctx.db.path)
    try:
        one = {n: active_registration.holder(con, n, periode) for n in niks}
        many = active_registration.holders(con, niks * 400, periode)  # 1,200 NIKs: two chunks
        mine = active_registration.holder(con, held.nik, periode, exclude_uuid=held.uuid)
        plan = " ".join(
            str(r[-1])
            for r in con.execute(
                f"EXPLAIN QUERY PLAN {active_registration._SELECT} AND nik = ? AND periode = ?",
                (held.nik, periode),
            )
        )
    finally:
        con.close()
    assert one[held.nik] is not None and one[held.nik].uuid == held.uuid
    assert one[gone.nik] is None and one["6408014101900003"] is None  # inactive holds nothing
    assert many == {held.nik: one[held.nik]}
    assert mine is None  # a record does not block itself (a correction keeps its NIK)
    assert "uq_registrant_active_nik" in plan or "ix_registrant_nik" in plan


def test_the_save_and_the_typing_check_refuse_the_same_nik(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    from rentan_desktop.services import entry_check

    registrants.create(ctx, actor=admin, data=person(funder_id))
    with pytest.raises(ValidationFailed) as refused:
        registrants.create(ctx, actor=admin, data=person(funder_id, nama="Siti Lain"))
    assert [i.code for i in refused.value.found if i.is_error] == ["dup.exact"]
    # The form asks before the rest of the record is typed: the same rule answers.
    typed = entry_check.check_typing(
        ctx, actor=admin, data=person(funder_id, nama="", alamat="", rt="")
    )
    assert typed.exact is not None and typed.exact.nama == "SITI AMINAH"
    assert "dup.exact" in [i.code for i in typed.result.found]
