"""Fixtures for the exchange GUI tests: the kecamatan of the root conftest linked to a kabupaten.

Holds no tests. Both offices are real databases in tmp_path with their own keys; each trusts the
other's key after the fingerprint check, exactly as an admin does it on the keys page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, _copy_db, person

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.jobs import JobRunner
from rentan_desktop.gui.signals import AppSignals
from rentan_desktop.services import auth, registrants, setup, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

KAB_CODE = "6408"
NAMES = ["Siti Aminah", "Budi Santoso", "Rahmat Hidayat", "Dewi Lestari", "Agus Salim"]


@dataclass
class Offices:
    kec: AppContext
    kec_admin: User
    kab: AppContext
    kab_admin: User
    funder_id: int


_KAB_TEMPLATE: list[Path] = []  # built once per run, whichever test module asks first


@pytest.fixture(scope="session")
def kab_db_template(blank_template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kabupaten office database, made from the shell's migrated and seeded blank database."""
    if not _KAB_TEMPLATE:
        path = tmp_path_factory.mktemp("kab_gui_template") / "rentan.db"
        _copy_db(blank_template_db, path)
        ctx = AppContext.open(path)
        setup.init_office(
            ctx,
            kode=KAB_CODE,
            nama="Kabupaten Kutai Timur",
            level="kabupaten",
            admin_username="admin",
            admin_full_name="Koordinator",
            admin_password=ADMIN_PASSWORD,
            funder=setup.FunderSpec("APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408", ""),
        )
        ctx.close()
        _KAB_TEMPLATE.append(path)
    return _KAB_TEMPLATE[0]


@pytest.fixture
def kab_ctx(kab_db_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    _copy_db(kab_db_template, folder / "rentan.db")
    context = AppContext.open(folder / "rentan.db")
    yield context
    context.close()


def trust_each_other(
    a: AppContext, a_admin: User, b: AppContext, b_admin: User, folder: Path
) -> None:
    for ctx, actor in ((a, a_admin), (b, b_admin)):
        if trust.office_key_info(ctx) is None:
            trust.create_office_key(ctx, actor=actor)
    for src, src_admin, dst, dst_admin in ((a, a_admin, b, b_admin), (b, b_admin, a, a_admin)):
        path = trust.export_public_key(src, actor=src_admin, folder=folder)
        info = trust.office_key_info(src)
        assert info is not None
        trust.trust_key(dst, actor=dst_admin, path=path, fingerprint=info.fingerprint)
        path.unlink()


@pytest.fixture
def offices(ctx: AppContext, admin: User, kab_ctx: AppContext, tmp_path: Path) -> Offices:
    kab_admin = auth.authenticate(kab_ctx, "admin", ADMIN_PASSWORD)
    keys = tmp_path / "keys"
    keys.mkdir()
    trust_each_other(ctx, admin, kab_ctx, kab_admin, keys)
    return Offices(ctx, admin, kab_ctx, kab_admin, setup.list_funders(ctx)[0].id or 0)


@pytest.fixture
def kab_gui(offices: Offices, app_signals: AppSignals, job_runner: JobRunner) -> GuiContext:
    """The coordinator's GuiContext (same signals and job runner as the kecamatan's)."""
    return GuiContext(offices.kab, offices.kab_admin, app_signals, job_runner)


def add_verified(
    ctx: AppContext, actor: User, funder_id: int, count: int, start: int = 1, **overrides: object
) -> list[str]:
    """``count`` RT-verified women born 1 Jan 1990 with NIK serials from ``start``."""
    uuids = []
    for i in range(start, start + count):
        data = person(
            funder_id,
            nik=f"640801410190{i:04d}",
            nama=f"{NAMES[i % len(NAMES)]} {chr(65 + i % 26)}",
            **overrides,
        )
        uuids.append(registrants.create(ctx, actor=actor, data=data).registrant.uuid)
    result = registrants.change_status(ctx, actor=actor, uuids=uuids, new=Status.VERIFIED)
    assert not result.refused
    return uuids


def wait_job(qtbot, job, timeout: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    if job.running:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass
