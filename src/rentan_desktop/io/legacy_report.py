"""The report workbook of a legacy import: source rows with problem cells highlighted, and summaries.

Sheet "Data" repeats the source header and every data row, plus columns ID BARIS (so a fixed report
re-imports without duplicates), STATUS IMPOR, MASALAH and KLASTER DUPLIKAT. Cells with an error are
red, cells with a warning yellow, each with the message as a comment. Sheet "Ringkasan" counts
problems by type, desa and operator; sheet "Klaster" lists the duplicate clusters; sheet "Nilai" lists
every distinct occupation/sex value with the code it was matched to, its score and row count; sheet
"Dilewati" the rows that are not people (group labels, totals, the signature block).

Everything user-typed is written with ``write_string`` (never a formula), text cells
carry number format ``@`` so a corrected NIK stays 16 digits when Excel saves it again. Numeric
cells are written back as numbers: a NIK the spreadsheet damaged stays visibly damaged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from rentan_desktop.legacy.check import CheckResult
from rentan_desktop.legacy.cleaning import text
from rentan_desktop.legacy.report import as_json, status_text
from rentan_desktop.legacy.rows import CleanRow

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
MAX_COMMENTS = 20_000  # Excel gets very slow to open beyond this; the MASALAH column has them all
TOTAL_LABELS = {
    "rows": "Baris data",
    "ready": "Siap diimpor",
    "imported": "Diimpor",
    "refused": "Ditolak (ada kesalahan)",
    "already_imported": "Sudah diimpor sebelumnya",
    "with_warnings": "Diterima dengan peringatan",
    "clusters": "Klaster kemungkinan duplikat",
}
SEVERITY_LABELS = {"error": "kesalahan", "warning": "peringatan"}
COLUMN_LABELS = {
    "code": "KODE",
    "severity": "JENIS",
    "rows": "BARIS",
    "message": "CONTOH PESAN",
    "desa": "DESA",
    "operator": "OPERATOR",
    "errors": "DITOLAK",
    "warnings": "PERINGATAN",
}
EXTRA = ("ID BARIS", "STATUS IMPOR", "MASALAH", "KLASTER DUPLIKAT", "KODE DESA")


def write_report(
    path: Path | str,
    result: CheckResult,
    source_rows: Sequence[Sequence[object]] | Mapping[str, Sequence[Sequence[object]]],
    *,
    file: str,
    committed: set[str] | None = None,
    desa_names: Mapping[str, str] | None = None,
    lang: str | None = None,
    values: Sequence[Mapping[str, Any]] = (),
    tmpdir: Path | None = None,
) -> Path:
    """Write the report workbook and return its path.

    ``tmpdir`` receives xlsxwriter's temp files (the rows as typed, NIKs included): callers pass
    the data folder's scratch space so nothing lands in the system temp folder.

    Args:
        path: where to write (.xlsx).
        result: the check result.
        source_rows: the sheet's raw rows (absolute, as read); for a check of several sheets,
            sheet name -> its rows (one data worksheet per source sheet).
        file: the source file name, shown in the summary.
        committed: row keys a commit imported (None for a dry run).
        desa_names: desa code -> name for the summary by desa.
        lang: message language.
        values: the distinct values of coded columns and their codes (sheet "Nilai").
    """
    path = Path(path)
    data = as_json(result, file=file, committed=committed, desa_names=desa_names, lang=lang)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            **({"tmpdir": str(tmpdir)} if tmpdir is not None else {}),
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        if result.parts and isinstance(source_rows, Mapping):
            taken = {"Ringkasan", "Klaster", "Nilai", "Dilewati"}
            for name, (header, _) in result.parts.items():
                picked = [
                    (r, info)
                    for r, info in zip(result.rows, data["rows"], strict=True)
                    if r.sheet == name
                ]
                title = _sheet_title(name, taken)
                _data_sheet(wb, title, header.labels, picked, source_rows[name], lang)
        else:
            assert not isinstance(source_rows, Mapping)
            pairs = list(zip(result.rows, data["rows"], strict=True))
            _data_sheet(wb, "Data", result.header.labels, pairs, source_rows, lang)
        _summary_sheet(wb, data)
        _cluster_sheet(wb, data["clusters"])
        _values_sheet(wb, values)
        _skipped_sheet(wb, data["skipped"])
    finally:
        wb.close()
    return path


def _formats(wb: Any) -> dict[str, Any]:
    return {
        "head": wb.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
        ),
        "text": wb.add_format({"num_format": "@"}),
        "text_q": wb.add_format({"num_format": "@", "quote_prefix": True}),
        "date": wb.add_format({"num_format": "dd-mm-yyyy"}),
        "error": wb.add_format({"num_format": "@", "bg_color": "#F8CBAD"}),
        "warning": wb.add_format({"num_format": "@", "bg_color": "#FFF2CC"}),
        "bold": wb.add_format({"bold": True}),
    }


def _put(
    ws: Any, r: int, c: int, value: object, fmt: Any, fmts: Mapping[str, Any], as_text: bool
) -> None:
    if isinstance(value, dt.datetime | dt.date) and not as_text:
        ws.write_datetime(r, c, value, fmts["date"] if fmt is None else fmt)
    elif isinstance(value, int | float) and not isinstance(value, bool) and not as_text:
        ws.write_number(r, c, value, fmt)
    else:
        shown = value.strftime("%d-%m-%Y") if isinstance(value, dt.date) else text(value)
        if fmt is None:
            fmt = fmts["text_q"] if shown.startswith(DANGEROUS) else fmts["text"]
        ws.write_string(r, c, shown, fmt)


def _sheet_title(name: str, taken: set[str]) -> str:
    """A worksheet title for a source sheet: Excel's 31 characters, no []:*?/\\, unique."""
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Data"
    title, n = base, 2
    while title.upper() in {t.upper() for t in taken}:
        title = f"{base[:27]} ({n})"
        n += 1
    taken.add(title)
    return title


def _data_sheet(
    wb: Any,
    title: str,
    header_labels: Sequence[str],
    pairs: Sequence[tuple[CleanRow, dict[str, Any]]],
    source_rows: Sequence[Sequence[object]],
    lang: str | None,
) -> None:
    fmts = _formats(wb)
    ws = wb.add_worksheet(title)
    labels = list(header_labels)
    width = len(labels)
    for c, label in enumerate([*labels, *EXTRA]):
        ws.write_string(0, c, label or f"KOLOM {c + 1}", fmts["head"])
        ws.set_column(c, c, 18 if c < width else 30)
    ws.freeze_panes(1, 0)
    comments = 0
    for n, (row, info) in enumerate(pairs, start=1):
        source = source_rows[row.number - 1] if row.number - 1 < len(source_rows) else []
        marks: dict[int, tuple[str, list[str]]] = {}
        for p in info["problems"]:
            col = p["column_index"]
            if col is None:
                continue
            sev, msgs = marks.get(col, ("warning", []))
            marks[col] = ("error" if p["severity"] == "error" else sev, [*msgs, p["message"]])
        for c in range(width):
            value = source[c] if c < len(source) else ""
            mark = marks.get(c)
            fmt = fmts[mark[0]] if mark else None
            # Numbers stay numbers, even in the NIK column: a NIK the spreadsheet already damaged
            # must come back damaged (and refused) until someone types it from the KTP.
            _put(ws, n, c, value, fmt, fmts, as_text=False)
            if mark and comments < MAX_COMMENTS:
                ws.write_comment(n, c, "\n".join(mark[1]))
                comments += 1
        extras = [
            row.key,
            status_text(info["status"], lang),
            "; ".join(p["message"] for p in info["problems"]),
            "" if row.cluster is None else str(row.cluster),
            str(row.values.get("desa_kode") or ""),
        ]
        for k, value in enumerate(extras):
            _put(ws, n, width + k, value, None, fmts, as_text=True)
    ws.autofilter(0, 0, max(len(pairs), 1), width + len(EXTRA) - 1)


def _summary_sheet(wb: Any, data: Mapping[str, Any]) -> None:
    fmts = _formats(wb)
    ws = wb.add_worksheet("Ringkasan")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 4, 14)
    r = 0
    ws.write_string(r, 0, f"Laporan impor: {data['file']} (sheet {data['sheet']})", fmts["bold"])
    r += 2
    for key, value in data["totals"].items():
        ws.write_string(r, 0, TOTAL_LABELS.get(key, key))
        ws.write_number(r, 1, value)
        r += 1
    r += 1
    for title, rows, cols in (
        (
            "Masalah per jenis",
            data["summary"]["by_problem"],
            ("code", "severity", "rows", "message"),
        ),
        ("Per desa", data["summary"]["by_desa"], ("desa", "rows", "errors", "warnings")),
        (
            "Per operator",
            data["summary"]["by_operator"],
            ("operator", "rows", "errors", "warnings"),
        ),
    ):
        ws.write_string(r, 0, title, fmts["bold"])
        r += 1
        for c, name in enumerate(cols):
            ws.write_string(r, c, COLUMN_LABELS.get(name, name.upper()), fmts["head"])
        r += 1
        for item in rows:
            for c, name in enumerate(cols):
                value = (
                    SEVERITY_LABELS.get(item[name], item[name])
                    if name == "severity"
                    else item[name]
                )
                _put(ws, r, c, value, None, fmts, as_text=not isinstance(value, int))
            r += 1
        r += 1


def _cluster_sheet(wb: Any, clusters: list[dict[str, Any]]) -> None:
    fmts = _formats(wb)
    ws = wb.add_worksheet("Klaster")
    for c, name in enumerate(("KLASTER", "BARIS", "DI DATABASE", "ALASAN", "SKOR", "RINCIAN")):
        ws.write_string(0, c, name, fmts["head"])
    ws.set_column(1, 3, 40)
    ws.set_column(5, 5, 100)
    for r, cl in enumerate(clusters, start=1):
        ws.write_number(r, 0, cl["cluster"])
        ws.write_string(r, 1, ", ".join(str(x) for x in cl["rows"]), fmts["text"])
        ws.write_string(r, 2, ", ".join(cl["registrants"]), fmts["text"])
        ws.write_string(r, 3, "; ".join(cl["reasons"]), fmts["text"])
        if cl.get("score") is not None:  # the weakest link's score, and every link explained
            ws.write_number(r, 4, cl["score"])
        detail = "\n".join(f"{p['a']} — {p['b']}: {p['explanation']}" for p in cl.get("pairs", ()))
        ws.write_string(r, 5, detail, fmts["text"])


HOW_LABELS = {
    "pengguna": "dipetakan pengguna",
    "persis": "sama persis / sinonim",
    "sinonim": "sinonim di dalam teks",
    "mirip": "mirip (periksa)",
    "cadangan": "tidak dikenal, pakai cadangan (periksa)",
    "tidak_dikenal": "tidak dikenal (petakan)",
}


def _values_sheet(wb: Any, values: Sequence[Mapping[str, Any]]) -> None:
    fmts = _formats(wb)
    ws = wb.add_worksheet("Nilai")
    heads = ("KOLOM", "NILAI TERTULIS", "BARIS", "KODE", "NAMA KODE", "SKOR", "CARA", "SARAN")
    for c, name in enumerate(heads):
        ws.write_string(0, c, name, fmts["head"])
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 30)
    ws.set_column(3, 4, 24)
    ws.set_column(6, 7, 32)
    for r, v in enumerate(values, start=1):
        fmt = fmts["warning"] if v["review"] else None
        _put(ws, r, 0, str(v["field"]), None, fmts, as_text=True)
        _put(ws, r, 1, v["value"], fmt, fmts, as_text=True)
        ws.write_number(r, 2, int(v["rows"]))
        _put(ws, r, 3, v["code"] or "", None, fmts, as_text=True)
        _put(ws, r, 4, v["label"] or "", None, fmts, as_text=True)
        ws.write_number(r, 5, int(v["score"]))
        _put(ws, r, 6, HOW_LABELS.get(str(v["how"]), v["how"]), None, fmts, as_text=True)
        _put(ws, r, 7, v["suggestion"] or "", None, fmts, as_text=True)


def _skipped_sheet(wb: Any, skipped: Mapping[str, Any]) -> None:
    fmts = _formats(wb)
    ws = wb.add_worksheet("Dilewati")
    ws.write_string(0, 0, "Baris yang bukan data orang (dilewati, tidak diimpor)", fmts["bold"])
    r = 2
    for item in skipped["by_kind"]:
        _put(ws, r, 0, item["label"], None, fmts, as_text=True)
        ws.write_number(r, 1, int(item["rows"]))
        r += 1
    r += 1
    for c, name in enumerate(("BARIS", "JENIS", "ISI")):
        ws.write_string(r, c, name, fmts["head"])
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 80)
    if any("sheet" in item for item in skipped["rows"]):
        ws.write_string(r, 3, "SHEET", fmts["head"])
    for item in skipped["rows"]:
        r += 1
        ws.write_number(r, 0, int(item["row"]))
        _put(ws, r, 1, item["kind"], None, fmts, as_text=True)
        _put(ws, r, 2, item["text"], None, fmts, as_text=True)
        if "sheet" in item:
            _put(ws, r, 3, item["sheet"], None, fmts, as_text=True)
