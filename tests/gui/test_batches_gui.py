"""Batch wizards: export to a tmp "USB stick" through the export panel, read the verification
report and counts in the coordinator's import panel before confirming, then import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.gui import test_batches_gui_support as support
from tests.gui.test_batches_gui_support import KAB_CODE, Offices, add_verified, wait_job
from tests.test_batch_support import plain_batch

from rentan_desktop.gui.batches import drives
from rentan_desktop.gui.batches.widget import BatchesPage
from rentan_desktop.services import trust

# Fixtures shared with the other exchange GUI tests.
kab_db_template, kab_ctx, offices, kab_gui = (
    support.kab_db_template,
    support.kab_ctx,
    support.offices,
    support.kab_gui,
)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    stick = tmp_path / "media" / "clerk" / "FLASHDISK"
    stick.mkdir(parents=True)
    return stick


def test_export_then_import_with_report_first(
    qtbot, gui_ctx, kab_gui, offices: Offices, usb: Path
) -> None:
    uuids = add_verified(offices.kec, offices.kec_admin, offices.funder_id, 3)
    page = BatchesPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    export = page.export
    wait_job(qtbot, export.refresh_ready())
    assert "3 data siap dikirim: 3 data baru" in export.ready_label.text()
    table = export.desa_table  # what will be sent, per desa
    assert table.rowCount() == 1 and table.item(0, 0).text() == "Senyiur"
    assert (table.item(0, 1).text(), table.item(0, 2).text()) == ("3", "0")
    export.set_folder(usb)
    assert export.target() == usb
    assert export.recipient.text() == KAB_CODE
    assert export.export_button.isEnabled()
    job = export.start_export()
    wait_job(qtbot, job)
    assert export.result is not None and export.result.row_count == 3
    text = export.result_label.text()
    assert "AMAN UNTUK DICABUT" in text and "dibaca ulang" in text
    assert export.result_label.property("kind") == "ok"
    assert {p.name for p in usb.iterdir()} == {p.name for p in export.result.files}
    assert {s for (s,) in _rows(offices.kec.db.path, "SELECT status FROM registrant")} == {"sent"}
    qtbot.waitUntil(lambda: "Belum ada data yang siap dikirim" in export.ready_label.text())
    export.auto_open = False
    wait_job(qtbot, export.print_handover())  # Berita Acara Serah Terima for this batch
    assert export.handover_path.exists() and export.handover_path.suffix == ".pdf"
    assert "Berita acara disimpan" in export.result_label.text()

    coordinator = BatchesPage(kab_gui)
    qtbot.addWidget(coordinator)
    coordinator.show()
    importer = coordinator.importer
    assert importer is not None
    wait_job(qtbot, importer.check_files([usb / export.result.files[1].name]))  # the manifest
    assert len(importer.previews) == 1 and importer.previews[0].ok
    table = importer.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    cell = {h: table.item(0, c).text() for c, h in enumerate(headers)}
    assert cell["Baru"] == "3" and cell["Konflik"] == "0" and cell["Ditolak"] == "0"
    assert cell["Kantor pengirim"] == "640801 Kecamatan Muara Ancalong"
    assert cell["Hasil"] == "Lolos"
    fingerprint = trust.office_key_info(offices.kec).fingerprint
    assert importer.details.text().startswith("✓ BATCH-640801-00001.rbatch: tanda tangan sah")
    assert fingerprint in importer.details.text()
    assert "3 data baru" in importer.summary.text()
    assert _rows(offices.kab.db.path, "SELECT count(*) FROM registrant") == [(0,)]  # not yet

    changes: list[object] = []
    kab_gui.signals.data_changed.connect(changes.append)
    wait_job(qtbot, importer.start_import())
    assert importer.results and importer.results[0].imported
    assert "diimpor — 3 baru" in importer.result_label.text()
    got = _rows(offices.kab.db.path, "SELECT uuid, origin_office, status FROM registrant")
    assert {r[0] for r in got} == set(uuids) and {r[1:] for r in got} == {("640801", "accepted")}
    assert any(getattr(c, "entity", "") == "registrant" for c in changes)

    # The same batch again: refused with its exact reason, nothing imported.
    wait_job(qtbot, importer.check_files([export.result.xlsx]))
    assert not importer.previews[0].ok and not importer.import_button.isEnabled()
    assert importer.table.item(0, len(headers) - 1).text() == "DITOLAK"
    assert importer.details.text().startswith("✗ BATCH-640801-00001.rbatch: DITOLAK — ")
    assert "sudah" in importer.details.text()


def test_tampered_batch_names_row_and_field(
    qtbot, gui_ctx, kab_gui, offices: Offices, usb: Path
) -> None:
    import openpyxl

    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)
    page = BatchesPage(gui_ctx)
    qtbot.addWidget(page)
    wait_job(qtbot, page.export.refresh_ready())
    page.export.set_folder(usb)
    wait_job(qtbot, page.export.start_export())
    # A sealed batch cannot be edited without failing its hash before decryption; the row-level
    # diagnosis guards plain batches from before sealing, so tamper with one of those.
    xlsx = plain_batch(page.export.result.xlsx, offices.kec, offices.kab)
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Data"]  # the first sheet is the summary
    header = [str(c.value or "").upper() for c in sheet[1]]
    column = next(i for i, h in enumerate(header, start=1) if h.startswith("NAMA"))
    sheet.cell(row=3, column=column).value = "ORANG LAIN"
    book.save(xlsx)
    coordinator = BatchesPage(kab_gui)
    qtbot.addWidget(coordinator)
    wait_job(qtbot, coordinator.importer.check_files([xlsx]))
    preview = coordinator.importer.previews[0]
    assert not preview.ok
    assert preview.counts["refused"] == 2
    details = coordinator.importer.details.text()
    assert details.endswith(
        "DITOLAK — Buku kerja diubah setelah ditandatangani: baris 3, kolom Nama."
    )
    assert not coordinator.importer.import_button.isEnabled()
    assert _rows(offices.kab.db.path, "SELECT count(*) FROM registrant") == [(0,)]


def test_cancelled_export_marks_nothing(qtbot, gui_ctx, offices: Offices, usb: Path) -> None:
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)
    page = BatchesPage(gui_ctx)
    qtbot.addWidget(page)
    wait_job(qtbot, page.export.refresh_ready())
    page.export.set_folder(usb)
    job = page.export.start_export()
    job.cancel()
    wait_job(qtbot, job)
    assert page.export.result is None
    assert page.export.result_label.property("kind") == "warn"
    assert list(usb.iterdir()) == []
    assert {s for (s,) in _rows(offices.kec.db.path, "SELECT status FROM registrant")} == {
        "verified"
    }


def test_ready_count_recounted_on_each_visit(qtbot, gui_ctx, offices: Offices) -> None:
    """Records made ready outside this window (`rentan rt-results` in a terminal) emit no GUI
    signal: coming back to the page must still count them, or the send button stays disabled."""
    page = BatchesPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.page_shown()
    qtbot.waitUntil(lambda: "Belum ada data yang siap dikirim" in page.export.ready_label.text())
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 2)  # no data_changed signal
    page.page_shown()  # the clerk opens the page again
    qtbot.waitUntil(lambda: "2 data siap dikirim" in page.export.ready_label.text())


def test_export_without_office_key_points_to_the_key_page(
    qtbot, gui_ctx, ctx, admin, usb: Path
) -> None:
    """An office set up in the GUI wizard has no signing key yet: the refusal must name the page
    where the key is made (Kunci tanda tangan), not the settings page, which has no such button."""
    from rentan_desktop.services import setup

    assert trust.office_key_info(ctx) is None
    add_verified(ctx, admin, setup.list_funders(ctx)[0].id or 0, 1)
    page = BatchesPage(gui_ctx)
    qtbot.addWidget(page)
    wait_job(qtbot, page.export.refresh_ready())
    page.export.set_folder(usb)
    wait_job(qtbot, page.export.start_export())
    text = page.export.result_label.text()
    assert "halaman Kunci tanda tangan" in text and "pengaturan" not in text, text
    assert list(usb.iterdir()) == []


def test_linux_drives_found_under_media(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "clerk" / "FLASHDISK").mkdir(parents=True)
    (media / "clerk" / "KAMERA").mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        f"/dev/sdb1 {media}/clerk/MY\\040STICK vfat rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    )
    found = drives.linux_drives([media], mounts)
    labels = [d.label for d in found]
    assert labels == ["FLASHDISK", "KAMERA", "MY STICK"]
    assert drives.linux_drives([tmp_path / "absent"], tmp_path / "none") == []


def test_gap_warning_only_when_the_missing_batch_is_not_chosen(
    qtbot, gui_ctx, kab_gui, offices: Offices, usb: Path
) -> None:
    from dataclasses import replace

    from rentan_desktop.services import batches, registrants

    first_uuid = add_verified(offices.kec, offices.kec_admin, offices.funder_id, 1)[0]
    first = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    # Batch 2: one new person and a correction of the person sent in batch 1.
    add_verified(offices.kec, offices.kec_admin, offices.funder_id, 1, start=2)
    record = registrants.get(offices.kec, actor=offices.kec_admin, uuid=first_uuid)
    fixed = replace(registrants.to_input(record), alamat="Jl. Baru No. 9")
    assert registrants.update(
        offices.kec, actor=offices.kec_admin, uuid=first_uuid, data=fixed
    ).registrant
    second = batches.export_batch(
        offices.kec, actor=offices.kec_admin, folder=usb, recipient=KAB_CODE
    )
    assert (second.new, second.corrections) == (1, 1)
    page = BatchesPage(kab_gui)
    qtbot.addWidget(page)
    wait_job(qtbot, page.importer.check_files([second.xlsx]))
    alone = page.importer.previews[0]
    assert alone.ok and alone.warnings and alone.counts["new"] == 2  # batch 1 not here yet
    assert page.importer.table.item(0, page.importer.table.columnCount() - 1).text() == (
        "Lolos, ada peringatan"
    )
    wait_job(qtbot, page.importer.check_files([second.xlsx, first.xlsx]))
    assert [p.report.seq for p in page.importer.previews] == [1, 2]
    assert not any(p.warnings for p in page.importer.previews)
    assert page.importer.previews[1].counts["new"] == 1
    assert page.importer.previews[1].counts["updated"] == 1  # as the import will count it
    wait_job(qtbot, page.importer.start_import())
    assert [r.counts["updated"] for r in page.importer.results] == [0, 1]


def test_pages_open_from_the_main_window_by_shortcut(qtbot, main_window) -> None:
    from PySide6.QtCore import Qt

    keys = {
        Qt.Key.Key_4: "rt_results",
        Qt.Key.Key_5: "printing",
        Qt.Key.Key_6: "batches",
        Qt.Key.Key_7: "receipts",
        Qt.Key.Key_8: "conflicts",
        Qt.Key.Key_9: "keys",
        Qt.Key.Key_0: "card_verify",
    }
    for key, page in keys.items():
        qtbot.keyClick(main_window, key, Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_key() == page
        assert main_window.current_page() is main_window.pages[page]
