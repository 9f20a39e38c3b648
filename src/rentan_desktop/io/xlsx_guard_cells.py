"""Cell-level checks shared by every spreadsheet reader (openpyxl or calamine values).

Each refusal is an :class:`~rentan_desktop.domain.issues.Issue` naming the row and column as Excel
shows them ("baris 12, kolom C"). Values are never repaired: a NIK typed as a number has already
lost digits in Excel (15 significant digits), so it is refused, not padded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue

EXCEL_MAX_TEXT = 32_767  # Excel's own cell limit; longer text cannot come from Excel
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")  # OOXML escapes that readers decode differently
_NUMBER_TEXT = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"})
_WHERE = "Baris {row}, kolom {column} ({label}): "
_WHERE_EN = "Row {row}, column {column} ({label}): "


def _define(code: str, id_text: str, en_text: str) -> None:
    issues.define(code, id=_WHERE + id_text, en=_WHERE_EN + en_text)


_define(
    "xlsx.cell_formula",
    "berisi rumus; ketik nilainya sebagai teks.",
    "holds a formula; type the value as text.",
)
_define(
    "xlsx.cell_too_long",
    "teks {length} karakter melebihi batas {limit}.",
    "text of {length} characters exceeds the limit of {limit}.",
)
_define(
    "xlsx.cell_number_not_text",
    "berisi angka, padahal harus teks; format kolom sebagai Teks lalu ketik ulang (Excel membuang digit angka panjang).",
    "holds a number where text belongs; format the column as Text and retype it (Excel drops digits of long numbers).",
)
_define(
    "xlsx.cell_wrong_type",
    "harus berupa {expected}, bukan {actual}.",
    "must be {expected}, not {actual}.",
)
_define("xlsx.cell_required", "wajib diisi.", "is required.")
_define(
    "xlsx.cell_not_digits",
    "harus {length} angka (0-9) sebagai teks.",
    "must be {length} digits (0-9) stored as text.",
)
_define(
    "xlsx.cell_control_char",
    "berisi karakter kontrol tersembunyi; ketik ulang isinya.",
    "contains hidden control characters; retype it.",
)
_define("xlsx.cell_error", "berisi galat Excel {value}.", "holds the Excel error {value}.")


class CellKind(StrEnum):
    TEXT = "teks"
    DIGITS = "angka-teks"  # NIK, KK, KPJ, RT/RW: digits kept as text
    NUMBER = "angka"
    DATE = "tanggal"
    BOOL = "ya/tidak"


@dataclass(frozen=True)
class CellSpec:
    """How one column is checked."""

    field: str
    kind: CellKind = CellKind.TEXT
    required: bool = False
    max_len: int = 255
    length: int | None = None  # exact digit count for DIGITS (16 for NIK/KK)


def column_letter(column: int) -> str:
    """Excel column letters for a 1-based column number (1 -> A, 28 -> AB)."""
    letters = ""
    while column > 0:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters or "?"


def split_ref(ref: str) -> tuple[int, int]:
    """(row, column) from an A1 reference; (0, 0) when it is missing or malformed."""
    match = re.fullmatch(r"([A-Z]{1,3})(\d{1,7})", ref or "")
    if not match:
        return 0, 0
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return CellKind.BOOL.value
    if isinstance(value, int | float):
        return CellKind.NUMBER.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return CellKind.DATE.value
    return CellKind.TEXT.value


def check_cell(
    value: object,
    spec: CellSpec,
    *,
    row: int,
    column: int,
    data_type: str | None = None,
) -> tuple[object, Issue | None]:
    """Check one cell value against ``spec``; returns (clean value, None) or (None, issue).

    Args:
        value: what the reader returned (str, int, float, bool, date/datetime, None).
        spec: the column's rules.
        row: 1-based row as Excel shows it.
        column: 1-based column number.
        data_type: openpyxl's cell data type when known ('f' formula, 'e' error).
    """
    where = {"row": row, "column": column_letter(column), "label": spec.field}

    def refuse(code: str, **params: object) -> tuple[object, Issue]:
        return None, issues.error(code, spec.field, **where, **params)

    # A text starting with "=" is legitimate data (exports quote-prefix it); only the reader's own
    # cell type, or xlsx_guard's scan of the sheet XML, can tell a real formula.
    if data_type == "f":
        return refuse("xlsx.cell_formula")
    if data_type == "e" or (isinstance(value, str) and value in _EXCEL_ERRORS):
        return refuse("xlsx.cell_error", value=value)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return (
            (None, issues.error("xlsx.cell_required", spec.field, **where))
            if spec.required
            else (None, None)
        )
    if spec.kind in (CellKind.TEXT, CellKind.DIGITS):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return refuse("xlsx.cell_number_not_text")
        if not isinstance(value, str):
            return refuse(
                "xlsx.cell_wrong_type", expected=spec.kind.value, actual=_type_name(value)
            )
        limit = min(spec.max_len, EXCEL_MAX_TEXT)
        if len(value) > limit:
            return refuse("xlsx.cell_too_long", length=len(value), limit=limit)
        if _CONTROL.search(value) or _ESCAPE.search(value):
            return refuse("xlsx.cell_control_char")
        text = value.strip()
        if spec.kind is CellKind.DIGITS and (
            not text.isascii()
            or not text.isdigit()
            or (spec.length is not None and len(text) != spec.length)
        ):
            return refuse("xlsx.cell_not_digits", length=spec.length or "")
        return text, None
    if spec.kind is CellKind.NUMBER:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value, None
        if isinstance(value, str) and _NUMBER_TEXT.match(value.strip()):
            text = value.strip().replace(",", ".")
            return (float(text) if "." in text else int(text)), None
        return refuse("xlsx.cell_wrong_type", expected=spec.kind.value, actual=_type_name(value))
    if spec.kind is CellKind.DATE:
        if isinstance(value, dt.datetime):
            return value.date(), None
        if isinstance(value, dt.date):
            return value, None
        if isinstance(value, str):
            for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
                try:
                    return dt.datetime.strptime(value.strip(), fmt).date(), None
                except ValueError:
                    continue
        return refuse("xlsx.cell_wrong_type", expected=spec.kind.value, actual=_type_name(value))
    if isinstance(value, bool):
        return value, None
    return refuse("xlsx.cell_wrong_type", expected=spec.kind.value, actual=_type_name(value))


def check_row(
    values: Sequence[object],
    specs: Sequence[CellSpec],
    *,
    row: int,
    data_types: Sequence[str | None] | None = None,
) -> tuple[list[object], list[Issue]]:
    """Check a whole row (column 1 = ``specs[0]``); returns clean values and every issue found."""
    clean: list[object] = []
    found: list[Issue] = []
    for index, spec in enumerate(specs):
        value = values[index] if index < len(values) else None
        kind = data_types[index] if data_types is not None and index < len(data_types) else None
        out, issue = check_cell(value, spec, row=row, column=index + 1, data_type=kind)
        clean.append(out)
        if issue is not None:
            found.append(issue)
    return clean, found
