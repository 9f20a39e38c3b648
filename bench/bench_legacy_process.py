"""Legacy dry run measured as the user runs it: whole processes, start-up included.

Ours: ``rentan import-legacy FILE --dry-run`` on a fresh initialised database of the regency office
(the generated list spans the regency's desa; a kecamatan office would refuse most rows as lying in
another kecamatan, and skip the work done for rows that are ready; the generated list has no
occupation column, so ``--pekerjaan`` gives the default, as a clerk would) (the process the clerk
starts: interpreter start, imports, login, reading, header and mapping, cleaning of every cell, value
mapping, the registration rules of every ready row, duplicate clusters, the summary printed).
Baseline: a bare ``python`` script doing a calamine read of the same file and a blocked rapidfuzz pass
over its names (names compared within a birth-date block), the honest minimum of the same work.
Both run as child processes, interleaved (baseline, ours, baseline, ours, ...), so load on the shared
machine falls on both alike; wall time and CPU time (user + system of the child) are medians.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from messy_generator import generate  # noqa: E402

PASSWORD = "rahasia-kuat-1"
BASELINE = """
import sys
from collections import defaultdict
from python_calamine import CalamineWorkbook
from rapidfuzz import fuzz, process

rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
blocks = defaultdict(list)
for row in rows[5:]:
    if len(row) > 3:
        blocks[str(row[3])[-10:]].append(str(row[2]))
pairs = 0
for names in blocks.values():
    for x in range(len(names) - 1):
        pairs += len(process.extract(names[x], names[x + 1:], scorer=fuzz.token_sort_ratio,
                                     score_cutoff=90, limit=None))
print(len(rows), pairs)
"""


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and exit code of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: the dry run found refused rows, as planted
        raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, cpu, done.returncode


def _init(db: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [_bin("rentan"), "init", "--db", str(db), "--office-code", "64.08", "--level",
         "kabupaten", "--admin", "admin", "--funder-code", "APBD-KUTIM", "--age-min", "15",
         "--age-max", "64"],
        env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def run(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 150_000
    rounds = 2 if quick else 3
    env = {**os.environ, "RENTAN_PASSWORD": PASSWORD}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "daftar.xlsx"
        generate(path, n, seed=11)
        db = Path(tmp) / "rentan.db"
        _init(db, env)
        script = Path(tmp) / "bare.py"
        script.write_text(BASELINE, encoding="utf-8")
        ours_cmd = [_bin("rentan"), "import-legacy", str(path), "--db", str(db), "--user",
                    "admin", "--dry-run", "--pekerjaan", "LAINNYA"]  # fmt: skip
        base_cmd = [sys.executable, str(script), str(path)]
        base_w, base_c, ours_w, ours_c = [], [], [], []
        for _ in range(rounds):
            w, c, _code = _timed(base_cmd, env)
            base_w.append(w)
            base_c.append(c)
            w, c, _code = _timed(ours_cmd, env)
            ours_w.append(w)
            ours_c.append(c)
    note = (
        f"{rounds} interleaved runs each, medians; runs (ours/base, s): "
        + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(ours_w, base_w, strict=True))
        + "; the machine was shared with other work while this ran"
    )
    return [
        {
            "name": f"`rentan import-legacy FILE --dry-run`, {n:,} rows, whole process (wall) vs "
            "bare python: calamine read + blocked rapidfuzz pass",
            "value": statistics.median(ours_w),
            "baseline": statistics.median(base_w),
            "unit": "s",
            "target": 3,
            "note": note,
        },
        {
            "name": "same, CPU seconds of each child process (user + system)",
            "value": statistics.median(ours_c),
            "baseline": statistics.median(base_c),
            "unit": "s",
            "target": 3,
            "note": "CPU runs (ours/base, s): "
            + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(ours_c, base_c, strict=True)),
        },
    ]


if __name__ == "__main__":
    for row in run("--full" not in sys.argv):
        ratio = row["value"] / row["baseline"]
        print(f"{row['name']}: {row['value']:.2f} vs {row['baseline']:.2f} = {ratio:.2f}x")
        print("   ", row["note"])
