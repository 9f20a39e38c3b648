"""The WAL is copied into the database file in quiet moments, and within a long run of writes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from rentan_desktop.storage import checkpoint
from rentan_desktop.storage.db import open_database


def _main_file_rows(path: Path) -> int:
    """Rows of ``t`` in the database file alone, ignoring the WAL (a copy without it)."""
    copy = path.with_name("copy.db")
    copy.write_bytes(path.read_bytes())
    con = sqlite3.connect(copy)
    try:
        return int(con.execute("SELECT count(*) FROM t").fetchone()[0])
    except sqlite3.OperationalError:  # the table itself is still only in the WAL
        return 0
    finally:
        con.close()
        copy.unlink()


def test_no_checkpoint_inside_a_save_but_one_when_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoint, "IDLE_SECONDS", 0.3)
    path = tmp_path / "r.db"
    db = open_database(path)
    try:
        with db.raw_writer() as con:
            con.execute("CREATE TABLE t (x BLOB)")
        for _ in range(80):  # ~1,400 pages: SQLite's default would have checkpointed during these
            with db.raw_writer() as con:
                con.execute("INSERT INTO t VALUES (randomblob(70000))")
        assert _main_file_rows(path) == 0  # all still in the WAL, durable there
        with db.reader() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM t").scalar() == 80
        deadline = time.monotonic() + 10
        while _main_file_rows(path) != 80:
            assert time.monotonic() < deadline, "no checkpoint after the writes stopped"
            time.sleep(0.1)
    finally:
        db.close()


def test_a_long_run_of_writes_checkpoints_every_max_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checkpoint, "IDLE_SECONDS", 3600)  # never quiet enough
    monkeypatch.setattr(checkpoint, "MAX_WRITES", 20)
    path = tmp_path / "r.db"
    db = open_database(path)
    try:
        with db.writer() as session:
            session.connection().exec_driver_sql("CREATE TABLE t (x BLOB)")
        for _ in range(100):  # ~7 MB in all
            with db.raw_writer() as con:
                con.execute("INSERT INTO t VALUES (randomblob(70000))")
            assert (
                Path(str(path) + "-wal").stat().st_size < 2 * 2**20
            )  # reused after each checkpoint
        assert _main_file_rows(path) >= 70
    finally:
        db.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 100
    con.close()
