"""Find removable drives (USB sticks) to offer as export targets. Plain data, no Qt.

Linux desktops mount sticks under ``/media/<user>/<label>`` (Debian, Ubuntu) or
``/run/media/<user>/<label>`` (Fedora, openSUSE); the mount table says which folders there are
real mount points. Windows reports a drive type per letter (``GetDriveTypeW``; 2 is removable).
When nothing is found the wizard offers "Pilih folder…" instead, so a wrong guess costs nothing.
"""

from __future__ import annotations

import os
import shutil
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LINUX_ROOTS = (Path("/media"), Path("/run/media"))
DRIVE_REMOVABLE = 2  # GetDriveTypeW: DRIVE_REMOVABLE


@dataclass(frozen=True)
class Drive:
    """A place a batch can be written to."""

    path: Path
    label: str
    free_bytes: int = -1


def _free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return -1


def _mount_points(mounts_file: Path) -> list[Path]:
    try:
        text = mounts_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    points = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            # /proc/mounts escapes spaces in labels as \040.
            points.append(Path(parts[1].replace("\\040", " ")))
    return points


def linux_drives(
    roots: Iterable[Path] = LINUX_ROOTS, mounts_file: Path = Path("/proc/mounts")
) -> list[Drive]:
    """Mounted media under ``roots`` (one or two folder levels deep)."""
    roots = [Path(r) for r in roots]
    found: dict[Path, Drive] = {}
    for point in _mount_points(mounts_file):
        if any(point != root and root in point.parents for root in roots):
            found[point] = Drive(point, point.name, _free(point))
    # Without a mount table (or in a test), accept writable folders at user/label depth.
    for root in roots:
        if not root.is_dir():
            continue
        for child in sorted(root.iterdir()):
            candidates = [child] if os.path.ismount(child) else []
            if child.is_dir() and not candidates:
                try:
                    candidates = [c for c in sorted(child.iterdir()) if c.is_dir()]
                except OSError:
                    candidates = []
            for path in candidates:
                if path not in found and os.access(path, os.W_OK):
                    found[path] = Drive(path, path.name, _free(path))
    return sorted(found.values(), key=lambda d: str(d.path))


def windows_drives() -> list[Drive]:
    """Drive letters whose type is removable (USB sticks, SD cards)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index, letter in enumerate(string.ascii_uppercase):
        if not mask & (1 << index):
            continue
        root = f"{letter}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
            continue
        name = ctypes.create_unicode_buffer(261)
        kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), name, 261, None, None, None, None, 0)
        label = f"{name.value} ({letter}:)" if name.value else f"({letter}:)"
        drives.append(Drive(Path(root), label, _free(Path(root))))
    return drives


def removable_drives() -> list[Drive]:
    """The removable drives of this computer, best effort and never raising."""
    try:
        if sys.platform == "win32":
            return windows_drives()
        if sys.platform == "darwin":
            return linux_drives([Path("/Volumes")])
        return linux_drives()
    except OSError:
        return []
