"""Legacy import: detection rate, false alarms, and speed against a bare read plus a bare fuzzy pass.

Rows returned (see bench/run.py): detection of planted problems and duplicates (target >= 99 %),
false alarms on clean rows and among reported duplicate pairs (target <= 1 %), and the time to check
and deduplicate a 150,000-row file divided by the time of a bare calamine read plus a bare blocked
rapidfuzz pass over the same rows (target <= 3): once for the check alone (``legacy.check``), once
for the dry run users run (``rentan import-legacy FILE``, the GUI wizard: ``services.legacy_import.check``
on an initialised database, adding the domain validation of every row and the database look-ups),
both against the same baseline measured once.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from messy_generator import PROBLEMS, Truth, generate  # noqa: E402
from rentan_desktop.io.legacy_read import read_sheet  # noqa: E402
from rentan_desktop.legacy.check import CheckResult, check_sheet, prepare  # noqa: E402
from rentan_desktop.legacy.regions import Region, RegionIndex  # noqa: E402


def kutim_index() -> RegionIndex:
    from lokal import wilayah

    regions = []
    for kec in wilayah.list_wilayah("64.08"):
        code = kec.code.replace(".", "")
        regions.append(Region(code, kec.name, 3, "6408"))
        regions += [
            Region(d.code.replace(".", ""), d.name, 4, code) for d in wilayah.list_wilayah(kec.code)
        ]
    return RegionIndex(regions)


def check_file(path: Path, regions: RegionIndex | None = None) -> CheckResult:
    sheet = read_sheet(path)
    regions = regions or kutim_index()
    header, mapping = prepare(sheet, regions=regions)
    return check_sheet(sheet, header, mapping, regions, source_id="bench")


def score(result: CheckResult, truth: Truth) -> dict[str, Any]:
    """Detection and false-alarm figures of one check against what was planted."""
    by_row = {r.number: r for r in result.rows}
    dup_rows = {b for _, b, _ in truth.duplicates}
    caught, missed = 0, []
    for row_no, problem in truth.problems.items():
        got = {i.code for i in by_row[row_no].issues} if row_no in by_row else set()
        if got & PROBLEMS[problem]:
            caught += 1
        else:
            missed.append((row_no, problem, sorted(got)))
    clean = [r for r in result.rows if r.number not in truth.problems and r.number not in dup_rows]
    planted_pairs = {(a, b) for a, b, _ in truth.duplicates}
    members: dict[int, set[int]] = defaultdict(set)
    for r in result.rows:
        if r.cluster is not None:
            members[r.cluster].add(r.number)
    dup_caught = sum(
        1
        for a, b in planted_pairs
        if by_row.get(a)
        and by_row.get(b)
        and by_row[a].cluster is not None
        and by_row[a].cluster == by_row[b].cluster
    )
    dup_related = {(a, b) for a, b in planted_pairs} | {(b, a) for a, b in planted_pairs}
    # Chains (a planted twice) are true too: rows planted from the same original.
    origin = {b: a for a, b, _ in truth.duplicates}

    def root(x: int) -> int:
        while x in origin:
            x = origin[x]
        return x

    reported_pairs = false_pairs = 0
    for rows in members.values():
        ordered = sorted(rows)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                reported_pairs += 1
                if (a, b) not in dup_related and root(a) != root(b):
                    false_pairs += 1
    flagged_clean = [r for r in clean if r.issues]
    return {
        "problems_planted": len(truth.problems),
        "problems_caught": caught,
        "missed": missed[:10],
        "duplicates_planted": len(planted_pairs),
        "duplicates_caught": dup_caught,
        "clean_rows": len(clean),
        "clean_rows_flagged": len(flagged_clean),
        "flag_examples": [(r.number, [i.code for i in r.issues]) for r in flagged_clean[:10]],
        "pairs_reported": reported_pairs,
        "pairs_false": false_pairs,
    }


def service_dry_run(path: Path, db_dir: Path) -> float:
    """Seconds of ``legacy_import.check`` on ``path`` against a fresh initialised database (what
    ``rentan import-legacy FILE`` runs; it writes no report workbook unless asked)."""
    from rentan_desktop.services import auth, setup
    from rentan_desktop.services import legacy_import as li
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(db_dir / "rentan.db")
    try:
        setup.init_office(
            ctx,
            kode="640801",
            nama="Kecamatan Muara Ancalong",
            level="kecamatan",
            admin_username="admin",
            admin_full_name="Admin Kecamatan",
            admin_password="rahasia-kuat-1",
            funder=setup.FunderSpec(
                "APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408", "Perbup Kutai Timur"
            ),
            target=1000,
        )
        admin = auth.authenticate(ctx, "admin", "rahasia-kuat-1")
        start = time.perf_counter()
        run = li.check(ctx, actor=admin, path=path)
        seconds = time.perf_counter() - start
        assert len(run.result.rows) > 0
        return seconds
    finally:
        ctx.close()


def _cpu() -> float:
    """CPU seconds of this process plus its finished children (forked cleaning workers, if any:
    the check cleans in one process unless asked for workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def baseline(path: Path) -> float:
    """Seconds for a bare calamine read and a bare blocked rapidfuzz pass (names within birth date)."""
    from python_calamine import CalamineWorkbook
    from rapidfuzz import fuzz, process

    start = time.perf_counter()
    rows = (
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    )
    blocks: dict[str, list[str]] = defaultdict(list)
    for row in rows[5:]:
        if len(row) > 3:
            ttl = str(row[3])
            blocks[ttl[-10:]].append(str(row[2]))
    pairs = 0
    for names in blocks.values():
        for x in range(len(names) - 1):
            pairs += len(
                process.extract(
                    names[x],
                    names[x + 1 :],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=90,
                    limit=None,
                )
            )
    return time.perf_counter() - start


def run(quick: bool) -> list[dict[str, Any]]:
    """Benchmark rows: detection, false alarms, speed ratio (quick: 20,000 rows instead of 150,000)."""
    n = 20_000 if quick else 150_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messy.xlsx"
        truth = generate(path, n, seed=7)
        regions = kutim_index()  # in the app: loaded once from the wilayah table
        from rentan_desktop.domain import nik

        nik.current_kecamatan_codes()  # one-time load of the bundled code list, not per file
        cpu0 = _cpu()
        base = min(baseline(path) for _ in range(2))
        base_cpu = (_cpu() - cpu0) / 2
        start, cpu0 = time.perf_counter(), _cpu()
        result = check_file(path, regions)
        ours, ours_cpu = time.perf_counter() - start, _cpu() - cpu0
        dry_run = service_dry_run(path, Path(tmp))
    s = score(result, truth)
    missed_problems = s["problems_planted"] - s["problems_caught"]
    missed_dups = s["duplicates_planted"] - s["duplicates_caught"]
    return [
        {
            "name": f"planted problems missed ({s['problems_planted']} planted in {n:,} rows)",
            "value": 100.0 * missed_problems / max(s["problems_planted"], 1),
            "unit": "%",
            "kind": "max",
            "limit": 1.0,
            "note": f"{s['problems_caught']} caught",
        },
        {
            "name": f"planted duplicates missed ({s['duplicates_planted']} planted)",
            "value": 100.0 * missed_dups / max(s["duplicates_planted"], 1),
            "unit": "%",
            "kind": "max",
            "limit": 1.0,
            "note": f"{s['duplicates_caught']} caught",
        },
        {
            "name": f"clean rows flagged (false alarms, {s['clean_rows']:,} clean rows)",
            "value": 100.0 * s["clean_rows_flagged"] / max(s["clean_rows"], 1),
            "unit": "%",
            "kind": "max",
            "limit": 1.0,
            "note": f"{s['clean_rows_flagged']} flagged",
        },
        {
            "name": f"reported duplicate pairs that are false ({s['pairs_reported']} reported)",
            "value": 100.0 * s["pairs_false"] / max(s["pairs_reported"], 1),
            "unit": "%",
            "kind": "max",
            "limit": 1.0,
            "note": f"{s['pairs_false']} false",
        },
        {
            "name": f"check + deduplicate {n:,} rows vs bare calamine read + blocked rapidfuzz pass",
            "value": ours,
            "baseline": base,
            "unit": "s",
            "target": 3,
            "note": "ours: read, header, mapping, cleaning of every cell, desa matching, duplicate clusters",
        },
        {
            "name": f"same, CPU seconds (this process and any child processes) for {n:,} rows",
            "value": ours_cpu,
            "baseline": base_cpu,
            "unit": "s",
            "target": 3,
            "note": "less sensitive than wall time to other work on the machine",
        },
        {
            "name": f"dry run `rentan import-legacy FILE` of the same {n:,} rows vs the same baseline",
            "value": dry_run,
            "baseline": base,
            "unit": "s",
            "target": 3,
            "note": "services.legacy_import.check on a fresh initialised database: the check above "
            "plus the domain validation of every ready row, database duplicates and look-ups",
        },
    ]


if __name__ == "__main__":
    import json

    quick = "--full" not in sys.argv
    rows_n = 20_000 if quick else 150_000
    if "--score" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "m.xlsx"
            t = generate(p, int(sys.argv[sys.argv.index("--score") + 1]), seed=7)
            print(json.dumps(score(check_file(p), t), indent=1, default=str))
    else:
        for row in run(quick):
            print(json.dumps(row))
