"""Column mapping: guessed from header names and cell contents, confirmed by the user, saved as a profile."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rentan_desktop.legacy.cleaning import _SEX, text
from rentan_desktop.legacy.dates import DATE_TAIL, looks_like_date
from rentan_desktop.legacy.fields import IGNORED, REPORT_HEADERS, REQUIRED, norm_header
from rentan_desktop.legacy.regions import ACCEPT, RegionIndex
from rentan_desktop.legacy.table import Header, header_field

_SAMPLE = 200
_ID_LIKE = re.compile(
    r"^'?\s*(\d[\d .\-]{13,20}\d|\d(?:[.,]\d+)?E\+?\d+|\d{15,16}[.,]0+)\s*$", re.I
)
_RTRW_LIKE = re.compile(r"^\s*(RT\.?\s*)?\d{1,3}\s*[/\-]\s*(RW\.?\s*)?\d{1,3}\s*$", re.I)
_PHONE_LIKE = re.compile(r"^\s*(\+?62|0)?\s*8[\d\s\-.]{7,14}\s*$")


@dataclass(frozen=True)
class ColumnGuess:
    """One source column: its header, the field it feeds (or "-"), and why."""

    index: int
    header: str
    field: str
    source: str  # "judul" (header), "isi" (contents), "profil", "pengguna" (user) or ""


@dataclass(frozen=True)
class ColumnMap:
    """The mapping of every column of one sheet."""

    columns: tuple[ColumnGuess, ...]

    def field_columns(self) -> dict[str, int]:
        """field -> column index for the mapped columns."""
        return {c.field: c.index for c in self.columns if c.field != IGNORED}

    def missing(self) -> list[str]:
        """Required fields no column feeds (TTL counts for the birth date)."""
        mapped = set(self.field_columns())
        return [f for f in REQUIRED if f not in mapped]

    def with_choice(self, index: int, field_name: str) -> ColumnMap:
        """A copy where the user set column ``index`` to ``field_name`` ("-" to ignore it)."""
        cols = []
        for c in self.columns:
            if c.index == index:
                c = replace(c, field=field_name, source="pengguna")
            elif c.field == field_name and field_name != IGNORED:
                c = replace(c, field=IGNORED, source="")  # one column per field
            cols.append(c)
        return ColumnMap(tuple(cols))


@dataclass(frozen=True)
class Profile:
    """A saved mapping for one source ("Desa Singa Gembara 2024"): header text -> field."""

    name: str
    by_header: Mapping[str, str] = field(default_factory=dict)
    sheet: str | None = None
    kecamatan_kode: str | None = None
    #: field -> written value (normalised) -> code, the user's answers to the value step.
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_mapping(
        cls,
        name: str,
        mapping: ColumnMap,
        sheet: str | None = None,
        kecamatan_kode: str | None = None,
        values: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Profile:
        by_header = {norm_header(c.header) or f"#{c.index}": c.field for c in mapping.columns}
        return cls(
            name, by_header, sheet, kecamatan_kode, {k: dict(v) for k, v in (values or {}).items()}
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "by_header": dict(self.by_header),
            "sheet": self.sheet,
            "kecamatan_kode": self.kecamatan_kode,
            "values": {k: dict(v) for k, v in self.values.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Profile:
        by_header = data.get("by_header") or {}
        assert isinstance(by_header, dict)
        return cls(
            str(data["name"]),
            {str(k): str(v) for k, v in by_header.items()},
            _opt(data.get("sheet")),
            _opt(data.get("kecamatan_kode")),
            _value_maps(data.get("values")),
        )


def _value_maps(data: object) -> dict[str, dict[str, str]]:
    """The saved value mappings (profiles saved before they existed have none)."""
    if not isinstance(data, dict):
        return {}
    return {
        str(f): {str(k): str(v) for k, v in m.items()}
        for f, m in data.items()
        if isinstance(m, dict)
    }


def _opt(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _share(values: Sequence[object], test: object) -> float:
    assert callable(test)
    hits = sum(1 for v in values if test(v))
    return hits / len(values) if values else 0.0


def guess_from_contents(
    values: Sequence[object], taken: set[str], regions: RegionIndex | None
) -> str | None:
    """The field a column's contents look like, skipping fields already taken."""
    values = [v for v in values if text(v)][:_SAMPLE]
    if len(values) < 3:
        return None

    def free(f: str) -> bool:
        return f not in taken

    def id_like(v: object) -> bool:
        return (isinstance(v, float) and v >= 1e14) or bool(_ID_LIKE.match(text(v)))

    if _share(values, id_like) >= 0.6:
        return "nik" if free("nik") else ("no_kk" if free("no_kk") else None)
    if (
        free("jenis_kelamin")
        and _share(values, lambda v: re.sub(r"[^A-Z0-9]", "", text(v).upper()) in _SEX) >= 0.8
    ):
        return "jenis_kelamin"
    if free("rt_rw") and _share(values, lambda v: bool(_RTRW_LIKE.match(text(v)))) >= 0.6:
        return "rt_rw"
    if (
        free("ttl")
        and _share(
            values,
            lambda v: (
                isinstance(v, str)
                and bool(DATE_TAIL.search(v))
                and bool(re.match(r"\s*[A-Za-z]", v))
            ),
        )
        >= 0.6
    ):
        return "ttl"
    if free("tanggal_lahir") and _share(values, looks_like_date) >= 0.6:
        return "tanggal_lahir"
    if free("no_hp") and _share(values, lambda v: bool(_PHONE_LIKE.match(text(v)))) >= 0.6:
        return "no_hp"
    if regions is not None:
        kec = _share(values, lambda v: regions.kecamatan(text(v)).score >= ACCEPT)
        desa = _share(values, lambda v: regions.desa(text(v)).score >= ACCEPT)
        if max(kec, desa) >= 0.6:
            f = "kecamatan" if kec > desa else "desa"
            return f if free(f) else None
    return None


def guess_mapping(
    header: Header,
    rows: Sequence[Sequence[object]],
    *,
    profile: Profile | None = None,
    regions: RegionIndex | None = None,
) -> ColumnMap:
    """Map every column: a profile's choice first, then the header name, then the contents.

    Args:
        header: the detected header.
        rows: data rows (used for content guesses; a sample is enough).
        profile: a saved profile for this source, if the user picked one.
        regions: the region index, to recognise desa/kecamatan columns without a header.
    """
    cols: list[ColumnGuess] = []
    taken: set[str] = set()
    for i, label in enumerate(header.labels):
        key = norm_header(label) or f"#{i}"
        chosen, source = None, ""
        if profile is not None and key in profile.by_header:
            chosen, source = profile.by_header[key], "profil"
        elif (hit := header_field(label)) is not None:
            chosen, source = hit, "judul"
        if key in REPORT_HEADERS:
            chosen, source = IGNORED, "laporan"
        if chosen is not None and chosen != IGNORED and chosen in taken:
            chosen, source = None, ""  # second "NAMA"-like column: leave it for the user
        cols.append(ColumnGuess(i, label, chosen or IGNORED, source))
        if chosen and chosen != IGNORED:
            taken.add(chosen)
    sample = rows[:_SAMPLE]
    for n, c in enumerate(cols):
        if c.field != IGNORED or c.source in ("profil", "laporan"):
            continue
        values = [r[c.index] for r in sample if c.index < len(r)]
        hit = guess_from_contents(values, taken, regions)
        if hit is not None:
            cols[n] = replace(c, field=hit, source="isi")
            taken.add(hit)
    return ColumnMap(tuple(cols))
