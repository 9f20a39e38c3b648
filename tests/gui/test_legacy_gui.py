"""Legacy import wizard: a messy workbook built here from literal rows; the guessed mapping shown and
changed, saved as a profile; the dry run shows problems per row (problem cells highlighted) and saves
nothing; the commit (background) saves the ready rows; a second run finds them already imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from rentan_desktop.gui.legacy.preview_model import FIXED, PROBLEM_ROLE, PROBLEMS
from rentan_desktop.legacy.fields import IGNORED

HEADER = ["NO", "N I K", "NAMA", "TTL", "L/P", "RT/RW", "DESA", "PEKERJAAN", "CATATAN"]
ROWS = [
    ["DAFTAR PEKERJA RENTAN KECAMATAN MUARA ANCALONG"],
    ["TAHUN 2024"],
    HEADER,
    [1, "6408014101900001", "Siti Aminah", "SANGATTA, 01-01-1990", "P", "003/001", "Senyiur",
     "NELAYAN", "-"],
    [2, "6408011203850002", "budi santoso", "Sangatta, 12 Maret 1985", "L", "4/2", "Desa Senyiur",
     "PETANI", ""],
    [3, 6.40801e15, "Andi", "Bontang, 01/01/1980", "L", "1/1", "Kelinjau Ilir", "NELAYAN", ""],
    [4, "6408015007950004", "Dewi Lestari", "Sangatta, 10-07-1995", "X", "2/1", "Kelinjau Ilir",
     "NELAYAN", ""],
]  # fmt: skip


def write_messy(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data 2024"
    for row in ROWS:
        ws.append(row)
    wb.create_sheet("Rekap").append(["Jumlah", 4])
    wb.save(path)
    return path


def _count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM registrant").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def page(main_window):  # type: ignore[no-untyped-def]
    return main_window.show_page("legacy")


def _wait(qtbot, job) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert job.error is None, job.error


def _to_mapping(qtbot, page, source: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_file(source)
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == [
        "Data 2024", "Rekap", "(semua sheet, satu sheet per desa)"
    ]  # fmt: skip
    _wait(qtbot, page.start_guess())
    assert page.stack.currentIndex() == 1


def test_wizard_dry_run_then_commit(qtbot, page, tmp_path, db_path, main_window) -> None:
    source = write_messy(tmp_path / "desa-lama.xlsx")
    assert page.options.values() == {
        "sumber_dana": "APBD-KUTIM", "pekerjaan": None, "kecamatan_kode": None
    }  # fmt: skip
    assert page.options.kecamatan.isHidden()  # a kecamatan office imports into its own kecamatan
    _to_mapping(qtbot, page, source)
    step = page.mapping_step
    fields = {c.header: c.field for c in step.mapping.columns}
    assert fields["N I K"] == "nik" and fields["TTL"] == "ttl" and fields["RT/RW"] == "rt_rw"
    assert "baris 3" in step.info.text()  # header found under the two title rows
    # the user drops the NIK column: required fields missing, dry run refused until fixed
    step.choose(1, IGNORED)
    assert not page.check_button.isEnabled() and "NIK" in step.missing.text()
    step.choose(1, "nik")
    assert page.check_button.isEnabled() and step.missing.isHidden()
    step.choose(8, "notes")
    assert {c.index: c.field for c in step.mapping.columns}[8] == "notes"

    _wait(qtbot, page.dry_run())
    assert page.stack.currentIndex() == 2
    assert _count(db_path) == 0  # a dry run saves nothing
    assert "4 baris dibaca" in page.summary.text() and "uji coba" in page.summary.text()
    model = page.preview
    by_number = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    damaged = by_number["6"]  # sheet row 6: the NIK Excel turned into 6.40801E+15
    nik_col = FIXED + 1
    assert model.data(model.index(damaged, 1)) == "ditolak"
    assert model.index(damaged, nik_col).data(PROBLEM_ROLE) == "error"
    assert "KTP" in model.data(model.index(damaged, PROBLEMS))
    page.table.setCurrentIndex(model.index(damaged, 0))
    assert page.row_detail.text().startswith("Baris 6:") and "KTP" in page.row_detail.text()
    bad_sex = by_number["7"]
    assert model.index(bad_sex, FIXED + 4).data(PROBLEM_ROLE) == "error"
    clean = by_number["4"]
    assert model.data(model.index(clean, 1)) == "siap diimpor"
    assert model.index(clean, nik_col).data(PROBLEM_ROLE) is None
    page.only_problems.setChecked(True)
    assert model.rowCount() < 4
    page.only_problems.setChecked(False)

    report = tmp_path / "laporan.xlsx"
    _wait(qtbot, page.save_report(report))
    assert report.exists()

    # another default occupation: the preview is stale until checked again
    page.options.job.setCurrentIndex(1)
    assert page.run is None and not page.commit_button.isEnabled()
    page.options.job.setCurrentIndex(0)
    _wait(qtbot, page.dry_run())
    changes: list[object] = []
    main_window.gui.signals.data_changed.connect(changes.append)
    assert page.commit_button.isEnabled()
    _wait(qtbot, page.commit())
    assert _count(db_path) == 2
    assert "2 baris diimpor" in page.message.text()
    assert model.data(model.index(clean, 1)) == "diimpor"
    assert not page.commit_button.isEnabled()  # a commit is done once
    assert any(getattr(c, "action", "") == "import" for c in changes)

    # the same file again: the imported rows are recognised, nothing new is ready
    _wait(qtbot, page.dry_run())
    assert "2 sudah diimpor" in page.summary.text() or "2 sudah" in page.summary.text()
    assert not page.commit_button.isEnabled()
    assert _count(db_path) == 2


def test_mapping_saved_as_profile_is_offered_again(qtbot, page, tmp_path) -> None:
    source = write_messy(tmp_path / "desa-lama.xlsx")
    _to_mapping(qtbot, page, source)
    page.mapping_step.choose(8, "notes")
    page.mapping_step.profile_name.setText("Desa Senyiur 2024")
    assert page.save_profile()
    page.page_shown()
    assert page.profile_combo.findData("Desa Senyiur 2024") > 0
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("Desa Senyiur 2024"))
    page.go(0)
    _wait(qtbot, page.start_guess())
    cols = {c.index: (c.field, c.source) for c in page.mapping_step.mapping.columns}
    assert cols[8] == ("notes", "profil")


def test_unreadable_file_is_one_sentence(qtbot, page, tmp_path, find_top) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"not a zip file at all")
    page.set_file(bad)
    assert page.path is None and not page.next_button.isEnabled()
    assert page.message.text()
    assert find_top("userErrorBox") is not None


def test_operator_checks_but_cannot_commit(qtbot, make_gui_ctx, make_user) -> None:
    from rentan_desktop.gui.legacy.widget import LegacyImportPage

    page = LegacyImportPage(make_gui_ctx(make_user("operator")))
    qtbot.addWidget(page)
    assert page.commit_button.isHidden()


def test_regency_office_chooses_the_kecamatan(
    qtbot, blank_db_path, app_signals, job_runner
) -> None:
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.legacy.widget import LegacyImportPage
    from rentan_desktop.services import auth, setup
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(blank_db_path)
    try:
        setup.init_office(
            ctx, kode="6408", nama="Dinas Tenaga Kerja Kutai Timur", level="kabupaten",
            admin_username="admin", admin_full_name="Admin", admin_password="rahasia-kuat-1",
            funder=setup.FunderSpec("APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408"),
        )  # fmt: skip
        user = auth.authenticate(ctx, "admin", "rahasia-kuat-1")
        page = LegacyImportPage(GuiContext(ctx, user, app_signals, job_runner))
        qtbot.addWidget(page)
        combo = page.options.kecamatan
        assert not combo.isHidden()
        muara = combo.findData("640801")
        assert muara > 0 and "Muara Ancalong" in combo.itemText(muara)
        combo.setCurrentIndex(muara)
        assert page.options.values()["kecamatan_kode"] == "640801"
    finally:
        ctx.close()
