"""Screenshots of every page in a real window at 1366x768 (X server + window manager), keyboard only.

Usage (Debian: apt-get install xvfb openbox xdotool):
    Xvfb :17 -screen 0 1366x768x24 &  DISPLAY=:17 openbox &
    DISPLAY=:17 QT_QPA_PLATFORM=xcb .venv/bin/python packaging/screenshots_window.py docs/screenshots

Starts the app on a throw-away database as a new office would: the set-up wizard is answered with
keys sent by xdotool (search "640801", Enter, then only what a user must type), then synthetic
registrants are added and every page is shown and the whole screen captured (window frame and
status bar included, so a page that does not fit shows as such). Writes page-<key>.png,
setup-wizard-1.png and -2.png, and refreshes setup-wizard.png, setup-wizard-funder.png, home.png,
entry-form.png, registrant-list.png and print-queue.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

PASSWORD = "contoh-kata-sandi-1"
SAME_AS = {
    "home": "home.png",
    "entry": "entry-form.png",
    "registrants": "registrant-list.png",
}


def settle(seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def wait_for(predicate, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not predicate():
        settle(0.05)
        if time.monotonic() > end:
            raise TimeoutError("the screen did not become ready")


def keys(*args: str) -> None:
    """Send keys to the focused window as a user would (xdotool), then let Qt handle them."""
    subprocess.run(["xdotool", *args], check=True)
    settle(0.3)


def shot(path: Path) -> None:
    settle(0.5)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("wrote", path, flush=True)


def main(out: Path) -> None:
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.app import Application
    from rentan_desktop.services import demo

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    tmp = Path(tempfile.mkdtemp(prefix="rentan-window-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # no remembered window size
    i18n.install("id")
    app = Application(tmp / "rentan.db")
    wizard = app.start()
    wait_for(lambda: app.ctx is not None and wizard.office_page.search.isEnabled())
    wizard.activateWindow()
    settle(0.5)
    shot(out / "setup-wizard-1.png")  # nothing chosen yet, Lanjut greyed, the page says why
    keys("type", "--delay", "60", "640801")
    keys("key", "Return")
    shot(out / "setup-wizard.png")
    keys("key", "alt+l")  # Lanjut
    for text in ("admin", "Rahmawati, S.Sos", PASSWORD, PASSWORD):
        keys("type", "--delay", "30", text)
        keys("key", "Tab")
    shot(out / "setup-wizard-2.png")
    keys("key", "alt+l")
    shot(out / "setup-wizard-funder.png")  # step 3: Selesai usable on the defaults
    keys("key", "alt+s")  # Selesai, on the defaults
    wait_for(lambda: app.main_window is not None)
    window = app.main_window
    demo.generate(app.ctx, actor=app.user, count=1800, seed=3)
    window.gui.signals.emit_changed("registrant", (), "import")
    settle(1.0)
    for key in window.page_keys():
        page = window.show_page(key)
        wait_for(lambda: not window.gui.jobs.running(), 120)
        if key == "printing":
            page.tabs.setCurrentIndex(1)
            shot(out / "print-queue.png")
            page.tabs.setCurrentIndex(0)
        if key == "keying":
            keying_shots(app, window, page, out)
            continue
        shot(out / SAME_AS.get(key, f"page-{key}.png"))
    window.close()
    app.shutdown()


def keying_shots(app, window, page, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Verifikasi entri with something in it: an operator's hand-keyed forms, a sample, one form
    keyed again with a difference, the supervisor's side-by-side view and the statistics."""
    from rentan_desktop.domain.registrant import RegistrantInput
    from rentan_desktop.services import auth, double_keying, lookups, registrants

    ctx, admin = app.ctx, app.user
    auth.create_user(ctx, actor=admin, username="budi", full_name="Budi Santoso",
                     role="operator", password=PASSWORD)
    budi = auth.authenticate(ctx, "budi", PASSWORD)
    desa = lookups.desa_choices(ctx)[0].code
    job = lookups.pekerjaan_choices(ctx)[0].code
    funder = lookups.funder_choices(ctx)[0].code
    names = ["SITI RAHMAH", "NURUL HIDAYAH", "DEWI LESTARI", "RINA MARLINA", "SRI WAHYUNI",
             "FITRI HANDAYANI"]

    def form(i: int, **change: str) -> RegistrantInput:
        values = dict(nik=f"640801{41 + i:02d}0190{71 + i:04d}", nama=names[i], tempat_lahir="SANGATTA",
                      tanggal_lahir=f"{1 + i:02d}011990", jenis_kelamin="P", nama_ibu="HALIMAH",
                      alamat="JL. POROS NO. 5", rt="3", rw="1", desa_kode=desa, no_hp="081234567890",
                      pekerjaan_kode=job, sumber_dana_id=funder)
        values.update(change)
        return RegistrantInput(**values)  # type: ignore[arg-type]

    for i in range(len(names)):
        registrants.create(ctx, actor=budi, data=form(i))
    drawn = double_keying.draw_sample(ctx, actor=admin, percent=50, seed=4)
    first, second, *_ = drawn.item_ids
    items = {i.id: i for i in double_keying.items(ctx, actor=admin)}
    for item_id, change in ((first, {}), (second, {"rt": "8", "nama_ibu": "HALIMA"})):
        i = names.index(items[item_id].nama)
        double_keying.submit(ctx, actor=admin, item_id=item_id, data=form(i, **change))
    window.gui.signals.emit_changed("double_key", (), "enter")
    page.page_shown()
    wait_for(lambda: not window.gui.jobs.running(), 120)
    shot(out / "page-keying.png")  # statistics
    page.tabs.setCurrentWidget(page.samples)
    wait_for(lambda: not window.gui.jobs.running(), 120)
    rows = page.samples.rows
    page.samples.table.selectRow(next(r for r, i in enumerate(rows) if i.id == second))
    wait_for(lambda: not window.gui.jobs.running() and page.samples.resolve_box.isVisible(), 60)
    shot(out / "page-keying-samples.png")
    page.tabs.setCurrentWidget(page.rekey)
    wait_for(lambda: not window.gui.jobs.running() and bool(page.rekey.editors), 60)
    shot(out / "page-keying-rekey.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
