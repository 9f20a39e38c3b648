"""Backup page: back up from the screen, change data, restore from the screen and see the old data
back with the current database kept; settings; the schedule and the on-exit backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import KEY_PASSPHRASE, person

from rentan_desktop.services import backups, registrants
from rentan_desktop.storage.backup_catalog import BackupKind


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT nama FROM registrant ORDER BY nama")]
    finally:
        con.close()


def test_backup_change_restore_from_screen(
    qtbot, main_window, ctx, admin, funder_id, db_path
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    page = main_window.show_page("backups")
    job = page.backup_now()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert "1 data" in page.status.text(), page.status.text()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.data(page.model.index(0, 3)) == "1"  # record count before restoring
    assert page.model.data(page.model.index(0, 1)) == "manual"
    assert (
        page.last_label.text().startswith("Cadangan terakhir:")
        and "(1 data)" in page.last_label.text()
    )
    assert page.model.data(page.model.index(0, 2)).endswith(("KB", "MB"))

    registrants.create(
        ctx, actor=admin,
        data=person(funder_id, nik="6408011505850002", nama="Ahmad Yani", tanggal_lahir="15051985",
                    jenis_kelamin="L"),
    )  # fmt: skip
    assert _names(db_path) == ["AHMAD YANI", "SITI AMINAH"]
    changes: list[object] = []
    main_window.gui.signals.data_changed.connect(changes.append)
    listing = main_window.show_page("registrants")  # a page holding read connections
    qtbot.waitUntil(lambda: listing.count_label.text() == "2 pendaftar", timeout=10_000)
    main_window.show_page("backups")

    page.select_row(0)
    assert page.restore_button.isEnabled()
    chosen = page.selected()
    assert chosen is not None
    assert "1 data" in page.confirm_text(chosen)
    job = page.restore(chosen, KEY_PASSPHRASE)  # encrypted by default, under the key passphrase
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert job.error is None, job.error
    assert _names(db_path) == ["SITI AMINAH"]  # the old data is back
    assert "Pemulihan selesai: 1 data" in page.status.text()
    assert {c.entity for c in changes} >= {"registrant", "setting"}
    # the database as it was before the restore is kept, with both records
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    kept = [b for b in page.model.backups if b.kind is BackupKind.PRE_RESTORE]
    assert len(kept) == 1 and kept[0].record_count == 2
    from rentan_desktop.storage.backup import materialise

    assert kept[0].path.suffix == ".rbk"  # kept encrypted, like every backup
    materialise(kept[0].path, db_path.parent / "kept-check.db", passphrase=KEY_PASSPHRASE)
    assert sorted(_names(db_path.parent / "kept-check.db")) == ["AHMAD YANI", "SITI AMINAH"]
    main_window.show_page("registrants")  # the open list follows the restored database
    qtbot.waitUntil(lambda: listing.count_label.text() == "1 pendaftar", timeout=10_000)
    # the app keeps working on the restored database
    with ctx.db.reader() as session:
        from sqlmodel import select

        from rentan_desktop.storage.models import Registrant

        assert [r.nama for r in session.exec(select(Registrant))] == ["SITI AMINAH"]


def test_operator_cannot_restore_or_configure(qtbot, make_gui_ctx, make_user) -> None:
    from rentan_desktop.gui.backups.widget import BackupsPage

    page = BackupsPage(make_gui_ctx(make_user("operator")))
    qtbot.addWidget(page)
    assert page.restore_button.isHidden()
    assert page.settings_box is None
    assert not page.backup_button.isHidden()


def test_settings_second_location_and_passphrase(qtbot, main_window, ctx, tmp_path) -> None:
    page = main_window.show_page("backups")
    box = page.settings_box
    assert box is not None
    usb = tmp_path / "usb"
    usb.mkdir()
    box.second.setText(str(usb))
    box.interval.setValue(30)
    assert box.save()
    policy = backups.get_policy(ctx)
    assert policy.second_location == usb and policy.interval_minutes == 30
    box.passphrase.setText("pendek")
    box.passphrase2.setText("pendek")
    assert not box.set_passphrase()
    assert "12" in box.message.text()
    box.passphrase.setText("kata sandi cadangan panjang")
    box.passphrase2.setText("kata sandi cadangan panjang")
    assert box.set_passphrase()
    assert backups.get_policy(ctx).encrypt
    job = page.backup_now()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert job.error is None, job.error
    assert [p.suffix for p in usb.iterdir()] == [".rbk"]  # encrypted copy on the second location
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert all(page.model.data(page.model.index(r, 4)) == "ya" for r in range(2))


def test_schedule_and_exit_backup(qtbot, gui_ctx, ctx) -> None:
    from rentan_desktop.gui.main_window import MainWindow

    window = MainWindow(gui_ctx, page_modules=["rentan_desktop.gui.home.page"])
    qtbot.addWidget(window)
    scheduler = window.backup_scheduler
    assert not scheduler.enabled  # a bare window (tests) takes no backups by itself
    assert scheduler.check_now() is None
    scheduler.enabled = True
    job = scheduler.check_now()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert job.error is None, job.error
    folder = backups.backup_folder(ctx)
    assert [p.name.endswith("-auto.rbk") for p in folder.iterdir()] == [True]  # encrypted
    job = scheduler.check_now()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert job.result is None  # not due again for an interval
    assert len(list(folder.iterdir())) == 1
    window.show()
    window.close()
    kinds = sorted(p.name.rsplit("-", 1)[1] for p in folder.iterdir())
    assert kinds == ["auto.rbk", "exit.rbk"]


def test_screens_in_english(qtbot, gui_ctx) -> None:
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.backups.widget import BackupsPage
    from rentan_desktop.gui.dedupe.widget import DedupePage
    from rentan_desktop.gui.legacy.widget import LegacyImportPage
    from rentan_desktop.gui.main_window import MainWindow

    i18n.install("en")
    gui_ctx.ctx.language = "en"
    pages = [BackupsPage(gui_ctx), LegacyImportPage(gui_ctx), DedupePage(gui_ctx)]
    for page in pages:
        qtbot.addWidget(page)
    assert pages[0].backup_button.text() == "&Back up now"
    assert pages[1].check_button.text() == "&Check (dry run, data unchanged)"
    assert pages[2].different_button.text() == "&Different people"
    window = MainWindow(gui_ctx)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert {"Backups", "Audit trail", "Import legacy data", "Duplicates", "Data quality"} <= set(
        titles
    )


def test_real_app_backs_up_on_close_but_not_on_logout(qtbot, make_app, db_path) -> None:
    app = make_app(db_path)
    dialog = app.start()
    qtbot.waitUntil(lambda: app.ctx is not None, timeout=10_000)
    folder = db_path.parent / "backups"

    def login():  # type: ignore[no-untyped-def]
        with qtbot.waitSignal(app.main_window_shown, timeout=10_000) as shown:
            app.window.username.setText("admin")
            app.window.password.setText("rahasia-kuat-1")
            app.window.submit()
        return shown.args[0]

    assert dialog is app.window
    window = login()
    assert window.backup_scheduler.enabled  # inside the real application
    assert window.backup_scheduler.timer.isActive()
    window.logout_action.trigger()  # another user takes over: no exit backup
    assert not folder.exists() or not list(folder.iterdir())
    window = login()
    window.close()
    assert [p.name.rsplit("-", 1)[1] for p in folder.iterdir()] == ["exit.rbk"]


def test_missing_usb_stick_fails_only_that_location(
    qtbot, main_window, ctx, admin, tmp_path
) -> None:
    from dataclasses import replace

    gone = tmp_path / "usb-dicabut"  # the stick was pulled: its folder cannot be created
    gone.write_text("not a folder")
    backups.set_policy(
        ctx, actor=admin, policy=replace(backups.get_policy(ctx), second_location=gone)
    )
    page = main_window.show_page("backups")
    job = page.backup_now()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert job.error is None, job.error
    text = page.status.text()
    assert text.startswith("Cadangan dibuat:") and f"Gagal di {gone}" in text
    assert len(list(backups.backup_folder(ctx).iterdir())) == 1
