"""The only way the app shows a file dialog: one that never opens the live database file.

SQLite's locks are POSIX advisory locks, and POSIX drops *all* of a process's locks on a file
when *any* descriptor of that file is closed in the process. Qt's file dialog fills its list
through ``QFileSystemModel``, whose gatherer thread asks the icon provider for each file's type;
the stock provider sniffs the content (``QMimeDatabase``): it opens and closes ``rentan.db``.
From then on this process writes to a database whose locks are gone, and the next ``rentan``
command may delete the ``-wal`` and ``-shm`` files under it (committed writes lost, reproduced in
``tests/gui/test_dialog_locks.py``).

So every dialog here is Qt's own widget dialog (a native one is another library we cannot
audit) with an icon provider that decides by name only, a proxy model that hides the database
files from the list, and a start folder that is never the data folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QFileInfo,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

# What SQLite keeps beside a database file.
_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")
_DATA_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".db-journal")

_guarded: set[Path] = set()


def guard_database(path: Path) -> None:
    """Register a live database: every later dialog hides it and never starts in its folder."""
    _guarded.add(Path(path).resolve())


def _hidden_names() -> set[str]:
    return {p.name + s for p in _guarded for s in _SIDE_SUFFIXES}


def _data_folders() -> set[Path]:
    return {p.parent for p in _guarded}


class NameOnlyIcons(QAbstractFileIconProvider):
    """File icons and type names from the file name alone: never opens the file."""

    def icon(self, arg: object) -> QIcon:  # type: ignore[override]
        kind = arg if isinstance(arg, QAbstractFileIconProvider.IconType) else None
        if kind is None and isinstance(arg, QFileInfo) and arg.isDir():
            kind = QAbstractFileIconProvider.IconType.Folder
        return super().icon(kind or QAbstractFileIconProvider.IconType.File)

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class _HideDataFiles(QSortFilterProxyModel):
    """Hides registered database files (and any SQLite side file) from the dialog's list."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = _hidden_names()

    def filterAcceptsRow(  # noqa: N802 - Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        name = str(model.data(index))
        if isinstance(model, QFileSystemModel) and model.isDir(index):
            return True
        return name not in self._names and not name.endswith(_DATA_SUFFIXES[3:])


def _start_folder(folder: Path | str | None) -> str:
    start = Path(folder) if folder else Path.home()
    try:
        resolved = start.resolve()
    except OSError:
        return str(Path.home())
    if resolved in _data_folders():
        # The data folder holds the live database: start at home instead; the user can still go
        # there, and the database files stay hidden and unread.
        return str(Path.home())
    return str(start)


def _dialog(
    parent: QWidget | None,
    caption: str,
    folder: Path | str | None,
    name_filter: str,
    mode: QFileDialog.FileMode,
    extra_guard: Iterable[Path] = (),
) -> QFileDialog:
    for path in extra_guard:
        guard_database(path)
    dialog = QFileDialog(parent, caption)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(NameOnlyIcons())
    dialog.setProxyModel(_HideDataFiles(dialog))
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if name_filter:
        dialog.setNameFilter(name_filter)
    if folder and not Path(folder).is_dir() and Path(folder).suffix:
        # A suggested file name (save dialogs): its folder, unless that is the data folder.
        dialog.setDirectory(_start_folder(Path(folder).parent))
        dialog.selectFile(Path(folder).name)
    else:
        dialog.setDirectory(_start_folder(folder))
    return dialog


def _run(dialog: QFileDialog) -> str:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return ""
        chosen = dialog.selectedFiles()
        return chosen[0] if chosen else ""
    finally:
        dialog.deleteLater()


def open_file(
    parent: QWidget | None, caption: str, folder: Path | str | None = None, name_filter: str = ""
) -> str:
    """Ask for an existing file; '' when cancelled (drop-in for ``getOpenFileName``'s path)."""
    return _run(_dialog(parent, caption, folder, name_filter, QFileDialog.FileMode.ExistingFile))


def save_file(
    parent: QWidget | None, caption: str, folder: Path | str | None = None, name_filter: str = ""
) -> str:
    """Ask where to save a file; '' when cancelled."""
    dialog = _dialog(parent, caption, folder, name_filter, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _run(dialog)


def existing_folder(parent: QWidget | None, caption: str, folder: Path | str | None = None) -> str:
    """Ask for a folder; '' when cancelled."""
    return _run(_dialog(parent, caption, folder, "", QFileDialog.FileMode.Directory))


def open_files(
    parent: QWidget | None, caption: str, folder: Path | str | None = None, name_filter: str = ""
) -> list[str]:
    """Ask for one or more existing files; [] when cancelled."""
    dialog = _dialog(parent, caption, folder, name_filter, QFileDialog.FileMode.ExistingFiles)
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()
