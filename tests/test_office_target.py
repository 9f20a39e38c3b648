"""Beranda's *Target peserta* is the office's own target (issue 15): a regency that set a target for
itself and for each kecamatan does not see their sum."""

from __future__ import annotations

from sqlmodel import select
from tests import test_batch_support as support

from rentan_desktop.services import setup, stats
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

kab_template, kab = support.kab_template, support.kab  # shared fixtures


def _admin(ctx: AppContext) -> User:
    with ctx.db.reader() as session:
        user = session.exec(select(User).where(User.role == "admin")).first()
    assert user is not None
    return user


def test_a_regency_office_counts_its_own_target_not_the_sum_of_its_kecamatan(
    kab: AppContext,
) -> None:
    admin, periode = _admin(kab), kab.periode()
    funder = setup.list_funders(kab)[0].kode

    def target(area: str, people: int) -> None:
        setup.set_target(
            kab, actor=admin, funder_kode=funder, periode=periode, jumlah=people, wilayah_kode=area
        )

    target("640801", 5_000)
    target("640802", 4_000)
    # Without a target of its own the regency's is what its kecamatan add up to.
    assert stats.overview(kab).target == 9_000
    target("6408", 100_000)
    overview = stats.overview(kab)
    assert overview.target == 100_000
    assert overview.remaining == 100_000 - overview.active
    # Settings shows the same target per funder.
    funder_id = setup.list_funders(kab)[0].id
    assert setup.targets_by_funder(kab, periode=periode) == {funder_id: 100_000}


def test_office_target_rules() -> None:
    rows = [
        (1, "640801", 1_000),  # the kecamatan itself
        (1, "6408012001", 300),  # its desa: not added to the kecamatan's own target
        (1, "640802", 2_000),  # another kecamatan: not this office's
        (2, "6408012001", 40),  # another funder with desa targets only: they add up
        (2, "6408012002", 60),
    ]
    assert stats.office_target(rows, "640801") == 1_000 + 100
    assert stats.office_target(rows, "6408") == 3_000 + 100  # kecamatan level for funder 1
    assert stats.office_target([], "640801") == 0
