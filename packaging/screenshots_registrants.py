"""Screenshots of the entry form and the registrant list, taken from the running main window.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots_registrants.py [docs/screenshots]
Builds a throw-away database (Kecamatan Muara Ancalong, synthetic registrants, never real people).
Writes entry-form.png (a NIK warning and a possible duplicate visible), registrant-list.png and
registrant-detail.png (a record with its warnings and change history).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

PASSWORD = "contoh-kata-sandi-1"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, path: Path) -> None:
    settle(250)
    widget.grab().save(str(path))
    print("wrote", path)


def main(out: Path) -> None:
    from rentan_desktop.domain.registrant import RegistrantInput
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import auth, demo, registrants, setup
    from rentan_desktop.services.context import AppContext

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    i18n.install("id")
    db = Path(tempfile.mkdtemp(prefix="rentan-shots-")) / "rentan.db"
    ctx = AppContext.open(db)
    setup.init_office(
        ctx, kode="640801", nama="Kecamatan Muara Ancalong", level="kecamatan",
        admin_username="admin", admin_full_name="Rahmawati", admin_password=PASSWORD,
        funder=setup.FunderSpec("APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408"),
        target=2500,
    )  # fmt: skip
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    demo.generate(ctx, actor=admin, count=1800, seed=3)
    funder = setup.list_funders(ctx)[0].id
    base = dict(
        no_kk="6408010101100001", tempat_lahir="Sangatta", jenis_kelamin="P", nama_ibu="Halimah",
        alamat="Jl. Poros No. 5", rt="3", rw="1", desa_kode="6408012001", no_hp="0812-3456-7890",
        pekerjaan_kode="NELAYAN", penghasilan="", sumber_dana_id=funder, notes="",
    )  # fmt: skip
    siti = registrants.create(
        ctx,
        actor=admin,
        data=RegistrantInput(
            nik="6408014101900001", nama="Siti Aminah", tanggal_lahir="01011990", **base
        ),  # type: ignore[arg-type]
    ).registrant
    registrants.update(
        ctx, actor=admin, uuid=siti.uuid,
        data=RegistrantInput(
            nik="6408014101900001", nama="Siti Aminah", tanggal_lahir="01011990",
            **{**base, "alamat": "Jl. Poros Gg. Damai No. 7", "rt": "4"},  # type: ignore[arg-type]
        ),
    )  # fmt: skip
    registrants.change_status(ctx, actor=admin, uuids=[siti.uuid], new="verified")
    # A second keying of the same woman under a mistyped NIK, without her mother's name: the
    # detail view shows its warnings and the possible duplicate.
    twin = dict(nik="6408014101900007", nama="Siti Aminah", tanggal_lahir="01011990")
    second = registrants.create(
        ctx, actor=admin, data=RegistrantInput(**twin, **{**base, "nama_ibu": ""}),  # type: ignore[arg-type]
    ).registrant  # fmt: skip
    registrants.update(
        ctx, actor=admin, uuid=second.uuid,
        data=RegistrantInput(**twin, **{**base, "nama_ibu": "", "no_hp": "0852-4700-1122"}),  # type: ignore[arg-type]
    )  # fmt: skip
    registrants.change_status(ctx, actor=admin, uuids=[second.uuid], new="verified")

    window = MainWindow(GuiContext(ctx, admin, AppSignals(), JobRunner()))
    window.resize(1320, 820)
    window.show()
    settle()

    # Entry form: a migrant's NIK (issued in Makassar) and a near-twin of an existing record.
    con = sqlite3.connect(db)
    nama, born = con.execute(
        "SELECT nama, tanggal_lahir FROM registrant WHERE jenis_kelamin = 'L' AND nama LIKE '% %' "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    con.close()
    y, m, d = born.split("-")
    form = window.show_page("entry")
    window.activateWindow()
    for name, text in (
        ("nik", f"737101{d}{m}{y[2:]}0042"), ("no_kk", "7371010101150007"), ("nama", nama.lower()),
        ("tempat_lahir", "makassar"), ("tanggal_lahir", f"{d}{m}{y}"), ("jenis_kelamin", "l"),
        ("alamat", "jl. pelabuhan no. 12"), ("rt", "7"), ("rw", "2"), ("desa_kode", "kelinjau ulu"),
        ("no_hp", "0813-5012-3344"), ("pekerjaan_kode", "buruh p"), ("sumber_dana_id", "a"),
    ):  # fmt: skip
        form.editors[name].setFocus()
        QTest.keyClicks(form.editors[name], text)
        form.focus_next()
    form.editors["notes"].setFocus()
    settle(300)
    grab(window, out / "entry-form.png")

    # The list, then one record opened with its warnings and history.
    page = window.show_page("registrants")
    settle(400)
    page.view.setCurrentIndex(page.model.index(2, 0))
    grab(window, out / "registrant-list.png")
    page.filters.search.setText("siti aminah")
    page.filters.emit_now()
    settle(300)
    page.view.setCurrentIndex(page.model.index(1, 0))
    page.open_current()
    grab(window, out / "registrant-detail.png")
    window.close()
    ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
