"""The office key needs a passphrase that is not stored beside it; full NIK/KK views are audited.

Real key files, real databases and the real `rentan` program (a subprocess) for the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE, person

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.services import backups, registrants, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing.keys import SigningKey
from rentan_desktop.storage.models import User


@pytest.fixture
def keyed(ctx: AppContext, admin: User) -> AppContext:
    trust.create_office_key(ctx, actor=admin)
    trust.lock_office_key(ctx)
    return ctx


def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(trust.PASSPHRASE_ENV, raising=False)


def test_a_copied_data_folder_cannot_sign(
    keyed: AppContext, admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thief's view: database and key folder copied elsewhere, no passphrase."""
    _no_env(monkeypatch)
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    shutil.copy(keyed.db.path, stolen / "rentan.db")
    shutil.copytree(trust.key_store(keyed).directory, stolen / "rentan-keys")
    copy = AppContext.open(stolen / "rentan.db")
    try:
        with pytest.raises(UserError) as locked:
            trust.office_key(copy)
        assert locked.value.code == trust.KEY_PASSPHRASE_NEEDED
        assert "frasa sandi" in locked.value.message("id")
        # The fingerprint is still readable (office.pub holds only public data).
        assert trust.office_key_info(copy) == trust.office_key_info(keyed)
        with pytest.raises(UserError) as wrong:
            trust.unlock_office_key(copy, actor=admin, passphrase="tebakan-yang-salah")
        assert wrong.value.code == trust.KEY_WRONG_PASSPHRASE
        info = trust.unlock_office_key(copy, actor=admin, passphrase=KEY_PASSPHRASE)
        assert info.fingerprint == trust.office_key_info(keyed).fingerprint  # type: ignore[union-attr]
    finally:
        copy.close()
    for path in (stolen / "rentan-keys").iterdir():
        assert KEY_PASSPHRASE.encode() not in path.read_bytes()


def test_wrong_passphrase_in_the_environment_says_so(
    keyed: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(trust.PASSPHRASE_ENV, "bukan-frasa-sandinya")
    with pytest.raises(UserError) as wrong:
        trust.office_key(keyed)
    assert "RENTAN_KEY_PASSPHRASE" in wrong.value.message("id")


def test_legacy_key_is_migrated_on_first_unlock_by_an_admin(
    ctx: AppContext,
    admin: User,
    make_user,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    _no_env(monkeypatch)
    folder = trust.key_store(ctx).directory
    folder.mkdir(exist_ok=True)  # the audit key may already live there
    old = SigningKey.generate()
    secret = b"cd" * 32
    (folder / "office.key").write_bytes(old.to_encrypted_pem(secret))
    (folder / "office.secret").write_bytes(secret)
    with pytest.raises(UserError) as legacy:
        trust.office_key(ctx)
    assert legacy.value.code == trust.KEY_LEGACY
    assert trust.office_key_info(ctx).fingerprint == old.public_key.fingerprint  # type: ignore[union-attr]
    operator = make_user("operator")
    with pytest.raises(Exception, match="operator"):
        trust.unlock_office_key(ctx, actor=operator, passphrase=KEY_PASSPHRASE)
    with pytest.raises(UserError) as short:
        trust.unlock_office_key(ctx, actor=admin, passphrase="pendek")
    assert short.value.code == trust.KEY_PASSPHRASE_SHORT
    assert (folder / "office.secret").exists()  # refusals changed nothing
    trust.unlock_office_key(ctx, actor=admin, passphrase=KEY_PASSPHRASE)
    assert not (folder / "office.secret").exists()
    assert trust.office_key(ctx).public_key == old.public_key
    trust.lock_office_key(ctx)
    monkeypatch.setenv(trust.PASSPHRASE_ENV, KEY_PASSPHRASE)
    assert trust.office_key(ctx).public_key == old.public_key
    con = sqlite3.connect(ctx.db.path)
    actions = [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY id")]
    con.close()
    assert "key.migrate" in actions


def test_backups_follow_the_key_passphrase(keyed: AppContext) -> None:
    policy = backups.get_policy(keyed)
    assert policy.encrypt
    assert keyed.setting(backups.KEY_KEY)


def _run(rentan_bin: str, db: Path, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run(
        [rentan_bin, *args, "--db", str(db), "--user", user],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_show_masks_kk_for_operators_and_audits_full_views(
    ctx: AppContext,
    admin: User,
    make_user,
    funder_id: int,
    rentan_bin: str,  # type: ignore[no-untyped-def]
) -> None:
    make_user("operator")
    make_user("supervisor")
    saved = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    registrants.update(
        ctx,
        actor=admin,
        uuid=saved.uuid,
        expected_version=saved.version,
        data=person(funder_id, no_kk="6408010101100099"),
    )
    ctx.close()
    db = ctx.db.path
    seen = _run(rentan_bin, db, "u_operator", "show", "--json", saved.uuid)
    assert seen.returncode == 0, seen.stderr
    data = json.loads(seen.stdout)
    assert data["nik"] == mask_nik("6408014101900001") and data["no_kk"] == mask_nik(
        "6408010101100099"
    )
    assert data["no_kk"].endswith("0099") and "*" in data["no_kk"]
    assert "6408010101100099" not in seen.stdout and "6408010101100001" not in seen.stdout
    assert "6408014101900001" not in seen.stdout and "Halimah" not in seen.stdout
    text = _run(rentan_bin, db, "u_operator", "show", saved.uuid)
    assert (
        "6408010101100099" not in text.stdout
        and f"KK {mask_nik('6408010101100099')}" in text.stdout
    )
    # The serial the mask shows, the desa and a full birth date would give the NIK back: year only.
    assert data["tanggal_lahir"] == "1990"
    assert "1990-01-01" not in seen.stdout + text.stdout and "Januari 1990" not in text.stdout
    assert "tahun 1990" in text.stdout
    full = _run(rentan_bin, db, "u_supervisor", "show", "--json", saved.uuid)
    assert json.loads(full.stdout)["no_kk"] == "6408010101100099"
    con = sqlite3.connect(db)
    reveals = con.execute(
        "SELECT actor, entity_uuid, detail FROM audit_event WHERE action = 'nik.reveal'"
    ).fetchall()
    con.close()
    assert [(r[0], r[1]) for r in reveals] == [("u_supervisor", saved.uuid)]
    assert json.loads(reveals[0][2])["purpose"] == "cli.show"


def test_operator_cannot_write_a_backup_on_the_command_line(
    ctx: AppContext,
    make_user,
    rentan_bin: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    make_user("operator")
    ctx.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    out = _run(rentan_bin, ctx.db.path, "u_operator", "backup", "--to", str(stick))
    assert out.returncode == 1 and "operator" in out.stderr and "Traceback" not in out.stderr
    assert not list(stick.iterdir())


def test_operator_is_refused_a_key_it_may_not_migrate_without_traceback(
    ctx: AppContext,
    make_user,
    rentan_bin: str,  # type: ignore[no-untyped-def]
) -> None:
    make_user("operator")
    ctx.close()
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    env.pop(trust.PASSPHRASE_ENV)
    out = subprocess.run(
        [rentan_bin, "keys", "unlock", "--db", str(ctx.db.path), "--user", "u_operator"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 1 and "RENTAN_KEY_PASSPHRASE" in out.stderr
    assert "Traceback" not in out.stderr
