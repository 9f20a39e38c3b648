"""Cleaning a whole legacy row: every mapped cell through its cleaner, regions resolved, NIK checked.

A 150,000-row file repeats the same desa names, RT/RW strings, places, dates and L/P spellings tens of
thousands of times, so the cleaner keeps, for each field, the result of every distinct cell text it
has seen (:class:`Memo`): the cleaners of one cell are pure, and their issues are frozen values that
rows can share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from rentan_desktop.domain import issues as iss
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.region_code import kecamatan_of
from rentan_desktop.legacy import cleaning as cl
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.dates import parse_text
from rentan_desktop.legacy.memo import Memo
from rentan_desktop.legacy.people import plain, read_marks
from rentan_desktop.legacy.regions import EXACT, RegionIndex, RegionMatch
from rentan_desktop.legacy.values import (
    ACTIVE,
    HOW_FALLBACK,
    HOW_FUZZY,
    MAPPABLE,
    SEXES,
    STATUSES,
    ValueMatch,
    ValueMatcher,
    match_sex,
    norm_value,
    sex_matcher,
    status_matcher,
)

#: Where an issue of a derived field points when the value came from a combined column.
_DERIVED = {
    "tempat_lahir": "ttl",
    "tanggal_lahir": "ttl",
    "rt": "rt_rw",
    "rw": "rt_rw",
    "desa_kode": "desa",
    "pekerjaan_kode": "pekerjaan",
    "sumber_dana_id": "sumber_dana",
}
_TEXT_FIELDS = ("alamat", "pekerjaan", "operator", "notes", "sumber_dana")
_CELL_FIELDS = ("nik", "no_kk", "ttl", "tanggal_lahir", "no_hp")  # cleaned from the cell itself


@dataclass(slots=True)  # no per-row __dict__: a big file holds 150,000 of these
class CleanRow:
    """One source row after cleaning.

    Attributes:
        number: 1-based row number in the sheet (what the user sees in Excel).
        key: stable identity of the source row, used to make re-imports idempotent.
        values: clean field values (None when missing or unusable).
        raw: the source text of each mapped field, for the report.
        issues: problems found; errors keep the row out of the database.
        nik_digits: 16 digits read from the NIK cell even when invalid or damaged (for matching).
        cluster: duplicate cluster id, once matching ran.
    """

    number: int
    key: str
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    nik_digits: str | None = None
    cluster: int | None = None
    sheet: str | None = None  # set when several sheets (one per desa) are checked in one run

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)


def cell_of(issue_field: str | None) -> str | None:
    """The source field (column) an issue about ``issue_field`` is about: one problem per cell."""
    if issue_field is None:
        return None
    return _DERIVED.get(issue_field, issue_field)


def column_of(issue_field: str | None, columns: Mapping[str, int]) -> int | None:
    """Source column index an issue about ``issue_field`` belongs to."""
    if issue_field is None:
        return None
    if issue_field in columns:
        return columns[issue_field]
    derived = _DERIVED.get(issue_field)
    return columns.get(derived) if derived else None


def _region_issue(kind: str, m: RegionMatch) -> Issue | None:
    fuzzy, unknown = (
        (codes.DESA_FUZZY, codes.DESA_UNKNOWN)
        if kind == "desa"
        else (codes.KEC_FUZZY, codes.KEC_UNKNOWN)
    )
    if m.ambiguous and m.region is None:
        pilihan = ", ".join(f"{r.nama} ({r.kode})" for r in m.ambiguous[:4])
        return iss.error(codes.DESA_AMBIGUOUS, kind, nilai=m.written, pilihan=pilihan)
    if m.region is None or m.score < 85:
        if kind == "kecamatan":
            return iss.error(unknown, kind, nilai=m.written)
        return iss.error(unknown, kind, nilai=m.written, saran="")
    if m.score < EXACT:
        return iss.warning(
            fuzzy, kind, nilai=m.written, nama=m.region.nama, kode=m.region.kode, skor=int(m.score)
        )
    return None


def _shared(cleaned: tuple[Any, list[Issue]]) -> tuple[Any, tuple[Issue, ...]]:
    """A cleaner's (value, issues) with the issues frozen into a tuple that rows can share."""
    return cleaned[0], tuple(cleaned[1])


def _name_cell(raw: str) -> tuple[str | None, tuple[Issue, ...], str | None]:
    """Clean name, its issues (a death marker, titles), and the name to match on when titles
    were removed (None when it is the clean name itself)."""
    value, found = cl.clean_name(raw)
    if not value or plain(value):
        return value, tuple(found), None
    marks = read_marks(value)
    if marks.deceased:
        found.append(iss.error(codes.NAME_DECEASED, "nama", nilai=raw))
    if marks.titles:
        found.append(iss.warning(codes.NAME_TITLE, "nama", gelar=marks.titles, nama=marks.name))
    return value, tuple(found), (marks.name if marks.name != value else None)


def _sex_cell(matcher: ValueMatcher, raw: str) -> tuple[str | None, tuple[Issue, ...]]:
    """L/P: the user's mapping, the usual spellings, then the synonym table and fuzzy matching."""
    m = match_sex(matcher, raw)
    if m.code is None:
        return None, (iss.error(codes.SEX_INVALID, "jenis_kelamin", nilai=raw or "-"),)
    if m.how == HOW_FUZZY:
        return m.code, (value_issue("jenis_kelamin", m, SEXES),)
    return m.code, ()


def _status_cell(matcher: ValueMatcher, raw: str) -> tuple[str | None, tuple[Issue, ...]]:
    """What a STATUS cell says: AKTIF (registered), or MENINGGAL/PINDAH/NONAKTIF (refused, with
    the score of the reading); a word nothing matches counts as AKTIF with a warning."""
    if not norm_value(raw):
        return None, ()
    m = matcher.match(raw)
    if m.how == HOW_FALLBACK or m.code is None:
        return ACTIVE, (iss.warning(codes.STATUS_UNKNOWN, "status", nilai=raw),)
    if m.code == ACTIVE:
        return ACTIVE, ((value_issue("status", m, STATUSES),) if m.how == HOW_FUZZY else ())
    meaning = STATUSES[m.code].lower()
    return m.code, (
        iss.error(codes.STATUS_INACTIVE, "status", nilai=raw, arti=meaning, skor=m.score),
    )


def value_issue(field: str, m: ValueMatch, labels: Mapping[str, str]) -> Issue:
    """The warning of a value matched by similarity, with its score."""
    return iss.warning(
        codes.VALUE_FUZZY,
        field,
        kolom=MAPPABLE.get(field, field),
        nilai=m.written,
        kode=m.code,
        nama=labels.get(m.code or "", ""),
        skor=m.score,
    )


def _rtrw(raw: str) -> tuple[str | None, str | None, tuple[Issue, ...]]:
    rt, rw, found = cl.split_rtrw(raw)
    return rt, rw, tuple(found)


class RowCleaner:
    """Cleans rows of one sheet under one mapping (caches live as long as the cleaner)."""

    def __init__(
        self,
        columns: Mapping[str, int],
        regions: RegionIndex,
        *,
        kecamatan_kode: str | None = None,
        today: date | None = None,
        values: Mapping[str, Mapping[str, str]] | None = None,
        desa: str = "",
        kecamatan: str = "",
    ) -> None:
        self.columns = dict(columns)
        # The desa and kecamatan of a sheet that has no such column (its title names them, or
        # the user did): every row's, where the row's own cell says nothing.
        self._desa_default = "" if "desa" in self.columns else desa
        self._kec_default = "" if "kecamatan" in self.columns else kecamatan
        self.regions = regions
        self.kecamatan_kode = kecamatan_kode
        self.today = today or date.today()
        self._items = tuple(self.columns.items())
        has = self.columns.__contains__
        self._texts = tuple(f for f in _TEXT_FIELDS if has(f))
        self._rt_fields = tuple(f for f in ("rt", "rw") if has(f))
        self._at = {f: self.columns[f] for f in _CELL_FIELDS if has(f)}
        self._width = max(self.columns.values(), default=-1) + 1
        self._has_birth = has("ttl") or has("tempat_lahir") or has("tanggal_lahir")
        self._ttl_only = has("ttl") and not has("tempat_lahir") and not has("tanggal_lahir")
        # The memos' functions never refer back to the cleaner: no reference cycle keeps a
        # file's worth of memos alive after the check, waiting for a full collection.
        today_ = self.today
        self._nik = cl.NikCleaner(today_)
        self._name = Memo(_name_cell)
        self._mother = Memo(lambda raw: _shared(cl.clean_name(raw, "nama_ibu")))
        self._sex = Memo(partial(_sex_cell, sex_matcher((values or {}).get("jenis_kelamin"))))
        self._status = Memo(partial(_status_cell, status_matcher((values or {}).get("status"))))
        self._place = place = Memo(lambda raw: _shared(cl.clean_place(raw)))
        self._ttl_place = Memo(lambda raw: place[raw.strip(" ,/;-")])
        self._date = Memo(lambda raw: _shared(cl.clean_date(raw, "tanggal_lahir", today_)))
        self._ttl_date = Memo(partial(_tail_date, today_))
        self._rtrw = Memo(_rtrw)
        self._rt = {f: Memo(lambda raw, f=f: _shared(cl.clean_rt(raw, f))) for f in ("rt", "rw")}
        self._text = Memo(cl.clean_text)
        self._kk = _kk_cell
        origin = "kolom KECAMATAN" if "kecamatan" in self.columns else "judul tabel"
        self._where = Memo(partial(_resolve_region, regions, kecamatan_kode, origin))

    def clean(self, row: Sequence[object], number: int, key: str) -> CleanRow:
        """Clean one source row."""
        if len(row) < self._width:  # a cell past the end of a short row reads as None
            row = [*row, *[None] * (self._width - len(row))]
        text = cl.text
        raw = {name: c.strip() if type(c := row[i]) is str else text(c) for name, i in self._items}
        at = self._at
        v: dict[str, object] = {}
        found: list[Issue] = []
        v["nama"], f, match_name = self._name[raw.get("nama", "")]
        found += f
        if match_name is not None:
            v["nama_cocok"] = match_name
        if self._ttl_only:
            self._ttl(row[at["ttl"]], v, found)
        elif self._has_birth:
            self._birth(
                row[at["ttl"]] if "ttl" in at else None,
                raw.get("tempat_lahir", ""),
                row[at["tanggal_lahir"]] if "tanggal_lahir" in at else None,
                v,
                found,
            )
        sex = None
        if "jenis_kelamin" in raw:
            sex, f = self._sex[raw["jenis_kelamin"]]
            v["jenis_kelamin"] = sex
            found += f
        raw_nik = row[at["nik"]] if "nik" in at else None
        birth = v.get("tanggal_lahir")
        v["nik"], f = self._nik(raw_nik, birth if isinstance(birth, date) else None, sex)
        found += f
        # Matching still needs the digits of an invalid or damaged NIK.
        digits = v["nik"] or cl.nik_digits(raw_nik) or _float_digits(raw_nik)
        if raw.get("no_kk"):
            v["no_kk"], f = self._kk(row[at["no_kk"]])
            found += f
            if v["no_kk"] is not None and v["no_kk"] == digits:
                v["no_kk"] = None  # a copied NIK is no family card number: never stored
                found.append(iss.warning(codes.KK_IS_NIK, "no_kk"))
        if raw.get("kpj"):
            v["kpj"] = raw["kpj"].lstrip("'") or None
        if "nama_ibu" in raw:
            v["nama_ibu"], f = self._mother[raw["nama_ibu"]]
            found += f
        if "rt_rw" in raw:
            v["rt"], v["rw"], f = self._rtrw[raw["rt_rw"]]
            found += f
        for name in self._rt_fields:
            v[name], f = self._rt[name][raw[name]]
            found += f
        if "no_hp" in at:
            phone = row[at["no_hp"]]
            if _lost_zero(phone):
                v["no_hp"], f = cl.clean_phone(phone)
                found += f
                if v["no_hp"]:
                    found.append(
                        iss.warning(
                            codes.PHONE_NUMBER, "no_hp", nilai=text(phone), nomor=v["no_hp"]
                        )
                    )
            elif type(phone) is str and (plain := cl.plain_phone(phone.strip())) is not None:
                v["no_hp"] = plain  # what clean_phone returns for it, without the call chain
            else:
                v["no_hp"], f = cl.clean_phone(phone)
                found += f
        for name in self._texts:
            v[name] = self._text[raw[name]]
        if "status" in raw:
            v["status"], f = self._status[raw["status"]]
            found += f
        where, f = self._where[
            raw.get("kecamatan", "") or self._kec_default, raw.get("desa", "") or self._desa_default
        ]
        v.update(where)
        found += f
        return CleanRow(number, key, v, raw, found, digits)  # type: ignore[arg-type]

    def _ttl(self, value: object, v: dict[str, object], found: list[Issue]) -> None:
        """Place and date of birth from a TTL column (the sheet has no separate birth columns)."""
        if type(value) is str:
            place, sep, tail = value.strip().rpartition(",")
            # The usual "PLACE, DATE": split without a regex, both halves looked up.
            if sep and (dated := self._ttl_date[tail]) is not None:
                v["tempat_lahir"], f = self._ttl_place[place]
                found += f
                v["tanggal_lahir"], f = dated
                found += f
                return
        self._birth(value, "", None, v, found)

    def _birth(
        self, ttl: object, place: object, when: object, v: dict[str, object], found: list[Issue]
    ) -> None:
        """Place and date of birth from whichever of TTL, TEMPAT LAHIR and TANGGAL LAHIR the
        sheet has (a separate column wins over the TTL's half)."""
        cols = self.columns
        if "ttl" in cols:
            ttl_place, ttl_date = cl.split_ttl(ttl, self.today)
            place = place if "tempat_lahir" in cols else ttl_place
            when = when if "tanggal_lahir" in cols else ttl_date
        if "tempat_lahir" in cols or "ttl" in cols:
            if type(place) is str:
                v["tempat_lahir"], f = self._place[place]
            else:
                v["tempat_lahir"], f = cl.clean_place(place)
            found += f
        if "tanggal_lahir" in cols or "ttl" in cols:
            if type(when) is str:
                v["tanggal_lahir"], f = self._date[when]
            else:
                v["tanggal_lahir"], f = cl.clean_date(when, today=self.today)
            found += f


_KK_SPREADSHEET = frozenset({"id.numeric", "id.scientific", "id.float_suffix"})


def _kk_cell(value: object) -> tuple[str | None, list[Issue]]:
    """KK digits and issues. KK is optional, so a KK the spreadsheet stored as a number never
    refuses the person: kept with a warning when its sixteen digits are intact (Excel keeps 15
    significant digits, so a 16th digit other than 0 was not cut), otherwise not stored, with a
    warning to retype it from the family card."""
    if type(value) is str and len(value) == 16 and value.isdigit():
        return value, []  # the usual clean cell, without a call chain
    if type(value) is float or type(value) is int:
        digits = f"{value:.0f}" if value == int(value) else ""
        if len(digits) == 16 and digits[-1] != "0":
            return digits, [iss.warning(codes.KK_NUMBER, "no_kk", nomor=digits)]
        return None, [iss.warning(codes.KK_DAMAGED, "no_kk", nilai=cl.text(value))]
    kk, found = cl.clean_kk(value)
    if kk is None and any(i.code in _KK_SPREADSHEET for i in found):
        return None, [iss.warning(codes.KK_DAMAGED, "no_kk", nilai=cl.text(value))]
    return kk, found


def _lost_zero(phone: object) -> bool:
    """A mobile number that a spreadsheet kept as a number: 81234567890 (the 0 is gone)."""
    if type(phone) is str:
        return phone[:1] == "8" and phone.strip().isdigit()
    if isinstance(phone, bool) or not isinstance(phone, int | float):
        return False
    # 8xx…: the 0 is gone; a 62-prefixed number stored as a number kept its digits.
    return phone >= 8e8 and f"{phone:.0f}"[:1] == "8"


def _tail_date(today: date, tail: str) -> tuple[date, tuple[Issue, ...]] | None:
    """The clean date of the text after a TTL's last comma, None when it is not a date."""
    written = tail.strip()
    parsed = parse_text(written.upper(), today)  # what parse_date(tail) does with text
    if parsed.value is None:
        return None
    return parsed.value, tuple(cl.judge_date(parsed, written, "tanggal_lahir", today))


def _resolve_region(
    regions: RegionIndex, kecamatan_kode: str | None, file_origin: str, written: tuple[str, str]
) -> tuple[dict[str, object], tuple[Issue, ...]]:
    """Desa and kecamatan codes (and issues) for one (kecamatan text, desa text) pair."""
    kec_text, desa_text = written
    found: list[Issue] = []
    v: dict[str, object] = {}
    kec_kode = kecamatan_kode
    file_kec: str | None = None
    if kec_text:
        m = regions.kecamatan(kec_text)
        if (issue := _region_issue("kecamatan", m)) is not None:
            found.append(issue)
        if m.region is not None and m.score >= 85:
            kec_kode = file_kec = m.region.kode
    if not desa_text:
        found.append(iss.error(codes.DESA_EMPTY, "desa"))
        v["kecamatan_kode"] = kec_kode
        return v, tuple(found)
    d = regions.desa(desa_text, kec_kode)
    if (issue := _region_issue("desa", d)) is not None:
        found.append(issue)
    if d.region is not None and d.score >= 85:
        # The desa exists, but elsewhere: a wrong desa name or a wrong kecamatan; never guess.
        # Against the file's KECAMATAN column first, then against the office's (or --kecamatan):
        # a kecamatan office registers its own kecamatan's people.
        for expected, origin in (
            (file_kec, file_origin),
            (kecamatan_kode, "kecamatan kantor/impor"),
        ):
            if expected and kecamatan_of(d.region.kode) != expected:
                found.append(
                    iss.error(
                        codes.DESA_OTHER_KEC,
                        "desa",
                        nilai=desa_text,
                        kec_desa=_region_name(regions, kecamatan_of(d.region.kode)),
                        kec_tertulis=_region_name(regions, expected),
                        asal=origin,
                    )
                )
                break
    if d.region is not None and d.score >= 85:
        v["desa_kode"] = d.region.kode
        v["desa_skor"] = d.score
        kec_kode = kecamatan_of(d.region.kode)
    v["kecamatan_kode"] = kec_kode
    return v, tuple(found)


def _region_name(regions: RegionIndex, kode: str) -> str:
    region = regions.by_code.get(kode)
    return f"{region.nama} ({kode})" if region is not None else kode


def _float_digits(value: object) -> str | None:
    """Digits a damaged numeric NIK still shows (6.40801120385E+15 -> 6408011203850000)."""
    if isinstance(value, float) and 1e15 <= value < 1e16:
        return f"{value:.0f}"
    if isinstance(value, str):
        mantissa = value.upper().split("E")[0]
        if sum(ch.isdigit() for ch in mantissa) < 15:
            return None  # "6.40815E+15" kept six digits: nothing left to match on
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return None
        if 1e15 <= number < 1e16:
            return f"{number:.0f}"
    return None
