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
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def test_a_pack_is_written_checked_applied_and_not_applied_twice(
    qtbot,
    gui_ctx,
    kab_gui,
    offices,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    setup.add_funder(
        offices.kab,
        actor=offices.kab_admin,
        spec=setup.FunderSpec("DBH-SAWIT", "Dana Bagi Hasil Sawit", usia_min=18, usia_max=60),
    )
    setup.set_target(
        offices.kab,
        actor=offices.kab_admin,
        funder_kode="DBH-SAWIT",
        periode=2027,
        jumlah=1500,
        wilayah_kode="640801",
    )

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


def test_beranda_and_the_title_bar_warn_when_the_last_pack_is_old(
    qtbot,
    gui_ctx,
    offices,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import sqlite3
    from datetime import datetime, timedelta

    from PySide6.QtWidgets import QMainWindow

    from rentan_desktop.gui.home.staleness_box import StalenessBox
    from rentan_desktop.services import master_data, staleness

    window = QMainWindow()
    qtbot.addWidget(window)
    box = StalenessBox(gui_ctx, window)
    window.setCentralWidget(box)
    window.show()
    assert "Belum ada paket data induk" in box.pack_label.text()
    assert "perlu diperbarui" not in window.windowTitle()

    pack = master_data.export_pack(offices.kab, actor=offices.kab_admin, folder=tmp_path)
    master_data.import_pack(gui_ctx.ctx, actor=gui_ctx.user, path=pack.path)
    box.refresh()
    assert "diterapkan hari ini" in box.pack_label.text() and box.pack_label.styleSheet() == ""

    con = sqlite3.connect(gui_ctx.ctx.db.path)
    (stamp,) = con.execute(
        "SELECT recorded_at FROM batch_ledger WHERE kind = 'masterdata'"
    ).fetchone()
    older = datetime.fromisoformat(stamp) - timedelta(days=staleness.DEFAULT_DAYS + 10)
    con.execute(
        "UPDATE batch_ledger SET recorded_at = ? WHERE kind = 'masterdata'",
        (older.isoformat(timespec="microseconds"),),
    )
    con.commit()
    con.close()
    box.refresh()
    assert f"{staleness.DEFAULT_DAYS + 10} hari lalu" in box.pack_label.text()
    assert "Minta paket terbaru" in box.pack_label.text() and box.pack_label.styleSheet() != ""
    assert (
        f"perlu diperbarui: data induk {staleness.DEFAULT_DAYS + 10} hari" in window.windowTitle()
    )

    staleness.set_warn_after(gui_ctx.ctx, actor=gui_ctx.user, days=90)
    gui_ctx.signals.emit_changed("setting", (), "staleness")
    assert "perlu diperbarui" not in window.windowTitle()
