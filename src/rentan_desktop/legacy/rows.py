"""Cleaning a whole legacy row: every mapped cell through its cleaner, regions resolved, NIK checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from rentan_desktop.domain import issues as iss
from rentan_desktop.domain.issues import Issue
from rentan_desktop.legacy import cleaning as cl
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.regions import EXACT, RegionIndex, RegionMatch

#: Where an issue of a derived field points when the value came from a combined column.
_DERIVED = {
    "tempat_lahir": "ttl",
    "tanggal_lahir": "ttl",
    "rt": "rt_rw",
    "rw": "rt_rw",
    "desa_kode": "desa",
    "pekerjaan_kode": "pekerjaan",
}


@dataclass
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

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)


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


class RowCleaner:
    """Cleans rows of one sheet under one mapping (caches live as long as the cleaner)."""

    def __init__(
        self,
        columns: Mapping[str, int],
        regions: RegionIndex,
        *,
        kecamatan_kode: str | None = None,
        today: date | None = None,
    ) -> None:
        self.columns = dict(columns)
        self.regions = regions
        self.kecamatan_kode = kecamatan_kode
        self.today = today or date.today()

    def clean(self, row: Sequence[object], number: int, key: str) -> CleanRow:
        """Clean one source row."""
        width = len(row)
        cells = {name: row[i] if i < width else None for name, i in self.columns.items()}
        raw = {name: cl.text(c) for name, c in cells.items()}
        out = CleanRow(number, key, raw=raw)
        v, found = out.values, out.issues
        v["nama"], f = cl.clean_name(raw.get("nama", ""))
        found += f
        self._birth(cells, raw, out)
        if "jenis_kelamin" in cells:
            v["jenis_kelamin"], f = cl.clean_sex(raw["jenis_kelamin"])
            found += f
        raw_nik = cells.get("nik")
        birth, sex = v.get("tanggal_lahir"), v.get("jenis_kelamin")
        v["nik"], f = cl.clean_nik(
            raw_nik,
            birth=birth if isinstance(birth, date) else None,
            sex=sex if isinstance(sex, str) else None,
            today=self.today,
        )
        found += f
        # Matching still needs the digits of an invalid or damaged NIK.
        out.nik_digits = v["nik"] or cl.nik_digits(raw_nik) or _float_digits(raw_nik)  # type: ignore[assignment]
        if raw.get("no_kk"):
            v["no_kk"], f = cl.clean_kk(cells["no_kk"])
            found += f
        if raw.get("kpj"):
            v["kpj"] = raw["kpj"].lstrip("'") or None
        if "nama_ibu" in cells:
            v["nama_ibu"], f = cl.clean_name(raw["nama_ibu"], "nama_ibu")
            found += f
        if "rt_rw" in cells:
            v["rt"], v["rw"], f = cl.split_rtrw(raw["rt_rw"])
            found += f
        for name in ("rt", "rw"):
            if name in cells:
                v[name], f = cl.clean_rt(raw[name], name)
                found += f
        if "no_hp" in cells:
            v["no_hp"], f = cl.clean_phone(cells["no_hp"])
            found += f
        for name in ("alamat", "pekerjaan", "operator", "notes"):
            if name in cells:
                v[name] = cl.clean_text(raw[name])
        self._region(raw, out)
        return out

    def _birth(self, cells: dict[str, object], raw: dict[str, str], out: CleanRow) -> None:
        place: object = raw.get("tempat_lahir", "")
        when: object = cells.get("tanggal_lahir")
        if "ttl" in cells:
            ttl_place, ttl_date = cl.split_ttl(cells["ttl"], self.today)
            place = place if "tempat_lahir" in cells else ttl_place
            when = when if "tanggal_lahir" in cells else ttl_date
        if "tempat_lahir" in cells or "ttl" in cells:
            out.values["tempat_lahir"], f = cl.clean_place(place)
            out.issues.extend(f)
        if "tanggal_lahir" in cells or "ttl" in cells:
            out.values["tanggal_lahir"], f = cl.clean_date(when, today=self.today)
            out.issues.extend(f)

    def _region(self, raw: dict[str, str], out: CleanRow) -> None:
        kec_kode = self.kecamatan_kode
        kec_text = raw.get("kecamatan", "")
        if kec_text:
            m = self.regions.kecamatan(kec_text)
            if (issue := _region_issue("kecamatan", m)) is not None:
                out.issues.append(issue)
            if m.region is not None and m.score >= 85:
                kec_kode = m.region.kode
        desa_text = raw.get("desa", "")
        if not desa_text:
            out.issues.append(iss.error(codes.DESA_EMPTY, "desa"))
            out.values["kecamatan_kode"] = kec_kode
            return
        d = self.regions.desa(desa_text, kec_kode)
        if (issue := _region_issue("desa", d)) is not None:
            out.issues.append(issue)
        if d.region is not None and d.score >= 85:
            out.values["desa_kode"] = d.region.kode
            out.values["desa_skor"] = d.score
            kec_kode = d.region.kode[:6]
        out.values["kecamatan_kode"] = kec_kode


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
