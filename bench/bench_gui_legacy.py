"""The legacy import wizard's preview over a large messy workbook: what the screen adds to the check.

Runs in a child process (offscreen Qt). The baseline is the dry run itself
(``services.legacy_import.check`` over a workbook from ``messy_generator``, 150,000 rows; 20,000 with
``--quick``); each step is the GUI work on top of it, so the ratio says how much the screen adds:

- ``preview shown``: ``show_run`` (model reset, column widths, summary) until the first page is
  painted — target at most 0.10 of the dry run.
- ``only rows with problems``: ticking the filter until the page is painted again — at most 0.05.
- ``scroll to the last row``: End in the table until painted — at most 0.05.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from common import demo_db  # noqa: E402

PY = str(HERE.parent / ".venv" / "bin" / "python")
TRIES = 5


def child(db: Path, rows: int) -> list[dict[str, Any]]:
    """Inside the child: dry run once, then time each preview step over its result."""
    from PySide6.QtWidgets import QApplication
    from sqlmodel import select

    app = QApplication([sys.argv[0]])
    from messy_generator import generate
    from rentan_desktop.gui.context import GuiContext
    from rentan_desktop.gui.jobs import JobRunner
    from rentan_desktop.gui.legacy.widget import LegacyImportPage
    from rentan_desktop.gui.signals import AppSignals
    from rentan_desktop.services import legacy_import
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User

    source = Path(tempfile.mkdtemp(prefix="bench-legacy-gui-")) / "messy.xlsx"
    generate(source, rows, seed=11)
    ctx = AppContext.open(db)
    with ctx.db.reader() as session:
        user = session.exec(select(User).where(User.username == "admin")).one()
    gui = GuiContext(ctx, user, AppSignals(), JobRunner())
    page = LegacyImportPage(gui)
    page.resize(1300, 800)
    page.show()
    app.processEvents()
    page.set_file(source)
    page.show_guess(legacy_import.guess(ctx, actor=user, path=source))
    # The generated lists have no occupation column: the wizard's default occupation applies.
    page.options.job.setCurrentIndex(page.options.job.findData("PETANI"))
    start = time.perf_counter()
    run = legacy_import.check(ctx, actor=user, **page._service_kwargs())
    check_ms = (time.perf_counter() - start) * 1000

    def painted(action: Any) -> float:
        start = time.perf_counter()
        action()
        page.table.viewport().repaint()
        app.processEvents()
        return (time.perf_counter() - start) * 1000

    shown, filtered, scrolled = [], [], []
    for _ in range(TRIES):
        page.only_problems.setChecked(False)
        page.preview.set_run(None)
        shown.append(painted(lambda: page.show_run(run)))
        filtered.append(painted(lambda: page.only_problems.setChecked(True)))
        scrolled.append(painted(page.table.scrollToBottom))
        page.table.scrollToTop()
    ctx.close()
    note = f"{rows:,} rows, {len(page.preview.visible):,} with problems"

    def row(name: str, samples: list[float], target: float) -> dict[str, Any]:
        return {
            "name": name, "value": statistics.median(samples), "baseline": check_ms,
            "unit": "ms", "target": target, "note": note,
        }  # fmt: skip

    return [
        row("legacy preview shown (vs the dry run)", shown, 0.10),
        row("legacy preview: only rows with problems (vs the dry run)", filtered, 0.05),
        row("legacy preview: scroll to the last row (vs the dry run)", scrolled, 0.05),
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    db = demo_db(1000)
    rows = 20_000 if quick else 150_000
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [PY, __file__, "--child", str(db), str(rows)],
        capture_output=True, text=True, env=env, timeout=3600,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    line = next(x for x in proc.stdout.splitlines() if x.startswith("["))
    return list(json.loads(line))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]), int(sys.argv[3]))), flush=True)
    else:
        for result in run("--quick" in sys.argv):
            print(result)
