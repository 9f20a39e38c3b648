"""Importing legacy spreadsheets: a dry run by default, then a commit that is safe to repeat.

The check (header, mapping, cleaning, duplicates within the file and against the database) is pure
code in :mod:`rentan_desktop.legacy`; this service adds what needs the database: the region list,
registrants already stored, rows imported before, funder and occupation lookups, the domain's own
validation of every row that would be saved, and the transaction that saves them with the audit
trail. A commit runs the same check inside its write transaction, so what it saves is exactly what
the dry run showed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from rentan_desktop.domain import issues as iss
from rentan_desktop.domain.registrant import CleanRegistrant
from rentan_desktop.domain.registrant_rules import Validator
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import legacy_read, legacy_report
from rentan_desktop.legacy import codes
from rentan_desktop.legacy import report as legacy_json
from rentan_desktop.legacy.check import (
    STATUS_READY,
    STATUS_REFUSED,
    Cancelled,
    CheckResult,
    check_sheet,
    prepare,
)
from rentan_desktop.legacy.check import _without_gc as paused_collector
from rentan_desktop.legacy.mapping import ColumnMap, Profile
from rentan_desktop.legacy.regions import RegionIndex
from rentan_desktop.legacy.table import Header, SheetData
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.legacy_lookup import (
    Lookups,
    existing_registrants,
    imported_rows,
    lookups,
    regions,
)
from rentan_desktop.services.legacy_store import insert_rows, profile_in, store_profile
from rentan_desktop.services.setup import require_office
from rentan_desktop.storage.legacy_models import LegacyProfile
from rentan_desktop.storage.models import User

Progress = Callable[[int, int], None]


@dataclass
class Guess:
    """The wizard's first steps: the sheets, the chosen one, its header and the guessed mapping."""

    sheets: list[str]
    sheet: str
    header: Header
    mapping: ColumnMap
    sample: list[list[object]]


@dataclass
class LegacyRun:
    """A dry run or a commit: the check result plus what the report needs."""

    file: Path
    file_sha256: str
    data: SheetData
    result: CheckResult
    desa_names: dict[str, str]
    committed: set[str] | None = None
    import_uuid: str | None = None
    profile: str | None = None
    registrants: dict[str, str] = field(default_factory=dict)  # row key -> new registrant uuid

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        """The per-row report (``--json``)."""
        data = legacy_json.as_json(
            self.result,
            file=self.file.name,
            committed=self.committed,
            desa_names=self.desa_names,
            lang=lang,
        )
        data["import"] = self.import_uuid
        return data

    def totals(self) -> dict[str, int]:
        return legacy_json.totals(self.result, self.committed)

    def write_report(self, path: Path | str, lang: str | None = None) -> Path:
        """The report workbook (problem cells highlighted, summaries, clusters)."""
        return legacy_report.write_report(
            path,
            self.result,
            self.data.rows,
            file=self.file.name,
            committed=self.committed,
            desa_names=self.desa_names,
            lang=lang,
        )


def _read(path: Path, sheet: str | None) -> SheetData:
    try:
        return legacy_read.read_sheet(path, sheet)
    except codes.LegacyFileError as exc:
        raise UserError(exc.code, **exc.params) from exc


def sheet_names(ctx: AppContext, *, actor: User, path: Path | str) -> list[str]:
    """Sheets the user can choose from."""
    require(actor, Perm.REGISTRANT_VIEW)
    try:
        return legacy_read.sheet_names(Path(path))
    except codes.LegacyFileError as exc:
        raise UserError(exc.code, **exc.params) from exc


def guess(
    ctx: AppContext,
    *,
    actor: User,
    path: Path | str,
    sheet: str | None = None,
    profile: str | None = None,
) -> Guess:
    """Read the file, find its header and guess the mapping, for the user to confirm or change.

    The guess may lack required fields (``mapping.missing()``); check and commit refuse until the
    user maps them.
    """
    require(actor, Perm.REGISTRANT_VIEW)
    saved = load_profile(ctx, actor=actor, name=profile) if profile else None
    data = _read(Path(path), sheet or (saved.sheet if saved else None))
    header, mapping = _prepare(data, saved, regions(ctx))
    names = legacy_read.sheet_names(Path(path))
    return Guess(
        names, data.name, header, mapping, data.rows[header.data_start : header.data_start + 20]
    )


def _prepare(
    data: SheetData, profile: Profile | None, index: RegionIndex
) -> tuple[Header, ColumnMap]:
    try:
        header, mapping = prepare(data, profile=profile, regions=index)
    except codes.LegacyFileError as exc:
        raise UserError(exc.code, **exc.params) from exc
    return header, mapping


def _require_fields(mapping: ColumnMap) -> None:
    if mapping.missing():
        labels = ", ".join(f.upper() for f in mapping.missing())
        raise UserError(codes.MAPPING_MISSING, kolom=labels)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(
    session: Session,
    ctx: AppContext,
    path: Path,
    *,
    sheet: str | None,
    profile: str | None,
    mapping: ColumnMap | None,
    kecamatan_kode: str | None,
    sumber_dana: str | None,
    pekerjaan: str | None,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    build: bool,
) -> tuple[LegacyRun, dict[str, CleanRegistrant]]:
    saved = profile_in(session, profile) if profile else None
    data = _read(path, sheet or (saved.sheet if saved else None))
    index = regions(ctx)
    header, guessed = _prepare(data, saved, index)
    mapping = mapping or guessed
    _require_fields(mapping)
    sha = _sha256(path)
    kec = kecamatan_kode or (saved.kecamatan_kode if saved else None) or _office_kecamatan(ctx)
    try:
        result = check_sheet(
            data,
            header,
            mapping,
            index,
            source_id=sha[:16],
            existing=existing_registrants(session, ctx.periode()),
            imported_before=imported_rows(session),
            kecamatan_kode=kec,
            today=today_wita(),
            progress=progress,
            cancelled=cancelled,
        )
    except Cancelled as exc:
        raise UserError(codes.CANCELLED) from exc
    lk = lookups(session, sumber_dana=sumber_dana, pekerjaan=pekerjaan)
    with paused_collector():  # same reason as during the check: memo entries, no cycles
        cleans = _validate(ctx, result, lk, build=build)
    desa_names = {
        r.values["desa_kode"]: index.by_code[r.values["desa_kode"]].nama  # type: ignore[index]
        for r in result.rows
        if r.values.get("desa_kode") in index.by_code
    }
    return LegacyRun(path, sha, data, result, desa_names, profile=profile), cleans


def _office_kecamatan(ctx: AppContext) -> str | None:
    office = require_office(ctx)
    return office.kode if len(office.kode) == 6 else None


def _validate(
    ctx: AppContext, result: CheckResult, lk: Lookups, *, build: bool
) -> dict[str, CleanRegistrant]:
    """Run the domain's own validation on every row a commit would save (same rules as the form).

    One :class:`Validator` for the whole file: the rows repeat names, dates, desa and occupations,
    and it checks each distinct value once. A dry run (``build=False``) needs the issues only.
    """
    office = require_office(ctx)
    home = office.kode[:4] if len(office.kode) >= 4 else None
    check = Validator(rules=lk.funder_rules, home_kabupaten=home, today=today_wita())
    cleans: dict[str, CleanRegistrant] = {}
    has_mother = "nama_ibu" in result.mapping.field_columns()
    jobs: dict[object, tuple[str, list[iss.Issue]]] = {}
    status = result.status
    funder = lk.funder_id
    for row in result.rows:
        if status.get(row.key) != STATUS_READY:
            continue
        v = row.values
        if (job_cell := v.get("pekerjaan")) not in jobs:
            jobs[job_cell] = _job(str(job_cell or "").strip().upper(), lk)
        job, extra = jobs[job_cell]
        born = v.get("tanggal_lahir")
        # The RegistrantInput fields in order, as the form would send them (penghasilan: old lists
        # do not record it, the funder's default applies). A file without a mother's-name column
        # leaves out that warning: one per row would bury the real problems.
        clean, new, refused = check.fields(
            v.get("nik") or "",
            v.get("no_kk") or "",
            str(v.get("nama") or ""),
            str(v.get("tempat_lahir") or ""),
            born if isinstance(born, date) else "",
            str(v.get("jenis_kelamin") or ""),
            str(v.get("nama_ibu") or ""),
            str(v.get("alamat") or ""),
            v.get("rt") or "",
            v.get("rw") or "",
            v.get("desa_kode") or "",
            v.get("no_hp") or "",
            job,
            "",
            funder,
            str(v.get("notes") or ""),
            build=build,
            mother_warning=has_mother,
        )
        if extra:
            new = [*new, *extra]
        if new and row.issues:
            seen = {(i.code, i.field) for i in row.issues}
            row.issues.extend(i for i in new if (i.code, i.field) not in seen)
        elif new:
            row.issues.extend(new)  # nothing seen yet: all of them, as above
        if refused or extra:
            status[row.key] = STATUS_REFUSED
        elif clean is not None:
            cleans[row.key] = clean
    return cleans


def _job(text: str, lk: Lookups) -> tuple[str, list[iss.Issue]]:
    """Occupation code for a file's PEKERJAAN text (the default when empty), and its issue."""
    job = lk.pekerjaan.get(text) if text else None
    if job is None:
        job = lk.default_pekerjaan
        if text and job is None:
            return "", [iss.error("legacy.pekerjaan.tidak_ada", "pekerjaan_kode", kode=text)]
    return job or "", []


def check(
    ctx: AppContext,
    *,
    actor: User,
    path: Path | str,
    sheet: str | None = None,
    profile: str | None = None,
    mapping: ColumnMap | None = None,
    kecamatan_kode: str | None = None,
    sumber_dana: str | None = None,
    pekerjaan: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LegacyRun:
    """Dry run: every row checked and reported; nothing in the database changes."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        run, _ = _run(
            session,
            ctx,
            Path(path),
            sheet=sheet,
            profile=profile,
            mapping=mapping,
            kecamatan_kode=kecamatan_kode,
            sumber_dana=sumber_dana,
            pekerjaan=pekerjaan,
            progress=progress,
            cancelled=cancelled or (lambda: False),
            build=False,
        )
    return run


def commit(
    ctx: AppContext,
    *,
    actor: User,
    path: Path | str,
    sheet: str | None = None,
    profile: str | None = None,
    mapping: ColumnMap | None = None,
    kecamatan_kode: str | None = None,
    sumber_dana: str | None = None,
    pekerjaan: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LegacyRun:
    """Save every row the check accepts, in one transaction; rows saved before are skipped.

    Rows with errors, exact NIK duplicates (in the file or the database) and rows imported by an
    earlier commit are not saved; possible duplicates are saved with a warning and appear in the
    duplicate workbench.
    """
    require(actor, Perm.LEGACY_COMMIT)
    require(actor, Perm.REGISTRANT_CREATE)
    office = require_office(ctx)
    stop = cancelled or (lambda: False)
    with ctx.db.writer() as session:
        run, cleans = _run(
            session,
            ctx,
            Path(path),
            sheet=sheet,
            profile=profile,
            mapping=mapping,
            kecamatan_kode=kecamatan_kode,
            sumber_dana=sumber_dana,
            pekerjaan=pekerjaan,
            progress=progress,
            cancelled=stop,
            build=True,
        )
        if stop():
            raise UserError(codes.CANCELLED)
        run.import_uuid, run.registrants = insert_rows(
            session, actor, run, cleans, office_kode=office.kode, periode=ctx.periode()
        )
        run.committed = set(run.registrants)
    return run


def save_profile(ctx: AppContext, *, actor: User, profile: Profile) -> None:
    """Save (or replace) a named column mapping for a source."""
    require(actor, Perm.REGISTRANT_CREATE)
    with ctx.db.writer() as session:
        store_profile(session, actor, profile)


def load_profile(ctx: AppContext, *, actor: User, name: str) -> Profile:
    """A saved profile by name."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return profile_in(session, name)


def list_profiles(ctx: AppContext, *, actor: User) -> list[str]:
    """Names of the saved profiles."""
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        return sorted(p.name for p in session.exec(select(LegacyProfile)))
