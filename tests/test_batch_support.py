"""Fixtures for the batch tests: a kecamatan (conftest's ``ctx``) linked to a kabupaten office.

Imported by the batch, receipt and BPJS tests; holds no tests itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, _copy_db, person, pg_office

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import auth, registrants, setup, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

KAB_CODE = "6408"
KEC2_CODE = "640802"  # Muara Wahau
KEC2_DESA = "6408022001"  # Jak Luay
NAMES = [
    "Siti Aminah",
    "Budi Santoso",
    "Rahmat Hidayat",
    "Dewi Lestari",
    "Agus Salim",
    "Nur Aisyah",
    "Yohanes Lawing",
    "Maria Ulfa",
    "Hendra Gunawan",
    "Ratna Sari",
]


@dataclass
class Link:
    """A kecamatan and its kabupaten coordinator, each trusting the other's key."""

    kec: AppContext
    kec_admin: User
    kab: AppContext
    kab_admin: User
    usb: Path
    funder_id: int


def _derive(template_db: Path, folder: Path, kode: str, level: str, nama: str) -> Path:
    """Another office's template: a copy of the kecamatan template with its office row changed.

    Much faster than a fresh migrated and seeded database, and the same schema and reference data.
    """
    path = folder / "rentan.db"
    _copy_db(template_db, path)
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE office SET kode = ?, level = ?, nama = ?", (kode, level, nama))
        con.commit()
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def kab_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _derive(
        template_db,
        tmp_path_factory.mktemp("kab_template"),
        KAB_CODE,
        "kabupaten",
        "Kabupaten Kutai Timur",
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def kab_backend(request: pytest.FixtureRequest) -> str:
    """Opt-in (``@pytest.mark.usefixtures("kab_backend")``): the regency's ``kab`` runs once as
    a database file and once as a PostgreSQL server database (tests/conftest.py, pg_office)."""
    return str(request.param)


@pytest.fixture
def kab(kab_template: Path, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    if (
        "kab_backend" in request.fixturenames
        and request.getfixturevalue("kab_backend") == "postgresql"
    ):
        yield from pg_office(request, tmp_path / "kab-xdg", "kab_template")
        return
    folder = tmp_path / "kab"
    folder.mkdir()
    _copy_db(kab_template, folder / "rentan.db")
    context = AppContext.open(folder / "rentan.db")
    yield context
    context.close()


@pytest.fixture(scope="session")
def kec2_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _derive(
        template_db,
        tmp_path_factory.mktemp("kec2_template"),
        KEC2_CODE,
        "kecamatan",
        "Kecamatan Muara Wahau",
    )


@pytest.fixture(scope="session")
def prov_template(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _derive(
        template_db,
        tmp_path_factory.mktemp("prov_template"),
        "64",
        "provinsi",
        "Provinsi Kalimantan Timur",
    )


@pytest.fixture
def prov(prov_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    folder = tmp_path / "prov"
    folder.mkdir()
    _copy_db(prov_template, folder / "rentan.db")
    context = AppContext.open(folder / "rentan.db")
    yield context
    context.close()


@pytest.fixture
def kec2(kec2_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    folder = tmp_path / "kec2"
    folder.mkdir()
    _copy_db(kec2_template, folder / "rentan.db")
    context = AppContext.open(folder / "rentan.db")
    yield context
    context.close()


@pytest.fixture
def link(ctx: AppContext, admin: User, kab: AppContext, tmp_path: Path) -> Link:
    kab_admin = auth.authenticate(kab, "admin", ADMIN_PASSWORD)
    usb = tmp_path / "usb"
    usb.mkdir()
    exchange(ctx, admin, kab, kab_admin, usb)
    return Link(ctx, admin, kab, kab_admin, usb, setup.list_funders(ctx)[0].id or 0)


def exchange(a: AppContext, a_admin: User, b: AppContext, b_admin: User, folder: Path) -> None:
    """Create keys where missing and make each office trust the other's (fingerprint checked)."""
    for ctx, actor in ((a, a_admin), (b, b_admin)):
        if trust.office_key_info(ctx) is None:
            trust.create_office_key(ctx, actor=actor)
    for src, src_admin, dst, dst_admin in ((a, a_admin, b, b_admin), (b, b_admin, a, a_admin)):
        path = trust.export_public_key(src, actor=src_admin, folder=folder)
        info = trust.office_key_info(src)
        assert info is not None
        trust.trust_key(dst, actor=dst_admin, path=path, fingerprint=info.fingerprint)
        path.unlink()


def add_verified(
    ctx: AppContext, actor: User, funder_id: int, count: int, start: int = 1, **overrides: object
) -> list[str]:
    """Register ``count`` women born 1 Jan 1990 (NIK serials from ``start``) and RT-verify them."""
    uuids = []
    for i in range(start, start + count):
        data = person(
            funder_id,
            nik=f"640801410190{i:04d}",
            nama=NAMES[i % len(NAMES)] + f" {chr(65 + i % 26)}",
            **overrides,
        )
        uuids.append(registrants.create(ctx, actor=actor, data=data).registrant.uuid)
    result = registrants.change_status(ctx, actor=actor, uuids=uuids, new=Status.VERIFIED)
    assert not result.refused
    return uuids


def snapshot(ctx: AppContext) -> dict[str, object]:
    """Everything an import or export may touch, to prove that a refusal changed nothing."""
    con = sqlite3.connect(ctx.db.path)
    try:
        out: dict[str, object] = {}
        for table in (
            "registrant",
            "batch_ledger",
            "batch_item",
            "batch_conflict",
            "duplicate_flag",
            "audit_event",
        ):
            out[table] = con.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        return out
    finally:
        con.close()


def statuses(ctx: AppContext) -> dict[str, str]:
    con = sqlite3.connect(ctx.db.path)
    try:
        return dict(con.execute("SELECT uuid, status FROM registrant").fetchall())
    finally:
        con.close()


def bulk_verified(ctx: AppContext, actor: User, funder_id: int, count: int, start: int = 1) -> None:
    """Many RT-verified records quickly: one made through the service, copied with SQL.

    The copies differ in uuid, NIK serial and name; everything else is a valid saved record.
    """
    first = add_verified(ctx, actor, funder_id, 1, start=start)[0]
    con = sqlite3.connect(ctx.db.path)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(registrant)") if r[1] != "id"]
        base = dict(
            zip(
                cols,
                con.execute(
                    f"SELECT {', '.join(cols)} FROM registrant WHERE uuid = ?", (first,)
                ).fetchone(),
                strict=True,
            )
        )
        rows = []
        for i in range(start + 1, start + count):
            row = dict(
                base,
                uuid=f"00000000-0000-4000-8000-{i:012d}",
                nik=f"64080141019{i:05d}",
                nama=f"{NAMES[i % len(NAMES)].upper()} {i}",
            )
            rows.append(tuple(row[c] for c in cols))
        con.executemany(
            f"INSERT INTO registrant({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            rows,
        )
        con.commit()
    finally:
        con.close()


def plain_batch(sealed_file: Path, sender: AppContext, recipient: AppContext) -> Path:
    """The same batch as a schema 1 batch (plain workbook, manifest re-signed by its office).

    Offices still carry such batches from before batches were sealed; the workbook checks (row
    changed, re-saved, formula...) guard them, and tamper tests need a workbook to tamper with.
    """
    from rentan_desktop.io import batch_files as bf
    from rentan_desktop.signing import canonical, documents, sealed
    from rentan_desktop.signing.keys import DOMAIN_BATCH

    xlsx = sealed_file.with_suffix(".xlsx")
    with open(sealed_file, "rb") as src, open(xlsx, "wb") as dst:
        sealed.open_stream(src, dst, trust.office_key(recipient).decryption_key())
    sealed_file.unlink()
    doc = canonical.loads(bf.manifest_path(xlsx).read_bytes())
    for name in bf.SEALED_FIELDS:
        doc.pop(name)
    doc["schema"] = bf.PLAIN_BATCH_SCHEMA
    signed = documents.sign(trust.office_key(sender), DOMAIN_BATCH, doc)
    bf.manifest_path(xlsx).write_bytes(signed.body)
    bf.signature_path(xlsx).write_bytes(signed.signature_file)
    return xlsx


def trust_recipient(
    ctx: AppContext,
    admin: User,
    folder: Path,
    kode: str = KAB_CODE,
    nama: str = "Kabupaten Kutai Timur",
) -> None:
    """Trust a coordinator's key (fingerprint compared), so batches have an office to be sealed to.

    For tests that export but never import: the coordinator's private key is thrown away.
    """
    from rentan_desktop.signing import key_file
    from rentan_desktop.signing.keys import SigningKey

    key = SigningKey.generate()
    path = Path(folder) / f"KANTOR-{kode}.rentan-key.json"
    path.write_bytes(key_file.export(key, kode, nama, "2026-12-01T00:00:00+00:00"))
    trust.trust_key(ctx, actor=admin, path=path, fingerprint=key.public_key.fingerprint)
    path.unlink()
