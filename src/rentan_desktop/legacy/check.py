"""The whole check of one legacy sheet: header, mapping, cleaning, duplicates; no database, no files.

``check_sheet`` is what a dry run shows and what a commit writes: the service feeds it the sheet, the
region index and what the database already holds (registrants to match against, row keys imported
before) and gets one :class:`CheckedRow` per source row.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import repeat
from typing import Any, cast

from rentan_desktop.domain import issues as iss
from rentan_desktop.legacy import codes, resend
from rentan_desktop.legacy.fields import ROW_KEY_HEADER, norm_header
from rentan_desktop.legacy.mapping import ColumnMap, Profile, guess_mapping
from rentan_desktop.legacy.matching import REASON_TEXT, SAME_NIK, Cluster, Matcher, group
from rentan_desktop.legacy.regions import RegionIndex
from rentan_desktop.legacy.resend import Registered
from rentan_desktop.legacy.rows import CleanRow, RowCleaner
from rentan_desktop.legacy.sheet_cleaning import Cancelled, Job, clean_rows
from rentan_desktop.legacy.skip import Skipped, trim_trailing_blanks
from rentan_desktop.legacy.table import Header, SheetData, find_header
from rentan_desktop.legacy.title import read_title, title_lines

Progress = Callable[[int, int], None]
_CONTENT_FIELDS = (
    "nik",
    "nama",
    "ttl",
    "tanggal_lahir",
    "desa",
    "jenis_kelamin",
    "alamat",
    "no_kk",
)
STATUS_READY, STATUS_REFUSED, STATUS_ALREADY = "siap", "ditolak", "sudah_diimpor"


@dataclass(slots=True)  # a re-sent list's check holds 150,000 of these: no per-object __dict__
class Existing:
    """A registrant already in the database, as matching and the report need it."""

    uuid: str
    nik: str | None
    nama: str
    birth: date | None
    kecamatan: str | None = None
    kk: str | None = None
    sex: str | None = None
    desa: str | None = None
    mother: str | None = None
    #: the stored values a re-sent row is compared with (see :mod:`rentan_desktop.legacy.resend`)
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class CheckResult:
    """Everything a dry run reports, and what a commit needs."""

    sheet: str
    header: Header
    mapping: ColumnMap
    rows: list[CleanRow]
    clusters: list[Cluster]
    status: dict[str, str] = field(default_factory=dict)  # row key -> siap/ditolak/sudah_diimpor
    imported_before: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)  # rows that are not people, by kind
    #: sheet name -> its header and mapping, when several sheets were checked in one run.
    parts: dict[str, tuple[Header, ColumnMap]] = field(default_factory=dict)

    def layout(self, row: CleanRow) -> tuple[Header, ColumnMap]:
        """The header and mapping of the sheet a row came from."""
        if row.sheet is not None and row.sheet in self.parts:
            return self.parts[row.sheet]
        return self.header, self.mapping

    #: row key -> the registered person a re-sent row is (sudah terdaftar / perubahan data)
    registered: dict[str, Registered] = field(default_factory=dict)

    def ready(self) -> list[CleanRow]:
        """Rows that a commit would create."""
        return [r for r in self.rows if self.status.get(r.key) == STATUS_READY]


def prepare(
    sheet: SheetData, *, profile: Profile | None = None, regions: RegionIndex | None = None
) -> tuple[Header, ColumnMap]:
    """Find the header and guess the mapping (the wizard's first two steps).

    Raises:
        LegacyFileError: no header row was found.
    """
    header = find_header(sheet, profile.by_header if profile else None)
    if header is None:
        raise codes.LegacyFileError(codes.FILE_NO_HEADER, sheet=sheet.name)
    place = read_title(title_lines(sheet.rows[: header.row]), regions, sheet.name)
    header = replace(header, title=place)
    mapping = guess_mapping(
        header, sheet.rows[header.data_start :], profile=profile, regions=regions
    )
    return header, mapping


def check_sheet(
    sheet: SheetData,
    header: Header,
    mapping: ColumnMap,
    regions: RegionIndex,
    *,
    source_id: str,
    existing: Iterable[Existing] = (),
    imported_before: Mapping[str, str] | None = None,
    kecamatan_kode: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    more: Sequence[tuple[SheetData, Header, ColumnMap]] = (),
    desa: tuple[str, str] | None = None,
) -> CheckResult:
    """Clean every data row, find duplicates within the file and against ``existing``.

    Args:
        sheet: the raw sheet.
        header, mapping: from :func:`prepare`, possibly changed by the user.
        regions: Kemendagri regions to match desa/kecamatan names against.
        source_id: stable id of the file (hash of its bytes) for row keys.
        existing: registrants already stored, for duplicates against the database.
        imported_before: row key -> registrant uuid of rows a previous commit created.
        kecamatan_kode: kecamatan to assume when the sheet has no kecamatan column.
        progress: called as ``progress(done, total)``.
        cancelled: polled; when it returns True the check stops with :class:`Cancelled`.
        workers: processes to clean with (default one; see :mod:`rentan_desktop.legacy.sheet_cleaning`).
        values: the user's value mappings, field -> written value -> code (the value step).
        more: further sheets of the same workbook (one sheet per desa), each with its own header
            and mapping, checked in the same run: their rows carry their sheet's name, keep the
            row numbers and keys a check of that sheet alone gives, and are matched against each
            other for duplicates.
        desa: (desa, kecamatan) as the user names them, for every sheet without a DESA column
            (kecamatan "" keeps the title's); by default each such sheet's title names its desa.
    """
    parts = [(sheet, header, mapping), *more]
    before = dict(imported_before or {})
    rows: list[CleanRow] = []
    skipped: list[Skipped] = []
    total = sum(len(p[0].rows) - p[1].data_start for p in parts)
    with _without_gc():
        for part_sheet, part_header, part_map in parts:
            offset = len(rows) + len(skipped)
            part = _clean_part(
                part_sheet,
                part_header,
                part_map,
                regions,
                source_id,
                kecamatan_kode,
                today,
                values,
                _shifted(progress, offset, total) if more else progress,
                cancelled,
                workers,
                desa,
            )
            if more:
                for r in part[0]:
                    r.sheet = part_sheet.name
            rows += part[0]
            skipped += part[1]
        registered: dict[str, Registered] = {}
        found = _duplicates(rows, list(existing), before, cancelled, registered)
        name = ", ".join(p[0].name for p in parts)
        result = CheckResult(name, header, mapping, rows, found, imported_before=before)
        if more:
            result.parts = {p[0].name: (p[1], p[2]) for p in parts}
        result.skipped = skipped
        result.status = {
            r.key: STATUS_READY if not r.issues or r.ok else STATUS_REFUSED for r in rows
        }
        for r in rows if before else ():
            if r.key in before:
                r.issues.append(iss.warning(codes.ROW_ALREADY, None))
                result.status[r.key] = STATUS_ALREADY
        for key, reg in registered.items():
            if result.status.get(key) != STATUS_ALREADY:
                result.registered[key] = reg
                result.status[key] = reg.status
    return result


def _clean_part(
    sheet: SheetData,
    header: Header,
    mapping: ColumnMap,
    regions: RegionIndex,
    source_id: str,
    kecamatan_kode: str | None,
    today: date | None,
    values: Mapping[str, Mapping[str, str]] | None,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    workers: int | None,
    desa: tuple[str, str] | None = None,
) -> tuple[list[CleanRow], list[Skipped]]:
    """The clean rows and the skipped (non-person) rows of one sheet."""
    columns = mapping.field_columns()
    place = header.title
    desa_text, kec_text = desa if desa else (place.desa or "", "")
    key_col = next(
        (i for i, lab in enumerate(header.labels) if norm_header(lab) == ROW_KEY_HEADER), None
    )
    cleaner = RowCleaner(
        columns,
        regions,
        kecamatan_kode=kecamatan_kode,
        today=today,
        values=values,
        desa=desa_text,
        kecamatan=kec_text or place.kecamatan or "",
    )
    content = [columns[f] for f in _CONTENT_FIELDS if f in columns]
    body = sheet.rows[header.data_start :]
    job = Job(
        body,
        header.data_start,
        sheet.name,
        key_col,
        content,
        cleaner,
        source_id,
        nik_col=columns.get("nik"),
    )
    rows = clean_rows(job, progress=progress, cancelled=cancelled, workers=workers)
    last = max((r.number for r in rows), default=0)
    last = max([last, *(s.number for s in job.skipped if s.kind != "kosong")])
    skipped = sorted(trim_trailing_blanks(job.skipped, last), key=lambda s: s.number)
    return rows, [replace(s, sheet=sheet.name) for s in skipped]


def _shifted(progress: Progress | None, offset: int, total: int) -> Progress | None:
    """Progress of one sheet reported as progress through all of them."""
    if progress is None:
        return None
    return lambda done, _part: progress(min(offset + done, total), total)


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cycle collector: cleaning allocates millions of small objects and no cycles, and
    the collector's repeated full scans of them cost a fifth of the time on a 150,000-row file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            # The rows made meanwhile are all still in the youngest generation, and the first
            # collection after this would walk every one of them (a tenth of a second for
            # 150,000 rows) only to find them alive. Freezing then unfreezing moves everything
            # tracked into the oldest generation without a walk; nothing else was frozen, so
            # nothing else changes. (The desktop app freezes its start-up objects: it keeps them.)
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _duplicates(
    rows: list[CleanRow],
    existing: list[Existing],
    before: Mapping[str, str],
    cancelled: Callable[[], bool],
    registered: dict[str, Registered],
) -> list[Cluster]:
    matcher, pairs = _pairs(rows, existing, before, cancelled)
    count = len(rows)
    _resent(rows, existing, before, matcher, pairs, registered)
    taken = {f"r{i}" for i, r in enumerate(rows) if r.key in registered}

    def ident(i: int) -> str:
        return f"r{i}" if i < count else f"db:{existing[i - count].uuid}"

    # A re-sent row and a stored record, each in no other pair: a cluster of its own that the
    # filter below would drop whole (a re-sent row is not a duplicate of the person it is). A
    # re-sent list is mostly such pairs; left out before grouping, they change no other cluster.
    degree: Counter[int] = Counter(i for pair in pairs for i in pair)
    lone = {
        (a, b)
        for a, b in pairs
        if a < count <= b and degree[a] == 1 and degree[b] == 1 and f"r{a}" in taken
    }
    # Only the records in a pair need an id; their index order is the order of the members.
    involved = sorted({i for pair in pairs if pair not in lone for i in pair})
    edges = [(ident(a), ident(b), why) for (a, b), why in pairs.items() if (a, b) not in lone]
    by_uuid = {e.uuid: e for e in existing}
    at = {f"db:{e.uuid}": count + n for n, e in enumerate(existing)}
    kept: list[Cluster] = []
    for c in group([ident(i) for i in involved], edges):
        # Registrant-to-registrant pairs are the workbench's business, a row matching the
        # registrant it created itself last time is not a duplicate, and neither is a re-sent row
        # with the registered person it is.
        edges = [
            (a, b, w)
            for a, b, w in c.edges
            if (a.startswith("r") or b.startswith("r"))
            and not _self_match(a, b, rows, before)
            and not _resent_pair(a, b, taken)
        ]
        if not edges:
            continue
        members: list[str] = []
        for a, b, _ in edges:
            members += [m for m in (a, b) if m not in members]
        c.edges, c.members = edges, sorted(members, key=_order)
        c.reasons = {w for _, _, w in edges}
        c.scores = {
            (a, b): matcher.verdict(
                at[a] if a in at else int(a[1:]), at[b] if b in at else int(b[1:])
            )
            for a, b, _ in edges
        }
        kept.append(c)
    for n, c in enumerate(kept, start=1):
        c.id = n
        _annotate(c, rows, by_uuid)
    return kept


def _col(values: list[dict[str, object]], name: str) -> list[Any]:
    """One field of every row's values (None where absent)."""
    return list(map(dict.get, values, repeat(name)))


def _resent_pair(a: str, b: str, taken: set[str]) -> bool:
    return (a in taken and b.startswith("db:")) or (b in taken and a.startswith("db:"))


def _pairs(
    rows: list[CleanRow],
    existing: list[Existing],
    before: Mapping[str, str],
    cancelled: Callable[[], bool],
) -> tuple[Matcher, dict[tuple[int, int], str]]:
    """Pairs among rows (index < len(rows)) and registrants (after them) that may be one person."""
    values = [r.values for r in rows]
    niks = [r.nik_digits for r in rows] + [e.nik for e in existing]
    # Both are text: the clean name, or what was written when it could not be cleaned.
    # Titles (H., DRS., S.PD) are left out of the name matched on: "H. AHMAD" is "AHMAD".
    # Columns are read with map(dict.get, ...): one C-level pass per field, no Python call per
    # row (a 150,000-row check reads seven columns). The cleaners store text or None in the
    # text fields and a date or None as the birth date, so no type test is needed.
    names = cast(
        list[str],
        [
            a or b or r.raw.get("nama", "")
            for r, a, b in zip(rows, _col(values, "nama_cocok"), _col(values, "nama"), strict=True)
        ],
    )
    names += [e.nama for e in existing]
    births = _col(values, "tanggal_lahir") + [e.birth for e in existing]

    def column(name: str, stored: str) -> list[str | None]:
        return [x or None for x in _col(values, name)] + [getattr(e, stored) for e in existing]

    matcher = Matcher(
        niks,
        names,
        births,
        kks=column("no_kk", "kk"),
        sexes=column("jenis_kelamin", "sex"),
        desas=column("desa_kode", "desa"),
        mothers=column("nama_ibu", "mother"),
        stored_from=len(rows),  # pairs of two stored registrants: the workbench's, never kept
        # A re-sent row plainly its NIK's registrant (_resent takes it at once) has no pairs with
        # other registrants worth scoring: _duplicates drops them (_resent_pair). A row an earlier
        # commit saved keeps them (it is checked as the registrant it created).
        settles=[r.key not in before for r in rows] if existing else None,
    )
    pairs = matcher.pairs(cancelled=cancelled)
    if cancelled():
        raise Cancelled()
    return matcher, pairs


def _resent(
    rows: list[CleanRow],
    existing: list[Existing],
    before: Mapping[str, str],
    matcher: Matcher,
    pairs: Mapping[tuple[int, int], str],
    registered: dict[str, Registered],
) -> None:
    """Rows whose person is already registered: which record, and what the file changes."""
    count = len(rows)
    partners: dict[int, list[tuple[int, str, bool]]] = {}
    for (a, b), why in pairs.items():
        if a < count <= b and rows[a].key not in before:
            partners.setdefault(a, []).append((b, why, why == SAME_NIK))
    keys, births = matcher.keys, matcher.births

    def plainly_same(a: int, b: int) -> bool:
        return keys[a] == keys[b] and births[a] == births[b]

    for i, found in partners.items():
        picked = resend.pick(i, found, matcher.verdict, plainly_same)
        if picked is None:
            continue
        other, verdict = picked
        ex = existing[other - count]
        row = rows[i]
        stored = ex.values or {"nik": ex.nik, "nama": ex.nama, "tanggal_lahir": ex.birth}
        reg = Registered(ex.uuid, ex.nama, resend.differences(row.values, stored), verdict)
        registered[row.key] = reg
        row.issues.extend(resend.issues_for(reg))


def _self_match(a: str, b: str, rows: list[CleanRow], before: Mapping[str, str]) -> bool:
    row_id, db_id = (a, b) if a.startswith("r") else (b, a)
    if not (row_id.startswith("r") and db_id.startswith("db:")):
        return False
    return before.get(rows[int(row_id[1:])].key) == db_id[3:]


def _annotate(c: Cluster, rows: list[CleanRow], by_uuid: Mapping[str, Existing]) -> None:
    """Attach the cluster to its rows and add the duplicate issues."""
    first_row: dict[str, str] = {}
    warned: set[str] = set()
    for a, b, why in sorted(c.edges, key=lambda e: (_order(e[0]), _order(e[1]))):
        for me, other in ((a, b), (b, a)):
            if not me.startswith("r"):
                continue
            row = rows[int(me[1:])]
            row.cluster = c.id
            if other.startswith("db:"):
                ex = by_uuid[other[3:]]
                if why == SAME_NIK:
                    row.issues.append(iss.error(codes.DUP_NIK_DB, "nik", nama=ex.nama))
                else:
                    row.issues.append(
                        iss.warning(
                            codes.DUP_POSSIBLE, "nama", lain=ex.nama, alasan=_why(c, a, b, why)
                        )
                    )
            elif why == SAME_NIK and _order(other) < _order(me):
                earlier = _where(rows[int(other[1:])])
                if first_row.setdefault(me, earlier) == earlier:
                    row.issues.append(iss.error(codes.DUP_NIK_FILE, "nik", baris=earlier))
            elif why != SAME_NIK and _order(other) < _order(me) and me not in warned:
                warned.add(me)
                row.issues.append(
                    iss.warning(
                        codes.DUP_POSSIBLE,
                        "nama",
                        lain=f"baris {_where(rows[int(other[1:])])}",
                        alasan=_why(c, a, b, why),
                    )
                )


def _where(row: CleanRow) -> str:
    """A row as the user finds it: its number, and its sheet when several were checked."""
    return f"{row.number} ({row.sheet})" if row.sheet else str(row.number)


def _why(c: Cluster, a: str, b: str, why: str) -> str:
    """The reason with the scorer's explanation: fields that agreed and disagreed, and the score."""
    verdict = c.scores.get((a, b))
    return REASON_TEXT[why][0] + (f" ({verdict.explain()})" if verdict else "")


def _order(member: str) -> int:
    return int(member[1:]) if member.startswith("r") else 1 << 40
