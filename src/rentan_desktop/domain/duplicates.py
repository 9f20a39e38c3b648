"""Possible duplicates: the same person under another NIK or another spelling, scored and explained."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from rentan_desktop.domain import issues, match_score, names
from rentan_desktop.domain.match_score import Verdict, Who

issues.define_all(
    {
        "dup.exact": (
            "NIK ini sudah terdaftar aktif untuk periode {periode}: {nama} ({desa}).",
            "This NIK already has an active registration for {periode}: {nama} ({desa}).",
        ),
        "dup.same_birth_similar_name": (
            "Tanggal lahir sama dan nama mirip ({score}%).",
            "Same birth date and a similar name ({score}%).",
        ),
        "dup.same_desa_similar_name": (
            "Desa sama dan nama sangat mirip ({score}%).",
            "Same desa and a very similar name ({score}%).",
        ),
        "dup.nik_typo": (
            "NIK hanya berbeda {distance} angka dan nama mirip ({score}%).",
            "The NIK differs by {distance} digit(s) and the name is similar ({score}%).",
        ),
        "dup.possible": (
            "Kemungkinan data ganda: {nama}, NIK {nik} — {reasons}",
            "Possible duplicate: {nama}, NIK {nik} — {reasons}",
        ),
        "dup.skor": (
            "Kecocokan: {rincian}.",
            "Match: {rincian}.",
        ),
    }
)


@dataclass(frozen=True)
class Person:
    """What duplicate detection needs to know about one record."""

    key: str  # uuid or row reference
    nik: str
    name_norm: str
    tanggal_lahir: date | None
    desa_kode: str
    nama: str = ""
    no_kk: str | None = None
    jenis_kelamin: str | None = None
    nama_ibu: str | None = None


@dataclass(frozen=True)
class Match:
    """A possible duplicate: name similarity (0-100), reason codes/params, and the scorer's verdict."""

    other: Person
    score: float
    reasons: tuple[tuple[str, dict[str, object]], ...]
    verdict: Verdict | None = None

    def reason_text(self, lang: str | None = None) -> str:
        return "; ".join(issues.text(code, lang, **params) for code, params in self.reasons)

    def reasons_line(self, lang: str | None = None) -> str:
        """Why the candidate may be the same person, as one short line (the form's list and its
        save question): the catalogue sentences without their full stops, joined by dots."""
        return " · ".join(
            issues.text(code, lang, **params).rstrip(".") for code, params in self.reasons
        )


def name_score(a: str, b: str) -> float:
    """Similarity of two normalised names; word order and one missing middle name tolerated."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))


@lru_cache(maxsize=16384)
def _mother_key(nama_ibu: str) -> str | None:
    """A mother's name as the scorer compares it (cached: the same names recur on every save)."""
    mother = names.normalise(nama_ibu)
    return match_score.key(mother) if mother else None


@lru_cache(maxsize=1 << 16)
def _who(p: Person) -> Who:
    # Cached too: an import compares each new row with several others and each of those with
    # several rows in turn (a Person is frozen, so equal records share one entry).
    return Who(
        p.nik or None,
        match_score.key(p.name_norm),
        p.tanggal_lahir,
        p.no_kk or None,
        p.jenis_kelamin or None,
        p.desa_kode or None,
        _mother_key(p.nama_ibu) if p.nama_ibu else None,
    )


def compare(new: Person, other: Person, new_who: Who | None = None) -> Match | None:
    """Why ``other`` may be the same person as ``new`` (the one scorer of
    :mod:`rentan_desktop.domain.match_score`); None when it is not a candidate. ``new_who`` is
    ``new`` as the scorer reads it, when the caller has it already (one per save, not per pair)."""
    if new.key == other.key or (new.nik and new.nik == other.nik):
        return None
    me = new_who or _who(new)
    them = _who(other)
    if not match_score.can_reach(me, them):
        return None  # no name agreement could lift this pair to the threshold: nothing to compare
    if not match_score.names_can_match(me.name, them.name):
        return None  # the NIKs differ here, so `same` needs alike names: no need to score the rest
    verdict = match_score.score(me, them)
    if not verdict.same:
        return None
    similar = round(name_score(new.name_norm, other.name_norm))
    levels = {f: lv for f, lv, _ in verdict.fields}
    reasons: list[tuple[str, dict[str, object]]] = []
    if levels.get("nik") == "beda_satu_angka":
        reasons.append(("dup.nik_typo", {"distance": 1, "score": similar}))
    if levels.get("tanggal_lahir") == "sama":
        reasons.append(("dup.same_birth_similar_name", {"score": similar}))
    elif levels.get("desa") == "sama":
        reasons.append(("dup.same_desa_similar_name", {"score": similar}))
    reasons.append(("dup.skor", {"rincian": verdict.explain(issues.language())}))
    return Match(other=other, score=verdict.score, reasons=tuple(reasons), verdict=verdict)


# Names less alike than this (rapidfuzz WRatio) cannot be the same person's: WRatio scores a name
# held in another ("SITI" in "SITI AMINAH") 90, so the cut-off keeps those for the scorer.
_PREFILTER = 60.0


def find(new: Person, candidates: Iterable[Person]) -> list[Match]:
    """All matches among ``candidates``, best first."""
    pool = list(candidates)
    if len(pool) > 8 and new.name_norm:
        hits = process.extract(
            new.name_norm,
            [c.name_norm for c in pool],
            scorer=fuzz.WRatio,
            score_cutoff=_PREFILTER,
            limit=None,
        )
        pool = [pool[index] for _name, _score, index in hits]
    me = _who(new) if pool else None
    found = [m for c in pool if (m := compare(new, c, me)) is not None]
    return sorted(found, key=lambda m: -m.score)
