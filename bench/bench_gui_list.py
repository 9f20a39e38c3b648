"""The registrant list over 1,000,000 registrants: each step a ratio against the bare SQLite query.

Runs in a child process (offscreen Qt) so its peak memory is the list's alone. Steps, each the median
of several tries, measured as the work needed before the view can paint the rows in question:

- ``open``: the list page's model puts its first page on screen (``set_query``: keyset page, no
  count on the GUI thread) vs the bare ``SELECT … ORDER BY id LIMIT n`` of the same columns.
- ``jump to last row``: Ctrl+End once the live count is in (the last block is read backwards from
  the end) vs the bare ``ORDER BY id DESC LIMIT n``.
- ``change a filter``: choosing a status / desa in the filter bar until the first page is ready vs
  the bare filtered query: the model's own SQL without its index choice (each change after the
  previous count is in, as a person reads it; the two sides take turns at running first, since
  the first after a count meets cold caches; a change while a count still runs interrupts that
  count and measured 1-25 ms).
- ``peak memory``: the child's maximum resident set with the list open, scrolled to the end and
  filtered (limit 300 MB).

Informative rows: the whole page (widgets built and painted) vs a bare ``QTableView`` painting the same
page from a bare query, and how long the live count takes to arrive.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from common import demo_db  # noqa: E402

PY = str(HERE.parent / ".venv" / "bin" / "python")
TRIES = 11


def _median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def child(db: Path) -> list[dict[str, Any]]:  # noqa: PLR0915 - one linear measurement script
    """Runs inside the child process: opens the real list page over ``db`` and times each step."""
    import resource
    import sqlite3

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView
    from sqlmodel import select

    app = QApplication([sys.argv[0]])
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.registrants.model import BLOCK
    from rentan_desktop.gui.registrants.widget import RegistrantList
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import search
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.services.registrant_pages import LIST_FIELDS as SQL_COLUMNS
    from rentan_desktop.services.search import Filters, Query
    from rentan_desktop.storage.models import User

    ctx = AppContext.open(db)
    with ctx.db.reader() as session:
        user = session.exec(select(User).where(User.username == "admin")).one()
    gui = GuiContext(ctx, user, AppSignals(), JobRunner())
    cols = ", ".join(SQL_COLUMNS)
    bare_con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    total = bare_con.execute("SELECT count(*) FROM registrant").fetchone()[0]

    def bare(sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return bare_con.execute(sql, params).fetchall()

    def wait(predicate: Any, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while not predicate():
            app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError("the list did not get there in time")
            time.sleep(0.001)

    rows: list[dict[str, Any]] = []
    # Whole page, for context: widgets built and painted vs a bare QTableView over a bare page.
    t = time.perf_counter()
    page = RegistrantList(gui)
    page.resize(1280, 720)
    page.show()
    page.grab()
    page_open = time.perf_counter() - t
    t = time.perf_counter()
    items = QStandardItemModel()
    for r in bare(f"SELECT {cols} FROM registrant ORDER BY id LIMIT ?", (BLOCK,)):
        items.appendRow([QStandardItem(str(v)) for v in r])
    view = QTableView()
    view.setModel(items)
    view.resize(1280, 720)
    view.show()
    view.grab()
    bare_open = time.perf_counter() - t
    view.close()
    model = page.model
    wait(lambda: model.total is not None)

    # open: the first page on screen
    first: list[float] = []
    base: list[float] = []
    for _ in range(TRIES):
        t = time.perf_counter()
        model.set_query(Query(), count=False)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare(f"SELECT {cols} FROM registrant r WHERE 1=1 ORDER BY r.id ASC LIMIT ?", (BLOCK,))
        base.append(time.perf_counter() - t)
    rows.append(
        {
            "name": f"list at {total:,}: open (first page ready)",
            "value": _median(first),
            "baseline": _median(base),
            "unit": "ms",
            "target": 3,
        }
    )
    rows.append(
        {
            "name": f"list at {total:,}: whole page built and painted",
            "value": page_open * 1000,
            "baseline": bare_open * 1000,
            "unit": "ms",
            "note": "filter bar, count, detail pane vs a bare QTableView painting the same page",
        }
    )

    # jump to the last row once the count is in
    t = time.perf_counter()
    model.set_query(Query())
    wait(lambda: model.total is not None)
    count_s = time.perf_counter() - t
    jump: list[float] = []
    base = []
    for _ in range(TRIES):
        for b in [b for b in model.blocks if b > 0]:
            del model.blocks[b]
        t = time.perf_counter()
        page.jump_to_end()
        jump.append(time.perf_counter() - t)
        assert model.row_values(model.rowCount() - 1) is not None
        t = time.perf_counter()
        bare(f"SELECT {cols} FROM registrant r WHERE 1=1 ORDER BY r.id DESC LIMIT ?", (BLOCK,))
        base.append(time.perf_counter() - t)
    page.grab()
    rows.append(
        {
            "name": f"list at {total:,}: jump to the last row",
            "value": _median(jump),
            "baseline": _median(base),
            "unit": "ms",
            "target": 3,
        }
    )
    rows.append(
        {
            "name": f"list at {total:,}: live count arrives (worker thread)",
            "value": count_s * 1000,
            "unit": "ms",
            "note": "shown as 'Menghitung…' meanwhile; the first page does not wait for it",
        }
    )

    def plain(filters: Filters) -> tuple[str, list[Any]]:
        """The page's SQL exactly as the model builds it, without its index choice: the same
        page of the same filter, planned by SQLite alone."""
        return search.page_sql(Query(filters=filters), limit=BLOCK, columns=SQL_COLUMNS)

    # change a filter (status, then a desa) from the filter bar
    desa = bare("SELECT desa_kode FROM registrant WHERE id = 1")[0][0]
    bar = page.filters
    change: list[float] = []
    base = []

    def one_change(combo: Any, value: Any, filters: Filters, i: int) -> None:
        """One change and its bare query, after the previous count is in (as a person reads it).
        Whichever runs first follows the count's sweep through the index with cold CPU caches and
        warms them for the other, so the two take turns at going first."""
        wait(lambda: model.total is not None)
        sql, params = plain(filters)

        def app_side() -> None:
            t = time.perf_counter()
            combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
            change.append(time.perf_counter() - t)

        def bare_side() -> None:
            t = time.perf_counter()
            bare(sql, tuple(params))
            base.append(time.perf_counter() - t)

        for side in (app_side, bare_side) if i % 2 == 0 else (bare_side, app_side):
            side()

    for i in range(TRIES):
        status = ("verified", "registered")[i % 2]
        one_change(bar.status, status, Filters(status=status), i // 2)
    bar.status.setCurrentIndex(0)
    for i in range(TRIES):
        chosen = desa if i % 2 == 0 else None
        one_change(bar.desa, chosen, Filters(desa=chosen), i // 2)
    rows.append(
        {
            "name": f"list at {total:,}: change a filter (status, desa)",
            "value": _median(change),
            "baseline": _median(base),
            "unit": "ms",
            "target": 3,
        }
    )

    # sort by name from the sort box (the ix_registrant_nama index serves both sides)
    bar.desa.setCurrentIndex(0)
    sort: list[float] = []
    base = []
    for i in range(TRIES):
        descending = i % 2 == 1
        t = time.perf_counter()
        bar.show_sort("nama", descending)
        bar.emit_now()
        sort.append(time.perf_counter() - t)
        order = "DESC" if descending else "ASC"
        t = time.perf_counter()
        bare(
            f"SELECT {cols} FROM registrant r WHERE 1=1 ORDER BY r.nama {order}, r.id {order} LIMIT ?",
            (BLOCK,),
        )
        base.append(time.perf_counter() - t)
    rows.append(
        {
            "name": f"list at {total:,}: sort by name",
            "value": _median(sort),
            "baseline": _median(base),
            "unit": "ms",
            "target": 3,
        }
    )

    # a broad filter with that sort: the model walks the name index instead of sorting every match
    combo: list[float] = []
    base = []
    bar.status.setCurrentIndex(bar.status.findData("verified"))
    for _ in range(3):
        page.model.blocks.clear()
        t = time.perf_counter()
        page.model.set_query(page.model.query, count=False)
        combo.append(time.perf_counter() - t)
        t = time.perf_counter()
        bare(
            f"SELECT {cols} FROM registrant r WHERE r.status = ? ORDER BY r.nama DESC, r.id DESC LIMIT ?",
            ("verified", BLOCK),
        )
        base.append(time.perf_counter() - t)
    rows.append(
        {
            "name": f"list at {total:,}: status filter + sort by name",
            "value": _median(combo),
            "baseline": _median(base),
            "unit": "ms",
            "target": 3,
            "note": "baseline is the same SQL planned by SQLite alone (temp B-tree over every match)",
        }
    )
    bar.status.setCurrentIndex(0)

    # scroll around a little more, then read the peak memory
    wait(lambda: model.total is not None)
    for fraction in (0.1, 0.5, 0.9, 0.3):
        page.view.verticalScrollBar().setValue(
            int(page.view.verticalScrollBar().maximum() * fraction)
        )
        app.processEvents()
    page.grab()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(
        {
            "name": f"list at {total:,}: peak memory with the list open",
            "value": peak,
            "unit": "MB",
            "kind": "max",
            "limit": 300,
        }
    )
    gui.jobs.shutdown()
    bare_con.close()
    ctx.close()
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    # The 1,000,000-row file is grown from the 150,000-row demo (bench_save.grown_db): generating it
    # with ``rentan demo`` takes hours.
    from bench_save import grown_db

    db = demo_db(20_000) if quick else grown_db(1_000_000)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [PY, __file__, "--child", str(db)], capture_output=True, text=True, env=env, timeout=1800
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    line = next(x for x in proc.stdout.splitlines() if x.startswith("["))
    return list(json.loads(line))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]))), flush=True)
    else:
        for row in run("--quick" in sys.argv):
            print(row)
