"""Registering through the service layer: validation, duplicates, lifecycle, history, roles."""

from __future__ import annotations

import sqlite3

import pytest
from tests.conftest import DESA_2, person

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import registrants, search
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError, ValidationFailed
from rentan_desktop.storage.models import User


def count(ctx: AppContext, sql: str = "SELECT count(*) FROM registrant") -> int:
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_create_saves_record_and_audit_event(ctx: AppContext, admin: User, funder_id: int) -> None:
    result = registrants.create(ctx, actor=admin, data=person(funder_id))
    row = result.registrant
    assert row.nama == "SITI AMINAH" and row.status == "draft" and row.version == 1
    assert row.nik == "6408014101900001" and isinstance(row.nik, str)
    assert row.no_hp == "+6281234567890" and row.kecamatan_kode == "640801"
    assert row.created_at.tzinfo is not None
    history = registrants.history(ctx, actor=admin, uuid=row.uuid)
    assert [h["action"] for h in history] == ["registrant.create"]
    con = sqlite3.connect(ctx.db.path)
    assert con.execute("SELECT typeof(nik), typeof(no_kk) FROM registrant").fetchone() == (
        "text",
        "text",
    )


def test_refused_record_changes_nothing(ctx: AppContext, admin: User, funder_id: int) -> None:
    before = count(ctx, "SELECT count(*) FROM audit_event")
    with pytest.raises(ValidationFailed) as err:
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik="6408014101900000", rt="abc")
        )
    assert {i.code for i in err.value.errors} == {"nik.serial", "rtrw.invalid"}
    assert "Data belum bisa disimpan (2 kesalahan)" in err.value.message("id")
    assert count(ctx) == 0 and count(ctx, "SELECT count(*) FROM audit_event") == before


def test_exact_duplicate_is_blocked_and_points_at_existing(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    first = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    check = registrants.check(ctx, actor=admin, data=person(funder_id, nama="Siti A."))
    assert not check.can_save and check.exact is not None and check.exact.uuid == first.uuid
    with pytest.raises(ValidationFailed) as err:
        registrants.create(ctx, actor=admin, data=person(funder_id, nama="Siti A."))
    assert err.value.code == "dup.exact"
    assert count(ctx) == 1


def test_inactive_registration_frees_the_nik(ctx: AppContext, admin: User, funder_id: int) -> None:
    first = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    registrants.change_status(
        ctx, actor=admin, uuids=[first.uuid], new=Status.INACTIVE, reason="pindah"
    )
    second = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    assert second.uuid != first.uuid
    # Reactivating the old one would make two active registrations: refused.
    result = registrants.change_status(ctx, actor=admin, uuids=[first.uuid], new=Status.DRAFT)
    assert result.changed == [] and first.uuid in result.refused


def test_possible_duplicate_is_a_warning_with_reasons(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    # Same person, NIK typed with one digit wrong and the name spelled differently.
    result = registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900007", nama="Hj. Siti Aminah")
    )
    assert result.possible and result.possible[0].other.nama == "SITI AMINAH"
    reasons = result.possible[0].reason_text("id")
    assert "Tanggal lahir sama" in reasons and "NIK hanya berbeda 1 angka" in reasons


def test_dismissed_duplicate_stops_warning(ctx: AppContext, admin: User, funder_id: int) -> None:
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    b = registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900007")
    ).registrant
    assert registrants.duplicates_of(ctx, actor=admin, uuid=b.uuid)
    with pytest.raises(UserError):
        registrants.dismiss_duplicate(ctx, actor=admin, uuid_a=b.uuid, uuid_b=a.uuid, reason=" ")
    registrants.dismiss_duplicate(
        ctx, actor=admin, uuid_a=b.uuid, uuid_b=a.uuid, reason="Kembar, dicek ke KTP"
    )
    assert registrants.duplicates_of(ctx, actor=admin, uuid=b.uuid) == []


def test_update_records_changes_and_version(ctx: AppContext, admin: User, funder_id: int) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    data = registrants.to_input(row)
    from dataclasses import replace

    updated = registrants.update(
        ctx,
        actor=admin,
        uuid=row.uuid,
        data=replace(data, rt="7", desa_kode=DESA_2),
        expected_version=1,
    ).registrant
    assert updated.version == 2 and updated.rt == "007" and updated.kecamatan_kode == "640801"
    last = registrants.history(ctx, actor=admin, uuid=row.uuid)[-1]
    assert last["action"] == "registrant.update"
    assert last["detail"]["changes"]["rt"] == ["003", "007"]
    with pytest.raises(UserError) as err:
        registrants.update(ctx, actor=admin, uuid=row.uuid, data=data, expected_version=1)
    assert err.value.code == "registrant.stale"


def test_lifecycle_enforced_in_service(ctx: AppContext, admin: User, funder_id: int) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    bad = registrants.change_status(ctx, actor=admin, uuids=[row.uuid], new=Status.REGISTERED)
    assert bad.changed == [] and "tidak dapat diubah" in bad.refused[row.uuid]
    for new in (Status.VERIFIED, Status.SENT, Status.ACCEPTED, Status.REGISTERED):
        assert registrants.change_status(ctx, actor=admin, uuids=[row.uuid], new=new).changed == [
            row.uuid
        ]
    no_reason = registrants.change_status(ctx, actor=admin, uuids=[row.uuid], new=Status.INACTIVE)
    assert no_reason.changed == []
    done = registrants.change_status(
        ctx, actor=admin, uuids=[row.uuid], new=Status.INACTIVE, reason="meninggal"
    )
    assert done.changed == [row.uuid]
    actions = [
        (h["detail"].get("old"), h["detail"].get("new"))
        for h in registrants.history(ctx, actor=admin, uuid=row.uuid)
        if h["action"] == "registrant.status"
    ]
    assert actions == [
        ("draft", "verified"),
        ("verified", "sent"),
        ("sent", "accepted"),
        ("accepted", "registered"),
        ("registered", "inactive"),
    ]


def test_role_refusals(ctx: AppContext, admin: User, make_user, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    operator = make_user("operator")
    row = registrants.create(ctx, actor=operator, data=person(funder_id)).registrant
    with pytest.raises(RoleRefused):
        registrants.change_status(
            ctx, actor=operator, uuids=[row.uuid], new=Status.INACTIVE, reason="x"
        )
    with pytest.raises(RoleRefused):
        registrants.dismiss_duplicate(
            ctx, actor=operator, uuid_a=row.uuid, uuid_b=row.uuid, reason="x"
        )
    supervisor = make_user("supervisor")
    with pytest.raises(RoleRefused):
        registrants.change_status(ctx, actor=supervisor, uuids=[row.uuid], new=Status.ACCEPTED)


def test_search_by_nik_prefix_and_name(ctx: AppContext, admin: User, funder_id: int) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408011203850002",
            nama="Ahmad Yani",
            tanggal_lahir="12031985",
            jenis_kelamin="L",
        ),
    )

    def names_for(text: str, mode: str = "auto") -> list[str]:
        return [
            r["nama"] for r in search.search(ctx, actor=admin, query=search.Query(text, mode)).rows
        ]

    assert names_for("6408014101900001") == ["SITI AMINAH"]
    assert names_for("640801") == ["SITI AMINAH", "AHMAD YANI"]
    assert names_for("ahm", "prefix") == ["AHMAD YANI"]
    assert names_for("amina") == ["SITI AMINAH"]  # contains, via the trigram index
    assert names_for("YA") == []  # two letters: prefix only
    page = search.search(ctx, actor=admin, query=search.Query("", filters=search.Filters(rt="3")))
    assert page.total == 2


def test_correction_values_stay_out_of_the_audit_chain_and_retention_erases_them(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from rentan_desktop.services import retention
    from rentan_desktop.storage.types import utcnow

    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    data = registrants.to_input(row)
    registrants.update(
        ctx, actor=admin, uuid=row.uuid, data=replace(data, alamat="Jl. Baru 7", rt="9")
    )
    con = sqlite3.connect(ctx.db.path)
    details = " ".join(
        r[0]
        for r in con.execute("SELECT detail FROM audit_event WHERE entity_uuid = ?", (row.uuid,))
    )
    assert (
        "Jl. Baru 7" not in details and "Jl. Poros No. 5" not in details
    )  # personal values not chained
    assert '"rt":["003","009"]' in details  # non-personal values stay readable in the trail
    change = registrants.history(ctx, actor=admin, uuid=row.uuid)[-1]["detail"]["changes"]
    assert change["alamat"] == ["Jl. Poros No. 5", "Jl. Baru 7"] and change["rt"] == ["003", "009"]
    registrants.change_status(
        ctx, actor=admin, uuids=[row.uuid], new=Status.INACTIVE, reason="pindah"
    )
    retention.set_years(ctx, actor=admin, years=1)
    retention.run(ctx, actor=admin, now=utcnow() + timedelta(days=800))
    erased = [
        h
        for h in registrants.history(ctx, actor=admin, uuid=row.uuid)
        if h["action"] == "registrant.update"
    ]
    assert erased[0]["detail"]["changes"]["alamat"] == [None, None]
    stored = con.execute(
        "SELECT old_value, new_value FROM registrant_change WHERE registrant_uuid = ?", (row.uuid,)
    ).fetchall()
    assert stored and all(v == (None, None) for v in stored)
    with ctx.db.reader() as session:
        from rentan_desktop.services import audit

        assert audit.verify_chain(session).ok
