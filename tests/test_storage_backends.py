"""The storage layer on both backends: a SQLite file and a PostgreSQL server (tests/pg_server.py)
opened through the same call behave alike: migrated and seeded once, transactions that commit or
leave nothing, readers that cannot write, timestamps and NIK-like text that come back unchanged.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, StatementError
from sqlmodel import select

from rentan_desktop.storage import location
from rentan_desktop.storage.db import Database, open_location
from rentan_desktop.storage.models import Office, Setting, Tariff
from rentan_desktop.storage.server import ServerDatabase


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def where(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The ``--db`` text of a new database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("lite") / "rentan.db")
        return
    server = request.getfixturevalue("pg_server")
    name = f"backend_{uuid.uuid4().hex[:8]}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture(scope="module")
def opened(where: str) -> Iterator[Database | ServerDatabase]:
    db = open_location(location.parse(where))
    yield db
    db.close()


def test_new_database_is_migrated_and_seeded_once(
    where: str, opened: Database | ServerDatabase
) -> None:
    with opened.reader() as session:
        conn = session.connection()
        desa = conn.execute(
            text("SELECT count(*) FROM wilayah WHERE level = 4 AND kode LIKE '64%'")
        ).scalar()
        kutim = conn.execute(text("SELECT nama FROM wilayah WHERE kode = '6408'")).scalar()
        jobs = conn.execute(text("SELECT count(*) FROM pekerjaan WHERE aktif")).scalar()
        regions = conn.execute(text("SELECT count(*) FROM wilayah")).scalar()
        tariff = session.exec(select(Tariff)).one()
    assert desa == 1038 and kutim == "Kabupaten Kutai Timur" and jobs == 19
    assert tariff.berlaku_mulai == date(2021, 1, 1)
    assert tariff.iuran_jkk + tariff.iuran_jkm == 16_800
    again = open_location(location.parse(where))  # a second PC opening the same database
    try:
        assert again.migrated is False
        with again.reader() as session:
            count = session.connection().execute(text("SELECT count(*) FROM wilayah")).scalar()
        assert count == regions  # not seeded twice
        with again.reader() as session:
            assert session.connection().execute(text("SELECT count(*) FROM tariff")).scalar() == 1
    finally:
        again.close()


def test_writer_commits_or_leaves_nothing(opened: Database | ServerDatabase) -> None:
    key = f"t.{uuid.uuid4().hex[:8]}"
    with opened.writer() as session:
        session.add(Setting(key=key + ".a", value="0012"))
        with opened.writer() as inner:  # a service called from another joins its transaction
            assert inner is session
            inner.add(Setting(key=key + ".b", value="x"))
    with pytest.raises(RuntimeError), opened.writer() as session:
        session.add(Setting(key=key + ".c", value="lost"))
        session.flush()
        raise RuntimeError("a refusal half-way")
    with opened.reader() as session:
        found = {
            s.key: s.value for s in session.exec(select(Setting).where(Setting.key.startswith(key)))
        }
    # Leading zeros of NIK-like text survive; the refused transaction left nothing.
    assert found == {key + ".a": "0012", key + ".b": "x"}


def test_readers_cannot_write(opened: Database | ServerDatabase) -> None:
    with pytest.raises(DBAPIError), opened.reader() as session:
        session.connection().execute(text("INSERT INTO setting(key, value) VALUES ('r', 'w')"))
    with opened.reader() as session:
        assert session.get(Setting, "r") is None


def test_timestamps_come_back_aware_and_equal(opened: Database | ServerDatabase) -> None:
    wita = timezone(timedelta(hours=8))
    made = datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=wita)
    code = uuid.uuid4().hex
    with opened.writer() as session:
        session.add(
            Office(uuid=code, kode="6408", nama="Kutai Timur", level="kabupaten", created_at=made)
        )
    with opened.reader() as session:
        office = session.exec(select(Office).where(Office.uuid == code)).one()
    assert office.created_at == made and office.created_at.tzinfo is not None
    assert office.created_at.astimezone(UTC).hour == 1
    with pytest.raises(StatementError), opened.writer() as session:  # naive: refused, not guessed
        session.add(
            Office(
                uuid=code + "n",
                kode="6408",
                nama="x",
                level="kabupaten",
                created_at=datetime(2026, 1, 1),
            )
        )  # noqa: DTZ001


def test_server_database_needs_no_files(opened: Database | ServerDatabase, tmp_path: Path) -> Any:
    """No WAL, lock file or key folder appears for a server database; the SQLite file keeps
    its WAL and writer lock beside it."""
    if isinstance(opened, ServerDatabase):
        assert opened.writer_busy() is False
        # ``path`` names the office's local folder entry (keys, journals), never a database file:
        # nothing of SQLite's appears beside it.
        for suffix in ("", "-wal", "-shm", ".write-lock"):
            assert not opened.path.with_name(opened.path.name + suffix).is_file(), suffix
    else:
        assert opened.path.with_name(opened.path.name + ".write-lock").exists()


_OPEN_AND_REPORT = """
import json, sys
from sqlalchemy import text
from rentan_desktop.storage import location
from rentan_desktop.storage.db import open_location
sys.stdin.readline()  # every process waits here, then all open at once
db = open_location(location.parse(sys.argv[1]))
with db.reader() as session:
    regions = session.connection().execute(text("SELECT count(*) FROM wilayah")).scalar()
print(json.dumps({"migrated": db.migrated, "regions": regions}))
db.close()
"""


@pytest.mark.slow
def test_several_pcs_opening_a_new_server_database_at_once(pg_url: str) -> None:
    """Three PCs start the app on a new, empty server database in the same moment: one of them
    builds the schema and the reference data, the others wait for it and find it done."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_AND_REPORT, pg_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    time.sleep(1.0)  # let every interpreter finish its imports
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert sorted(r["migrated"] for r in results) == [False, False, True]
    regions = {r["regions"] for r in results}
    assert len(regions) == 1 and regions.pop() > 80_000  # seeded exactly once
