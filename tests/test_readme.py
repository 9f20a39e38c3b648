"""The README is the user's guide: it must name every command the CLI offers, and the two set-up commands."""

from __future__ import annotations

import re
from pathlib import Path

from rentan_desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = main.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # noqa: SLF001
    code = "\n".join(re.findall(r"```.*?```|`[^`]+`", readme, re.S))  # commands are shown as code
    missing = [name for name in commands if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", code)]
    assert missing == []


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for shot in ("setup-wizard.png", "home.png", "entry-form.png", "registrant-list.png"):
        assert f"docs/screenshots/{shot}" in readme
        assert (ROOT / "docs" / "screenshots" / shot).exists()
