"""A re-sent desa list against the database: detection, and speed as the user runs it.

The list is what a regency holds, sent back by the desa: every registrant of the database written as
a desa list (NIK, KK, name, birth date, sex, address, RT, RW, desa name, mother's name), rows in
another order, with planted changes: a new address, a name spelled otherwise (variant-table words,
title case), a NIK one serial digit off, and some new people.

Detection (in-process, ``services.legacy_import.check``): the share of each planted kind reported as
it should be (unchanged rows *sudah terdaftar*; changed rows *perubahan data* with the changed field;
NIK typos *perubahan data* naming the NIK; new people *siap*), and how many rows would have been
imported as new people although registered.

Speed: ``rentan import-legacy FILE`` (dry run, a whole process: start-up, login, reading, cleaning,
the check against every stored registrant, the summary) against a bare ``python`` process doing the
same read and one indexed look-up per row (calamine read; ``SELECT ... FROM registrant WHERE nik = ?``
and a field comparison for every row), interleaved, medians of wall and CPU time.

    python bench/bench_resend.py [--count 150000] [--rounds 3] [--db PATH]

``--db`` reuses a database made by ``rentan init`` + ``rentan demo --count N`` (a 150,000-record one
takes minutes to make).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
PASSWORD = "bench-password-1"
HEADER = ["NO", "NIK", "NO KK", "NAMA", "TGL LAHIR", "JK", "ALAMAT", "RT", "RW", "DESA",
          "NAMA IBU KANDUNG"]  # fmt: skip
RESPELL = {"MUHAMMAD": "MOH.", "SITI": "SITTI", "NUR": "NOER", "ABDUL": "ABD.", "AHMAD": "ACHMAD",
           "YUSUF": "JUSUF", "RAHMAT": "RACHMAT"}  # fmt: skip
KINDS = ("sama", "alamat_baru", "ejaan_lain", "nik_salah_ketik", "orang_baru", "huruf_kecil")
BASELINE = """
import sqlite3, sys
from python_calamine import CalamineWorkbook

rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
con = sqlite3.connect(sys.argv[2])
sql = ("SELECT uuid, nik, no_kk, nama, tanggal_lahir, jenis_kelamin, alamat, rt, rw, desa_kode, "
       "nama_ibu FROM registrant WHERE nik = ? AND status NOT IN ('rejected', 'inactive')")
found = changed = 0
for row in rows[2:]:
    if len(row) < 11 or not row[1]:
        continue
    hit = con.execute(sql, (str(row[1]),)).fetchone()
    if hit:
        found += 1
        changed += (hit[3] != row[3]) or (hit[6] != row[6])
print(len(rows), found, changed)
"""


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def make_db(path: Path, count: int, env: dict[str, str]) -> None:
    subprocess.run([_bin("rentan"), "init", "--db", str(path), "--office-code", "64.08", "--level",
                    "kabupaten", "--admin", "admin", "--funder-code", "APBD-KUTIM", "--age-min",
                    "15", "--age-max", "64"], env=env, check=True, capture_output=True)  # fmt: skip
    subprocess.run([_bin("rentan"), "demo", "--db", str(path), "--user", "admin", "--count",
                    str(count)], env=env, check=True, capture_output=True)  # fmt: skip


def write_list(db: Path, out: Path, seed: int = 5) -> dict[str, str]:
    """The re-sent list; returns NIK (as written) -> planted kind."""
    r = random.Random(seed)
    con = sqlite3.connect(db)
    desa = dict(con.execute("SELECT kode, nama FROM wilayah WHERE level = 4"))
    rows = con.execute(
        "SELECT nik, no_kk, nama, tanggal_lahir, jenis_kelamin, alamat, rt, rw, desa_kode, nama_ibu "
        "FROM registrant WHERE status NOT IN ('rejected', 'inactive')"
    ).fetchall()
    taken = {x[0] for x in rows}
    con.close()
    r.shuffle(rows)
    truth: dict[str, str] = {}
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("Data")
    ws.write_string(0, 0, "DAFTAR PEKERJA RENTAN (KIRIM ULANG)")
    for c, h in enumerate(HEADER):
        ws.write_string(1, c, h)
    n = 2
    for nik, kk, nama, lahir, jk, alamat, rt, rw, kode, ibu in rows:
        kind = r.choices(KINDS, (0.90, 0.05, 0.02, 0.01, 0.01, 0.01))[0]
        if kind == "alamat_baru":
            alamat = f"JL. BARU NO. {r.randint(1, 99)}"
        elif kind == "ejaan_lain":
            words = nama.split()
            hit = [i for i, w in enumerate(words) if w in RESPELL]
            if not hit:
                kind = "sama"
            else:
                words[hit[0]] = RESPELL[words[hit[0]]]
                nama = " ".join(words)
        elif kind == "huruf_kecil":  # only the case differs: nothing new
            nama = nama.title()
        elif kind == "nik_salah_ketik":
            i = r.randrange(12, 16)
            typo = nik[:i] + r.choice([d for d in "123456789" if d != nik[i]]) + nik[i + 1 :]
            if typo in taken:
                kind = "sama"
            else:
                nik = typo
        elif kind == "orang_baru":
            base = nik
            while nik in taken:
                nik = base[:12] + f"{r.randint(5000, 9999):04d}"
            nama = "ORANG BARU " + nama.split()[0]
            kk = kk[:12] + "9999"
        truth[nik] = kind
        y, m, d = str(lahir).split("-")
        cells = [n - 1, nik, kk or "", nama, f"{d}-{m}-{y}", jk, alamat, rt, rw,
                 desa.get(kode, kode), ibu or ""]  # fmt: skip
        for c, v in enumerate(cells):
            if isinstance(v, int):
                ws.write_number(n, c, v)
            else:
                ws.write_string(n, c, str(v))
        n += 1
    wb.close()
    return truth


def detection(db: Path, path: Path, truth: dict[str, str]) -> dict[str, Any]:
    """How each planted kind came out of the dry run users run (in-process, same service)."""
    from rentan_desktop.services import auth, legacy_import
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(db)
    try:
        user = auth.authenticate(ctx, "admin", PASSWORD)
        run = legacy_import.check(ctx, actor=user, path=path, pekerjaan="LAINNYA")
    finally:
        ctx.close()
    want = {"sama": "sudah_terdaftar", "alamat_baru": "perubahan_data", "ejaan_lain":
            "perubahan_data", "nik_salah_ketik": "perubahan_data", "orang_baru": "siap",
            "huruf_kecil": "sudah_terdaftar"}  # fmt: skip
    field = {"alamat_baru": "alamat", "ejaan_lain": "nama", "nik_salah_ketik": "nik"}
    planted, right = Counter[str](), Counter[str]()
    as_new = 0
    for row in run.result.rows:
        kind = truth.get(str(row.values.get("nik") or row.nik_digits))
        if kind is None:
            continue
        planted[kind] += 1
        status = run.result.status.get(row.key)
        reg = run.result.registered.get(row.key)
        ok = status == want[kind] and (kind not in field or (reg and field[kind] in reg.changes))
        right[kind] += bool(ok)
        as_new += kind != "orang_baru" and status == "siap"
    return {"planted": dict(planted), "right": dict(right), "registered_rows_ready_as_new": as_new}


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def speed(db: Path, path: Path, rounds: int, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    script = tmp / "bare.py"
    script.write_text(BASELINE, encoding="utf-8")
    ours = [_bin("rentan"), "import-legacy", str(path), "--db", str(db), "--user", "admin",
            "--pekerjaan", "LAINNYA"]  # fmt: skip
    base = [sys.executable, str(script), str(path), str(db)]
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "base": []}
    for _ in range(rounds):
        runs["base"].append(_timed(base, env))
        runs["ours"].append(_timed(ours, env))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in runs.items()}  # fmt: skip
    return {"wall": [med["ours"][0], med["base"][0]], "cpu": [med["ours"][1], med["base"][1]],
            "runs": runs}  # fmt: skip


def run(quick: bool) -> list[dict[str, Any]]:
    """Rows for ``bench/run.py`` (a fresh database made with ``rentan demo``: minutes at 150,000)."""
    count, rounds = (5_000, 1) if quick else (150_000, 3)
    env = {**os.environ, "RENTAN_PASSWORD": PASSWORD}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "rentan.db"
        make_db(db, count, env)
        path = Path(tmp) / "kirim_ulang.xlsx"
        truth = write_list(db, path)
        found = detection(db, path, truth)
        got = speed(db, path, rounds, env, Path(tmp))
    out: list[dict[str, Any]] = []
    for kind, planted in found["planted"].items():
        right = found["right"].get(kind, 0)
        out.append(
            {
                "name": f"re-sent rows not reported as they should be: {kind} ({planted} rows)",
                "value": 100 * (planted - right) / max(planted, 1),
                "unit": "%",
                "kind": "max",
                "limit": 1,
            }
        )
    out.append(
        {
            "name": f"re-sent list of {len(truth):,} rows against {count:,} records, "
            "`rentan import-legacy FILE` (wall) vs bare read + indexed NIK look-ups",
            "value": got["wall"][0],
            "baseline": got["wall"][1],
            "unit": "s",
            "target": 4,
        }
    )
    out.append(
        {
            "name": "same, CPU seconds of each child process",
            "value": got["cpu"][0],
            "baseline": got["cpu"][1],
            "unit": "s",
            "target": 4,
        }
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=150_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--no-detection", action="store_true")
    a = ap.parse_args()
    env = {**os.environ, "RENTAN_PASSWORD": PASSWORD}
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db or Path(tmp) / "rentan.db"
        if a.db is None:
            make_db(db, a.count, env)
        path = Path(tmp) / "kirim_ulang.xlsx"
        truth = write_list(db, path)
        print("rows:", len(truth), dict(Counter(truth.values())), flush=True)
        if not a.no_detection:
            print("detection:", detection(db, path, truth), flush=True)
        got = speed(db, path, a.rounds, env, Path(tmp))
        print(
            f"wall {got['wall'][0]:.1f}s vs {got['wall'][1]:.1f}s = "
            f"{got['wall'][0] / got['wall'][1]:.2f}x; CPU {got['cpu'][0]:.1f}s vs "
            f"{got['cpu'][1]:.1f}s = {got['cpu'][0] / got['cpu'][1]:.2f}x; runs {got['runs']}"
        )


if __name__ == "__main__":
    main()
