"""Screenshots of the data-protection and data-cleaning screens, from the running main window.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots_data.py [docs/screenshots]
Builds a throw-away database (Kecamatan Muara Ancalong, synthetic people, never real ones) and a
messy legacy workbook. Writes restore.png, legacy-mapping.png, legacy-preview.png,
duplicate-workbench.png and data-quality.png.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Throw-away offices: their keys open with this passphrase, as `rentan` commands read it.
os.environ.setdefault("RENTAN_KEY_PASSPHRASE", "contoh-frasa-sandi-kunci")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

PASSWORD = "contoh-kata-sandi-1"
LEGACY_ROWS: list[list[object]] = [
    ["DAFTAR CALON PESERTA BPJS KETENAGAKERJAAN PEKERJA RENTAN"],
    ["DESA SENYIUR, KECAMATAN MUARA ANCALONG - TAHUN 2024"],
    [],
    ["NO", "N I K", "NAMA LENGKAP", "TTL", "L/P", "RT/RW", "DESA", "PEKERJAAN", "NO HP", "PETUGAS"],
    [1, "6408014101900021", "Siti Rahmah", "SANGATTA, 01-01-1990", "P", "003/001", "Senyiur",
     "NELAYAN", "0812-3456-7001", "ANI"],
    [2, "6408011203850022", "budi santoso", "Sangatta, 12 Maret 1985", "L", "4/2", "Desa Senyiur",
     "PETANI", "081234567002", "ANI"],
    [3, 6.40801e15, "Andi Saputra", "Bontang, 01/01/1980", "L", "1/1", "Kelinjau Ilir",
     "NELAYAN", "", "ANI"],
    [4, "6408015007950024", "Dewi Lestari", "Sangatta, 10-07-1995", "X", "2/1", "Kelinjau Ilir",
     "NELAYAN", "0813 5000 7004", "BUDI"],
    [5, "6408012505800025", "Joko Susilo", "Samarinda, 25-05-80", "LK", "RT 01 RW 01", "Senyur",
     "PETANI", "", "BUDI"],
    [6, "640801250580002", "Maria Ulfa", "Muara Ancalong, 31-02-1988", "P", "2/3", "Senyiur",
     "PEDAGANG", "0852 1111 7006", "BUDI"],
    [7, "6408016307920027", "Rina Marlina", "Sangatta, 23 Juli 1992", "P", "5/2", "Long Bentuk",
     "NELAYAN", "0812 9999 7007", "ANI"],
    [8, "6408010808880028", "Yusuf Habibie", "Kutai, 8-8-1988", "L", "6/2", "Kelinjau Ulu",
     "BURUH", "", "ANI"],
]  # fmt: skip


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, path: Path) -> None:
    settle(300)
    if QApplication.platformName() == "xcb":  # a real window (Xvfb + openbox): the whole screen
        widget.window().activateWindow()
        settle(300)
        QApplication.primaryScreen().grabWindow(0).save(str(path))
    else:
        widget.grab().save(str(path))
    print("wrote", path)


def wait(job: object) -> None:
    while getattr(job, "running", False):
        settle(50)
    settle(100)


def write_legacy(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Senyiur 2024"
    for row in LEGACY_ROWS:
        ws.append(row)
    ws.merge_cells("A1:J1")
    wb.save(path)
    return path


def main(out: Path) -> None:
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import auth, backups, demo, quality, registrants, setup
    from rentan_desktop.storage.backup_catalog import BackupKind

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    i18n.install("id")
    tmp = Path(tempfile.mkdtemp(prefix="rentan-shots-"))
    db = tmp / "rentan.db"
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(db)
    setup.init_office(
        ctx, kode="640801", nama="Kecamatan Muara Ancalong", level="kecamatan",
        admin_username="admin", admin_full_name="Rahmawati", admin_password=PASSWORD,
        funder=setup.FunderSpec("APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408"),
        target=2500,
    )  # fmt: skip
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    demo.generate(ctx, actor=admin, count=600, seed=5)
    # Legacy-looking gaps in the demo data (this throw-away database only): phone numbers and
    # mothers' names missing, so the quality view has something to show.
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER IF EXISTS registrant_no_update")  # none expected; demo data only
    con.execute("UPDATE registrant SET no_hp = NULL WHERE id % 4 = 0")
    con.execute(
        "UPDATE registrant SET nama_ibu = '', warnings = '[\"mother.missing\"]' WHERE id % 9 = 0"
    )
    con.execute("UPDATE registrant SET warnings = '[\"nik.date_mismatch\"]' WHERE id % 29 = 0")
    con.commit()
    con.close()
    # Quality history: counts stored two and one weeks ago, with phone numbers added in between.
    now = datetime.now(UTC)
    for weeks, fix in ((2, 40), (1, 35)):
        quality.snapshot(ctx, actor=admin)
        con = sqlite3.connect(db)
        con.execute(
            "UPDATE quality_snapshot SET taken_at = ? WHERE taken_at > ?",
            ((now - timedelta(weeks=weeks)).isoformat(), (now - timedelta(days=1)).isoformat()),
        )
        con.execute(
            "UPDATE registrant SET no_hp = '+6281234500' || id WHERE id IN "
            "(SELECT id FROM registrant WHERE no_hp IS NULL OR no_hp = '' LIMIT ?)",
            (fix,),
        )
        con.commit()
        con.close()
    # Two keyings of the same people (NIK typos) for the duplicate workbench.
    funder = setup.list_funders(ctx)[0].id
    from rentan_desktop.domain.registrant import RegistrantInput

    base = dict(
        no_kk="6408010101100001", tempat_lahir="Sangatta", jenis_kelamin="P", nama_ibu="Halimah",
        alamat="Jl. Poros No. 5", rt="3", rw="1", desa_kode="6408012001", no_hp="0812-3456-7890",
        pekerjaan_kode="NELAYAN", penghasilan="", sumber_dana_id=funder, notes="",
    )  # fmt: skip
    for nik, nama, extra in (
        ("6408014101900001", "Siti Aminah", {}),
        (
            "6408014101900007",
            "Siti Aminah",
            {"nama_ibu": "", "alamat": "Gg. Damai RT 4", "rt": "4"},
        ),
    ):
        registrants.create(
            ctx, actor=admin,
            data=RegistrantInput(nik=nik, nama=nama, tanggal_lahir="01011990", **{**base, **extra}),  # type: ignore[arg-type]
        )  # fmt: skip
    backups.set_passphrase(ctx, actor=admin, passphrase="contoh-frasa-cadangan-1")
    for kind in (BackupKind.AUTO, BackupKind.MANUAL):
        backups.backup_now(ctx, actor=admin, kind=kind)

    window = MainWindow(GuiContext(ctx, admin, AppSignals(), JobRunner()))
    window.resize(1320, 820)
    if QApplication.platformName() == "xcb":  # the 1366x768 laptop screen, as a clerk has it
        window.showMaximized()
    else:
        window.show()
    settle()

    page = window.show_page("backups")
    wait(page.refresh())
    page.select_row(0)
    grab(window, out / "restore.png")

    legacy = window.show_page("legacy")
    legacy.set_file(write_legacy(tmp / "daftar-senyiur-2024.xlsx"))
    wait(legacy.start_guess())
    legacy.mapping_step.choose(9, "operator")
    legacy.mapping_step.profile_name.setText("Desa Senyiur 2024")
    grab(window, out / "legacy-mapping.png")
    wait(legacy.dry_run())
    legacy.table.setCurrentIndex(legacy.preview.index(2, 0))
    grab(window, out / "legacy-preview.png")

    dedupe = window.show_page("dedupe")
    wait(dedupe.job)
    dedupe.keep_combo.setCurrentIndex(1)
    dedupe.reason.setText("dicek dengan KTP dan KK di kantor desa")
    table = dedupe.compare
    fields = [str(r["field"]) for r in table.rows]
    table.toggle_take(fields.index("nama_ibu"), 0)
    grab(window, out / "duplicate-workbench.png")

    qpage = window.show_page("quality")
    wait(qpage.job)
    grab(window, out / "data-quality.png")
    window.close()
    ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
