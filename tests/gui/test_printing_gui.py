"""Printing page: an RT list PDF written in the background, the card queue from requested to
handed over, a registration form, and the card check with a genuine and a tampered token."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select
from tests.conftest import DESA, person

from rentan_desktop.gui.card_verify.widget import CardVerifyPage
from rentan_desktop.gui.printing.widget import PrintingPage
from rentan_desktop.services import registrants, trust
from rentan_desktop.storage.models import Registrant


def _register(ctx, admin, funder_id: int, count: int, *, bpjs: bool) -> list[str]:  # type: ignore[no-untyped-def]
    uuids = [
        registrants.create(
            ctx,
            actor=admin,
            data=person(funder_id, nik=f"640801410190{i:04d}", nama=f"Warga {chr(64 + i)}"),
        ).registrant.uuid
        for i in range(1, count + 1)
    ]
    if bpjs:  # what the BPJS result import does: KPJ, coverage, registered
        with ctx.db.writer() as session:
            for i, key in enumerate(uuids):
                row = session.exec(select(Registrant).where(Registrant.uuid == key)).one()
                row.status, row.kpj = "registered", f"{26010000000 + i:011d}"
                row.coverage_start, row.coverage_end = date(2026, 1, 1), date(2026, 12, 31)
                session.add(row)
    return uuids


def _wait(qtbot, job, timeout: int = 30_000) -> None:  # type: ignore[no-untyped-def]
    if job.running:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass


@pytest.fixture
def page(qtbot, gui_ctx):  # type: ignore[no-untyped-def]
    widget = PrintingPage(gui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.page_shown()
    return widget


def test_rt_list_pdf_on_f4(qtbot, page, ctx, admin, funder_id) -> None:
    _register(ctx, admin, funder_id, 3, bpjs=False)
    tab = page.rt_list
    tab.load()
    tab.select_desa(DESA)
    qtbot.waitUntil(lambda: tab.rt.count() == 1)  # the RT counts are read in the background
    assert tab.rt.itemText(0) == "RT 003 — 3 orang"
    tab.paper.set_value("f4")
    job = tab.start_print()
    _wait(qtbot, job)
    printed = tab.printed
    assert printed is not None and printed.rows == 3 and printed.path.exists()
    assert printed.code in tab.result.label.text() and tab.result.open_button.isVisibleTo(page)
    box = PdfReader(printed.path).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) in (215, 330)  # F4, landscape or portrait
    copy = tab.result.copy_to(printed.path.parent / "salinan.pdf")
    assert copy.read_bytes() == printed.path.read_bytes()


def test_card_queue_print_and_hand_over(qtbot, page, ctx, admin, funder_id, tmp_path) -> None:
    _register(ctx, admin, funder_id, 2, bpjs=True)
    trust.create_office_key(ctx, actor=admin)
    tab = page.card_queue
    idle = lambda: not page.gui.jobs.running()  # noqa: E731 - queueing and re-reading are jobs
    tab.request_all()
    qtbot.waitUntil(idle)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    assert tab.table.rowCount() == 2 and tab.table.item(0, 4).text() == "Diminta"
    _wait(qtbot, tab.start_print())
    assert "2 kartu dicetak" in tab.result.label.text()
    qtbot.waitUntil(idle)
    assert {tab.table.item(r, 4).text() for r in range(2)} == {"Dicetak"}
    assert tab.hand_over_selected() is None and tab.result.label.property("kind") == "warn"
    tab.table.selectRow(0)
    tab.receiver.setText("Ketua RT 003")
    holder = tab.rows[0].nama
    tab.paper.set_value("f4")
    _wait(qtbot, tab.hand_over_selected())
    qtbot.waitUntil(idle)
    assert tab.table.item(0, 4).text() == "Diserahkan"
    assert tab.table.item(0, 8).text() == "Ketua RT 003"
    assert "1 diminta" not in tab.summary.text() and "1 sudah diserahkan" in tab.summary.text()
    # The receipt list the receiver signs is printed with it, and offered to open.
    receipt = tab.result.path
    assert receipt is not None and receipt.exists() and tab.result.open_button.isVisibleTo(tab)
    assert "1 kartu dicatat diserahkan kepada Ketua RT 003" in tab.result.label.text()
    reader = PdfReader(receipt)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)
    words = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "TANDA TERIMA KARTU PESERTA" in words and "Ketua RT 003" in words
    assert holder in words and "Tanda tangan / cap jempol" in words
    assert "************" in words and tab.rows[0].kpj in words


def test_registration_form_for_selected_person(qtbot, page, ctx, admin, funder_id) -> None:
    _register(ctx, admin, funder_id, 2, bpjs=False)
    tab = page.form
    assert tab.start_print() is None and tab.result.label.property("kind") == "warn"
    tab.search.setText("Warga B")
    tab.find()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text().startswith("*" * 12)
    _wait(qtbot, tab.start_print())
    assert tab.result.path is not None and tab.result.path.exists()
    text = " ".join(p.extract_text() for p in PdfReader(tab.result.path).pages)
    assert "WARGA B" in text.upper()


def test_card_check_genuine_and_tampered(qtbot, gui_ctx, ctx, admin, funder_id) -> None:
    from rentan_desktop.services import cards

    uuids = _register(ctx, admin, funder_id, 1, bpjs=True)
    trust.create_office_key(ctx, actor=admin)
    cards.request(ctx, actor=admin, uuids=uuids)
    cards.print_cards(ctx, actor=admin, output=Path(ctx.db.path).parent / "k.pdf")
    token = cards.queue(ctx, actor=admin)[0]
    with ctx.db.reader() as session:
        from rentan_desktop.storage.print_models import CardPrint

        token_text = session.exec(select(CardPrint.token)).first()
    assert token_text and token.kpj == "26010000000"
    page = CardVerifyPage(gui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.token_edit, token_text)
    qtbot.keyClick(page.token_edit, "\r")
    assert page.check is not None and page.check.genuine and page.check.current
    if date.today() <= date(2026, 12, 31):  # the page answers for today
        assert (
            page.verdict.text().startswith("✓ TERCAKUP") and page.verdict.property("kind") == "ok"
        )
    else:
        assert page.verdict.text().startswith("✗ KEPESERTAAN BERAKHIR")
    assert page.fields["holder"].text().startswith("W A,")
    assert page.fields["kpj"].text() == "26010000000"
    assert page.fields["period"].text() == "1 Januari 2026 – 31 Desember 2026"
    assert page.fields["nama"].text().upper() == "WARGA A" and "*" in page.fields["nik"].text()

    qtbot.keyClicks(page.holder_name, "Siti Aminah")  # someone else's e-KTP
    qtbot.keyClick(page.holder_name, "\r")
    assert page.verdict.text().startswith("✗ BUKAN PEMEGANG")
    page.holder_name.clear()
    page.holder_year.setText("85")
    page.verify()
    assert "empat angka" in page.verdict.text() and not page.claims_box.isVisibleTo(page)
    page.holder_year.clear()

    mid = len(token_text) // 2
    tampered = token_text[:mid] + ("1" if token_text[mid] != "1" else "2") + token_text[mid + 1 :]
    page.token_edit.setText(tampered)
    page.verify()
    assert not page.check.genuine
    assert page.verdict.text().startswith("✗ BUKAN KARTU ASLI")
    assert page.verdict.property("kind") == "bad"
    assert not page.claims_box.isVisibleTo(page)


def test_hand_over_is_kept_when_the_receipt_cannot_be_written(
    qtbot, page, ctx, admin, funder_id
) -> None:  # type: ignore[no-untyped-def]
    """The hand-over is recorded even when its receipt list fails to print (here a folder stands
    where the PDF must go): the clerk is told both, in one line, and can print it again."""
    from PySide6.QtCore import QDate

    from rentan_desktop.services import cards
    from rentan_desktop.services.printing import print_dir

    _register(ctx, admin, funder_id, 1, bpjs=True)
    trust.create_office_key(ctx, actor=admin)
    cards.request_all_registered(ctx, actor=admin)
    cards.print_cards(ctx, actor=admin, output=print_dir(ctx) / "k.pdf")
    (print_dir(ctx) / "TANDA-TERIMA-KARTU-2026-08-20.pdf").mkdir(parents=True)
    tab = page.card_queue
    _wait(qtbot, tab.reload())
    tab.table.selectRow(0)
    tab.receiver.setText("Ketua RT 003")
    tab.hand_date.setDate(QDate(2026, 8, 20))
    _wait(qtbot, tab.hand_over_selected())
    text = tab.result.label.text()
    assert "1 kartu dicatat diserahkan kepada Ketua RT 003 pada 20 Agustus 2026." in text
    assert "Tanda terima gagal dicetak:" in text and "Traceback" not in text
    assert tab.result.path is None and tab.result.label.property("kind") == "warn"
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["handed_over"]
    again = cards.receipt_list(ctx, actor=admin, ids=[r.id for r in cards.queue(ctx, actor=admin)],
                               output=print_dir(ctx) / "ulang.pdf")  # fmt: skip
    assert again.path.exists()
