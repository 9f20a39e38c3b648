"""Duplicate scoring: planted duplicates caught, clean rows flagged, look-alike relatives clustered.

Household lists from ``messy_generator.generate_households`` (whole families: spouses, siblings,
twins, a son named after his father) in three vocabularies and three layouts, over several seeds,
go through the legacy check (``legacy.check.check_sheet``: the same scorer as the database
look-ups). For each list: per planted duplicate kind, the share of pairs put in one cluster; the
share of clean rows (in no planted pair) that carry a cluster; per relative kind, the share of
pairs put in one cluster. The scorer's weights were set on seed 1 of the ``kaltim`` vocabulary,
layout 0; every other list is one it was not tuned on.

    python bench/bench_matching.py [--rows 3000] [--seeds 1 2 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench_legacy import check_file, kutim_index  # noqa: E402
from messy_generator import (  # noqa: E402
    HOUSEHOLD_DUPLICATES,
    RELATIVE_KINDS,
    VOCABULARIES,
    HouseholdTruth,
    generate_households,
)
from rentan_desktop.legacy.check import CheckResult  # noqa: E402


def score(result: CheckResult, truth: HouseholdTruth) -> dict[str, Any]:
    cluster = {r.number: r.cluster for r in result.rows}

    def together(a: int, b: int) -> bool:
        return cluster.get(a) is not None and cluster.get(a) == cluster.get(b)

    planted, caught = Counter[str](), Counter[str]()
    in_pair: set[int] = set()
    for a, b, kind in truth.duplicates:
        planted[kind] += 1
        caught[kind] += together(a, b)
        in_pair |= {a, b}
    rel, rel_clustered = Counter[str](), Counter[str]()
    missed_relatives = []
    for a, b, kind in truth.relatives:
        if a in in_pair or b in in_pair:
            continue  # a duplicate of one of them may rightly join their cluster
        rel[kind] += 1
        if together(a, b):
            rel_clustered[kind] += 1
            missed_relatives.append((a, b, kind))
    clean = [r for r in result.rows if r.number not in in_pair]
    flagged = [r.number for r in clean if r.cluster is not None]
    return {
        "duplicates": {k: [caught[k], planted[k]] for k in HOUSEHOLD_DUPLICATES},
        "relatives": {k: [rel_clustered[k], rel[k]] for k in RELATIVE_KINDS},
        "clean_rows": len(clean),
        "clean_flagged": len(flagged),
        "examples_relatives_clustered": missed_relatives[:5],
        "examples_missed": [(a, b, k) for a, b, k in truth.duplicates if not together(a, b)][:5],
    }


def lists(rows: int, seeds: list[int]) -> list[dict[str, Any]]:
    """Score every vocabulary x layout x seed list; one result per list."""
    regions = kutim_index()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for vocabulary in VOCABULARIES:
            for layout in (0, 1, 2):
                for seed in seeds:
                    path = Path(tmp) / f"{vocabulary}-{layout}-{seed}.xlsx"
                    truth = generate_households(
                        path, rows, seed, vocabulary=vocabulary, layout=layout
                    )
                    got = score(check_file(path, regions), truth)
                    got.update(vocabulary=vocabulary, layout=layout, seed=seed, rows=truth.rows)
                    out.append(got)
                    print(json.dumps(got), flush=True)
    return out


def totals(results: list[dict[str, Any]]) -> dict[str, Any]:
    dup = {
        k: [sum(r["duplicates"][k][i] for r in results) for i in (0, 1)]
        for k in HOUSEHOLD_DUPLICATES
    }
    rel = {k: [sum(r["relatives"][k][i] for r in results) for i in (0, 1)] for k in RELATIVE_KINDS}
    clean = sum(r["clean_rows"] for r in results)
    flagged = sum(r["clean_flagged"] for r in results)
    return {"duplicates": dup, "relatives": rel, "clean_rows": clean, "clean_flagged": flagged}


def run(quick: bool) -> list[dict[str, Any]]:
    """Rows for ``bench/run.py``: misses per duplicate kind, clean rows flagged, relatives clustered."""
    results = lists(1000 if quick else 5000, [1] if quick else [1, 2, 3])
    t = totals(results)
    out: list[dict[str, Any]] = []
    for kind, (caught, planted) in t["duplicates"].items():
        out.append(
            {
                "name": f"planted duplicates missed: {kind} ({planted} planted)",
                "value": 100 * (planted - caught) / max(planted, 1),
                "unit": "%",
                "kind": "max",
                "limit": 1,
            }
        )
    out.append(
        {
            "name": f"clean rows put in a cluster ({t['clean_rows']:,} clean rows)",
            "value": 100 * t["clean_flagged"] / max(t["clean_rows"], 1),
            "unit": "%",
            "kind": "max",
            "limit": 1,
        }
    )
    for kind, (clustered, pairs) in t["relatives"].items():
        out.append(
            {
                "name": f"look-alike relatives clustered: {kind} ({pairs} pairs)",
                "value": 100 * clustered / max(pairs, 1),
                "unit": "%",
                "kind": "max",
                "limit": 2,
            }
        )
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args()
    print(json.dumps(totals(lists(a.rows, a.seeds)), indent=1))
