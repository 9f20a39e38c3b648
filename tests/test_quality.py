"""Data-quality counts per problem type per desa, and snapshots over time."""

from __future__ import annotations

from conftest import DESA, DESA_2, person
from rentan_desktop.services import quality, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


def test_counts_per_desa_and_trend(ctx: AppContext, admin: User, funder_id: int) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408014101900007",
            nama="Siti Aminah",
            desa_kode=DESA_2,
            no_hp="",
            nama_ibu="",
        ),
    )
    current = quality.view(ctx, actor=admin)
    assert current.records[DESA] == 1 and current.records[DESA_2] == 1
    assert current.per_desa[DESA][quality.DUPLICATE] == 1
    assert current.per_desa[DESA_2][quality.NO_PHONE] == 1
    assert current.per_desa[DESA_2]["mother.missing"] == 1
    assert quality.NO_PHONE not in current.per_desa[DESA]
    data = current.as_dict("id")
    assert {d["desa"] for d in data["desa"]} == {"Senyiur", "Kelinjau Ilir"}
    assert any(t["label"] == "Nomor HP kosong" for t in data["totals"])

    assert quality.snapshot(ctx, actor=admin) > 0
    registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408011203850002",
            nama="Budi",
            tanggal_lahir="12031985",
            jenis_kelamin="L",
            no_hp="",
        ),
    )
    quality.snapshot(ctx, actor=admin)
    trend = [h["count"] for h in quality.history(ctx, actor=admin, code=quality.NO_PHONE)]
    assert trend == [1, 2]
    in_senyiur = quality.history(ctx, actor=admin, code=quality.NO_PHONE, desa_kode=DESA)
    assert [h["count"] for h in in_senyiur] == [1]  # Budi, who only appears in the second snapshot


def test_limited_to_a_kecamatan_and_without_clusters(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    view = quality.view(ctx, actor=admin, kecamatan_kode="640802", duplicates=False)
    assert view.per_desa == {} and view.records == {}


def test_snapshot_if_due_takes_one_a_day(ctx: AppContext, admin: User, funder_id: int) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id, no_hp=""))
    assert quality.snapshot_if_due(ctx, actor=admin) is True
    assert quality.snapshot_if_due(ctx, actor=admin) is False
    assert quality.snapshot_if_due(ctx, actor=admin, every_hours=0) is True
    assert len(quality.history(ctx, actor=admin, code=quality.NO_PHONE)) == 2
