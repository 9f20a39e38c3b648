"""Template import as the user runs it: ``rentan import-xlsx FILE`` against its floor.

Ours: the whole ``rentan import-xlsx --db DB --user admin FILE`` process on a copy of a freshly
initialised regency database (interpreter start, imports, migration check, login with Argon2, the
hostile-file pre-flight, the sandboxed sheet reader, every registration rule, duplicate checks against
the file and the database, the insert with its audit event and row seal per record, the summary).
Floor: ``bench/floor_template_import.py``, a bare ``python`` process doing a calamine read of the
same workbook and one executemany into a copy of the same database file (same schema, indexes and
FTS5 table, foreign keys on, WAL, ``synchronous=FULL``), with a 256 MiB page cache, writing the
FTS5 rows in one pass after the load as the app does.

Sizes 5,000 / 50,000 / 150,000 rows so a super-linear path shows, plus a 5,000-row desa template
(one desa) into a kecamatan office, whose target is absolute: at most 1.5 s of CPU, start-up included.
Runs are interleaved with the floor's; medians with the spread; the machine's load is written down.

    python bench/run.py --only template_import [--quick] [--repeat N]
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import common
from common import PASSWORD, ProcessRun, copy_db, interleave, process_rows, run_process

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor_template_import.py"
FLOOR_TEXT = (
    "bare python: calamine read + one executemany into the same database file (same "
    "indexes, FTS5 table, foreign keys), WAL, synchronous=FULL, cache_size 256 MiB, the "
    "FTS5 rows in one INSERT…SELECT after the load (trigger dropped and restored)"
)


def _base(office: str) -> Path:
    """An initialised office database (regency 6408 or kecamatan 640801) with funder APBD-KAB."""
    path = common.OUT / f"template-base-{office}.db"
    done = path.with_suffix(".ready")
    if not done.exists():
        copy_db_clean(path)
        shutil.rmtree(common.keys_of(path), ignore_errors=True)
        level = "kecamatan" if len(office) == 6 else "kabupaten"
        common.rentan(
            "init",
            "--db",
            str(path),
            "--office-code",
            office,
            "--level",
            level,
            "--admin",
            "admin",
            "--funder-code",
            "APBD-KAB",
            "--age-min",
            "15",
            "--age-max",
            "64",
            "--domicile",
            "6408",
        )
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        done.touch()
    return path


def copy_db_clean(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".write-lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(common.keys_of(path), ignore_errors=True)


def _workbook(n: int, base: Path, one_desa: bool) -> Path:
    from bench_core import _write_filled

    path = common.OUT / f"template-{n}{'-desa' if one_desa else ''}.xlsx"
    if not path.exists():
        con = sqlite3.connect(base)
        desa = [
            r[0]
            for r in con.execute(
                "SELECT kode FROM wilayah WHERE level = 4 AND kode LIKE ? ORDER BY kode",
                ("640801%" if one_desa else "6408%",),
            )
        ]
        con.close()
        _write_filled(path, n, desa[:1] if one_desa else desa)
    return path


def measure(n: int, repeat: int, *, office: str = "6408", one_desa: bool = False) -> common.Paired:
    base = _base(office)
    xlsx = _workbook(n, base, one_desa)
    env = {**common.app_env(), "RENTAN_PASSWORD": PASSWORD}
    app_db, floor_db = common.OUT / "template-app.db", common.OUT / "template-floor.db"

    def app(_i: int) -> ProcessRun:
        copy_db_clean(app_db)
        common.copy_office(base, app_db)
        return run_process(
            [
                str(common.VENV_BIN / "rentan"),
                "import-xlsx",
                "--db",
                str(app_db),
                "--user",
                "admin",
                str(xlsx),
            ],
            env=env,
        )

    def floor(_i: int) -> ProcessRun:
        copy_db_clean(floor_db)
        copy_db(base, floor_db)
        return run_process([sys.executable, str(FLOOR), str(floor_db), str(xlsx)], env=env)

    pair = interleave(app, floor, repeat, warm_key="template_import")
    con = sqlite3.connect(app_db)
    saved = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
    con.close()
    if saved != n:  # a fast import that saved nothing proves nothing
        raise RuntimeError(f"template import saved {saved} of {n} rows")
    copy_db_clean(app_db)
    copy_db_clean(floor_db)
    return pair


def run(quick: bool) -> list[dict]:
    if common.SIZE:  # one volume only, no desa row: the framework's own quick test
        pair = measure(common.SIZE, common.repeat(1))
        return process_rows(
            f"rentan import-xlsx, {common.SIZE:,} rows (regency office)", pair, floor=FLOOR_TEXT
        )
    sizes = (1_000,) if quick else (5_000, 50_000, 150_000)
    rows: list[dict] = []
    for n in sizes:
        repeat = common.repeat(3 if n <= 5_000 else 2 if n <= 50_000 else 1)
        pair = measure(n, repeat)
        rows += process_rows(
            f"rentan import-xlsx, {n:,} rows (regency office)",
            pair,
            floor=FLOOR_TEXT,
            target=2 if n == 150_000 else None,
        )
    n = 1_000 if quick else 5_000
    pair = measure(n, common.repeat(3), office="640801", one_desa=True)
    cpu = [r.cpu for r in pair.app]
    rows += process_rows(
        f"rentan import-xlsx, {n:,}-row desa template (kecamatan office)", pair, floor=FLOOR_TEXT
    )
    rows.append(
        {
            "name": f"{n:,}-row desa template, CPU with start-up (median)",
            "unit": "s",
            "value": sorted(cpu)[len(cpu) // 2],
            "kind": "max",
            "limit": 1.5,
            "load": pair.load_text(),
        }
    )
    return rows
