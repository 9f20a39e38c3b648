"""An RT head's *5 Perbaikan* closes the loop (issue 15, point 7): the clerk is taken to the
correction (from the results page, or from a task on Beranda), saving it ends the task, and the
record's history says all of it in words. Real main window at 1366x768, real SQLite."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.conftest import DESA, person
from tests.gui.test_entry_form import CTRL, press, type_text
from tests.gui.test_registrant_list_flow import history_texts

from rentan_desktop.gui.entry.widget import EntryForm
from rentan_desktop.gui.registrants.widget import RegistrantList
from rentan_desktop.gui.rt_results.home_box import CorrectionTasks
from rentan_desktop.gui.rt_results.widget import RtResultsPage
from rentan_desktop.services import registrants, rt_lists, rt_review
from rentan_desktop.services.rt_review import Entry


def _printed_list(gui, funder_id: int, tmp_path):  # type: ignore[no-untyped-def]
    uuids = [
        registrants.create(
            gui.ctx, actor=gui.user, data=person(funder_id, nik=f"640801410190{i:04d}", nama=nama)
        ).registrant.uuid
        for i, nama in enumerate(["Ani", "Badu"], start=1)
    ]
    printed = rt_lists.print_rt_list(
        gui.ctx, actor=gui.user, desa_kode=DESA, rt="3", output=tmp_path / "rt.pdf"
    )
    return uuids, printed.code


def test_service_lists_open_corrections_until_the_record_is_corrected(
    gui_ctx, funder_id: int, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    uuids, code = _printed_list(gui_ctx, funder_id, tmp_path)
    sheet = rt_review.open_sheet(gui_ctx.ctx, actor=gui_ctx.user, code=code)
    ani = next(r.no for r in sheet.rows if r.uuid == uuids[0])
    rt_review.key_results(
        gui_ctx.ctx,
        actor=gui_ctx.user,
        code=code,
        entries=[Entry(ani, "5", "Nama ibu: SITI HALIMAH")],
    )
    tasks = rt_review.open_corrections(gui_ctx.ctx, actor=gui_ctx.user)
    assert [(t.registrant_uuid, t.correction, t.list_code) for t in tasks] == [
        (uuids[0], "Nama ibu: SITI HALIMAH", code)
    ]
    data = registrants.to_input(registrants.get(gui_ctx.ctx, actor=gui_ctx.user, uuid=uuids[0]))
    registrants.update(
        gui_ctx.ctx,
        actor=gui_ctx.user,
        uuid=uuids[0],
        data=data.__class__(**{**data.__dict__, "nama_ibu": "Siti Halimah"}),
    )
    assert rt_review.open_corrections(gui_ctx.ctx, actor=gui_ctx.user) == []
    # Keying the same answer again does not reopen (or re-note) the done correction.
    rt_review.key_results(
        gui_ctx.ctx,
        actor=gui_ctx.user,
        code=code,
        entries=[Entry(ani, "5", "Nama ibu: SITI HALIMAH")],
    )
    assert rt_review.open_corrections(gui_ctx.ctx, actor=gui_ctx.user) == []


def test_perbaikan_opens_the_correction_and_beranda_lists_the_task(
    qtbot, main_window, gui_ctx, funder_id: int, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    main_window.resize(1366, 740)
    uuids, code = _printed_list(gui_ctx, funder_id, tmp_path)
    page = main_window.show_page("rt_results")
    assert isinstance(page, RtResultsPage)
    main_window.activateWindow()
    assert page.open_code(code)
    row = next(i for i, r in enumerate(page.sheet.rows) if r.uuid == uuids[0])  # type: ignore[union-attr]
    page.table.setFocus()
    page.table.setCurrentCell(row, 0)
    qtbot.keyClick(page.table, "5")
    qtbot.keyClicks(page.fix_edit, "Nama ibu: Siti Halimah")
    qtbot.keyClick(page.fix_edit, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_S, CTRL)
    with qtbot.waitSignal(page.job.finished, timeout=10_000):  # type: ignore[union-attr]
        pass
    assert page.correct_button.isVisible()
    assert "menunggu dikoreksi" in page.result_label.text()
    assert page.table.item(row, 6).text() == "Perlu dikoreksi (tugas di Beranda)"

    # Beranda lists it as a task, in words.
    home = main_window.show_page("home")
    tasks = home.findChild(CorrectionTasks)
    qtbot.waitUntil(tasks.isVisible)
    assert tasks.list.count() == 1
    assert "ANI" in tasks.list.item(0).text() and "Siti Halimah" in tasks.list.item(0).text()
    assert code in tasks.list.item(0).text()

    # The results page's button opens the correction itself, saying what the RT head asked.
    main_window.show_page("rt_results")
    page.correct_button.click()
    form = main_window.show_page("entry")
    assert main_window.current_key() == "entry"
    assert isinstance(form, EntryForm) and form.uuid == uuids[0]
    assert "Siti Halimah" in form.status.text() and code in form.status.text()
    main_window.activateWindow()
    form.editors["nama_ibu"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["nama_ibu"])
    press(Qt.Key.Key_A, CTRL)
    type_text("siti halimah")
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "Perubahan tersimpan" in form.status.text())
    assert rt_review.open_corrections(gui_ctx.ctx, actor=gui_ctx.user) == []
    main_window.show_page("home")
    qtbot.waitUntil(lambda: not tasks.isVisible())

    # The history of that record: words only (no event codes, JSON, ISO dates or +62 numbers).
    listing = main_window.show_page("registrants")
    assert isinstance(listing, RegistrantList)
    listing.open_record(uuids[0])
    texts = history_texts(listing)
    joined = "\n".join(texts)
    assert "Perbaikan diminta Ketua RT" in joined and "Nama ibu: Siti Halimah" in joined
    assert "Dikoreksi (v" in joined
    for raw in ("rt_review", "registrant.", "{", "+62"):
        assert raw not in joined, (raw, texts)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", joined), texts


def test_history_puts_codes_into_words(qtbot, gui_ctx, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    from rentan_desktop.gui.registrants.detail import RegistrantDetail
    from rentan_desktop.services import lookups

    detail = RegistrantDetail(gui_ctx, lookups.list_names(gui_ctx.ctx))
    qtbot.addWidget(detail)
    action, text = detail.describe(
        "registrant.update",
        {
            "version": 3,
            "changes": {
                "tanggal_lahir": ["1990-01-01", "1990-01-02"],
                "desa_kode": ["6408012001", "6408012002"],
                "pekerjaan_kode": ["NELAYAN", "PETANI"],
                "no_hp": ["+6281234567890", None],
                "penghasilan": [1000000, 1500000],
            },
        },
    )
    assert action == "Dikoreksi (v3)"
    assert "01-01-1990 → 02-01-1990" in text and "Senyiur → Kelinjau Ilir" in text
    assert "Nelayan → Petani / pekebun" in text and "0812-3456-7890 → —" in text
    assert "Rp1.500.000" in text
    action, text = detail.describe(
        "registrant.status", {"old": "verified", "new": "inactive", "reason": "pindah"}
    )
    assert "Pindah domisili" in text and "pindah)" not in text
    action, text = detail.describe("something.unknown", {"secret": "x"})
    assert action == "Perubahan lain tercatat" and text == ""
