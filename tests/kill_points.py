"""SIGKILL a real process *inside* its critical section, and prove that is where it died.

A timer-based kill often lands before or after the work (7 of 20 earlier attempts finished
first). Here the test watches the child from outside and only kills it while a predicate holds:

- :func:`write_lock_held`: the child holds SQLite's WAL write lock (a POSIX lock on byte 120 of
  the ``-shm`` file, listed in ``/proc/locks``), i.e. it is inside a write transaction;
- :func:`temp_file_present`: a temporary file the operation writes (a backup copy, a batch part)
  exists.

The child is frozen with SIGSTOP, the predicate is checked again while it cannot move, and only
then is it killed; otherwise it continues (SIGCONT). ``Kill.landed`` is True only for a process
that died by SIGKILL while the predicate held. Linux only (``/proc``), like the rest of the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Kill:
    landed: bool  # died by SIGKILL while inside the critical section
    returncode: int
    output: str
    seconds: float


def write_lock_held(db: Path) -> Callable[[int], bool]:
    """True while process ``pid`` holds the WAL write lock of ``db``."""

    def held(pid: int) -> bool:
        try:
            inode = os.stat(f"{db}-shm").st_ino
        except FileNotFoundError:
            return False
        wanted = str(pid)
        with open("/proc/locks") as locks:
            for line in locks:
                parts = line.split()
                # "1: POSIX  ADVISORY  WRITE 14865 fe:00:2146582 120 120"
                if (
                    len(parts) >= 8
                    and parts[1] == "POSIX"
                    and parts[3] == "WRITE"
                    and parts[4] == wanted
                    and parts[6] == "120"
                    and parts[5].rsplit(":", 1)[-1] == str(inode)
                ):
                    return True
        return False

    return held


def temp_file_present(folder: Path, pattern: str) -> Callable[[int], bool]:
    """True while a file matching ``pattern`` exists in ``folder`` (the child is writing it)."""

    def present(_pid: int) -> bool:
        return any(folder.glob(pattern))

    return present


def either(*tests: Callable[[int], bool]) -> Callable[[int], bool]:
    return lambda pid: any(t(pid) for t in tests)


def _stopped(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("T", "t", "Z")
    except FileNotFoundError:
        return True


def kill_inside(
    cmd: list[str], inside: Callable[[int], bool], *, env: dict[str, str], timeout: float = 300.0
) -> Kill:
    """Run ``cmd`` and SIGKILL it the first time ``inside(pid)`` holds; it may finish first."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, text=True, env=env)
        landed = False
        try:
            while proc.poll() is None:
                if time.monotonic() - started > timeout:
                    proc.kill()
                    break
                if inside(proc.pid):
                    os.kill(proc.pid, signal.SIGSTOP)
                    deadline = time.monotonic() + 2.0
                    while not _stopped(proc.pid) and time.monotonic() < deadline:
                        time.sleep(0.0005)
                    if inside(proc.pid):  # frozen: it cannot leave the section before the kill
                        os.kill(proc.pid, signal.SIGKILL)
                        landed = True
                        break
                    os.kill(proc.pid, signal.SIGCONT)
                time.sleep(0.0003)
        finally:
            proc.wait(timeout=60)
        out.seek(0)
        output = out.read()
    return Kill(
        landed and proc.returncode == -signal.SIGKILL,
        proc.returncode,
        output,
        time.monotonic() - started,
    )
