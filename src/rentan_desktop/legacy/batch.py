"""Cleaning every row of a sheet, on more than one core where that is safe.

A 150,000-row file spends most of its check in per-cell Python code. When the process has a single
thread and the platform can fork (the ``rentan`` CLI on Linux), the rows are split: forked children
clean their share of the already-read sheet (copy-on-write, nothing to send) and pipe the results
back while the parent cleans the first share. Elsewhere (the desktop app's worker thread, Windows)
forking is unsafe or unavailable and the rows are cleaned in this process; the result is the same.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from rentan_desktop.domain.issues import Issue, Severity
from rentan_desktop.legacy.cleaning import text
from rentan_desktop.legacy.rows import CleanRow, RowCleaner

PARALLEL_MIN_ROWS = 20_000  # below this, starting a process costs more than it saves
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The user cancelled a long check or import."""


@dataclass(frozen=True)
class Job:
    """What cleaning the rows of one sheet needs."""

    body: list[list[object]]
    data_start: int
    sheet_name: str
    key_col: int | None
    content: list[int]
    cleaner: RowCleaner
    source_id: str


def is_data(row: list[object], content: list[int]) -> bool:
    """At least two content cells filled: skips blank rows, signature blocks and place/date lines."""
    width, filled = len(row), 0
    for i in content:
        if i < width and text(row[i]):
            filled += 1
            if filled == 2:
                return True
    return False


def _clean_range(
    job: Job,
    start: int,
    end: int,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    scale: int = 1,
) -> list[CleanRow]:
    rows: list[CleanRow] = []
    total = len(job.body)
    for n in range(start, end):
        raw = job.body[n]
        if n % 1000 == 0:
            if cancelled():
                raise Cancelled()
            if progress:
                progress(min(n * scale, total), total)
        if not is_data(raw, job.content):
            continue
        number = job.data_start + n + 1
        key = text(raw[job.key_col]) if job.key_col is not None and job.key_col < len(raw) else ""
        rows.append(
            job.cleaner.clean(raw, number, key or f"{job.source_id}:{job.sheet_name}:{number}")
        )
    return rows


def auto_workers(rows: int) -> int:
    """How many processes to clean ``rows`` rows with (1 when forking is unsafe or not worth it)."""
    if rows < PARALLEL_MIN_ROWS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if threading.active_count() > 1:  # forking a multi-threaded process can deadlock the child
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def clean_rows(
    job: Job,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> list[CleanRow]:
    """Clean every data row of ``job`` (in order), using ``workers`` processes (auto when None)."""
    total = len(job.body)
    n = auto_workers(total) if workers is None else workers
    if n <= 1:
        rows = _clean_range(job, 0, total, progress, cancelled)
    else:
        rows = _clean_forked(job, n, progress, cancelled)
    if progress:
        progress(total, total)
    return rows


_JOB: Job | None = None  # what forked children clean (inherited, never pickled)


def _child(start: int, end: int, conn: Any) -> None:
    assert _JOB is not None
    try:
        conn.send([_pack(r) for r in _clean_range(_JOB, start, end, None, lambda: False)])
    finally:
        conn.close()


def _clean_forked(
    job: Job, n: int, progress: Progress | None, cancelled: Callable[[], bool]
) -> list[CleanRow]:
    global _JOB
    total = len(job.body)
    bounds = [total * k // n for k in range(n + 1)]
    ctx = multiprocessing.get_context("fork")
    _JOB = job
    children = []
    try:
        for k in range(1, n):
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(bounds[k], bounds[k + 1], writer), daemon=True)
            proc.start()
            writer.close()
            children.append((proc, reader, bounds[k], bounds[k + 1]))
    finally:
        _JOB = None
    try:
        rows = _clean_range(job, 0, bounds[1], progress, cancelled, scale=n)
        for _proc, reader, start, end in children:
            try:
                rows.extend(_unpack(p) for p in reader.recv())
            except (EOFError, OSError):  # the child died: clean its share here instead
                rows.extend(_clean_range(job, start, end, None, cancelled))
    finally:
        for proc, reader, _, _ in children:
            reader.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
    return rows


def _pack(r: CleanRow) -> tuple[object, ...]:
    issues = [(i.code, i.severity.value, i.field, dict(i.params)) for i in r.issues]
    return (r.number, r.key, r.values, r.raw, issues, r.nik_digits)


def _unpack(p: tuple[Any, ...]) -> CleanRow:
    number, key, values, raw, issues, digits = p
    found = [Issue(c, Severity(s), f, MappingProxyType(params)) for c, s, f, params in issues]
    return CleanRow(number, key, values, raw, found, digits)
