"""What the services layer adds to every database it opens (the audit seal), without the storage
layer knowing about keys: a factory set once with :func:`install_hooks`, asked for each database
that :func:`storage.db.open_database` or :func:`storage.server.open_server_database` opens."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Hooks:
    """What the services layer adds to every database it opens (the audit seal), without the
    storage layer knowing about keys: set once with :func:`install_hooks`."""

    on_connect: Callable[[sqlite3.Connection], None] | None = None  # each writer connection
    after_commit: Callable[[Any], None] | None = None  # after each write commits (a connection)
    after_open: Callable[[Any], None] | None = None  # once, with the opened database
    before_write: Callable[[], None] | None = None  # before each outermost write; may refuse it
    # A PostgreSQL server has no per-connection SQL functions: the seal keeps its keyed functions
    # in each pooled connection's info dict instead, and seals the rows a transaction wrote just
    # before it commits (storage/server.py).
    server_connect: Callable[[dict[Any, Any]], None] | None = None
    before_commit: Callable[[Any], None] | None = None  # the writer's Session, server only


_hooks_factory: Callable[[Path], Hooks] | None = None


def install_hooks(factory: Callable[[Path], Hooks] | None) -> None:
    """Make every database opened from now on ask ``factory(path)`` for its hooks."""
    global _hooks_factory
    _hooks_factory = factory


def hooks_for(path: Path) -> Hooks:
    """The hooks of the database at ``path`` (a server database's local stand-in path)."""
    return _hooks_factory(path) if _hooks_factory is not None else Hooks()
