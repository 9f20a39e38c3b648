"""The crash dialog names the log file in use, or says logging is off, and never a full NIK."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from rentan_desktop.gui import errors


def _bug() -> ValueError:
    try:
        raise ValueError("NIK 6408014101900001 tidak cocok")
    except ValueError as exc:
        return exc


def _shown(qtbot) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    exc = _bug()
    dialog = errors.show_crash(None, type(exc), exc, exc.__traceback__)
    head = " ".join(label.text() for label in dialog.findChildren(QLabel))
    details = dialog.findChild(QPlainTextEdit).toPlainText()
    dialog.close()  # deletes itself (WA_DeleteOnClose)
    return head, details


def test_crash_dialog_names_the_log_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "logs" / "rentan.log"
    monkeypatch.setattr(errors, "_log_file", log)
    head, details = _shown(qtbot)
    assert f"Log: {log}" in head and "Data yang sudah disimpan aman" in head
    assert "ValueError" in details and "6408014101900001" not in details


def test_crash_dialog_without_a_log_says_so(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(errors, "_log_file", None)
    head, _details = _shown(qtbot)
    assert "Log: (log tidak aktif)" in head
