"""At the start of a session: an export cut short (kill, power cut) is shown with one action.

The sentences and the decision are the service's (``services.batch_recovery``); this box only
lists them and runs *Selesaikan ekspor* as a background job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from rentan_desktop.gui.context import GuiContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("batch_recovery", text)


def offer(gui: GuiContext, parent: QWidget) -> QMessageBox | None:
    """Show the cut-short exports with *Selesaikan ekspor*; None when there are none."""
    from rentan_desktop.services import export_journal

    if not export_journal.folder_of(gui.ctx.db.path).is_dir():
        return None  # the usual start: no journal, and the batch services stay unloaded
    from rentan_desktop.domain import issues
    from rentan_desktop.services import batch_recovery

    found = batch_recovery.pending(gui.ctx)
    if not found:
        return None
    box = QMessageBox(parent)
    box.setObjectName("exportRecoveryBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Ekspor batch terputus"))
    box.setText("\n\n".join(batch_recovery.describe(e, issues.language()) for e in found))
    finish = box.addButton(_tr("&Selesaikan ekspor"), QMessageBox.ButtonRole.AcceptRole)
    finish.setObjectName("finishExportButton")
    box.addButton(_tr("&Nanti"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(finish)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: Any) -> None:
        if button is finish:
            run_finish(gui, parent)

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def run_finish(gui: GuiContext, parent: QWidget) -> Any:
    """Finish every cut-short export off the GUI thread, then show what happened to each."""
    from rentan_desktop.gui.errors import show_error, show_message
    from rentan_desktop.services import batch_recovery

    ctx, user = gui.ctx, gui.user

    def done(results: list[batch_recovery.Finished]) -> None:
        box = show_message(
            parent, "\n\n".join(r.message for r in results), title=_tr("Ekspor batch diselesaikan")
        )
        box.setIcon(QMessageBox.Icon.Information)
        box.setObjectName("exportRecoveredBox")
        gui.signals.emit_changed("registrant", (), "status")

    return gui.jobs.start(
        lambda _c: batch_recovery.finish(ctx, actor=user),
        title=_tr("Menyelesaikan ekspor batch…"),
        on_success=done,
        on_error=lambda exc: show_error(parent, exc),
    )
