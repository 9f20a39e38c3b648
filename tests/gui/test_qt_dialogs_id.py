"""Qt's own dialogs speak Bahasa Indonesia (issue 15, point 8): the file dialogs the app opens and
the standard buttons of message boxes, from the bundled ``qt_id.qm`` (Qt ships no Indonesian)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeView,
    QWidget,
)

from rentan_desktop.gui import file_dialogs

# Words of Qt's English dialogs; none may be left on an Indonesian screen.
ENGLISH = re.compile(
    r"\b(Look in|File name|Files of type|Cancel|Open|Save|Name|Size|Type|Date Modified|Back|"
    r"Forward|Parent Directory|Detail View|List View|Sidebar|Yes|No|All|Details|Restore|"
    r"Defaults|Close|Apply|Discard|Retry|Ignore|Abort|Help|Reset|Files)\b"
)


def _texts(dialog: QWidget) -> list[str]:
    out: list[str] = []
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QLabel)) and widget.isVisibleTo(dialog):
            out.append(widget.text())
        if widget.isVisibleTo(dialog) and widget.toolTip():
            out.append(widget.toolTip())
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        out += [
            str(model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal))
            for c in range(model.columnCount())
        ]
    return [t.replace("&", "") for t in out if t]


@pytest.mark.parametrize("kind", ["open", "save"])
def test_file_dialogs_are_in_indonesian(qtbot, gui_lang: str, tmp_path, kind: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(30, look)
            return
        seen.extend(_texts(dialog))
        dialog.reject()

    QTimer.singleShot(30, look)
    if kind == "open":
        assert file_dialogs.open_file(None, "Pilih file", tmp_path, "Excel (*.xlsx)") == ""
    else:
        assert file_dialogs.save_file(None, "Simpan laporan", tmp_path / "laporan.pdf") == ""
    assert seen, "no dialog was shown"
    english = [t for t in seen if ENGLISH.search(t)]
    assert not english, english
    assert "Batal" in seen
    assert any(t in ("Buka", "Simpan") for t in seen)
    assert {"Nama", "Ukuran", "Jenis", "Tanggal diubah"} <= set(seen)


def test_standard_buttons_are_in_indonesian(qtbot, gui_lang: str) -> None:  # type: ignore[no-untyped-def]
    buttons = QMessageBox.StandardButton
    every = buttons.NoButton
    for name in (
        "Yes",
        "No",
        "Cancel",
        "Ok",
        "Save",
        "Discard",
        "YesToAll",
        "NoToAll",
        "Close",
        "Apply",
        "RestoreDefaults",
        "Retry",
        "Abort",
        "Ignore",
        "SaveAll",
        "Help",
        "Reset",
        "Open",
    ):
        every |= getattr(buttons, name)
    box = QMessageBox(QMessageBox.Icon.Question, "Judul", "Teks", every)
    box.setDetailedText("rincian")
    qtbot.addWidget(box)
    texts = [b.text().replace("&", "") for b in box.buttons()]
    assert "Ya" in texts and "Tidak" in texts and "Batal" in texts and "OK" in texts
    english = [t for t in texts if ENGLISH.search(t)]
    assert not english, english
