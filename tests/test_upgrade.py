"""Upgrade path: a database made by an earlier release opens with this code, after a kept copy.

The "earlier release" databases are built with the real migrations stopped at an older revision
(``storage.migrate.upgrade(path, "0001")``), filled with reference data as that release did on first
open, then given an office, a user and registrants with plain SQL, the way the old code wrote them.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from rentan_desktop.cli import main as cli
from rentan_desktop.services import auth, search
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage import migrate, seed

PASSWORD = "sandi-lama-2025"
OFFICE = "640801"
DESA = "6408012001"
NAMES = ("Sutrisno", "Siti Rahmawati", "La Ode Bahar", "Daeng Mappa", "Wayan Sudarta")
COUNT = 40


def _ts(day: int) -> str:
    return (datetime(2025, 3, 1, 1, 0, tzinfo=UTC) + timedelta(days=day)).isoformat(
        timespec="microseconds"
    )


def _registrant_rows() -> list[dict[str, object]]:
    rows = []
    for i in range(COUNT):
        born = date(1970 + i % 30, 1 + i % 12, 1 + i % 27)
        dd = born.day + (40 if i % 2 else 0)  # women add 40 to the day in a NIK
        rows.append(
            {
                "id": i + 1,
                "uuid": f"00000000-0000-4000-8000-{i:012d}",
                "version": 1,
                "nik": f"{OFFICE}{dd:02d}{born.month:02d}{born.year % 100:02d}{i + 1:04d}",
                "no_kk": f"{OFFICE}0101250{i:03d}",
                "nama": f"{NAMES[i % len(NAMES)]} {i}",
                "name_norm": f"{NAMES[i % len(NAMES)].upper()} {i}",
                "tempat_lahir": "Sangatta",
                "tanggal_lahir": born.isoformat(),
                "jenis_kelamin": "P" if i % 2 else "L",
                "nama_ibu": "Ibu Contoh",
                "alamat": f"Jl. Poros No. {i}",
                "rt": f"{i % 9 + 1:03d}",  # text with leading zeros must survive
                "rw": "002",
                "desa_kode": DESA,
                "kecamatan_kode": OFFICE,
                "no_hp": "+6281234567890",
                "pekerjaan_kode": "NELAYAN",
                "penghasilan": 1_500_000,
                "sumber_dana_id": 1,
                "periode": 2025,
                "status": "verified" if i % 3 else "draft",
                "status_reason": "",
                "nik_verifikasi": "",
                "kpj": f"{i:011d}" if i % 4 == 0 else None,  # KPJ with leading zeros
                "coverage_start": None,
                "coverage_end": None,
                "notes": "",
                "warnings": "[]",
                "origin_office": OFFICE,
                "origin_batch": None,
                "sent_version": None,
                "created_by": "operator1",
                "created_at": _ts(i),
                "updated_by": "operator1",
                "updated_at": _ts(i),
            }
        )
    return rows


def _fill_like_old_release(path: Path) -> None:
    """Reference data plus an office, a user, a funder and registrants, written with SQL."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        seed.seed(con)
        con.execute(
            "INSERT INTO office(id, uuid, kode, nama, level, created_at) VALUES (1, ?, ?, ?, ?, ?)",
            ("11111111-1111-4111-8111-111111111111", OFFICE, "Muara Ancalong", "kecamatan", _ts(0)),
        )
        con.execute(
            "INSERT INTO app_user(username, full_name, role, password_hash, active, failed_attempts,"
            " created_at) VALUES ('operator1', 'Operator Satu', 'admin', ?, 1, 0, ?)",
            (PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1).hash(PASSWORD), _ts(0)),
        )
        con.execute(
            "INSERT INTO sumber_dana(id, kode, nama, usia_min, usia_max, domisili_kab, aktif,"
            " dasar_hukum) VALUES (1, 'APBD-KUTIM', 'APBD Kutai Timur', 15, 64, '6408', 1, '')"
        )
        rows = _registrant_rows()
        cols = list(rows[0])
        con.executemany(
            f"INSERT INTO registrant({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(r[c] for c in cols) for r in rows],
        )
        con.execute("COMMIT")
    finally:
        con.close()


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)  # closed file, no WAL left behind: a byte copy is exact
    return dst


@pytest.fixture(scope="module")
def old_databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One database per earlier schema revision, built once for this module.

    The 0002 one is the 0001 one migrated by 0002, as an office that installed each release did.
    """
    first = tmp_path_factory.mktemp("release-0001") / "rentan.db"
    migrate.upgrade(first, "0001")
    _fill_like_old_release(first)
    second = _copy(first, tmp_path_factory.mktemp("release-0002") / "rentan.db")
    migrate.upgrade(second, "0002")
    for kept in second.parent.glob("*.pre-migrate-*"):
        kept.unlink()  # that release's own copy is not part of the fixture
    return {"0001": first, "0002": second}


def _rows(path: Path, columns: list[str]) -> list[tuple[object, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT {', '.join(columns)} FROM registrant ORDER BY id").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_old_database_migrates_keeps_a_copy_and_loses_nothing(
    revision: str, old_databases: dict[str, Path], tmp_path: Path
) -> None:
    path = _copy(old_databases[revision], tmp_path / "rentan.db")
    columns = list(_registrant_rows()[0])
    before = _rows(path, columns)
    assert migrate.current_revision(path) == revision

    ctx = AppContext.open(path)
    try:
        assert migrate.current_revision(path) == migrate.head_revision()
        assert ctx.office is not None and ctx.office.kode == OFFICE
        user = auth.authenticate(ctx, "operator1", PASSWORD)  # old argon2 hash still verifies
        # Name search goes through the FTS index added in 0002: old rows must be indexed too.
        page = search.search(ctx, actor=user, query=search.Query("Mappa", "contains"), limit=100)
        assert page.total == COUNT // len(NAMES)
        assert {r["nama"].split()[0] for r in page.rows} == {"Daeng"}
    finally:
        ctx.close()

    assert _rows(path, columns) == before  # every value, RT and KPJ leading zeros included
    copies = sorted(tmp_path.glob(f"rentan.pre-migrate-{revision}-*.sqlite"))
    assert len(copies) == 1, "exactly one copy kept before migrating"
    assert migrate.current_revision(copies[0]) == revision
    assert _rows(copies[0], columns) == before

    AppContext.open(path).close()  # already at head: opens again without another copy
    assert len(list(tmp_path.glob("rentan.pre-migrate-*.sqlite"))) == 1


def test_cli_search_works_on_an_upgraded_database(
    old_databases: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _copy(old_databases["0001"], tmp_path / "rentan.db")
    monkeypatch.setenv("RENTAN_USER", "operator1")
    monkeypatch.setenv("RENTAN_PASSWORD", PASSWORD)
    assert cli.main(["search", "--db", str(path), "--json", "--limit", "3", "Sutrisno"]) == 0
    out = capsys.readouterr().out
    assert f'"total": {COUNT // len(NAMES)}' in out
    assert "************" in out and not re.search(r"(?<![0-9])[0-9]{16}(?![0-9])", out)


def test_database_from_a_newer_release_is_refused_and_left_unchanged(
    old_databases: dict[str, Path], tmp_path: Path
) -> None:
    path = _copy(old_databases["0002"], tmp_path / "rentan.db")
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(Exception, match="9999_from_the_future"):
        AppContext.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert migrate.current_revision(path) == "9999_from_the_future"
