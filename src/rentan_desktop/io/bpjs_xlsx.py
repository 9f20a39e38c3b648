"""BPJS Ketenagakerjaan files: the collective registration workbook and BPJS's result workbook.

The layout of both comes from an editable mapping (``resources/bpjs_mapping.json``, or a copy in the
data folder) because the official template is not public. Writing reuses the text-only batch writer
(NIK as text, formula injection neutralised); reading BPJS's answer finds its columns by any of the
header spellings the mapping lists and returns typed values, naming the row of every problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rentan_desktop.io import safe_sheet
from rentan_desktop.io.batch_xlsx import TextSheetWriter, WorkbookReadError
from rentan_desktop.io.xlsx_guard import XlsxRefused

_DATE_TEXT = (
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
)


def write_workbook(
    path: Path,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]] | Iterator[Sequence[str]],
    tmpdir: Path | None = None,
) -> int:
    """Write the collective registration workbook (one sheet, every cell text); returns the rows.

    ``tmpdir`` receives xlsxwriter's temp files (full NIKs): the data folder's scratch space.
    """
    with TextSheetWriter(
        path, headers, data_sheet=sheet, summary_sheet=None, per_sheet=1_048_000, tmpdir=tmpdir
    ) as writer:
        for row in rows:
            writer.add_row(row)
        writer.close()
        return writer.rows


@dataclass(frozen=True)
class ResultRow:
    """One row of BPJS's answer; ``problem`` names what is wrong with it, if anything."""

    row: int
    nik: str
    kpj: str
    start: dt.date | None
    end: dt.date | None
    problem: str | None = None  # code: numeric_nik / bad_nik / bad_kpj / bad_date


def _norm(text: object) -> str:
    return re.sub(r"[^A-Z0-9]+", " ", str(text or "").upper()).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in _DATE_TEXT:
        found = pattern.match(text)
        if found:
            return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
    raise ValueError(text)


def read_result(path: Path, aliases: dict[str, list[str]]) -> Iterator[ResultRow]:
    """Rows of BPJS's result workbook (first sheet, headers in row 1).

    Args:
        path: the workbook, already through the xlsx guard.
        aliases: for ``nik``, ``kpj``, ``start``, ``end``: accepted header spellings.

    Raises:
        WorkbookReadError: ``batch.unreadable`` or ``bpjs.columns_missing`` (with ``columns``).
    """
    # Parsed in a child process with memory and time limits (a file from outside the office).
    try:
        book = safe_sheet.open_book(path, [0])
    except XlsxRefused as exc:
        raise WorkbookReadError("batch.unreadable", detail=exc.message().rstrip(".")) from exc
    with book:
        try:
            sheet = next(book.sheets(), None)
            if sheet is None:
                raise WorkbookReadError("batch.unreadable", detail="no sheet")
            rows = sheet.rows()
            header = [_norm(v) for v in next(rows, [])]
            where: dict[str, int] = {}
            for key, names in aliases.items():
                wanted = {_norm(n) for n in names}
                found = next((i for i, h in enumerate(header) if h in wanted), None)
                if found is not None:
                    where[key] = found
            missing = [k for k in ("nik", "kpj") if k not in where]
            if missing:
                raise WorkbookReadError("bpjs.columns_missing", columns=", ".join(missing).upper())
            for number, cells in enumerate(rows, start=2):
                yield _result_row(number, list(cells), where)
        except XlsxRefused as exc:
            raise WorkbookReadError("batch.unreadable", detail=exc.message().rstrip(".")) from exc


def _result_row(number: int, cells: list[object], where: dict[str, int]) -> ResultRow:
    def cell(key: str) -> object:
        index = where.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    nik_cell, kpj_cell = cell("nik"), cell("kpj")
    if isinstance(nik_cell, int | float) and not isinstance(nik_cell, bool):
        return ResultRow(number, "", "", None, None, "numeric_nik")
    nik = str(nik_cell or "").strip()
    if isinstance(kpj_cell, float) and kpj_cell.is_integer():
        kpj_cell = int(kpj_cell)  # 11 digits fit a float exactly
    kpj = str(kpj_cell or "").strip()
    if not nik and not kpj:
        return ResultRow(number, "", "", None, None, "empty")
    if not re.fullmatch(r"\d{16}", nik):
        return ResultRow(number, nik, kpj, None, None, "bad_nik")
    if not re.fullmatch(r"\d{8,13}", kpj):
        return ResultRow(number, nik, kpj, None, None, "bad_kpj")
    try:
        start, end = _date(cell("start")), _date(cell("end"))
    except ValueError:
        return ResultRow(number, nik, kpj, None, None, "bad_date")
    return ResultRow(number, nik, kpj, start, end)
