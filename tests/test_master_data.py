"""Signed master-data packs flowing down province -> regency -> kecamatan (issue 19, point 1-2).

Three real databases: the province revokes a kecamatan's key, the regency takes the province's pack
and then refuses that kecamatan's batch; the regency's own pack brings a new funder, a target and a
tariff to a kecamatan, and vouches for another kecamatan's key. Tampered, replayed, out-of-order,
foreign and unknown-signer packs are refused with their reason and change nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD
from tests.test_batch_support import Link, add_verified, exchange

from rentan_desktop.domain import issues
from rentan_desktop.domain.formatting import tanggal
from rentan_desktop.services import auth, batch_import, batches, master_data, setup, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.batch_models import TrustedKeyRow
from rentan_desktop.storage.models import SumberDana, Target, Tariff, User
from rentan_desktop.storage.types import utcnow

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
kec2_template, kec2 = support.kec2_template, support.kec2
prov_template, prov = support.prov_template, support.prov

TABLES = (
    "sumber_dana",
    "target",
    "tariff",
    "pekerjaan",
    "trusted_key",
    "batch_ledger",
    "audit_event",
)


def _state(ctx: AppContext) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(ctx.db.path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        con.close()


def _codes(check: master_data.PackCheck) -> list[str]:
    return [i.code for i in check.errors]


def _regency_changes(link: Link) -> None:
    """What a programme year brings at the regency: a funder, a kecamatan target, a tariff."""
    office, admin = link.kab, link.kab_admin
    setup.add_funder(
        office,
        actor=admin,
        spec=setup.FunderSpec(
            "DBH-SAWIT", "Dana Bagi Hasil Sawit", usia_min=18, usia_max=60, domisili_kab="6408"
        ),
    )
    setup.set_target(
        office,
        actor=admin,
        funder_kode="DBH-SAWIT",
        periode=2027,
        jumlah=1200,
        wilayah_kode="640801",
    )
    setup.set_target(
        office,
        actor=admin,
        funder_kode="DBH-SAWIT",
        periode=2027,
        jumlah=900,
        wilayah_kode="640802",
    )  # another kecamatan's: not applied at 640801
    with office.db.writer() as session:
        session.add(
            Tariff(
                berlaku_mulai=date(2027, 1, 1),
                iuran_jkk=10_000,
                iuran_jkm=7_200,
                penghasilan_dasar=1_000_000,
                keterangan="tarif 2027",
            )
        )


def test_a_regency_pack_brings_funder_target_tariff_and_vouched_keys(
    link: Link, kec2: AppContext, tmp_path: Path
) -> None:
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)  # the regency trusts Muara Wahau
    _regency_changes(link)
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    assert pack.path.name == "DATA-INDUK-6408-0001.json"
    assert pack.path.with_suffix(".sig").exists()

    before = _state(link.kec)
    seen = master_data.verify_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert seen.ok and not seen.applied
    assert _state(link.kec) == before  # verifying changes nothing
    text = "\n".join(c.id for c in seen.changes)
    assert "Sumber dana baru: DBH-SAWIT" in text
    assert "Target 2027 DBH-SAWIT: (belum ada) → 1.200 orang." in text
    assert "900" not in text  # Muara Wahau's target is not Muara Ancalong's business
    assert "Iuran mulai" in text and "Rp7.200" in text
    assert "640802" in text and "dipercaya" in text

    done = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert done.ok and done.applied and done.changes == seen.changes
    with link.kec.db.reader() as session:
        funder = session.exec(select(SumberDana).where(SumberDana.kode == "DBH-SAWIT")).one()
        assert (funder.usia_min, funder.usia_max) == (18, 60)
        target = session.exec(select(Target).where(Target.sumber_dana_id == funder.id)).one()
        assert (target.periode, target.wilayah_kode, target.jumlah) == (2027, "640801", 1200)
        assert session.exec(select(Tariff).where(Tariff.berlaku_mulai == date(2027, 1, 1))).one()
        vouched = session.exec(
            select(TrustedKeyRow).where(TrustedKeyRow.office_kode == "640802")
        ).one()
        assert vouched.revoked_at is None and "6408" in vouched.registered_by
    assert trust.office_key_info(kec2).fingerprint == vouched.fingerprint  # type: ignore[union-attr]
    assert master_data.last_pack(link.kec).seq == 1  # type: ignore[union-attr]

    # The same pack again is a replay: refused, nothing changed.
    before = _state(link.kec)
    again = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert _codes(again) == [master_data.MD_OLD]
    assert _state(link.kec) == before

    # A second pack with nothing new says so.
    second = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    assert master_data.import_pack(link.kec, actor=link.kec_admin, path=second.path).changes == []


def test_a_province_revocation_flows_down_and_the_regency_refuses_that_kecamatans_batch(
    link: Link, kec2: AppContext, prov: AppContext, tmp_path: Path
) -> None:
    prov_admin = auth.authenticate(prov, "admin", ADMIN_PASSWORD)
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    exchange(prov, prov_admin, link.kab, link.kab_admin, link.usb)  # province <-> regency
    exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)  # regency <-> Muara Wahau
    exchange(kec2, admin2, prov, prov_admin, link.usb)  # the province knew the key too
    # Muara Wahau's laptop is stolen: the province revokes its key.
    info = trust.office_key_info(kec2)
    assert info is not None
    trust.revoke_key(prov, actor=prov_admin, fingerprint=info.fingerprint, reason="laptop dicuri")
    pack = master_data.export_pack(prov, actor=prov_admin, folder=link.usb)
    done = master_data.import_pack(link.kab, actor=link.kab_admin, path=pack.path)
    assert done.ok, [issues.text(i.code, "en", **i.params) for i in done.errors]
    assert any("dicabut sejak" in c.id and "640802" in c.id for c in done.changes)
    assert any("revoked since" in c.en for c in done.changes)

    # A batch the thief signs with that key afterwards is refused at the regency, naming the office.
    support_funder = setup.list_funders(kec2)[0].id or 0
    add_verified(kec2, admin2, support_funder, 2, start=50)
    sent = batches.export_batch(kec2, actor=admin2, folder=link.usb)
    before = _state(link.kab)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=sent.xlsx)
    assert not result.report.ok
    sentence = " ".join(issues.text(i.code, "id", **i.params) for i in result.report.errors)
    assert "640802" in sentence and "dicabut sejak" in sentence
    assert tanggal(utcnow()) in sentence  # the date it was revoked
    assert _state(link.kab)["batch_ledger"] == before["batch_ledger"]


def test_tampered_out_of_order_foreign_and_unknown_packs_change_nothing(
    link: Link, prov: AppContext, tmp_path: Path
) -> None:
    kec, admin = link.kec, link.kec_admin
    first = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    assert master_data.import_pack(kec, actor=admin, path=first.path).applied
    _regency_changes(link)
    second = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    third = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    before = _state(kec)

    # Out of order: number 3 before number 2.
    assert _codes(master_data.import_pack(kec, actor=admin, path=third.path)) == [
        master_data.MD_GAP
    ]

    # Tampered: a target raised by hand in the file.
    forged = tmp_path / "forged" / second.path.name
    forged.parent.mkdir()
    forged.write_bytes(second.path.read_bytes().replace(b'"jumlah":1200', b'"jumlah":9200'))
    forged.with_suffix(".sig").write_bytes(second.path.with_suffix(".sig").read_bytes())
    assert b"9200" in forged.read_bytes()
    assert _codes(master_data.import_pack(kec, actor=admin, path=forged)) == [
        master_data.MD_BAD_SIGNATURE
    ]

    # Not JSON at all / signature missing.
    junk = tmp_path / "DATA-INDUK-6408-0009.json"
    junk.write_bytes(b"[" * 100_000)
    junk.with_suffix(".sig").write_bytes(b"{}")
    assert _codes(master_data.import_pack(kec, actor=admin, path=junk)) == [
        master_data.MD_MALFORMED
    ]
    lonely = tmp_path / "lonely.json"
    lonely.write_bytes(second.path.read_bytes())
    assert _codes(master_data.import_pack(kec, actor=admin, path=lonely)) == [
        master_data.MD_MALFORMED
    ]
    assert _state(kec) == before

    # Foreign: a regency's pack taken to the province above it.
    prov_admin = auth.authenticate(prov, "admin", ADMIN_PASSWORD)
    exchange(prov, prov_admin, link.kab, link.kab_admin, link.usb)
    prov_before = _state(prov)
    assert _codes(master_data.import_pack(prov, actor=prov_admin, path=first.path)) == [
        master_data.MD_FOREIGN
    ]
    assert _state(prov) == prov_before

    # Unknown signer: a province pack at a kecamatan that never trusted the province's key.
    from_prov = master_data.export_pack(prov, actor=prov_admin, folder=tmp_path)
    assert _codes(master_data.import_pack(kec, actor=admin, path=from_prov.path)) == [
        master_data.MD_UNKNOWN_SIGNER
    ]
    assert _state(kec) == before

    # The genuine numbers 2 and 3 still apply after all that, in order.
    assert master_data.import_pack(kec, actor=admin, path=second.path).applied
    assert master_data.import_pack(kec, actor=admin, path=third.path).applied


def test_a_pack_may_only_vouch_for_keys_inside_its_region(link: Link, tmp_path: Path) -> None:
    from rentan_desktop.signing import key_file
    from rentan_desktop.signing.keys import SigningKey

    outsider = SigningKey.generate()
    path = tmp_path / "KANTOR-640901.rentan-key.json"
    path.write_bytes(
        key_file.export(outsider, "640901", "Kecamatan Lain", "2026-12-01T00:00:00+00:00")
    )
    trust.trust_key(
        link.kab, actor=link.kab_admin, path=path, fingerprint=outsider.public_key.fingerprint
    )
    # The regency's own export leaves a key outside its region out of the pack...
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    assert b"640901" not in pack.path.read_bytes()
    # ...and a kecamatan cannot make packs at all.
    with pytest.raises(UserError) as refused:
        master_data.export_pack(link.kec, actor=link.kec_admin, folder=tmp_path)
    assert refused.value.code == master_data.MD_NOT_COORDINATOR


def test_an_operator_cannot_import_a_pack(link: Link, make_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.domain.roles import Role, RoleRefused

    operator: User = make_user(Role.OPERATOR)
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    before = _state(link.kec)
    with pytest.raises(RoleRefused):
        master_data.import_pack(link.kec, actor=operator, path=pack.path)
    assert _state(link.kec) == before


def test_master_data_on_the_command_line(
    link: Link, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rentan_desktop.cli.main import main

    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)
    kab_db, kec_db = str(link.kab.db.path), str(link.kec.db.path)
    _regency_changes(link)
    link.kab.close()
    link.kec.close()  # the commands open the databases themselves

    assert (
        main(["master-data", "export", "--out", str(link.usb), "--db", kab_db, "--user", "admin"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Paket data induk nomor 1 ditulis" in out
    pack = link.usb / "DATA-INDUK-6408-0001.json"
    assert pack.exists()

    assert (
        main(
            ["--lang", "en", "master-data", "verify", str(pack), "--db", kec_db, "--user", "admin"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "is genuine. Importing it would:" in out and "New funder: DBH-SAWIT" in out
    assert "Sumber dana" not in out

    assert main(["master-data", "import", str(pack), "--db", kec_db, "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "diterapkan" in out and "Target 2027 DBH-SAWIT" in out

    assert main(["master-data", "import", str(pack), "--db", kec_db, "--user", "admin"]) == 1
    captured = capsys.readouterr()
    assert "sudah lama" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_a_new_kepmendagri_edition_travels_in_the_pack(link: Link) -> None:
    from rentan_desktop.storage.models import Wilayah

    with link.kab.db.writer() as session:
        session.add(
            Wilayah(
                kode="6408012099", nama="Desa Pemekaran Baru", level=4, tipe="desa", induk="640801"
            )
        )
        renamed = session.get(Wilayah, "6408012001")
        assert renamed is not None
        old_name = renamed.nama
        renamed.nama = "Desa Nama Baru"
        session.add(renamed)
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    done = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert done.ok
    lines = [c.id for c in done.changes]
    assert "Wilayah baru: Desa Pemekaran Baru (6408012099)." in lines
    assert f"Nama wilayah 6408012001 diubah: {old_name} → Desa Nama Baru." in lines
    with link.kec.db.reader() as session:
        assert session.get(Wilayah, "6408012099").induk == "640801"  # type: ignore[union-attr]
        assert session.get(Wilayah, "6408012001").nama == "Desa Nama Baru"  # type: ignore[union-attr]
