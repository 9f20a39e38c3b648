"""A long read in a worker thread vs in a child process: the GUI event loop's longest stall.

The duplicate search and the quality count are pure Python; in a job thread they hold the
interpreter lock and the window's thread waits for it. ``services.process_job`` runs them in a child
process instead. This bench runs the same task both ways in one process, alternating, beside a 5 ms
timer on the (Qt) main thread, and reports the longest gap between two timer turns and the wall time
of each run, with the timer alone as the floor.

    python bench/bench_child_job.py --db demo-150000.db [--task dedupe.find_clusters] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--task", default="dedupe.find_clusters")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication
    from sqlmodel import select
    from tests.gui import stall

    from rentan_desktop.services import process_job
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - the timer needs it
    ctx = AppContext.open(args.db)
    with ctx.db.reader() as session:
        user = session.exec(select(User).where(User.role == "admin")).first()
    assert user is not None
    beat = stall.Heartbeat()
    beat.start()

    def measure(name: str, work: object) -> None:
        done = threading.Event()

        def run() -> None:
            try:
                work()  # type: ignore[operator]
            finally:
                done.set()

        beat.reset()
        started = time.monotonic()
        threading.Thread(target=run, daemon=True).start()
        stall.spin_until(done.is_set, 600)
        seconds = time.monotonic() - started
        print(f"{name:28s} {beat.close_gap() * 1000:7.0f} ms  {seconds:6.1f} s", flush=True)

    beat.reset()
    stall.spin(5.0)
    print(f"{'floor: timer alone (5 s)':28s} {beat.close_gap() * 1000:7.0f} ms", flush=True)
    fn = process_job._task(args.task)
    for _ in range(args.rounds):
        measure("thread (in process)", lambda: fn(ctx, actor=user))
        measure("child process", lambda: process_job.run(ctx, args.task, actor=user, child_from=0))
    beat.stop()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
