"""Saving one registration and searching, as they grow: 150,000 and 1,000,000 registrants (issue 20).

A save is what the clerk's *Simpan* runs inside the open app: ``registrants.create`` (every rule,
the exact-duplicate block, the possible-duplicate scoring, the insert with its FTS row and row
seal, the keyed audit event, the commit and the audit anchor). Its floor is a bare
``BEGIN IMMEDIATE; INSERT; COMMIT`` of a registrant row on a copy of the same file (same indexes,
same FTS5 trigger), with the same durability (WAL, ``synchronous=FULL``) and the same page cache as
the app's writer connection. Saves and bare inserts alternate one by one, so load from other work
falls on both alike; each is timed in wall time and in the thread's CPU time (the verdict when other
sessions share the cores, where wall-time percentiles are mostly the scheduler's).

Search rows reuse ``bench_core.bench_search`` (the service against the same SQL run bare).

The 1,000,000-row file is grown from the 150,000-row demo file (``rentan demo`` at that size takes
hours): six more copies of every row, each with another row's name, the birth date moved by a
few weeks and the NIK serial changed, so names, birth dates and desa spread as they do in the
demo data. Those copied rows carry seals that do not match (nothing here verifies them). Growing it
takes about 16 minutes on a loaded 2-core machine; ``RENTAN_BENCH_SKIP_1M=1`` runs 150,000 only, and
``bench/run.py --only save --size N`` one volume.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from pathlib import Path

import bench_core
from common import OUT, PASSWORD, SIZE, copy_db, copy_office, demo_db, load_average, loaded, p95
from rentan_desktop.domain.registrant import RegistrantInput
from rentan_desktop.services import auth, registrants, setup
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.db import WRITER_CACHE_KIB

BASE = 150_000
COPY_COLUMNS_SKIP = ("id", "uuid", "nik", "nama", "name_norm", "tanggal_lahir")


def grown_db(count: int) -> Path:
    """A database of about ``count`` registrants grown from the 150,000-row demo file (cached)."""
    if count <= BASE:
        return demo_db(count)
    path = OUT / f"grown-6408-{count}.db"
    if path.exists():
        return path
    tmp = OUT / f"grown-6408-{count}.tmp.db"
    copy_office(demo_db(BASE), tmp)
    con = sqlite3.connect(tmp, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA cache_size = -262144")
    cols = [r[1] for r in con.execute("PRAGMA table_info(registrant)")]
    kept = [c for c in cols if c not in COPY_COLUMNS_SKIP]
    con.execute("BEGIN IMMEDIATE")
    k = 0
    while con.execute("SELECT count(*) FROM registrant").fetchone()[0] < count:
        k += 1
        con.execute(
            f"INSERT OR IGNORE INTO registrant (uuid, nik, nama, name_norm, tanggal_lahir, {', '.join(kept)}) "
            f"SELECT r.uuid || '-g{k}', substr(r.nik, 1, 12) || printf('%04d', (CAST(substr(r.nik, 13) AS INTEGER) + {k * 1429}) % 10000), "
            f"o.nama, o.name_norm, date(r.tanggal_lahir, '+{k * 23} days'), {', '.join('r.' + c for c in kept)} "
            f"FROM registrant r JOIN registrant o ON o.id = ((r.id + {k * 7919}) % {BASE}) + 1 "
            f"WHERE r.id <= {BASE} LIMIT ?",
            (count - con.execute("SELECT count(*) FROM registrant").fetchone()[0],),
        )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(str(tmp) + suffix).exists():
            Path(str(tmp) + suffix).rename(str(path) + suffix)
    keys = tmp.parent / f"{tmp.stem}-keys"
    if keys.is_dir():
        keys.rename(path.parent / f"{path.stem}-keys")
    return path


def bench_save(source: Path, count: int, saves: int) -> list[dict]:
    work = copy_office(source, OUT / "save-app.db")
    AppContext.open(work).close()  # migrated and sealed once, as the office's file already is
    con = sqlite3.connect(work)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    bare_db = copy_db(work, OUT / "save-bare.db")
    ctx = AppContext.open(work)
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    funder = setup.list_funders(ctx)[0].id
    bare = sqlite3.connect(bare_db, isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute(f"PRAGMA cache_size = {-WRITER_CACHE_KIB}")  # the app writer's page cache
    desa = bench_core._desa(work)
    load_before = load_average()
    wall, cpu, bwall, bcpu = [], [], [], []
    seed = random.Random(count).randint(0, 10**6)
    people = bench_core._people(saves, seed, desa)
    others = bench_core._people(saves, seed + 1, desa)
    for i, (p, q) in enumerate(zip(people, others, strict=True)):
        data = RegistrantInput(
            nik=p["nik"],
            nama=p["nama"],
            tanggal_lahir=p["tanggal_lahir"],
            jenis_kelamin=p["jenis_kelamin"],
            rt=p["rt"],
            rw=p["rw"],
            desa_kode=p["desa"],
            pekerjaan_kode="NELAYAN",
            sumber_dana_id=funder,
            nama_ibu="IBU",
        )
        values = (
            f"bare-{i}",
            q["nik"],
            None,
            q["nama"],
            q["nama"],
            "",
            "1990-01-01",
            q["jenis_kelamin"],
            "",
            "",
            "001",
            "001",
            q["desa"],
            q["desa"][:6],
            None,
            "NELAYAN",
        )
        for side in (0, 1) if i % 2 == 0 else (1, 0):
            t, c = time.perf_counter(), time.thread_time()
            if side == 0:
                try:
                    registrants.create(ctx, actor=admin, data=data)
                except registrants.ValidationFailed:  # a generated NIK already taken: not timed
                    continue
                cpu.append(time.thread_time() - c)
                wall.append(time.perf_counter() - t)
            else:
                bare.execute("BEGIN IMMEDIATE")
                bare.execute(bench_core.INSERT_SQL, values)
                bare.execute("COMMIT")
                bcpu.append(time.thread_time() - c)
                bwall.append(time.perf_counter() - t)
    bare.close()
    ctx.close()
    load = (load_before, load_average())
    mark = f"load {load[0]:.1f}→{load[1]:.1f} on {os.cpu_count()} cores ({'loaded' if loaded(max(load)) else 'quiet'})"
    size = f"{count:,}"
    floor = (
        f"bare BEGIN IMMEDIATE + INSERT + COMMIT on a copy of the same file (WAL, synchronous=FULL, "
        f"cache_size {WRITER_CACHE_KIB // 1024} MiB as the app's writer), interleaved one by one"
    )

    def row(name: str, app: list[float], base: list[float], stat, target: float | None) -> dict:  # type: ignore[no-untyped-def]
        return {
            "name": f"save one registration into {size}: {name}",
            "value": stat(app) * 1000,
            "baseline": stat(base) * 1000,
            "unit": "ms",
            "target": target,
            "floor": floor,
            "load": f"{len(app)} saves, {mark}",
        }

    return [
        row("wall p95", wall, bwall, p95, 2),
        row("wall median", wall, bwall, statistics.median, None),
        row("CPU p95", cpu, bcpu, p95, 2),
        row("CPU median", cpu, bcpu, statistics.median, None),
    ]


def run(quick: bool) -> list[dict]:
    sizes = [SIZE] if SIZE else ([5_000] if quick else [BASE, 1_000_000])
    if not quick and os.environ.get("RENTAN_BENCH_SKIP_1M"):
        sizes = [BASE]
    rows: list[dict] = []
    for n in sizes:
        db = grown_db(n)
        rows += bench_save(db, n, 60 if quick else 300)
        rows += bench_core.bench_search(db, n, 40 if quick else 200)
    return rows
