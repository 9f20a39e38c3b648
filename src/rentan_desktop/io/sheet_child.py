"""The child process that parses one untrusted spreadsheet under memory and time limits.

Run as ``python -m rentan_desktop.io.sheet_child`` (or the frozen app with ``--rentan-sheet-child``)
by :mod:`rentan_desktop.io.safe_sheet`, never by hand. It reads one request from stdin, lowers its
own limits *before* touching the file (address space, CPU seconds, no core dump; a job object on
Windows), then streams what it read to stdout as length-prefixed pickle frames:

    ("book", {"names": [...], "visible": [...]})
    ("sheet", {"name", "start", "height", "width", "merged"})  then ("rows", [row, ...]) ... ("sheet_end", None)
    ("missing", name)          a requested sheet is not in the book (the reading stops there)
    ("end", None)  or  ("refused", code, params)

Rows go out in chunks while calamine converts the next ones, so the parent works in parallel.
Only the standard library and python-calamine are imported here (csv files also load the legacy
csv reader), so the child starts in well under a tenth of a second.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
from collections.abc import Callable
from typing import Any, BinaryIO

from rentan_desktop.io import csv_rows

FLAG = "--rentan-sheet-child"  # argv[1] of a frozen app started as the child
CHUNK_ROWS = 2000
ROW_SEP, CELL_SEP = "\x1e", "\x1f"  # ASCII record and unit separators
_HEADER = struct.Struct("<Q")


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's bytes, or None at end of stream (a short frame also counts as the end)."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    body = stream.read(size)
    return body if len(body) == size else None


def write_frame(stream: BinaryIO, message: object) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: rows hold no shared or recursive objects, and it is ~5x faster
    pickler.dump(message)
    data = buffer.getvalue()
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)


def apply_limits(memory_bytes: int, cpu_seconds: int) -> None:
    """Lower this process's own limits; called before the file is opened."""
    if sys.platform == "win32":
        _windows_job(memory_bytes)
        return
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a 2 GB abort must not write a core file
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Soft limit sends SIGXCPU (the process ends); the hard one is a backstop.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def _windows_job(memory_bytes: int) -> None:
    """Put this process in a job object with a memory cap (Windows has no setrlimit).

    Best effort: if the job cannot be created, the parent's wall-clock timeout still bounds the
    time, and Windows' commit limit the memory.
    """
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (n, ctypes.c_ulonglong)
            for n in (
                "ReadOperationCount",
                "WriteOperationCount",
                "OtherOperationCount",
                "ReadTransferCount",
                "WriteTransferCount",
                "OtherTransferCount",
            )
        ]

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_longlong),
            ("PerJobUserTimeLimit", ctypes.c_longlong),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    job_limit_process_memory = 0x100
    job_object_extended_limit_information = 9
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        # Handles are pointer-sized: without these declarations ctypes would pass 32-bit ints.
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        kernel32.SetInformationJobObject.argtypes = (
            wintypes.HANDLE,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
        )
        kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
        job = kernel32.CreateJobObjectW(None, None)
        info = ExtendedLimits()
        info.BasicLimitInformation.LimitFlags = job_limit_process_memory
        info.ProcessMemoryLimit = memory_bytes
        kernel32.SetInformationJobObject(
            job, job_object_extended_limit_information, ctypes.byref(info), ctypes.sizeof(info)
        )
        kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess())
    except (OSError, AttributeError):
        pass


def _visible(book: Any) -> list[str]:
    return [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")]


def _send_sheet(
    send: Callable[[object], None],
    name: str,
    start: Any,
    rows_iter: Any,
    height: int,
    width: int,
    merged: list[Any],
    pad: bool,
    text_ok: bool = True,
) -> None:
    """Stream one sheet. ``pad`` reproduces ``to_python(skip_empty_area=False)``: columns before
    the first used cell come back empty, so column positions are the ones Excel shows."""
    send(
        (
            "sheet",
            {"name": name, "start": start, "height": height, "width": width, "merged": merged},
        )
    )
    chunk: list[list[Any]] = []
    # calamine's iter_rows already yields the empty rows above the first used cell, not the
    # empty columns to its left.
    prefix = [""] * start[1] if pad and start is not None else []
    for row in rows_iter:
        chunk.append(prefix + row if prefix else row)
        if len(chunk) >= CHUNK_ROWS:
            _send_rows(send, chunk, text_ok)
            chunk = []
    if chunk:
        _send_rows(send, chunk, text_ok)
    send(("sheet_end", None))


def _send_rows(send: Callable[[object], None], chunk: list[list[Any]], text_ok: bool) -> None:
    """Text-only chunks travel as one joined string (splitting it is ~4x cheaper for the parent
    than unpickling 2,000 lists); anything else, or text holding the separators, as pickle."""
    if text_ok:
        try:
            text = ROW_SEP.join([CELL_SEP.join(row) for row in chunk])
        except TypeError:  # a number, date or empty cell: not all text
            text = None
        if (
            text is not None
            and text.count(ROW_SEP) == len(chunk) - 1
            and text.count(CELL_SEP) == sum(len(row) - 1 for row in chunk)
            and all(chunk)
        ):
            send(("text", text.encode("utf-8", "surrogatepass")))
            return
    send(("rows", chunk))


def _serve_book(request: dict[str, Any], send: Callable[[object], None]) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(request["path"])
    names = list(book.sheet_names)
    visible = _visible(book)
    send(("book", {"names": names, "visible": visible}))
    wanted = request["sheets"]
    if wanted is None:
        wanted = [(visible or names)[0]] if names else []
    for sheet in wanted:
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                send(("missing", sheet))
                break
            sheet = names[sheet]
        if sheet not in names:
            send(("missing", sheet))
            break
        data = book.get_sheet_by_name(sheet)
        # What the parent will receive: the empty rows above the first used cell, and with `pad`
        # the empty columns left of it (a sheet used only at XFD1:XFD1048576 is one column wide
        # for calamine, 16,384 for the rows sent).
        top, left = data.start if data.start is not None else (0, 0)
        _check_cells(
            request, sheet, top + data.height, data.width + (left if request["pad"] else 0)
        )
        merged = [((a[0], a[1]), (b[0], b[1])) for a, b in (data.merged_cell_ranges or [])]
        _send_sheet(
            send,
            sheet,
            data.start,
            data.iter_rows(),
            data.height,
            data.width,
            merged,
            request["pad"],
        )
    book.close()


class _Refused(Exception):
    def __init__(self, code: str, params: dict[str, object]) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _check_cells(request: dict[str, Any], sheet: str, height: int, width: int) -> None:
    """Refuse a sheet whose range (as calamine built it, from the cells actually used) is past the
    limits, before a row reaches the parent, which would hold them all."""
    cells = height * width
    if (
        height <= request["max_rows"]
        and width <= request["max_columns"]
        and cells <= request["max_cells"]
    ):
        return
    raise _Refused(
        "sheet.cells",
        {
            "sheet": sheet,
            "cells": cells,
            "detail": "sel terpakai",
            "limit": request["max_cells"],
        },
    )


def _serve_csv(request: dict[str, Any], send: Callable[[object], None]) -> None:
    stem = os.path.splitext(os.path.basename(request["path"]))[0]
    send(("book", {"names": [stem], "visible": [stem]}))
    if request["sheets"] == []:
        return
    rows = csv_rows.parse_csv(request["path"])
    width = max(map(len, rows), default=0)
    _send_sheet(
        send, stem, (0, 0) if rows else None, iter(rows), len(rows), width, [], False, text_ok=False
    )  # csv rows vary in length, some are empty


def main() -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the frame stream
    raw = read_frame(stdin)
    if raw is None:
        return 2
    request = pickle.loads(raw)  # written by our own parent process, not by the file

    def send(message: object) -> None:
        write_frame(stdout, message)

    apply_limits(request["memory"], request["cpu"])
    try:
        if request["kind"] == "csv":
            _serve_csv(request, send)
        else:
            _serve_book(request, send)
        send(("end", None))
    except _Refused as refusal:
        send(("refused", refusal.code, refusal.params))
    except MemoryError:
        send(("refused", "sheet.memory", {}))
    except BaseException as exc:  # noqa: BLE001 - calamine panics are BaseException; report, never trace
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        try:
            send(("refused", "sheet.unreadable", {"detail": detail}))
        except OSError:  # the parent stopped reading (it refused the file or was cancelled)
            return 1
    try:
        stdout.flush()
    except OSError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
