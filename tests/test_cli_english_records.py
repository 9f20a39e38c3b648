"""`rentan --lang en search` and `show` speak English and show names, not codes (issue 15): no
UUID, desa code, ISO date, +62 phone, L/P code or Indonesian word reaches the screen. In-process
(`cli.main`), so it runs in the default suite; tests/test_cli_english.py runs real processes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD
from tests.test_cli_english import INDONESIAN

from rentan_desktop.cli import main as cli
from rentan_desktop.domain import issues
from rentan_desktop.domain.registration_number import RegistrationNumber
from rentan_desktop.services import demo, registrants, search
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

RAW = {
    "uuid": re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"),
    "desa code": re.compile(r"\b64\d{8}\b"),
    "iso date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "+62 phone": re.compile(r"\+62"),
    "sex code": re.compile(r"\((L|P)\)|: (L|P) → "),
}


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("RENTAN_USER", "admin")
    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)
    yield
    issues.set_language("id")  # cli.main sets the process-wide language


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    code = cli.main(["--lang", "en", *args, "--db", str(db)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out + out.err


def _raw(text: str) -> dict[str, str]:
    found = {name: m.group(0) for name, rx in RAW.items() if (m := rx.search(text))}
    if m := INDONESIAN.search(text):
        found["indonesian"] = m.group(0)
    return found


def test_search_and_show_in_english_name_things(
    ctx: AppContext, admin: User, db_path: Path, english: None, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.generate(ctx, actor=admin, count=40)
    drafts = search.Query("", "auto", search.Filters(None, None, None, "draft", None))
    row = search.search(ctx, actor=admin, query=drafts, limit=1).rows[0]
    number = str(RegistrationNumber.of(str(row["uuid"])))
    sex = (
        "L"
        if registrants.get(ctx, actor=admin, uuid=str(row["uuid"])).jenis_kelamin == "P"
        else "P"
    )

    listed = _run(capsys, db_path, "search", "")
    assert "found" in listed and f"No. {number}" in listed
    assert _raw(listed) == {}, listed
    # The number the list shows is what the other commands take.
    _run(capsys, db_path, "edit", number, "--alamat", "JL. MERDEKA NO. 7", "--jenis-kelamin", sex)
    _run(capsys, db_path, "status", "rejected", number, "--reason", "pindah")
    shown = _run(capsys, db_path, "show", number)
    assert "village " in shown and "Corrected (v2)" in shown and "Status changed" in shown
    assert ("(Male)" if sex == "L" else "(Female)") in shown
    assert _raw(shown) == {}, shown
    refused = cli.main(
        ["--lang", "en", "status", "rejected", number, "--reason", "x", "--db", str(db_path)]
    )
    out = capsys.readouterr()
    assert refused == 1 and "Rejected" in out.out and _raw(out.out) == {}, out.out
