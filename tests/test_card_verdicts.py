"""`verify-card` answers "is this person covered today?" with one verdict per case, and binds the
card to its holder: a real database, real printed cards read back from pixels, the CLI's exit codes."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD
from tests.test_cards import make_registered
from tests.test_pdf_support import qr_texts, render
from tests.test_print_services import register_people

from rentan_desktop.cli.main import main
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import cards, registrants, trust
from rentan_desktop.services.cards import Verdict
from rentan_desktop.services.context import AppContext
from rentan_desktop.signing import card_token
from rentan_desktop.signing.keys import SigningKey
from rentan_desktop.storage.models import User

START, END = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def printed(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> tuple[list[str], list[str]]:
    """Two registered people with printed cards; returns (uuids, tokens read from the PDF)."""
    uuids = register_people(ctx, admin, funder_id, 3)
    make_registered(ctx, uuids[:2], START, END)
    trust.create_office_key(ctx, actor=admin)
    cards.request(ctx, actor=admin, uuids=uuids[:2])
    out = tmp_path / "cards.pdf"
    cards.print_cards(ctx, actor=admin, output=out)
    tokens = qr_texts(render(out, tmp_path, 200))
    by_person = {}
    for token in tokens:
        claims = cards.verify(ctx, actor=admin, token=token).claims
        assert claims is not None
        by_person[claims.record_id] = token
    return uuids, [by_person[u] for u in uuids[:2]]


def test_covered_ended_and_not_started(ctx: AppContext, admin: User, printed: tuple) -> None:
    _, tokens = printed
    inside = cards.verify(ctx, actor=admin, token=tokens[0], on=date(2026, 6, 1))
    assert inside.verdict == Verdict.COVERED and inside.verdict.exit_code == 0
    ended = cards.verify(ctx, actor=admin, token=tokens[0], on=date(2027, 1, 1))
    assert ended.verdict == Verdict.ENDED and ended.since == END
    assert "31 Desember 2026" in ended.message and ended.genuine
    early = cards.verify(ctx, actor=admin, token=tokens[0], on=date(2025, 12, 31))
    assert early.verdict == Verdict.NOT_STARTED and "1 Januari 2026" in early.message


def test_renewed_coverage_counts_over_the_old_card(
    ctx: AppContext, admin: User, printed: tuple
) -> None:
    uuids, tokens = printed
    with sqlite3.connect(ctx.db.path) as con:
        con.execute("UPDATE registrant SET coverage_end='2027-12-31' WHERE uuid=?", (uuids[0],))
    check = cards.verify(ctx, actor=admin, token=tokens[0], on=date(2027, 3, 1))
    assert check.verdict == Verdict.COVERED and not check.current
    assert "cetak ulang" in check.message


def test_inactive_person_is_not_covered_on_an_unexpired_card(
    ctx: AppContext, admin: User, printed: tuple
) -> None:
    uuids, tokens = printed
    done = registrants.change_status(
        ctx, actor=admin, uuids=[uuids[0]], new=Status.INACTIVE, reason="meninggal"
    )
    assert not done.refused
    check = cards.verify(ctx, actor=admin, token=tokens[0], on=date(2026, 6, 1))
    assert check.verdict == Verdict.INACTIVE and check.verdict.exit_code == 4
    assert check.since is not None and "sejak" in check.message and check.genuine


def test_tampered_and_unknown_office(ctx: AppContext, admin: User, printed: tuple) -> None:
    _, tokens = printed
    token = tokens[0]
    for position in (30, len(token) // 2, len(token) - 3):  # a date, the middle, the signature
        digit = "1" if token[position] != "1" else "2"
        changed = token[:position] + digit + token[position + 1 :]
        check = cards.verify(ctx, actor=admin, token=changed, on=date(2026, 6, 1))
        assert check.verdict == Verdict.NOT_GENUINE and check.claims is None
    stranger = card_token.issue(
        SigningKey.generate(), "5b0c3c1e-7a51-4a43-a3b0-0c7a3c3e2a11", "26010000000",
        START, END, "640802", holder="Warga A Sentosa", birth_year=1990,
    )  # fmt: skip
    other = cards.verify(ctx, actor=admin, token=stranger, on=date(2026, 6, 1))
    assert other.verdict == Verdict.UNKNOWN_OFFICE and other.verdict.exit_code == 2
    # A forger who knows this office's code still has no key of it: not genuine.
    forged = card_token.issue(
        SigningKey.generate(), "5b0c3c1e-7a51-4a43-a3b0-0c7a3c3e2a11", "26010000000",
        START, END, ctx.office.kode if ctx.office else "",
    )  # fmt: skip
    assert cards.verify(ctx, actor=admin, token=forged).verdict == Verdict.NOT_GENUINE
    assert cards.verify(ctx, actor=admin, token="hello").verdict == Verdict.NOT_GENUINE


def test_copied_qr_on_another_persons_card(ctx: AppContext, admin: User, printed: tuple) -> None:
    """A's genuine QR pasted on B's card: B's e-KTP name and year do not match the binding."""
    _, tokens = printed
    check = cards.verify(
        ctx, actor=admin, token=tokens[0], holder_name="Warga B Sentosa", on=date(2026, 6, 1)
    )
    assert check.verdict == Verdict.HOLDER_MISMATCH and check.verdict.exit_code == 5
    assert "W A S" in check.message  # the card's holder, as its initials
    year = check.claims.birth_year if check.claims else None
    assert year is not None
    wrong_year = cards.verify(
        ctx, actor=admin, token=tokens[0], holder_birth_year=year + 1, on=date(2026, 6, 1)
    )
    assert wrong_year.verdict == Verdict.HOLDER_MISMATCH
    right = cards.verify(
        ctx, actor=admin, token=tokens[0], holder_name="warga  a. sentosa",
        holder_birth_year=year, on=date(2026, 6, 1),
    )  # fmt: skip
    assert right.verdict == Verdict.COVERED and right.holder == f"W A S, lahir {year}"


def test_old_version_one_cards_still_verify(ctx: AppContext, admin: User, printed: tuple) -> None:
    uuids, _ = printed
    key = trust.load_signing_key(ctx)
    office = ctx.office.kode if ctx.office else ""
    old = card_token.issue_v1(key, uuids[0], "26010000000", START, END, office)
    check = cards.verify(ctx, actor=admin, token=old, on=date(2026, 6, 1))
    assert check.verdict == Verdict.COVERED and check.holder == ""


def test_cli_exit_codes(
    ctx: AppContext,
    admin: User,
    printed: tuple,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The CLI answers for the real today: the coverage ended for this card (2026) or not."""
    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)
    uuids, tokens = printed
    common = ["--db", str(db_path), "--user", "admin", "--json"]

    def run(*args: str) -> tuple[int, dict]:
        capsys.readouterr()
        code = main(["verify-card", *common, *args])
        return code, json.loads(capsys.readouterr().out)

    expected = Verdict.ENDED if date.today() > END else Verdict.COVERED
    code, data = run(tokens[1])
    assert (code, data["verdict"]) == (expected.exit_code, expected.value)
    assert data["holder_initials"] == "WBS" and "nik" in data and "*" in data["nik"]
    code, data = run(tokens[1], "--nama", "Siti Aminah")
    assert (code, data["verdict"]) == (5, "holder_mismatch")
    registrants.change_status(ctx, actor=admin, uuids=[uuids[1]], new=Status.INACTIVE,
                              reason="meninggal")  # fmt: skip
    code, data = run(tokens[1])
    assert (code, data["verdict"]) == (4, "inactive") and data["since"]
    code, data = run(tokens[1][:-1] + ("1" if tokens[1][-1] != "1" else "2"))
    assert (code, data["verdict"]) == (1, "not_genuine")
