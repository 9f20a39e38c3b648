"""docs/ARCHITECTURE.md names real files: every path it cites exists in the source tree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "rentan_desktop"
DOC = ROOT / "docs" / "ARCHITECTURE.md"


def cited_paths(text: str) -> list[str]:
    """Every `code span` that looks like a path (has a slash, or ends in .py)."""
    spans = re.findall(r"`([^`\s]+)`", text)
    return [s for s in spans if "/" in s or s.endswith(".py")]


def test_every_file_the_architecture_page_names_exists() -> None:
    cited = cited_paths(DOC.read_text(encoding="utf-8"))
    assert len(cited) > 30  # the page is about files: a parse that finds few is broken
    missing = [p for p in cited if not any((base / p).exists() for base in (SRC, ROOT))]
    assert missing == []


def test_a_missing_file_is_caught() -> None:
    cited = cited_paths("see `services/no_such_module.py` and `domain/lifecycle.py`")
    assert cited == ["services/no_such_module.py", "domain/lifecycle.py"]
    assert not (SRC / cited[0]).exists() and (SRC / cited[1]).exists()
