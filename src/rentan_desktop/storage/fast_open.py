"""Start-up helpers that keep the healthy path lean: plain ``sqlite3``, no backup code, no cipher.

The desktop app checks its database file on every start. On a healthy file (the usual case) a
plain ``PRAGMA quick_check`` that answers ``ok`` is all there is to know, so the health module,
the backup code behind it and the ``cryptography`` cipher they import (~20 ms) stay unloaded;
anything else goes to :func:`rentan_desktop.storage.health.quick_check` for the full report.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple


def quick_check_ok(path: Path) -> bool:
    """True only when ``path`` exists, is not empty and ``PRAGMA quick_check`` says just ``ok``.

    False means "ask :mod:`~rentan_desktop.storage.health`" (missing, empty, damaged, locked or
    unreadable): this function never decides what to do with such a file. Read-only, never creates.
    """
    try:
        if path.stat().st_size == 0:
            return False
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except (OSError, sqlite3.Error):
        return False
    try:
        return con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False
    finally:
        con.close()


class StartFacts(NamedTuple):
    """What a raw read of the database file says before the services are loaded."""

    initialised: bool
    language: str | None
    office_name: str | None


def start_facts(path: Path, language_key: str) -> StartFacts:
    """The office's name and the language setting ``language_key``, read with plain sqlite3
    (read-only, never creates): the first window appears before SQLAlchemy is even imported."""
    nothing = StartFacts(False, None, None)
    if not path.exists():
        return nothing
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return nothing
    try:
        office = con.execute("SELECT nama FROM office LIMIT 1").fetchone()
        row = con.execute("SELECT value FROM setting WHERE key = ?", (language_key,)).fetchone()
    except sqlite3.Error:  # not migrated yet: the setup path migrates it
        return nothing
    finally:
        con.close()
    lang = row[0].strip('"') if row else None
    return StartFacts(office is not None, lang, office[0] if office else None)


@contextmanager
def startup_gc() -> Iterator[None]:
    """Run the start-up imports and file checks without the cyclic garbage collector, then freeze.

    Importing SQLModel/SQLAlchemy and the services allocates ~150,000 long-lived objects (modules,
    classes, functions); the collector would walk them all again at each full collection, twice
    during start-up (~50 ms each here). They live as long as the process, so collecting is
    skipped while they are made and they are then moved out of the collector's sight
    (``gc.freeze``). Collection resumes on the way out, whatever happens; nested use is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
