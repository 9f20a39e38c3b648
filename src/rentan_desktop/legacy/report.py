"""The per-row report of a legacy check, as plain data: for ``--json``, the report workbook and the GUI."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import chain, repeat
from operator import attrgetter
from typing import Any

from rentan_desktop.domain import issues as iss
from rentan_desktop.legacy import skip
from rentan_desktop.legacy.check import STATUS_ALREADY, STATUS_READY, STATUS_REFUSED, CheckResult
from rentan_desktop.legacy.matching import REASON_TEXT
from rentan_desktop.legacy.resend import STATUS_CHANGED, STATUS_CORRECTED, STATUS_REGISTERED
from rentan_desktop.legacy.rows import CleanRow, column_of

STATUS_TEXT = {
    STATUS_READY: ("siap diimpor", "ready to import"),
    STATUS_REFUSED: ("ditolak", "refused"),
    STATUS_ALREADY: ("sudah diimpor", "already imported"),
    STATUS_REGISTERED: ("sudah terdaftar", "already registered"),
    STATUS_CHANGED: ("perubahan data", "changed data"),
    STATUS_CORRECTED: ("dikoreksi", "corrected"),
    "diimpor": ("diimpor", "imported"),
}


def status_text(status: str, lang: str | None = None) -> str:
    pair = STATUS_TEXT.get(status, (status, status))
    return pair[0] if (lang or iss.language()) == "id" else pair[1]


def problems(
    row: CleanRow,
    result: CheckResult,
    lang: str | None = None,
    *,
    columns: Mapping[str, int] | None = None,
    shown: dict[int, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The row's problems with code, severity, field, source column (label and index), message.

    ``columns`` (the mapping's field columns) and ``shown`` (a cache of each issue object's entry,
    keyed by id: rows share issue objects) save the work for a report of many rows.
    """
    header, mapping = result.layout(row)
    columns = mapping.field_columns() if columns is None else columns
    labels = header.labels
    out = []
    for issue in row.issues:
        entry = shown.get(id(issue)) if shown is not None else None
        if entry is None:
            col = column_of(issue.field, columns)
            entry = {
                "code": issue.code,
                "severity": str(issue.severity),
                "field": issue.field,
                "column": labels[col] if col is not None and col < len(labels) else None,
                "column_index": col,
                "message": issue.message(lang),
            }
            if shown is not None:
                shown[id(issue)] = entry
        out.append(dict(entry))
    return out


def row_status(result: CheckResult, row: CleanRow, committed: set[str] | None = None) -> str:
    if committed is not None and row.key in committed:
        return "diimpor"
    if (reg := result.registered.get(row.key)) is not None and reg.applied:
        return STATUS_CORRECTED
    return result.status.get(row.key, STATUS_REFUSED)


def as_json(
    result: CheckResult,
    *,
    file: str,
    committed: set[str] | None = None,
    desa_names: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The whole report as JSON-ready data (``rentan import-legacy --json``)."""
    rows = []
    # Per sheet: the mapping's columns, and a cache of each issue object's entry (alive as long
    # as result: ids are not reused meanwhile; rows share issue objects).
    layouts: dict[str | None, tuple[dict[str, int], dict[int, dict[str, Any]]]] = {}
    for r in result.rows:
        if r.sheet not in layouts:
            layouts[r.sheet] = (result.layout(r)[1].field_columns(), {})
        columns, shown = layouts[r.sheet]
        entry = {
            "row": r.number,
            "key": r.key,
            "status": row_status(result, r, committed),
            "nama": r.values.get("nama"),
            "desa_kode": r.values.get("desa_kode"),
            "cluster": r.cluster,
            "problems": problems(r, result, lang, columns=columns, shown=shown),
            "registered": reg.as_dict() if (reg := result.registered.get(r.key)) else None,
        }
        if r.sheet is not None:
            entry["sheet"] = r.sheet
        rows.append(entry)
    return {
        **summary_json(result, file=file, committed=committed, desa_names=desa_names, lang=lang),
        "rows": rows,
    }


def summary_json(
    result: CheckResult,
    *,
    file: str,
    committed: set[str] | None = None,
    desa_names: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """Everything of :func:`as_json` but the per-row entries (the CLI's text summary)."""
    return {
        "file": file,
        "sheet": result.sheet,
        "header_row": result.header.row + 1,
        "mode": "commit" if committed is not None else "dry-run",
        "mapping": [
            {"column": c.index, "header": c.header, "field": c.field, "source": c.source}
            for c in result.mapping.columns
        ],
        "totals": totals(result, committed),
        "summary": summary(result, desa_names or {}, lang),
        "clusters": clusters_json(result, lang),
        "skipped": skipped_json(result, lang),
    }


def skipped_json(result: CheckResult, lang: str | None = None) -> dict[str, Any]:
    """Rows that are not people (labels, totals, signature, blank separators), by kind and listed."""
    english = (lang or iss.language()) != "id"
    counts = skip.counts(result.skipped)
    return {
        "total": sum(counts.values()),
        "by_kind": [
            {"kind": k, "label": skip.KIND_TEXT[k][int(english)], "rows": n}
            for k, n in sorted(counts.items())
        ],
        "rows": [
            {
                "row": s.number,
                "kind": s.kind,
                "text": s.text,
                **({"sheet": s.sheet} if s.sheet else {}),
            }
            for s in result.skipped
            if s.kind != skip.BLANK
        ],
    }


def totals(result: CheckResult, committed: set[str] | None = None) -> dict[str, int]:
    if committed is None and not any(reg.applied for reg in result.registered.values()):
        # A dry run: each row's status is the check's (what row_status returns then), counted
        # without a call per row.
        keys = map(attrgetter("key"), result.rows)
        counts = Counter(map(result.status.get, keys, repeat(STATUS_REFUSED)))
    else:
        counts = Counter(row_status(result, r, committed) for r in result.rows)
    return {
        "rows": len(result.rows),
        "ready": counts[STATUS_READY],
        "imported": counts["diimpor"],
        "refused": counts[STATUS_REFUSED],
        "already_imported": counts[STATUS_ALREADY],
        "registered": counts[STATUS_REGISTERED],
        "changed": counts[STATUS_CHANGED],
        "corrected": counts[STATUS_CORRECTED],
        "with_warnings": sum(1 for r in filter(attrgetter("issues"), result.rows) if r.ok),
        "clusters": len(result.clusters),
    }


def clusters_json(result: CheckResult, lang: str | None = None) -> list[dict[str, Any]]:
    by_id: dict[int, list[int]] = defaultdict(list)
    for r in result.rows:
        if r.cluster is not None:
            by_id[r.cluster].append(r.number)
    english = (lang or iss.language()) != "id"
    return [
        {
            "cluster": c.id,
            "rows": by_id.get(c.id, []),
            "registrants": [m[3:] for m in c.members if m.startswith("db:")],
            "reasons": sorted(REASON_TEXT[w][int(english)] for w in c.reasons),
            "score": None if (low := c.score()) is None else round(low, 1),
            "pairs": [
                {
                    "a": _member(result, a),
                    "b": _member(result, b),
                    "explanation": v.explain("en" if english else "id"),
                    **v.as_dict(),
                }
                for (a, b), v in c.scores.items()
            ],
        }
        for c in result.clusters
    ]


def _member(result: CheckResult, member: str) -> str:
    """A cluster member as the user finds it: "baris 12" (with its sheet), or the registrant id."""
    if member.startswith("r"):
        row = result.rows[int(member[1:])]
        return f"baris {row.number}" + (f" ({row.sheet})" if row.sheet else "")
    return member[3:]


def summary(
    result: CheckResult, desa_names: Mapping[str, str], lang: str | None = None
) -> dict[str, Any]:
    """Counts by problem type, by desa and by operator (the report workbook's summary sheet)."""
    by_code: dict[str, dict[str, Any]] = {}
    # One pass counting (desa text, operator, kind) triples; a file has few of each, so the
    # per-desa and per-operator tallies are folded from them afterwards.
    seen: Counter[tuple[object, object, object, int]] = Counter()
    # Most rows have no issue: their triples are counted column-wise in C (map over the rows'
    # dicts), without a Python step per row.
    plain = [r for r in result.rows if not r.issues]
    values = [r.values for r in plain]
    clean: Counter[tuple[object, object, object, int]] = Counter(
        zip(
            map(dict.get, values, repeat("desa_kode")),
            map(dict.get, [r.raw for r in plain], repeat("desa")),
            map(dict.get, values, repeat("operator")),
            repeat(0),
        )
    )
    flagged = [r for r in result.rows if r.issues]
    error = iss.Severity.ERROR
    fvalues = [r.values for r in flagged]
    kinds = [2 if any(i.severity is error for i in r.issues) else 1 for r in flagged]
    seen.update(
        zip(
            map(dict.get, fvalues, repeat("desa_kode")),
            map(dict.get, [r.raw for r in flagged], repeat("desa")),
            map(dict.get, fvalues, repeat("operator")),
            kinds,  # 2: refused, 1: warnings only
            strict=True,
        )
    )
    per_row = [{i.code: i for i in r.issues} for r in flagged]
    code_rows: Counter[str] = Counter(chain.from_iterable(per_row))  # a row counts once a code
    first: dict[str, iss.Issue] = {}  # each code's issue in the first row with it
    for per_code in reversed(per_row):  # earlier rows overwrite later ones
        first.update(per_code)
    for code, issue in first.items():  # the message of the first row with this problem
        by_code[code] = {
            "code": code,
            "severity": str(issue.severity),
            "rows": code_rows[code],
            "message": iss.text(code, lang, **dict(issue.params)),
        }
    by_desa: dict[str, Counter[str]] = defaultdict(Counter)
    by_operator: dict[str, Counter[str]] = defaultdict(Counter)
    seen.update(clean)
    for (kode, written, operator, kind), n in seen.items():
        desa = desa_names.get(str(kode or ""), "") or written or "-"
        for tally in (by_desa[desa], by_operator[str(operator or "-")]):
            tally["rows"] += n
            tally["errors"] += n if kind == 2 else 0
            tally["warnings"] += n if kind == 1 else 0
    return {
        "by_problem": sorted(by_code.values(), key=lambda e: (-e["rows"], e["code"])),
        "by_desa": [{"desa": k, **v} for k, v in sorted(by_desa.items())],
        "by_operator": [{"operator": k, **v} for k, v in sorted(by_operator.items())],
    }
