"""Cleaning every row of a sheet, with progress and cancellation, in one process by default.

Rows can also be split over forked processes (``workers``): children clean their share of the
already-read sheet (copy-on-write, nothing to send) and pipe the cleaned rows back. Since the
cleaner memoises repeated cells, sending 150,000 cleaned rows back costs more than cleaning them
(on the 2-core bench machine the check took 7.2 s forked against 5.9 s in one process), so the
check cleans in its own process unless asked otherwise; the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from rentan_desktop.domain.issues import Issue, Severity
from rentan_desktop.legacy.cleaning import text
from rentan_desktop.legacy.rows import CleanRow, RowCleaner
from rentan_desktop.legacy.skip import SIGNATURE, SPARSE, Skipped, kind_of, not_a_person

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
    nik_col: int | None = None
    skipped: list[Skipped] = field(default_factory=list)  # filled by the cleaning, in row order


def is_data(row: list[object], content: list[int]) -> bool:
    """At least two content cells filled: skips blank rows, signature blocks and place/date lines."""
    width, filled = len(row), 0
    for i in content:
        if i >= width:
            continue
        cell = row[i]
        if cell.strip() if type(cell) is str else text(cell):
            filled += 1
            if filled == 2:
                return True
    return False


_CHUNK = 1000  # rows between polls of ``cancelled`` and calls of ``progress``


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
    body, content, key_col, clean = job.body, job.content, job.key_col, job.cleaner.clean
    prefix = f"{job.source_id}:{job.sheet_name}:"
    nik_col, skipped = job.nik_col, job.skipped
    signed = False  # below the signature block's first line, only real NIK rows are people
    for first in range(start, end, _CHUNK):
        if cancelled():
            raise Cancelled()
        if progress:
            progress(min(first * scale, total), total)
        for n in range(first, min(first + _CHUNK, end)):
            raw = body[n]
            number = job.data_start + n + 1
            if not is_data(raw, content):
                kind = kind_of(raw)
                if signed and kind == SPARSE:
                    kind = SIGNATURE
                signed = signed or kind == SIGNATURE
                skipped.append(Skipped(number, kind, _short(raw)))
                continue
            kind = not_a_person(raw, nik_col)
            if kind is None and signed and not _sixteen(raw, nik_col):
                kind = SIGNATURE
            if kind is not None:
                signed = signed or kind == SIGNATURE
                skipped.append(Skipped(number, kind, _short(raw)))
                continue
            signed = False  # a person again: the block was a page's signature, the table goes on
            key = text(raw[key_col]) if key_col is not None and key_col < len(raw) else ""
            rows.append(clean(raw, number, key or f"{prefix}{number}"))
    return rows


def _short(row: list[object]) -> str:
    joined = " | ".join(t for c in row if (t := text(c)))
    return joined if len(joined) <= 80 else joined[:77] + "..."


def _sixteen(row: list[object], nik_col: int | None) -> bool:
    if nik_col is None or nik_col >= len(row):
        return False
    digits = "".join(ch for ch in text(row[nik_col]) if ch.isdigit())
    return len(digits) == 16


def can_fork() -> bool:
    """Forking is available and safe: not on Windows, and not from a multi-threaded process
    (the desktop app's worker thread), where a forked child can deadlock."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def clean_rows(
    job: Job,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> list[CleanRow]:
    """Clean every data row of ``job`` (in order), in ``workers`` processes where forking is safe
    (one process when None)."""
    total = len(job.body)
    n = min(workers or 1, 8)
    if n <= 1 or not can_fork():
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
        rows = _clean_range(_JOB, start, end, None, lambda: False)
        conn.send(([_pack(r) for r in rows], _JOB.skipped))
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
                packed, skipped = reader.recv()
                rows.extend(_unpack(p) for p in packed)
                job.skipped.extend(skipped)
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
