"""Data induk page: the regency writes a pack; the kecamatan checks it (the list of what would
change), applies it, and a replayed pack is refused with its reason and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from tests.gui import test_batches_gui_support as support
from tests.gui.keyboard import duplicated_mnemonics

from rentan_desktop.gui.master_data.widget import MasterDataPage
from rentan_desktop.services import setup

kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template, support.kab_ctx, support.offices, support.kab_gui)


def test_a_pack_is_written_checked_applied_and_not_applied_twice(
    qtbot, gui_ctx, kab_gui, offices, tmp_path  # type: ignore[no-untyped-def]
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    setup.add_funder(offices.kab, actor=offices.kab_admin, spec=setup.FunderSpec(
        "DBH-SAWIT", "Dana Bagi Hasil Sawit", usia_min=18, usia_max=60))
    setup.set_target(offices.kab, actor=offices.kab_admin, funder_kode="DBH-SAWIT", periode=2027,
                     jumlah=1500, wilayah_kode="640801")

    coordinator = MasterDataPage(kab_gui)
    qtbot.addWidget(coordinator)
    coordinator.resize(1100, 680)
    coordinator.show()
    coordinator.page_shown()
    assert coordinator.export_box is not None
    coordinator.set_folder(usb)
    made = coordinator.export_pack()
    assert made is not None and made.path.exists()
    assert "nomor 1" in coordinator.result_label.text()

    page = MasterDataPage(gui_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 680)
    page.show()
    page.page_shown()
    assert page.export_box is None  # a kecamatan has no office below it
    assert "Belum ada paket" in page.last_label.text()
    assert duplicated_mnemonics(page) == {}

    check = page.check_pack(made.path)
    assert check is not None and check.ok
    lines = [page.changes.item(i).text() for i in range(page.changes.count())]
    assert any("DBH-SAWIT" in line and "Sumber dana baru" in line for line in lines)
    assert any("1.500 orang" in line for line in lines)
    assert page.apply_button.isEnabled()
    assert setup.list_funders(gui_ctx.ctx)[-1].kode != "DBH-SAWIT"  # checking changed nothing

    QTest.keyClick(page.apply_button, Qt.Key.Key_Space)  # the focused button, by keyboard
    assert "diterapkan" in page.result_label.text()
    assert any(f.kode == "DBH-SAWIT" for f in setup.list_funders(gui_ctx.ctx))
    assert "nomor 1 dari kantor 6408" in page.last_label.text()
    assert not page.apply_button.isEnabled()

    again = page.check_pack(made.path)
    assert again is not None and not again.ok
    assert "ditolak" in page.summary_label.text()
    assert "sudah lama" in page.result_label.text()
    assert not page.apply_button.isEnabled()
