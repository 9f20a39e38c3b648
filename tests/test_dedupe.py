"""The duplicate workbench: clusters, side by side, keep / merge / different people, all audited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import DESA_2, person
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import dedupe, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User


@pytest.fixture
def trio(ctx: AppContext, admin: User, funder_id: int) -> tuple[str, str, str]:
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant.uuid
    # The same woman keyed again in another desa with one NIK digit wrong and another spelling.
    b = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408014101900007",
            nama="Siti Aminah.",
            no_hp="0813-1111-2222",
            desa_kode=DESA_2,
        ),
    ).registrant.uuid
    c = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408011203850002",
            nama="Budi Santoso",
            tanggal_lahir="12031985",
            jenis_kelamin="L",
        ),
    ).registrant.uuid
    return a, b, c


def audit_actions(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY id")]
    finally:
        con.close()


@pytest.mark.usefixtures("backend")  # and on a server database
def test_cluster_found_and_shown_side_by_side(
    ctx: AppContext, admin: User, trio: tuple[str, str, str]
) -> None:
    a, b, _ = trio
    found = dedupe.find_clusters(ctx, actor=admin)
    assert [c.members for c in found] == [(a, b)]
    assert found[0].reasons == ("nik_mirip",) and not found[0].lintas_kecamatan
    assert dedupe.get_cluster(ctx, actor=admin, key=found[0].key).members == (a, b)
    rows = {r["field"]: r for r in dedupe.side_by_side(ctx, actor=admin, uuids=[a, b])}
    assert (
        rows["nik"]["values"] == ["6408014101900001", "6408014101900007"] and rows["nik"]["differs"]
    )
    assert not rows["tanggal_lahir"]["differs"] and rows["desa_kode"]["differs"]


def test_different_people_decision_is_recorded_and_hides_the_cluster(
    ctx: AppContext, admin: User, trio: tuple[str, str, str], db_path: Path
) -> None:
    a, b, _ = trio
    with pytest.raises(UserError):
        dedupe.decide(ctx, actor=admin, uuids=[a, b], decision="different", reason=" ")
    result = dedupe.decide(
        ctx, actor=admin, uuids=[a, b], decision="different", reason="Kembar, cek KK"
    )
    assert result.deactivated == ()
    assert dedupe.find_clusters(ctx, actor=admin) == []
    assert audit_actions(db_path)[-1] == "duplicate.decide"
    [recorded] = dedupe.decisions(ctx, actor=admin)
    assert recorded["decision"] == "different" and recorded["reason"] == "Kembar, cek KK"
    assert registrants.get(ctx, actor=admin, uuid=b).status == "draft"


@pytest.mark.usefixtures("backend")  # and on a server database
def test_keep_deactivates_the_others_with_the_reason(
    ctx: AppContext, admin: User, trio: tuple[str, str, str]
) -> None:
    a, b, _ = trio
    result = dedupe.decide(
        ctx, actor=admin, uuids=[a, b], decision="keep", keep=a, reason="NIK b salah ketik"
    )
    assert result.deactivated == (b,)
    gone = registrants.get(ctx, actor=admin, uuid=b)
    assert gone.status == "inactive" and "NIK b salah ketik" in gone.status_reason
    assert dedupe.find_clusters(ctx, actor=admin) == []
    history = [e["action"] for e in registrants.history(ctx, actor=admin, uuid=b)]
    assert history[-1] == "registrant.status"


@pytest.mark.usefixtures("backend")  # and on a server database
def test_merge_takes_chosen_fields_into_the_kept_record(
    ctx: AppContext, admin: User, trio: tuple[str, str, str]
) -> None:
    a, b, _ = trio
    result = dedupe.decide(
        ctx,
        actor=admin,
        uuids=[a, b],
        decision="merge",
        keep=a,
        take={"no_hp": b, "desa_kode": b},
        reason="HP dan desa terbaru di data b",
    )
    kept = registrants.get(ctx, actor=admin, uuid=a)
    assert kept.no_hp == "+6281311112222" and kept.desa_kode == DESA_2 and kept.version == 2
    assert result.merged["no_hp"] == ["+6281234567890", "+6281311112222"]
    assert registrants.get(ctx, actor=admin, uuid=b).status == "inactive"
    with pytest.raises(UserError):
        dedupe.decide(
            ctx, actor=admin, uuids=[a, b], decision="merge", keep=a, take={"status": b}, reason="x"
        )


def test_operator_may_look_but_not_decide(
    ctx: AppContext, make_user, trio: tuple[str, str, str]
) -> None:  # type: ignore[no-untyped-def]
    a, b, _ = trio
    operator = make_user("operator")
    assert dedupe.find_clusters(ctx, actor=operator)
    with pytest.raises(RoleRefused):
        dedupe.decide(ctx, actor=operator, uuids=[a, b], decision="different", reason="x")


def test_clusters_across_kecamatan_are_marked_and_filtered(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant.uuid
    # Same person keyed in Sangatta Utara (another kecamatan of the regency), NIK digits swapped.
    b = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408014101900010",
            desa_kode="6408042011",
            no_hp="",
        ),
    ).registrant.uuid
    [cluster] = dedupe.find_clusters(ctx, actor=admin)
    assert cluster.members == (a, b) and cluster.lintas_kecamatan
    assert dedupe.find_clusters(ctx, actor=admin, kecamatan_kode="640804") == [cluster]
    assert dedupe.find_clusters(ctx, actor=admin, kecamatan_kode="640809") == []
