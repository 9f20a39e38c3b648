"""Take the README screenshots from the running app (offscreen widget grabs, Bahasa Indonesia).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [docs/screenshots]
Builds a throw-away database with a demo office and synthetic registrants (never real people).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

PASSWORD = "contoh-kata-sandi-1"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(predicate, timeout_ms: int = 30_000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not predicate():
        settle(50)
        waited += 50
        if waited > timeout_ms:
            raise TimeoutError("screen did not become ready")


def grab(widget: QWidget, path: Path) -> None:
    settle(200)
    widget.grab().save(str(path))
    print("wrote", path)


def filled_template(path: Path) -> Path:
    import openpyxl

    from rentan_desktop.io import template_xlsx as tx

    base = [
        "6408014101900001",
        "6408010101100001",
        "SITI AMINAH",
        "Sangatta",
        "01-01-1990",
        "P",
        "Halimah",
        "Jl. Poros No. 5",
        "3",
        "1",
        "SENYIUR - 6408012001",
        "0812-3456-7890",
        "NELAYAN",
        "",
        "APBD-KUTIM",
        "",
    ]
    rows = [base]
    for i, (nik, nama, born, sex) in enumerate(
        [
            ("6408011505850002", "AHMAD YANI", "15-05-1985", "L"),
            ("640801150585", "RUSLAN", "15-05-1985", "L"),  # NIK too short
            ("6408015203920003", "NORHAYATI", "12-03-1992", "P"),
            ("6408012207010004", "DEDI", "22-07-1901", "L"),  # implausible age
            ("6408016808880005", "MARIANA", "28-08-1988", "P"),
        ]
    ):
        row = list(base)
        row[0], row[2], row[4], row[5] = nik, nama, born, sex
        row[8] = str(2 + i)
        rows.append(row)
    rows[3][12] = "PENAMBANG"  # unknown occupation
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = tx.DATA_SHEET
    ws.append(list(tx.HEADERS))
    for row in rows:
        ws.append(row)
    for cell in ws["A"] + ws["B"]:
        cell.number_format = "@"
    wb.save(path)
    return path


def main(out: Path) -> None:
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.app import Application

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    tmp = Path(tempfile.mkdtemp(prefix="rentan-shots-"))
    i18n.install("id")

    # 1. Setup wizard on a fresh database, office page filled in.
    app = Application(tmp / "baru.db")
    wizard = app.start()
    wait_for(lambda: app.ctx is not None)
    page = wizard.office_page
    page.kabupaten.setCurrentIndex(page.kabupaten.findData("6408"))
    page.kecamatan.setCurrentIndex(page.kecamatan.findData("640801"))
    grab(wizard, out / "setup-wizard.png")
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText("admin")
    admin.full_name.setText("Rahmawati, S.Sos")
    admin.password.setText(PASSWORD)
    admin.password2.setText(PASSWORD)
    wizard.next()
    wizard.funder_page.kode.setText("APBD-KUTIM")
    wizard.funder_page.dasar_hukum.setText("Peraturan Bupati Kutai Timur tentang pekerja rentan")
    wizard.funder_page.target.setValue(2500)
    grab(wizard, out / "setup-wizard-funder.png")
    wizard.button(
        wizard.WizardButton.FinishButton
    ).click()  # creates the office, opens the main window
    wait_for(lambda: app.main_window is not None)
    from rentan_desktop.services import demo

    demo.generate(app.ctx, actor=app.user, count=1800, seed=3)
    window = app.main_window
    window.resize(1280, 800)
    home = window.show_page("home")
    home.refresh()
    wait_for(lambda: home.overview is not None and home.overview.active > 0 and not home._loading)
    grab(window, out / "home.png")

    # 2. Template import with a report.
    imp = window.show_page("template_import")
    job = imp.start_import(filled_template(tmp / "isian-desa-senyiur.xlsx"))
    wait_for(lambda: not job.running)
    grab(window, out / "template-import.png")

    # 3. Login dialog on the now-initialised database.
    db_path = app.db_path
    window.close()
    app.shutdown()
    app2 = Application(db_path)
    login = app2.start()
    wait_for(lambda: app2.ctx is not None)
    login.username.setText("admin")
    login.password.setText("salah")
    login.submit()
    grab(login, out / "login.png")
    app2.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
