"""The one place that knows where bundled files live (source tree or frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """Folder holding the bundled `resources/` files."""
    if getattr(sys, "frozen", False):  # PyInstaller one-folder bundle
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def path(name: str) -> Path:
    """Absolute path of a bundled resource, e.g. ``path("i18n/rentan_en.qm")``."""
    return root() / name
