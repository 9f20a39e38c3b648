"""What exactly is running: version, build and where it keeps its files (About dialog, support).

A bundle carries ``resources/build-info.json`` written by the PyInstaller spec (commit and build
time); a source checkout has none and says so.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass

from rentan_desktop import APP_NAME, __version__, resources

BUILD_INFO = "build-info.json"


@dataclass(frozen=True)
class VersionInfo:
    """Everything a support call needs to know about this installation's program."""

    version: str
    commit: str
    built: str
    frozen: bool
    python: str
    system: str

    def describe(self) -> str:
        """One line, e.g. ``Rentan Desktop 0.1.0 (bundle a1b2c3d, 2026-11-22T12:00:00Z; Python 3.11.7)``."""
        origin = f"bundle {self.commit}, {self.built}" if self.frozen else "source"
        return f"{APP_NAME} {self.version} ({origin}; Python {self.python}; {self.system})"


def info() -> VersionInfo:
    """The running program's version and build facts."""
    commit, built = "", ""
    try:
        data = json.loads(resources.path(BUILD_INFO).read_text(encoding="utf-8"))
        commit, built = str(data.get("commit", "")), str(data.get("built", ""))
    except (OSError, ValueError):
        pass  # a source checkout has no build-info.json
    return VersionInfo(
        version=__version__,
        commit=commit or "unknown",
        built=built or "unknown",
        frozen=bool(getattr(sys, "frozen", False)),
        python=platform.python_version(),
        system=platform.platform(terse=True),
    )
