"""Beranda at the regency: the per-kecamatan table, chart and workbook (issue 19, point 5)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from tests.gui import test_batches_gui_support as support
from tests.gui.test_batches_gui_support import KAB_CODE, add_verified, wait_job

from rentan_desktop.gui.home import regency_box
from rentan_desktop.services import batch_import, batches

kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def test_the_regency_sees_each_kecamatan_and_exports_it(
    qtbot, gui_ctx, kab_gui, offices, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "usb"
    usb.mkdir()
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 3)
    done = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    assert batch_import.import_batch(offices.kab, actor=offices.kab_admin, path=done.xlsx).imported

    holder = QWidget()
    qtbot.addWidget(holder)
    box = regency_box.build(kab_gui, holder)
    assert isinstance(box, regency_box.RegencyBox)
    box.resize(1100, 600)
    holder.resize(1100, 600)
    holder.show()
    qtbot.waitUntil(lambda: box.data is not None, timeout=10_000)
    names = [box.table.item(i, 0).text() for i in range(box.table.rowCount())]
    assert "Muara Ancalong" in names and names[-1] == "Jumlah"
    row = names.index("Muara Ancalong")
    assert box.table.item(row, 2).text() == "3"  # three records arrived
    assert box.chart.rows == [("Muara Ancalong", 3)]  # type: ignore[attr-defined]

    job = box.export(tmp_path / "ringkasan.xlsx")
    wait_job(qtbot, job)
    assert (tmp_path / "ringkasan.xlsx").exists() and "Disimpan" in box.note.text()

    at_kecamatan = regency_box.build(gui_ctx, holder)
    assert not isinstance(at_kecamatan, regency_box.RegencyBox) and at_kecamatan.isHidden()
