"""Text-only workbooks for batches and BPJS files: a streaming writer and a strict reader.

Library choice, by measurement on this machine (2 cores, shared with other work, so figures vary):
30,000 rows x 29 text columns, every cell text-formatted ('@', needed so Excel keeps NIK digits on
edit): xlsxwriter ``constant_memory`` 11-17 s; openpyxl write-only with a text-formatted
``WriteOnlyCell`` per cell 50 s (openpyxl without the format, which we cannot use, 17-22 s).
xlsxwriter also streams rows to a temp file and stays flat in memory, and offers ``quote_prefix``.
So writing uses xlsxwriter. Reading uses python-calamine: the reliability notes measured 1.5 s
against 32 s for openpyxl read-only on 2M cells, and ``bench/bench_batch.py`` reads 150,000 rows in
about 5-15 s. openpyxl stays in the code base where its object model serves best (styled, editable
templates elsewhere), not on these bulk paths.

Writer rules (OWASP CSV/Excel injection, Excel's 15-digit limit):
- every data cell is written with ``write_string`` (never ``write``), so nothing becomes a formula,
  a number or a hyperlink, and carries the text number format ``@`` so Excel keeps it text on edit;
- text starting with ``= + - @``, tab, CR, LF or NUL also gets Excel's *quote prefix* style, which
  stops Excel from evaluating it when a user presses F2+Enter, without changing the stored value.

Reader rules: calamine with ``skip_empty_area`` semantics checked (the header must sit in A1);
identity columns (NIK, KK, KPJ, codes) must come back as text: a numeric cell means Excel already
turned it into a float and lost digits, so it is refused rather than repaired.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from rentan_desktop.io import safe_sheet
from rentan_desktop.io.xlsx_guard import XlsxRefused

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
DATA_SHEET = "Data"
SUMMARY_SHEET = "Ringkasan"
# calamine holds a whole sheet in memory (about 2.7 kB per 29-column row measured), so big batches
# are split over sheets "Data", "Data 2", ... of at most this many rows: ~140 MB peak per sheet.
MAX_ROWS_PER_SHEET = 50_000
MAX_SHEETS = 64  # continuation sheets read at most: 3.2 million rows


def sheet_name(base: str, number: int) -> str:
    """Name of the ``number``-th (1-based) data sheet: ``Data``, ``Data 2``, ``Data 3``..."""
    return base if number == 1 else f"{base} {number}"


def row_location(index: int, base: str = DATA_SHEET, per_sheet: int = MAX_ROWS_PER_SHEET) -> str:
    """Where data row ``index`` (0-based) sits, as a user reads it: ``15`` or ``Data 2!15``."""
    sheet, offset = divmod(index, per_sheet)
    row = offset + 2  # row 1 holds the headers
    return str(row) if sheet == 0 else f"{sheet_name(base, sheet + 1)}!{row}"


class WorkbookReadError(Exception):
    """A workbook cannot be used; ``code`` and ``params`` name the reason for the message catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


class TextSheetWriter:
    """Streams rows of text into a workbook with a summary sheet first and a data sheet.

    Use as a context manager; :meth:`close` writes the summary and finishes the file. Rows must be
    added in order (constant-memory mode flushes each finished row to disk).
    """

    def __init__(
        self,
        path: Path,
        headers: Sequence[str],
        *,
        data_sheet: str = DATA_SHEET,
        summary_sheet: str | None = SUMMARY_SHEET,
        widths: Sequence[int] | None = None,
        per_sheet: int = MAX_ROWS_PER_SHEET,
        tmpdir: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self._book = xlsxwriter.Workbook(
            str(self.path),
            {
                # xlsxwriter's sheet streams and zip parts are temp files full of NIKs: callers
                # put them in the data folder's scratch space, never the system temp folder.
                **({"tmpdir": str(tmpdir)} if tmpdir is not None else {}),
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        # Fixed document properties: nothing personal or machine-specific in docProps.
        self._book.set_properties({"title": data_sheet, "author": "Rentan", "company": ""})
        self._summary = self._book.add_worksheet(summary_sheet) if summary_sheet else None
        self._text = self._book.add_format({"num_format": "@"})
        self._quoted = self._book.add_format({"num_format": "@", "quote_prefix": True})
        self._bold = self._book.add_format({"num_format": "@", "bold": True, "bg_color": "#DDEBF7"})
        self._headers = list(headers)
        self._widths = list(widths) if widths else [max(10, min(40, len(h) + 4)) for h in headers]
        self._base = data_sheet
        self._per_sheet = per_sheet
        self._sheets = 0
        self._sheet = self._new_sheet()
        self._sheet.activate()
        self.rows = 0
        self._row_in_sheet = 0

    def _new_sheet(self) -> Any:
        self._sheets += 1
        sheet = self._book.add_worksheet(sheet_name(self._base, self._sheets))
        for col, header in enumerate(self._headers):
            sheet.set_column(col, col, self._widths[col], self._text)
            sheet.write_string(0, col, header, self._bold)
        sheet.freeze_panes(1, 0)
        return sheet

    def add_row(self, row: Sequence[str]) -> None:
        """Append one row of text values (exactly one per header, the first never empty).

        Raises:
            ValueError: the first cell is empty (an empty row would vanish from the file) or a
                cell is longer than Excel allows.
        """
        if not row[0]:
            raise ValueError("the first cell of a row identifies it and cannot be empty")
        if self._row_in_sheet == self._per_sheet:
            self._sheet = self._new_sheet()
            self._row_in_sheet = 0
        self.rows += 1
        self._row_in_sheet += 1
        sheet, text, quoted, r = self._sheet, self._text, self._quoted, self._row_in_sheet
        for col, value in enumerate(row):
            if value:
                error = sheet.write_string(
                    r, col, value, quoted if value.startswith(DANGEROUS_PREFIXES) else text
                )
                if error:  # -2: longer than Excel allows; callers canonicalise first
                    raise ValueError(f"cell {r + 1},{col + 1} cannot be written ({error})")

    def close(self, summary: Sequence[tuple[str, str | int]] = ()) -> None:
        """Write the summary sheet (label, value pairs) and finish the file."""
        if self._summary is not None:
            self._summary.set_column(0, 0, 34)
            self._summary.set_column(1, 1, 48)
            for r, (label, value) in enumerate(summary):
                self._summary.write_string(r, 0, label, self._bold if r == 0 else self._text)
                if isinstance(value, int):
                    self._summary.write_number(r, 1, value)
                else:
                    fmt = self._quoted if value.startswith(DANGEROUS_PREFIXES) else self._text
                    self._summary.write_string(r, 1, value, fmt)
        try:
            self._book.close()
        except xlsxwriter.exceptions.FileCreateError as exc:
            # The workbook is assembled only now; a missing folder, a full or write-protected
            # stick all surface here. Callers handle OSError as "could not write".
            inner = exc.args[0] if exc.args else None
            cause = inner if isinstance(inner, OSError) else None
            raise OSError(
                cause.errno if cause else None, cause.strerror if cause else str(exc)
            ) from exc

    def __enter__(self) -> TextSheetWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            return
        # Leave no half-written workbook behind; the caller reports the original error.
        with contextlib.suppress(Exception):  # the first error is the one that matters
            self._book.close()
        self.path.unlink(missing_ok=True)


def _cell_text(value: object) -> str:
    # Only edited files reach the non-str branches; they give the text Excel shows, so a changed
    # row is still reported as a changed field rather than as a crash.
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_text_rows(
    path: Path,
    headers: Sequence[str],
    identity: Sequence[bool],
    *,
    sheet: str = DATA_SHEET,
) -> Iterator[list[str]]:
    """Yield the data rows of ``sheet`` (and its continuation sheets) as lists of text.

    Args:
        path: the workbook.
        headers: the exact header texts expected in row 1 from A1 of every data sheet.
        identity: per column, True when a numeric cell must be refused.
        sheet: the first data sheet's name; ``<sheet> 2``, ``<sheet> 3``... follow when present.

    Raises:
        WorkbookReadError: ``batch.unreadable``, ``batch.header_changed`` or
            ``batch.numeric_identity`` (with ``row`` as Excel shows it and ``field``).
    """
    # Parsed in a child process with memory and time limits: a tampered batch can only be refused.
    wanted = [sheet_name(sheet, number) for number in range(1, MAX_SHEETS + 1)]
    try:
        book = safe_sheet.open_book(path, wanted)
    except XlsxRefused as exc:
        raise WorkbookReadError("batch.unreadable", detail=exc.message().rstrip(".")) from exc
    with book:
        if sheet not in book.names:
            raise WorkbookReadError("batch.unreadable", detail=f"no sheet {sheet!r}")
        try:
            for data in book.sheets():
                prefixed = data.name != sheet
                yield from _sheet_rows(data, prefixed, headers, identity)
        except XlsxRefused as exc:
            raise WorkbookReadError("batch.unreadable", detail=exc.message().rstrip(".")) from exc


def _sheet_rows(
    data: safe_sheet.Sheet, prefixed: bool, headers: Sequence[str], identity: Sequence[bool]
) -> Iterator[list[str]]:
    name = data.name
    if data.start not in (None, (0, 0)):  # calamine would shift rows and columns silently
        raise WorkbookReadError("batch.header_changed", column="A1")
    rows = data.rows()
    header = [_cell_text(v) for v in next(rows, [])]
    header += [""] * (len(headers) - len(header))
    for index, expected in enumerate(headers):
        if header[index] != expected:
            raise WorkbookReadError("batch.header_changed", column=expected)
    width = len(headers)
    for number, cells in enumerate(rows, start=2):
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        out = []
        for col in range(width):
            value = cells[col]
            if type(value) is str:
                out.append(value)
                continue
            if identity[col] and isinstance(value, int | float):
                where = f"{name}!{number}" if prefixed else number
                raise WorkbookReadError("batch.numeric_identity", row=where, field=headers[col])
            out.append(_cell_text(value))
        yield out  # cells right of the table are ignored: they are never imported
