"""Importing a filled entry template: every row checked, valid rows saved in one transaction.

Re-importing the same file creates nothing new: a row whose NIK is already registered for the period
with the same name and birth date is reported as "already registered" and skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from rentan_desktop.domain import duplicates, issues, match_score
from rentan_desktop.domain.duplicates import Person
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.registrant import (
    SHEET_FIELDS,
    CleanRegistrant,
    FunderRules,
)
from rentan_desktop.domain.registrant_rules import Validator
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import template_xlsx as tx
from rentan_desktop.io import xlsx_guard
from rentan_desktop.services import active_registration, audit, audit_seal, bulk
from rentan_desktop.services.context import AppContext, require_office, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.setup import home_kabupaten
from rentan_desktop.storage import name_index_deferral, registrant_table
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.models import User

issues.define_all(
    {
        "template.no_sheet": (
            "File ini bukan template pendaftaran: lembar '{sheet}' tidak ada.",
            "This file is not an entry template: sheet '{sheet}' is missing.",
        ),
        "template.header": (
            "Baris judul template berubah; kolom yang diharapkan: {expected}.",
            "The template's header row was changed; expected columns: {expected}.",
        ),
        "template.too_many": (
            "Template berisi lebih dari {max} baris; bagi menjadi beberapa file.",
            "The template has more than {max} rows; split it into several files.",
        ),
        "template.unreadable": (
            "File tidak dapat dibaca sebagai Excel (.xlsx): {detail}",
            "The file cannot be read as an Excel workbook (.xlsx): {detail}",
        ),
        "dup.in_file": (
            "NIK ini sudah muncul di baris {row} file yang sama dengan data berbeda.",
            "This NIK already appears in row {row} of the same file with different data.",
        ),
        "funder.code_unknown": (
            "Sumber dana '{value}' tidak dikenal.",
            "Unknown funder '{value}'.",
        ),
        "job.cancelled": (
            "Dibatalkan; tidak ada data yang diubah.",
            "Cancelled; nothing was changed.",
        ),
    }
)

SAVED, SKIPPED, REJECTED = "DISIMPAN", "SUDAH ADA", "DITOLAK"


@dataclass
class RowOutcome:
    row_number: int
    outcome: str
    found: list[Issue]
    cells: list[object]
    uuid: str | None = None
    possible: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    path: str
    rows: list[RowOutcome]
    report_path: str | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def saved(self) -> int:
        return self.count(SAVED)

    @property
    def skipped(self) -> int:
        return self.count(SKIPPED)

    @property
    def rejected(self) -> int:
        return self.count(REJECTED)

    @property
    def warned(self) -> int:
        return sum(1 for r in self.rows if r.outcome != REJECTED and (r.found or r.possible))

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        return {
            "file": self.path,
            "saved": self.saved,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "warned": self.warned,
            "report": self.report_path,
            "rows": [
                {
                    "row": r.row_number,
                    "outcome": r.outcome,
                    "uuid": r.uuid,
                    "issues": [i.as_dict(lang) for i in r.found],
                    "possible_duplicates": r.possible,
                }
                for r in self.rows
                if r.outcome != SAVED or r.found or r.possible
            ],
        }


@dataclass
class _Lookups:
    desa: set[str]
    pekerjaan: dict[str, str]  # upper name or code -> code
    funders: dict[str, tuple[int, FunderRules]]  # code -> (id, rules)


def _lookups(con: object) -> _Lookups:
    desa = {r[0] for r in con.execute("SELECT kode FROM wilayah WHERE level = 4")}  # type: ignore[attr-defined]
    jobs: dict[str, str] = {}
    for kode, nama in con.execute("SELECT kode, nama FROM pekerjaan"):  # type: ignore[attr-defined]
        jobs[kode.upper()] = kode
        jobs[nama.upper()] = kode
        jobs[f"{kode} - {nama}".upper()] = kode
    funders = {
        kode.upper(): (fid, FunderRules(lo, hi, dom))
        for fid, kode, lo, hi, dom in con.execute(  # type: ignore[attr-defined]
            "SELECT id, kode, usia_min, usia_max, domisili_kab FROM sumber_dana WHERE aktif"
        )
    }
    return _Lookups(desa, jobs, funders)


# _RowReader reads the template's cells by position: its columns are the input fields in order.
assert tx.FIELDS == SHEET_FIELDS, tx.FIELDS
_DESA, _JOB, _FUNDER = (tx.FIELDS.index(f) for f in ("desa_kode", "pekerjaan_kode", "sumber_dana"))


class _RowReader:
    """Turns template rows into registration inputs, looking each distinct desa, occupation and
    funder cell up once (a file has a few dozen of each across its thousands of rows)."""

    def __init__(self, lk: _Lookups) -> None:
        self.lk = lk
        self._desa: dict[object, tuple[str, bool]] = {}
        self._job: dict[str, str] = {}

    def desa(self, cell: object) -> tuple[str, bool]:
        """(code, known) of a desa cell."""
        # 6408012001 and 6408012001.0 are equal keys but not the same cell text: key by type too.
        key = cell if type(cell) is str else (type(cell), cell)
        got = self._desa.get(key)
        if got is None:
            code = tx.desa_code_of(cell)
            got = self._desa[key] = (code, not (cell and code and code not in self.lk.desa))
        return got

    def job(self, cell: str) -> str:
        got = self._job.get(cell)
        if got is None:
            pekerjaan = self.lk.pekerjaan
            got = self._job[cell] = pekerjaan.get(cell) or pekerjaan.get(
                cell.split(" - ")[0].strip(), ""
            )
        return got

    def __call__(
        self, cells: list[object]
    ) -> tuple[tuple[object, ...], FunderRules | None, list[Issue]]:
        """The row's registration input as the validator's fields in order
        (:meth:`Validator.fields`, the :class:`RegistrantInput` fields: no object built per row),
        the funder's rules, and the look-up issues."""
        # Text cells (nearly all of them) are only stripped; others go through tx.cell_text.
        v = [c.strip() if type(c) is str else tx.cell_text(c) for c in cells]
        extra: list[Issue] = []
        desa_cell = v[_DESA]
        desa, known = self.desa(desa_cell)
        if not known:
            extra.append(issues.error("desa.unknown", "desa_kode", value=desa))
        job_cell = str(v[_JOB] or "").strip().upper()
        job = self.job(job_cell)
        if job_cell and not job:
            extra.append(issues.error("pekerjaan.unknown", "pekerjaan_kode", kode=job_cell))
        funder_cell = str(v[_FUNDER] or "").strip().upper()
        funder = self.lk.funders.get(funder_cell)
        if funder_cell and funder is None:
            extra.append(issues.error("funder.code_unknown", "sumber_dana_id", value=funder_cell))
        fields = (
            v[0],  # nik
            v[1],  # no_kk
            str(v[2] or ""),  # nama
            str(v[3] or ""),  # tempat_lahir
            v[4],  # tanggal_lahir
            str(v[5] or ""),  # jenis_kelamin
            str(v[6] or ""),  # nama_ibu
            str(v[7] or ""),  # alamat
            v[8],  # rt
            v[9],  # rw
            desa or desa_cell,  # desa_kode
            v[11],  # no_hp
            job or job_cell,  # pekerjaan_kode
            v[13],  # penghasilan
            funder[0] if funder else (None if not funder_cell else -1),  # sumber_dana_id
            str(v[15] or ""),  # notes
        )
        return fields, (funder[1] if funder else None), extra


def import_template(
    ctx: AppContext,
    *,
    actor: User,
    path: Path,
    report_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Check every row of a filled template and save the valid ones together."""
    with bulk.no_cycle_collection():
        return _import_template(
            ctx,
            actor=actor,
            path=path,
            report_path=report_path,
            progress=progress,
            cancelled=cancelled,
        )


def _import_template(
    ctx: AppContext,
    *,
    actor: User,
    path: Path,
    report_path: Path | None,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> ImportReport:
    require(actor, Perm.TEMPLATE_IMPORT)
    office = require_office(ctx)
    try:
        # Hostile-file pre-flight before any parser touches the bytes (zip bomb, XML bombs, macros).
        xlsx_guard.check_file(Path(path))
        sheet = tx.read_rows(Path(path))
        raw_rows = list(sheet.rows)
    except xlsx_guard.XlsxRefused as exc:
        raise UserError(exc.code, **exc.params) from exc
    except tx.TemplateFormatError as exc:
        raise UserError(exc.code, **exc.params) from exc
    except Exception as exc:  # calamine raises several types for non-xlsx input
        raise UserError("template.unreadable", detail=type(exc).__name__) from exc
    total = len(raw_rows)
    today, periode = today_wita(), ctx.periode()
    home = home_kabupaten(office)
    outcomes: list[RowOutcome] = []
    cleans: dict[int, CleanRegistrant] = {}
    validators: dict[FunderRules | None, Validator] = {}
    with ctx.db.writer(bulk=True) as session:
        con = driver_of(session)
        to_input = _RowReader(_lookups(con))
        for index, (number, cells) in enumerate(raw_rows):
            if cancelled and index % 1000 == 0 and cancelled():
                raise UserError("job.cancelled")
            data, rules, extra = to_input(cells)
            check = validators.get(rules)
            if check is None:  # one per funder: each remembers the values it has checked
                check = validators[rules] = Validator(rules=rules, home_kabupaten=home, today=today)
            clean, found, _refused = check.fields(*data)  # type: ignore[arg-type]
            found = found + extra
            if extra:
                clean = None
            outcomes.append(RowOutcome(number, REJECTED if clean is None else SAVED, found, cells))
            if clean is not None:
                cleans[index] = clean
            if progress and index % 2000 == 0:
                progress(index, total * 2)
        _apply_duplicates(con, outcomes, cleans, periode)
        to_insert = [(i, c) for i, c in cleans.items() if outcomes[i].outcome == SAVED]
        if cancelled and cancelled():
            raise UserError("job.cancelled")
        # Name-search rows and row seals written after the load, in the same transaction.
        with (
            name_index_deferral.deferred(con, len(to_insert)),
            audit_seal.sealed_after_load(con, len(to_insert)),
        ):
            _insert(session, con, actor, office.kode, periode, outcomes, to_insert, Path(path).name)
        if progress:
            progress(total * 2, total * 2)
    report = ImportReport(str(path), outcomes)
    if report_path is not None:
        save_report(ctx, actor=actor, report=report, path=Path(report_path))
    return report


# What the duplicate check reads of the records born on an imported row's birth date.
_BY_BIRTH = ("uuid", "nik", "name_norm", "tanggal_lahir", "desa_kode", "nama")


def _apply_duplicates(
    con: object, outcomes: list[RowOutcome], cleans: dict[int, CleanRegistrant], periode: int
) -> None:
    existing = {
        nik: (hit.uuid, hit.name_norm, hit.tanggal_lahir)
        for nik, hit in active_registration.holders(
            con,  # type: ignore[arg-type]
            (c.nik for c in cleans.values()),
            periode,
        ).items()
    }
    # Everyone born on a date, with that date: the people a new row born then is compared with.
    by_dob: dict[str, list[Person]] = defaultdict(list)
    dobs = sorted({c.tanggal_lahir.isoformat() for c in cleans.values()})
    for start in range(0, len(dobs), 900):
        part = dobs[start : start + 900]
        marks = ",".join("?" * len(part))
        for uuid, nik, norm, dob, desa, nama in con.execute(  # type: ignore[attr-defined]
            registrant_table.select_sql(
                _BY_BIRTH, f"WHERE status != 'inactive' AND tanggal_lahir IN ({marks})"
            ),
            part,
        ):
            p = Person(uuid, nik, norm, date.fromisoformat(dob), desa, nama)
            by_dob[dob].append(p)
    seen: dict[str, int] = {}
    blocks: dict[tuple[str, str], _DesaBlock] = defaultdict(_DesaBlock)
    for index, clean in cleans.items():
        row = outcomes[index]
        hit = existing.get(clean.nik)
        if hit is not None:
            if hit[1] == clean.name_norm and hit[2] == clean.tanggal_lahir.isoformat():
                row.outcome, row.uuid = SKIPPED, hit[0]
            else:
                row.outcome = REJECTED
                row.found.append(
                    issues.error("dup.exact", "nik", periode=periode, nama="", desa="", uuid=hit[0])
                )
            continue
        if clean.nik in seen:
            first = outcomes[seen[clean.nik]]
            first_clean = cleans[seen[clean.nik]]
            same = (first_clean.name_norm, first_clean.tanggal_lahir) == (
                clean.name_norm,
                clean.tanggal_lahir,
            )
            row.outcome = SKIPPED if same else REJECTED
            if not same:
                row.found.append(issues.error("dup.in_file", "nik", row=first.row_number))
            continue
        seen[clean.nik] = index
        dob = clean.tanggal_lahir.isoformat()
        key = f"row{row.row_number}"
        me = Person(key, clean.nik, clean.name_norm, None, clean.desa_kode, clean.nama)
        born = Person(
            key, clean.nik, clean.name_norm, clean.tanggal_lahir, clean.desa_kode, clean.nama
        )
        # Inside the birth-date bucket the date is known to be equal; desa-bucket members are compared
        # without it (their date differs, or they would be in the first bucket too).
        same_day = by_dob[dob]
        block = blocks[(clean.desa_kode, clean.name_norm[:2])]
        pool = same_day + block.candidates(clean.nik)
        matches = duplicates.find(born, pool)
        row.possible = [m.other.key for m in matches]
        if matches:
            row.found.append(
                issues.warning(
                    "dup.possible",
                    "nama",
                    nama=matches[0].other.nama,
                    nik=matches[0].other.nik,
                    reasons=matches[0].reason_text(),
                )
            )
        same_day.append(born)
        block.add(me)


class _DesaBlock:
    """Rows of this file in one desa whose names start alike, compared without their birth date.

    Such a pair has only NIK, name and desa to weigh. When the scorer says that two different
    NIKs (more than two digits apart) in one desa never reach its threshold whatever the names
    (:func:`match_score.can_reach_with_any_names`), only the rows whose NIK is at most two digits
    away can match: they are picked in one rapidfuzz call instead of scoring the whole block,
    which holds hundreds of rows when a file is one desa's list.
    """

    def __init__(self) -> None:
        self.people: list[Person] = []  # rows with a 16-digit NIK, beside their NIKs
        self.niks: list[str] = []
        self.others: list[Person] = []  # any other NIK: always scored

    def add(self, person: Person) -> None:
        if _FAR_NIKS_NEVER_MATCH and _sixteen_digits(person.nik):
            self.people.append(person)
            self.niks.append(person.nik)
        else:
            self.others.append(person)

    def candidates(self, nik: str) -> list[Person]:
        if not self.people:
            return list(self.others)
        if not _sixteen_digits(nik):
            return self.people + self.others
        near = process.extract(nik, self.niks, scorer=OSA.distance, score_cutoff=2, limit=None)
        return [self.people[i] for _n, _d, i in sorted(near, key=lambda hit: hit[2])] + self.others


def _sixteen_digits(nik: str) -> bool:
    return len(nik) == 16 and nik.isdigit() and nik.isascii()


# Two rows of one desa, NIKs three digits apart, nothing else known (a birth date on one side only
# weighs nothing): whether any names could make them a possible duplicate.
_FAR_NIKS_NEVER_MATCH = not match_score.can_reach_with_any_names(
    match_score.Who("6408011111110001", "", date(1990, 1, 1), desa="6408012001"),
    match_score.Who("6408011111119991", "", None, desa="6408012001"),
)


def _insert(
    session: object,
    con: object,
    actor: User,
    office_kode: str,
    periode: int,
    outcomes: list[RowOutcome],
    items: list[tuple[int, CleanRegistrant]],
    source: str,
) -> None:
    uuids = bulk.insert_drafts(
        session,  # type: ignore[arg-type]
        actor,
        [
            (
                c,
                [i.code for i in outcomes[index].found if not i.is_error],
                {"source": source, "row": outcomes[index].row_number},
            )
            for index, c in items
        ],
        office_kode=office_kode,
        periode=periode,
    )
    for (index, _c), uuid in zip(items, uuids, strict=True):
        outcomes[index].uuid = uuid
    audit.record(
        session,
        actor,
        "template.import",
        "file",
        None,  # type: ignore[arg-type]
        {"file": source, "saved": len(uuids), "rows": len(outcomes)},
    )


def write_report(
    report: ImportReport, path: Path, lang: str = "id", tmpdir: Path | None = None
) -> None:
    rows = [
        tx.ReportRow(
            r.row_number,
            r.outcome,
            r.cells,
            [
                (
                    i.field if i.field != "sumber_dana_id" else "sumber_dana",
                    i.message(lang),
                    i.is_error,
                )
                for i in r.found
            ],
        )
        for r in report.rows
        if r.outcome == REJECTED or r.found
    ]
    summary = [
        ("RINGKASAN IMPOR", ""),
        ("File", report.path),
        ("Baris dibaca", len(report.rows)),
        ("Disimpan", report.saved),
        ("Sudah terdaftar (dilewati)", report.skipped),
        ("Ditolak", report.rejected),
        ("Dengan peringatan", report.warned),
    ]
    tx.write_report(path, rows, summary, tmpdir=tmpdir)


def save_report(ctx: AppContext, *, actor: User, report: ImportReport, path: Path) -> Path:
    """Write the report workbook and record in the audit trail that a file with NIKs was written."""
    from rentan_desktop.services import privacy

    write_report(report, Path(path), ctx.language, tmpdir=ctx.scratch_dir())
    report.report_path = str(path)
    privacy.record_report_export(
        ctx,
        actor=actor,
        kind="template-report",
        file_name=Path(path).name,
        rows=sum(1 for r in report.rows if r.outcome == REJECTED or r.found),
    )
    return Path(path)
