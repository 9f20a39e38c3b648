"""Foundation benchmarks (issue 2): search and template import helpers; saving is in bench_save.py.

Each figure is a ratio against a bare SQLite (or bare reader) baseline measured in the same run.
"""

from __future__ import annotations

import random
import sqlite3
import time
import tracemalloc
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

from common import OUT, PASSWORD, copy_db, p95, timed
from rentan_desktop.io import template_xlsx as tx
from rentan_desktop.services import auth, demo, search, setup, template_import
from rentan_desktop.services.context import AppContext

INSERT_SQL = (
    "INSERT INTO registrant (uuid, version, nik, no_kk, nama, name_norm, tempat_lahir, tanggal_lahir,"
    " jenis_kelamin, nama_ibu, alamat, rt, rw, desa_kode, kecamatan_kode, no_hp, pekerjaan_kode,"
    " penghasilan, sumber_dana_id, periode, status, status_reason, nik_verifikasi, notes, warnings,"
    " origin_office, created_by, created_at, updated_by, updated_at) VALUES"
    " (?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1000000,1,2026,'draft','','belum','','[]','6408','admin',"
    "'2026-11-22T00:00:00+00:00','admin','2026-11-22T00:00:00+00:00')"
)


def _people(n: int, seed: int, desa: list[str]) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    used: set[str] = set()
    for i in range(n * 2):
        if len(out) == n:
            break
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1965, 2004)
        sex = rng.choice("LP")
        d = rng.choice(desa)
        nik = f"{d[:6]}{day + (40 if sex == 'P' else 0):02d}{month:02d}{year % 100:02d}{1 + i % 9999:04d}"
        if nik in used:
            continue
        used.add(nik)
        first = rng.choice(demo.FEMALE if sex == "P" else demo.MALE)
        out.append(
            {
                "nik": nik,
                "nama": f"{first} {rng.choice(demo.SECOND)}",
                "tanggal_lahir": f"{day:02d}{month:02d}{year}",
                "jenis_kelamin": sex,
                "desa": d,
                "rt": str(rng.randint(1, 20)),
                "rw": str(rng.randint(1, 5)),
            }
        )
    return out


def _desa(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [
            r[0]
            for r in con.execute("SELECT kode FROM wilayah WHERE level=4 AND kode LIKE '6408%'")
        ]
    finally:
        con.close()


def bench_search(db: Path, n: int, repeat: int) -> list[dict]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    niks = [
        r[0] for r in con.execute("SELECT nik FROM registrant ORDER BY random() LIMIT ?", (repeat,))
    ]
    cases = [
        (
            "NIK lookup",
            [search.Query(x) for x in niks],
            lambda q: con.execute(
                "SELECT * FROM registrant WHERE nik = ? LIMIT 50", (q.text,)
            ).fetchall(),
        ),
        (
            "name prefix",
            [search.Query(x, "prefix") for x in ("SITI AM", "MUHAMMAD H", "RAHMAT S", "NUR")],
            lambda q: con.execute(
                "SELECT * FROM registrant WHERE nama >= ? AND nama < ? ORDER BY nama, id LIMIT 50",
                (q.text, q.text + "\uffff"),
            ).fetchall(),
        ),
        (
            "name contains",
            [search.Query(x, "contains") for x in ("AMINAH", "SAPUTRA", "HIDAYAT", "NORMA")],
            lambda q: con.execute(
                "SELECT * FROM registrant WHERE id IN (SELECT rowid FROM registrant_fts WHERE "
                "registrant_fts MATCH ?) ORDER BY id LIMIT 50",
                (f'"{q.text}"',),
            ).fetchall(),
        ),
    ]
    rows = []
    for name, queries, bare in cases:
        # Service and bare query alternate call by call, so a burst of other work on the machine
        # falls on both sides alike instead of on whichever block of calls it met.
        svc: list[float] = []
        base: list[float] = []
        for q in queries:
            for _ in range(repeat // len(queries) or 1):
                svc += timed(
                    lambda q=q: search.run(con, search.effective(q), limit=50, with_total=False), 1
                )
                base += timed(lambda q=q, bare=bare: bare(q), 1)
        rows.append(
            {
                "name": f"{name} at {n:,} (p95, first page)",
                "value": p95(svc) * 1000,
                "baseline": p95(base) * 1000,
                "unit": "ms",
                "target": 3,
            }
        )
        svc_total = [
            t
            for q in queries
            for t in timed(
                lambda q=q: search.run(con, search.effective(q), limit=50), max(2, repeat // 20)
            )
        ]
        rows.append(
            {
                "name": f"{name} at {n:,} with live count (p95)",
                "value": p95(svc_total) * 1000,
                "baseline": p95(base) * 1000,
                "unit": "ms",
                "note": "page + count(*) of all matches, as the list shows it",
            }
        )
    con.close()
    return rows


def _write_filled(path: Path, n: int, desa: list[str]) -> None:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet(tx.DATA_SHEET)
    for c, h in enumerate(tx.HEADERS):
        ws.write_string(0, c, h)
    for r, p in enumerate(_people(n, 11, desa), start=1):
        d = p["tanggal_lahir"]
        cells = [
            p["nik"],
            "",
            p["nama"],
            "SANGATTA",
            f"{d[:2]}-{d[2:4]}-{d[4:]}",
            p["jenis_kelamin"],
            "IBU",
            "JL. POROS",
            p["rt"],
            p["rw"],
            f"DESA - {p['desa']}",
            "081234567890",
            "NELAYAN",
            "",
            "APBD-KAB",
            "",
        ]
        for c, v in enumerate(cells):
            ws.write_string(r, c, v)
    wb.close()


def bench_import(n: int) -> list[dict]:
    fresh = OUT / f"import-{n}.db"
    for s in ("", "-wal", "-shm"):
        Path(str(fresh) + s).unlink(missing_ok=True)
    ctx = AppContext.open(fresh)
    setup.init_office(
        ctx,
        kode="6408",
        nama="",
        level="kabupaten",
        admin_username="admin",
        admin_full_name="A",
        admin_password=PASSWORD,
        funder=setup.FunderSpec("APBD-KAB", "APBD", 15, 64, "6408"),
    )
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    desa = _desa(fresh)
    xlsx = OUT / f"filled-{n}.xlsx"
    if not xlsx.exists():
        _write_filled(xlsx, n, desa)
    t = time.perf_counter()
    report = template_import.import_template(ctx, actor=admin, path=xlsx)
    service = time.perf_counter() - t
    assert report.saved == n, (
        report.saved,
        report.rejected,
        report.rows[0].found if report.rows else None,
    )
    ctx.close()
    bare_db = copy_db(fresh, OUT / f"import-bare-{n}.db")
    con = sqlite3.connect(bare_db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("DELETE FROM registrant")
    t = time.perf_counter()
    table = (
        CalamineWorkbook.from_path(str(xlsx))
        .get_sheet_by_name(tx.DATA_SHEET)
        .to_python(skip_empty_area=False)
    )
    values = [
        (
            f"b{i}",
            r[0] + "x",
            None,
            r[2],
            r[2],
            r[3],
            "1990-01-01",
            r[5],
            r[6],
            r[7],
            "001",
            "001",
            r[10][-10:],
            r[10][-10:-4],
            None,
            "NELAYAN",
        )
        for i, r in enumerate(table[1:])
    ]
    con.execute("BEGIN IMMEDIATE")
    con.executemany(INSERT_SQL, values)
    con.execute("COMMIT")
    bare = time.perf_counter() - t
    con.close()
    return [
        {
            "name": f"template import of {n:,} rows",
            "value": service,
            "baseline": bare,
            "unit": "s",
            "target": 2,
            "note": "read (calamine) + validate every row + duplicate checks + insert + audit, vs bare calamine read + bare executemany",
        }
    ]


def run(quick: bool) -> list[dict]:
    # Saving and searching, at 150,000 and 1,000,000, are measured by bench_save.py.
    size_import = 5_000 if quick else 150_000
    rows = []
    tracemalloc.start()
    rows += bench_import(size_import)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rows.append(
        {
            "name": f"template import of {size_import:,} rows, Python heap peak",
            "value": peak,
            "unit": "MB",
            "kind": "max",
            "limit": 1500,
        }
    )
    return rows
