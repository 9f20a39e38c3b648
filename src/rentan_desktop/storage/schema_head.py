"""Is a database already at this version's schema? Answered without loading Alembic.

Every command and every start of the app opens the database, and nearly always it is already at
the newest revision. Asking Alembic costs 0.2-0.4 s of imports and script parsing on an office
laptop; reading ``alembic_version`` and the ``revision`` / ``down_revision`` lines of the migration
files costs milliseconds. Anything unexpected (a file this parser does not understand, two heads, no
version table) answers "not known to be current", and the caller asks Alembic as before.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(?:None|[\"']([^\"']+)[\"'])\s*$", re.M)


@lru_cache(maxsize=1)
def expected_head() -> str | None:
    """The single head revision of the migration files, or None when it cannot be told simply."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        files = sorted(VERSIONS.glob("*.py"))
        for file in files:
            if file.name == "__init__.py":
                continue
            text = file.read_text(encoding="utf-8")
            rev, down = _REVISION.search(text), _DOWN.search(text)
            if rev is None or down is None:
                return None
            revisions.add(rev.group(1))
            if down.group(1):
                parents.add(down.group(1))
    except OSError:
        return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def is_current(path: Path, busy_timeout_ms: int = 10_000) -> bool:
    """True when ``path`` exists and records exactly the expected head revision."""
    head = expected_head()
    if head is None or not Path(path).exists():
        return False
    try:
        con = sqlite3.connect(path, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error:
        return False
    try:
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return False
    finally:
        con.close()
    return rows == [(head,)]
