"""First start: the setup wizard creates the office, admin, funder and target, then logs in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from rentan_desktop.gui.login.dialog import LoginDialog
from rentan_desktop.gui.setup.wizard import SetupWizard

PASSWORD = "kata-sandi-kuat-9"


def _start_wizard(make_app, qtbot, path: Path):  # type: ignore[no-untyped-def]
    app = make_app(path)
    wizard = app.start()
    assert isinstance(wizard, SetupWizard)
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=20_000)
    return app, wizard


def _choose_kecamatan(wizard: SetupWizard) -> None:
    page = wizard.office_page
    assert page.provinsi.currentIndex() == -1  # the office code is permanent: nothing pre-chosen
    page.provinsi.setCurrentIndex(page.provinsi.findData("64"))
    page.kabupaten.setCurrentIndex(page.kabupaten.findData("6408"))
    page.kecamatan.setCurrentIndex(page.kecamatan.findData("640801"))


def test_wizard_creates_office_and_opens_main_window(make_app, qtbot, blank_db_path) -> None:
    app, wizard = _start_wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    assert not page.isComplete() or page.provinsi.count() > 30
    _choose_kecamatan(wizard)
    assert page.nama.text() == "Kecamatan Muara Ancalong"
    assert page.isComplete()
    wizard.next()
    admin = wizard.admin_page
    qtbot.keyClicks(admin.username, "admin.kec")
    qtbot.keyClicks(admin.full_name, "Rahmawati")
    qtbot.keyClicks(admin.password, PASSWORD)
    qtbot.keyClicks(admin.password2, PASSWORD + "x")
    wizard.next()
    assert wizard.currentPage() is admin
    assert admin.error.text() == "Kedua kata sandi tidak sama."
    admin.password2.clear()
    qtbot.keyClicks(admin.password2, PASSWORD)
    wizard.next()
    funder = wizard.funder_page
    assert wizard.currentPage() is funder
    assert funder.domisili.currentData() == "6408"
    assert funder.nama.text() == "APBD Kabupaten Kutai Timur"
    funder.kode.setText("APBD-KUTIM")
    funder.target.setValue(2500)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    window = shown.args[0]
    assert "Kecamatan Muara Ancalong" in window.office_label.text()
    assert "Rahmawati" in window.user_label.text()
    con = sqlite3.connect(blank_db_path)
    try:
        assert con.execute("SELECT kode, level FROM office").fetchall() == [("640801", "kecamatan")]
        assert con.execute("SELECT username, role FROM app_user").fetchall() == [
            ("admin.kec", "admin")
        ]
        row = con.execute(
            "SELECT kode, usia_min, usia_max, domisili_kab FROM sumber_dana"
        ).fetchone()
        assert row == ("APBD-KUTIM", 15, 64, "6408")
        assert con.execute("SELECT jumlah, wilayah_kode FROM target").fetchone() == (2500, "640801")
        periode = con.execute("SELECT value FROM setting WHERE key='periode_aktif'").fetchone()
        assert periode is not None and json.loads(periode[0]) >= 2024
    finally:
        con.close()


def test_weak_password_is_refused_on_the_admin_page(make_app, qtbot, blank_db_path) -> None:
    _app, wizard = _start_wizard(make_app, qtbot, blank_db_path)
    _choose_kecamatan(wizard)
    wizard.next()
    admin = wizard.admin_page
    for field, text in (
        (admin.username, "admin"),
        (admin.full_name, "A"),
        (admin.password, "pendek"),
        (admin.password2, "pendek"),
    ):
        field.setText(text)
    wizard.next()
    assert wizard.currentPage() is admin
    assert admin.error.text() == "Kata sandi minimal 8 karakter."


def test_coordinator_office_needs_no_kecamatan(make_app, qtbot, blank_db_path) -> None:
    _app, wizard = _start_wizard(make_app, qtbot, blank_db_path)
    page = wizard.office_page
    qtbot.mouseClick(page.level_buttons["kabupaten"], Qt.MouseButton.LeftButton)
    page.provinsi.setCurrentIndex(page.provinsi.findData("64"))
    page.kabupaten.setCurrentIndex(page.kabupaten.findData("6408"))
    assert not page.kecamatan.isEnabled()
    assert page.region() == ("6408", "Kabupaten Kutai Timur")
    assert page.nama.text() == "Kabupaten Kutai Timur"
    page.level_buttons["provinsi"].setChecked(True)
    assert page.region() == ("64", "Kalimantan Timur")
    assert page.nama.text() == "Provinsi Kalimantan Timur"


def test_initialised_database_opens_the_login_dialog(make_app, qtbot, db_path) -> None:
    app = make_app(db_path)
    window = app.start()
    assert isinstance(window, LoginDialog)
    assert window.findChild(type(window.message), "officeName").text() == "Kecamatan Muara Ancalong"
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
