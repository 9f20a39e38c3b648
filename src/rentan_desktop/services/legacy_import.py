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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from rentan_desktop.domain import issues as iss
from rentan_desktop.domain.region_code import KECAMATAN, RegionCode
from rentan_desktop.domain.registrant import CleanRegistrant
from rentan_desktop.domain.registrant_rules import Validator
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import legacy_read
from rentan_desktop.legacy import codes
from rentan_desktop.legacy import report as legacy_json
from rentan_desktop.legacy import values as lv
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
from rentan_desktop.legacy.rows import cell_of, value_issue
from rentan_desktop.legacy.table import Header, SheetData
from rentan_desktop.services import registrants, synonyms
from rentan_desktop.services.context import AppContext, require_office, today_wita
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.legacy_lookup import (
    Lookups,
    existing_registrants,
    imported_rows,
    lookups,
    regions,
)
from rentan_desktop.services.legacy_store import insert_rows, profile_in, store_profile
from rentan_desktop.services.setup import home_kabupaten
from rentan_desktop.storage.legacy_models import LegacyProfile
from rentan_desktop.storage.models import Registrant, User

Progress = Callable[[int, int], None]
#: ``sheet`` value that checks every sheet of a workbook in one run (one sheet per desa).
ALL_SHEETS = "*"


@dataclass
class Guess:
    """The wizard's first steps: the sheets, the chosen one, its header and the guessed mapping."""

    sheets: list[str]
    sheet: str
    header: Header
    mapping: ColumnMap
    sample: list[list[object]]
    #: the desa the title (or the sheet's name) gives rows when no column is mapped to DESA:
    #: {"desa", "kecamatan", "from", "desa_kode", "desa_nama"}, as ``LegacyRun.places`` shows it
    place: dict[str, object] = field(default_factory=dict)


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
    values: list[lv.ValueTally] = field(default_factory=list)  # distinct coded values, matched
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)  # the user's, merged
    categories: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> code -> label
    sheets: dict[str, SheetData] = field(default_factory=dict)  # every sheet of an all-sheet run
    ignored_sheets: list[str] = field(default_factory=list)  # sheets without a header row
    #: sheets without a DESA column: the desa their rows get (title, sheet name or the user's)
    places: list[dict[str, object]] = field(default_factory=list)

    def as_json(self, lang: str | None = None) -> dict[str, Any]:
        """The per-row report (``--json``)."""
        data = legacy_json.as_json(
            self.result,
            file=self.file.name,
            committed=self.committed,
            desa_names=self.desa_names,
            lang=lang,
        )
        return self._with_run_facts(data)

    def summary_json(self, lang: str | None = None) -> dict[str, Any]:
        """:meth:`as_json` without the per-row entries (what the CLI prints as text)."""
        data = legacy_json.summary_json(
            self.result,
            file=self.file.name,
            committed=self.committed,
            desa_names=self.desa_names,
            lang=lang,
        )
        return self._with_run_facts(data)

    def _with_run_facts(self, data: dict[str, Any]) -> dict[str, Any]:
        """What both reports say of the run beside the rows: its import, the coded values, the
        desa given to sheets without a DESA column, RT-only sheets and the sheets read."""
        data["import"] = self.import_uuid
        data["values"] = self.values_json()
        data["places"] = self.places
        data["rt_only"] = [n or self.result.sheet for n in rt_only_sheets(self.result)]
        if self.sheets:
            data["sheets"] = list(self.sheets)
            data["sheets_ignored"] = self.ignored_sheets
        return data

    def values_json(self) -> list[dict[str, object]]:
        """Every distinct value of a coded column, its code, score and row count (review first)."""
        return [t.as_dict(self.categories.get(t.field)) for t in self.values]

    def totals(self) -> dict[str, int]:
        return legacy_json.totals(self.result, self.committed)

    def write_report(
        self, path: Path | str, lang: str | None = None, tmpdir: Path | None = None
    ) -> Path:
        """The report workbook (problem cells highlighted, summaries, clusters).

        ``tmpdir``: where xlsxwriter's temp files go (``AppContext.scratch_dir()``).
        """
        from rentan_desktop.io import legacy_report  # xlsxwriter: only when a report is asked

        return legacy_report.write_report(
            path,
            self.result,
            {n: d.rows for n, d in self.sheets.items()} if self.sheets else self.data.rows,
            file=self.file.name,
            committed=self.committed,
            desa_names=self.desa_names,
            lang=lang,
            values=self.values_json(),
            tmpdir=tmpdir,
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
    wanted = sheet or (saved.sheet if saved else None)
    if wanted == ALL_SHEETS:  # the first sheet's mapping is shown; each sheet gets its own
        data = _read(Path(path), None)
        header, mapping = _prepare(data, saved, regions(ctx))
        names = legacy_read.sheet_names(Path(path))
        sample = data.rows[header.data_start : header.data_start + 20]
        place = _place(data.name, header, regions(ctx), _office_kecamatan(ctx), None)
        return Guess(names, ALL_SHEETS, header, mapping, sample, place)
    data = _read(Path(path), wanted)
    index = regions(ctx)
    header, mapping = _prepare(data, saved, index)
    names = legacy_read.sheet_names(Path(path))
    place = _place(data.name, header, index, _office_kecamatan(ctx), None)
    return Guess(
        names,
        data.name,
        header,
        mapping,
        data.rows[header.data_start : header.data_start + 20],
        place,
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
    values: Mapping[str, Mapping[str, str]] | None = None,
    desa: str | None = None,
) -> tuple[LegacyRun, dict[str, CleanRegistrant]]:
    saved = profile_in(session, profile) if profile else None
    lk = lookups(session, sumber_dana=sumber_dana, pekerjaan=pekerjaan, per_row=True)
    maps = _value_maps(saved.values if saved else {}, values or {}, lk)
    index = regions(ctx)
    wanted = sheet or (saved.sheet if saved else None)
    parts, ignored = _all_sheets(path, saved, index, mapping) if wanted == ALL_SHEETS else ([], [])
    if parts:
        data, header, mapping = parts[0]
    else:
        data = _read(path, None if wanted == ALL_SHEETS else wanted)
        header, guessed = _prepare(data, saved, index)
        mapping = mapping or guessed
        _require_fields(mapping)
    if lk.choose_funder is not None and not any(
        "sumber_dana" in m.field_columns() for m in [mapping, *(p[2] for p in parts)]
    ):
        raise lk.choose_funder  # several funders, none chosen, and the file names none per row
    sha = _sha256(path)
    kec = kecamatan_kode or (saved.kecamatan_kode if saved else None) or _office_kecamatan(ctx)
    chosen_desa = _chosen_desa(index, desa) if desa else None
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
            values=maps,
            more=parts[1:],
            desa=chosen_desa,
        )
    except Cancelled as exc:
        raise UserError(codes.CANCELLED) from exc
    office_words = synonyms.stored(session).get("pekerjaan")  # the office's (and its coordinator's)
    jobs = lv.job_matcher(lk.categories, maps.get("pekerjaan"), office_words)
    funds = lv.funder_matcher(_funder_names(lk), maps.get("sumber_dana"), lk.funder_code)
    with paused_collector():  # same reason as during the check: memo entries, no cycles
        cleans = _validate(ctx, result, lk, jobs, funds, build=build)
    codes_seen = dict.fromkeys([r.values.get("desa_kode") for r in result.rows])  # in row order
    desa_names = {
        kode: index.by_code[kode].nama  # type: ignore[index]
        for kode in codes_seen
        if kode in index.by_code
    }
    run = LegacyRun(path, sha, data, result, desa_names, profile=profile)
    if wanted == ALL_SHEETS:
        run.sheets = {p[0].name: p[0] for p in parts} or {data.name: data}
        run.ignored_sheets = ignored
    run.values, run.value_maps = _tally(result, jobs, funds, maps), maps
    run.categories = _categories(lk)
    run.places = _places(result, index, kec, chosen_desa)
    return run, cleans


def _chosen_desa(index: RegionIndex, desa: str) -> tuple[str, str]:
    """The desa the user names for sheets without a DESA column, by 10-digit code or by name, as
    (desa name, kecamatan name) for the row cleaner.

    Raises:
        UserError: a code that is no desa of this office's region list.
    """
    written = desa.strip()
    if written.isdigit():
        region = index.by_code.get(written)
        if region is None or len(written) != 10:
            raise UserError(codes.DESA_CHOSEN_UNKNOWN, nilai=written)
        kec = index.by_code.get(written[:6])
        return region.nama, kec.nama if kec is not None else ""
    return written, ""


def _places(
    result: CheckResult,
    index: RegionIndex,
    kecamatan_kode: str | None,
    chosen: tuple[str, str] | None,
) -> list[dict[str, object]]:
    """Per sheet without a DESA column: the desa its rows get (from the title, the sheet's name
    or the user), resolved as the rows are, for the user to confirm."""
    parts = result.parts or {result.sheet: (result.header, result.mapping)}
    return [
        _place(name, header, index, kecamatan_kode, chosen)
        for name, (header, mapping) in parts.items()
        if "desa" not in mapping.field_columns()
    ]


def _place(
    sheet: str,
    header: Header,
    index: RegionIndex,
    kecamatan_kode: str | None,
    chosen: tuple[str, str] | None,
) -> dict[str, object]:
    """The desa one sheet's rows get when no column feeds DESA, resolved as the rows are."""
    place = header.title
    written, kec_written = chosen if chosen else (place.desa or "", "")
    kec_written = kec_written or place.kecamatan or ""
    kec_kode = kecamatan_kode
    if kec_written:
        k = index.kecamatan(kec_written)
        if k.region is not None and k.score >= 85:
            kec_kode = k.region.kode
    m = index.desa(written, kec_kode) if written else None
    region = m.region if m is not None and m.score >= 85 else None
    return {
        "sheet": sheet,
        "desa": written or None,
        "kecamatan": kec_written or None,
        "from": "pengguna" if chosen else (place.desa_from if written else None),
        "desa_kode": region.kode if region is not None else None,
        "desa_nama": region.nama if region is not None else None,
    }


def _kind_of(code: str, name: str) -> str | None:
    """The kind of funder (DANA_DESA, APBD_KAB, …) an active funder is, by the table's markers."""
    kinds = lv.funder_kinds({code: name}, lv.load_table().get("sumber_dana"))
    return next(iter(kinds), None)


def _funder_names(lk: Lookups) -> dict[str, str]:
    return {code: f[2] for code, f in lk.funders.items()}


def _categories(lk: Lookups) -> dict[str, dict[str, str]]:
    """field -> code -> label of every mappable coded field (the value step's choices)."""
    return {
        "pekerjaan": lk.categories,
        "jenis_kelamin": lv.SEXES,
        "sumber_dana": _funder_names(lk),
        "status": lv.STATUSES,
    }


def _all_sheets(
    path: Path, saved: Profile | None, index: RegionIndex, mapping: ColumnMap | None
) -> tuple[list[tuple[SheetData, Header, ColumnMap]], list[str]]:
    """Every sheet with a header row naming NIK and NAMA, each with its own mapping (one sheet
    per desa), and the names of the other sheets (a recap, notes, a staff list). The user's
    mapping applies to the sheets laid out like the first one.

    Raises:
        UserError: no sheet has such a header.
    """
    parts: list[tuple[SheetData, Header, ColumnMap]] = []
    ignored: list[str] = []
    for name in legacy_read.sheet_names(path):
        data = _read(path, name)
        try:
            header, guessed = prepare(data, profile=saved, regions=index)
        except codes.LegacyFileError:
            ignored.append(name)
            continue
        same = mapping is not None and (not parts or header.labels == parts[0][1].labels)
        chosen = mapping if same and mapping is not None else guessed
        if chosen.missing():
            # A staff list ("NAMA, NIP, JABATAN") or a recap beside the desa sheets: not people
            # to register; named in the report instead of refusing the desa sheets.
            ignored.append(name)
            continue
        parts.append((data, header, chosen))
    if not parts:
        raise UserError(codes.FILE_NO_HEADER, sheet=", ".join(ignored) or path.name)
    return parts, ignored


def _value_maps(
    saved: Mapping[str, Mapping[str, str]], given: Mapping[str, Mapping[str, str]], lk: Lookups
) -> dict[str, dict[str, str]]:
    """The profile's value mappings with the user's new choices on top, each code checked."""
    known = _categories(lk)
    out: dict[str, dict[str, str]] = {
        f: {lv.norm_value(k): c for k, c in m.items()} for f, m in saved.items()
    }
    for field_name, choices in given.items():
        if field_name not in lv.MAPPABLE:
            raise UserError(codes.VALUE_FIELD, kolom=field_name, pilihan=", ".join(lv.MAPPABLE))
        by_upper = {c.upper(): c for c in known[field_name]}
        by_label = {lv.norm_value(label): c for c, label in known[field_name].items()}
        for written, code in choices.items():
            chosen = by_upper.get(code.strip().upper()) or by_label.get(lv.norm_value(code))
            if chosen is None:
                raise UserError(
                    codes.VALUE_UNKNOWN_CODE,
                    kode=code,
                    kolom=lv.MAPPABLE[field_name],
                    pilihan=", ".join(known[field_name]),
                )
            out.setdefault(field_name, {})[lv.norm_value(written)] = chosen
    return out


def _tally(
    result: CheckResult,
    jobs: lv.ValueMatcher,
    funds: lv.ValueMatcher,
    maps: Mapping[str, Mapping[str, str]],
) -> list[lv.ValueTally]:
    """Distinct values of the coded columns the sheet has, each matched once."""
    cols = result.mapping.field_columns()
    for _header, more in result.parts.values():
        cols = {**more.field_columns(), **cols}
    raws = [r.raw for r in result.rows]

    def written(name: str) -> Iterable[object]:
        return map(dict.get, raws, repeat(name))

    sexes = lv.sex_matcher(maps.get("jenis_kelamin"))
    matchers: dict[str, Callable[[str], lv.ValueMatch]] = {
        "pekerjaan": jobs.match,
        "jenis_kelamin": lambda t: lv.match_sex(sexes, t),
        "sumber_dana": funds.match,
        "status": lv.status_matcher(maps.get("status")).match,
    }
    out: list[lv.ValueTally] = []
    for name, match in matchers.items():
        if name in cols:
            out += lv.tally(name, written(name), match)
    return out


def _office_kecamatan(ctx: AppContext) -> str | None:
    office = require_office(ctx)
    code = RegionCode.try_parse(office.kode)
    return code.digits if code is not None and code.level == KECAMATAN else None


def _validate(
    ctx: AppContext,
    result: CheckResult,
    lk: Lookups,
    jobs_of: lv.ValueMatcher,
    funds: lv.ValueMatcher,
    *,
    build: bool,
) -> dict[str, CleanRegistrant]:
    """Run the domain's own validation on every row a commit would save (same rules as the form).

    One :class:`Validator` per funder (the import's, or each one a SUMBER DANA column names: its
    age band and domicile rule apply to its rows): the rows repeat names, dates, desa and
    occupations, and it checks each distinct value once. A dry run (``build=False``) needs the
    issues only.
    """
    office = require_office(ctx)
    home = home_kabupaten(office)
    today = today_wita()
    check = Validator(rules=lk.funder_rules, home_kabupaten=home, today=today)
    checks: dict[str, Validator] = {}

    def validator(code: str) -> Validator:
        if code not in checks:
            rules = lk.funders[code][1]
            checks[code] = Validator(rules=rules, home_kabupaten=home, today=today)
        return checks[code]

    def funder_of(cell: object) -> tuple[int | None, Validator, list[iss.Issue]]:
        text = str(cell or "").strip()
        if not lv.norm_value(text):  # nothing written: the import's own funder
            return lk.funder_id, check, []
        m = funds.match(text)
        if m.code is None and m.kind is not None:
            jenis = lv.KIND_LABELS.get(m.kind, m.kind)
            held = [c for c, f in _funder_names(lk).items() if _kind_of(c, f) == m.kind]
            issue = (
                iss.error(
                    codes.FUNDER_KIND_MISSING,
                    "sumber_dana",
                    nilai=text,
                    jenis=jenis,
                    pilihan=", ".join(lk.funders),
                )
                if not held
                else iss.error(
                    codes.FUNDER_UNKNOWN, "sumber_dana", nilai=text, pilihan=", ".join(held)
                )
            )
            return lk.funder_id, check, [issue]
        if m.code is None:
            pilihan = ", ".join(lk.funders)
            return (
                lk.funder_id,
                check,
                [iss.error(codes.FUNDER_UNKNOWN, "sumber_dana", nilai=text, pilihan=pilihan)],
            )
        found: list[iss.Issue] = []
        if m.how == lv.HOW_FUZZY:
            found = [value_issue("sumber_dana", m, _funder_names(lk))]
        elif m.how == lv.HOW_FALLBACK:
            found = [iss.warning(codes.FUNDER_FALLBACK, "sumber_dana", nilai=text, kode=m.code)]
        return lk.funders[m.code][0], validator(m.code), found

    cleans: dict[str, CleanRegistrant] = {}
    has_mother = "nama_ibu" in result.mapping.field_columns()
    jobs: dict[object, tuple[str, list[iss.Issue]]] = {}
    funders: dict[object, tuple[int | None, Validator, list[iss.Issue]]] = {}
    status = result.status
    # A sheet without any RW column is an RT-only list (many Kalimantan desa have no RW): its
    # rows are saved with an empty RW. A sheet with an RW column still needs one on every row.
    rt_only = rt_only_sheets(result)
    for row in result.rows:
        # A row the cleaning refused is validated too (nothing is built for it): the clerk sees
        # every problem of the row at once, one per cell, instead of the next one after a fix.
        ready = status.get(row.key) == STATUS_READY
        if not ready and status.get(row.key) != STATUS_REFUSED:
            continue  # imported before, or already registered: not checked as a new person
        v = row.values
        if (job_cell := v.get("pekerjaan")) not in jobs:
            jobs[job_cell] = _job(str(job_cell or "").strip(), lk, jobs_of)
        job, extra = jobs[job_cell]
        if (fund_cell := v.get("sumber_dana")) not in funders:
            funders[fund_cell] = funder_of(fund_cell)
        funder, rules_of, fund_extra = funders[fund_cell]
        if fund_extra:
            extra = [*fund_extra, *extra]
        born = v.get("tanggal_lahir")
        # The RegistrantInput fields in order, as the form would send them (penghasilan: old lists
        # do not record it, the funder's default applies). A file without a mother's-name column
        # leaves out that warning: one per row would bury the real problems.
        clean, new, refused = rules_of.fields(
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
            build=build and ready,
            mother_warning=has_mother,
            rw_optional=row.sheet in rt_only,
        )
        if extra:
            new = [*extra, *new]  # the occupation's own sentence before the form's
        if new and row.issues:
            _one_per_cell(row.issues, new)
        elif new:
            _one_per_cell([], new, into=row.issues)
        if not ready:
            continue
        if refused or any(i.is_error for i in extra):
            status[row.key] = STATUS_REFUSED
        elif clean is not None:
            cleans[row.key] = clean
    return cleans


def rt_only_sheets(result: CheckResult) -> set[str | None]:
    """The sheets (None: the only one) whose mapping has an RT column but no RW column."""
    parts = result.parts or {None: (result.header, result.mapping)}
    out: set[str | None] = set()
    for name, (_header, mapping) in parts.items():
        cols = mapping.field_columns()
        if "rt" in cols and "rw" not in cols and "rt_rw" not in cols:
            out.add(name)
    return out


def _one_per_cell(
    have: list[iss.Issue], new: list[iss.Issue], into: list[iss.Issue] | None = None
) -> None:
    """Add the form's issues to a row's, one problem per cell: a cell the cleaning already
    reported keeps its (more specific) sentence, unless the form's is an error and the cleaning's
    only a warning, in which case the error replaces it. ``into`` defaults to ``have``."""
    out = have if into is None else into
    worst: dict[str | None, bool] = {}
    for i in out:
        c = cell_of(i.field)
        worst[c] = worst.get(c, False) or i.is_error
    for i in new:
        c = cell_of(i.field)
        if c is None or c not in worst:
            out.append(i)
            if c is not None:
                worst[c] = i.is_error
        elif i.is_error and not worst[c]:
            out[:] = [j for j in out if cell_of(j.field) != c]
            out.append(i)
            worst[c] = True


def _job(text: str, lk: Lookups, matcher: lv.ValueMatcher) -> tuple[str, list[iss.Issue]]:
    """Occupation code for a file's PEKERJAAN text (the default when empty), and its issue:
    a score for a fuzzy match, a warning for the fallback, an error only when nothing fits."""
    if not lv.norm_value(text):  # "", "-", "." : nothing written
        return lk.default_pekerjaan or "", []
    m = matcher.match(text)
    if m.code is None:
        return "", [iss.error("legacy.pekerjaan.tidak_ada", "pekerjaan_kode", kode=text)]
    if m.how == lv.HOW_FUZZY:
        return m.code, [value_issue("pekerjaan_kode", m, lk.categories)]
    if m.how == lv.HOW_FALLBACK:
        return m.code, [iss.warning(codes.JOB_FALLBACK, "pekerjaan_kode", nilai=text, kode=m.code)]
    return m.code, []


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
    values: Mapping[str, Mapping[str, str]] | None = None,
    desa: str | None = None,
) -> LegacyRun:
    """Dry run: every row checked and reported; nothing in the database changes.

    ``values`` holds the user's value mappings (field -> written value -> code), added to the
    profile's; an unknown field or code is refused before anything is read. ``desa`` (a name or a
    10-digit code) is the desa of every row of a sheet without a DESA column; by default the
    title above the table names it (``LegacyRun.places`` shows what was read).
    """
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
            values=values,
            desa=desa,
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
    values: Mapping[str, Mapping[str, str]] | None = None,
    apply_changes: bool = False,
    desa: str | None = None,
) -> LegacyRun:
    """Save every row the check accepts, in one transaction; rows saved before are skipped.

    Rows with errors, exact NIK duplicates (in the file or the database) and rows imported by an
    earlier commit are not saved; possible duplicates are saved with a warning and appear in the
    duplicate workbench. Rows whose person is already registered are never saved as new people;
    with ``apply_changes`` the fields a re-sent row changes are applied to the registered record as
    audited corrections (the correction service's own rules; a NIK is never changed from a list).
    """
    require(actor, Perm.LEGACY_COMMIT)
    require(actor, Perm.REGISTRANT_CREATE)
    if apply_changes:
        require(actor, Perm.REGISTRANT_EDIT)
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
            values=values,
            desa=desa,
        )
        if stop():
            raise UserError(codes.CANCELLED)
        run.import_uuid, run.registrants = insert_rows(
            session, actor, run, cleans, office_kode=office.kode, periode=ctx.periode()
        )
        run.committed = set(run.registrants)
        if apply_changes:
            _apply_changes(session, ctx, actor, run)
    return run


def _apply_changes(session: Session, ctx: AppContext, actor: User, run: LegacyRun) -> None:
    """Each re-sent row's changes as one correction of its registered record, through the same
    service (and rules, and audit trail) as a correction typed on the form. A correction the rules
    refuse changes nothing and says why on its row."""
    by_key = {r.key: r for r in run.result.rows}
    via = f"legacy:{run.import_uuid}"
    for key, reg in run.result.registered.items():
        wanted = reg.applicable()
        if not wanted:
            continue
        if not by_key[key].ok:
            reg.refused = iss.text("legacy.perubahan_data.baris_salah")
            continue
        row = session.exec(select(Registrant).where(Registrant.uuid == reg.uuid)).first()
        if row is None:
            continue
        data = replace(registrants.to_input(row), **{f: _as_input(v) for f, v in wanted.items()})
        try:
            with session.begin_nested():
                registrants.correct_in(session, ctx, actor, row, data, via=via)
        except UserError as exc:
            session.refresh(row)
            reg.refused = exc.message()
        else:
            reg.applied = True


def _as_input(value: object) -> object:
    return "" if value is None else value


def save_report(
    ctx: AppContext, *, actor: User, run: LegacyRun, path: Path, lang: str | None = None
) -> Path:
    """Write the run's report workbook and record in the audit trail that a file echoing the
    list's full NIKs was written (who, which file, how many rows)."""
    from rentan_desktop.services import privacy

    written = run.write_report(path, lang, tmpdir=ctx.scratch_dir())
    privacy.record_report_export(
        ctx,
        actor=actor,
        kind="legacy-report",
        file_name=Path(path).name,
        rows=len(run.result.rows),
    )
    return written


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
