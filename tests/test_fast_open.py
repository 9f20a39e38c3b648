"""The start-up fast path: a healthy file is recognised with plain sqlite3; anything else is left to
the health module; the garbage collector is always back on after start-up."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from rentan_desktop.storage import fast_open, health
from rentan_desktop.storage.db import open_database


def test_healthy_file_passes_and_agrees_with_health(tmp_path: Path) -> None:
    path = tmp_path / "ok.db"
    open_database(path).close()
    assert fast_open.quick_check_ok(path)
    assert health.quick_check(path).state is health.DbState.OK


def test_missing_empty_and_damaged_files_go_to_the_health_module(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert not fast_open.quick_check_ok(missing)
    assert not missing.exists()  # never created by the check
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert not fast_open.quick_check_ok(empty)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 200)
    assert not fast_open.quick_check_ok(garbage)
    assert health.quick_check(garbage).state is health.DbState.DAMAGED


def test_a_damaged_page_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "torn.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    start = (pages // 2) * page_size  # the middle of a b-tree page, as SQLite's own tests do
    data[start : start + page_size] = bytes([0xA5]) * page_size
    path.write_bytes(bytes(data))
    assert not fast_open.quick_check_ok(path)
    assert health.quick_check(path).state is health.DbState.DAMAGED


def test_startup_gc_turns_collection_back_on_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), fast_open.startup_gc():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
