"""The desa (and kecamatan) a list names only in its title, above the table.

Many desa lists have no DESA column: the desa is written once, in the title block ("DAFTAR PEKERJA
RENTAN DESA SUKAMAJU KECAMATAN MUARA ANCALONG TAHUN 2025", or a "DESA : SUKAMAJU" line of a form).
Every row of such a sheet belongs to that desa. The title is read once per sheet, never per row;
the dry run shows what was read so that the user can confirm it or name another desa.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rentan_desktop.legacy.cleaning import text
from rentan_desktop.legacy.regions import ACCEPT, EXACT, RegionIndex

# Words that end a place name in a title: the next level, a year, a period, a unit below the desa.
_STOP = (
    r"KECAMATAN|KEC|KABUPATEN|KAB|KOTA|PROVINSI|PROV|TAHUN|TH|THN|TA|PERIODE|BULAN|"
    r"RT|RW|DUSUN|DSN|LINGKUNGAN|SUMBER|DANA|PROGRAM|UNTUK|YANG|DAN|\d{4}"
)
_NAME = r"[:.]?\s*(?P<name>[A-Z][A-Z0-9'\- ]*?)\s*(?=\b(?:" + _STOP + r")\b|[,;()/]|$)"
_DESA = re.compile(
    r"\b(?:DESA\s*/\s*KELURAHAN|KELURAHAN\s*/\s*DESA|DESA|KELURAHAN|KEL|DS)\b" + _NAME
)
_KECAMATAN = re.compile(r"\b(?:KECAMATAN|KEC)\b" + _NAME)
_TRAILING_NUMBER = re.compile(r"(\s+\d+)+$")
#: Titles name the desa's government or the fund, not a desa: "PEMERINTAH DESA", "DANA DESA".
_NOT_A_NAME = frozenset({"", "DAN", "SE", "SETEMPAT", "TERSEBUT", "INI"})


@dataclass(frozen=True)
class TitlePlace:
    """The desa and kecamatan a sheet's title block names, as written (None when it names none).

    ``desa_from``: where the desa was read, "judul" (the title) or "sheet" (the sheet's name, for
    workbooks with one sheet per desa named after it).
    """

    desa: str | None = None
    kecamatan: str | None = None
    desa_from: str = "judul"


def _names(pattern: re.Pattern[str], line: str) -> list[str]:
    out = []
    for m in pattern.finditer(line):
        name = _TRAILING_NUMBER.sub("", m.group("name")).strip(" .-'")
        if name not in _NOT_A_NAME and len(name) >= 3:
            out.append(name)
    return out


def title_lines(rows: Sequence[Sequence[object]]) -> list[str]:
    """The text of each row above the header, cells joined (a label and its value may sit in
    two cells: "DESA" | ": SUKAMAJU")."""
    lines = []
    for row in rows:
        words: list[str] = []
        for c in row:
            # A merged title cell was copied into every cell of its range: read it once.
            if isinstance(c, str) and c.strip() and (not words or words[-1] != text(c)):
                words.append(text(c))
        if words:
            lines.append(" ".join(words).upper())
    return lines


def read_title(
    lines: Sequence[str], regions: RegionIndex | None, sheet_name: str | None = None
) -> TitlePlace:
    """The desa and kecamatan a title block names.

    A kecamatan is kept only when it is one of the region list's (a wrong guess would refuse
    every row); among the desa named, the first the region list knows wins, else the first
    written (its rows then say the name is unknown, and the user names the right one). Without a
    desa in the title, a sheet named exactly after a desa of the list names it.
    """
    kec_written: str | None = None
    kec_kode: str | None = None
    desa_found: list[str] = []
    for line in lines:
        for name in _names(_KECAMATAN, line):
            if kec_written is None and regions is not None:
                m = regions.kecamatan(name)
                if m.region is not None and m.score >= ACCEPT:
                    kec_written, kec_kode = name, m.region.kode
        # "KECAMATAN X" must not be read as the desa "CAMATAN X": desa words are looked for in
        # the line with its kecamatan part left out.
        desa_found += _names(_DESA, _KECAMATAN.sub(" ", line))
    desa: str | None = None
    if desa_found:
        desa = desa_found[0]
        if regions is not None:
            desa = next((d for d in desa_found if _known_desa(regions, d, kec_kode)), desa_found[0])
        return TitlePlace(desa, kec_written)
    if sheet_name and regions is not None:
        name = sheet_name.strip().upper()
        for prefix in ("DESA ", "DS. ", "DS ", "KELURAHAN "):
            name = name.removeprefix(prefix)
        m = regions.desa(name, kec_kode)
        if m.region is not None and m.score >= EXACT:
            return TitlePlace(name, kec_written, "sheet")
    return TitlePlace(None, kec_written)


def _known_desa(regions: RegionIndex, name: str, kecamatan_kode: str | None) -> bool:
    m = regions.desa(name, kecamatan_kode)
    return m.region is not None and m.score >= ACCEPT
