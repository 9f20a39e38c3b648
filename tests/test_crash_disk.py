"""Full disks and failing USB sticks: a clear message, nothing lost, nothing marked sent."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, person
from tests.test_batch_support import add_verified, snapshot, trust_recipient

from rentan_desktop.domain import issues
from rentan_desktop.services import auth, batches, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.backup import create_backup
from rentan_desktop.storage.health import storage_failure


def nik(i: int) -> str:
    return f"640801410190{i:04d}"


def count_rows(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(con.execute("SELECT count(*) FROM registrant").fetchone()[0])
    finally:
        con.close()


def test_max_page_count_full_database(db_path: Path, funder_id: int) -> None:
    con = sqlite3.connect(db_path)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    ctx = AppContext.open(db_path, max_page_count=pages + 3)
    admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
    saved = 0
    with pytest.raises(Exception) as full:  # noqa: B017 - the core raises SQLAlchemy's OperationalError
        for i in range(1, 500):
            registrants.create(
                ctx,
                actor=admin,
                data=person(
                    funder_id, nik=nik(i), nama=f"Pekerja {i}", alamat="Jl. Panjang " + "x" * 180
                ),
            )
            saved += 1
    ctx.close()
    assert storage_failure(full.value) == "storage.full"
    assert issues.text("storage.full").startswith("Disk penuh: perubahan terakhir tidak disimpan")
    assert (
        saved > 0 and count_rows(db_path) == saved
    )  # every acknowledged save is there, no partial one
    # Once there is room again, work simply continues.
    ctx = AppContext.open(db_path)
    try:
        admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik=nik(900), nama="Sesudah Lega")
        )
    finally:
        ctx.close()
    assert count_rows(db_path) == saved + 1


FSIZE_DRIVER = r"""
import json, resource, sys
from pathlib import Path
from rentan_desktop.services import auth, demo
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.health import storage_failure
ctx = AppContext.open(Path(sys.argv[1]))
admin = auth.authenticate(ctx, "admin", sys.argv[2])
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # the disk "fills up" from here on
try:
    demo.generate(ctx, actor=admin, count=4000, seed=5)
    print(json.dumps({"code": None}))
except Exception as exc:
    print(json.dumps({"code": storage_failure(exc), "type": type(exc).__name__}))
"""


def test_rlimit_fsize_bulk_save_rolls_back(db_path: Path, tmp_path: Path) -> None:
    # The WAL starts empty; it may not grow past 150 kB (the main file is only written at checkpoints).
    out = subprocess.run(
        [sys.executable, "-c", FSIZE_DRIVER, str(db_path), ADMIN_PASSWORD, "150000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["code"] in (
        "storage.io",
        "storage.full",
    ), out.stdout
    assert count_rows(db_path) == 0  # the whole bulk save rolled back, the database is intact
    ctx = AppContext.open(db_path)  # and it opens and works normally afterwards
    ctx.close()


BACKUP_DRIVER = r"""
import resource, sys
from pathlib import Path
from rentan_desktop.storage.backup import BackupError, create_backup
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
try:
    create_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    print("ok")
except BackupError as exc:
    print(exc.code)
"""


def test_backup_on_full_disk_keeps_previous_generation(
    ctx: AppContext, admin: object, funder_id: int, tmp_path: Path
) -> None:
    for i in range(1, 40):
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik=nik(i), nama=f"Pekerja {i}")
        )  # type: ignore[arg-type]
    folder = tmp_path / "backups"
    first = create_backup(ctx.db.path, folder)
    out = subprocess.run(
        [sys.executable, "-c", BACKUP_DRIVER, str(ctx.db.path), str(folder), "65536"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip() == "backup.disk_full", out.stderr
    assert [p.name for p in folder.iterdir()] == [
        first.path.name
    ]  # no partial file, old one intact
    assert count_rows(first.path) == 39


def test_vanished_usb_during_export_marks_nothing_sent(
    ctx: AppContext, admin: object, funder_id: int, tmp_path: Path
) -> None:
    from rentan_desktop.services import trust

    trust.create_office_key(ctx, actor=admin)  # type: ignore[arg-type]
    trust_recipient(ctx, admin, tmp_path)  # type: ignore[arg-type]  # batches are sealed to it
    add_verified(ctx, admin, funder_id, 3)  # type: ignore[arg-type]
    usb = tmp_path / "usb"
    usb.mkdir()
    before = snapshot(ctx)

    # Progress is reported once all rows are written, before signing and publishing.
    def pull_the_stick(done: int, total: int) -> None:
        shutil.rmtree(usb)  # the stick is gone while rows are still being written

    with pytest.raises(Exception) as failed:  # noqa: B017 - the type is checked below, after the data
        batches.export_batch(ctx, actor=admin, folder=usb, progress=pull_the_stick)  # type: ignore[arg-type]
    assert snapshot(ctx) == before  # nothing marked sent, no ledger entry, no audit event
    usb.mkdir(exist_ok=True)
    assert batches.export_batch(ctx, actor=admin, folder=usb).row_count == 3  # type: ignore[arg-type]
    assert isinstance(failed.value, UserError), failed.value  # one clear sentence, not a crash
    assert str(usb) in failed.value.message()


RO_DRIVER = r"""
import json, subprocess, sys
from pathlib import Path
from rentan_desktop.services import auth, batches
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
usb, mode = Path(sys.argv[2]), sys.argv[4]
opts = "size=4k" if mode == "full" else "size=16m"
subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(usb)], check=True)
ctx = AppContext.open(Path(sys.argv[1]))
admin = auth.authenticate(ctx, "admin", sys.argv[3])

def flip(done, total):
    if mode == "readonly":
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)

try:
    batches.export_batch(ctx, actor=admin, folder=usb, progress=flip)
    print(json.dumps({"code": None}))
except UserError as exc:
    print(json.dumps({"code": exc.code, "message": exc.message("id"), "left": sorted(p.name for p in usb.iterdir())}))
except Exception as exc:  # a bug path: reported to the test, which checks the data first
    print(json.dumps({"code": type(exc).__name__, "left": sorted(p.name for p in usb.iterdir())}))
ctx.close()
"""


def _can_mount() -> bool:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=4k tmpfs /mnt",
        ],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


@pytest.mark.parametrize("mode", ["readonly", "full"])
def test_read_only_or_full_usb_during_export(db_path: Path, tmp_path: Path, mode: str) -> None:
    if not _can_mount():
        pytest.skip(
            "needs a private mount namespace (root or user namespaces) to make a real read-only stick"
        )
    from rentan_desktop.services import setup, trust

    ctx = AppContext.open(db_path)
    admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
    trust.create_office_key(ctx, actor=admin)
    trust_recipient(ctx, admin, tmp_path)  # batches are sealed to it
    add_verified(ctx, admin, setup.list_funders(ctx)[0].id or 0, 3)
    before = snapshot(ctx)
    ctx.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    # The mount lives in the child's own namespace and disappears with it.
    out = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            sys.executable,
            "-c",
            RO_DRIVER,
            str(db_path),
            str(usb),
            ADMIN_PASSWORD,
            mode,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] is not None, "the export should have failed"
    assert not [n for n in result["left"] if not n.startswith(".")], (
        result
    )  # no final batch file left
    ctx = AppContext.open(db_path)
    try:
        after = snapshot(ctx)
    finally:
        ctx.close()
    # The child's login adds auth events; nothing else may have changed.
    new_events = after.pop("audit_event")[len(before["audit_event"]) :]  # type: ignore[index]
    assert {e[3] for e in new_events} <= {"auth.login"}, new_events
    assert after == {k: v for k, v in before.items() if k != "audit_event"}
    assert result["code"] == "batch.write_failed", result
