"""Benchmark runner: runs bench/bench_*.py modules and records ratios in bench/RESULTS.md.

Each module exposes ``run(quick: bool) -> list[dict]`` with keys name, value, baseline, unit, target
(the allowed ratio) and optionally note, spread (lowest-highest of the repeats), floor (what the
baseline process does) and load (the machine's load while it ran). Figures are ratios against a
baseline measured in the same run on the same machine; a row of ``kind: max`` is an absolute ceiling.
Usage:

    python bench/run.py [--quick] [--only core,print] [--repeat N] [--size ROWS] [--results FILE]

``--quick`` runs small volumes in CI-sized time and writes RESULTS.md only when ``--results`` names
a file; a full run merges its sections into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import common  # noqa: E402 - after the path set-up above


def load(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Registered first, as an import does: a dataclass with string annotations looks its module up.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def fmt(value: float) -> str:
    return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"


def section(
    name: str, rows: list[dict], seconds: float, load: tuple[float, float] | None = None
) -> str:
    machine = ""
    if load is not None:
        busy = common.loaded(max(load))
        machine = (
            f" Load average {load[0]:.1f} at the start, {load[1]:.1f} at the end on "
            f"{os.cpu_count()} cores: {'**taken under load** (other work shared the cores)' if busy else 'quiet'}."
        )
    lines = [
        f"<!-- bench:{name} -->",
        f"### {name}",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"Python {platform.python_version()}, {seconds:.0f} s.{machine}",
        "",
        "| measurement | value | baseline | ratio | target | ok |",
        "|---|---:|---:|---:|---:|:-:|",
    ]
    for r in rows:
        base = r.get("baseline")
        ratio = r["value"] / base if base else None
        target = r.get("target")
        ok = "" if target is None or ratio is None else ("yes" if ratio <= target else "**no**")
        if r.get("kind") == "max":  # absolute ceiling (e.g. memory) rather than a ratio
            ok = "yes" if r["value"] <= r["limit"] else "**no**"
        unit = r.get("unit", "")
        lines.append(
            f"| {r['name']} | {fmt(r['value'])} {unit} | {fmt(base) + ' ' + unit if base else '-'} | "
            f"{f'{ratio:.2f}x' if ratio else '-'} | "
            f"{f'≤ {target}x' if target else (str(r.get('limit', '-')) + ' ' + unit if r.get('kind') == 'max' else '-')} | {ok} |"
        )
        details = [r[k] for k in ("note",) if r.get(k)]
        if r.get("spread"):
            details.append(f"spread (lowest–highest) {r['spread']} {unit}")
        if r.get("floor"):
            details.append(f"floor: {r['floor']}")
        if r.get("load"):
            details.append(r["load"])
        if details:
            lines.append(f"|   ↳ {'; '.join(details)} | | | | | |")
    lines.append(f"<!-- /bench:{name} -->")
    return "\n".join(lines)


def merge(sections: dict[str, str], results: Path = RESULTS) -> None:
    text = (
        results.read_text(encoding="utf-8")
        if results.exists()
        else (
            "# Benchmark results\n\nRun with `make bench` (all) or `make bench ARGS='--only core'`. Every figure is a "
            "ratio against a baseline measured in the same run on this machine (2 cores). Targets come from the "
            "issues.\n"
        )
    )
    for name, body in sections.items():
        pattern = re.compile(
            rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S
        )
        text = (
            pattern.sub(lambda _m, body=body: body, text)
            if pattern.search(text)
            else text.rstrip() + "\n\n" + body + "\n"
        )
    results.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small volumes, for a smoke run")
    parser.add_argument("--only", default="", help="comma-separated module names without bench_")
    parser.add_argument("--repeat", type=int, help="runs of each measurement (modules that repeat)")
    parser.add_argument(
        "--size", type=int, help="one volume only, this many rows (modules that take it)"
    )
    parser.add_argument(
        "--results", type=Path, help="write the sections here (a quick run writes only then)"
    )
    args = parser.parse_args()
    common.OUT.mkdir(parents=True, exist_ok=True)
    common.REPEAT, common.SIZE = args.repeat, args.size
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    sections: dict[str, str] = {}
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"== {name}", flush=True)
        started, load_before = time.perf_counter(), common.load_average()
        try:
            module = load(path)
            if not hasattr(module, "run"):  # a stand-alone script (its own main), not a section
                print(f"   skipped: run `python bench/{path.name}` on its own", flush=True)
                continue
            rows = module.run(args.quick)
        except Exception:  # noqa: BLE001 - report and continue with the other benchmarks
            traceback.print_exc()
            failed += 1
            continue
        for r in rows:
            print(
                f"   {r['name']}: {r['value']:.4g} vs {r.get('baseline') or 0:.4g} {r.get('unit', '')}"
                + (f" [{r['spread']}]" if r.get("spread") else ""),
                flush=True,
            )
        if not args.quick or args.results:
            sections[name] = section(
                name, rows, time.perf_counter() - started, (load_before, common.load_average())
            )
    if sections:
        merge(sections, args.results or RESULTS)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
