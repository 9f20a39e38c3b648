"""Conflicts page: a NIK registered at the regency arrives again in a kecamatan batch; the
coordinator compares field by field, must give a reason, and the decision lands in the record."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from tests.conftest import person
from tests.gui import test_batches_gui_support as support
from tests.gui.test_batches_gui_support import KAB_CODE, Offices, add_verified

from rentan_desktop.gui.conflicts.widget import ConflictsPage
from rentan_desktop.services import batch_import, batches, registrants

kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def _held(offices: Offices, usb: Path) -> str:
    """The kabupaten registers NIK ...0001 itself; the kecamatan then sends the same NIK."""
    kab_funder = registrants.create(
        offices.kab,
        actor=offices.kab_admin,
        data=person(1, nik="6408014101900001", nama="Siti Aminah", alamat="Jl. Lama 1"),
    )
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 1, alamat="Jl. Baru 2")
    done = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    result = batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx)
    assert result.imported and result.counts["conflicts"] == 1
    return kab_funder.registrant.uuid


def test_decide_field_by_field_with_reason(qtbot, kab_gui, offices: Offices, tmp_path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    existing = _held(offices, usb)
    page = ConflictsPage(kab_gui)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    assert page.list.count() == 1 and not page.empty_label.isVisibleTo(page)
    assert page.kind_label.text().startswith("NIK sudah dipakai pendaftaran lain")
    assert set(page.groups) >= {"nama", "alamat"} and "nik" not in page.groups
    assert page.choices()["nama"] == "existing"  # nothing taken unless chosen
    incoming_name = page.table.cellWidget(
        [f.key for f in page.current.fields].index("nama"), 1
    ).text()
    assert incoming_name.upper().startswith("BUDI SANTOSO")
    # Everything on screen is in words: no ISO dates, +62 numbers, region/occupation codes, UUIDs.
    shown = [page.kind_label.text(), *(page.list.item(i).text() for i in range(page.list.count()))]
    for row in range(page.table.rowCount()):
        for col in (1, 2):
            cell = page.table.cellWidget(row, col) or page.table.item(row, col)
            shown.append(cell.text())
    screen = "\n".join(shown)
    assert not re.search(
        r"\d{4}-\d{2}-\d{2}|\+62|\b\d{6}(\d{4})?\b|[0-9a-f]{8}-[0-9a-f]{4}", screen
    ), screen
    assert "01-01-1990" in screen and "0812-" in screen and "Nelayan" in screen

    page.choose("nama", "incoming")
    assert page.save() is None  # no reason given
    assert page.result_label.property("kind") == "bad"
    assert page.result_label.text() == "Alasan keputusan wajib diisi."
    assert page.list.count() == 1

    page.reason.setText("Nama sesuai KTP yang dibawa ke kantor")
    decided = page.save()
    assert decided is not None and decided.status == "decided"
    assert "1 kolom diambil dari data masuk" in page.result_label.text()
    assert page.list.count() == 0 and page.empty_label.isVisibleTo(page)
    con = sqlite3.connect(offices.kab.db.path)
    try:
        nama, alamat = con.execute(
            "SELECT nama, alamat FROM registrant WHERE uuid = ?", (existing,)
        ).fetchone()
        detail = con.execute(
            "SELECT detail FROM audit_event WHERE action = 'conflict.decide'"
        ).fetchone()[0]
    finally:
        con.close()
    assert nama == incoming_name and alamat == "Jl. Lama 1"
    assert json.loads(detail)["reason"] == "Nama sesuai KTP yang dibawa ke kantor"


def test_keep_whole_incoming_record(qtbot, kab_gui, offices: Offices, tmp_path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    existing = _held(offices, usb)
    page = ConflictsPage(kab_gui)
    qtbot.addWidget(page)
    page.reload()
    page.choose_all("incoming")
    assert set(page.choices().values()) == {"incoming"}
    page.choose_all("existing")
    assert set(page.choices().values()) == {"existing"}
    page.reason.setText("Data kabupaten sudah diperiksa")
    assert page.save() is not None
    con = sqlite3.connect(offices.kab.db.path)
    try:
        assert con.execute(
            "SELECT alamat FROM registrant WHERE uuid = ?", (existing,)
        ).fetchone() == ("Jl. Lama 1",)
    finally:
        con.close()


def test_owner_conflict_handed_to_the_sender_with_a_reason(
    qtbot, kab_gui, offices: Offices, tmp_path
) -> None:
    """A kecamatan batch changes a record the regency owns: held, the reason on screen, and the
    coordinator may hand the record to that kecamatan (audited) before deciding the fields."""
    usb = tmp_path / "usb"
    usb.mkdir()
    own = registrants.create(
        offices.kab,
        actor=offices.kab_admin,
        data=person(offices.funder_id, nik="6408014101900009", nama="Milik Kabupaten"),
    ).registrant
    sent = add_verified(offices.kec, offices.kec_admin, offices.funder_id, 1)[0]
    con = sqlite3.connect(offices.kec.db.path)  # the kecamatan's copy carries the regency's id
    con.execute(
        "UPDATE registrant SET uuid = ?, nik = ?, version = 3 WHERE uuid = ?",
        (own.uuid, own.nik, sent),
    )
    con.commit()
    con.close()
    done = batches.export_batch(offices.kec, actor=offices.kec_admin, folder=usb)
    result = batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx)
    assert result.counts["conflicts"] == 1 and result.counts["updated"] == 0
    page = ConflictsPage(kab_gui)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    assert "milik kantor Kabupaten Kutai Timur" in page.kind_label.text()
    assert page.transfer_button.isVisible()
    page.transfer()  # no reason typed: refused, nothing changed
    assert page.result_label.property("kind") == "bad"
    assert (
        registrants.get(offices.kab, actor=offices.kab_admin, uuid=own.uuid).origin_office == "6408"
    )
    page.reason.setText("warga Muara Ancalong, didaftar ulang kecamatan")
    page.transfer_button.click()
    assert page.result_label.property("kind") == "ok"
    assert (
        registrants.get(offices.kab, actor=offices.kab_admin, uuid=own.uuid).origin_office
        == "640801"
    )
    assert "sudah diserahkan ke kantor Kec. Muara Ancalong" in page.kind_label.text()
