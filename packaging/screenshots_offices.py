"""Screenshots of offices in step (issue 19): the regency's per-kecamatan Beranda, a master-data pack
checked at a kecamatan, and the staleness warning on Beranda and in the title bar.

Usage (a real window, so the title bar shows):
    Xvfb :17 -screen 0 1366x768x24 &  DISPLAY=:17 openbox &
    DISPLAY=:17 QT_QPA_PLATFORM=xcb .venv/bin/python packaging/screenshots_offices.py docs/screenshots
Builds throw-away databases (a kecamatan and its regency) with synthetic people only.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots_exchange import office, settle, wait_job  # noqa: E402

SCREEN = (1366, 740)
os.environ.setdefault("RENTAN_KEY_PASSPHRASE", "frasa-contoh-layar")


def show(win):  # type: ignore[no-untyped-def]
    win.resize(*SCREEN)
    win.move(0, 0)
    win.show()
    win.raise_()
    win.activateWindow()
    settle(600)


def shot(path: Path) -> None:
    settle(500)
    QApplication.primaryScreen().grabWindow(0).save(str(path))
    print("wrote", path)


def main(out: Path) -> None:
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import batch_import, batches, demo, master_data, setup, trust

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    i18n.install("id")
    tmp = Path(tempfile.mkdtemp(prefix="rentan-shots-"))
    (tmp / "kec").mkdir()
    (tmp / "kab").mkdir()
    kec, kec_admin = office(tmp / "kec" / "rentan.db", "640801", "Kecamatan Muara Ancalong", "kecamatan")
    kab, kab_admin = office(tmp / "kab" / "rentan.db", "6408", "Kabupaten Kutai Timur", "kabupaten")
    for ctx, actor in ((kec, kec_admin), (kab, kab_admin)):
        if trust.office_key_info(ctx) is None:
            trust.create_office_key(ctx, actor=actor)
    for src, src_admin, dst, dst_admin in ((kec, kec_admin, kab, kab_admin), (kab, kab_admin, kec, kec_admin)):
        path = trust.export_public_key(src, actor=src_admin, folder=tmp)
        trust.trust_key(dst, actor=dst_admin, path=path, fingerprint=trust.office_key_info(src).fingerprint)
    demo.generate(kec, actor=kec_admin, count=900, seed=11)
    stick = tmp / "FLASHDISK"
    stick.mkdir()
    # Three batches; the second never reaches the regency (a gap the dashboard shows).
    sent = []
    from rentan_desktop.domain.lifecycle import Status
    from rentan_desktop.services import registrants

    with kec.db.reader() as session:
        verified = [u for (u,) in session.connection().exec_driver_sql(
            "SELECT uuid FROM registrant WHERE status = 'verified' ORDER BY id").fetchall()]
    chunk = max(1, len(verified) // 3)
    held_back = verified[chunk:]
    registrants.change_status(kec, actor=kec_admin, uuids=held_back, new=Status.DRAFT)
    for n in range(3):
        part = held_back[(n - 1) * chunk:n * chunk] if n else []
        if part:
            registrants.change_status(kec, actor=kec_admin, uuids=part, new=Status.VERIFIED)
        sent.append(batches.export_batch(kec, actor=kec_admin, folder=stick, recipient="6408"))
    for done in (sent[0], sent[2]):
        batch_import.import_batch(kab, actor=kab_admin, path=done.xlsx)
    setup.add_funder(kab, actor=kab_admin, spec=setup.FunderSpec(
        "DBH-SAWIT", "Dana Bagi Hasil Sawit", 18, 60, "6408", "Peraturan Bupati Kutai Timur"))
    setup.set_target(kab, actor=kab_admin, funder_kode="DBH-SAWIT", periode=kab.periode(), jumlah=1200,
                     wilayah_kode="640801")
    setup.set_target(kab, actor=kab_admin, funder_kode="APBD-KUTIM", periode=kab.periode(), jumlah=2500,
                     wilayah_kode="640801")
    pack = master_data.export_pack(kab, actor=kab_admin, folder=stick)

    regency = MainWindow(GuiContext(kab, kab_admin, AppSignals(), JobRunner()))
    show(regency)
    home = regency.show_page("home")
    box = home.findChild(QScrollArea) and home.findChild(object, "regencyBox")  # type: ignore[arg-type]
    wait_job(getattr(box, "job", None))
    settle(800)
    home.findChild(QScrollArea).ensureWidgetVisible(box, 0, 0)  # type: ignore[union-attr]
    shot(out / "regency-dashboard.png")
    regency.close()

    clerk = MainWindow(GuiContext(kec, kec_admin, AppSignals(), JobRunner()))
    show(clerk)
    page = clerk.show_page("master_data")
    page.check_pack(pack.path)
    shot(out / "master-data-check.png")
    page.apply_pack()
    con = sqlite3.connect(kec.db.path)
    (stamp,) = con.execute("SELECT recorded_at FROM batch_ledger WHERE kind = 'masterdata'").fetchone()
    older = datetime.fromisoformat(stamp) - timedelta(days=45)
    con.execute("UPDATE batch_ledger SET recorded_at = ? WHERE kind = 'masterdata'",
                (older.isoformat(timespec="microseconds"),))
    con.commit()
    con.close()
    clerk.show_page("home")
    settle(1500)
    shot(out / "staleness-warning.png")
    clerk.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
