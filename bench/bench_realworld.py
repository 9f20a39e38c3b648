"""Issue 14's mistakes in real-world lists: detection per problem type, false alarms, relatives.

Lists from ``messy_generator.generate_realworld`` (KK and kecamatan columns; free-text occupation,
SUMBER DANA and STATUS words; a group label per dusun between the people; the signature block under
the table; planted mistakes of every kind issue 14 names) in two vocabularies and two layouts, over
seeds, go through the service dry run (``services.legacy_import.check``: what ``rentan
import-legacy FILE`` runs, funder age band included) on a regency database with one funder (ages
15-64). Household lists from ``messy_generator.generate_households`` give the look-alike relatives.

Reported: per planted problem type, the rows whose report names one of its codes; clean rows flagged
with an error or put in a duplicate cluster (and, apart, with a warning only); group label rows
skipped as labels (never people); planted duplicates clustered; relatives clustered.

    python bench/bench_realworld.py [--rows 3000] [--seeds 101 102] [--households]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from messy_generator import (  # noqa: E402
    REALWORLD_PROBLEMS,
    generate_households,
    generate_realworld,
)

PASSWORD = "rahasia-kuat-1"


def open_db(folder: Path) -> tuple[Any, Any]:
    from rentan_desktop.services import auth, setup
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(folder / "rentan.db")
    setup.init_office(
        ctx,
        kode="6408",
        nama="Kabupaten Kutai Timur",
        level="kabupaten",
        admin_username="admin",
        admin_full_name="Admin Kabupaten",
        admin_password=PASSWORD,
        funder=setup.FunderSpec(
            "APBD-KUTIM", "APBD Kabupaten Kutai Timur", 15, 64, "6408", "Perbup Kutai Timur"
        ),
        target=1000,
    )
    return ctx, auth.authenticate(ctx, "admin", PASSWORD)


def score_list(ctx: Any, admin: Any, path: Path, truth: Any) -> dict[str, Any]:
    from rentan_desktop.services import legacy_import as li

    result = li.check(ctx, actor=admin, path=path).result
    by_row = {r.number: r for r in result.rows}
    caught: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    missed: list[tuple[int, str, list[str]]] = []
    for row_no, problem in truth.problems.items():
        planted[problem] += 1
        got = {i.code for i in by_row[row_no].issues} if row_no in by_row else set()
        if got & REALWORLD_PROBLEMS[problem]:
            caught[problem] += 1
        elif len(missed) < 5:
            missed.append((row_no, problem, sorted(got)))
    dup_rows = {x for a, b, _ in truth.duplicates for x in (a, b)}
    clean = [r for r in result.rows if r.number not in truth.problems and r.number not in dup_rows]
    flagged = [r for r in clean if not r.ok or r.cluster is not None]
    warned = [r for r in clean if r.ok and r.issues and r.cluster is None]
    dups = sum(
        1
        for a, b, _ in truth.duplicates
        if a in by_row and b in by_row and by_row[a].cluster is not None
        and by_row[a].cluster == by_row[b].cluster
    )  # fmt: skip
    labels = sum(1 for s in result.skipped if s.kind == "label")
    people_skipped = sum(
        1 for s in result.skipped if s.kind not in ("label", "kosong", "tanda_tangan")
    )
    return {
        "planted": planted,
        "caught": caught,
        "missed": missed,
        "clean": len(clean),
        "flagged": len(flagged),
        "flag_examples": [(r.number, [i.code for i in r.issues]) for r in flagged[:5]],
        "warned": len(warned),
        "warn_codes": Counter(i.code for r in warned for i in r.issues),
        "dups_planted": len(truth.duplicates),
        "dups_caught": dups,
        "labels_planted": truth.labels,
        "labels_skipped": labels,
        "other_skipped": people_skipped,
        "rows": len(result.rows),
    }


def relatives(ctx: Any, admin: Any, folder: Path, rows: int, seeds: list[int]) -> dict[str, Any]:
    from rentan_desktop.services import legacy_import as li

    kinds: Counter[str] = Counter()
    clustered: Counter[str] = Counter()
    dups = caught = 0
    for seed in seeds:
        for vocab, layout in (("jawa", 0), ("batak", 1), ("kaltim", 2)):
            path = folder / f"hh_{seed}_{vocab}_{layout}.xlsx"
            truth = generate_households(path, rows, seed=seed, vocabulary=vocab, layout=layout)
            result = li.check(ctx, actor=admin, path=path).result
            cl = {r.number: r.cluster for r in result.rows}
            for a, b, kind in truth.relatives:
                kinds[kind] += 1
                if cl.get(a) is not None and cl.get(a) == cl.get(b):
                    clustered[kind] += 1
            for a, b, _ in truth.duplicates:
                dups += 1
                caught += cl.get(a) is not None and cl.get(a) == cl.get(b)
    return {"pairs": kinds, "clustered": clustered, "dups": dups, "dups_caught": caught}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--seeds", type=int, nargs="+", default=[101, 102])
    ap.add_argument("--households", action="store_true", help="also the look-alike relatives")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ctx, admin = open_db(folder)
        total: dict[str, Any] = defaultdict(int)
        planted: Counter[str] = Counter()
        caught: Counter[str] = Counter()
        warn_codes: Counter[str] = Counter()
        for seed in a.seeds:
            for vocab in (0, 1):
                for layout in (0, 1):
                    path = folder / f"rw_{seed}_{vocab}_{layout}.xlsx"
                    truth = generate_realworld(
                        path, a.rows, seed=seed, vocabulary=vocab, layout=layout
                    )
                    got = score_list(ctx, admin, path, truth)
                    planted.update(got["planted"])
                    caught.update(got["caught"])
                    warn_codes.update(got["warn_codes"])
                    for k in ("clean", "flagged", "warned", "dups_planted", "dups_caught",
                              "labels_planted", "labels_skipped", "other_skipped", "rows"):  # fmt: skip
                        total[k] += got[k]
                    print(
                        f"seed {seed} vocab {vocab} layout {layout}: {got['rows']} rows, missed "
                        f"{got['missed']}, flagged {got['flag_examples']}",
                        flush=True,
                    )
        print("\n| planted problem | caught |\n|---|---:|")
        for kind in REALWORLD_PROBLEMS:
            print(f"| {kind} | {caught[kind]} / {planted[kind]} |")
        print(f"| **all** | **{sum(caught.values())} / {sum(planted.values())}** |")
        print(dict(total))
        print("clean rows warned, by code:", dict(warn_codes.most_common()))
        if a.households:
            print(relatives(ctx, admin, folder, a.rows, a.seeds))
        ctx.close()


if __name__ == "__main__":
    main()
