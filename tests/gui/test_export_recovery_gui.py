"""Issue 12.4 in the app: an export cut short is shown at start with one action that finishes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from tests.test_batch_support import add_verified

from rentan_desktop.gui.batches import recovery
from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.main_window import MainWindow
from rentan_desktop.services import export_journal, registrants
from rentan_desktop.storage.models import User


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_cut_short_export_is_offered_and_finished(
    qtbot: QtBot,
    gui_ctx: GuiContext,
    main_window: MainWindow,
    admin: User,
    funder_id: int,
    tmp_path: Path,
    find_top,  # type: ignore[no-untyped-def]
) -> None:
    ctx = gui_ctx.ctx
    assert recovery.offer(gui_ctx, main_window) is None  # nothing cut short: no box
    uuids = add_verified(ctx, admin, funder_id, 2)
    marks = []
    for uuid in uuids:
        row = registrants.get(ctx, actor=admin, uuid=uuid)
        marks.append([row.id, uuid, row.version, True])
    gone = tmp_path / "stick-taken-away"
    entry = export_journal.write(
        ctx.db.path,
        export_journal.Entry(
            batch_id="b0f5e3c2-0000-4000-8000-000000000001",
            seq=1,
            office="640801",
            folder=str(gone),
            files=[
                "BATCH-640801-00001.xlsx",
                "BATCH-640801-00001.manifest.json",
                "BATCH-640801-00001.manifest.sig",
            ],
            state=export_journal.VERIFIED,
            created_at="2026-12-07T05:00:00+00:00",
            created_by="admin",
            recipient="",
            key_id="k",
            prev_sha256="",
            manifest_sha256="ab" * 32,
            marks=marks,
        ),
    )
    path = export_journal.folder_of(ctx.db.path) / f"{entry.batch_id}.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "pid": _dead_pid()}))  # its process was killed

    box = recovery.offer(gui_ctx, main_window)
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().startswith("Ekspor batch 1 (BATCH-640801-00001.xlsx) ke ")
    button = box.findChild(type(box.defaultButton()), "finishExportButton")
    assert button is box.defaultButton() and button.text() == "&Selesaikan ekspor"
    button.click()
    qtbot.waitUntil(lambda: find_top("exportRecoveredBox") is not None, timeout=20000)
    text = find_top("exportRecoveredBox").text()
    assert "dicatat terkirim (2 data)" in text and "pastikan berkas" in text
    assert {registrants.get(ctx, actor=admin, uuid=u).status for u in uuids} == {"sent"}
    assert not export_journal.folder_of(ctx.db.path).exists()
    find_top("exportRecoveredBox").close()
    # The pages refresh after the change signal: let those jobs end before the window goes.
    qtbot.waitUntil(lambda: not gui_ctx.jobs.running(), timeout=20000)
    qtbot.wait(300)  # and their queued "finished" signals reach the window's progress bar
