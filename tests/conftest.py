"""Shared fixtures: a migrated, initialised database built once per session and copied per test."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The office key passphrase, as an admin would export it for `rentan` commands (README). Tests of
# the locked and wrong-passphrase paths remove or change it with monkeypatch.
KEY_PASSPHRASE = "kunci-kantor-rahasia-1"
os.environ.setdefault("RENTAN_KEY_PASSPHRASE", KEY_PASSPHRASE)

from rentan_desktop.domain.registrant import RegistrantInput  # noqa: E402
from rentan_desktop.services import auth, setup  # noqa: E402
from rentan_desktop.services.context import AppContext  # noqa: E402
from rentan_desktop.services.errors import UserError  # noqa: E402
from rentan_desktop.storage.models import User  # noqa: E402

# `make test` runs the suite on two workers, then these modules alone: they hold wall-clock bounds
# (event-loop stalls, a bounded wait, a kill timed against a run) that a neighbour test on the other
# core would turn into noise. Paths relative to tests/.
SERIAL_MODULES = frozenset(
    {
        "gui/test_no_frozen_window.py",
        "gui/test_first_day.py",
        "gui/test_key_unlock_gui.py",
        "gui/test_key_unlock_thread.py",
        "gui/test_entry_busy.py",
        "gui/test_dialog_locks.py",
        "gui/test_draft_kill.py",
        "test_crash.py",
        "test_power_loss.py",
        "test_export_window.py",
        "test_checkpoint.py",
        "test_safe_sheet.py",
        "test_hostile_imports.py",
        "test_xlsx_guard.py",
        "test_xls_records.py",
        "test_small_losses.py",
        "test_concurrency_staff.py",
    }
)
TESTS_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(item.path).resolve().relative_to(TESTS_DIR).as_posix() in SERIAL_MODULES:
            item.add_marker(pytest.mark.serial)


ADMIN_PASSWORD = "rahasia-kuat-1"
OFFICE_CODE = "640801"  # Kecamatan Muara Ancalong, Kutai Timur
DESA = "6408012001"  # Senyiur
DESA_2 = "6408012002"  # Kelinjau Ilir


def _copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a database with its audit key and anchor (a database copied without
    them no longer verifies as intact). The office signing key is left behind on purpose: each
    copy plays another office and makes its own. So the copy's audit key is written plain, as in
    a database whose office key is not made yet: the copy's own office key seals it."""
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        a.backup(b)
    finally:
        b.close()
        a.close()
    _copy_keys(src.parent / f"{src.stem}-keys", dst.parent / f"{dst.stem}-keys")


def _copy_keys(keys: Path, target: Path) -> None:
    """The audit key (written plain) and the anchors of one key folder into another (see
    :func:`_copy_db`); also for a server database's local folder."""
    from rentan_desktop.services import key_unlock
    from rentan_desktop.signing import key_folder

    for part in sorted(keys.glob("audit.anchor.*")) if keys.is_dir() else []:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(part, target / part.name)
    if keys.is_dir():
        try:
            key = key_folder.audit_key(keys)
        except key_folder.AuditKeyLocked:
            key = key_unlock.open_audit_key(keys)
        if key is not None:
            target.mkdir(parents=True, exist_ok=True)
            key_folder.write_private(target / key_folder.AUDIT_KEY_FILE, key.hex().encode())


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at the current head with this office, an admin, a funder and a target."""
    path = tmp_path_factory.mktemp("template") / "rentan.db"
    ctx = AppContext.open(path)
    setup.init_office(
        ctx,
        kode=OFFICE_CODE,
        nama="Kecamatan Muara Ancalong",
        level="kecamatan",
        admin_username="admin",
        admin_full_name="Admin Kecamatan",
        admin_password=ADMIN_PASSWORD,
        funder=setup.FunderSpec(
            "APBD-KUTIM",
            "APBD Kabupaten Kutai Timur",
            15,
            64,
            "6408",
            "Perbup Kutai Timur No. 29 Tahun 2024",
        ),
        target=1000,
    )
    ctx.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "rentan.db"
    _copy_db(template_db, path)
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Opt-in (``@pytest.mark.usefixtures("backend")``): the test runs twice, its ``ctx`` once a
    database file and once a PostgreSQL server database holding the same office."""
    return str(request.param)


@pytest.fixture
def ctx(db_path: Path, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    if "backend" in request.fixturenames and request.getfixturevalue("backend") == "postgresql":
        yield from pg_office(request, db_path.parent / "xdg", "template_db")
        return
    context = AppContext.open(db_path)
    yield context
    context.close()


@pytest.fixture
def admin(ctx: AppContext) -> User:
    return auth.authenticate(ctx, "admin", ADMIN_PASSWORD)


@pytest.fixture
def make_user(ctx: AppContext, admin: User):  # type: ignore[no-untyped-def]
    """Create (once) and return a user with the given role."""

    def _make(role: str) -> User:
        name = f"u_{role}"
        with contextlib.suppress(UserError):  # already created in this test
            auth.create_user(
                ctx,
                actor=admin,
                username=name,
                full_name=name.upper(),
                role=role,
                password=ADMIN_PASSWORD,
            )
        return auth.authenticate(ctx, name, ADMIN_PASSWORD)

    return _make


@pytest.fixture
def funder_id(ctx: AppContext) -> int:
    return setup.list_funders(ctx)[0].id or 0


def person(funder_id: int, **overrides: object) -> RegistrantInput:
    """A valid registration (Siti Aminah, born 1 Jan 1990, NIK issued in Muara Ancalong)."""
    base: dict[str, object] = dict(
        nik="6408014101900001",
        no_kk="6408010101100001",
        nama="Siti Aminah",
        tempat_lahir="Sangatta",
        tanggal_lahir="01011990",
        jenis_kelamin="P",
        nama_ibu="Halimah",
        alamat="Jl. Poros No. 5",
        rt="3",
        rw="1",
        desa_kode=DESA,
        no_hp="0812-3456-7890",
        pekerjaan_kode="NELAYAN",
        penghasilan="",
        sumber_dana_id=funder_id,
        notes="",
    )
    base.update(overrides)
    return RegistrantInput(**base)  # type: ignore[arg-type]


@pytest.fixture
def rentan_bin() -> str:
    found = shutil.which("rentan", path=str(Path(__file__).resolve().parents[1] / ".venv" / "bin"))
    assert found, "the rentan entry point is not installed in .venv"
    return found


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One real PostgreSQL server for the whole session (tests/pg_server.py); skipped, with the
    reason, only when the machine has no PostgreSQL server binaries at all."""
    from tests import pg_server as pg

    try:
        server = pg.start_server()
    except LookupError as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


def _pg_database(server: object, request: pytest.FixtureRequest, template: str) -> Iterator[str]:
    import re
    import uuid

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:40] + "_" + uuid.uuid4().hex[:8]
    yield server.create_database(name, template)  # type: ignore[attr-defined]
    server.drop_database(name)  # type: ignore[attr-defined]


@pytest.fixture
def pg_url(pg_server: object, request: pytest.FixtureRequest) -> Iterator[str]:
    """A new empty database on the session's PostgreSQL server, dropped after the test."""
    yield from _pg_database(pg_server, request, "template0")


@pytest.fixture(scope="session")
def pg_head_template(pg_server: object) -> str:
    """A server database at the newest schema revision, migrated once per session, copied per test."""
    from rentan_desktop.storage import server
    from rentan_desktop.storage.location import ServerLocation

    server.upgrade(ServerLocation(pg_server.create_database("rentan_head")))  # type: ignore[attr-defined]
    return "rentan_head"


@pytest.fixture
def pg_head_url(
    pg_server: object, pg_head_template: str, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A new server database already at the newest schema (empty tables), dropped after the test."""
    yield from _pg_database(pg_server, request, pg_head_template)


def _pg_office_template(request: pytest.FixtureRequest, file_fixture: str) -> tuple[str, Path]:
    """The office of the session's database template ``file_fixture`` moved onto the server once
    (``rentan migrate-to-server``'s service): (server database name, its local key folder)."""
    server = request.getfixturevalue("pg_server")
    # Kept on the session's server (this module is also imported as tests.conftest).
    made: dict[str, tuple[str, Path]] = server.__dict__.setdefault("offices", {})
    if file_fixture in made:
        return made[file_fixture]
    from rentan_desktop.services import server_migration
    from rentan_desktop.storage.location import ServerLocation
    from rentan_desktop.storage.server import LOCAL_NAME

    head = request.getfixturevalue("pg_head_template")
    source: Path = request.getfixturevalue(file_fixture)
    folder = request.getfixturevalue("tmp_path_factory").mktemp(f"pg_{file_fixture}")
    name = f"office_{file_fixture}"
    target = ServerLocation(server.create_database(name, head))  # type: ignore[attr-defined]
    _copy_db(source, folder / "source.db")
    context = AppContext.open(folder / "source.db")
    try:
        admin = auth.authenticate(context, "admin", ADMIN_PASSWORD)
        server_migration.move_to_server(context, target, actor=admin, local_dir=folder / "server")
    finally:
        context.close()
    made[file_fixture] = (name, (folder / "server" / LOCAL_NAME).parent)
    return made[file_fixture]


def pg_office(
    request: pytest.FixtureRequest, data_home: Path, file_fixture: str
) -> Iterator[AppContext]:
    """An open context on a new server database copied (CREATE DATABASE ... TEMPLATE) from the
    server copy of the session template ``file_fixture``; its key folder copied as for a file,
    into the local folder a ``rentan`` command finds with ``XDG_DATA_HOME=data_home``."""
    import re
    import uuid

    from rentan_desktop.storage.location import ServerLocation

    template, keys = _pg_office_template(request, file_fixture)
    server = request.getfixturevalue("pg_server")
    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:40] + "_" + uuid.uuid4().hex[:8]
    url = server.create_database(name, template)  # type: ignore[attr-defined]
    local_dir = ServerLocation(url).local_dir(data_home / "RentanDesktop" / "server")
    _copy_keys(keys / "rentan-keys", local_dir / "rentan-keys")
    context = AppContext.open(url, local_dir=local_dir)
    try:
        yield context
    finally:
        context.close()
        server.drop_database(name)  # type: ignore[attr-defined]
