"""BPJS Ketenagakerjaan exchange: the collective registration workbook out, the result file in.

The column layout is configuration (``bpjs_mapping.json`` in the data folder, else the bundled
default) because the official collective template is not public. The result import matches people
by NIK, writes KPJ and coverage dates, and moves them to ``registered``; it is all-or-nothing: a
file with a bad row (numeric NIK, malformed KPJ or date) changes nothing and names the rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from rentan_desktop import resources
from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import bpjs_xlsx, xlsx_guard
from rentan_desktop.io.batch_xlsx import WorkbookReadError
from rentan_desktop.services import audit, privacy
from rentan_desktop.services.active_registration import HOLDING_SQL
from rentan_desktop.services.context import AppContext, require_office, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

MAPPING_FILE = "bpjs_mapping.json"
FIELDS = (
    "nomor",
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "alamat",
    "alamat_lengkap",
    "rt",
    "rw",
    "desa_kode",
    "desa_nama",
    "kecamatan_kode",
    "kecamatan_nama",
    "kabupaten_nama",
    "no_hp",
    "pekerjaan_kode",
    "pekerjaan_nama",
    "penghasilan",
    "sumber_dana",
    "periode",
    "tanggal_mulai",
    "uuid",
)
# The columns the export reads: the collective workbook's fields less those computed.
_NAMES = tuple(f for f in FIELDS if f not in ("nomor", "alamat_lengkap", "tanggal_mulai"))
_SELECT = (
    "SELECT "
    + registrant_table.select_list(
        _NAMES,
        others={
            "desa_nama": "d.nama",
            "kecamatan_nama": "k.nama",
            "kabupaten_nama": "kb.nama",
            "pekerjaan_nama": "p.nama",
            "sumber_dana": "s.kode",
        },
    )
    + " FROM registrant r JOIN sumber_dana s ON s.id = r.sumber_dana_id "
    "LEFT JOIN wilayah d ON d.kode = r.desa_kode LEFT JOIN wilayah k ON k.kode = r.kecamatan_kode "
    "LEFT JOIN wilayah kb ON kb.kode = substr(r.kecamatan_kode, 1, 4) "
    "LEFT JOIN pekerjaan p ON p.kode = r.pekerjaan_kode "
    "WHERE r.status = 'accepted' AND r.kpj IS NULL ORDER BY r.kecamatan_kode, r.desa_kode, r.id"
)

MAPPING_INVALID = issues.define(
    "bpjs.mapping_invalid",
    id="Berkas pemetaan kolom BPJS {file} tidak sah: {detail}.",
    en="The BPJS column mapping {file} is not valid: {detail}.",
)
WRITE_FAILED = issues.define(
    "bpjs.write_failed",
    id="Berkas BPJS gagal ditulis ke {folder}: {detail}.",
    en="The BPJS file could not be written to {folder}: {detail}.",
)
NOTHING = issues.define(
    "bpjs.nothing",
    id="Tidak ada data diterima yang belum memiliki KPJ.",
    en="There are no accepted records without a KPJ.",
)
COLUMNS_MISSING = issues.define(
    "bpjs.columns_missing",
    id="Kolom {columns} tidak ditemukan di baris pertama berkas hasil BPJS.",
    en="Column(s) {columns} not found in the first row of the BPJS result file.",
)
ROWS_REFUSED = issues.define(
    "bpjs.rows_refused",
    id="Berkas hasil BPJS tidak diimpor: {count} baris bermasalah ({rows}). Tidak ada yang berubah.",
    en="The BPJS result file was not imported: {count} rows have problems ({rows}). Nothing changed.",
)
PROBLEM_TEXT = {
    "numeric_nik": "NIK berupa angka",
    "bad_nik": "NIK bukan 16 angka",
    "bad_kpj": "KPJ bukan angka",
    "bad_date": "tanggal tidak terbaca",
}


@dataclass(frozen=True)
class Mapping:
    """A validated column mapping."""

    sheet: str
    columns: tuple[dict[str, str], ...]
    result: dict[str, list[str]]

    @property
    def headers(self) -> list[str]:
        return [c["header"] for c in self.columns]


def mapping_path(ctx: AppContext) -> Path:
    """The office's own mapping in the data folder if there is one, else the bundled default."""
    own = ctx.data_dir / MAPPING_FILE
    return own if own.exists() else resources.path(MAPPING_FILE)


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file; a mistake names the column at fault."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        columns = tuple(doc["columns"])
        for col in columns:
            if not isinstance(col.get("header"), str) or not col["header"].strip():
                raise ValueError("a column has no header")
            if "value" not in col and col.get("field") not in FIELDS:
                raise ValueError(f"unknown field {col.get('field')!r} in column {col['header']!r}")
        result = {k: [str(a) for a in v] for k, v in doc.get("result", {}).items()}
        return Mapping(str(doc.get("sheet") or "Data Peserta"), columns, result)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UserError(MAPPING_INVALID, file=Path(path).name, detail=str(exc)) from exc


def _format(value: Any, col: dict[str, str]) -> str:
    if value is None:
        return ""
    kind = col.get("format", "")
    if isinstance(value, str) and kind == "dd-mm-yyyy" and len(value) == 10 and value[4] == "-":
        return f"{value[8:10]}-{value[5:7]}-{value[0:4]}"
    if kind == "lokal" and isinstance(value, str) and value.startswith("+62"):
        return "0" + value[3:]
    return str(value)


@dataclass(frozen=True)
class BpjsExport:
    path: Path
    rows: int


def export_collective(
    ctx: AppContext,
    *,
    actor: User,
    out: Path,
    start: date | None = None,
    mapping: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BpjsExport:
    """Write the collective registration workbook for accepted records without a KPJ."""
    require(actor, Perm.BPJS_EXCHANGE)
    require_office(ctx)
    spec = load_mapping(mapping or mapping_path(ctx))
    start_text = (start or today_wita()).isoformat()
    with ctx.db.reader() as session:
        records = session.connection().execute(text(_SELECT)).fetchall()
    if not records:
        raise UserError(NOTHING)

    def rows() -> Any:
        for number, record in enumerate(records, start=1):
            values: dict[str, Any] = dict(zip(_NAMES, record, strict=True))
            values.update(
                nomor=str(number),
                tanggal_mulai=start_text,
                alamat_lengkap=(
                    f"{values['alamat']} {formatting.rt_rw(values['rt'], values['rw'], ' ')}".strip()
                ),
            )
            yield [
                _format(col["value"], col) if "value" in col else _format(values[col["field"]], col)
                for col in spec.columns
            ]
            if number % 1000 == 0 or number == len(records):
                if cancelled is not None and cancelled():
                    raise UserError(m.BATCH_CANCELLED)
                if progress is not None:
                    progress(number, len(records))

    tmp = out.with_name("." + out.name + ".part")
    try:
        count = bpjs_xlsx.write_workbook(
            tmp, spec.sheet, spec.headers, rows(), tmpdir=ctx.scratch_dir()
        )
        tmp.replace(out)
    except OSError as exc:
        raise UserError(
            WRITE_FAILED, folder=str(out.parent), detail=exc.strerror or type(exc).__name__
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "bpjs.export",
            "bpjs",
            None,
            {"file": out.name, "rows": count, "start": start_text},
        )
        privacy.record_full_nik_file(session, actor, kind="bpjs", file_name=out.name, rows=count)
    return BpjsExport(out, count)


@dataclass
class BpjsImport:
    """What a BPJS result file did."""

    registered: int = 0
    already: int = 0
    unknown: list[str] = field(default_factory=list)  # masked NIKs not registered here
    not_ready: list[str] = field(default_factory=list)  # masked NIKs in another status


def import_result(
    ctx: AppContext, *, actor: User, path: Path, mapping: Path | None = None
) -> BpjsImport:
    """Apply BPJS's result (KPJ and coverage per NIK); all or nothing."""
    require(actor, Perm.BPJS_EXCHANGE)
    require_office(ctx)
    spec = load_mapping(mapping or mapping_path(ctx))
    try:
        xlsx_guard.check_file(Path(path))
        rows = list(bpjs_xlsx.read_result(Path(path), spec.result))
    except xlsx_guard.XlsxRefused as exc:
        raise UserError(exc.code, **exc.params) from exc
    except WorkbookReadError as exc:
        raise UserError(exc.code, **exc.params) from exc
    bad = [r for r in rows if r.problem not in (None, "empty")]
    if bad:
        listed = ", ".join(
            f"{r.row}: {PROBLEM_TEXT.get(r.problem or '', r.problem)}" for r in bad[:10]
        )
        raise UserError(ROWS_REFUSED, count=len(bad), rows=listed)
    result = BpjsImport()
    stamp = utcnow().isoformat(timespec="microseconds")
    with ctx.db.writer() as session:
        conn = session.connection()
        for row in (r for r in rows if r.problem is None):
            found = conn.execute(
                text(
                    f"SELECT uuid, status, kpj FROM registrant WHERE nik = :nik AND {HOLDING_SQL} "
                    "ORDER BY periode DESC LIMIT 1"
                ),
                {"nik": row.nik},
            ).first()
            if found is None:
                result.unknown.append(formatting.mask_nik(row.nik))
                continue
            uuid, status, kpj = found
            if status == Status.REGISTERED.value and kpj == row.kpj:
                result.already += 1
                continue
            if status not in (Status.ACCEPTED.value, Status.SENT.value, Status.REGISTERED.value):
                result.not_ready.append(formatting.mask_nik(row.nik))
                continue
            # A registered record whose KPJ changed keeps its status (no move, only the fields).
            registrant_table.set_status(
                conn,
                uuid=uuid,
                old=status,
                new=Status.REGISTERED,
                actor=actor.username,
                at=stamp,
                fields={
                    "kpj": row.kpj,
                    "coverage_start": row.start,
                    "coverage_end": row.end,
                },
                document=True,
            )
            result.registered += 1
        audit.record(
            session,
            actor,
            "bpjs.import_result",
            "bpjs",
            None,
            {
                "file": Path(path).name,
                "registered": result.registered,
                "already": result.already,
                "unknown": len(result.unknown),
                "not_ready": len(result.not_ready),
                "rows": dict(Counter(r.problem or "ok" for r in rows)),
            },
        )
    return result
