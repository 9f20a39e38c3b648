"""Key rotation: an office replaces its key and loses nothing. Batches and receipts sealed to or
signed with the old key still open and verify; the coordinator trusts the new key on the old
key's endorsement (no fingerprint read-aloud), but never on a forged or revoked endorsement.
Real databases of two offices, real key folders, real files on a stick folder."""

from __future__ import annotations

import base64
import os
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD
from tests.test_batch_support import Link, add_verified, snapshot, statuses
from tests.test_card_verdicts import printed

from rentan_desktop.services import batch_import, batches, cards, receipts, trust
from rentan_desktop.services.cards import Verdict
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import canonical, card_token, key_file
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_KEY, SigningKey
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
__all__ = ["printed"]  # a fixture: two registered people with printed cards

KEC = "640801"


def _audit_actions(ctx_path: Path) -> list[str]:
    con = sqlite3.connect(ctx_path)
    try:
        return [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY id")]
    finally:
        con.close()


def _kec_rows(link: Link) -> list[tuple[str, bool]]:
    return [
        (r.key_id, r.revoked_at is not None)
        for r in trust.list_keys(link.kab, actor=link.kab_admin)
        if r.office_kode == KEC
    ]


def test_rotation_keeps_old_batches_and_receipts_working_and_is_trusted_on_endorsement(
    link: Link,
) -> None:
    old = trust.office_key_info(link.kec)
    assert old is not None
    # Before the rotation: one batch imported and its receipt written (sealed to the kecamatan's
    # old encryption key), one more batch still on the stick, not yet imported.
    first = add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    imported = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert imported.imported
    receipt = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=imported.report.batch_id, folder=link.usb
    )
    add_verified(link.kec, link.kec_admin, link.funder_id, 2, start=3)
    before = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)

    info = trust.rotate_office_key(link.kec, actor=link.kec_admin)
    assert info.office == KEC and info.key_id != old.key_id and info.fingerprint != old.fingerprint
    assert trust.office_key_info(link.kec) == info
    assert [p.key_id for p in trust.own_public_keys(link.kec)] == [info.key_id, old.key_id]
    retired = trust.key_store(link.kec).directory / "retired"
    # The old private key is kept, wrapped (never a plain PEM), readable by the owner only.
    wrapped = sorted(retired.glob("*.key"))
    assert [p.name for p in wrapped] == [f"{old.key_id}.{info.key_id}.key"]
    assert b"ENCRYPTED PRIVATE KEY" in wrapped[0].read_bytes()
    assert wrapped[0].stat().st_mode & 0o077 == 0

    # The receipt sealed to the old key still opens here after the rotation.
    applied = receipts.import_receipt(link.kec, actor=link.kec_admin, path=receipt.path)
    assert applied.ok, applied.errors
    assert {statuses(link.kec)[u] for u in first} == {"accepted"}

    # The regency trusts the new key on the old key's endorsement: no fingerprint read aloud.
    path = trust.export_public_key(link.kec, actor=link.kec_admin, folder=link.usb)
    parsed = trust.read_key_file(path)
    assert parsed.endorsed_by() is not None and parsed.endorsed_by().key_id == old.key_id
    assert trust.rotation_vouched(link.kab, path)
    row = trust.trust_key(link.kab, actor=link.kab_admin, path=path, fingerprint="")
    assert row.key_id == info.key_id and row.office_kode == KEC
    assert "key.rotate_trust" in _audit_actions(link.kab.db.path)
    assert _kec_rows(link) == [(old.key_id, False), (info.key_id, False)]  # the old stays trusted
    assert not trust.rotation_vouched(link.kab, path)  # already trusted now

    # A batch exported after the rotation (new key), and the one from before (old key, still on
    # the stick): both import at the regency.
    add_verified(link.kec, link.kec_admin, link.funder_id, 1, start=5)
    after = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    for batch in (before, after):
        result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=batch.xlsx)
        assert result.imported, result.report.errors

    # The receipt for the new batch is sealed to the new key and opens here too.
    latest = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    assert receipts.import_receipt(link.kec, actor=link.kec_admin, path=latest.path).ok


@pytest.mark.slow
def test_a_second_rotation_still_opens_files_sealed_to_the_first_key(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    imported = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    receipt = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=imported.report.batch_id, folder=link.usb
    )
    first = trust.office_key_info(link.kec)
    trust.rotate_office_key(link.kec, actor=link.kec_admin)
    third = trust.rotate_office_key(link.kec, actor=link.kec_admin)
    assert len(trust.own_public_keys(link.kec)) == 3
    trust.lock_office_key(link.kec)  # a new session: everything reopens from the files
    assert receipts.import_receipt(link.kec, actor=link.kec_admin, path=receipt.path).ok
    # The file now carries the endorsement of the second key, which the regency does not know:
    # a read-aloud is needed again (the first key cannot vouch for the third).
    path = trust.export_public_key(link.kec, actor=link.kec_admin, folder=link.usb)
    assert first is not None and trust.read_key_file(path).endorsed_by() is not None
    assert not trust.rotation_vouched(link.kab, path)
    with pytest.raises(UserError) as refused:
        trust.trust_key(link.kab, actor=link.kab_admin, path=path, fingerprint="")
    assert refused.value.code == m.KEY_FINGERPRINT_MISMATCH
    assert (
        trust.trust_key(
            link.kab, actor=link.kab_admin, path=path, fingerprint=third.fingerprint
        ).key_id
        == third.key_id
    )


def _forged_file(folder: Path, claimed_old: str) -> tuple[Path, SigningKey]:
    """A key file for the kecamatan claiming rotation from its real key, endorsed by a stranger."""
    new, stranger = SigningKey.generate(), SigningKey.generate()
    members = canonical.loads(
        key_file.export(
            new, KEC, "Kecamatan palsu", "2026-12-07T00:00:00", predecessor=stranger
        ).strip()
    )
    members.pop("self_signature")
    members["rotated_from"] = claimed_old  # the trusted key's text, but not its signature
    members["self_signature"] = base64.b64encode(
        new.sign(DOMAIN_KEY, canonical.dumps(members))
    ).decode("ascii")
    path = folder / f"KANTOR-{KEC}.rentan-key.json"
    path.write_bytes(canonical.dumps(members) + b"\n")
    return path, new


def test_forged_or_revoked_endorsements_need_the_fingerprint(link: Link) -> None:
    # Forged: the file names the kecamatan's trusted key as its predecessor, but a stranger
    # signed the endorsement. Not trusted without the fingerprint, and nothing changes.
    real = trust.own_public_key(link.kec)
    assert real is not None
    path, new = _forged_file(link.usb, real.to_text())
    assert trust.read_key_file(path).endorsed_by() is None
    assert not trust.rotation_vouched(link.kab, path)
    before = snapshot(link.kab)
    with pytest.raises(UserError) as refused:
        trust.trust_key(link.kab, actor=link.kab_admin, path=path, fingerprint="")
    assert refused.value.code == m.KEY_FINGERPRINT_MISMATCH
    assert new.public_key.fingerprint not in str(refused.value)
    assert snapshot(link.kab) == before
    path.unlink()

    # Revoked: a real rotation, but the regency revoked the old key (a stolen laptop): its
    # endorsement vouches for nothing.
    old = trust.office_key_info(link.kec)
    assert old is not None
    trust.rotate_office_key(link.kec, actor=link.kec_admin)
    path = trust.export_public_key(link.kec, actor=link.kec_admin, folder=link.usb)
    assert trust.read_key_file(path).endorsed_by() == real
    trust.revoke_key(
        link.kab, actor=link.kab_admin, fingerprint=old.fingerprint, reason="laptop hilang"
    )
    assert not trust.rotation_vouched(link.kab, path)
    before = snapshot(link.kab)
    with pytest.raises(UserError) as refused:
        trust.trust_key(link.kab, actor=link.kab_admin, path=path, fingerprint="")
    assert refused.value.code == m.KEY_FINGERPRINT_MISMATCH
    assert snapshot(link.kab) == before
    # Read aloud, it is an ordinary trust decision (audited as such, not as a rotation).
    info = trust.office_key_info(link.kec)
    assert info is not None
    trust.trust_key(link.kab, actor=link.kab_admin, path=path, fingerprint=info.fingerprint)
    actions = _audit_actions(link.kab.db.path)
    assert actions[-1] == "key.trust" and "key.rotate_trust" not in actions

    # A second rotation killed right after the key file was replaced, before the audit key was
    # re-sealed under the new key: the next unlock finishes it from the retired key.
    store = trust.key_store(link.kec)

    def killed(_new: SigningKey) -> None:
        raise KeyboardInterrupt  # the process dies here

    with pytest.raises(KeyboardInterrupt):
        store.rotate(os.environ[trust.PASSPHRASE_ENV], killed)
    trust.lock_office_key(link.kec)
    key = trust.office_key(link.kec)
    assert key.public_key not in (real, trust.read_key_file(path).public_key)
    assert len(store.retired_keys(key)) == 2
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)  # the audit chain still writes


@pytest.mark.slow
def test_cli_rotate_then_trust_without_a_read_aloud(link: Link, rentan_bin: str) -> None:
    old = trust.office_key_info(link.kec)
    db = link.kec.db.path
    link.kec.close()
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    out = subprocess.run(
        [rentan_bin, "keys", "rotate", "--db", str(db), "--user", "admin"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 0, out.stderr
    assert "Sidik kunci baru" in out.stdout and old is not None
    assert old.fingerprint not in out.stdout
    out = subprocess.run(
        [rentan_bin, "keys", "export", "--out", str(link.usb), "--db", str(db), "--user", "admin"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 0, out.stderr
    kab_db = link.kab.db.path
    link.kab.close()
    out = subprocess.run(
        [
            rentan_bin,
            "keys",
            "trust",
            str(link.usb / f"KANTOR-{KEC}.rentan-key.json"),
            "--db",
            str(kab_db),
            "--user",
            "admin",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == 0, out.stderr
    assert "disahkan kunci lama" in out.stdout


def test_cards_printed_before_a_rotation_still_verify_here(
    ctx: AppContext, admin: User, printed: tuple[list[str], list[str]]
) -> None:
    _, tokens = printed
    before = [cards.verify(ctx, actor=admin, token=t, on=date(2026, 6, 1)).verdict for t in tokens]
    assert before == [Verdict.COVERED, Verdict.COVERED]
    trust.rotate_office_key(ctx, actor=admin)
    trust.lock_office_key(ctx)  # verifying needs no unlock: the public halves are on disk
    after = [cards.verify(ctx, actor=admin, token=t, on=date(2026, 6, 1)).verdict for t in tokens]
    assert after == before
    # A card made with a key this office never had is still not genuine.
    forged = card_token.issue(
        SigningKey.generate(),
        "5b0c3c1e-7a51-4a43-a3b0-0c7a3c3e2a11",
        "26010000000",
        date(2026, 1, 1),
        date(2026, 12, 31),
        ctx.office.kode if ctx.office else "",
    )
    assert (
        cards.verify(ctx, actor=admin, token=forged, on=date(2026, 6, 1)).verdict
        == Verdict.NOT_GENUINE
    )
