"""The benchmark framework cannot rot: a tiny template import through ``bench/run.py`` as
``make bench`` runs it, with the whole ``rentan`` process against its bare floor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_run_py_measures_a_path_against_its_floor_and_writes_the_row(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    env = {**os.environ, "RENTAN_BENCH_OUT": str(tmp_path / "out")}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--only",
            "template_import",
            "--repeat",
            "1",
            "--size",
            "300",
            "--results",
            str(results),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = results.read_text(encoding="utf-8")
    assert "<!-- bench:template_import -->" in text and "<!-- /bench:template_import -->" in text
    row = next(
        line for line in text.splitlines() if line.startswith("| rentan import-xlsx, 300 rows")
    )
    cells = [c.strip() for c in row.strip("|").split("|")]
    value, floor = (float(c.split()[0]) for c in cells[1:3])
    assert value > 0 and floor > 0 and cells[3].endswith("x")
    assert "floor: bare python: calamine read" in text  # each row names its floor
    assert "Load average" in text and ("taken under load" in text or "quiet" in text)
    assert "spread (lowest–highest)" in text
