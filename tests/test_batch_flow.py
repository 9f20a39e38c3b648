"""Export at a kecamatan, verify and import at the kabupaten: ledger, replay, gaps, failures."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, KEY_PASSPHRASE, person
from tests.test_batch_support import KAB_CODE, Link, add_verified, bulk_verified, snapshot, statuses

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.io import batch_files
from rentan_desktop.services import (
    auth,
    batch_import,
    batch_resync,
    batches,
    receipts,
    registrants,
    trust,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import exchange_issues as m

kab_template, kab, link = support.kab_template, support.kab, support.link
kec2_template, kec2 = support.kec2_template, support.kec2  # shared fixtures


def _codes(result: batch_import.ImportResult) -> list[str]:
    return [i.code for i in result.errors]


def test_export_marks_sent_and_import_keeps_origin(link: Link) -> None:
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 3)
    assert batches.ready_count(link.kec, actor=link.kec_admin).new == 3
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb, recipient=KAB_CODE)
    assert done.seq == 1 and done.row_count == 3 and all(p.exists() for p in done.files)
    keys = trust.key_store(link.kec).directory
    pem_body = (keys / "office.key").read_bytes().splitlines()[1]
    con = sqlite3.connect(link.kec.db.path)
    people = con.execute("SELECT nik, no_kk, nama, nama_ibu FROM registrant").fetchall()
    con.close()
    assert done.xlsx.suffix == ".rbatch" and not done.xlsx.with_suffix(".xlsx").exists()
    for path in done.files:  # nothing private ever leaves on the stick, and no personal data
        data = path.read_bytes()
        assert pem_body not in data and b"PRIVATE" not in data and b"PK\x03\x04" not in data
        for person_row in people:
            for value in person_row:
                assert value.encode() not in data, (path.name, value)
    assert not list(link.usb.glob(".*.part"))
    assert set(statuses(link.kec).values()) == {"sent"}
    assert batches.ready_count(link.kec, actor=link.kec_admin).total == 0
    with pytest.raises(UserError) as nothing:
        batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert nothing.value.code == m.BATCH_NOTHING_TO_SEND

    report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert report.ok and report.row_count == 3 and not report.warnings
    assert report.preview == {"new": 3, "updated": 0, "unchanged": 0, "conflicts": 0, "flagged": 0}
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.imported and result.counts["new"] == 3
    con = sqlite3.connect(link.kab.db.path)
    rows = con.execute(
        "SELECT uuid, origin_office, origin_batch, version, status, typeof(nik) FROM registrant"
    ).fetchall()
    assert {r[0] for r in rows} == set(uuids)
    assert {r[1:] for r in rows} == {("640801", done.batch_id, 1, "accepted", "text")}


def test_replay_is_refused_and_changes_nothing(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    before = snapshot(link.kab)
    again = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert not again.imported and _codes(again) == [m.BATCH_ALREADY_IMPORTED]
    assert snapshot(link.kab) == before


def test_gap_warns_and_late_batch_still_fits_the_chain(link: Link) -> None:
    files = []
    for i in range(3):
        add_verified(link.kec, link.kec_admin, link.funder_id, 1, start=10 + i)
        files.append(batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb).xlsx)
    first = batch_import.import_batch(link.kab, actor=link.kab_admin, path=files[0])
    third = batch_import.import_batch(link.kab, actor=link.kab_admin, path=files[2])
    assert first.imported and third.imported
    assert [w.code for w in third.warnings] == [m.BATCH_GAP]
    assert "2" in third.warnings[0].message("en")
    second = batch_import.import_batch(link.kab, actor=link.kab_admin, path=files[1])
    assert second.imported and not second.warnings


def test_same_number_from_a_restored_pc_is_refused(link: Link, tmp_path: Path) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    backup = tmp_path / "restored.db"
    src = sqlite3.connect(link.kec.db.path)
    dst = sqlite3.connect(backup)
    src.backup(dst)
    src.close()
    dst.close()
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    # The restored copy (same key files) does not know batch 1 was sent and writes another one.
    shutil.copytree(trust.key_store(link.kec).directory, tmp_path / "restored-keys")
    restored = AppContext.open(backup)
    other = tmp_path / "stick2"
    other.mkdir()
    try:
        again = batches.export_batch(restored, actor=link.kec_admin, folder=other)
        assert again.seq == 1
        before = snapshot(link.kab)
        result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=again.xlsx)
        assert _codes(result) == [m.BATCH_SEQ_CONFLICT]
        assert snapshot(link.kab) == before
        # Repair (R8): the coordinator's receipt for its batch 1 tells the restored PC where the
        # chain is; the record goes again in batch 2 and the coordinator counts it as unchanged.
        receipt = receipts.make_receipt(
            link.kab, actor=link.kab_admin, batch=done.batch_id, folder=other
        )
        fixed = batch_resync.resync(restored, actor=link.kec_admin, path=receipt.path)
        assert (fixed.next_seq, fixed.batches, fixed.records) == (2, [1], 1)
        with pytest.raises(UserError):
            batch_resync.resync(restored, actor=link.kec_admin, path=receipt.path)
        third = tmp_path / "stick3"
        third.mkdir()
        resent = batches.export_batch(restored, actor=link.kec_admin, folder=third)
        assert resent.seq == 2
    finally:
        restored.close()
    accepted = batch_import.import_batch(link.kab, actor=link.kab_admin, path=resent.xlsx)
    assert accepted.imported and accepted.counts["unchanged"] == 1 and not accepted.warnings


def test_revoked_key_is_refused(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    info = trust.office_key_info(link.kec)
    assert info is not None
    with pytest.raises(UserError):
        trust.revoke_key(link.kab, actor=link.kab_admin, fingerprint=info.fingerprint, reason="")
    trust.revoke_key(
        link.kab, actor=link.kab_admin, fingerprint=info.fingerprint, reason="PC kecamatan dicuri"
    )
    before = snapshot(link.kab)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert _codes(result) == [m.BATCH_REVOKED_SIGNER]
    assert "dicabut" in result.errors[0].message("id")
    assert snapshot(link.kab) == before


def test_an_office_without_a_trusted_encryption_key_gets_no_batch(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    before = snapshot(link.kec)
    with pytest.raises(UserError) as refused:
        batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb, recipient="6402")
    assert refused.value.code == trust.KEY_NO_RECIPIENT
    assert "6402" in refused.value.message("id") and "kunci" in refused.value.message("id")
    assert snapshot(link.kec) == before and not list(link.usb.iterdir())


def test_wrong_recipient_is_refused_before_decryption(link: Link, kec2: AppContext) -> None:
    """A batch sealed to the kabupaten, carried to another office that trusts the sender."""
    other_admin = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    support.exchange(link.kec, link.kec_admin, kec2, other_admin, link.usb)
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert done.files[1].exists()
    manifest = json.loads(done.files[1].read_bytes())
    assert manifest["recipient"] == KAB_CODE  # the one trusted office above the kecamatan
    before = snapshot(kec2)
    trust.lock_office_key(kec2)
    # Refused on the signed manifest alone: the other office's key is not even asked for.
    os.environ.pop(trust.PASSPHRASE_ENV)
    try:
        result = batch_import.import_batch(kec2, actor=other_admin, path=done.xlsx)
    finally:
        os.environ[trust.PASSPHRASE_ENV] = KEY_PASSPHRASE
    assert _codes(result) == [m.BATCH_WRONG_RECIPIENT]
    assert "bukan kantor ini" in result.errors[0].message("id")
    assert snapshot(kec2) == before


def test_batch_sealed_to_a_replaced_key_is_refused_with_a_sentence(link: Link) -> None:
    """The kabupaten re-keyed after the kecamatan sealed the batch: refused, nothing changes."""
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    keys = trust.key_store(link.kab).directory
    shutil.rmtree(keys)
    trust.create_office_key(link.kab, actor=link.kab_admin)
    before = snapshot(link.kab)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert _codes(result) == [m.BATCH_SEALED_ELSEWHERE]
    assert "kunci kantor lain" in result.errors[0].message("id")
    assert snapshot(link.kab) == before


@pytest.mark.parametrize("step", ["fsync", "replace-1", "replace-2", "replace-3", "readback"])
def test_write_failure_leaves_nothing_marked_sent(
    link: Link, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 3)
    before = snapshot(link.kec)
    calls = {"n": 0}
    real_replace, real_fsync = os.replace, os.fsync

    def failing_replace(a: object, b: object) -> None:
        calls["n"] += 1
        if step == f"replace-{calls['n']}":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(a, b)  # type: ignore[arg-type]

    def failing_fsync(fd: int) -> None:
        if step == "fsync":
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    real_publish = batch_files.publish

    def corrupting_publish(pairs: list[tuple[Path, Path]]) -> None:
        real_publish(pairs)
        data = bytearray(pairs[0][1].read_bytes())
        data[len(data) // 2] ^= 0xFF  # the stick returns a different byte than was written
        pairs[0][1].write_bytes(bytes(data))

    monkeypatch.setattr(batch_files.os, "replace", failing_replace)
    monkeypatch.setattr(batch_files.os, "fsync", failing_fsync)
    if step == "readback":
        monkeypatch.setattr(batch_files, "publish", corrupting_publish)
    with pytest.raises(UserError) as failure:
        batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    expected = m.BATCH_READBACK_FAILED if step == "readback" else m.BATCH_WRITE_FAILED
    assert failure.value.code == expected
    assert snapshot(link.kec) == before
    assert list(link.usb.iterdir()) == []
    monkeypatch.undo()
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert done.seq == 1 and done.row_count == 3


def test_cancel_during_export_changes_nothing(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    before = snapshot(link.kec)
    seen: list[tuple[int, int]] = []
    with pytest.raises(UserError) as stop:
        batches.export_batch(
            link.kec,
            actor=link.kec_admin,
            folder=link.usb,
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: True,
        )
    assert stop.value.code == m.BATCH_CANCELLED
    assert snapshot(link.kec) == before and list(link.usb.iterdir()) == []


def test_failure_half_way_through_import_leaves_nothing(
    link: Link, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_import, "CHECK_EVERY", 10)  # report and poll every 10 rows
    monkeypatch.setattr(batch_import, "_CHUNK", 10)  # and write rows out in chunks of 10
    bulk_verified(link.kec, link.kec_admin, link.funder_id, 45)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    before = snapshot(link.kab)
    progress: list[int] = []

    def cancel_after_two_chunks() -> bool:
        return bool(progress) and progress[-1] >= 20

    result = batch_import.import_batch(
        link.kab,
        actor=link.kab_admin,
        path=done.xlsx,
        progress=lambda d, t: progress.append(d),
        cancelled=cancel_after_two_chunks,
    )
    assert not result.imported and _codes(result) == [m.BATCH_CANCELLED]
    assert progress[-1] == 20  # rows 1-20 had been written inside the transaction
    assert snapshot(link.kab) == before
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported


def test_unknown_code_half_way_rolls_back(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 3)
    con = sqlite3.connect(link.kec.db.path)
    con.execute("INSERT INTO pekerjaan(kode, nama, aktif) VALUES ('PENGGALI', 'Penggali kubur', 1)")
    con.commit()
    con.close()
    extra = registrants.create(
        link.kec,
        actor=link.kec_admin,
        data=person(link.funder_id, nik="6408014101909999", pekerjaan_kode="PENGGALI"),
    ).registrant
    registrants.change_status(
        link.kec, actor=link.kec_admin, uuids=[extra.uuid], new=Status.VERIFIED
    )
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    before = snapshot(link.kab)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert _codes(result) == ["batch.bad_value"]
    assert "PENGGALI" in result.errors[0].message("en") and "5" in result.errors[0].message("en")
    assert snapshot(link.kab) == before


def test_verify_reports_progress_and_can_be_cancelled(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    seen: list[tuple[int, int]] = []
    report = batch_import.verify_batch(
        link.kab, actor=link.kab_admin, path=done.xlsx, progress=lambda d, t: seen.append((d, t))
    )
    assert report.ok and seen[-1] == (2, 2) and report.preview["new"] == 2
    stopped = batch_import.verify_batch(
        link.kab, actor=link.kab_admin, path=done.xlsx, cancelled=lambda: True
    )
    assert [e.code for e in stopped.errors] == [m.BATCH_CANCELLED]


def test_missing_folder_is_a_clear_write_failure(link: Link, tmp_path: Path) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    before = snapshot(link.kec)
    with pytest.raises(UserError) as failure:
        batches.export_batch(link.kec, actor=link.kec_admin, folder=tmp_path / "stick-not-there")
    assert failure.value.code == m.BATCH_WRITE_FAILED
    assert "No such file" in failure.value.message("en")
    assert snapshot(link.kec) == before
