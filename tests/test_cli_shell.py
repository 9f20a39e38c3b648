"""The `rentan` process as a user's shell meets it: pipes closed early, defects, options' places."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def _env(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": f"{BIN}:/usr/bin:/bin",
        "RENTAN_PASSWORD": "Rahasia-Kantor-2026",
        "LANG": "C.UTF-8",
    }


def _rentan(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "rentan"), *args], env=_env(home), capture_output=True, text=True, timeout=120
    )


def test_closed_pipe_demo_twice_and_global_lang(tmp_path: Path) -> None:
    first = _rentan(tmp_path, "demo", "--count", "400")
    assert first.returncode == 0, first.stderr
    # A second demo run on the same database adds people; it once reused the first run's UUIDs.
    again = _rentan(tmp_path, "demo", "--count", "400", "--user", "admin")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr

    # `| head -1`: the reader goes away after one line; the command ends quietly with no traceback.
    piped = subprocess.run(
        f"'{BIN / 'rentan'}' search A --user admin --limit 5000 | head -1",
        shell=True,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        executable="/bin/bash",
        timeout=120,
    )
    assert piped.returncode == 0
    assert len(piped.stdout.splitlines()) == 1
    assert piped.stderr == ""

    english = _rentan(tmp_path, "--lang", "en", "check-nik", "123")
    assert "must be 16 digits" in english.stdout + english.stderr
    override = _rentan(tmp_path, "--lang", "en", "check-nik", "123", "--lang", "id")
    assert (
        "16 angka" in override.stdout + override.stderr
        or "16 digit" in override.stdout + override.stderr
    )


def test_a_defect_reaches_the_user_as_one_sentence_and_the_log(tmp_path: Path) -> None:
    assert _rentan(tmp_path, "demo", "--count", "50").returncode == 0
    # A defect provoked from outside: the registrant table made unreadable behind the app's back.
    db = tmp_path / ".local" / "share" / "RentanDesktop" / "rentan.db"
    import sqlite3

    with sqlite3.connect(db) as con:
        con.execute("DROP TRIGGER IF EXISTS registrant_ai")
        con.execute("ALTER TABLE registrant RENAME COLUMN nama TO nama_rusak")
    done = _rentan(tmp_path, "search", "SITI", "--user", "admin")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "log" in done.stderr
    assert os.path.isdir(tmp_path / ".local" / "state" / "RentanDesktop" / "log")
