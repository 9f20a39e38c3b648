"""Issue 12.2 and 12.4: the batch export beside other writers, and a kill between stick and database.

Real processes: ``rentan export-batch`` writes a batch of a few thousand records while ``rentan add``
saves from another process; and an export is frozen (SIGSTOP) exactly between publishing its
signed files and marking its records, checked to be inside that window, then SIGKILLed.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, person
from tests.test_batch_support import trust_recipient
from tests.test_crash import add_cmd, nik

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import export_journal, registrants, setup, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

ENV = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
ROWS = 3000


def _verified_in_bulk(ctx: AppContext, admin: User, count: int) -> None:
    """``count`` verified registrants: one saved through the service, the rest copies of its row
    with their own UUID, NIK (women born 1 Jan 1980) and name, so the export has real work."""
    fid = setup.list_funders(ctx)[0].id or 0
    first = registrants.create(ctx, actor=admin, data=person(fid)).registrant
    registrants.change_status(ctx, actor=admin, uuids=[first.uuid], new=Status.VERIFIED)
    con = sqlite3.connect(ctx.db.path)
    try:
        cols = [r[1] for r in con.execute("PRAGMA table_info(registrant)") if r[1] != "id"]
        own = ("uuid", "nik", "nama")
        picked = ", ".join("?" if c in own else c for c in cols)
        sql = (
            f"INSERT INTO registrant ({', '.join(cols)}) SELECT {picked} "
            "FROM registrant WHERE uuid = ?"
        )
        with con:
            for i in range(1, count):
                values = {
                    "uuid": f"00000000-0000-4000-8000-{i:012d}",
                    "nik": f"640801410180{i:04d}",
                    "nama": f"Pekerja Massal {i}",
                }
                con.execute(sql, (*[values[c] for c in cols if c in own], first.uuid))
    finally:
        con.close()


@pytest.fixture
def exporting(ctx: AppContext, admin: User, tmp_path: Path) -> tuple[AppContext, Path]:
    trust.create_office_key(ctx, actor=admin)
    trust_recipient(ctx, admin, tmp_path)  # batches are sealed to the coordinator
    _verified_in_bulk(ctx, admin, ROWS)
    usb = tmp_path / "usb"
    usb.mkdir()
    return ctx, usb


def _export_cmd(rentan_bin: str, db: Path, usb: Path) -> list[str]:
    return [
        rentan_bin,
        "export-batch",
        "--db",
        str(db),
        "--user",
        "admin",
        "--json",
        "--out",
        str(usb),
    ]


def _ledger(db: Path) -> list[tuple[int, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT seq, doc_uuid FROM batch_ledger WHERE kind = 'batch' "
            "AND direction = 'out' ORDER BY seq"
        ).fetchall()
    finally:
        con.close()


def _count(db: Path, status: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(
            con.execute("SELECT count(*) FROM registrant WHERE status = ?", (status,)).fetchone()[0]
        )
    finally:
        con.close()


def test_saves_beside_a_long_export_all_go_through(
    exporting: tuple[AppContext, Path], rentan_bin: str
) -> None:
    ctx, usb = exporting
    db = ctx.db.path
    ctx.close()
    export = subprocess.Popen(
        _export_cmd(rentan_bin, db, usb),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )

    # The workbook is written in the data folder's scratch space before it is sealed to the stick.
    def writing() -> bool:
        return any(db.parent.glob(f"tmp/p{export.pid}-*/export-*.xlsx"))

    deadline = time.monotonic() + 120
    while not writing() and export.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    # Freeze the export in the middle of writing its workbook: however long that takes on a
    # slow PC, it is "long" now. Nothing else writes at this moment.
    os.kill(export.pid, signal.SIGSTOP)
    try:
        assert writing(), ("the export ended before its workbook could be watched", export.poll())
        probe = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")  # "database is locked" if the export held it
            probe.execute("ROLLBACK")
        finally:
            probe.close()
        saves = [
            subprocess.run(
                add_cmd(rentan_bin, db, i), capture_output=True, text=True, env=ENV, timeout=120
            )
            for i in range(100, 103)
        ]
        assert export.poll() is None  # all three saved while the export was still under way
    finally:
        os.kill(export.pid, signal.SIGCONT)
    out, err = export.communicate(timeout=300)
    assert export.returncode == 0, err
    assert json.loads(out)["rows"] == ROWS
    for done in saves:
        assert "Traceback" not in done.stderr and "database is locked" not in done.stderr
        assert done.returncode == 0, done.stderr  # the export holds no lock while writing
    con = sqlite3.connect(db)
    try:
        present = {r[0] for r in con.execute("SELECT nik FROM registrant")}
    finally:
        con.close()
    assert {nik(n) for n in range(100, 103)} <= present
    assert _count(db, "sent") == ROWS and _ledger(db)[0][0] == 1


def test_kill_between_stick_and_database_is_finished_at_next_start(
    exporting: tuple[AppContext, Path], rentan_bin: str
) -> None:
    ctx, usb = exporting
    db = ctx.db.path
    ctx.close()
    journal = export_journal.folder_of(db)
    proc = subprocess.Popen(
        _export_cmd(rentan_bin, db, usb),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    landed = False
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        states = [e.state for e in export_journal.entries(db)] if journal.is_dir() else []
        if states and states[0] in (export_journal.PUBLISHED, export_journal.VERIFIED):
            os.kill(proc.pid, signal.SIGSTOP)  # frozen where it stands: check, then kill
            entries = export_journal.entries(db)
            landed = (
                bool(entries) and entries[0].state != export_journal.WRITING and not _ledger(db)
            )
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the export finished before the kill"
    assert landed, "the kill did not land between publishing and marking"
    # The stick holds a complete signed batch, the database says nothing was sent.
    assert sorted(p.name for p in usb.iterdir()) == [
        "BATCH-640801-00001.manifest.json",
        "BATCH-640801-00001.manifest.sig",
        "BATCH-640801-00001.rbatch",
    ]
    assert _ledger(db) == [] and _count(db, "sent") == 0

    # Every command says so; a new export is refused with what to do.
    stats = subprocess.run(
        [rentan_bin, "stats", "--db", str(db)], capture_output=True, text=True, env=ENV, timeout=120
    )
    assert stats.returncode == 0 and stats.stderr.startswith(
        "Ekspor batch 1 (BATCH-640801-00001.rbatch) ke "
    )
    again = subprocess.run(
        _export_cmd(rentan_bin, db, usb), capture_output=True, text=True, env=ENV, timeout=120
    )
    assert again.returncode == 1 and "rentan export-batch --finish" in again.stderr.splitlines()[-1]
    assert "Traceback" not in again.stderr

    # One action finishes it: the batch on the stick verifies and its records are marked sent.
    finish = subprocess.run(
        [rentan_bin, "export-batch", "--finish", "--db", str(db), "--user", "admin", "--json"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert finish.returncode == 0, finish.stderr
    [result] = json.loads(finish.stdout)
    assert result["outcome"] == "marked" and result["seq"] == 1
    assert "dicatat terkirim (3000 data)" in result["message"]
    [(seq, _)] = _ledger(db)
    assert seq == 1 and _count(db, "sent") == ROWS and not journal.exists()
    quiet = subprocess.run(
        [rentan_bin, "stats", "--db", str(db)], capture_output=True, text=True, env=ENV, timeout=120
    )
    assert quiet.stderr == ""
