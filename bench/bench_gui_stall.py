"""The GUI event loop's longest stall during each long action, on a database of N registrants.

Opens the real main window (offscreen) as the admin on a copy of a demo database, shows every page,
runs each long action as its button does, and records the longest gap between two turns of a 5 ms
timer on the GUI thread; then starts the long jobs again and times Batal.

    python bench/bench_gui_stall.py --db demo-150000.db [--out stall.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication
    from tests.gui import stall

    from rentan_desktop.gui import i18n
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.main_window import MainWindow
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import auth
    from rentan_desktop.services.context import AppContext

    app = QApplication.instance() or QApplication([])
    i18n.install("id")
    work = Path(tempfile.mkdtemp(prefix="stall-"))
    db = work / "rentan.db"
    shutil.copyfile(args.db, db)
    keys = args.db.parent / f"{args.db.stem}-keys"
    if keys.is_dir():  # the audit key and anchor: without them the chain check refuses at once
        shutil.copytree(keys, work / "rentan-keys")
    ctx = AppContext.open(db)
    user = auth.authenticate(ctx, args.user, os.environ.get("RENTAN_PASSWORD", ""))
    stall.prepare(ctx, user)
    jobs = JobRunner()
    window = MainWindow(GuiContext(ctx, user, AppSignals(), jobs))
    window.resize(1350, 690)
    window.show()
    from rentan_desktop.gui import warmup

    warmup.start()  # what a clerk has after a few seconds on Beranda
    stall.spin_until(warmup.finished.is_set, 300)
    beat = stall.Heartbeat()
    beat.start()
    rows = []
    for m in stall.floors(beat):  # the same meter with no app work: what the machine itself allows
        rows.append(m)
        print(f"{m.action:40s} {m.longest_gap_ms:8.0f} ms  ({m.seconds:.1f} s)", flush=True)
    for key in window.page_keys():
        m = stall.measure(beat, jobs, f"buka halaman {key}", lambda k=key: window.show_page(k))
        rows.append(m)
        print(f"{m.action:40s} {m.longest_gap_ms:8.0f} ms  ({m.seconds:.1f} s)", flush=True)
    (work / "out").mkdir()
    for name, run in stall.page_actions(window, work / "out"):
        m = stall.measure(beat, jobs, name, run)
        rows.append(m)
        print(f"{m.action:40s} {m.longest_gap_ms:8.0f} ms  ({m.seconds:.1f} s)", flush=True)
    for name, run in stall.cancel_actions(window, work / "out"):
        m = stall.measure_cancel(beat, jobs, window.progress.cancel_button, name + " + Batal", run)
        rows.append(m)
        print(
            f"{m.action:40s} {m.longest_gap_ms:8.0f} ms  Batal {m.cancel_ms or 0:.0f} ms",
            flush=True,
        )
    started = time.monotonic()
    window.close()
    jobs.shutdown()
    ctx.close()
    app.processEvents()
    if args.out:
        args.out.write_text(json.dumps([r.__dict__ for r in rows], indent=1))
    shutil.rmtree(work, ignore_errors=True)
    print(f"closed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
