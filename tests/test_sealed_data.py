"""Personal data never lies in plaintext outside the database (issue 13): sticks, backups, temp.

Real files, real processes: the raw bytes of what lands on a stick or in a backup are searched for
NIKs; an export and a backup are killed with SIGKILL mid-write in a child process (the test checks
that the signal killed it), then the system temp folder, the stick and the data folder are scanned,
and the next start must leave no plaintext copy anywhere but the database itself.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from tests import test_batch_support as support
from tests import test_crash as crash
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE
from tests.kill_points import kill_inside
from tests.test_batch_support import Link, bulk_verified

from rentan_desktop.services import auth, backups, batch_import, batches, export_journal, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import sealed, stream_frame
from rentan_desktop.storage.backup_catalog import BackupKind

kab_template, kab, link = support.kab_template, support.kab, support.link

NIK_PREFIX = b"64080141019"  # every NIK bulk_verified writes starts so


def _niks(ctx: AppContext) -> list[bytes]:
    con = sqlite3.connect(ctx.db.path)
    try:
        return [r[0].encode() for r in con.execute("SELECT nik FROM registrant")]
    finally:
        con.close()


def _plaintext_files(folder: Path, niks: list[bytes], skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every file under ``folder`` (except ``skip``) whose raw bytes hold a NIK or a SQLite page."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or path in skip:
            continue
        data = path.read_bytes()
        if data.startswith(b"SQLite format 3") or any(n in data for n in niks[:50]):
            found.append(path)
    return found


def _db_files(ctx: AppContext) -> tuple[Path, ...]:
    path = ctx.db.path
    return (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))


def test_batch_on_the_stick_holds_no_nik_and_opens_only_at_the_recipient(link: Link) -> None:
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 300)
    niks = _niks(link.kec)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    stick = b"".join(p.read_bytes() for p in link.usb.iterdir())
    assert not any(n in stick for n in niks) and NIK_PREFIX not in stick
    # Unreadable without the recipient's key: not the sender's own key, and not another key
    # even with the (unauthenticated) recipient id in the header rewritten to name it.
    with pytest.raises(sealed.NotForThisKey), done.xlsx.open("rb") as fh:
        sealed.open_stream(fh, io.BytesIO(), trust.office_key(link.kec).decryption_key())
    other = X25519PrivateKey.generate()
    with done.xlsx.open("rb") as fh:
        header, head = sealed.read_header(fh)
        rest = fh.read()
    header["recipient"] = sealed.key_id(sealed._raw(other.public_key()))
    relabelled = stream_frame.frame(sealed.MAGIC, sealed.VERSION, header) + rest
    with pytest.raises(sealed.DamagedSealed):
        sealed.open_stream(io.BytesIO(relabelled), io.BytesIO(), other)
    # The manifest verifies (signer, ledger, addressed here, sealed bytes) before decryption...
    trust.lock_office_key(link.kab)
    os.environ.pop(trust.PASSPHRASE_ENV)
    try:
        with pytest.raises(UserError) as locked:  # ...and the rows need the recipient's key
            batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
        assert locked.value.code == trust.KEY_PASSPHRASE_NEEDED
        trust.unlock_office_key(link.kab, actor=link.kab_admin, passphrase=KEY_PASSPHRASE)
        report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    finally:
        os.environ[trust.PASSPHRASE_ENV] = KEY_PASSPHRASE
    assert report.ok and report.row_count == 300
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.imported and result.counts["new"] == 300
    # The decrypted workbook lived only in the recipient's scratch space and is gone.
    assert not _plaintext_files(link.kab.data_dir, niks, skip=_db_files(link.kab))
    assert not list((link.kab.data_dir / "tmp").rglob("*.xlsx"))


def test_a_changed_sealed_file_is_refused_before_decryption(link: Link) -> None:
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 20)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    data = bytearray(done.xlsx.read_bytes())
    data[-5] ^= 0x01
    done.xlsx.write_bytes(bytes(data))
    report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert [e.code for e in report.errors] == ["batch.file_changed"]


def test_backup_is_encrypted_by_default_and_holds_no_nik(link: Link) -> None:
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 300)
    niks = _niks(link.kec)
    run = backups.backup_now(link.kec, actor=link.kec_admin, to=link.usb)
    made = run.made[0].path
    assert made.suffix == ".rbk"
    raw = made.read_bytes()
    assert not raw.startswith(b"SQLite") and not any(n in raw for n in niks)
    # The office key passphrase opens it; nothing else does.
    assert backups.restore  # the restore path is covered in test_backup_service
    from rentan_desktop.storage.backup import verify_backup

    assert verify_backup(made, work_dir=link.kec.scratch_dir(), passphrase=KEY_PASSPHRASE) == 300
    with pytest.raises(Exception) as wrong:
        verify_backup(made, work_dir=link.kec.scratch_dir(), passphrase="bukan frasa sandinya")
    assert getattr(wrong.value, "code", "") == "backup.wrong_passphrase"


def test_operators_may_not_write_a_backup_by_hand(link: Link) -> None:
    auth.create_user(
        link.kec,
        actor=link.kec_admin,
        username="clerk",
        full_name="Clerk",
        role="operator",
        password=ADMIN_PASSWORD,
    )
    clerk = auth.authenticate(link.kec, "clerk", ADMIN_PASSWORD)
    with pytest.raises(Exception) as refused:
        backups.backup_now(link.kec, actor=clerk, to=link.usb)
    assert "operator" in str(refused.value) and not list(link.usb.iterdir())
    # The schedule still backs up an operator's session, into the data folder, encrypted.
    run = backups.backup_now(link.kec, actor=clerk, kind=BackupKind.AUTO)
    assert run.ok and run.made[0].path.suffix == ".rbk"


_CHILD = r"""
import os, sys, time
from pathlib import Path
from rentan_desktop.services import auth, backups, batches
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage import backup as storage_backup

db, usb, marker, what = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
ctx = AppContext.open(db)
admin = auth.authenticate(ctx, "admin", os.environ["RENTAN_PASSWORD"])

def stall(*_args):
    # Mid-write: the plaintext (workbook or database copy) is on disk now. Say so, then wait
    # for the parent's SIGKILL.
    marker.write_text("writing")
    time.sleep(60)

if what == "export":
    batches.export_batch(ctx, actor=admin, folder=usb, progress=lambda done, total: stall())
else:
    def progress(phase, fraction):
        if phase == "encrypt":
            stall()
    backups.backup_now(ctx, actor=admin, to=usb, progress=progress)
"""


@pytest.mark.parametrize("what", ["export", "backup"])
def test_a_killed_export_or_backup_leaves_no_plaintext(
    link: Link, tmp_path: Path, what: str
) -> None:
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 2500)
    niks = _niks(link.kec)
    systmp = tmp_path / "system-temp"
    systmp.mkdir()
    marker = tmp_path / "marker"
    env = dict(
        os.environ,
        RENTAN_PASSWORD=ADMIN_PASSWORD,
        TMPDIR=str(systmp),
        TEMP=str(systmp),
        TMP=str(systmp),
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(link.kec.db.path), str(link.usb), str(marker), what],
        env=env,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the child never reached the write"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL  # it died by the signal, mid-write
    # Nothing readable on the stick or in the system temp folder, even before the next start.
    assert not _plaintext_files(link.usb, niks)
    assert not _plaintext_files(systmp, niks)
    # In the data folder the plaintext sits only in the dead process's scratch folder...
    databases = _db_files(link.kec) + _db_files(link.kab)  # the kabupaten's lives in kab/
    left = _plaintext_files(link.kec.data_dir, niks, skip=databases)
    assert left and all(p.relative_to(link.kec.data_dir).parts[0] == "tmp" for p in left)
    # ...which the next start removes.
    AppContext.open(link.kec.db.path).close()
    assert not _plaintext_files(link.kec.data_dir, niks, skip=databases)


def _plaintext_on_disk(data_dir: Path) -> Callable[[int], bool]:
    """True while the child's scratch space holds a file (the plaintext workbook or copy)."""
    return lambda _pid: any(p.is_file() and p.stat().st_size for p in (data_dir / "tmp").rglob("*"))


@pytest.mark.slow
@pytest.mark.parametrize("what", ["export", "backup"])
def test_kill_loop_leaves_no_plaintext(
    link: Link, tmp_path_factory: pytest.TempPathFactory, rentan_bin: str, what: str
) -> None:
    """Kill the real `rentan` process again and again while its plaintext is on disk: never a
    NIK on the stick or in the system temp folder, and none in the data folder after the next
    start. ``RENTAN_PLAINTEXT_KILLS`` kills per operation (default 8)."""
    want = int(os.environ.get("RENTAN_PLAINTEXT_KILLS", "8"))
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 2500)
    niks = _niks(link.kec)
    db = link.kec.db.path
    data_dir = link.kec.data_dir
    databases = _db_files(link.kec) + _db_files(link.kab)
    link.kec.close()
    outside = tmp_path_factory.mktemp("outside-data-folder")  # sticks, system temp, pristine copy
    systmp = outside / "system-temp"
    systmp.mkdir()
    env = dict(
        os.environ,
        RENTAN_PASSWORD=ADMIN_PASSWORD,
        TMPDIR=str(systmp),
        TEMP=str(systmp),
        TMP=str(systmp),
    )
    pristine = outside / "pristine.db"
    crash.restore(db, pristine)
    landed = 0
    for attempt in range(want * 3):
        crash.restore(pristine, db)  # each export starts with the records still to send
        shutil.rmtree(export_journal.folder_of(db), ignore_errors=True)
        stick = outside / f"stick{attempt}"
        stick.mkdir()
        cmd = (
            [rentan_bin, "export-batch", "--to", "6408"]
            if what == "export"
            else [rentan_bin, "backup"]
        )
        cmd += [
            "--db",
            str(db),
            "--user",
            "admin",
            "--out" if what == "export" else "--to",
            str(stick),
        ]
        kill = kill_inside(cmd, _plaintext_on_disk(data_dir), env=env)
        assert kill.landed or kill.returncode == 0, kill
        landed += kill.landed
        assert not _plaintext_files(stick, niks), attempt
        assert not _plaintext_files(systmp, niks), attempt
        if kill.landed:  # the next start sweeps the dead process's scratch space
            opened = subprocess.run(
                [rentan_bin, "stats", "--db", str(db), "--user", "admin"],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert opened.returncode == 0, opened.stdout + opened.stderr
            assert not _plaintext_files(data_dir, niks, skip=databases), attempt
        if landed >= want:
            break
    assert landed == want, landed
