"""Temporary files left by a process that was killed or lost power mid-write.

Writers stamp their temporaries with their process id (``.NAME.<pid>.part``,
``.NAME.<pid>-<token>.tmp``). A temporary whose writer is gone can never be finished: it is half a
batch or half a database copy, personal data in plaintext on a stick or beside the backups, so the
next writer into the same folder removes it. A temporary of a living writer (the GUI and a
``rentan`` command beside it) is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

_STAMPED = re.compile(r"^\..+\.(\d+)(?:-[0-9a-f]+)?\.(?:part|tmp|enc\.tmp)(?:-journal|-wal|-shm)?$")


def writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # os.kill(pid, 0) would terminate the process on Windows; there an open file cannot be
        # deleted anyway, so the unlink below fails harmlessly for a living writer.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(folder: Path) -> list[Path]:
    """Remove the stamped temporaries in ``folder`` whose writer has died; returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _STAMPED.match(entry.name)
        if found and not writer_alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
