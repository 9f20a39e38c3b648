"""Read an untrusted spreadsheet in a child process, so the worst a file can do is be refused.

Every reader of outside files (entry template, legacy lists, signed batches, BPJS results) goes
through :func:`open_book`:

1. :func:`sheet_precheck.check` refuses what the file declares (dimensions, string counts, ods
   repeats, zip bombs, wrong type) before any parser sees it;
2. the child (:mod:`sheet_child`) starts with an address-space and CPU limit (a job object on
   Windows) and a wall-clock timeout enforced from here;
3. while it parses, this process scans the (smaller) xlsx sheets for the cells actually used
   (:func:`sheet_precheck.scan_extents`) and kills the child if they reach past the limit; the
   child itself refuses a sheet whose range, as calamine built it, does;
4. rows come back in pickle chunks through a pipe, unpickled with only date/time classes allowed.

A child that dies (memory, time, a calamine abort) becomes an :class:`XlsxRefused` with one
sentence. ``last_stats`` holds the child's peak RSS and times, for tests and the benchmark.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from rentan_desktop.domain import formatting
from rentan_desktop.io import sheet_child, sheet_precheck
from rentan_desktop.io.xlsx_guard import XlsxRefused


@dataclass(frozen=True)
class ChildLimits:
    """The child's bounds. 150,000 template rows peak near 300 MB and take a few seconds."""

    memory_bytes: int = 2560 << 20
    cpu_seconds: int = 300
    wall_seconds: float = 600.0  # generous: offices run old laptops, and the CPU limit acts first


CHILD_LIMITS = ChildLimits()


@dataclass
class ChildStats:
    """How the last child ended. ``peak_rss`` (bytes): the child's own peak as sampled from
    ``/proc`` at every frame and before the end (Linux), else ``wait4``'s upper bound; 0 on
    Windows or when the pre-checks refused the file before any child started."""

    peak_rss: int = 0
    cpu_seconds: float = 0.0
    seconds: float = 0.0
    returncode: int | None = None


last_stats = ChildStats()
_ALLOWED = {
    ("datetime", name): getattr(dt, name) for name in ("date", "datetime", "time", "timedelta")
}


class _RowsUnpickler(pickle.Unpickler):
    """Rows are lists of str, float, int, bool, None and date/time values: nothing else loads."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cell value") from None


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundle's entry points dispatch on this flag
        return [sys.executable, sheet_child.FLAG]
    return [sys.executable, "-m", "rentan_desktop.io.sheet_child"]


@dataclass
class Sheet:
    """One sheet as the child reported it; :meth:`rows` streams its rows once."""

    name: str
    start: tuple[int, int] | None
    height: int
    width: int
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    _book: Book = field(repr=False)
    _done: bool = False

    def rows(self) -> Iterator[list[Any]]:
        while not self._done:
            message = self._book.receive()
            if message[0] == "text":
                text = message[1].decode("utf-8", "surrogatepass")
                yield from [
                    row.split(sheet_child.CELL_SEP) for row in text.split(sheet_child.ROW_SEP)
                ]
            elif message[0] == "rows":
                yield from message[1]
            elif message[0] == "sheet_end":
                self._done = True
            else:
                raise self._book.protocol_error(message)

    def drain(self) -> None:
        for _ in self.rows():
            pass


class Book:
    """A running child reading one file. Use as a context manager; see :func:`open_book`."""

    def __init__(
        self,
        path: Path,
        kind: str,
        sheets: Sequence[str | int] | None,
        pad: bool,
        limits: ChildLimits,
        precheck: sheet_precheck.Limits = sheet_precheck.LIMITS,
    ) -> None:
        self.path, self.limits = path, limits
        self.names: list[str] = []
        self.visible: list[str] = []
        self.missing: str | int | None = None
        self._timed_out = False
        self._finished = False
        self._reaped = False
        self._peak = 0
        self._current: Sheet | None = None
        self._started = time.monotonic()
        self._proc = subprocess.Popen(
            child_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            # A calamine abort would otherwise spend seconds symbolising a backtrace nobody reads.
            env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"},
        )
        self._timer = threading.Timer(limits.wall_seconds, self._timeout)
        self._timer.daemon = True
        self._timer.start()
        request = {
            "path": str(path),
            "kind": kind,
            "sheets": None if sheets is None else list(sheets),
            "pad": pad,
            "memory": limits.memory_bytes,
            "cpu": limits.cpu_seconds,
            "max_cells": precheck.max_cells,
            "max_rows": precheck.max_rows,
            "max_columns": precheck.max_columns,
        }
        assert self._proc.stdin is not None and self._proc.stdout is not None
        try:
            sheet_child.write_frame(self._proc.stdin, request)  # type: ignore[arg-type]
            self._proc.stdin.close()
        except OSError:
            pass  # the child died at once; receive() reports how
        self._out = self._proc.stdout
        _widen_pipe(self._out)

    # -- reading ------------------------------------------------------------------------------
    def _sample_peak(self) -> None:
        """The child's own peak RSS (Linux ``VmHWM``). ``wait4``'s figure is no use: Linux counts
        the spawning process's peak in a child started by vfork/exec, so a big parent would make
        every child look big."""
        if self._reaped:
            return
        try:
            with open(f"/proc/{self._proc.pid}/status", "rb") as status:
                for line in status:
                    if line.startswith(b"VmHWM:"):
                        self._peak = max(self._peak, int(line.split()[1]) * 1024)
                        return
        except (OSError, ValueError, IndexError):
            return

    def receive(self) -> tuple[Any, ...]:
        self._sample_peak()
        raw = sheet_child.read_frame(self._out)  # type: ignore[arg-type]
        if raw is None:
            raise self._death()
        try:
            message = _RowsUnpickler(io.BytesIO(raw)).load()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
            self.close()
            raise XlsxRefused(
                "sheet.unreadable", name=self.path.name, detail="data pembaca"
            ) from exc
        if message[0] == "refused":
            self.close()
            params = {
                "name": self.path.name,
                "detail": "",
                "limit": _mb(self.limits.memory_bytes),
                **{  # counts come as numbers: grouped here, in the user's language
                    k: formatting.angka(v) if isinstance(v, int) else v
                    for k, v in message[2].items()
                },
            }
            raise XlsxRefused(message[1], **params)
        return message

    def protocol_error(self, message: tuple[Any, ...]) -> XlsxRefused:
        self.close()
        return XlsxRefused("sheet.unreadable", name=self.path.name, detail=f"pesan {message[0]!r}")

    def sheets(self) -> Iterator[Sheet]:
        """The requested sheets in order; stops early at a missing one (``missing`` names it)."""
        while not self._finished:
            if self._current is not None and not self._current._done:
                self._current.drain()
            message = self.receive()
            if message[0] == "sheet":
                meta = message[1]
                self._current = Sheet(
                    meta["name"], meta["start"], meta["height"], meta["width"], meta["merged"], self
                )
                yield self._current
            elif message[0] == "missing":
                self.missing = message[1]
            elif message[0] == "end":
                self._finished = True
                self.close()
            else:
                raise self.protocol_error(message)

    # -- ending -------------------------------------------------------------------------------
    def _timeout(self) -> None:
        self._timed_out = True
        self._kill()

    def _kill(self) -> None:
        # os.kill, not Popen.kill: Popen polls first and would reap the child, losing its rusage.
        # The pid cannot be reused before we reap it ourselves.
        if self._reaped:
            return
        try:
            if sys.platform == "win32":
                self._proc.kill()
            else:
                os.kill(self._proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def _reap(self) -> None:
        global last_stats
        rss, cpu = 0, 0.0
        if hasattr(os, "wait4"):
            try:
                _, status, usage = os.wait4(self._proc.pid, 0)
                self._proc.returncode = os.waitstatus_to_exitcode(status)
                rss = usage.ru_maxrss * 1024  # kilobytes on Linux
                cpu = usage.ru_utime + usage.ru_stime
            except ChildProcessError:
                pass
        self._proc.wait()
        self._reaped = True
        if self._peak or not os.path.exists("/proc/self/status"):
            rss = self._peak or rss  # the sampled own peak where /proc exists, else wait4's bound
        last_stats = ChildStats(rss, cpu, time.monotonic() - self._started, self._proc.returncode)

    def close(self) -> None:
        """Stop the child (if still running) and collect its exit status and peak memory."""
        self._timer.cancel()
        if self._reaped:
            return
        self._sample_peak()
        if not self._finished:
            self._kill()
        with contextlib.suppress(OSError):
            self._out.close()
        self._reap()

    def _death(self) -> XlsxRefused:
        self.close()  # the stream ended early: the child is dead or dying; kill is harmless
        code = self._proc.returncode
        name = self.path.name
        if self._timed_out or code in (-getattr(signal, "SIGXCPU", 24), -signal.SIGKILL):
            seconds = int(self.limits.wall_seconds if self._timed_out else self.limits.cpu_seconds)
            return XlsxRefused("sheet.timeout", name=name, seconds=seconds)
        # An allocation beyond RLIMIT_AS aborts calamine (Rust) or ends Python with MemoryError.
        return XlsxRefused("sheet.memory", name=name, limit=_mb(self.limits.memory_bytes))

    def __enter__(self) -> Book:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _widen_pipe(stream: Any) -> None:
    """Give the rows pipe 1 MiB instead of 64 KiB (Linux): 150,000 rows are ~18 MB of frames,
    and on a loaded machine every full pipe costs the child a wait for the scheduler."""
    if sys.platform == "win32":
        return
    import fcntl

    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if setpipe is not None:
        with contextlib.suppress(OSError):  # above the user's pipe-max-size: keep the default
            fcntl.fcntl(stream.fileno(), setpipe, 1 << 20)


def _mb(n: int) -> str:
    return f"{formatting.angka(n / (1 << 20))} MB"


def open_book(
    path: Path | str,
    sheets: Sequence[str | int] | None = None,
    *,
    pad: bool = False,
    limits: ChildLimits = CHILD_LIMITS,
    precheck: sheet_precheck.Limits = sheet_precheck.LIMITS,
) -> Book:
    """Check ``path`` and start reading it in a child; returns once the sheet names are known.

    Args:
        path: the untrusted file (xlsx, xlsm, xlsb, xls, ods; anything else is read as csv).
        sheets: names or indexes to stream, in order (reading stops at the first missing one);
            None for the first visible sheet; [] for names only.
        pad: rows and columns before the first used cell come back empty (row numbers as Excel).

    Raises:
        XlsxRefused: the file asks for too much, is damaged, or the child ran out of memory/time.
    """
    global last_stats
    last_stats = ChildStats()
    path = Path(path)
    kind = sheet_precheck.check(path, precheck)
    book = Book(path, kind, sheets, pad, limits, precheck)
    try:
        sheet_precheck.scan_extents(path, precheck)  # runs while the child parses
        message = book.receive()
        if message[0] != "book":
            raise book.protocol_error(message)
        book.names, book.visible = message[1]["names"], message[1]["visible"]
    except BaseException:
        book.close()
        raise
    return book


def visible_sheet_names(path: Path | str) -> list[str]:
    """Names of the visible sheets, for a sheet chooser on the GUI thread.

    An xlsx lists them in ``xl/workbook.xml`` (the same attribute calamine reads): after the
    pre-checks that small part is read here, without starting a child (~0.2 s). Other formats
    ask the child.

    Raises:
        XlsxRefused: as :func:`open_book`.
    """
    path = Path(path)
    kind = sheet_precheck.check(path)
    if kind == "xlsx":
        import zipfile

        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError, fromstring

        try:
            with zipfile.ZipFile(path) as zf:
                root = fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
        except (KeyError, OSError, zipfile.BadZipFile, DefusedXmlException, ParseError) as exc:
            raise XlsxRefused("sheet.unreadable", name=path.name, detail="xl/workbook.xml") from exc
        return [
            elem.get("name", "")
            for elem in root.iter()
            if elem.tag.rsplit("}", 1)[-1] == "sheet" and elem.get("state", "visible") == "visible"
        ]
    with open_book(path, []) as book:
        return book.visible
