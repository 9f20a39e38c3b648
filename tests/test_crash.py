"""Crash safety: the real program is SIGKILLed in the middle of saves, bulk saves, imports and exports.

After every kill the database must pass ``integrity_check``, the audit chain must verify, and each
operation must be complete or absent: an acknowledged save is present with every field, an
unacknowledged one is either fully present (record + audit event) or not there at all. A small
sample runs by default; ``make test-long`` runs hundreds of kills (``@pytest.mark.slow``).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, DESA
from tests.test_batch_support import Link, add_verified, kab, kab_template, link  # noqa: F401 - fixtures

from rentan_desktop.services import audit, batches
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.db import Database

DEFAULT_KILLS = 2
SLOW_KILLS = int(os.environ.get("RENTAN_SLOW_KILLS", "60"))  # make test-long ARGS=... to tune
ENV = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}


def nik(i: int) -> str:
    return f"640801410190{i + 1:04d}"  # women born 1 Jan 1990 in Muara Ancalong, serial i + 1


def check_db(path: Path) -> sqlite3.Connection:
    """Open after a crash the way the app does (WAL recovery), assert integrity and the audit chain."""
    db = Database(path)
    try:
        with db.reader() as session:
            report = audit.verify_chain(session)
        assert report.ok, report
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    return con


def killed(cmd: list[str], delay: float) -> tuple[int, str]:
    """Run ``cmd``, SIGKILL it after ``delay`` seconds (unless it finished), return (rc, stdout)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out


def timed(cmd: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


# --- single saves through `rentan add` -------------------------------------------------------

def add_cmd(rentan_bin: str, db: Path, i: int) -> list[str]:
    return [rentan_bin, "add", "--db", str(db), "--user", "admin", "--json", "--nik", nik(i),
            "--nama", f"Pekerja {i}", "--tanggal-lahir", "01011990", "--jenis-kelamin", "P",
            "--desa-kode", DESA, "--pekerjaan-kode", "NELAYAN", "--rt", "2", "--rw", "1",
            "--nama-ibu", f"Ibu {i}", "--alamat", f"Jl. Sungai {i}"]


def _saves(rentan_bin: str, db_path: Path, seeds: range) -> int:
    """Returns how many runs were really killed (not finished before the signal)."""
    # The first run pays for cold caches: aim with the warm runs, and keep re-aiming with every
    # run that finished, since the machine's load changes under a long loop.
    timed(add_cmd(rentan_bin, db_path, 0))
    durations = [timed(add_cmd(rentan_bin, db_path, 1))]
    acked = {nik(0), nik(1)}
    kills = 0
    for seed in seeds:
        rng = random.Random(seed)
        i = seed + 2
        aim = statistics.median(durations[-5:])
        started = time.monotonic()
        # Most of a run is start-up; aim the kill at its last part, where the save happens.
        rc, _ = killed(add_cmd(rentan_bin, db_path, i), rng.uniform(0.6, 1.1) * aim)
        if rc == 0:
            acked.add(nik(i))
            durations.append(time.monotonic() - started)
        kills += rc == -signal.SIGKILL
        con = check_db(db_path)
        rows = con.execute("SELECT nik, uuid, nama, nama_ibu, alamat FROM registrant").fetchall()
        events = {r[0] for r in con.execute(
            "SELECT entity_uuid FROM audit_event WHERE action = 'registrant.create'")}
        con.close()
        present = {r[0] for r in rows}
        assert acked <= present  # an acknowledged save survives the next crash
        assert present - acked <= {nik(i)}  # only the killed save may additionally be there ...
        for n, uuid, nama, ibu, alamat in rows:  # ... and then complete, with its audit event
            j = int(n[-4:]) - 1
            assert (nama, ibu, alamat) == (f"PEKERJA {j}", f"IBU {j}", f"Jl. Sungai {j}") and uuid in events
        if nik(i) in present and rc != 0:
            durations.append(time.monotonic() - started)  # it got as far as the save: aim shorter
        acked |= present  # a save that made it before the kill is part of history now
    return kills


def test_kill_during_single_saves(rentan_bin: str, db_path: Path) -> None:
    _saves(rentan_bin, db_path, range(DEFAULT_KILLS))


@pytest.mark.slow
def test_kill_during_single_saves_many(rentan_bin: str, db_path: Path) -> None:
    assert _saves(rentan_bin, db_path, range(100, 100 + SLOW_KILLS * 3)) > SLOW_KILLS // 2


# --- a bulk save (`rentan demo`, one transaction) and a template import -----------------------

def _all_or_nothing(rentan_bin: str, db_path: Path, cmd: list[str], seeds: range, expect: int) -> None:
    scratch = db_path.with_name("scratch.db")
    src = sqlite3.connect(db_path)
    snap = sqlite3.connect(scratch)
    src.backup(snap)
    src.close()
    snap.close()
    baseline = timed([c if c != str(db_path) else str(scratch) for c in cmd])
    for seed in seeds:
        rng = random.Random(seed)
        rc, _ = killed(cmd, rng.uniform(0.4, 1.1) * baseline)
        con = check_db(db_path)
        count = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        audited = con.execute("SELECT count(*) FROM audit_event WHERE entity = 'registrant'").fetchone()[0]
        con.close()
        assert count in (0, expect), count
        assert (count == 0) == (audited == 0)
        if rc == 0:
            assert count == expect
        if count:
            return  # done: the database now holds the whole operation once


def test_kill_during_bulk_demo_save(rentan_bin: str, db_path: Path) -> None:
    cmd = [rentan_bin, "demo", "--db", str(db_path), "--user", "admin", "--count", "3000", "--seed", "3"]
    _all_or_nothing(rentan_bin, db_path, cmd, range(DEFAULT_KILLS), 3000)


def filled_template(ctx_path: Path, out: Path, rows: int) -> Path:
    import openpyxl

    from rentan_desktop.io import template_xlsx as tx
    from rentan_desktop.services import templates

    ctx = AppContext.open(ctx_path)
    try:
        blank = templates.write_template(ctx, out.with_name("blank.xlsx"))
    finally:
        ctx.close()
    wb = openpyxl.load_workbook(blank)
    ws = wb[tx.DATA_SHEET]
    for r in range(rows):
        values = [nik(r + 1), "", f"Pekerja {r + 1}", "Sangatta", "01-01-1990", "P", f"Ibu {r + 1}",
                  "Jl. Poros", "3", "1", "SENYIUR - 6408012001", "", "NELAYAN - Nelayan", None, "APBD-KUTIM", ""]
        for c, value in enumerate(values, start=1):
            ws.cell(row=r + 2, column=c, value=value)
    wb.save(out)
    return out


def test_kill_during_template_import(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    sheet = filled_template(db_path, tmp_path / "isi.xlsx", 300)
    cmd = [rentan_bin, "import-xlsx", "--db", str(db_path), "--user", "admin", str(sheet)]
    _all_or_nothing(rentan_bin, db_path, cmd, range(DEFAULT_KILLS), 300)


@pytest.mark.slow
def test_kill_during_bulk_operations_many(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    sheet = filled_template(db_path, tmp_path / "isi.xlsx", 1500)
    for seed in range(SLOW_KILLS):
        cmd = [rentan_bin, "import-xlsx", "--db", str(db_path), "--user", "admin", str(sheet)]
        rng = random.Random(seed)
        killed(cmd, rng.uniform(0.3, 4.0))
        con = check_db(db_path)
        count = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        con.close()
        assert count in (0, 1500)
        if count:
            break


# --- exports to a USB folder -------------------------------------------------------------------

def export_cmd(rentan_bin: str, db: Path, usb: Path) -> list[str]:
    return [rentan_bin, "export-batch", "--db", str(db), "--user", "admin", "--out", str(usb)]


def export_ready_db(db_path: Path, count: int) -> None:
    from tests.test_batch_support import add_verified

    from rentan_desktop.services import auth, setup, trust

    ctx = AppContext.open(db_path)
    try:
        admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
        trust.create_office_key(ctx, actor=admin)
        add_verified(ctx, admin, setup.list_funders(ctx)[0].id or 0, count)
    finally:
        ctx.close()


def check_export(db_path: Path, usb: Path, count: int) -> bool:
    """All sent with a verified batch on the stick, or nothing sent; True when it was sent."""
    con = check_db(db_path)
    statuses = {r[0] for r in con.execute("SELECT status FROM registrant")}
    ledger = con.execute("SELECT count(*) FROM batch_ledger").fetchone()[0]
    con.close()
    if ledger == 0:
        assert statuses == {"verified"}
        return False
    assert ledger == 1 and statuses == {"sent"}
    manifest_file = next(usb.glob("*.manifest.json"))
    manifest = json.loads(manifest_file.read_text())
    xlsx = usb / manifest["xlsx_file"]
    assert hashlib.sha256(xlsx.read_bytes()).hexdigest() == manifest["xlsx_sha256"]
    assert manifest["row_count"] == count
    return True


def _exports(rentan_bin: str, db_path: Path, tmp_path: Path, seeds: range, count: int) -> None:
    export_ready_db(db_path, count)
    usb = tmp_path / "usb"
    usb.mkdir()
    scratch_db, scratch_usb = tmp_path / "scratch.db", tmp_path / "scratch_usb"
    scratch_usb.mkdir()
    src, dst = sqlite3.connect(db_path), sqlite3.connect(scratch_db)
    src.backup(dst)
    src.close()
    dst.close()
    # The office key lives in "<db name>-keys" beside the database.
    shutil.copytree(db_path.with_name(f"{db_path.stem}-keys"), scratch_db.with_name("scratch-keys"))
    baseline = timed(export_cmd(rentan_bin, scratch_db, scratch_usb))
    for seed in seeds:
        rng = random.Random(seed)
        rc, _ = killed(export_cmd(rentan_bin, db_path, usb), rng.uniform(0.5, 1.1) * baseline)
        sent = check_export(db_path, usb, count)
        assert sent or rc != 0
        if sent:
            return


def test_kill_during_export(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    _exports(rentan_bin, db_path, tmp_path, range(DEFAULT_KILLS), 200)


@pytest.mark.slow
def test_kill_during_export_many(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    for round_ in range(SLOW_KILLS // 10):
        folder = tmp_path / f"r{round_}"
        folder.mkdir()
        db = folder / "rentan.db"
        src, dst = sqlite3.connect(db_path), sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.close()
        _exports(rentan_bin, db, folder, range(round_ * 10, round_ * 10 + 10), 300)


# --- a signed batch imported at the regency -----------------------------------------------------

def _batch_imports(rentan_bin: str, link: Link, seeds: range, count: int) -> None:  # noqa: F811
    add_verified(link.kec, link.kec_admin, link.funder_id, count)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    kab_db = link.kab.db.path
    link.kab.db.close()  # the child is the only one using the regency database now
    scratch = kab_db.with_name("scratch.db")
    src, dst = sqlite3.connect(kab_db), sqlite3.connect(scratch)
    src.backup(dst)
    src.close()
    dst.close()
    shutil.copytree(kab_db.with_name(f"{kab_db.stem}-keys"), scratch.with_name("scratch-keys"))
    cmd = [rentan_bin, "import-batch", "--db", str(kab_db), "--user", "admin", str(done.xlsx)]
    baseline = timed([c if c != str(kab_db) else str(scratch) for c in cmd])
    for seed in seeds:
        rc, _ = killed(cmd, random.Random(seed).uniform(0.5, 1.1) * baseline)
        con = check_db(kab_db)
        rows = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        ledger = con.execute("SELECT count(*) FROM batch_ledger").fetchone()[0]
        con.close()
        assert (rows, ledger) in ((0, 0), (count, 1)), (rows, ledger)
        if rc == 0:
            assert rows == count
        if rows:
            return


def test_kill_during_batch_import(rentan_bin: str, link: Link) -> None:  # noqa: F811
    _batch_imports(rentan_bin, link, range(DEFAULT_KILLS), 20)


@pytest.mark.slow
def test_kill_during_batch_import_many(rentan_bin: str, link: Link) -> None:  # noqa: F811
    _batch_imports(rentan_bin, link, range(SLOW_KILLS), 800)
