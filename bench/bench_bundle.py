"""The Linux bundle: size on disk, and start-up time of the frozen programs against the source tree.

Rows (see bench/run.py): the bundle folder's and the tarball's size (absolute ceilings), then three
start-up ratios, bundle / source tree (``.venv/bin/...``), each the median of several runs, bundle
and source alternating, after one discarded warm-up run of each:

* ``rentan --version``: interpreter and archive start, argparse, nothing else;
* ``rentan search`` on a 2,000-person database: a real command (services, SQLAlchemy, migrations
  check) from process start to exit;
* ``rentan-desktop`` offscreen, from process start until its first window is shown and the event
  loop runs (``RENTAN_DESKTOP_QUIT_AFTER_MS=1`` quits right after).

"Cold" here means a new process each time with the files in the OS cache; dropping the cache needs
root and would disturb everything else on the machine. The benchmark's first bundle run (the
least cached) is reported as a note.

The bundle is built with ``make package`` first; the full run builds it if it is missing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import PASSWORD, demo_db  # noqa: E402

BUNDLE = ROOT / "dist" / "rentan"
VENV_BIN = ROOT / ".venv" / "bin"
MIB = 1024 * 1024
SIZE_LIMIT_MIB = 250  # a USB stick or a slow office download; Qt alone is ~70 MiB
START_TARGET = 1.5  # frozen start may cost at most half again the source tree's


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RENTAN_DB")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        RENTAN_USER="admin",
        RENTAN_PASSWORD=PASSWORD,
        RENTAN_LOG_DIR=str(tmp / "logs"),
        XDG_STATE_HOME=str(tmp / "state"),
        RENTAN_DESKTOP_QUIT_AFTER_MS="1",
    )
    return env


def _time(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _paired_medians(
    frozen: list[str], source: list[str], env: dict[str, str], runs: int
) -> tuple[float, float]:
    """Median times of both commands, run alternately so machine load drifts hit both alike."""
    _time(frozen, env), _time(source, env)  # warm-up, discarded
    a, b = [], []
    for _ in range(runs):
        a.append(_time(frozen, env))
        b.append(_time(source, env))
    return statistics.median(a), statistics.median(b)


def ensure_bundle(quick: bool) -> None:
    if (BUNDLE / "rentan").exists():
        return
    if quick:
        raise RuntimeError("no bundle in dist/rentan: run `make package` first")
    subprocess.run(["make", "-C", str(ROOT / "packaging"), "build"], check=True)


def run(quick: bool) -> list[dict[str, Any]]:
    """Size and start-up rows for bench/run.py."""
    ensure_bundle(quick)
    runs = 3 if quick else 7
    rows: list[dict[str, Any]] = []
    size = folder_size(BUNDLE)
    rows.append(
        {
            "name": "bundle folder size (dist/rentan)",
            "value": size / MIB,
            "unit": "MiB",
            "kind": "max",
            "limit": SIZE_LIMIT_MIB,
        }
    )
    tarballs = sorted((ROOT / "dist").glob("rentan-desktop-*-linux-*.tar.gz"))
    if tarballs:
        rows.append(
            {
                "name": f"download size ({tarballs[-1].name})",
                "value": tarballs[-1].stat().st_size / MIB,
                "unit": "MiB",
                "kind": "max",
                "limit": SIZE_LIMIT_MIB // 2,
            }
        )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = _env(tmp)
        db = tmp / "bench.db"
        people = 500 if quick else 2000
        db.write_bytes(demo_db(people).read_bytes())
        first = _time([str(BUNDLE / "rentan"), "--version"], env)
        cases = [
            ("rentan --version", ["rentan", "--version"]),
            (f"rentan search ({people:,} people)", ["rentan", "search", "--db", str(db), "Siti"]),
            ("rentan-desktop to first window", ["rentan-desktop", "--db", str(db)]),
        ]
        for name, (program, *args) in cases:
            frozen, source = _paired_medians(
                [str(BUNDLE / program), *args], [str(VENV_BIN / program), *args], env, runs
            )
            row: dict[str, Any] = {
                "name": f"start: {name}, bundle vs source",
                "value": frozen,
                "baseline": source,
                "unit": "s",
                "target": START_TARGET,
            }
            if name == "rentan --version":
                row["note"] = f"first bundle run of this benchmark: {first:.2f} s"
            rows.append(row)
    return rows


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(r)
