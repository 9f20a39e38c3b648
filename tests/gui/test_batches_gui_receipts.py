"""Receipts page: the coordinator writes a signed receipt for an imported batch; the kecamatan
imports it and its sent records become accepted; a changed receipt is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.gui import test_batches_gui_support as support
from tests.gui.test_batches_gui_support import KAB_CODE, Offices, add_verified

from rentan_desktop.gui.receipts.widget import ReceiptsPage
from rentan_desktop.services import batch_import, batches

kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def _statuses(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {s for (s,) in con.execute("SELECT status FROM registrant")}
    finally:
        con.close()


def test_receipt_round_trip(qtbot, gui_ctx, kab_gui, offices: Offices, tmp_path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)
    done = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    assert batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx).imported

    coordinator = ReceiptsPage(kab_gui)
    qtbot.addWidget(coordinator)
    coordinator.reload()
    assert coordinator.in_table.rowCount() == 1
    assert coordinator.in_table.item(0, 0).text() == "640801"
    assert coordinator.make_selected() is None  # nothing selected yet
    coordinator.in_table.selectRow(0)
    coordinator.set_folder(usb)
    made = coordinator.make_selected()
    assert made is not None and made.path.exists() and made.path.parent == usb
    assert "2 diterima" in coordinator.result_label.text()
    assert coordinator.in_table.item(0, 4).text() == "1"

    clerk = ReceiptsPage(gui_ctx)
    qtbot.addWidget(clerk)
    clerk.reload()
    assert clerk.make_box is None  # a kecamatan receives no batches, so it writes no receipts
    assert clerk.out_table.item(0, 3).text() == "Terkirim, menunggu tanda terima"
    assert _statuses(offices.kec.db.path) == {"sent"}

    tampered = tmp_path / made.path.name
    tampered.write_bytes(made.path.read_bytes().replace(b'"accepted"', b'"returned"', 1))
    tampered.with_suffix(".sig").write_bytes(made.path.with_suffix(".sig").read_bytes())
    refused = clerk.import_receipt(tampered)
    assert refused is not None and not refused.ok
    assert clerk.result_label.text().startswith("Tanda terima ditolak: ")
    assert _statuses(offices.kec.db.path) == {"sent"}

    result = clerk.import_receipt(made.path)
    assert result is not None and result.ok
    assert "2 diterima" in clerk.result_label.text()
    assert _statuses(offices.kec.db.path) == {"accepted"}
    assert clerk.out_table.item(0, 3).text() == "Tanda terima sudah diimpor"


def test_a_record_deactivated_above_is_named_and_both_sides_reconcile(
    qtbot,
    gui_ctx,
    kab_gui,
    offices: Offices,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from rentan_desktop.domain.lifecycle import Status
    from rentan_desktop.services import receipts, registrants

    usb = tmp_path / "usb"
    usb.mkdir()
    uuids = add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)
    done = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    assert batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx).imported
    assert not registrants.change_status(
        offices.kab, actor=offices.kab_admin, uuids=[uuids[0]], new=Status.INACTIVE, reason="ganda"
    ).refused
    made = receipts.make_receipt(
        offices.kab, actor=offices.kab_admin, batch=done.batch_id, folder=usb
    )

    clerk = ReceiptsPage(gui_ctx)
    qtbot.addWidget(clerk)
    clerk.reload()
    assert clerk.import_receipt(made.path).ok  # type: ignore[union-attr]
    shown = clerk.result_label.text()
    assert "Nonaktif — ganda" in shown and "************" in shown
    assert _statuses(offices.kec.db.path) == {"inactive", "accepted"}

    assert clerk.print_reconciliation() is None  # nothing selected yet
    clerk.out_table.selectRow(0)
    printed = clerk.print_reconciliation()
    assert printed is not None and printed.path.exists() and printed.pages == 1
    assert "sesuai dengan tanda terima" in clerk.result_label.text()

    coordinator = ReceiptsPage(kab_gui)
    qtbot.addWidget(coordinator)
    coordinator.reload()
    coordinator.in_table.selectRow(0)
    assert coordinator.print_reconciliation() is not None
