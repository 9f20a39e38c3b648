"""The audit key is sealed under the office key: copying the data folder does not let anyone
re-key the audit chain, and databases keyed before keep verifying.

Real key folders, real databases and the real ``rentan`` program; the attacker has the folder,
the sqlite3 tool and the source code, but not the office key passphrase.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE, person

from rentan_desktop.services import audit, audit_seal, privacy, registrants, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import key_folder
from rentan_desktop.signing.keys import KeyStore
from rentan_desktop.storage.models import User


def _verify(rentan_bin: str, db: Path, passphrase: str | None) -> tuple[int, str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    env.pop(trust.PASSPHRASE_ENV, None)
    if passphrase:
        env[trust.PASSPHRASE_ENV] = passphrase
    out = subprocess.run(
        [rentan_bin, "audit", "verify", "--db", str(db), "--user", "admin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return out.returncode, out.stdout + out.stderr


def _events(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY id")]
    finally:
        con.close()


@pytest.fixture
def office(ctx: AppContext, admin: User, funder_id: int) -> AppContext:
    """An office with records keyed under a plain audit key, then its office key made."""
    for i in range(1, 4):
        registrants.create(
            ctx,
            actor=admin,
            data=person(funder_id, nik=f"640801410190{i:04d}", nama=f"Warga {chr(64 + i)}"),
        )
    folder = trust.key_store(ctx).directory
    assert (folder / key_folder.AUDIT_KEY_FILE).exists()
    trust.create_office_key(ctx, actor=admin)
    return ctx


def test_making_the_office_key_seals_the_audit_key_without_rekeying(office: AppContext) -> None:
    folder = trust.key_store(office).directory
    assert not (folder / key_folder.AUDIT_KEY_FILE).exists()
    sealed = (folder / key_folder.AUDIT_KEY_SEALED).read_bytes()
    assert KeyStore(folder).seals_audit_key()
    key = key_folder.audit_key(folder)
    assert key is not None and key.hex().encode() not in sealed and key not in sealed
    assert _events(office.db.path).count("audit.rekey") == 1  # the same key: no new chain
    assert privacy.check_audit(office).ok


def _forge(db: Path, folder: Path, new_name: str) -> None:
    """What the holder of a copied folder would do: edit a name, then re-key everything (chain,
    row seals, anchors) under a key of their own, planted as a plain ``audit.key``."""
    key = secrets.token_bytes(32)
    con = sqlite3.connect(db, isolation_level=None)
    triggers = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
    ).fetchall()
    for name, _ in triggers:
        con.execute(f"DROP TRIGGER {name}")
    con.execute(
        "UPDATE registrant SET nama = ? WHERE id = (SELECT min(id) FROM registrant)", (new_name,)
    )
    prev = audit.GENESIS
    for ident, ts, actor, action, entity, uuid, detail, stored in con.execute(
        "SELECT id, ts, actor, action, entity, entity_uuid, detail, hash FROM audit_event "
        "ORDER BY id"
    ).fetchall():
        if action == "audit.rekey":
            doc = json.loads(detail)
            doc["key_id"] = audit.audit_seal_key_id(key)
            detail = audit.canonical(doc)
        payload = audit.event_payload(
            prev, datetime.fromisoformat(ts), actor, action, entity, uuid, detail
        )
        digest = (
            audit.keyed_hash(key, payload)
            if stored.startswith(audit.KEYED)
            else audit.event_hash(
                prev, datetime.fromisoformat(ts), actor, action, entity, uuid, detail
            )
        )
        con.execute(
            "UPDATE audit_event SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (detail, prev, digest, ident),
        )
        prev = digest
    con.create_function("seal", 1, lambda text: audit_seal.row_mac(key, text))
    columns = audit_seal.seal_columns(con)
    con.execute(f"UPDATE registrant SET row_mac = seal({audit_seal._json_expr(columns)})")
    head = con.execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    for _, sql in triggers:
        con.execute(sql)
    con.close()
    for name in audit_seal.ANCHOR_FILES:
        (folder / name).unlink(missing_ok=True)
    audit_seal._Anchor(folder, key, may_create=True).write(head[0], head[1])
    (folder / key_folder.AUDIT_KEY_SEALED).unlink(missing_ok=True)
    key_folder.write_private(folder / key_folder.AUDIT_KEY_FILE, key.hex().encode())


def _copy(ctx: AppContext, to: Path, *, with_office_key: bool = True) -> Path:
    to.mkdir()
    src = sqlite3.connect(ctx.db.path)
    dst = sqlite3.connect(to / "rentan.db")
    src.backup(dst)
    src.close()
    dst.close()
    shutil.copytree(trust.key_store(ctx).directory, to / "rentan-keys")
    if not with_office_key:
        for name in ("office.key", "office.salt", "office.pub"):
            (to / "rentan-keys" / name).unlink()
    return to / "rentan.db"


def test_a_copied_folder_without_the_passphrase_cannot_rekey_the_chain(
    office: AppContext, tmp_path: Path, rentan_bin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(trust.PASSPHRASE_ENV)
    office.close()
    # The forgery itself works: on a folder whose audit key was never sealed (no office key),
    # the re-keyed copy verifies as intact. That is what sealing has to stop.
    control = _copy(office, tmp_path / "control", with_office_key=False)
    _forge(control, control.parent / "rentan-keys", "ORANG LAIN")
    code, text = _verify(rentan_bin, control, None)
    assert code == 0, text

    stolen = _copy(office, tmp_path / "stolen")
    folder = stolen.parent / "rentan-keys"
    with pytest.raises(key_folder.AuditKeyLocked):
        key_folder.audit_key(folder)
    copy = AppContext.open(stolen)  # readable, but nothing can be written without the key
    try:
        before = _events(stolen)
        with pytest.raises(UserError) as locked:
            registrants.create(
                copy,
                actor=User(username="admin", role="admin"),
                data=person(1, nik="6408014101900009"),
            )
        assert locked.value.code == audit_seal.AUDIT_KEY_LOCKED
        assert "frasa sandi" in locked.value.message("id")
        assert _events(stolen) == before
    finally:
        copy.close()
    code, text = _verify(rentan_bin, stolen, None)
    assert code != 0 and "Kunci kantor terkunci" in text

    _forge(stolen, folder, "ORANG LAIN")
    code, text = _verify(rentan_bin, stolen, KEY_PASSPHRASE)  # back at the office: detected
    assert code == 1 and "kunci audit yang tidak ada lagi" in text, text
    assert list(folder.glob("audit.key.planted-*"))  # the planted key is kept as evidence
    code, text = _verify(rentan_bin, stolen, KEY_PASSPHRASE)
    assert code == 1, text  # and stays detected


def test_the_sealed_mark_cannot_be_edited_away(office: AppContext) -> None:
    folder = trust.key_store(office).directory
    salt = folder / "office.salt"
    params = json.loads(salt.read_bytes())
    assert params.pop("audit") == key_folder.AUDIT_SEALED_MARK
    salt.write_text(json.dumps(params))
    trust.lock_office_key(office)
    with pytest.raises(UserError) as wrong:
        trust.unlock_for_session(office, passphrase=KEY_PASSPHRASE)
    assert wrong.value.code == trust.KEY_WRONG_PASSPHRASE


def test_a_folder_from_before_is_sealed_on_the_next_unlock_and_keeps_verifying(
    office: AppContext, rentan_bin: str
) -> None:
    """Take the folder back to how the previous version left it: plain audit.key, unmarked key."""
    folder = trust.key_store(office).directory
    key = key_folder.audit_key(folder)
    assert key is not None
    office_key = trust.office_key(office)
    office.close()
    (folder / key_folder.AUDIT_KEY_SEALED).unlink()
    key_folder.write_private(folder / key_folder.AUDIT_KEY_FILE, key.hex().encode())
    KeyStore(folder)._store(office_key, KEY_PASSPHRASE, mark=False)
    assert not KeyStore(folder).seals_audit_key()
    events = _events(office.db.path)

    code, text = _verify(rentan_bin, office.db.path, KEY_PASSPHRASE)  # a new process unlocks
    assert code == 0, text
    assert not (folder / key_folder.AUDIT_KEY_FILE).exists()
    assert (folder / key_folder.AUDIT_KEY_SEALED).exists() and KeyStore(folder).seals_audit_key()
    assert "audit.rekey" not in _events(office.db.path)[len(events) :]
    code, text = _verify(rentan_bin, office.db.path, KEY_PASSPHRASE)
    assert code == 0, text
