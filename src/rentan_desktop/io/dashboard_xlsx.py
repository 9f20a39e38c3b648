"""The coordinator's per-kecamatan summary as a workbook (xlsxwriter stays in this adapter)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter


def write(path: Path, head: Sequence[str], rows: Sequence[Sequence[str | int | None]]) -> Path:
    """One sheet, a bold header, then ``rows``; texts stay text (codes never become numbers)."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    try:
        sheet = book.add_worksheet("Per kecamatan")
        sheet.write_row(0, 0, list(head), book.add_format({"bold": True}))
        for i, row in enumerate(rows, start=1):
            for j, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(i, j, value)
                else:
                    sheet.write_string(i, j, value or "")
        sheet.set_column(1, 1, 24)
        sheet.set_column(2, len(head) - 1, 14)
    finally:
        book.close()
    return path
