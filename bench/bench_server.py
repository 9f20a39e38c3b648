"""A coordinator office on a PostgreSQL server (issue 18): one save, and five clerks at once.

The office is the kabupaten demo database moved onto a real PostgreSQL 15 server with the
service ``rentan migrate-to-server`` runs; the server is started for the run (Debian's binaries,
its own data directory) with the durability an office server has: fsync and synchronous commits
on. Client and server share this machine's two cores.

* **Save p95.** The app's save (``registrants.create`` on a server context: every rule, the exact
  and possible-duplicate look-ups, the insert, the row seal, the keyed audit event under the
  chain's lock, the commit) against its honest floor: a bare psycopg ``INSERT`` of a full
  registrant row and ``COMMIT`` on its own connection to the same database, one by one,
  interleaved, wall time (the server's work runs in another process, so the client's CPU time
  says little here).
* **Five clerks vs one.** Saves per second of one ``python`` process saving as fast as it can,
  then of five at once, each its own process with its own connections, after all have started;
  and the same for bare INSERT+COMMIT processes: the floor shows how far this machine itself lets
  five writers scale, whatever the app does.

Run: ``python bench/run.py --only server`` (``--size N`` for another demo size; 20,000 by
default, the demo generation of larger files takes long on a shared machine).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench_core
from common import HERE, OUT, PASSWORD, SIZE, copy_office, demo_db, load_average, loaded, p95

ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # tests/pg_server.py: the throwaway server of the tests

DEFAULT_SIZE = 20_000
CLERKS = 5
# bench_core.INSERT_SQL in psycopg's placeholders, with the app's columns of a new row
INSERT_SQL = bench_core.INSERT_SQL.replace("?", "%s")


def _env(data: Path) -> dict[str, str]:
    # This PC's folder for the server database (key folder) inside bench/out.
    return {**os.environ, "XDG_DATA_HOME": str(data), "RENTAN_PASSWORD": PASSWORD}


def _office_on_server(size: int, server: object) -> tuple[str, list[str], Path]:
    """The demo office moved onto a new server database; returns its URL, desa and data folder."""
    from rentan_desktop.services import auth, server_migration
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.location import ServerLocation

    work = copy_office(demo_db(size), OUT / "server-source.db")
    desa = bench_core._desa(work)
    url = server.create_database("bench_office")  # type: ignore[attr-defined]
    data = OUT / "server-data"
    shutil.rmtree(data, ignore_errors=True)
    os.environ["XDG_DATA_HOME"] = str(data)
    ctx = AppContext.open(work)
    try:
        admin = auth.authenticate(ctx, "admin", PASSWORD)
        server_migration.move_to_server(ctx, ServerLocation(url), actor=admin)
    finally:
        ctx.close()
    return url, desa, data  # the key folder moved along (migrate-to-server takes it)


def _data(person: dict[str, str], funder: int):  # type: ignore[no-untyped-def]
    from rentan_desktop.domain.registrant import RegistrantInput

    return RegistrantInput(
        nik=person["nik"],
        nama=person["nama"],
        tanggal_lahir=person["tanggal_lahir"],
        jenis_kelamin=person["jenis_kelamin"],
        rt=person["rt"],
        rw=person["rw"],
        desa_kode=person["desa"],
        pekerjaan_kode="NELAYAN",
        sumber_dana_id=funder,
        nama_ibu="IBU",
    )


def _bare_values(tag: str, q: dict[str, str]) -> tuple[object, ...]:
    return (
        tag, q["nik"], None, q["nama"], q["nama"], "", "1990-01-01", q["jenis_kelamin"], "", "",
        "001", "001", q["desa"], q["desa"][:6], None, "NELAYAN",
    )  # fmt: skip


def bench_save(url: str, desa: list[str], size: int, saves: int) -> list[dict]:
    import psycopg

    from rentan_desktop.services import auth, registrants, setup
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(url)
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    funder = setup.list_funders(ctx)[0].id or 0
    bare = psycopg.connect(url)
    seed = random.Random(size).randint(0, 10**6)
    people = bench_core._people(saves, seed, desa)
    others = bench_core._people(saves, seed + 1, desa)
    load_before = load_average()
    wall: list[float] = []
    bwall: list[float] = []
    for i, (p, q) in enumerate(zip(people, others, strict=True)):
        for side in (0, 1) if i % 2 == 0 else (1, 0):
            t = time.perf_counter()
            if side == 0:
                try:
                    registrants.create(ctx, actor=admin, data=_data(p, funder))
                except registrants.ValidationFailed:  # a generated NIK already taken: not timed
                    continue
                wall.append(time.perf_counter() - t)
            else:
                try:
                    bare.execute(INSERT_SQL, _bare_values(f"bare-{seed}-{i}", q))
                except psycopg.errors.UniqueViolation:  # a generated NIK already taken: not timed
                    bare.rollback()
                    continue
                bare.commit()
                bwall.append(time.perf_counter() - t)
    bare.close()
    ctx.close()
    load = (load_before, load_average())
    mark = f"load {load[0]:.1f}→{load[1]:.1f} on {os.cpu_count()} cores ({'loaded' if loaded(max(load)) else 'quiet'})"
    floor = (
        "bare psycopg INSERT of a full registrant row + COMMIT on its own connection to the same "
        "server database (fsync and synchronous_commit on), interleaved one by one"
    )

    def row(name: str, stat, target: float | None) -> dict:  # type: ignore[no-untyped-def]
        return {
            "name": f"PostgreSQL: save one registration into {size:,}: {name}",
            "value": stat(wall) * 1000,
            "baseline": stat(bwall) * 1000,
            "unit": "ms",
            "target": target,
            "floor": floor,
            "load": f"{len(wall)} saves, {mark}",
        }

    return [row("wall p95", p95, 2), row("wall median", statistics.median, None)]


def _start(kind: str, url: str, seconds: float, index: int, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, kind, url, str(seconds), str(index)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(data),
    )


def _throughput(kind: str, url: str, seconds: float, count: int, first: int, data: Path) -> float:
    """Saves per second of ``count`` processes of ``kind`` started together."""
    procs = [_start(kind, url, seconds, first + i, data) for i in range(count)]
    for p in procs:  # every process opened its database and warmed up
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    done = 0
    for p in procs:
        out, _ = p.communicate(timeout=seconds + 300)
        assert p.returncode == 0, out
        done += int(out.split()[-1])
    return done / seconds


def bench_clerks(url: str, size: int, seconds: float, data: Path) -> list[dict]:
    load_before = load_average()
    one = _throughput("clerk", url, seconds, 1, 10, data)
    five = _throughput("clerk", url, seconds, CLERKS, 20, data)
    bare_one = _throughput("bare", url, seconds, 1, 30, data)
    bare_five = _throughput("bare", url, seconds, CLERKS, 40, data)
    load = (load_before, load_average())
    mark = f"load {load[0]:.1f}→{load[1]:.1f} on {os.cpu_count()} cores ({'loaded' if loaded(max(load)) else 'quiet'})"
    return [
        {
            "name": f"PostgreSQL, {size:,} registrants: saves per second, five clerks at once vs one",
            "value": five,
            "baseline": one,
            "unit": "saves/s",
            "note": f"ratio is the speed-up (target ≥ 4x, 'ok' column n/a); {seconds:.0f} s each, "
            f"one process per clerk; floor on this machine: bare INSERT+COMMIT processes, five "
            f"at once {bare_five:.0f}/s vs one {bare_one:.0f}/s = {bare_five / bare_one:.2f}x",
            "load": mark,
        }
    ]


def run(quick: bool) -> list[dict]:
    from tests import pg_server

    size = SIZE or (2_000 if quick else DEFAULT_SIZE)
    server = pg_server.start_server(durable=True)
    try:
        url, desa, data = _office_on_server(size, server)
        rows = bench_save(url, desa, size, 40 if quick else 300)
        rows += bench_clerks(url, size, 5.0 if quick else 20.0, data)
    finally:
        server.stop()
    return rows


# --- child processes: one clerk (the app's save) or one bare writer, as fast as it can ---------


def _child(kind: str, url: str, seconds: float, index: int) -> int:
    from rentan_desktop.services import auth, registrants, setup
    from rentan_desktop.services.context import AppContext

    ctx = AppContext.open(url)
    admin = auth.authenticate(ctx, "admin", PASSWORD)
    funder = setup.list_funders(ctx)[0].id or 0
    with ctx.db.reader() as session:
        from sqlalchemy import text

        desa = [
            str(r[0])
            for r in session.exec(
                text("SELECT kode FROM wilayah WHERE level = 4 AND kode LIKE '6408%'")
            )  # type: ignore[call-overload]
        ]
    people = bench_core._people(20_000, 1000 + index, desa)
    import psycopg

    bare = psycopg.connect(url) if kind == "bare" else None
    print("ready", flush=True)
    sys.stdin.readline()
    done, i = 0, 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and i < len(people):
        p = people[i]
        i += 1
        if bare is not None:
            try:
                bare.execute(INSERT_SQL, _bare_values(f"bare-{index}-{i}", p))
            except psycopg.errors.UniqueViolation:  # a NIK another writer already holds
                bare.rollback()
                continue
            bare.commit()
            done += 1
            continue
        try:
            registrants.create(ctx, actor=admin, data=_data(p, funder))
            done += 1
        except registrants.ValidationFailed:  # a NIK another clerk or the demo already holds
            pass
    print(done, flush=True)
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(_child(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])))
