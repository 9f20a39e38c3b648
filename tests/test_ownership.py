"""A record belongs to its origin office: what a valid signature may and may not change.

The attacker is a trusted second kecamatan (Muara Wahau, 640802) whose key the regency accepts.
Record UUIDs are public, so it forges rows in its *own* database carrying the first kecamatan's
record ids (raw SQL, as an adversary would) and signs them with its genuine key.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA, person
from tests.test_batch_support import KEC2_DESA, Link, add_verified, exchange

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.io import batch_files as bf
from rentan_desktop.services import (
    auth,
    batch_import,
    batches,
    cards,
    conflicts,
    ownership,
    receipts,
    registrants,
    setup,
    trust,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import canonical, card_token, documents, sealed
from rentan_desktop.signing.keys import DOMAIN_RECEIPT
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
kec2_template, kec2 = support.kec2_template, support.kec2

KEC1 = "640801"
KEC2 = "640802"


def registrant_dump(ctx: AppContext) -> list[tuple[object, ...]]:
    """Every registrant row, every column: what a refused write must leave exactly as it was."""
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute("SELECT * FROM registrant ORDER BY id").fetchall()
    finally:
        con.close()


def _raw(ctx: AppContext, sql: str, *args: object) -> None:
    con = sqlite3.connect(ctx.db.path)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


@pytest.fixture
def rogue(link: Link, kec2: AppContext) -> tuple[AppContext, User]:
    """The second kecamatan, trusted by the regency (fingerprints compared), with one own record."""
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    return kec2, admin2


def _forge(kec2: AppContext, admin2: User, victim: dict[str, object], **changes: object) -> str:
    """Make a record in the rogue office's own database that carries ``victim``'s identity."""
    funder = setup.list_funders(kec2)[0].id or 0
    made = registrants.create(
        kec2,
        actor=admin2,
        data=person(funder, nik=str(victim["nik"]), nama="Siapa Saja", desa_kode=KEC2_DESA),
    ).registrant
    registrants.change_status(kec2, actor=admin2, uuids=[made.uuid], new=Status.VERIFIED)
    sets = ", ".join(f"{k} = ?" for k in changes)
    _raw(kec2, f"UPDATE registrant SET {sets} WHERE uuid = ?", *changes.values(), made.uuid)
    return str(changes.get("uuid", made.uuid))


def _victim(link: Link) -> dict[str, object]:
    """A record of the first kecamatan, sent and imported at the regency."""
    uuid = add_verified(link.kec, link.kec_admin, link.funder_id, 1)[0]
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    con = sqlite3.connect(link.kab.db.path)
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM registrant WHERE uuid = ?", (uuid,)).fetchone())
    finally:
        con.close()


def _import(kec2: AppContext, admin2: User, link: Link) -> batch_import.ImportResult:
    done = batches.export_batch(kec2, actor=admin2, folder=link.usb)
    return batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)


@pytest.mark.parametrize("attack", ["edit", "deactivate", "add_for"])
def test_second_kecamatan_batch_is_held_and_changes_no_record(
    link: Link, rogue: tuple[AppContext, User], attack: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kec2, admin2 = rogue
    victim = _victim(link)
    if attack == "edit":  # name, address, KPJ and coverage to 2030, as the attack did
        _forge(
            kec2,
            admin2,
            victim,
            uuid=victim["uuid"],
            version=5,
            nama="ORANG LAIN",
            alamat="Jl. Palsu 1",
            kpj="26019999999",
            coverage_end="2030-12-31",
        )
    elif attack == "deactivate":
        # The rogue runs a modified exporter that sends inactive records as corrections.
        monkeypatch.setattr(batches, "CORRECTABLE", (*batches.CORRECTABLE, Status.INACTIVE))
        _forge(
            kec2, admin2, victim, uuid=victim["uuid"], version=5, status="inactive", sent_version=1
        )
    else:  # a new record for the first kecamatan's desa, claiming it as origin
        _forge(
            kec2,
            admin2,
            {"nik": "6408014101909999"},
            desa_kode=DESA,
            kecamatan_kode=KEC1,
            origin_office=KEC1,
        )
    before = registrant_dump(link.kab)
    result = _import(kec2, admin2, link)
    assert result.imported and result.counts["conflicts"] == 1
    assert result.counts["new"] == result.counts["updated"] == 0
    assert registrant_dump(link.kab) == before
    held = conflicts.list_conflicts(link.kab, actor=link.kab_admin)
    assert [c.kind for c in held] == (["scope"] if attack == "add_for" else ["owner"])
    assert held[0].sender == KEC2
    why = held[0].why("id")
    assert (
        ("milik kantor Kec. Muara Ancalong" in why) if attack != "add_for" else ("wilayah" in why)
    )
    assert "Tidak ada yang" in why  # the sentence says nothing was changed


def test_own_records_still_flow_and_a_rightful_correction_is_not_lost(
    link: Link, rogue: tuple[AppContext, User]
) -> None:
    kec2, admin2 = rogue
    victim = _victim(link)
    _forge(kec2, admin2, victim, uuid=victim["uuid"], version=5, nama="ORANG LAIN")
    assert _import(kec2, admin2, link).counts["conflicts"] == 1
    # The rightful owner's later correction (version 2) is applied, not counted as unchanged.
    registrants.update(
        link.kec,
        actor=link.kec_admin,
        uuid=str(victim["uuid"]),
        data=person(link.funder_id, nik=str(victim["nik"]), nama="Siti Aminah Benar"),
    )
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.counts["updated"] == 1
    row = [r for r in registrant_dump(link.kab) if r[1] == victim["uuid"]]
    assert "SITI AMINAH BENAR" in str(row).upper()
    # The rogue office's own record in its own desa is accepted as before.
    funder = setup.list_funders(kec2)[0].id or 0
    own = registrants.create(
        kec2,
        actor=admin2,
        data=person(funder, nik="6408024101900001", nama="Warga Wahau", desa_kode=KEC2_DESA),
    ).registrant
    registrants.change_status(kec2, actor=admin2, uuids=[own.uuid], new=Status.VERIFIED)
    assert _import(kec2, admin2, link).counts["new"] == 1


def test_scope_conflict_is_closed_as_refused(link: Link, rogue: tuple[AppContext, User]) -> None:
    kec2, admin2 = rogue
    _forge(kec2, admin2, {"nik": "6408014101909998"}, desa_kode=DESA, kecamatan_kode=KEC1)
    assert _import(kec2, admin2, link).counts["conflicts"] == 1
    before = registrant_dump(link.kab)
    held = conflicts.list_conflicts(link.kab, actor=link.kab_admin)[0]
    done = conflicts.decide(
        link.kab,
        actor=link.kab_admin,
        conflict=held.uuid,
        choices={"nama": "incoming"},
        reason="bukan wilayahnya",
    )
    assert done.status == "decided" and registrant_dump(link.kab) == before


def test_transfer_is_a_coordinator_act_and_then_the_new_owner_may_update(
    link: Link, rogue: tuple[AppContext, User], rentan_bin: str
) -> None:
    kec2, admin2 = rogue
    # A record the regency registered itself for a person living in Muara Wahau.
    made = registrants.create(
        link.kab,
        actor=link.kab_admin,
        data=person(link.funder_id, nik="6408024101900002", nama="Pindahan", desa_kode=KEC2_DESA),
    ).registrant
    forged = {"nik": made.nik, "uuid": made.uuid}
    _forge(kec2, admin2, forged, uuid=made.uuid, version=3, nama="PINDAHAN BARU")
    assert _import(kec2, admin2, link).counts["conflicts"] == 1  # owned by 6408, not 640802

    with pytest.raises(UserError) as wrong:  # only to the office whose area holds the desa
        ownership.transfer(
            link.kab, actor=link.kab_admin, uuids=[made.uuid], to_office=KEC1, reason="salah"
        )
    assert wrong.value.code == ownership.TRANSFER_DESA
    with pytest.raises(UserError):  # never at a kecamatan
        ownership.transfer(
            link.kec, actor=link.kec_admin, uuids=[made.uuid], to_office=KEC1, reason="x"
        )
    out = subprocess.run(
        [
            rentan_bin,
            "transfer-owner",
            "--db",
            str(link.kab.db.path),
            "--user",
            "admin",
            "--json",
            made.uuid,
            "--to",
            KEC2,
            "--reason",
            "domisili Muara Wahau",
        ],
        env={**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"uuid": made.uuid, "from": "6408", "to": KEC2}]
    con = sqlite3.connect(link.kab.db.path)
    try:
        event = con.execute(
            "SELECT actor, detail FROM audit_event WHERE action = "
            "'registrant.transfer' AND entity_uuid = ?",
            (made.uuid,),
        ).fetchone()
    finally:
        con.close()
    assert event[0] == "admin" and json.loads(event[1])["reason"] == "domisili Muara Wahau"
    _raw(
        kec2, "UPDATE registrant SET version = 4, nama = 'PINDAHAN LAGI' WHERE uuid = ?", made.uuid
    )
    _raw(
        kec2,
        "UPDATE registrant SET status = 'verified', sent_version = NULL WHERE uuid = ?",
        made.uuid,
    )
    assert _import(kec2, admin2, link).counts["updated"] == 1


def _reseal(doc: dict[str, object], items: list[object], recipient: bytes, payload: Path) -> None:
    """Seal ``items`` to ``recipient`` into ``payload`` as the coordinator's app does, and point
    the receipt document at it."""
    box = io.BytesIO()
    sealed.seal_stream(
        io.BytesIO(canonical.dumps({"receipt_id": doc["receipt_id"], "items": items})),
        box,
        recipient,
    )
    payload.write_bytes(box.getvalue())
    doc.update(
        payload_file=payload.name,
        payload_size=len(box.getvalue()),
        item_count=len(items),
        payload_sha256=hashlib.sha256(box.getvalue()).hexdigest(),
    )


@pytest.mark.parametrize("schema", ["sealed", "plain"])
def test_receipt_may_only_speak_of_records_sent_in_that_batch(
    link: Link, tmp_path: Path, schema: str
) -> None:
    sent = add_verified(link.kec, link.kec_admin, link.funder_id, 1)[0]
    draft = registrants.create(
        link.kec,
        actor=link.kec_admin,
        data=person(link.funder_id, nik="6408014101907777", nama="Belum Dikirim"),
    ).registrant.uuid
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    genuine = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=done.batch_id, folder=tmp_path
    )
    doc = json.loads(genuine.path.read_bytes())
    kec_key = trust.load_signing_key(link.kec)
    opened = io.BytesIO()
    with genuine.path.with_suffix(".rreceipt").open("rb") as fh:
        sealed.open_stream(fh, opened, kec_key.decryption_key())
    items = json.loads(opened.getvalue())["items"]
    # The coordinator's real key signs a receipt that also speaks of a draft never sent.
    doc["receipt_id"] = "forged-scope"
    items.append([draft, 1, "registered", "", "26010000001", "2026-01-01", "2030-12-31"])
    forged = tmp_path / "forged" / genuine.path.name
    forged.parent.mkdir()
    if schema == "sealed":
        _reseal(doc, items, kec_key.encryption_public, forged.with_suffix(".rreceipt"))
    else:  # a receipt as written before receipts were sealed
        for name in ("payload_file", "payload_sha256", "payload_size", "sealed_to", "item_count"):
            doc.pop(name)
        doc.update(schema=bf.PLAIN_RECEIPT_SCHEMA, items=items)
    signed = documents.sign(trust.load_signing_key(link.kab), DOMAIN_RECEIPT, doc)
    bf.write_bytes_synced(forged, signed.body)
    bf.write_bytes_synced(forged.with_suffix(".sig"), signed.signature_file)
    before = [r for r in registrant_dump(link.kec) if r[1] == draft]
    applied = receipts.import_receipt(link.kec, actor=link.kec_admin, path=forged)
    assert applied.ok and applied.counts.get("refused") == 1
    assert [i.params["uuid"] for i in applied.refused] == [draft]
    assert "tidak dikirim dalam batch ini" in applied.refused[0].message("id")
    assert [r for r in registrant_dump(link.kec) if r[1] == draft] == before  # no KPJ, still draft
    assert registrants.get(link.kec, actor=link.kec_admin, uuid=sent).status == Status.ACCEPTED


def test_card_signed_by_an_office_that_does_not_own_the_record_is_refused(
    link: Link, rogue: tuple[AppContext, User]
) -> None:
    kec2, _ = rogue
    victim = _victim(link)
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    token = card_token.issue(
        trust.load_signing_key(kec2), str(victim["uuid"]), "26010000001", start, end, KEC2
    )
    check = cards.verify(link.kab, actor=link.kab_admin, token=token)
    assert not check.genuine and "milik kantor 640801" in check.message
    own = card_token.issue(
        trust.load_signing_key(link.kec), str(victim["uuid"]), "26010000001", start, end, KEC1
    )
    assert cards.verify(
        link.kab, actor=link.kab_admin, token=own
    ).genuine  # the owner's card is genuine
