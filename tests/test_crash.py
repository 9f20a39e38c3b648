"""Crash safety: the real program is SIGKILLed in the middle of saves, bulk saves, imports and exports.

After every kill the database must pass ``integrity_check``, the audit chain must verify, and each
operation must be complete or absent: an acknowledged save is present with every field, an
unacknowledged one is either fully present (record + audit event) or not there at all. A small
sample runs by default; ``make test-long`` runs hundreds of kills (``@pytest.mark.slow``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, DESA
from tests.kill_points import either, kill_inside, temp_file_present, write_lock_held
from tests.test_batch_support import Link, add_verified, kab, kab_template, link  # noqa: F401 - fixtures

from rentan_desktop.services import audit, batches, export_journal
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
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
    return [
        rentan_bin,
        "add",
        "--db",
        str(db),
        "--user",
        "admin",
        "--json",
        "--nik",
        nik(i),
        "--nama",
        f"Pekerja {i}",
        "--tanggal-lahir",
        "01011990",
        "--jenis-kelamin",
        "P",
        "--desa-kode",
        DESA,
        "--pekerjaan-kode",
        "NELAYAN",
        "--rt",
        "2",
        "--rw",
        "1",
        "--nama-ibu",
        f"Ibu {i}",
        "--alamat",
        f"Jl. Sungai {i}",
    ]


def _saves(rentan_bin: str, db_path: Path, seeds: range, want: int) -> int:
    """Kill ``want`` saves inside their write transaction (trying at most ``seeds``); returns how
    many kills landed there. Every other run finished and is acknowledged."""
    timed(add_cmd(rentan_bin, db_path, 0))
    acked = {nik(0)}
    landed = 0
    for seed in seeds:
        i = seed + 1
        kill = kill_inside(add_cmd(rentan_bin, db_path, i), write_lock_held(db_path), env=ENV)
        if kill.returncode == 0:
            acked.add(nik(i))
        else:
            assert kill.landed, kill  # not finished, so it died by our signal inside the save
        landed += kill.landed
        con = check_db(db_path)
        rows = con.execute("SELECT nik, uuid, nama, nama_ibu, alamat FROM registrant").fetchall()
        events = {
            r[0]
            for r in con.execute(
                "SELECT entity_uuid FROM audit_event WHERE action = 'registrant.create'"
            )
        }
        con.close()
        present = {r[0] for r in rows}
        assert acked <= present  # an acknowledged save survives the next crash
        assert present - acked <= {nik(i)}  # only the killed save may additionally be there ...
        for n, uuid, nama, ibu, alamat in rows:  # ... and then complete, with its audit event
            j = int(n[-4:]) - 1
            assert (nama, ibu, alamat) == (
                f"PEKERJA {j}",
                f"IBU {j}",
                f"Jl. Sungai {j}",
            ) and uuid in events
        acked |= present  # a save that made it before the kill is part of history now
        if landed >= want:
            break
    print(f"saves: {landed} kills landed inside the write transaction")
    return landed


def test_kill_during_single_saves(rentan_bin: str, db_path: Path) -> None:
    assert _saves(rentan_bin, db_path, range(10), DEFAULT_KILLS) == DEFAULT_KILLS


@pytest.mark.slow
def test_kill_during_single_saves_many(rentan_bin: str, db_path: Path) -> None:
    assert _saves(rentan_bin, db_path, range(100, 100 + SLOW_KILLS * 3), SLOW_KILLS) == SLOW_KILLS


def restore(pristine: Path, db: Path) -> None:
    """Put ``db`` back to the state before the operation (a killed run may have left -wal/-shm)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(pristine), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()


def pristine_copy(db: Path) -> Path:
    copy = db.with_name(db.stem + "-pristine.db")
    src, dst = sqlite3.connect(db), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    return copy


# --- a bulk save (`rentan demo`, one transaction) and a template import -----------------------


def _all_or_nothing(
    rentan_bin: str, db_path: Path, cmd: list[str], tries: int, want: int, expect: int
) -> int:
    """Kill ``cmd`` inside its write transaction ``want`` times (from the same starting state);
    the operation is then wholly there or wholly absent. Returns the kills that landed."""
    pristine = pristine_copy(db_path)
    landed = 0
    for _ in range(tries):
        restore(pristine, db_path)
        kill = kill_inside(cmd, write_lock_held(db_path), env=ENV)
        assert kill.landed or kill.returncode == 0, kill
        landed += kill.landed
        con = check_db(db_path)
        count = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        audited = con.execute(
            "SELECT count(*) FROM audit_event WHERE entity = 'registrant'"
        ).fetchone()[0]
        con.close()
        assert count in (0, expect), count
        assert (count == 0) == (audited == 0)
        if kill.returncode == 0:
            assert count == expect
        if landed >= want:
            break
    print(f"{cmd[1]}: {landed} kills landed inside the write transaction")
    return landed


def test_kill_during_bulk_demo_save(rentan_bin: str, db_path: Path) -> None:
    cmd = [
        rentan_bin,
        "demo",
        "--db",
        str(db_path),
        "--user",
        "admin",
        "--count",
        "3000",
        "--seed",
        "3",
    ]
    assert _all_or_nothing(rentan_bin, db_path, cmd, 4, 1, 3000) == 1


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
        values = [
            nik(r + 1),
            "",
            f"Pekerja {r + 1}",
            "Sangatta",
            "01-01-1990",
            "P",
            f"Ibu {r + 1}",
            "Jl. Poros",
            "3",
            "1",
            "SENYIUR - 6408012001",
            "",
            "NELAYAN - Nelayan",
            None,
            "APBD-KUTIM",
            "",
        ]
        for c, value in enumerate(values, start=1):
            ws.cell(row=r + 2, column=c, value=value)
    wb.save(out)
    return out


def test_kill_during_template_import(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    sheet = filled_template(db_path, tmp_path / "isi.xlsx", 300)
    cmd = [rentan_bin, "import-xlsx", "--db", str(db_path), "--user", "admin", str(sheet)]
    assert _all_or_nothing(rentan_bin, db_path, cmd, 4, 1, 300) == 1


@pytest.mark.slow
def test_kill_during_bulk_operations_many(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    sheet = filled_template(db_path, tmp_path / "isi.xlsx", 1500)
    cmd = [rentan_bin, "import-xlsx", "--db", str(db_path), "--user", "admin", str(sheet)]
    want = SLOW_KILLS // 3
    assert _all_or_nothing(rentan_bin, db_path, cmd, want * 3, want, 1500) == want


# --- exports to a USB folder -------------------------------------------------------------------


def export_cmd(rentan_bin: str, db: Path, usb: Path) -> list[str]:
    return [rentan_bin, "export-batch", "--db", str(db), "--user", "admin", "--out", str(usb)]


def export_ready_db(db_path: Path, count: int) -> None:
    from tests.test_batch_support import add_verified, trust_recipient

    from rentan_desktop.services import auth, setup, trust

    ctx = AppContext.open(db_path)
    try:
        admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
        if trust.office_key_info(ctx) is None:  # a copied key folder brings the key along
            trust.create_office_key(ctx, actor=admin)
        # Batches are sealed to the coordinator; a database copied with the link fixture's key
        # folder already trusts one.
        with contextlib.suppress(UserError):
            trust_recipient(ctx, admin, db_path.parent)
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
    sealed = usb / manifest["payload_file"]  # the workbook sealed to the coordinator
    assert hashlib.sha256(sealed.read_bytes()).hexdigest() == manifest["payload_sha256"]
    assert manifest["row_count"] == count
    return True


def _exports(
    rentan_bin: str, db_path: Path, tmp_path: Path, tries: int, want: int, count: int
) -> int:
    """Kill exports while they write the stick or mark the records sent; returns landed kills."""
    export_ready_db(db_path, count)
    pristine = pristine_copy(db_path)
    landed = 0
    for attempt in range(tries):
        restore(pristine, db_path)
        # A kill after the files reached the stick leaves an export journal entry that the next
        # start must finish (test_export_window.py); each attempt starts from the pristine state.
        shutil.rmtree(export_journal.folder_of(db_path), ignore_errors=True)
        usb = tmp_path / f"usb{attempt}"
        usb.mkdir()
        inside = either(write_lock_held(db_path), temp_file_present(usb, ".*.part"))
        kill = kill_inside(export_cmd(rentan_bin, db_path, usb), inside, env=ENV)
        assert kill.landed or kill.returncode == 0, kill
        landed += kill.landed
        sent = check_export(db_path, usb, count)
        assert sent or kill.landed
        if landed >= want:
            break
    print(f"export: {landed} kills landed while writing the stick or marking sent")
    return landed


def test_kill_during_export(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    assert _exports(rentan_bin, db_path, tmp_path, 4, 1, 200) == 1


@pytest.mark.slow
def test_kill_during_export_many(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    want = SLOW_KILLS // 3
    assert _exports(rentan_bin, db_path, tmp_path, want * 3, want, 300) == want


# --- a signed batch imported at the regency -----------------------------------------------------


def _batch_imports(rentan_bin: str, link: Link, tries: int, want: int, count: int) -> int:  # noqa: F811
    add_verified(link.kec, link.kec_admin, link.funder_id, count)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    kab_db = link.kab.db.path
    link.kab.db.close()  # the child is the only one using the regency database now
    pristine = pristine_copy(kab_db)
    cmd = [rentan_bin, "import-batch", "--db", str(kab_db), "--user", "admin", str(done.xlsx)]
    landed = 0
    for _ in range(tries):
        restore(pristine, kab_db)
        kill = kill_inside(cmd, write_lock_held(kab_db), env=ENV)
        assert kill.landed or kill.returncode == 0, kill
        landed += kill.landed
        con = check_db(kab_db)
        rows = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        ledger = con.execute("SELECT count(*) FROM batch_ledger").fetchone()[0]
        con.close()
        assert (rows, ledger) in ((0, 0), (count, 1)), (rows, ledger)
        if kill.returncode == 0:
            assert rows == count
        if landed >= want:
            break
    print(f"import-batch: {landed} kills landed inside the write transaction")
    return landed


def test_kill_during_batch_import(rentan_bin: str, link: Link) -> None:  # noqa: F811
    assert _batch_imports(rentan_bin, link, 4, 1, 20) == 1


@pytest.mark.slow
def test_kill_during_batch_import_many(rentan_bin: str, link: Link) -> None:  # noqa: F811
    want = SLOW_KILLS // 3
    assert _batch_imports(rentan_bin, link, want * 3, want, 800) == want
