"""Conflicts and duplicate flags across kecamatan, corrections, and the round trip of receipts."""

from __future__ import annotations

import sqlite3

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, person
from tests.test_batch_support import KEC2_DESA, Link, add_verified, exchange, snapshot, statuses

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import (
    auth,
    batch_import,
    batches,
    conflicts,
    receipts,
    registrants,
    setup,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.storage.driver_sql import driver_of

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
kab_backend = support.kab_backend
kec2_template, kec2 = support.kec2_template, support.kec2
prov_template, prov = support.prov_template, support.prov


def _send(ctx: AppContext, actor: object, link: Link) -> batch_import.ImportResult:
    done = batches.export_batch(ctx, actor=actor, folder=link.usb)  # type: ignore[arg-type]
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.imported, result.report.messages("en")
    return result


def _one(ctx: AppContext, sql: str, *args: object) -> object:
    with ctx.db.reader() as session:  # either backend (the regency may run on a server)
        return driver_of(session).execute(sql, args).fetchone()[0]


@pytest.mark.usefixtures("kab_backend")  # the regency also on a server database
def test_same_nik_from_two_kecamatan_is_held_and_decided_field_by_field(
    link: Link, kec2: AppContext
) -> None:
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    first = add_verified(link.kec, link.kec_admin, link.funder_id, 1)[0]
    _send(link.kec, link.kec_admin, link)
    funder2 = setup.list_funders(kec2)[0].id
    moved = registrants.create(
        kec2,
        actor=admin2,
        data=person(
            funder2,
            nik="6408014101900001",
            nama="Budi Santoso B",
            desa_kode=KEC2_DESA,
            alamat="Jl. Baru No. 9",
        ),
    ).registrant
    registrants.change_status(kec2, actor=admin2, uuids=[moved.uuid], new=Status.VERIFIED)
    held = _send(kec2, admin2, link)
    assert held.counts["conflicts"] == 1 and held.counts["new"] == 0
    [view] = conflicts.list_conflicts(link.kab, actor=link.kab_admin)
    assert view.kind == "nik" and view.existing_uuid == first and view.incoming_uuid == moved.uuid
    differing = {f.key for f in view.fields if f.differs}
    assert differing == {"alamat", "desa_kode"}
    with pytest.raises(UserError):
        conflicts.decide(
            link.kab,
            actor=link.kab_admin,
            conflict=view.uuid,
            choices={"alamat": "incoming"},
            reason=" ",
        )
    decided = conflicts.decide(
        link.kab,
        actor=link.kab_admin,
        conflict=view.uuid,
        choices={"alamat": "incoming", "desa_kode": "incoming"},
        reason="Pindah ke Muara Wahau, KTP baru",
    )
    assert decided.status == "decided" and decided.reason.startswith("Pindah")
    assert (
        _one(link.kab, "SELECT upper(alamat) FROM registrant WHERE uuid = ?", first)
        == "JL. BARU NO. 9"
    )
    assert _one(link.kab, "SELECT kecamatan_kode FROM registrant WHERE uuid = ?", first) == "640802"
    assert _one(link.kab, "SELECT version FROM registrant WHERE uuid = ?", first) == 2
    assert _one(link.kab, "SELECT count(*) FROM audit_event WHERE action = 'conflict.decide'") == 1
    assert _one(link.kab, "SELECT count(*) FROM registrant") == 1  # never duplicated
    # The second kecamatan learns its record was a duplicate of a registration held elsewhere.
    receipt = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=held.report.batch_id, folder=link.usb
    )
    assert receipt.counts == {"returned": 1}
    applied = receipts.import_receipt(kec2, actor=admin2, path=receipt.path)
    assert applied.ok and statuses(kec2)[moved.uuid] == "returned"


def test_possible_duplicate_in_another_kecamatan_is_flagged_not_merged(
    link: Link, kec2: AppContext
) -> None:
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    _send(link.kec, link.kec_admin, link)
    funder2 = setup.list_funders(kec2)[0].id
    other = registrants.create(
        kec2,
        actor=admin2,
        data=person(funder2, nik="6408024101900007", nama="Budi Santosa B", desa_kode=KEC2_DESA),
    ).registrant
    registrants.change_status(kec2, actor=admin2, uuids=[other.uuid], new=Status.VERIFIED)
    result = _send(kec2, admin2, link)
    assert result.counts["new"] == 1 and result.counts["flagged"] == 1
    reasons = _one(
        link.kab, "SELECT reasons FROM duplicate_flag WHERE registrant_uuid = ?", other.uuid
    )
    assert "dup.same_birth_similar_name" in str(reasons)
    assert _one(link.kab, "SELECT count(*) FROM registrant") == 2


def test_correction_travels_as_new_version_and_both_edited_is_held(link: Link) -> None:
    uuid = add_verified(link.kec, link.kec_admin, link.funder_id, 1)[0]
    _send(link.kec, link.kec_admin, link)
    row = registrants.get(link.kec, actor=link.kec_admin, uuid=uuid)
    registrants.update(
        link.kec,
        actor=link.kec_admin,
        uuid=uuid,
        data=registrants.to_input(row).__class__(
            **{**registrants.to_input(row).__dict__, "alamat": "Jl. Sungai 1"}
        ),
    )
    ready = batches.ready_count(link.kec, actor=link.kec_admin)
    assert (ready.new, ready.corrections) == (0, 1)
    updated = _send(link.kec, link.kec_admin, link)
    assert updated.counts["updated"] == 1
    assert _one(link.kab, "SELECT version FROM registrant WHERE uuid = ?", uuid) == 2
    assert statuses(link.kec)[uuid] == "sent"
    # Now both sides edit: the coordinator fixes the phone, the kecamatan the address again.
    kab_row = registrants.get(link.kab, actor=link.kab_admin, uuid=uuid)
    registrants.update(
        link.kab,
        actor=link.kab_admin,
        uuid=uuid,
        data=registrants.to_input(kab_row).__class__(
            **{**registrants.to_input(kab_row).__dict__, "no_hp": "081299998888"}
        ),
    )
    row = registrants.get(link.kec, actor=link.kec_admin, uuid=uuid)
    registrants.update(
        link.kec,
        actor=link.kec_admin,
        uuid=uuid,
        data=registrants.to_input(row).__class__(
            **{**registrants.to_input(row).__dict__, "alamat": "Jl. Sungai 2"}
        ),
    )
    before_alamat = _one(link.kab, "SELECT alamat FROM registrant WHERE uuid = ?", uuid)
    held = _send(link.kec, link.kec_admin, link)
    assert held.counts["conflicts"] == 1
    assert _one(link.kab, "SELECT alamat FROM registrant WHERE uuid = ?", uuid) == before_alamat
    [view] = conflicts.list_conflicts(link.kab, actor=link.kab_admin)
    assert view.kind == "edited"
    conflicts.decide(
        link.kab,
        actor=link.kab_admin,
        conflict=view.uuid,
        choices={"alamat": "incoming", "no_hp": "existing"},
        reason="Gabung keduanya",
    )
    assert "SUNGAI 2" in str(
        _one(link.kab, "SELECT upper(alamat) FROM registrant WHERE uuid = ?", uuid)
    )
    assert _one(link.kab, "SELECT no_hp FROM registrant WHERE uuid = ?", uuid) == "+6281299998888"
    made = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=held.report.batch_id, folder=link.usb
    )
    assert made.counts == {"accepted": 1}  # the record once, although it was held then merged


def test_receipt_round_trip_updates_the_kecamatan(link: Link) -> None:
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 3)
    result = _send(link.kec, link.kec_admin, link)
    registrants.change_status(
        link.kab,
        actor=link.kab_admin,
        uuids=[uuids[2]],
        new=Status.RETURNED,
        reason="Foto KTP tidak terbaca",
    )
    first = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    assert first.counts == {"accepted": 2, "returned": 1}
    assert [b.doc_uuid for b in receipts.outstanding(link.kec, actor=link.kec_admin)] == [
        result.report.batch_id
    ]
    applied = receipts.import_receipt(link.kec, actor=link.kec_admin, path=first.path)
    assert applied.ok and receipts.outstanding(link.kec, actor=link.kec_admin) == []
    now = statuses(link.kec)
    assert [now[u] for u in uuids] == ["accepted", "accepted", "returned"]
    assert (
        _one(link.kec, "SELECT status_reason FROM registrant WHERE uuid = ?", uuids[2])
        == "Foto KTP tidak terbaca"
    )
    again = receipts.import_receipt(link.kec, actor=link.kec_admin, path=first.path)
    assert [e.code for e in again.errors] == [m.RECEIPT_ALREADY_IMPORTED]
    # Later BPJS registers the first person: the next receipt carries KPJ and coverage.
    con = sqlite3.connect(link.kab.db.path)
    con.execute(
        "UPDATE registrant SET status = 'registered', kpj = '12345678901', "
        "coverage_start = '2026-01-01', coverage_end = '2026-12-31' WHERE uuid = ?",
        (uuids[0],),
    )
    con.commit()
    con.close()
    second = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    assert second.path != first.path
    assert receipts.import_receipt(link.kec, actor=link.kec_admin, path=second.path).ok
    assert statuses(link.kec)[uuids[0]] == "registered"
    assert _one(link.kec, "SELECT kpj FROM registrant WHERE uuid = ?", uuids[0]) == "12345678901"


def test_tampered_or_misaddressed_receipts_are_refused(link: Link, kec2: AppContext) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    result = _send(link.kec, link.kec_admin, link)
    made = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    body = made.path.read_bytes()
    before = snapshot(link.kec)
    # The outcomes travel sealed; the signed part names which receipt of which batch it is.
    assert b'"number":1' in body
    made.path.write_bytes(body.replace(b'"number":1', b'"number":7'))
    bad = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert [e.code for e in bad.errors] == [m.RECEIPT_BAD_SIGNATURE]
    made.path.write_bytes(b"{rusak")
    broken = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert [e.code for e in broken.errors] == [m.RECEIPT_MALFORMED]
    made.path.write_bytes(body)
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    stranger = receipts.import_receipt(kec2, actor=admin2, path=made.path)
    assert [e.code for e in stranger.errors] == [m.RECEIPT_UNKNOWN_SIGNER]
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    wrong = receipts.import_receipt(kec2, actor=admin2, path=made.path)
    assert [e.code for e in wrong.errors] == [m.RECEIPT_WRONG_OFFICE]
    assert snapshot(link.kec) == before


def test_regency_sends_onward_to_the_province_in_the_same_format(
    link: Link, prov: AppContext
) -> None:
    prov_admin = auth.authenticate(prov, "admin", ADMIN_PASSWORD)
    exchange(link.kab, link.kab_admin, prov, prov_admin, link.usb)
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    _send(link.kec, link.kec_admin, link)
    assert batches.ready_count(link.kab, actor=link.kab_admin).new == 2
    onward = batches.export_batch(link.kab, actor=link.kab_admin, folder=link.usb, recipient="64")
    assert onward.xlsx.name == "BATCH-6408-00001.rbatch"
    assert {statuses(link.kab)[u] for u in uuids} == {"sent"}
    result = batch_import.import_batch(prov, actor=prov_admin, path=onward.xlsx)
    assert result.imported and result.counts["new"] == 2
    assert _one(prov, "SELECT DISTINCT origin_office FROM registrant") == "640801"
    assert _one(prov, "SELECT DISTINCT origin_batch FROM registrant") == onward.batch_id
    made = receipts.make_receipt(prov, actor=prov_admin, batch=onward.batch_id, folder=link.usb)
    assert receipts.import_receipt(link.kab, actor=link.kab_admin, path=made.path).ok
    assert {statuses(link.kab)[u] for u in uuids} == {"accepted"}
    assert batches.ready_count(link.kab, actor=link.kab_admin).total == 0


def test_receipt_for_a_batch_never_sent_is_refused(link: Link) -> None:
    from rentan_desktop.services import trust
    from rentan_desktop.signing import canonical, documents
    from rentan_desktop.signing.keys import DOMAIN_RECEIPT

    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    result = _send(link.kec, link.kec_admin, link)
    made = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    doc = canonical.loads(made.path.read_bytes())
    doc["batch_sha256"] = "0" * 64  # signed by the real coordinator, but not for what was sent
    signed = documents.sign(trust.load_signing_key(link.kab), DOMAIN_RECEIPT, doc)
    made.path.write_bytes(signed.body)
    made.path.with_suffix(".sig").write_bytes(signed.signature_file)
    before = snapshot(link.kec)
    refused = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert [e.code for e in refused.errors] == [m.RECEIPT_UNKNOWN_BATCH]
    assert snapshot(link.kec) == before
