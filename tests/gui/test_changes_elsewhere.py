"""Pages notice what another process wrote (issue 15): a clerk's `rentan add` in a terminal, run
for real beside the open window, shows in the list and Beranda's counts when the page is shown
again or the window comes back to the front, without the window re-reading on every visit."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import ADMIN_PASSWORD, DESA

from rentan_desktop.gui.main_window import MainWindow
from rentan_desktop.services import data_stamp


def _add_elsewhere(rentan_bin: str, db: str, nik: str, nama: str) -> None:
    done = subprocess.run(
        [
            rentan_bin, "add", "--db", db, "--user", "admin", "--nik", nik, "--nama", nama,
            "--tanggal-lahir", "01011990", "--jenis-kelamin", "P", "--desa-kode", DESA,
            "--pekerjaan-kode", "NELAYAN", "--rt", "1", "--rw", "1",
        ],
        env={**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_record_added_by_another_process_shows_when_the_page_is_shown_again(
    qtbot, main_window: MainWindow, rentan_bin: str
) -> None:
    window = main_window
    ctx = window.gui.ctx
    home = window.show_page("home")
    qtbot.waitUntil(lambda: home.overview is not None, timeout=30_000)
    before = sum(home.overview.by_status.values())
    listing = window.show_page("registrants")
    qtbot.waitUntil(lambda: listing.model.total is not None, timeout=30_000)
    listed = listing.model.total
    stamp = data_stamp.stamp(ctx)

    window.show_page("home")  # nothing written: no re-read (the stamp did not move)
    assert window._check_elsewhere() is False

    _add_elsewhere(rentan_bin, str(ctx.db.path), "6408014101900091", "Warga Dari Terminal")
    assert data_stamp.stamp(ctx) > stamp
    window.show_page("registrants")
    qtbot.waitUntil(lambda: listing.model.total == listed + 1, timeout=30_000)
    window.show_page("home")
    qtbot.waitUntil(lambda: sum(home.overview.by_status.values()) == before + 1, timeout=30_000)

    # The window brought back to the front (the clerk leaves the terminal): the page in front
    # re-reads without being clicked again.
    _add_elsewhere(rentan_bin, str(ctx.db.path), "6408014101900092", "Warga Kedua")
    window.activateWindow()
    assert window._check_elsewhere() is True  # what the activation event runs
    qtbot.waitUntil(lambda: sum(home.overview.by_status.values()) == before + 2, timeout=30_000)
    # The list, hidden meanwhile, did not re-read 150,000 records in the background: it does so
    # when it is shown.
    assert listing.model.total == listed + 1
    window.show_page("registrants")
    qtbot.waitUntil(lambda: listing.model.total == listed + 2, timeout=30_000)
