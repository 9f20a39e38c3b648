"""The offline entry template: writing it (xlsxwriter), reading a filled one (calamine), the report.

xlsxwriter writes the template and the report because it is the fastest writer here and supports
drop-downs, hidden list sheets and text-formatted columns; python-calamine reads filled files
because it reads 150,000 rows in about 3 s where openpyxl needs 47 s (read-only mode).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rentan_desktop.domain.region_code import RegionCode
from rentan_desktop.io import safe_sheet

DATA_SHEET = "Data"
LIST_SHEET = "Daftar"
GUIDE_SHEET = "Petunjuk"
MAX_ROWS = 200_000

# (header, field, width, text?) in the paper form's order.
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("NIK", "nik", 20, True),
    ("NO KK", "no_kk", 20, True),
    ("NAMA LENGKAP", "nama", 30, True),
    ("TEMPAT LAHIR", "tempat_lahir", 18, True),
    ("TANGGAL LAHIR (DD-MM-YYYY)", "tanggal_lahir", 16, True),
    ("JENIS KELAMIN (L/P)", "jenis_kelamin", 10, True),
    ("NAMA IBU KANDUNG", "nama_ibu", 26, True),
    ("ALAMAT", "alamat", 30, True),
    ("RT", "rt", 6, True),
    ("RW", "rw", 6, True),
    ("DESA/KELURAHAN", "desa_kode", 34, True),
    ("NO HP", "no_hp", 16, True),
    ("PEKERJAAN", "pekerjaan_kode", 28, True),
    ("PENGHASILAN (RP)", "penghasilan", 14, False),
    ("SUMBER DANA", "sumber_dana", 16, True),
    ("CATATAN", "notes", 30, True),
)
HEADERS = tuple(c[0] for c in COLUMNS)
FIELDS = tuple(c[1] for c in COLUMNS)
_CODE = re.compile(r"(\d{2}\.?\d{2}\.?\d{2}\.?\d{4})\s*$")

GUIDE = (
    "PETUNJUK PENGISIAN TEMPLATE PENDAFTARAN PEKERJA RENTAN",
    "",
    "1. Isi satu orang per baris pada lembar 'Data', mulai baris 2. Jangan ubah baris judul.",
    "2. NIK dan NO KK: 16 angka, diketik sebagai teks (kolom sudah berformat teks). Jangan menempel "
    "angka dari sumber lain yang mengubahnya menjadi 6,40801E+15.",
    "3. TANGGAL LAHIR: ketik hari-bulan-tahun, misalnya 17-08-1985.",
    "4. JENIS KELAMIN: pilih L (laki-laki) atau P (perempuan).",
    "5. DESA/KELURAHAN, PEKERJAAN dan SUMBER DANA: pilih dari daftar pilihan di sel.",
    "6. RT dan RW: angka saja, misalnya 3 atau 003.",
    "7. NO HP: nomor seluler, misalnya 0812-3456-7890.",
    "8. PENGHASILAN: rupiah tanpa titik; kosongkan bila Rp1.000.000 (penghasilan minimum).",
    "9. Simpan file dan serahkan ke kecamatan. Data yang salah akan dilaporkan per baris dan kolom.",
    "",
    "Data ini adalah data pribadi (UU 27/2022): jangan dikirim lewat grup percakapan atau disebarkan.",
)


@dataclass(frozen=True)
class Choices:
    """Drop-down contents: desa as 'NAME - code', occupations and funders by code and name."""

    desa: Sequence[tuple[str, str]]  # (kode, nama)
    pekerjaan: Sequence[tuple[str, str]]
    sumber_dana: Sequence[tuple[str, str]]


def desa_label(kode: str, nama: str) -> str:
    return f"{nama.upper()} - {kode}"


def write_template(path: Path, choices: Choices, *, office_name: str = "") -> None:
    """Write an empty entry template with text columns, drop-downs and an instructions sheet."""
    import xlsxwriter  # not at import: reading a filled file (the child's parent) never writes

    tmp = path.with_name(path.name + ".tmp")
    wb = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False, "strings_to_formulas": False})
    try:
        head = wb.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True})
        text_fmt = wb.add_format({"num_format": "@"})
        data = wb.add_worksheet(DATA_SHEET)
        guide = wb.add_worksheet(GUIDE_SHEET)
        lists = wb.add_worksheet(LIST_SHEET)
        for col, (header, _field, width, is_text) in enumerate(COLUMNS):
            data.write_string(0, col, header, head)
            data.set_column(col, col, width, text_fmt if is_text else None)
        data.freeze_panes(1, 0)
        last = MAX_ROWS
        data.data_validation(1, 5, last, 5, {"validate": "list", "source": ["L", "P"]})
        for idx, (values, col) in enumerate(
            (
                ([desa_label(k, n) for k, n in choices.desa], 10),
                ([f"{k} - {n}" for k, n in choices.pekerjaan], 12),
                ([k for k, _ in choices.sumber_dana], 14),
            )
        ):
            for row, value in enumerate(values):
                lists.write_string(row, idx, value)
            if values:
                letter = "ABC"[idx]
                data.data_validation(
                    1,
                    col,
                    last,
                    col,
                    {
                        "validate": "list",
                        "source": f"={LIST_SHEET}!${letter}$1:${letter}${len(values)}",
                        "error_title": "Pilihan tidak ada",
                        "error_message": "Pilih dari daftar.",
                    },
                )
        lists.hide()
        guide.set_column(0, 0, 110)
        title = wb.add_format({"bold": True, "font_size": 13})
        for row, line in enumerate(GUIDE + ((f"Kantor: {office_name}",) if office_name else ())):
            guide.write_string(row, 0, line, title if row == 0 else None)
        wb.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


@dataclass(frozen=True)
class SheetRows:
    headers: list[str]
    rows: Iterator[tuple[int, list[object]]]  # (1-based row number in the sheet, cells)


class TemplateFormatError(ValueError):
    """The workbook is not a filled entry template (wrong sheet or header)."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(code)


def read_rows(path: Path, *, max_rows: int = MAX_ROWS) -> SheetRows:
    """Rows of the 'Data' sheet, cells as calamine returns them (str, float, date, ...).

    The file is parsed in a child process with memory and time limits (:mod:`safe_sheet`);
    ``XlsxRefused`` is raised here or while the rows are consumed.
    """
    # pad=True keeps row numbers true when the first rows are empty (row-shift trap).
    book = safe_sheet.open_book(path, [DATA_SHEET], pad=True)
    try:
        sheet = next(book.sheets(), None)
        if sheet is None:
            raise TemplateFormatError("template.no_sheet", sheet=DATA_SHEET)
        table = sheet.rows()
        first = next(table, None)
        if first is None:
            raise TemplateFormatError("template.header", expected=HEADERS[0])
        headers = [str(c).strip().upper() for c in first][: len(HEADERS)]
        if tuple(headers) != HEADERS:
            raise TemplateFormatError("template.header", expected=", ".join(HEADERS))
        if (sheet.start or (0, 0))[0] + sheet.height - 1 > max_rows:
            raise TemplateFormatError("template.too_many", max=max_rows)
    except BaseException:
        book.close()
        raise

    def rows() -> Iterator[tuple[int, list[object]]]:
        with book:
            for number, cells in enumerate(table, start=2):
                values = list(cells[: len(HEADERS)]) + [""] * (len(HEADERS) - len(cells))
                if all(v in ("", None) for v in values):
                    continue
                yield number, values

    return SheetRows(headers, rows())


def cell_text(value: object) -> object:
    """Text of a cell; numbers stay numbers (identity fields refuse them), dates become dd-mm-yyyy."""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str):
        return value.strip()
    return value


def desa_code_of(value: object) -> str:
    """The 10-digit code in a desa cell ('SENYIUR - 6408012001' or a bare code); '' when absent."""
    match = _CODE.search(str(value or ""))
    return RegionCode.parse(match.group(1)).digits if match else ""  # the pattern is a desa code


@dataclass(frozen=True)
class ReportRow:
    row_number: int
    outcome: str  # DISIMPAN / SUDAH ADA / DITOLAK
    cells: list[object]
    problems: list[tuple[str | None, str, bool]]  # (field, message, is_error)


def write_report(
    path: Path,
    rows: Sequence[ReportRow],
    summary: Sequence[tuple[str, object]],
    tmpdir: Path | None = None,
) -> None:
    """A workbook listing each refused or warned row with its messages, problem cells highlighted.

    ``tmpdir`` receives xlsxwriter's temp files (the rows as typed, NIKs included).
    """
    import xlsxwriter

    tmp = path.with_name(path.name + ".tmp")
    wb = xlsxwriter.Workbook(
        str(tmp),
        {
            **({"tmpdir": str(tmpdir)} if tmpdir is not None else {}),
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        head = wb.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1})
        err = wb.add_format({"bg_color": "#F4B6B6", "num_format": "@"})
        warn = wb.add_format({"bg_color": "#FFE699", "num_format": "@"})
        plain = wb.add_format({"num_format": "@"})
        ws_sum = wb.add_worksheet("Ringkasan")
        ws = wb.add_worksheet("Laporan")
        ws_sum.set_column(0, 0, 40)
        ws_sum.set_column(1, 1, 60)
        for i, (k, v) in enumerate(summary):
            ws_sum.write_string(i, 0, str(k), head if i == 0 else None)
            ws_sum.write_string(i, 1, str(v))
        headers = ("BARIS", "HASIL", *HEADERS, "PESAN")
        for col, h in enumerate(headers):
            ws.write_string(0, col, h, head)
        ws.set_column(2, len(headers) - 2, 16)
        ws.set_column(len(headers) - 1, len(headers) - 1, 90)
        for r, item in enumerate(rows, start=1):
            bad = {f: e for f, _m, e in item.problems if f}
            ws.write_number(r, 0, item.row_number)
            ws.write_string(r, 1, item.outcome)
            for c, (field, value) in enumerate(zip(FIELDS, item.cells, strict=False), start=2):
                fmt = (err if bad[field] else warn) if field in bad else plain
                ws.write_string(r, c, "" if value is None else safe_text(value), fmt)
            ws.write_string(r, len(headers) - 1, " | ".join(m for _f, m, _e in item.problems))
        wb.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


def safe_text(value: object) -> str:
    """Cell text that Excel can never run as a formula (xlsxwriter writes strings as strings)."""
    if isinstance(value, float) and value.is_integer():
        return repr(value)  # keep the damaged form visible, e.g. '6.408014101900001e+15'
    return str(value)
