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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
# RENTAN_BENCH_OUT moves the generated files (the framework's own test uses a temporary folder).
OUT = Path(os.environ.get("RENTAN_BENCH_OUT") or HERE / "out")
PASSWORD = "bench-password-1"
VENV_BIN = HERE.parent / ".venv" / "bin"


def rentan(*args: str) -> None:
    env = {**os.environ, "RENTAN_PASSWORD": PASSWORD}
    subprocess.run(
        [str(VENV_BIN / "rentan"), *args], check=True, env=env, stdout=subprocess.DEVNULL
    )


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
        rentan(
            "init", "--db", str(tmp), "--office-code", office, "--level", level, "--admin", "admin"
        )
        rentan(
            "demo",
            "--db",
            str(tmp),
            "--user",
            "admin",
            "--count",
            str(count),
            "--office-code",
            office,
        )
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        tmp.rename(path)
        if keys_of(tmp).is_dir():  # the key folder goes with its database (audit key, anchors)
            shutil.rmtree(keys_of(path), ignore_errors=True)
            keys_of(tmp).rename(keys_of(path))
    return path


def copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def keys_of(db: Path) -> Path:
    """The key folder the app keeps beside a database (``<stem>-keys``)."""
    return db.parent / f"{db.stem}-keys"


def copy_office(src: Path, dst: Path) -> Path:
    """A database and its key folder (audit key, anchors), as the office keeps them together: a
    copy without them would be re-keyed and re-sealed on open, work a user never waits for."""
    copy_db(src, dst)
    shutil.rmtree(keys_of(dst), ignore_errors=True)
    if keys_of(src).is_dir():
        shutil.copytree(keys_of(src), keys_of(dst))
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


# --- Whole processes, as the user runs them -------------------------------------------------------
# A path is timed as the process the user starts (start-up, login and checks included) against a
# bare process doing the same work with the same durability and a tuned page cache: the floor.
# Runs alternate (app, floor, app, floor, ...) so load from other work falls on both sides alike.

FLOOR_CACHE_KIB = 256 * 1024  # the floor's page cache: PRAGMA cache_size = -262144 (256 MiB)


@dataclass
class ProcessRun:
    wall: float  # seconds from start to exit
    cpu: float  # user + system seconds of the process and every child it waited for
    rss_mb: float  # peak resident set of the process (its largest child, when that is bigger)


def run_process(
    argv: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> ProcessRun:
    """Start ``argv``, wait for it, and return its wall time, CPU time and peak memory.

    CPU comes from ``wait4`` (the process's own rusage, which includes the children it waited
    for, such as the sandboxed sheet reader), so other work on the machine does not count.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env if env is not None else app_env(),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = _PeakWatch(proc.pid)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    peak.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok_codes:
        raise RuntimeError(
            f"{argv[:3]}… exited {proc.returncode}: {err.decode(errors='replace')[-800:]}"
        )
    # wait4's ru_maxrss also counts the benchmark's own memory (the child starts as its copy
    # before exec): the process's own high-water mark from /proc is the figure where there is one.
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, peak.mb or usage.ru_maxrss / 1024)


class _PeakWatch:
    """Samples a running process's own peak resident set (VmHWM, Linux) every 20 ms."""

    def __init__(self, pid: int) -> None:
        import threading

        self.mb = 0.0
        self._status = Path(f"/proc/{pid}/status")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            try:
                text = self._status.read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    self.mb = max(self.mb, int(line.split()[1]) / 1024)
            self._done.wait(0.02)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def load_average() -> float:
    """One-minute load average (0 where the platform has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def loaded(load: float) -> bool:
    """A run is 'under load' when other work kept the cores more than half busy."""
    return load > 0.5 * (os.cpu_count() or 1)


@dataclass
class Paired:
    """Interleaved samples of a path and its floor."""

    app: list[ProcessRun]
    floor: list[ProcessRun]
    load_before: float
    load_after: float

    @property
    def under_load(self) -> bool:
        return loaded(max(self.load_before, self.load_after))

    def load_text(self) -> str:
        mark = "loaded" if self.under_load else "quiet"
        return (
            f"load {self.load_before:.1f}→{self.load_after:.1f} on {os.cpu_count()} cores ({mark})"
        )


_WARMED: set[str] = set()


def interleave(
    app: Callable[[int], ProcessRun],
    floor: Callable[[int], ProcessRun],
    repeat: int,
    warm_key: str = "",
) -> Paired:
    """Run ``app(i)`` and ``floor(i)`` alternately ``repeat`` times each, the order swapped every
    round so neither side always runs second (warm page cache, a neighbour's burst).

    The first call with a given ``warm_key`` runs each side once untimed first, so both find their
    bytecode cached (as an installed program does) and their files in the OS cache."""
    if warm_key and warm_key not in _WARMED and not (SIZE is not None and REPEAT == 1):
        _WARMED.add(warm_key)
        app(-1)
        floor(-1)
    before = load_average()
    a: list[ProcessRun] = []
    f: list[ProcessRun] = []
    for i in range(repeat):
        if i % 2 == 0:
            a.append(app(i))
            f.append(floor(i))
        else:
            f.append(floor(i))
            a.append(app(i))
    return Paired(a, f, before, load_average())


def median_spread(values: list[float]) -> tuple[float, float, float]:
    """Median, lowest and highest."""
    return statistics.median(values), min(values), max(values)


def process_rows(
    name: str,
    pair: Paired,
    *,
    floor: str,
    target: float | None = None,
    cpu_target: float | None = None,
    note: str = "",
) -> list[dict]:
    """Rows for bench/run.py: CPU (the verdict on a loaded machine) and wall time, each the median
    of the runs with its spread, against the floor measured beside it."""
    rows = []
    for kind, pick, tgt in (
        ("CPU", lambda r: r.cpu, cpu_target if cpu_target is not None else target),
        ("wall", lambda r: r.wall, target),
    ):
        app_m, app_lo, app_hi = median_spread([pick(r) for r in pair.app])
        fl_m, fl_lo, fl_hi = median_spread([pick(r) for r in pair.floor])
        rows.append(
            {
                "name": f"{name} ({kind}, median of {len(pair.app)})",
                "value": app_m,
                "baseline": fl_m,
                "unit": "s",
                "target": tgt,
                "spread": f"{app_lo:.2f}–{app_hi:.2f} vs {fl_lo:.2f}–{fl_hi:.2f}",
                "floor": floor,
                "load": pair.load_text(),
                "note": note if kind == "CPU" else "",
            }
        )
    rows.append(
        {
            "name": f"{name}, peak memory (largest run)",
            "value": max(r.rss_mb for r in pair.app),
            "baseline": max(r.rss_mb for r in pair.floor),
            "unit": "MB",
        }
    )
    return rows


REPEAT: int | None = None  # bench/run.py --repeat N overrides every module's own choice
SIZE: int | None = None  # bench/run.py --size N: one volume only (the framework's own test)


def repeat(default: int) -> int:
    return REPEAT if REPEAT is not None else default


def app_env() -> dict[str, str]:
    """The environment of every timed child (app and floor alike): Python's bytecode cache on, as
    an installed program has it (pip and the bundle ship compiled modules; this workplace sets
    PYTHONDONTWRITEBYTECODE, which would recompile the app's own modules at every start), logs in
    the bench's own folder."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    env["RENTAN_LOG_DIR"] = str(OUT / "logs")
    return env
