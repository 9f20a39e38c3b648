"""Settings page: users (admin), funders and targets, idle-lock minutes, language switch."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from rentan_desktop.gui import i18n
from rentan_desktop.gui.lock import SETTING_KEY
from rentan_desktop.services import auth

PASSWORD = "rahasia-kuat-1"


def _settings(main_window):  # type: ignore[no-untyped-def]
    return main_window.show_page("settings")


def test_admin_adds_an_operator_with_the_keyboard(qtbot, main_window, ctx) -> None:
    page = _settings(main_window)
    assert page.users is not None and page.funders is not None
    dialog = page.users.add_user_dialog()
    f = dialog.fields
    qtbot.keyClicks(f["username"], "siti.op")
    qtbot.keyClicks(f["full_name"], "Siti Operator")
    f["role"].setCurrentIndex(f["role"].findData("operator"))
    qtbot.keyClicks(f["password"], "kuat-sekali-1")
    qtbot.keyClicks(f["password2"], "kuat-sekali-2")
    qtbot.keyClick(f["password2"], Qt.Key.Key_Return)
    assert dialog.error.text() == "Kedua kata sandi tidak sama."
    assert dialog.isVisible()
    f["password2"].setText("kuat-sekali-1")
    qtbot.keyClick(f["password2"], Qt.Key.Key_Return)
    assert not dialog.isVisible()
    names = [page.users.table.item(r, 0).text() for r in range(page.users.table.rowCount())]
    assert "siti.op" in names
    assert auth.authenticate(ctx, "siti.op", "kuat-sekali-1").role == "operator"


def test_duplicate_username_is_refused_in_the_dialog(qtbot, main_window) -> None:
    page = _settings(main_window)
    dialog = page.users.add_user_dialog()
    for key, value in (
        ("username", "admin"),
        ("full_name", "X"),
        ("password", "kuat-sekali-1"),
        ("password2", "kuat-sekali-1"),
    ):
        dialog.fields[key].setText(value)
    dialog.accept()
    assert dialog.error.text() == "Nama pengguna 'admin' sudah dipakai."
    dialog.close()


def test_last_admin_cannot_be_disabled(qtbot, main_window, find_top) -> None:
    page = _settings(main_window)
    page.users.table.selectRow(0)
    page.users.toggle_active()
    box = find_top("userErrorBox")
    assert box is not None and box.text() == "Admin terakhir tidak boleh dinonaktifkan."


def test_funder_rules_and_target(qtbot, main_window, db_path) -> None:
    page = _settings(main_window)
    tab = page.funders
    assert tab.table.item(0, 0).text() == "APBD-KUTIM"
    assert tab.table.item(0, 4).text() == "1.000"
    # The target box shows what is saved for this funder and year, not a default.
    assert tab.target_count.value() == 1000 and tab.target_count.text() == "1.000"
    tab.target_year.setValue(tab.target_year.value() + 1)
    assert (
        tab.target_count.text() == "belum ada" and "Belum ada target" in tab.target_message.text()
    )
    tab.target_year.setValue(tab.target_year.value() - 1)
    assert tab.target_count.value() == 1000
    tab.table.selectRow(0)
    dialog = tab.edit_dialog()
    dialog.fields["usia_max"].setValue(59)
    dialog.accept()
    assert tab.table.item(0, 2).text() == "15–59"
    tab.target_count.setValue(1500)
    with qtbot.waitSignal(main_window.gui.signals.data_changed):
        tab.save_target()
    assert tab.table.item(0, 4).text() == "1.500"
    bad = tab.add_dialog()
    bad.fields["kode"].setText("DD")
    bad.fields["nama"].setText("Dana Desa")
    bad.fields["usia_min"].setValue(70)
    bad.fields["usia_max"].setValue(20)
    bad.accept()
    assert bad.error.text() == "Batas umur tidak masuk akal (70-20)."
    bad.close()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT usia_max FROM sumber_dana").fetchall() == [(59,)]
    finally:
        con.close()


def test_idle_minutes_saved(qtbot, main_window, ctx) -> None:
    page = _settings(main_window)
    page.general.idle.setValue(3)
    page.general.save()
    assert ctx.setting(SETTING_KEY) == 3
    assert page.general.message.text() == "Pengaturan disimpan."


def test_operator_sees_only_general_settings(qtbot, make_user, make_gui_ctx) -> None:
    from rentan_desktop.gui.main_window import MainWindow

    window = MainWindow(make_gui_ctx(make_user("operator")))
    qtbot.addWidget(window)
    page = window.show_page("settings")
    assert page.users is None and page.funders is None
    assert not page.general.idle.isEnabled()
    dialog = page.general.own_password_dialog()
    fields = dialog.fields
    fields["old"].setText(PASSWORD)
    fields["new"].setText("baru-lagi-kuat")
    fields["new2"].setText("baru-lagi-kuat")
    dialog.accept()
    assert dialog.error.text() == ""


def test_language_switch_rebuilds_window_in_english_and_is_remembered(
    qtbot, make_app, db_path
) -> None:
    app = make_app(db_path)
    dialog = app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000):
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.submit()
    page = app.main_window.show_page("settings")
    page.general.language.setCurrentIndex(page.general.language.findData("en"))
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
        page.general.save()
    window = shown.args[0]
    try:
        assert i18n.current() == "en"
        assert window.current_key() == "settings"
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[0] == "&File"
        assert window.user_label.text().startswith("User:")
        assert app.ctx.setting(i18n.SETTING_KEY) == "en"
        from rentan_desktop.gui.app import probe

        assert probe(db_path).language == "en"
    finally:
        i18n.install("id")


def test_qt_own_buttons_speak_indonesian(gui_lang) -> None:
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    assert QCoreApplication.translate("QWizard", "&Finish") == "&Selesai"


def test_english_catalogue_covers_the_shell() -> None:
    import xml.etree.ElementTree as ET

    from rentan_desktop import resources

    tree = ET.parse(resources.path("i18n/rentan_en.ts"))
    shell = {
        "MainWindow",
        "LoginDialog",
        "SetupWizard",
        "OfficePage",
        "AdminPage",
        "FunderPage",
        "HomePage",
        "TemplateImportPage",
        "TemplateImport",
        "UnlockDialog",
        "JobProgress",
        "errors",
        "roles",
        "GeneralTab",
        "UsersTab",
        "FundersTab",
        "FormDialog",
        "RecoveryDialog",
        "Application",
    }
    # The shared "pages" context also holds other teams' titles; check the shell's own pages.
    from rentan_desktop.gui.pages import load_pages

    own_titles = {
        s.title
        for s in load_pages(
            [
                "rentan_desktop.gui.home.page",
                "rentan_desktop.gui.template_import.page",
                "rentan_desktop.gui.settings.page",
            ]
        )
    }
    untranslated = [
        (ctx.findtext("name"), m.findtext("source"))
        for ctx in tree.getroot()
        for m in ctx.iter("message")
        if ctx.findtext("name") in shell
        or (ctx.findtext("name") == "pages" and m.findtext("source") in own_titles)
        if not (m.find("translation").text or list(m.find("translation")))
    ]
    assert untranslated == []
    assert resources.path("i18n/rentan_en.qm").stat().st_size > 10_000


def test_language_switch_waits_while_a_job_runs(qtbot, make_app, db_path, find_top) -> None:
    import threading

    app = make_app(db_path)
    dialog = app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    with qtbot.waitSignal(app.main_window_shown, timeout=10_000):
        dialog.username.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.submit()
    window = app.main_window
    release = threading.Event()
    job = app.jobs.start(lambda _c: release.wait(10), title="lama")
    app.signals.language_changed.emit("en")
    assert app.main_window is window and i18n.current() == "id"
    box = find_top("userErrorBox")
    assert box is not None and "dibuka lagi" in box.text()
    assert app.ctx.setting(i18n.SETTING_KEY) == "en"  # remembered for the next start
    with qtbot.waitSignal(job.finished, timeout=10_000):
        release.set()
