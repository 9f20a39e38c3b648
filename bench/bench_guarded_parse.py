"""Guarded parsing (pre-checks + a child process with limits) against in-process calamine.

Both sides are whole processes started the same way, interleaved (seven pairs), on the same
150,000-row files:

- baseline: ``python -c`` importing python-calamine only, reading the sheet in-process exactly as
  the readers did before (``to_python(skip_empty_area=False)``; the legacy side also builds the
  ``SheetData`` and fills merged cells, as ``legacy_read.read_sheet`` does);
- guarded: the same through ``template_xlsx.read_rows`` / ``legacy_read.read_sheet``: the
  declared-size checks, the child process with its memory/CPU limits, the cells-used scan running
  in this process meanwhile, and the rows streamed back.

Wall time is what the user waits; CPU seconds (the process and its children) show the extra work.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import OUT

BASELINE_TEMPLATE = (
    "import sys\nfrom python_calamine import CalamineWorkbook\n"
    "wb = CalamineWorkbook.from_path(sys.argv[1])\n"
    "assert 'Data' in wb.sheet_names\n"
    "table = wb.get_sheet_by_name('Data').to_python(skip_empty_area=False)\n"
    "n = sum(1 for cells in table[1:] if not all(v in ('', None) for v in cells[:16]))\n"
    "print(n)\n"
)
GUARDED_TEMPLATE = (
    "import sys\nfrom pathlib import Path\nfrom rentan_desktop.io import template_xlsx as tx\n"
    "print(sum(1 for _ in tx.read_rows(Path(sys.argv[1])).rows))\n"
)
BASELINE_LEGACY = (
    "import sys\nfrom python_calamine import CalamineWorkbook\n"
    "from rentan_desktop.legacy.table import SheetData\n"
    "ws = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)\n"
    "rows = ws.to_python(skip_empty_area=False)\n"
    "merged = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]\n"
    "data = SheetData('x', rows, merged)\ndata.fill_merged()\nprint(len(data.rows))\n"
)
GUARDED_LEGACY = (
    "import sys\nfrom rentan_desktop.io import legacy_read\n"
    "print(len(legacy_read.read_sheet(sys.argv[1]).rows))\n"
)


def template_file(n: int) -> Path:
    from bench_core import _write_filled

    path = OUT / f"filled-{n}.xlsx"
    if not path.exists():
        _write_filled(path, n, [f"64080120{i:02d}" for i in range(1, 20)])
    return path


def legacy_file(n: int) -> Path:
    import messy_generator

    path = OUT / f"legacy-guard-{n}.xlsx"
    if not path.exists():
        messy_generator.generate(path, n, 7)
    return path


def _run(script: str, path: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, done.stdout.strip()


def compare(
    label: str, baseline: str, guarded: str, path: Path, repeat: int
) -> list[dict[str, Any]]:
    walls: dict[str, list[float]] = {"base": [], "guard": []}
    cpus: dict[str, list[float]] = {"base": [], "guard": []}
    _run(baseline, path)  # warm the page cache for both
    for _ in range(repeat):  # interleaved, so load from other work falls on both sides alike
        for side, script in (("base", baseline), ("guard", guarded)):
            wall, cpu, out = _run(script, path)
            walls[side].append(wall)
            cpus[side].append(cpu)
    base, guard = statistics.median(walls["base"]), statistics.median(walls["guard"])
    # Each guarded run against the baseline run just before it: on a loaded machine the two
    # medians can come from different minutes of load; the pairs cannot.
    pairs = statistics.median(g / b for g, b in zip(walls["guard"], walls["base"], strict=True))
    return [
        {
            "name": f"{label}: whole process, wall (median of {repeat})",
            "value": guard,
            "baseline": base,
            "unit": "s",
            "target": 1.10,
            "note": f"interleaved pairs, median ratio {pairs:.2f}x; all runs base "
            f"{[round(x, 2) for x in walls['base']]} guarded {[round(x, 2) for x in walls['guard']]}",
        },
        {
            "name": f"{label}: CPU of the process and its children (median)",
            "value": statistics.median(cpus["guard"]),
            "baseline": statistics.median(cpus["base"]),
            "unit": "s",
        },
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 150_000
    repeat = 3 if quick else 7
    rows = compare(
        f"template xlsx, {n:,} rows", BASELINE_TEMPLATE, GUARDED_TEMPLATE, template_file(n), repeat
    )
    rows += compare(
        f"legacy xlsx, {n:,} rows", BASELINE_LEGACY, GUARDED_LEGACY, legacy_file(n), repeat
    )
    return rows
