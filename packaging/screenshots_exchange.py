"""Screenshots of the exchange and printing screens (Bahasa Indonesia, offscreen widget grabs).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots_exchange.py [docs/screenshots]
Builds two throw-away databases (a kecamatan and its kabupaten) with synthetic people only.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Throw-away offices: their keys open with this passphrase, as `rentan` commands read it.
os.environ.setdefault("RENTAN_KEY_PASSPHRASE", "contoh-frasa-sandi-kunci")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

PASSWORD = "contoh-kata-sandi-1"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_job(job) -> None:  # type: ignore[no-untyped-def]
    while job is not None and job.running:
        settle(50)


def grab(widget: QWidget, path: Path) -> None:
    settle(250)
    if QApplication.platformName() == "xcb":  # a real window (Xvfb + openbox): the whole screen
        widget.window().activateWindow()
        settle(300)
        QApplication.primaryScreen().grabWindow(0).save(str(path))
    else:
        widget.grab().save(str(path))
    print("wrote", path)


def office(path: Path, kode: str, nama: str, level: str):  # type: ignore[no-untyped-def]
    from rentan_desktop.services import auth, setup
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(path)
    setup.init_office(
        ctx,
        kode=kode,
        nama=nama,
        level=level,
        admin_username="admin",
        admin_full_name="Rahmawati, S.Sos" if level == "kecamatan" else "Koordinator Kabupaten",
        admin_password=PASSWORD,
        funder=setup.FunderSpec(
            "APBD-KUTIM",
            "APBD Kabupaten Kutai Timur",
            15,
            64,
            "6408",
            "Peraturan Bupati Kutai Timur tentang pekerja rentan",
        ),
        target=2500,
    )
    return ctx, auth.authenticate(ctx, "admin", PASSWORD)


def window(ctx, user):  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.gui.signals import AppSignals

    win = MainWindow(GuiContext(ctx, user, AppSignals(), JobRunner()))
    win.resize(1280, 800)
    if QApplication.platformName() == "xcb":  # the 1366x768 laptop screen, as a clerk has it
        win.showMaximized()
    else:
        win.show()
    return win


def main(out: Path) -> None:
    from sqlmodel import select

    from rentan_desktop.domain.lifecycle import Status
    from rentan_desktop.gui import i18n
    from rentan_desktop.services import (
        batch_import,
        batches,
        cards,
        demo,
        registrants,
        rt_lists,
        trust,
    )
    from rentan_desktop.storage.models import Registrant
    from rentan_desktop.storage.print_models import CardPrint

    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([sys.argv[0]])
    i18n.install("id")
    tmp = Path(tempfile.mkdtemp(prefix="rentan-shots-"))
    (tmp / "kec").mkdir()
    (tmp / "kab").mkdir()
    kec, kec_admin = office(
        tmp / "kec" / "rentan.db", "640801", "Kecamatan Muara Ancalong", "kecamatan"
    )
    kab, kab_admin = office(tmp / "kab" / "rentan.db", "6408", "Kabupaten Kutai Timur", "kabupaten")
    for ctx, actor in ((kec, kec_admin), (kab, kab_admin)):
        if trust.office_key_info(ctx) is None:  # set-up makes the key now; older set-ups did not
            trust.create_office_key(ctx, actor=actor)
    for src, src_admin, dst, dst_admin in (
        (kec, kec_admin, kab, kab_admin),
        (kab, kab_admin, kec, kec_admin),
    ):
        path = trust.export_public_key(src, actor=src_admin, folder=tmp)
        trust.trust_key(
            dst, actor=dst_admin, path=path, fingerprint=trust.office_key_info(src).fingerprint
        )
    demo.generate(kec, actor=kec_admin, count=600, seed=7)
    # A stick where the desktop mounts it, so the drive finder lists it (a tmp folder otherwise).
    stick = Path("/media/rahma/FLASHDISK")
    try:
        stick.mkdir(parents=True, exist_ok=False)
    except OSError:
        stick = tmp / "media" / "rahma" / "FLASHDISK"
        stick.mkdir(parents=True)

    # The regency already registered one person the kecamatan is about to send: a conflict.
    with kec.db.reader() as session:
        verified = session.exec(
            select(Registrant)
            .where(Registrant.status == Status.VERIFIED.value)
            .order_by(Registrant.id)
        ).all()
    twin = verified[0]
    data = registrants.to_input(twin)
    data = type(data)(
        **{
            **data.__dict__,
            "sumber_dana_id": 1,
            "alamat": "JL. POROS KM 12",
            "no_hp": "0813-5050-1212",
        }
    )
    registrants.create(kab, actor=kab_admin, data=data)

    # 1. Export at the kecamatan.
    kec_win = window(kec, kec_admin)
    page = kec_win.show_page("batches")
    page.export.scan_drives()
    if page.export.target() != stick:
        page.export.set_folder(stick)
    wait_job(page.export.refresh_ready())
    wait_job(page.export.start_export())
    grab(kec_win, out / "batch-export.png")
    first = page.export.result

    # A second batch whose workbook someone "tidied up" in Excel afterwards.
    with kec.db.reader() as session:
        drafts = session.exec(
            select(Registrant.uuid).where(Registrant.status == Status.DRAFT.value).limit(12)
        ).all()
    registrants.change_status(kec, actor=kec_admin, uuids=list(drafts), new=Status.VERIFIED)
    second = batches.export_batch(kec, actor=kec_admin, folder=stick, recipient="6408")
    if second.xlsx.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(second.xlsx)
        sheet = book["Data"]
        header = [str(c.value or "").upper() for c in sheet[1]]
        col = next(i for i, h in enumerate(header, start=1) if h.startswith("NAMA"))
        sheet.cell(row=6, column=col).value = "NAMA DIUBAH"
        book.save(second.xlsx)
    else:  # a sealed batch cannot be edited in Excel: one byte changed on the stick instead
        raw = bytearray(second.xlsx.read_bytes())
        raw[len(raw) // 2] ^= 0x01
        second.xlsx.write_bytes(bytes(raw))

    # 2. Import report at the regency.
    kab_win = window(kab, kab_admin)
    kab_page = kab_win.show_page("batches")
    kab_page.tabs.setCurrentWidget(kab_page.importer)
    wait_job(kab_page.importer.check_files([first.xlsx, second.xlsx]))
    grab(kab_win, out / "batch-import-report.png")
    batch_import.import_batch(kab, actor=kab_admin, path=first.xlsx)

    # 3. The conflict, side by side.
    conflicts = kab_win.show_page("conflicts")
    conflicts.reload()
    conflicts.choose("alamat", "incoming")
    conflicts.reason.setText("Alamat baru sesuai surat keterangan domisili")
    grab(kab_win, out / "conflict.png")

    # 4. RT results keyed at the kecamatan: ten synthetic drafts moved into one RT of Senyiur.
    import sqlite3

    desa, rt = "6408012001", "004"
    con = sqlite3.connect(kec.db.path)
    con.execute(
        "UPDATE registrant SET desa_kode = ?, rt = ?, rw = '002' WHERE id IN (SELECT id "
        "FROM registrant WHERE status = 'draft' ORDER BY id LIMIT 10)",
        (desa, rt),
    )
    con.commit()
    con.close()
    printed = rt_lists.print_rt_list(
        kec, actor=kec_admin, desa_kode=desa, rt=rt, rw="002", output=tmp / "rt.pdf"
    )
    rt_page = kec_win.show_page("rt_results")
    rt_page.open_code(printed.code)
    for index, result in enumerate(("sesuai", "sesuai", "pindah", "sesuai", "bukan", "sesuai")):
        rt_page.key_row(index, result)
    wait_job(rt_page.save())
    rt_page.key_row(6, "perbaikan", "Tanggal lahir 12-03-1987, bukan 12-03-1978")
    rt_page.key_row(7, "sesuai")
    rt_page.key_row(8, "meninggal")
    grab(kec_win, out / "rt-results.png")

    # 5. Card print queue: BPJS has registered some people (KPJ and coverage).
    with kec.db.writer() as session:
        people = session.exec(
            select(Registrant)
            .where(Registrant.status == Status.REGISTERED.value)
            .order_by(Registrant.id)
            .limit(9)
        ).all()
        for i, row in enumerate(people):
            row.kpj = f"{26010040000 + i * 37:011d}"
            row.coverage_start, row.coverage_end = date(2026, 1, 1), date(2026, 12, 31)
            session.add(row)
    cards.request(kec, actor=kec_admin, uuids=[p.uuid for p in people])
    cards.print_cards(kec, actor=kec_admin, ids=[1, 2, 3, 4, 5, 6], output=tmp / "kartu.pdf")
    cards.hand_over(kec, actor=kec_admin, ids=[1, 2, 3], receiver="Ketua RT 004 (Pak Nordin)")
    print_page = kec_win.show_page("printing")
    print_page.tabs.setCurrentWidget(print_page.card_queue)
    wait_job(print_page.card_queue.reload())
    grab(kec_win, out / "print-queue.png")

    # 6. Card check with a scanned token.
    with kec.db.reader() as session:
        token = session.exec(select(CardPrint.token).where(CardPrint.id == 2)).one()
    verify = kec_win.show_page("card_verify")
    verify.token_edit.setText(token)
    verify.verify()
    grab(kec_win, out / "card-verify.png")
    rt_page.pending.clear()  # the keyed-but-unsaved rows were only for the picture
    for win in (kec_win, kab_win):
        win.gui.jobs.shutdown()
        win.close()
    kec.close()
    kab.close()
    if str(stick).startswith("/media/"):
        import shutil

        shutil.rmtree(stick.parent)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
