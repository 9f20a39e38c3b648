"""Digits are grouped in the user's language through one function (issue 15): ``150.000`` in
Indonesian, ``150,000`` under ``--lang en``; printed documents stay Indonesian."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rentan_desktop.domain import formatting, issues

BIN = Path(sys.executable).parent


def test_angka_follows_the_chosen_language() -> None:
    before = issues.language()
    try:
        issues.set_language("en")
        assert formatting.angka(150_000) == "150,000"
        assert formatting.rupiah(16_800) == "Rp16,800"
        assert formatting.angka(150_000, "id") == "150.000"  # a document pinned to Indonesian
        issues.set_language("id")
        assert formatting.angka(150_000) == "150.000"
        assert formatting.angka(1_234_567, "en") == "1,234,567"
        assert formatting.angka(999) == "999"
        assert formatting.rupiah(-16_800) == "-Rp16.800"
    finally:
        issues.set_language(before)


def _rentan(home: Path, *args: str) -> str:
    env = {
        "HOME": str(home),
        "PATH": f"{BIN}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "RENTAN_PASSWORD": "Rahasia-Kantor-2026",
        "RENTAN_USER": "admin",
    }
    done = subprocess.run(
        [str(BIN / "rentan"), *args, "--db", str(home / "r.db")],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_cli_groups_digits_per_language(tmp_path: Path) -> None:
    _rentan(
        tmp_path,
        "init",
        "--office-code",
        "640801",
        "--level",
        "kecamatan",
        "--admin",
        "admin",
        "--funder-code",
        "APBD-KUTIM",
        "--target",
        "150000",
    )
    english = _rentan(tmp_path, "--lang", "en", "stats")
    assert "target 150,000" in english, english
    assert "150.000" not in english
    indonesian = _rentan(tmp_path, "stats")
    assert "target 150.000" in indonesian, indonesian
