"""Matching desa and kecamatan names written by hand to Kemendagri codes, with the score shown.

Names are compared after removing the words people prefix them with ("DESA", "KEL.", "KECAMATAN") and
old spellings; the best candidate is searched within the kecamatan when it is known, within the office's
kabupaten otherwise. Results are cached per distinct spelling: a 150,000-row file has a few hundred.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from rentan_desktop.domain.region_code import kecamatan_of

EXACT, ACCEPT = 100.0, 85.0
_PREFIX = re.compile(
    r"^(DESA|DS|KELURAHAN|KEL|KEC|KECAMATAN|KAMPUNG|KP|KAB|KABUPATEN|KOTA)\b\.?\s*", re.IGNORECASE
)
_SPELLING = (("OE", "U"), ("DJ", "J"), ("TJ", "C"), ("SJ", "SY"), ("CH", "KH"))


@dataclass(frozen=True)
class Region:
    """One Kemendagri region: 10-digit desa, 6-digit kecamatan or 4-digit kabupaten code."""

    kode: str
    nama: str
    level: int
    induk: str | None


@dataclass(frozen=True)
class RegionMatch:
    """The outcome of matching a written name: the region (if any), score and alternatives."""

    written: str
    region: Region | None
    score: float
    ambiguous: tuple[Region, ...] = ()

    @property
    def exact(self) -> bool:
        return self.region is not None and self.score >= EXACT


def key(name: str) -> str:
    """Comparison key of a region name: upper case, prefixes and punctuation removed."""
    text = re.sub(r"[^A-Z0-9 ]", " ", name.upper())
    text = re.sub(r"\s+", " ", text).strip()
    while (stripped := _PREFIX.sub("", text)) != text:
        text = stripped
    for old, new in _SPELLING:
        text = text.replace(old, new)
    return text


class RegionIndex:
    """Desa and kecamatan of one area (a kabupaten or a province) for fuzzy name matching."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self.by_code: dict[str, Region] = {}
        self._kec: list[Region] = []
        self._desa_by_kec: dict[str, list[Region]] = defaultdict(list)
        self._desa: list[Region] = []
        for r in regions:
            self.by_code[r.kode] = r
            if r.level == 3:
                self._kec.append(r)
            elif r.level == 4:
                self._desa.append(r)
                self._desa_by_kec[kecamatan_of(r.kode)].append(r)
        self._kec_keys = [key(r.nama) for r in self._kec]
        self._desa_keys = [key(r.nama) for r in self._desa]
        self._kec_cache = lru_cache(maxsize=4096)(self._match_kec)
        self._desa_cache = lru_cache(maxsize=65536)(self._match_desa)

    def kecamatan(self, written: str) -> RegionMatch:
        """Best kecamatan for a written name."""
        return self._kec_cache(written.strip())

    def desa(self, written: str, kecamatan_kode: str | None = None) -> RegionMatch:
        """Best desa/kelurahan for a written name, inside ``kecamatan_kode`` when given."""
        return self._desa_cache(written.strip(), kecamatan_kode)

    def _match_kec(self, written: str) -> RegionMatch:
        return _best(written, self._kec, self._kec_keys)

    def _match_desa(self, written: str, kecamatan_kode: str | None) -> RegionMatch:
        if kecamatan_kode and kecamatan_kode in self._desa_by_kec:
            pool = self._desa_by_kec[kecamatan_kode]
            found = _best(written, pool, [key(r.nama) for r in pool])
            if found.region is not None and found.score >= ACCEPT:
                return found
            # Written desa not in that kecamatan: look everywhere (a wrong kecamatan is common).
        return _best(written, self._desa, self._desa_keys)


def _best(written: str, pool: list[Region], keys: list[str]) -> RegionMatch:
    wanted = key(written)
    if not wanted or not pool:
        return RegionMatch(written, None, 0.0)
    exact = [r for r, k in zip(pool, keys, strict=True) if k == wanted]
    if len(exact) == 1:
        return RegionMatch(written, exact[0], EXACT)
    if len(exact) > 1:
        return RegionMatch(written, None, EXACT, tuple(exact))
    hits = process.extract(wanted, keys, scorer=fuzz.ratio, limit=3, score_cutoff=60)
    if not hits:
        return RegionMatch(written, None, 0.0)
    best_score = hits[0][1]
    top = [pool[i] for _, s, i in hits if s == best_score]
    if len(top) > 1 and len({key(r.nama) for r in top}) == 1:
        return RegionMatch(written, None, round(best_score, 1), tuple(top))
    return RegionMatch(written, pool[hits[0][2]], round(best_score, 1))
