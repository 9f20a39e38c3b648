"""Backup services and the `rentan backup/restore/audit/retention` commands on the real schema."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE, person

from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.services import backups, privacy, registrants, retention
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.backup_catalog import BackupKind
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow


def niks(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in con.execute("SELECT nik FROM registrant ORDER BY id")]
    finally:
        con.close()


def test_backup_now_second_location_and_restore(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    usb = tmp_path / "usb"
    backups.set_policy(ctx, actor=admin, policy=backups.BackupPolicy(second_location=usb))
    run = backups.backup_now(ctx, actor=admin)
    assert run.ok and [b.path.parent for b in run.made] == [backups.backup_folder(ctx), usb]
    assert all(b.record_count == 1 for b in run.made)
    registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
    )
    listed = backups.list_backups(ctx, actor=admin)
    assert len(listed) == 2 and listed[0].record_count == 1
    assert all(b.path.suffix == ".rbk" for b in run.made)  # encrypted by default (issue 13)
    # ...under the office key passphrase, which the office key was made with.
    outcome = backups.restore(ctx, actor=admin, backup=run.made[1].path, passphrase=KEY_PASSPHRASE)
    assert outcome.record_count == 1 and outcome.kept is not None and outcome.kept.record_count == 2
    assert niks(ctx.db.path) == ["6408014101900001"]
    # The app keeps working on the restored file, and the restore is in its audit trail.
    registrants.create(ctx, actor=admin, data=person(funder_id, nik="6408014101900003", nama="Ani"))
    with ctx.db.reader() as session:
        actions = [r[0] for r in session.exec(text("SELECT action FROM audit_event ORDER BY id"))]  # type: ignore[call-overload]
    assert actions[-2:] == ["backup.restore", "registrant.create"]
    assert privacy.verify_audit(ctx, actor=admin).ok


def test_missing_second_location_fails_only_there(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.write_text("not a folder: the stick was pulled and a file sits at its path")
    backups.set_policy(
        ctx, actor=admin, policy=backups.BackupPolicy(second_location=stick / "rentan")
    )
    run = backups.backup_now(ctx, actor=admin, kind=BackupKind.AUTO)
    assert len(run.made) == 1 and list(run.failed) == [str(stick / "rentan")]
    assert "tidak dapat ditulisi" in run.failed[str(stick / "rentan")]


def test_encrypted_policy(ctx: AppContext, admin: User, tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        backups.set_passphrase(ctx, actor=admin, passphrase="pendek")
    assert err.value.code == "backup.passphrase_short"
    backups.set_passphrase(ctx, actor=admin, passphrase="kata sandi cadangan kantor")
    run = backups.backup_now(ctx, actor=admin)
    assert run.made[0].encrypted and b"SQLite format 3" not in run.made[0].path.read_bytes()[:4096]
    with pytest.raises(UserError) as err:
        backups.restore(ctx, actor=admin, backup=run.made[0].path, passphrase="salah salah salah")
    assert err.value.code == "backup.wrong_passphrase"
    outcome = backups.restore(
        ctx, actor=admin, backup=run.made[0].path, passphrase="kata sandi cadangan kantor"
    )
    assert outcome.kept is not None and outcome.kept.encrypted


def test_roles(ctx: AppContext, make_user) -> None:  # type: ignore[no-untyped-def]
    operator = make_user("operator")
    backups.backup_now(ctx, actor=operator, kind=BackupKind.AUTO)  # the schedule runs for clerks
    for call in (
        lambda: backups.backup_now(ctx, actor=operator),  # by hand: supervisors and above
        lambda: backups.restore(ctx, actor=operator, backup=Path("x.db")),
        lambda: backups.set_policy(ctx, actor=operator, policy=backups.BackupPolicy()),
        lambda: privacy.verify_audit(ctx, actor=operator),
        lambda: retention.run(ctx, actor=operator, years=5),
    ):
        with pytest.raises(RoleRefused):
            call()


def test_startup_check_and_recover(ctx: AppContext, admin: User, funder_id: int) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    good = backups.backup_now(ctx, actor=admin).made[0]
    path = ctx.db.path
    ctx.close()
    path.write_bytes(b"\0" * 8192)
    assert backups.startup_check(path).action.value == "ask_passphrase"  # encrypted by default
    decision = backups.startup_check(path, passphrase=KEY_PASSPHRASE)
    assert (
        decision.action.value == "restore"
        and decision.backup is not None
        and decision.backup.path == good.path
    )
    recovered = backups.recover(path, decision.backup.path, passphrase=KEY_PASSPHRASE)
    try:
        assert niks(path) == ["6408014101900001"]
        damaged = [p for p in path.parent.iterdir() if p.name.startswith("damaged-")]
        assert len(damaged) == 1 and (damaged[0] / "rentan.db").read_bytes() == b"\0" * 8192
    finally:
        recovered.close()


def test_retention_anonymises_only_old_inactive(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    old = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    recent = registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
    ).registrant
    active = registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900003", nama="Ani")
    ).registrant
    for row in (old, recent):
        registrants.change_status(
            ctx, actor=admin, uuids=[row.uuid], new="inactive", reason="pindah"
        )
    later = utcnow() + timedelta(days=365 * 5 + 30)
    with pytest.raises(UserError):
        retention.run(ctx, actor=admin)  # no period set yet
    retention.set_years(ctx, actor=admin, years=5)
    # Make `recent` inactive only 4 years before `later`.
    with ctx.db.writer() as session:
        session.exec(
            text("UPDATE registrant SET updated_at = :t WHERE uuid = :u").bindparams(  # type: ignore[call-overload]
                t=(later - timedelta(days=365 * 4)).isoformat(), u=recent.uuid
            )
        )
    preview = retention.run(ctx, actor=admin, dry_run=True, now=later)
    assert preview.uuids == (old.uuid,)
    done = retention.run(ctx, actor=admin, now=later)
    assert done.uuids == (old.uuid,) and "1 data" in done.message("id")
    con = sqlite3.connect(ctx.db.path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT uuid, nik, nama, nama_ibu, alamat, no_kk, tanggal_lahir, desa_kode FROM registrant"
        )
    }
    con.close()
    assert rows[old.uuid][1:6] == ("(dianonimkan)", "", "", None, "1990-01-01")
    assert rows[old.uuid][0].startswith("ANON") and rows[old.uuid][6] == old.desa_kode
    assert rows[recent.uuid][1] == "RINA" and rows[active.uuid][1] == "ANI"
    assert retention.run(ctx, actor=admin, now=later).count == 0  # idempotent
    assert privacy.verify_audit(ctx, actor=admin).ok


def run_cli(rentan_bin: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD, **env}
    return subprocess.run(
        [rentan_bin, *args], capture_output=True, text=True, env=full, timeout=120
    )


def test_cli_backup_restore_audit(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    db = str(db_path)
    usb = tmp_path / "usb"
    out = run_cli(
        rentan_bin,
        "backup",
        "--db",
        db,
        "--user",
        "admin",
        "--to",
        str(usb),
        "--passphrase-env",
        "SANDI",
        "--json",
        SANDI="kata sandi flashdisk",
    )
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)["files"]
    assert len(made) == 1 and made[0].endswith(".rbk")
    listing = run_cli(rentan_bin, "restore", "--db", db, "--list", "--from", str(usb), "--json")
    assert [r["file"] for r in json.loads(listing.stdout)] == made
    assert run_cli(rentan_bin, "restore", "--db", db, "--user", "admin", made[0]).returncode == 1
    ok = run_cli(
        rentan_bin,
        "restore",
        "--db",
        db,
        "--user",
        "admin",
        made[0],
        "--passphrase-env",
        "SANDI",
        SANDI="kata sandi flashdisk",
    )
    assert ok.returncode == 0 and "Dipulihkan dari" in ok.stdout
    verify = run_cli(rentan_bin, "audit", "verify", "--db", db, "--user", "admin", "--json")
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"] is True
    # Tamper with one event behind the app's back: the command names it.
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER audit_event_no_update")
    victim = con.execute("SELECT id FROM audit_event ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
    con.execute("UPDATE audit_event SET detail = '{}' WHERE id = ?", (victim,))
    con.commit()
    con.close()
    broken = run_cli(rentan_bin, "audit", "verify", "--db", db, "--user", "admin")
    assert broken.returncode == 1 and f"#{victim}" in broken.stdout and "diubah" in broken.stdout


def test_backup_due_follows_the_interval(ctx: AppContext, admin: User) -> None:
    assert backups.backup_due(ctx)  # never backed up
    made = backups.backup_now(ctx, actor=admin, kind=BackupKind.AUTO).made[0]
    assert not backups.backup_due(ctx, now=made.created_at + timedelta(minutes=59))
    assert backups.backup_due(ctx, now=made.created_at + timedelta(minutes=60))


def test_cli_backup_config_and_retention(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    db = str(db_path)
    second = tmp_path / "disk2"
    cfg = run_cli(
        rentan_bin,
        "backup-config",
        "--db",
        db,
        "--user",
        "admin",
        "--json",
        "--second-location",
        str(second),
        "--weekly",
        "6",
        "--passphrase-env",
        "SANDI",
        SANDI="kata sandi kantor 2026",
    )
    assert cfg.returncode == 0, cfg.stderr
    data = json.loads(cfg.stdout)
    assert (data["second_location"], data["weekly"], data["encrypt"]) == (str(second), 6, True)
    made = run_cli(rentan_bin, "backup", "--db", db, "--user", "admin", "--json")
    files = json.loads(made.stdout)["files"]
    assert [Path(f).parent for f in files] == [db_path.parent / "backups", second]
    assert all(f.endswith(".rbk") for f in files)
    preview = run_cli(
        rentan_bin, "retention", "run", "--db", db, "--user", "admin", "--years", "5", "--dry-run"
    )
    assert preview.returncode == 0 and preview.stdout.startswith("0 data nonaktif")


def test_restore_refuses_another_offices_backup(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    backups.set_passphrase(ctx, actor=admin, passphrase="kata sandi cadangan kantor")
    mine = backups.backup_now(ctx, actor=admin).made[0]
    assert mine.office_kode == "640801" and mine.office_uuid == (
        ctx.office.uuid if ctx.office else None
    )
    # The neighbouring office's backup: same file, another identity.
    other = tmp_path / "lain" / mine.name.replace(".rbk", ".db")
    other.parent.mkdir()
    from rentan_desktop.storage.backup import materialise

    materialise(mine.path, other, passphrase="kata sandi cadangan kantor")
    con = sqlite3.connect(other)
    con.execute("UPDATE office SET uuid = 'kantor-lain', kode = '640802'")
    con.commit()
    con.close()
    with pytest.raises(UserError) as err:
        backups.restore(ctx, actor=admin, backup=other)
    assert err.value.code == "backup.other_office" and "640802" in err.value.message()
    assert (
        backups.restore(ctx, actor=admin, backup=other, allow_other_office=True).record_count == 1
    )


def test_ensure_healthy_names_the_way_out(tmp_path: Path) -> None:
    db = tmp_path / "rentan.db"
    backups.ensure_healthy(db)  # missing: fine, it will be created
    db.write_bytes(b"bukan basis data" * 512)
    with pytest.raises(UserError) as err:
        backups.ensure_healthy(db)
    assert "rentan restore --list" in err.value.message() and "rusak" in err.value.message()
    assert db.read_bytes() == b"bukan basis data" * 512
