"""A coordinator office's staff at work at once, each a real process on one database.

Five clerks register people as fast as they can and now and then correct one record everybody
corrects (from the version each just read); two importers import the same signed batch of a
kecamatan; two supervisors decide the same duplicate clusters. Afterwards: every save the clerks
reported is there with its NIK and the count adds up (no lost write), the shared record's version
counts every accepted correction exactly once and holds the last one (no lost update), each
cluster was decided once, the batch imported once, the audit chain verifies (``rentan audit
verify``: no fork), and every refusal was one sentence a user can act on.

The default run lasts a few seconds; ``make test-long`` runs the same for a minute.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA, DESA_2, person
from tests.test_batch_support import Link, add_verified

from rentan_desktop.services import auth, batches, registrants
from rentan_desktop.services.context import AppContext

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures

WORKER = Path(__file__).with_name("concurrency_worker.py")
CLERKS = 5
BATCH_ROWS = 60
# Pairs of one person keyed twice (NIK one digit apart, a trailing dot in the name): clusters.
DUPLICATES = (
    ("Ratna Dewi", "6408014512850001", "05121985"),
    ("Yohana Lawing", "6408015003870002", "10031987"),
    ("Maria Ulfa", "6408015506830003", "15061983"),
    ("Dewi Kartika", "6408016009810004", "20091981"),
    ("Nur Halimah", "6408016511790005", "25111979"),
    ("Rosa Linda", "6408014102820006", "01021982"),
)


@dataclass
class Staff:
    db: str  # what every process opens (a file path, or a server URL)
    shared: str  # the record every clerk corrects
    seeded: Path  # the duplicate records, as JSON
    batch: Path
    count: Callable[[], int]  # registrants in the database now
    row: Callable[[str], tuple[str, int, str]]  # uuid -> (nik, version, notes)
    decisions: Callable[[], list[str]]  # members (JSON) of each duplicate decision


def prepare(office: AppContext, link: Link, tmp_path: Path) -> tuple[str, Path, Path]:
    """Staff accounts, the shared record, the duplicate pairs, and a signed batch to import."""
    admin = auth.authenticate(office, "admin", ADMIN_PASSWORD)
    for name, role in [(f"juru{i}", "operator") for i in range(1, CLERKS + 1)] + [
        ("sari", "supervisor"),
        ("rina", "supervisor"),
        ("imam", "coordinator"),
    ]:
        auth.create_user(
            office,
            actor=admin,
            username=name,
            full_name=name.title(),
            role=role,
            password=ADMIN_PASSWORD,
        )
    from rentan_desktop.services import setup

    funder = setup.list_funders(office)[0].id or 0
    shared = registrants.create(
        office,
        actor=admin,
        data=person(funder, nik="6408010707770001", nama="Bersama Sekali", tanggal_lahir="07071977", jenis_kelamin="L"),
    ).registrant.uuid  # fmt: skip
    seeded = []
    for nama, nik, born in DUPLICATES:
        twin = nik[:12] + "1" + nik[13:]  # serial 0001 -> 1001: one digit apart
        for n, k, desa in ((nama, nik, DESA), (nama + ".", twin, DESA_2)):
            data = person(funder, nik=k, nama=n, tanggal_lahir=born, no_kk=None, nama_ibu="")
            seeded.append(
                registrants.create(
                    office, actor=admin, data=replace_desa(data, desa)
                ).registrant.uuid
            )
    seeded_file = tmp_path / "seeded.json"
    seeded_file.write_text(json.dumps(seeded))
    add_verified(link.kec, link.kec_admin, link.funder_id, BATCH_ROWS)
    batch = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb).xlsx
    return shared, seeded_file, batch


def replace_desa(data: object, desa: str) -> object:
    from dataclasses import replace

    return replace(data, desa_kode=desa)  # type: ignore[type-var]


def sqlite_staff(link: Link, tmp_path: Path) -> Staff:
    shared, seeded, batch = prepare(link.kab, link, tmp_path)
    path = link.kab.db.path
    link.kab.close()

    def query(sql: str, *args: object) -> list[tuple[object, ...]]:
        con = sqlite3.connect(path)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    return Staff(
        str(path),
        shared,
        seeded,
        batch,
        lambda: int(query("SELECT count(*) FROM registrant")[0][0]),  # type: ignore[arg-type]
        lambda u: query("SELECT nik, version, notes FROM registrant WHERE uuid = ?", u)[0],  # type: ignore[return-value]
        lambda: [str(r[0]) for r in query("SELECT members FROM duplicate_decision")],
    )


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def lines_of(process: subprocess.Popen[str], timeout: float) -> list[dict[str, object]]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0 and "Traceback" not in err, err[-3000:]
    found = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert found and "done" in found[-1], (out[-2000:], err[-2000:])
    return found


def one_sentence(text: object) -> None:
    """What a refused user read: one line, a full sentence, no exception text."""
    assert isinstance(text, str) and text and "\n" not in text, text
    assert text.rstrip().endswith(".") and "Traceback" not in text and "Error" not in text, text


def run_staff(staff: Staff, seconds: float) -> None:
    before = staff.count()
    clerks = [
        start("clerk", staff.db, str(seconds), str(i), staff.shared) for i in range(1, CLERKS + 1)
    ]
    importers = [start("importer", staff.db, who, str(staff.batch)) for who in ("imam", "admin")]
    supervisors = [
        start("supervisor", staff.db, who, str(staff.seeded)) for who in ("sari", "rina")
    ]
    wait = seconds + 240  # a loaded machine: the work itself is bounded by ``seconds``
    clerk_lines = [lines_of(p, wait) for p in clerks]
    import_lines = [lines_of(p, wait) for p in importers]
    supervisor_lines = [lines_of(p, wait) for p in supervisors]

    # No lost write: every save a clerk was told about is there, with its NIK, and nothing else.
    saved = [(x["saved"], x["nik"]) for lines in clerk_lines for x in lines if "saved" in x]
    assert len(saved) >= CLERKS  # every clerk saved
    imported = [x["imported"] for lines in import_lines for x in lines if "imported" in x]
    assert len(imported) == 1, import_lines  # the same batch imported once, by one of the two
    new_rows = int(imported[0]["new"])  # type: ignore[index]
    assert new_rows == BATCH_ROWS
    assert staff.count() == before + len(saved) + new_rows
    for uuid, nik in saved:
        assert staff.row(str(uuid))[0] == nik

    # No lost update: each accepted correction made its own version, and the last one stands.
    edits = [x for lines in clerk_lines for x in lines if "edited" in x]
    versions = sorted(int(x["edited"]) for x in edits)  # type: ignore[call-overload]
    assert versions == list(range(2, 2 + len(edits)))
    nik, version, notes = staff.row(staff.shared)
    assert version == 1 + len(edits)
    if edits:
        assert notes == max(edits, key=lambda x: int(x["edited"]))["note"]  # type: ignore[call-overload]

    # Each seeded cluster decided once; the other supervisor was told who decided it.
    seeded = set(json.loads(staff.seeded.read_text()))
    decided = [json.loads(m) for m in staff.decisions()]
    mine = [set(m) for m in decided if seeded & set(m)]
    assert len(mine) == len(DUPLICATES) and set().union(*mine) == seeded

    refusals = [
        x
        for lines in clerk_lines + import_lines + supervisor_lines
        for x in lines
        if "refused" in x
    ]
    codes = {str(x["code"]) for x in refusals}
    assert codes <= {
        "registrant.stale",
        "concurrent.decided",
        "batch.import_busy",
        "batch.already_imported",
        # the embedded file only: a save that waited past the bounded wait for the one writer
        "storage.busy",
    }, refusals
    for x in refusals:
        one_sentence(x["refused"])
    decided_by_supervisors = [x for lines in supervisor_lines for x in lines if "decided" in x]
    assert len(decided_by_supervisors) == len(DUPLICATES)

    # No fork in the audit chain.
    verify = subprocess.run(
        [sys.executable, "-m", "rentan_desktop.cli.main", "audit", "verify", "--db", staff.db],
        capture_output=True,
        text=True,
        env={**os.environ, "RENTAN_USER": "admin", "RENTAN_PASSWORD": ADMIN_PASSWORD},
        timeout=300,
        check=False,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr


def server_staff(link: Link, tmp_path: Path, url: str) -> Staff:
    """The same office moved onto a PostgreSQL server (``rentan migrate-to-server``'s service)."""
    import psycopg

    from rentan_desktop.services import server_migration
    from rentan_desktop.storage.location import ServerLocation

    shared, seeded, batch = prepare(link.kab, link, tmp_path)
    admin = auth.authenticate(link.kab, "admin", ADMIN_PASSWORD)
    # The key folder moves along into this PC's folder for the server database (the batch is
    # sealed to the office key).
    server_migration.move_to_server(link.kab, ServerLocation(url), actor=admin)
    link.kab.close()

    def query(sql: str, *args: object) -> list[tuple[object, ...]]:
        with psycopg.connect(url) as con:
            return con.execute(sql, args).fetchall()

    return Staff(
        url,
        shared,
        seeded,
        batch,
        lambda: int(query("SELECT count(*) FROM registrant")[0][0]),  # type: ignore[arg-type]
        lambda u: query("SELECT nik, version, notes FROM registrant WHERE uuid = %s", u)[0],  # type: ignore[return-value]
        lambda: [str(r[0]) for r in query("SELECT members FROM duplicate_decision")],
    )


@pytest.mark.parametrize(
    "seconds",
    [pytest.param(8.0, id="seconds"), pytest.param(60.0, id="minute", marks=pytest.mark.slow)],
)
def test_staff_at_once_on_a_server(
    link: Link, tmp_path: Path, pg_url: str, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # This PC's folder for the server database (its key folder) inside the test's own folder.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    run_staff(server_staff(link, tmp_path, pg_url), seconds)


@pytest.mark.parametrize(
    "seconds",
    [pytest.param(8.0, id="seconds"), pytest.param(60.0, id="minute", marks=pytest.mark.slow)],
)
def test_staff_at_once_on_the_embedded_database(link: Link, tmp_path: Path, seconds: float) -> None:
    run_staff(sqlite_staff(link, tmp_path), seconds)
