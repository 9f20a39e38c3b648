"""Double keying and operator statistics on a real SQLite file: sample, blind second keying,
field-level differences, the supervisor's decision as an audited correction, and the figures."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import ADMIN_PASSWORD, person
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import auth, double_keying, operator_stats, registrants
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError, ValidationFailed
from rentan_desktop.storage.models import User


def _user(ctx: AppContext, admin: User, name: str, role: str) -> User:
    auth.create_user(
        ctx,
        actor=admin,
        username=name,
        full_name=name.title() + " Petugas",
        role=role,
        password=ADMIN_PASSWORD,
    )
    return auth.authenticate(ctx, name, ADMIN_PASSWORD)


@pytest.fixture
def team(ctx: AppContext, admin: User) -> dict[str, User]:
    return {
        "ani": _user(ctx, admin, "ani", "operator"),
        "budi": _user(ctx, admin, "budi", "operator"),
        "sari": _user(ctx, admin, "sari", "supervisor"),
    }


def _key_three(ctx: AppContext, user: User, funder_id: int) -> list[str]:
    return [
        registrants.create(
            ctx, actor=user, data=person(funder_id, nik=f"640801410190000{n}", no_hp=hp)
        ).registrant.uuid
        for n, hp in ((1, "0812-3456-7890"), (2, ""), (3, "0813-1111-2222"))
    ]


def _second(funder_id: int, **changes: object) -> object:
    return person(funder_id, **changes)


def test_blind_second_keying_differences_and_decision(
    ctx: AppContext, db_path: Path, team: dict[str, User], funder_id: int
) -> None:
    ani, budi, sari = team["ani"], team["budi"], team["sari"]
    uuids = _key_three(ctx, ani, funder_id)
    with pytest.raises(RoleRefused):
        double_keying.draw_sample(ctx, actor=budi, percent=50)
    drawn = double_keying.draw_sample(ctx, actor=sari, percent=100, seed=1)
    assert drawn.eligible == 3 and len(drawn.item_ids) == 3
    first, second, third = drawn.item_ids
    # A record is sampled once: the next draw of the same day finds nothing left.
    with pytest.raises(UserError) as nothing:
        double_keying.draw_sample(ctx, actor=sari, percent=100)
    assert "Tidak ada formulir" in nothing.value.message("id")

    # The operator who keyed the forms may not key them again, and does not see them as pending.
    assert double_keying.pending_for(ctx, actor=ani) == []
    with pytest.raises(UserError) as own:
        double_keying.submit(ctx, actor=ani, item_id=first, data=person(funder_id))
    assert "operator lain" in own.value.message("id")
    pending = double_keying.pending_for(ctx, actor=budi)
    assert [p.id for p in pending] == [first, second, third]
    assert pending[0].desa == "SENYIUR"  # where to find the paper, nothing of what was keyed

    same = double_keying.submit(ctx, actor=budi, item_id=first, data=person(funder_id))
    assert same.status == double_keying.MATCH and same.differing == []
    # A value the field rules refuse is named and nothing is stored.
    with pytest.raises(ValidationFailed):
        double_keying.submit(
            ctx,
            actor=budi,
            item_id=second,
            data=person(funder_id, nik="6408014101900002", tanggal_lahir="31021990"),
        )
    assert double_keying.items(ctx, actor=sari)[1].status == double_keying.WAITING
    # Budi reads the name and the RT differently, and types the phone the paper shows as empty.
    out = double_keying.submit(
        ctx,
        actor=budi,
        item_id=second,
        data=person(funder_id, nik="6408014101900002", nama="Siti Aminah Z", rt="4", no_hp=""),
    )
    assert out.status == double_keying.DIFFER and set(out.differing) == {"nama", "rt"}
    with pytest.raises(UserError):  # keyed once only
        double_keying.submit(ctx, actor=budi, item_id=second, data=person(funder_id))

    shown = double_keying.compare(ctx, actor=sari, item_id=second)
    by_field = {d.field: d for d in shown.differences}
    assert by_field["nama"].label == "Nama lengkap"
    assert by_field["rt"].first == "003" or by_field["rt"].first in ("3", "03")
    with pytest.raises(UserError) as missing:
        double_keying.resolve(ctx, actor=sari, item_id=second, choices={"nama": "second"})
    assert "RT" in missing.value.message("id")
    before = (
        sqlite3.connect(db_path)
        .execute("SELECT version, nama, rt FROM registrant WHERE uuid = ?", (uuids[1],))
        .fetchone()
    )
    done = double_keying.resolve(
        ctx, actor=sari, item_id=second, choices={"nama": "second", "rt": "first"}
    )
    assert done.corrected == ["nama"]
    con = sqlite3.connect(db_path)
    version, nama, rt = con.execute(
        "SELECT version, nama, rt FROM registrant WHERE uuid = ?", (uuids[1],)
    ).fetchone()
    assert version == before[0] + 1 and nama != before[1] and rt == before[2]
    detail = con.execute(
        "SELECT actor, detail FROM audit_event WHERE action = 'registrant.update' AND entity_uuid = ?",
        (uuids[1],),
    ).fetchone()
    assert detail[0] == "sari" and '"via":"double_key"' in detail[1]
    assert (
        con.execute(
            "SELECT new_value FROM registrant_change WHERE registrant_uuid = ? AND field = 'nama'",
            (uuids[1],),
        ).fetchone()[0]
        == nama
    )
    assert (
        con.execute("SELECT count(*) FROM audit_event WHERE action LIKE 'double_key.%'").fetchone()[
            0
        ]
        == 4
    )
    with pytest.raises(UserError):  # decided once only
        double_keying.resolve(
            ctx, actor=sari, item_id=second, choices={"nama": "first", "rt": "first"}
        )

    stats = operator_stats.compute(ctx, actor=sari)
    with pytest.raises(RoleRefused):
        operator_stats.compute(ctx, actor=budi)
    total = {t.operator: t for t in stats.totals}
    a, b = total["ani"], total["budi"]
    assert a.full_name == "Ani Petugas" and a.keyed == 3 and b.keyed == 0
    assert a.with_warnings == 0 or a.with_warnings <= 3
    assert a.corrected == 1 and a.corrected_by_others == 1 and a.corrected_fields == 1
    assert a.double_keyed == 2 and a.fields_compared == 2 * len(double_keying.COMPARED)
    assert a.errors == 1 and b.errors == 1  # the name was Ani's error, the RT Budi's
    assert a.error_rate == pytest.approx(1 / (2 * len(double_keying.COMPARED)))
    assert [d.day for d in stats.days if d.operator == "ani"] == [today_wita()]
    # A period before today holds none of it.
    old = operator_stats.compute(ctx, actor=sari, end=today_wita() - timedelta(days=1))
    assert old.totals == []


def test_sample_from_a_list_of_niks(ctx: AppContext, team: dict[str, User], funder_id: int) -> None:
    _key_three(ctx, team["ani"], funder_id)
    drawn = double_keying.draw_sample(
        ctx,
        actor=team["sari"],
        niks=["6408 0141 0190 0001", "'6408014101900003", "6408019999990009"],
    )
    assert len(drawn.item_ids) == 2 and drawn.not_found == ["6408019999990009"]
    again = double_keying.draw_sample(
        ctx, actor=team["sari"], niks=["6408014101900001", "6408014101900002"]
    )
    assert len(again.item_ids) == 1 and again.already == ["6408014101900001"]
    with pytest.raises(UserError):
        double_keying.draw_sample(ctx, actor=team["sari"], percent=0)


def test_warning_rate(ctx: AppContext, team: dict[str, User], funder_id: int) -> None:
    ani = team["ani"]
    registrants.create(
        ctx, actor=ani, data=person(funder_id, nama_ibu="")
    )  # warning: mother missing
    registrants.create(
        ctx,
        actor=ani,
        data=person(
            funder_id,
            nik="6408011203850002",
            nama="Budi",
            tanggal_lahir="12031985",
            jenis_kelamin="L",
        ),
    )
    stats = operator_stats.compute(ctx, actor=team["sari"])
    (row,) = stats.totals
    assert row.keyed == 2 and row.with_warnings == 1 and row.warning_rate == 0.5
    assert row.corrected == 0 and row.error_rate is None
    assert stats.as_dict()["operators"][0]["warning_rate"] == 0.5


def test_a_differing_nik_shown_in_full_is_recorded(
    ctx: AppContext, db_path: Path, team: dict[str, User], funder_id: int
) -> None:
    _key_three(ctx, team["ani"], funder_id)
    (item, *_) = double_keying.draw_sample(
        ctx, actor=team["sari"], niks=["6408014101900001"]
    ).item_ids
    double_keying.submit(
        ctx, actor=team["budi"], item_id=item, data=person(funder_id, nik="6408014101900009")
    )
    shown = double_keying.compare(ctx, actor=team["sari"], item_id=item)
    assert [(d.first, d.second) for d in shown.differences] == [
        ("6408014101900001", "6408014101900009")
    ]
    reveal = (
        sqlite3.connect(db_path)
        .execute("SELECT actor, detail FROM audit_event WHERE action = 'nik.reveal'")
        .fetchall()
    )
    assert reveal == [("sari", '{"fields":["nik","no_kk"],"purpose":"double_key"}')]


def test_retention_erases_both_keyings_values(
    ctx: AppContext, db_path: Path, team: dict[str, User], admin: User, funder_id: int
) -> None:
    from rentan_desktop.domain.lifecycle import Status
    from rentan_desktop.services import retention
    from rentan_desktop.storage.types import utcnow

    uuids = _key_three(ctx, team["ani"], funder_id)
    (item,) = double_keying.draw_sample(ctx, actor=team["sari"], niks=["6408014101900001"]).item_ids
    double_keying.submit(
        ctx, actor=team["budi"], item_id=item, data=person(funder_id, nama="Siti Aminah Z")
    )
    registrants.change_status(
        ctx, actor=admin, uuids=[uuids[0]], new=Status.INACTIVE, reason="pindah"
    )
    retention.set_years(ctx, actor=admin, years=1)
    retention.run(ctx, actor=admin, now=utcnow() + timedelta(days=800))
    con = sqlite3.connect(db_path)
    first, second = con.execute(
        "SELECT first_values, second_values FROM double_key_item WHERE id = ?", (item,)
    ).fetchone()
    assert first == "{}" and second == "{}"
    assert con.execute("SELECT first_value, second_value FROM double_key_diff").fetchall() == [
        (None, None)
    ]
    # The counts stay for the statistics.
    assert operator_stats.compute(ctx, actor=team["sari"]).totals[0].double_keyed >= 1
