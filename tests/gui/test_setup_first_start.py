"""Issue 15.1: the set-up wizard as a new admin meets it, keyboard only, at 1366x768."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from tests.gui.keyboard import duplicated_mnemonics

from rentan_desktop.gui.setup.wizard import SetupWizard

PASSWORD = "kata-sandi-kuat-9"


def _wizard(make_app, qtbot, path: Path) -> SetupWizard:  # type: ignore[no-untyped-def]
    app = make_app(path)
    wizard = app.start()
    assert isinstance(wizard, SetupWizard)
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=20_000)
    qtbot.waitUntil(lambda: wizard.office_page.search.isEnabled(), timeout=5_000)
    return wizard


def _next_enabled(wizard: SetupWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_nothing_is_pre_chosen_and_enter_does_not_accept(make_app, qtbot, blank_db_path) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    assert page.provinsi.currentIndex() == -1
    assert page.kabupaten.currentIndex() == -1 and page.kecamatan.currentIndex() == -1
    assert page.nama.text() == ""
    assert not _next_enabled(wizard)
    assert page.missing.isVisibleTo(page)
    assert page.missing.text() == "Belum diisi: kecamatan, nama kantor."
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is page


def test_region_found_by_dotted_or_bare_code_or_name(make_app, qtbot, blank_db_path) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    assert page.search.hasFocus() or wizard.focusWidget() is page.search
    for typed in ("64.08.01", "640801", "muara ancal"):
        page.search.clear()
        page.kecamatan.setCurrentIndex(-1)
        qtbot.keyClicks(page.search, typed)
        assert page.matches.isVisible()
        assert page.matches.item(0).data(Qt.ItemDataRole.UserRole) == "640801", typed
        assert "Muara Ancalong (64.08.01)" in page.matches.item(0).text()
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
        assert wizard.currentPage() is page  # Enter took the match, it did not press Lanjut
        assert page.region() == ("640801", "Muara Ancalong")
        assert page.kabupaten.currentData() == "6408"
        assert page.nama.text() == "Kecamatan Muara Ancalong"
        assert _next_enabled(wizard) and not page.missing.isVisibleTo(page)
    page.search.clear()
    qtbot.keyClicks(page.search, "zzzz")
    assert not page.matches.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    assert "Tidak ada wilayah yang cocok" in page.matches.item(0).text()


def test_down_walks_into_the_matches(make_app, qtbot, blank_db_path) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    qtbot.keyClicks(page.search, "6408")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.matches.hasFocus()
    qtbot.keyClick(page.matches, Qt.Key.Key_Down)
    second = page.matches.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert page.region() is not None and page.region()[0] == second


def test_office_name_follows_region_until_written(make_app, qtbot, blank_db_path) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    page.choose("640801")
    assert page.nama.text() == "Kecamatan Muara Ancalong"
    page.choose("640802")
    assert page.nama.text() != "Kecamatan Muara Ancalong"
    assert page.nama.text().startswith("Kecamatan ")
    page.nama.clear()
    qtbot.keyClicks(page.nama, "Kantor Camat Muara Ancalong")
    page.choose("640801")
    assert page.nama.text() == "Kantor Camat Muara Ancalong"
    page.nama.selectAll()
    qtbot.keyClick(page.nama, Qt.Key.Key_Backspace)  # cleared: the region's name comes back
    assert page.nama.text() == "Kecamatan Muara Ancalong"


def test_selesai_enabled_on_defaults_and_says_what_is_missing(
    make_app, qtbot, blank_db_path
) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    wizard.office_page.choose("640801")
    wizard.next()
    admin = wizard.admin_page
    assert wizard.focusWidget() is admin.username
    assert not _next_enabled(wizard)
    assert admin.missing.text() == (
        "Belum diisi: nama pengguna, nama lengkap, kata sandi, ulangi kata sandi."
    )
    for field, text in (
        (admin.username, "admin.kec"),
        (admin.full_name, "Rahmawati"),
        (admin.password, PASSWORD),
        (admin.password2, PASSWORD),
    ):
        qtbot.keyClicks(field, text)
    assert _next_enabled(wizard)
    wizard.next()
    funder = wizard.funder_page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    # Every field of step 3 is pre-filled: Selesai works without touching any of them.
    assert funder.kode.text() and funder.nama.text()
    assert finish.isEnabled()
    assert wizard.focusWidget() is funder.kode
    funder.kode.clear()
    assert not finish.isEnabled()
    assert funder.missing.text() == "Belum diisi: kode sumber dana."
    qtbot.keyClicks(funder.kode, "APBD-KAB")
    assert finish.isEnabled() and not funder.missing.isVisibleTo(funder)


def test_wizard_pages_have_no_duplicated_mnemonic(make_app, qtbot, blank_db_path) -> None:
    wizard = _wizard(make_app, qtbot, blank_db_path)
    for level in ("kecamatan", "kabupaten", "provinsi"):
        wizard.office_page.level_buttons[level].setChecked(True)
        assert duplicated_mnemonics(wizard) == {}, level
    wizard.office_page.level_buttons["kecamatan"].setChecked(True)
    wizard.office_page.choose("640801")
    wizard.next()
    assert duplicated_mnemonics(wizard) == {}
    admin = wizard.admin_page
    for field in (admin.username, admin.full_name, admin.password, admin.password2):
        field.setText(PASSWORD)
    admin.username.setText("admin.kec")
    wizard.next()
    assert wizard.currentPage() is wizard.funder_page
    assert duplicated_mnemonics(wizard) == {}


def test_window_says_what_it_waits_for_before_regions_load(make_app, qtbot, blank_db_path) -> None:
    app = make_app(blank_db_path)
    wizard = app.start()
    page = wizard.office_page
    if app.ctx is None:  # still opening: the page says so and accepts nothing yet
        assert page.loading.isVisibleTo(page)
        assert not page.search.isEnabled() and not page.isComplete()
        assert "daftar wilayah" in page.missing.text()
    qtbot.waitUntil(lambda: page.search.isEnabled(), timeout=20_000)
    assert not page.loading.isVisibleTo(page)
