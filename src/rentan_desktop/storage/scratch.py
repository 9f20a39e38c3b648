"""Scratch space for temp files with personal data: inside the data folder, swept at next start.

Exports (xlsxwriter streams sheets to temp files), backups (the plaintext SQLite copy before it is
encrypted) and batch decryption all need temp files that hold NIKs. The system temp folder is the
wrong place: a killed export left xlsxwriter temp files there, outside every retention rule. So
each process gets its own folder ``<data folder>/tmp/p<pid>-<random>/`` holding an exclusive lock
on ``.lock`` for as long as the process lives. A later start removes every scratch folder whose
lock it can take: the process that made it is gone (killed, crashed, power cut), so whatever it
left is abandoned. A live process's folder is never touched, even by a CLI run beside the GUI.

The data folder is where the database itself lies in plaintext, so temp data there adds no new
exposure (device encryption covers both), and it never reaches a stick or the system temp folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import threading
from pathlib import Path
from typing import IO

SCRATCH = "tmp"
_LOCK_NAME = ".lock"
_mine: dict[Path, tuple[Path, IO[bytes]]] = {}
_guard = threading.Lock()


def _try_lock(handle: IO[bytes]) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def process_dir(data_dir: Path) -> Path:
    """This process's scratch folder in ``data_dir`` (created and locked on first use)."""
    root = Path(data_dir).resolve() / SCRATCH
    with _guard:
        found = _mine.get(root)
        if found is not None and found[0].is_dir():
            return found[0]
        root.mkdir(mode=0o700, exist_ok=True)
        folder = root / f"p{os.getpid()}-{secrets.token_hex(4)}"
        folder.mkdir(mode=0o700)
        handle = open(folder / _LOCK_NAME, "a+b")  # noqa: SIM115 - held open for the process's life
        _try_lock(handle)
        _mine[root] = (folder, handle)
        return folder


def sweep(data_dir: Path) -> list[Path]:
    """Remove scratch folders left by processes that are gone; returns what was removed."""
    root = Path(data_dir).resolve() / SCRATCH
    if not root.is_dir():
        return []
    with _guard:
        own = {folder for folder, _ in _mine.values()}
    removed: list[Path] = []
    for entry in root.iterdir():
        if entry in own:
            continue
        if not entry.is_dir():
            with contextlib.suppress(OSError):
                entry.unlink()  # a stray file: nobody writes loose files here
                removed.append(entry)
            continue
        try:
            handle = open(entry / _LOCK_NAME, "a+b")  # noqa: SIM115
        except OSError:
            continue
        try:
            if not _try_lock(handle):
                continue  # a live process owns it
        finally:
            handle.close()  # closing drops our lock too (it was only a probe)
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed
