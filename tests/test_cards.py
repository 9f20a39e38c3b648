"""The card print queue and offline verification, over a real database and real PDFs."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select
from tests.test_pdf_support import every_byte, qr_texts, render, text
from tests.test_print_services import NIKS, register_people

from rentan_desktop.services import audit, cards, registrants, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import Registrant, User

COVERED_ON = date(2026, 6, 1)  # verification answers are asked for this day, not the clock's


def make_registered(
    ctx: AppContext,
    uuids: list[str],
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
) -> None:
    """Stand-in for the BPJS response import: give the records a KPJ and a coverage period."""
    with ctx.db.writer() as session:
        for i, key in enumerate(uuids):
            row = session.exec(select(Registrant).where(Registrant.uuid == key)).one()
            row.status, row.kpj = "registered", f"{26010000000 + i:011d}"
            row.coverage_start, row.coverage_end = start, end
            session.add(row)


@pytest.fixture
def queued(ctx: AppContext, admin: User, funder_id: int) -> list[str]:
    uuids = register_people(ctx, admin, funder_id, 4)
    make_registered(ctx, uuids[:3])
    trust.create_office_key(ctx, actor=admin)
    return uuids


@pytest.mark.usefixtures("backend")  # and on a server database
def test_request_print_hand_over(
    ctx: AppContext, admin: User, queued: list[str], tmp_path: Path
) -> None:
    result = cards.request(ctx, actor=admin, uuids=queued)
    assert len(result.queued) == 3 and set(result.refused) == {queued[3]}  # not registered yet
    again = cards.request(ctx, actor=admin, uuids=queued[:1])
    assert again.queued == [] and "antrean" in again.refused[queued[0]]
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["requested"] * 3

    out = tmp_path / "cards.pdf"
    seen: list[tuple[int, int]] = []
    printed = cards.print_cards(
        ctx, actor=admin, output=out, progress=lambda d, t: seen.append((d, t))
    )
    assert printed.count == 3 and printed.pages == 2 and seen[-1] == (3, 3)  # fronts + backs
    whole = " ".join(" ".join(text(out)).split())
    assert "WARGA A SENTOSA" in whole and "26010000000" in whole and "Muara Ancalong" in whole
    data = every_byte(out)
    assert all(n.encode() not in data for n in NIKS)
    rows = cards.queue(ctx, actor=admin, state="printed")
    assert len(rows) == 3 and all(r.printed_at is not None for r in rows)
    history = registrants.history(ctx, actor=admin, uuid=queued[0])
    assert [h["action"] for h in history][-2:] == ["card.request", "card.printed"]
    with ctx.db.reader() as session:
        assert audit.verify_chain(session).ok

    scanned = qr_texts(render(out, tmp_path, 200))
    assert len(scanned) == 3
    check = cards.verify(ctx, actor=admin, token=scanned[0], on=COVERED_ON)
    assert check.genuine and check.current and check.claims is not None
    assert check.nama.startswith("WARGA") and "*" in check.nik_masked
    assert check.verdict == cards.Verdict.COVERED and "TERCAKUP" in check.message
    token = scanned[0]
    i = len(token) - 5
    forged = token[:i] + ("1" if token[i] != "1" else "2") + token[i + 1 :]
    bad = cards.verify(ctx, actor=admin, token=forged)
    assert not bad.genuine and bad.claims is None and bad.message

    with pytest.raises(UserError):
        cards.hand_over(ctx, actor=admin, ids=[rows[0].id], receiver="  ")
    done = cards.hand_over(
        ctx, actor=admin, ids=[rows[0].id], receiver="Ketua RT 003", on=date(2026, 8, 20)
    )
    assert done == [rows[0].id]
    handed = cards.queue(ctx, actor=admin, state="handed_over")
    assert handed[0].receiver == "Ketua RT 003" and handed[0].handed_over_on == date(2026, 8, 20)

    with pytest.raises(UserError) as err:
        cards.print_cards(ctx, actor=admin, output=tmp_path / "none.pdf")
    assert err.value.code == "card.nothing_to_print"


def test_changed_record_makes_a_genuine_card_outdated(
    ctx: AppContext, admin: User, queued: list[str], tmp_path: Path
) -> None:
    cards.request(ctx, actor=admin, uuids=queued[:1])
    out = tmp_path / "c.pdf"
    cards.print_cards(ctx, actor=admin, output=out)
    token = qr_texts(render(out, tmp_path, 200))[0]
    with sqlite3.connect(ctx.db.path) as con:
        con.execute("UPDATE registrant SET status='inactive' WHERE uuid=?", (queued[0],))
    check = cards.verify(ctx, actor=admin, token=token, on=COVERED_ON)
    assert check.genuine and not check.current and check.verdict == cards.Verdict.INACTIVE


def test_cancelled_print_leaves_queue_untouched(
    ctx: AppContext, admin: User, queued: list[str], tmp_path: Path
) -> None:
    cards.request(ctx, actor=admin, uuids=queued[:3])
    with pytest.raises(UserError) as err:
        cards.print_cards(ctx, actor=admin, output=tmp_path / "x.pdf", cancelled=lambda: True)
    assert err.value.code == "print.cancelled"
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["requested"] * 3
    assert not (tmp_path / "x.pdf").exists()


def test_request_all_registered(ctx: AppContext, admin: User, queued: list[str]) -> None:
    result = cards.request_all_registered(ctx, actor=admin)
    assert len(result.queued) == 3
    assert cards.request_all_registered(ctx, actor=admin).queued == []


def test_card_shows_the_record_as_it_is_at_print_time(
    ctx: AppContext, admin: User, queued: list[str], tmp_path: Path
) -> None:
    cards.request(ctx, actor=admin, uuids=queued[:2])
    with sqlite3.connect(ctx.db.path) as con:  # BPJS changed one KPJ; the other person left
        con.execute("UPDATE registrant SET kpj='26019999999' WHERE uuid=?", (queued[0],))
        con.execute("UPDATE registrant SET status='inactive' WHERE uuid=?", (queued[1],))
    out = tmp_path / "c.pdf"
    printed = cards.print_cards(ctx, actor=admin, output=out)
    assert printed.count == 1 and printed.skipped == 1
    assert "26019999999" in " ".join(text(out))
    states = {r.uuid: (r.state, r.kpj) for r in cards.queue(ctx, actor=admin)}
    assert states == {
        queued[0]: ("printed", "26019999999"),
        queued[1]: ("requested", "26010000001"),
    }


def test_a_large_print_is_laid_out_in_a_child_process(
    ctx: AppContext,
    admin: User,
    queued: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15: reportlab is pure Python; a big print lays its PDF out in a child process (no
    Qt there), and Batal during the layout kills it and leaves no file and the queue as it was."""
    from rentan_desktop.services import process_job

    monkeypatch.setattr(cards, "RENDER_IN_CHILD_FROM", 1)
    cards.request(ctx, actor=admin, uuids=queued[:3])
    calls = [0]

    def batal_during_layout() -> bool:
        calls[0] += 1  # reading, signing and building the sheet look first (once each here)
        return calls[0] > 3

    process_job.last.pid = None
    with pytest.raises(UserError) as err:
        cards.print_cards(
            ctx, actor=admin, output=tmp_path / "x.pdf", cancelled=batal_during_layout
        )
    assert err.value.code == "print.cancelled" and process_job.last.pid is not None
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".x.pdf.*"))
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["requested"] * 3

    seen: list[tuple[int, int]] = []
    out = tmp_path / "cards.pdf"
    printed = cards.print_cards(
        ctx, actor=admin, output=out, progress=lambda d, t: seen.append((d, t))
    )
    assert process_job.last.qt_loaded is False
    assert printed.count == 3 and printed.pages == 2 and seen[-1] == (3, 3)
    assert len(qr_texts(render(out, tmp_path, 150))) == 3
    assert "WARGA A SENTOSA" in " ".join(" ".join(text(out)).split())
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["printed"] * 3


def test_the_whole_print_runs_in_a_child_that_gets_the_key_over_its_pipe(
    ctx: AppContext,
    admin: User,
    queued: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15: reading the queue and signing held the window's interpreter lock; the window's
    card print now runs whole in a child, which can sign only with the key the app unlocked
    (no passphrase in its environment) and which never finds that key in a file."""
    from rentan_desktop.services import process_job
    from rentan_desktop.services.printing import print_dir

    monkeypatch.delenv("RENTAN_KEY_PASSPHRASE", raising=False)
    assert trust.office_key_unlocked(ctx)  # in this process's memory only
    cards.request(ctx, actor=admin, uuids=queued[:3])
    process_job.last.pid = None
    with pytest.raises(UserError) as err:  # Batal at once: the child is killed
        cards.print_requested(ctx, actor=admin, child_from=0, cancelled=lambda: True)
    assert err.value.code == "job.cancelled" and process_job.last.pid is not None
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["requested"] * 3
    assert not list(print_dir(ctx).glob(".KARTU-*"))

    seen: list[tuple[int, int]] = []
    printed = cards.print_requested(
        ctx, actor=admin, child_from=0, progress=lambda d, t: seen.append((d, t))
    )
    assert process_job.last.qt_loaded is False and seen[-1] == (3, 3)
    assert process_job.last.knew_it_was_a_child is True  # lays a big print out itself
    assert printed.count == 3 and printed.path.exists()
    assert [r.state for r in cards.queue(ctx, actor=admin)] == ["printed"] * 3
    with ctx.db.reader() as session:
        assert audit.verify_chain(session).ok
    scanned = qr_texts(render(printed.path, tmp_path, 200))
    assert len(scanned) == 3
    assert all(cards.verify(ctx, actor=admin, token=t, on=COVERED_ON).genuine for t in scanned)
    raw = trust.office_key(ctx).private_raw()
    for path in ctx.db.path.parent.rglob("*"):
        assert not path.is_file() or raw not in path.read_bytes(), path
