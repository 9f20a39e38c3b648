"""Helpers shared by benchmarks: cached demo databases, percentiles, timers."""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PASSWORD = "bench-password-1"
VENV_BIN = HERE.parent / ".venv" / "bin"


def rentan(*args: str) -> None:
    env = {**os.environ, "RENTAN_PASSWORD": PASSWORD}
    subprocess.run([str(VENV_BIN / "rentan"), *args], check=True, env=env, stdout=subprocess.DEVNULL)


def demo_db(count: int, office: str = "6408") -> Path:
    """A database with ``count`` demo registrants, generated once and cached under bench/out/."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{office}-{count}.db"
    if not path.exists():
        tmp = path.with_suffix(".tmp.db")
        for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            p.unlink(missing_ok=True)
        # --db never creates a database (only init does): make it, then fill it.
        level = "kecamatan" if len(office) == 6 else "kabupaten"
        rentan("init", "--db", str(tmp), "--office-code", office, "--level", level, "--admin", "admin")
        rentan("demo", "--db", str(tmp), "--user", "admin", "--count", str(count), "--office-code", office)
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        tmp.rename(path)
    return path


def copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def python() -> str:
    return sys.executable
