"""Backups, start-up check and the xlsx guard, each against a baseline measured in the same run.

- verified backup (online backup API + integrity_check + fsync + rename + read-back) vs the bare backup API;
- encrypted backup vs plain backup (scrypt + streamed AES-GCM on top);
- start-up quick_check vs the full integrity_check;
- xlsx guard (zip pre-flight + defusedxml scan of every part) vs reading the same file with calamine;
- refusing a 200 MiB zip bomb: an absolute ceiling, since it must never depend on file size.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from rentan_desktop.io import batch_xlsx, xlsx_guard  # noqa: E402
from rentan_desktop.signing import backup_cipher  # noqa: E402
from rentan_desktop.storage import health  # noqa: E402
from rentan_desktop.storage.backup import create_backup  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times) if repeat < 3 else statistics.median(times)


def make_db(path: Path, rows: int) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(
        "CREATE TABLE registrant(id INTEGER PRIMARY KEY, nik TEXT, nama TEXT, alamat TEXT, nama_ibu TEXT)"
    )
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO registrant(nik, nama, alamat, nama_ibu) VALUES (?,?,?,?)",
        (
            (
                f"6408{i:012d}",
                f"PEKERJA RENTAN {i}",
                f"Jl. Poros Sangatta No. {i} RT 3 RW 1",
                "HALIMAH",
            )
            for i in range(rows)
        ),
    )
    con.execute("COMMIT")
    con.execute("CREATE INDEX ix_nik ON registrant(nik)")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def run(quick: bool) -> list[dict[str, object]]:
    rows = 20_000 if quick else 150_000
    repeat = 2 if quick else 3
    out: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = root / "rentan.db"
        make_db(db, rows)
        n = [0]

        def backup(key: backup_cipher.BackupKey | None = None) -> None:
            n[0] += 1
            create_backup(db, root / f"b{n[0]}", key=key, work_dir=root)

        def raw_copy() -> None:
            n[0] += 1
            src, dst = sqlite3.connect(db), sqlite3.connect(root / f"raw{n[0]}.db")
            src.backup(dst)
            dst.close()
            src.close()

        copy = best(raw_copy, repeat)
        plain = best(backup, repeat)
        out.append(
            {
                "name": f"verified backup of {rows:,} records",
                "value": plain,
                "baseline": copy,
                "unit": "s",
                "target": 8.0,
                "note": "baseline: the bare backup-API copy; on top: integrity_check, fsync, rename, read-back hash",
            }
        )
        key = backup_cipher.create_backup_key("bench passphrase 123")
        encrypted = best(lambda: backup(key), repeat)
        out.append(
            {
                "name": "encrypted backup",
                "value": encrypted,
                "baseline": plain,
                "unit": "s",
                "target": 3.0,
            }
        )

        out.append(
            {
                "name": "start-up quick_check",
                "value": best(lambda: health.quick_check(db), repeat),
                "baseline": best(lambda: health.integrity_check(db), repeat),
                "unit": "s",
                "target": 1.0,
                "note": "baseline: the full integrity_check + foreign_key_check run before exports",
            }
        )

        xlsx = root / "batch.xlsx"
        with batch_xlsx.TextSheetWriter(xlsx, ["NIK", "Nama", "Alamat", "Ibu"]) as writer:
            for i in range(rows):
                writer.add_row(
                    [f"6408{i:012d}", f"PEKERJA RENTAN {i}", f"Jl. Poros No. {i}", "HALIMAH"]
                )
            writer.close()

        def calamine() -> None:
            for _ in batch_xlsx.read_text_rows(
                xlsx, ["NIK", "Nama", "Alamat", "Ibu"], [True, False, False, False]
            ):
                pass

        out.append(
            {
                "name": f"xlsx guard on {rows:,} rows",
                "value": best(lambda: xlsx_guard.check_file(xlsx), repeat),
                "baseline": best(calamine, repeat),
                "unit": "s",
                "target": 1.0,
                "note": "baseline: reading the same rows with calamine",
            }
        )

        bomb = root / "bomb.xlsx"
        shutil.copyfile(xlsx, bomb)
        with (
            zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf,
            zf.open("xl/media/image1.png", "w") as fh,
        ):
            block = b"\0" * (1 << 20)
            for _ in range(200):
                fh.write(block)

        def refuse() -> None:
            try:
                xlsx_guard.check_file(bomb)
            except xlsx_guard.XlsxRefused:
                return
            raise AssertionError("zip bomb accepted")

        out.append(
            {
                "name": "refuse a 200 MiB zip bomb",
                "value": best(refuse, repeat),
                "kind": "max",
                "limit": 0.5,
                "unit": "s",
            }
        )
    return out


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
