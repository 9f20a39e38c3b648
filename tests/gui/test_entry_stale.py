"""A correction saved from a version a colleague has since changed (in another process, with
``rentan edit``) is refused in the form with one sentence naming the colleague, and nothing is
written: the colleague's change stands and what the clerk typed stays in the form."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtCore import Qt
from tests.conftest import ADMIN_PASSWORD, person
from tests.gui.test_entry_form import make_form, press, type_text

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.services import registrants

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_stale_correction_is_refused_naming_who_changed_the_record(
    qtbot, gui_ctx: GuiContext, funder_id: int, rentan_bin: str
) -> None:  # type: ignore[no-untyped-def]
    saved = registrants.create(gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id)).registrant
    form = make_form(qtbot, gui_ctx)
    form.edit(saved.uuid)  # the clerk opens version 1
    colleague = subprocess.run(
        [rentan_bin, "edit", saved.uuid, "--alamat", "Jl. Sungai No. 2"]
        + ["--db", str(gui_ctx.ctx.db.path)],
        capture_output=True,
        text=True,
        env={**os.environ, "RENTAN_USER": "admin", "RENTAN_PASSWORD": ADMIN_PASSWORD},
        timeout=120,
        check=False,
    )
    assert colleague.returncode == 0, colleague.stderr
    form.editors["alamat"].setFocus()
    press(Qt.Key.Key_A, CTRL)
    type_text("jl. baru")
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "sudah diubah oleh" in form.status.text())
    shown = form.status.text()
    assert shown.startswith("Data ini sudah diubah oleh Admin Kecamatan (admin) pada ")
    assert "muat ulang" in shown and "tidak ada yang berubah" in shown
    stored = registrants.get(gui_ctx.ctx, actor=gui_ctx.user, uuid=saved.uuid)
    assert (stored.alamat, stored.version) == ("Jl. Sungai No. 2", 2)  # the colleague's stands
    assert form.values()["alamat"] == "JL. BARU"  # and what the clerk typed is still there
