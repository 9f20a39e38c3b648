"""Keystrokes per record on the entry form, for a typical stack of paper forms from one RT.

A scripted clerk keys five paper forms into the real entry form (real widgets, QTest key events,
a fresh SQLite database) from an empty form, as on a first day: the first form carries the desa,
RT and RW that the other four repeat. Every key press is counted (Ctrl+S counts as one). The clerk
uses what the form offers and nothing else: a field that already shows the paper form's value is
accepted with Enter, anything else is typed; a list is chosen by typing the start of its entry.
Trailing empty fields are not walked through: Ctrl+S saves from the last filled field.

After the run the database is read back and every record must equal its paper form, so a form that
fills a wrong value costs the clerk the keys to correct it and cannot look cheaper than it is.

Usage: ``.venv/bin/python bench/bench_keying.py`` (offscreen; a few seconds). Prints JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


@dataclass(frozen=True)
class PaperForm:
    nik: str
    no_kk: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: str  # ddmmyyyy as written on the form
    jenis_kelamin: str  # L / P
    nama_ibu: str
    alamat: str
    rt: str
    rw: str
    desa: str  # what the clerk types to find the desa
    no_hp: str  # "" when the form says "tidak ada"
    pekerjaan: tuple[str, str]  # (code, what the clerk types to pick it)
    penghasilan: str


DESA_KODE = "6408012001"  # Senyiur, Muara Ancalong
FORMS = (
    PaperForm(
        "6408014101900001",
        "6408010101100001",
        "SITI AMINAH",
        "SANGATTA",
        "01011990",
        "P",
        "HALIMAH",
        "JL. POROS NO. 5",
        "3",
        "1",
        "senyi",
        "081234567890",
        ("NELAYAN", "nel"),
        "1500000",
    ),
    PaperForm(
        "6408011505850002",
        "6408010202100002",
        "BUDI SANTOSO",
        "MUARA ANCALONG",
        "15051985",
        "L",
        "SUMIATI",
        "GG. MAWAR NO. 12",
        "3",
        "1",
        "senyi",
        "081355512345",
        ("PETANI", "pet"),
        "2000000",
    ),
    PaperForm(
        "6408015708920003",
        "6408010303100003",
        "RATNA DEWI",
        "SAMARINDA",
        "17081992",
        "P",
        "ASMAH",
        "JL. POROS NO. 9",
        "3",
        "1",
        "senyi",
        "082150001111",
        ("PEDAGANG", "ped"),
        "1200000",
    ),
    # The paper form's birth date differs from the NIK's (legal: the NIK is never corrected).
    PaperForm(
        "6408010312780004",
        "6408010404100004",
        "AHMAD YANI",
        "SANGATTA",
        "04121978",
        "L",
        "MARYAM",
        "RT 3 DEKAT MASJID",
        "3",
        "1",
        "senyi",
        "",
        ("PETERNAK", "peter"),
        "1000000",
    ),
    PaperForm(
        "6408016201950005",
        "6408010505100005",
        "NURHAYATI",
        "MUARA ANCALONG",
        "22011995",
        "P",
        "FATIMAH",
        "GG. MAWAR NO. 3",
        "3",
        "1",
        "senyi",
        "085255502020",
        ("NELAYAN", "nel"),
        "1000000",
    ),
)


class Clerk:
    """Sends key events to whatever has the keyboard focus (or an open popup) and counts them."""

    def __init__(self) -> None:
        self.keys = 0

    def target(self):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication

        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def type(self, text: str) -> None:
        from PySide6.QtTest import QTest

        for char in text:
            QTest.keyClicks(self.target(), char)
            self.keys += 1

    def press(self, key, modifier=None) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(self.target(), key, modifier or Qt.KeyboardModifier.NoModifier)
        self.keys += 1


def key_form(form, clerk: Clerk, paper: PaperForm) -> None:  # type: ignore[no-untyped-def]
    """Key one paper form, field by field, as a clerk who reads the screen before typing."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    enter = Qt.Key.Key_Return

    def shown(name: str) -> str:
        return form.editors[name].value()

    def text_field(name: str, value: str) -> None:
        QTest.qWait(150)  # the form checks after a pause in typing; a clerk reads at that pace
        if value and shown(name) != value:
            clerk.type(value)  # a field reached by Enter has its text selected: typing replaces it

    def offered_pick(editor, value: str) -> bool:  # type: ignore[no-untyped-def]
        """Type the start of ``value`` until the list below the field offers it first, then take
        it (Down, Enter); False when no list offers it before it is typed in full."""
        completer = editor.completer()
        if completer is None:
            return False
        for length in range(1, len(value)):
            clerk.type(value[length - 1])
            QTest.qWait(30)
            popup = completer.popup()
            if (
                popup.isVisible()
                and completer.completionCount()
                and (completer.completionModel().index(0, 0).data() == value)
            ):
                clerk.press(Qt.Key.Key_Down)
                clerk.press(enter)
                return True
        clerk.type(value[-1])
        clerk.press(enter)  # with the list open or not, the typed text stays
        return True

    steps: list[tuple[str, object]] = [
        ("nik", paper.nik),
        ("no_kk", paper.no_kk),
        ("nama", paper.nama),
        ("tempat_lahir", paper.tempat_lahir),
        ("tanggal_lahir", paper.tanggal_lahir),
        ("jenis_kelamin", paper.jenis_kelamin),
        ("nama_ibu", paper.nama_ibu),
        ("alamat", paper.alamat),
        ("rt", paper.rt),
        ("rw", paper.rw),
        ("desa_kode", paper.desa),
        ("no_hp", paper.no_hp),
        ("pekerjaan_kode", paper.pekerjaan),
        ("sumber_dana_id", "apbd"),
        ("penghasilan", paper.penghasilan),
    ]
    for index, (name, value) in enumerate(steps):
        assert clerk.target() is form.editors[name], f"focus is not on {name}: {clerk.target()}"
        if name == "jenis_kelamin":
            if shown(name) != value:
                clerk.type(str(value).lower())
        elif name == "pekerjaan_kode":
            code, typed = value  # type: ignore[misc]
            if shown(name) != code:
                clerk.type(typed)
        elif name == "sumber_dana_id":
            if not shown(name):
                clerk.type(str(value))
        elif name == "desa_kode":
            if shown(name) != DESA_KODE:
                clerk.type(str(value))
                QTest.qWait(60)
                clerk.press(Qt.Key.Key_Down)
                clerk.press(enter)  # picks the desa and moves on
                continue
        elif name in ("rt", "rw"):
            if shown(name).lstrip("0") != value:
                clerk.type(str(value))
        elif name == "tempat_lahir" and offered_pick(form.editors[name], str(value)):
            continue
        else:
            text_field(name, str(value))
        if index == len(steps) - 1:
            QTest.qWait(150)
            clerk.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        else:
            clerk.press(enter)


def run() -> dict[str, object]:
    from PySide6.QtWidgets import QApplication, QMessageBox
    from sqlmodel import select

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.entry.widget import EntryForm
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import auth, setup
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import Registrant

    i18n.install("id")
    folder = Path(tempfile.mkdtemp(prefix="bench-keying-"))
    ctx = AppContext.open(folder / "rentan.db")
    setup.init_office(
        ctx,
        kode="640801",
        nama="Kecamatan Muara Ancalong",
        level="kecamatan",
        admin_username="admin",
        admin_full_name="Admin",
        admin_password="bench-password-1",
        funder=setup.FunderSpec(
            "APBD-KUTIM",
            "APBD Kabupaten Kutai Timur",
            15,
            64,
            "6408",
            "Perbup Kutai Timur No. 29 Tahun 2024",
        ),
        target=1000,
    )
    user = auth.authenticate(ctx, "admin", "bench-password-1")
    runner = JobRunner()
    form = EntryForm(GuiContext(ctx, user, AppSignals(), runner))
    form.resize(1300, 700)
    form.show()
    form.activateWindow()
    form.page_shown()
    app.processEvents()
    clerk = Clerk()
    per_form: list[int] = []
    for paper in FORMS:
        before = clerk.keys
        key_form(form, clerk, paper)
        app.processEvents()
        # A confirmation asked before saving (e.g. a probable duplicate) would be answered here.
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            raise SystemExit(f"unexpected question: {box.text()}")
        per_form.append(clerk.keys - before)
    with ctx.db.reader() as session:
        rows = {r.nik: r for r in session.exec(select(Registrant))}
    wrong = []
    for paper in FORMS:
        row = rows.get(paper.nik)
        if row is None:
            wrong.append(f"{paper.nama}: not saved ({form.status.text()})")
            continue
        got = (
            row.nama,
            row.tempat_lahir,
            row.tanggal_lahir.strftime("%d%m%Y"),
            row.jenis_kelamin,
            row.pekerjaan_kode,
            row.desa_kode,
            row.rt,
            row.penghasilan,
        )
        want = (
            paper.nama,
            paper.tempat_lahir,
            paper.tanggal_lahir,
            paper.jenis_kelamin,
            paper.pekerjaan[0],
            DESA_KODE,
            paper.rt.zfill(3),
            int(paper.penghasilan),
        )
        if got != want:
            wrong.append(f"{paper.nama}: {got} != {want}")
    form.close()
    runner.shutdown(5000)
    ctx.close()
    shutil.rmtree(folder, ignore_errors=True)
    if wrong:
        raise SystemExit("records differ from the paper forms: " + "; ".join(wrong))
    return {
        "forms": len(FORMS),
        "keys_total": clerk.keys,
        "keys_per_record": round(clerk.keys / len(FORMS), 1),
        "keys_per_form": per_form,
    }


if __name__ == "__main__":
    print(json.dumps(run()))
