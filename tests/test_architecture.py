"""Layering rules that keep the core usable without Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "rentan_desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_nothing_outside_gui_imports_qt() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if "gui" in path.relative_to(SRC).parts[:1]:
            continue
        if any(
            m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
            for m in imported_modules(path)
        ):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_cli_runs_without_loading_qt() -> None:
    code = (
        "import sys; from rentan_desktop.cli import main; main.build_parser(); "
        "import rentan_desktop.services.registrants, rentan_desktop.services.template_import; "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_domain_has_no_storage_or_io() -> None:
    for path in (SRC / "domain").glob("*.py"):
        mods = imported_modules(path)
        assert not any(
            m.startswith(
                (
                    "rentan_desktop.storage",
                    "rentan_desktop.services",
                    "sqlmodel",
                    "sqlalchemy",
                    "openpyxl",
                    "reportlab",
                )
            )
            for m in mods
        ), path.name
