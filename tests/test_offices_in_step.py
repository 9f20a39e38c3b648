"""Offices that stay in step (issue 19): three real databases, province -> regency -> kecamatan.

A province pack brings a funder, the regency's target and a revoked kecamatan key; the regency's own
pack passes the funder and a target on to its kecamatan; a batch from that kecamatan is accepted,
one record deactivated as a duplicate and one returned at the regency; after the receipt the
kecamatan's records follow, and both offices' reconciliation pages give the same counts.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlmodel import select
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD
from tests.test_batch_support import Link, add_verified, exchange, statuses

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import (
    auth,
    batch_import,
    batches,
    master_data,
    receipts,
    reconciliation,
    registrants,
    setup,
    trust,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import SumberDana, Target

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
kec2_template, kec2 = support.kec2_template, support.kec2
prov_template, prov = support.prov_template, support.prov


def _funders(ctx: AppContext) -> set[str]:
    with ctx.db.reader() as session:
        return {f.kode for f in session.exec(select(SumberDana)).all()}


def test_province_regency_and_kecamatan_stay_in_step(
    link: Link, kec2: AppContext, prov: AppContext, tmp_path: Path
) -> None:
    prov_admin = auth.authenticate(prov, "admin", ADMIN_PASSWORD)
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(prov, prov_admin, link.kab, link.kab_admin, link.usb)
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    exchange(kec2, admin2, prov, prov_admin, link.usb)

    # 1. The province: a provincial funder, the regency's target, and Muara Wahau's key revoked.
    setup.add_funder(
        prov,
        actor=prov_admin,
        spec=setup.FunderSpec("APBD-PROV", "APBD Provinsi Kaltim", usia_min=15, usia_max=64),
    )
    setup.set_target(
        prov,
        actor=prov_admin,
        funder_kode="APBD-PROV",
        periode=2027,
        jumlah=20_000,
        wilayah_kode="6408",
    )
    info = trust.office_key_info(kec2)
    assert info is not None
    trust.revoke_key(prov, actor=prov_admin, fingerprint=info.fingerprint, reason="laptop dicuri")
    down = master_data.export_pack(prov, actor=prov_admin, folder=link.usb)
    at_kab = master_data.import_pack(link.kab, actor=link.kab_admin, path=down.path)
    assert at_kab.ok, at_kab.errors
    assert "APBD-PROV" in _funders(link.kab)
    with link.kab.db.reader() as session:
        assert (
            session.exec(
                select(Target).where(Target.wilayah_kode == "6408", Target.periode == 2027)
            )
            .one()
            .jumlah
            == 20_000
        )
    add_verified(kec2, admin2, setup.list_funders(kec2)[0].id or 0, 1, start=70)
    stolen = batches.export_batch(kec2, actor=admin2, folder=link.usb)
    refused = batch_import.import_batch(link.kab, actor=link.kab_admin, path=stolen.xlsx)
    assert not refused.report.ok

    # 2. The regency passes the funder on, with the kecamatan's target.
    setup.set_target(
        link.kab,
        actor=link.kab_admin,
        funder_kode="APBD-PROV",
        periode=2027,
        jumlah=1_100,
        wilayah_kode="640801",
    )
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    at_kec = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert at_kec.ok and "APBD-PROV" in _funders(link.kec)
    assert any("1.100" in c.id for c in at_kec.changes)

    # 3. A batch up; one record a duplicate, one returned; the receipt down.
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 4)
    sent = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=sent.xlsx).report.ok
    done = registrants.change_status(
        link.kab, actor=link.kab_admin, uuids=[uuids[0]], new=Status.INACTIVE, reason="ganda"
    )
    assert not done.refused, done.refused
    done = registrants.change_status(
        link.kab,
        actor=link.kab_admin,
        uuids=[uuids[1]],
        new=Status.RETURNED,
        reason="alamat tidak lengkap",
    )
    assert not done.refused, done.refused
    made = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=sent.batch_id, folder=link.usb
    )
    applied = receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path)
    assert applied.ok
    now = statuses(link.kec)
    assert now[uuids[0]] == Status.INACTIVE.value  # not left "Terkirim" while inactive above
    assert now[uuids[1]] == Status.RETURNED.value
    assert {now[u] for u in uuids[2:]} == {Status.ACCEPTED.value}
    news = {n.uuid: n for n in applied.news}
    assert news[uuids[0]].status == Status.INACTIVE and news[uuids[0]].reason == "ganda"
    assert news[uuids[1]].reason == "alamat tidak lengkap"
    assert news[uuids[0]].nik_masked.startswith("*") and news[uuids[0]].nik_masked[-4:].isdigit()

    # 4. Both offices' reconciliation pages give the same counts.
    at_kecamatan = reconciliation.reconcile(link.kec, actor=link.kec_admin, batch=sent.batch_id)
    at_regency = reconciliation.reconcile(link.kab, actor=link.kab_admin, batch=sent.batch_id)
    assert at_kecamatan.agree and at_kecamatan.differences == []
    assert at_kecamatan.here == at_kecamatan.per_receipt == at_regency.here
    assert at_regency.here[Status.INACTIVE] == 1 and at_regency.here[Status.RETURNED] == 1
    for ctx, actor in ((link.kec, link.kec_admin), (link.kab, link.kab_admin)):
        printed = reconciliation.print_reconciliation(
            ctx, actor=actor, batch=sent.batch_id, output=tmp_path / f"rekon-{ctx.office.kode}.pdf"
        )  # type: ignore[union-attr]
        assert printed.pages == 1
        text = PdfReader(str(printed.path)).pages[0].extract_text()
        assert "REKONSILIASI" in text and "Nonaktif" in text and "Dikembalikan" in text
        for uuid in uuids:
            assert uuid not in text
    kec_text = PdfReader(str(tmp_path / "rekon-640801.pdf")).pages[0].extract_text()
    assert "Sesuai" in kec_text

    # 5. The kecamatan corrects the returned record: the page names it as differing.
    registrants.change_status(link.kec, actor=link.kec_admin, uuids=[uuids[1]], new=Status.DRAFT)
    later = reconciliation.reconcile(link.kec, actor=link.kec_admin, batch=sent.batch_id)
    assert not later.agree and [d.uuid for d in later.differences] == [uuids[1]]
