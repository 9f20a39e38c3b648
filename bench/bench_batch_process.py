"""Signed batches as the user runs them: ``rentan export-batch`` and ``rentan import-batch`` as whole
processes at 15,000 and 150,000 records, each against its floor (``bench/floor_batch.py``).

Export: the kecamatan's ``rentan export-batch --out DIR --to 6408`` (start-up, login, key unlock,
reading the ready records, writing, signing, sealing to the recipient, reading the file back, marking
the records sent) vs a bare process that reads the same rows with one SELECT and writes them with
xlsxwriter. Import: the regency's ``rentan import-batch FILE`` of that sealed batch (start-up, login,
opening and verifying it, every row checked, conflicts looked up, inserted with audit events and row
seals, one transaction) vs a bare process that reads the floor's plain workbook with calamine and
inserts the rows with one executemany (same schema and indexes, WAL, ``synchronous=FULL``,
256 MiB page cache). Runs interleave with their floor's; medians with the spread; load written down.
The databases and keys come from ``bench_batch.prepare`` (demo records set to verified).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path

import common
from common import PASSWORD, ProcessRun, interleave, process_rows, run_process

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor_batch.py"
KEY_PASSPHRASE = "bench-key-passphrase-1"
EXPORT_FLOOR = "bare python: one SELECT of the same rows + xlsxwriter (constant memory, text cells)"
IMPORT_FLOOR = (
    "bare python: calamine read of the floor's plain workbook + one executemany into a copy "
    "of the same database (same indexes, FTS5 trigger), WAL, synchronous=FULL, "
    "cache_size 256 MiB"
)
NULLABLE = ("no_kk", "no_hp", "kpj", "coverage_start", "coverage_end", "origin_batch")


def _spec(work: Path) -> Path:
    from rentan_desktop.io.batch_rows import HEADERS, KEYS
    from rentan_desktop.services.batches import _SELECT
    from rentan_desktop.storage.registrant_table import ROW_FIELDS

    # Every stored column of a row, as the registrant row's owner inserts it (one plain INSERT).
    insert_sql = (
        f"INSERT INTO registrant ({', '.join(ROW_FIELDS)}) "
        f"VALUES ({', '.join('?' for _ in ROW_FIELDS)})"
    )

    path = work / "floor-spec.json"
    path.write_text(
        json.dumps(
            {
                "select": _SELECT + "WHERE r.status = 'verified' ORDER BY r.id",
                "headers": list(HEADERS),
                "keys": list(KEYS),
                "insert_cols": list(ROW_FIELDS),
                "insert_sql": insert_sql,
                "nullable": list(NULLABLE),
            }
        ),
        encoding="utf-8",
    )
    return path


def _fresh(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm", ".write-lock"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    return common.copy_office(src, dst)


def measure(count: int, repeat: int) -> tuple[common.Paired, common.Paired]:
    import bench_batch

    work = common.OUT / f"batch-process-{count}"
    bench_batch.prepare(work, count)
    spec = _spec(work)
    env = {**common.app_env(), "RENTAN_PASSWORD": PASSWORD, "RENTAN_KEY_PASSPHRASE": KEY_PASSPHRASE}
    rentan = str(common.VENV_BIN / "rentan")
    sent, plain = work / "sent", work / "plain.xlsx"

    def export_app(_i: int) -> ProcessRun:
        shutil.rmtree(sent, ignore_errors=True)
        sent.mkdir()
        db = _fresh(work / "kec.db", work / "kec-run.db")
        return run_process(
            [
                rentan,
                "export-batch",
                "--db",
                str(db),
                "--user",
                "admin",
                "--out",
                str(sent),
                "--to",
                bench_batch.KAB,
            ],
            env=env,
        )

    def export_floor(_i: int) -> ProcessRun:
        plain.unlink(missing_ok=True)
        return run_process(
            [sys.executable, str(FLOOR), "export", str(spec), str(work / "kec.db"), str(plain)],
            env=env,
        )

    def import_app(_i: int) -> ProcessRun:
        db = _fresh(work / "kab.db", work / "kab-run.db")
        batch = next(sent.glob("BATCH-*.rbatch"))
        return run_process(
            [rentan, "import-batch", "--db", str(db), "--user", "admin", str(batch)], env=env
        )

    def import_floor(_i: int) -> ProcessRun:
        db = _fresh(work / "kab.db", work / "kab-floor.db")
        return run_process(
            [sys.executable, str(FLOOR), "import", str(spec), str(db), str(plain)], env=env
        )

    exported = interleave(export_app, export_floor, repeat, warm_key="batch_export")
    imported = interleave(import_app, import_floor, repeat, warm_key="batch_import")
    for name in ("kab-run.db", "kab-floor.db"):
        con = sqlite3.connect(work / name)
        got = con.execute("SELECT count(*) FROM registrant").fetchone()[0]
        con.close()
        if got != count:  # a fast import that imported nothing proves nothing
            raise RuntimeError(f"{name}: {got} of {count} records imported")
    return exported, imported


def run(quick: bool) -> list[dict]:
    sizes = (common.SIZE,) if common.SIZE else (2_000,) if quick else (15_000, 150_000)
    rows: list[dict] = []
    for n in sizes:
        exported, imported = measure(n, common.repeat(3 if n <= 15_000 else 1))
        rows += process_rows(
            f"rentan export-batch, {n:,} records", exported, floor=EXPORT_FLOOR, target=1.5
        )
        rows += process_rows(
            f"rentan import-batch, {n:,} records", imported, floor=IMPORT_FLOOR, target=2
        )
    return rows
