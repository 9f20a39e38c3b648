"""Possible duplicates: the same person under another NIK or another spelling, scored and explained."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from rentan_desktop.domain import issues

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
    }
)

BIRTH_NAME_THRESHOLD = 85.0
DESA_NAME_THRESHOLD = 92.0
NIK_TYPO_NAME_THRESHOLD = 80.0


@dataclass(frozen=True)
class Person:
    """What duplicate detection needs to know about one record."""

    key: str  # uuid or row reference
    nik: str
    name_norm: str
    tanggal_lahir: date | None
    desa_kode: str
    nama: str = ""


@dataclass(frozen=True)
class Match:
    """A possible duplicate with its score (0-100) and reason codes/params."""

    other: Person
    score: float
    reasons: tuple[tuple[str, dict[str, object]], ...]

    def reason_text(self, lang: str | None = None) -> str:
        return "; ".join(issues.text(code, lang, **params) for code, params in self.reasons)


def name_score(a: str, b: str) -> float:
    """Similarity of two normalised names; word order and one missing middle name tolerated."""
    if not a or not b:
        return 0.0
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))


def compare(new: Person, other: Person) -> Match | None:
    """Why ``other`` may be the same person as ``new``; None when it is not a candidate."""
    if new.key == other.key or (new.nik and new.nik == other.nik):
        return None
    score = name_score(new.name_norm, other.name_norm)
    reasons: list[tuple[str, dict[str, object]]] = []
    if (
        new.tanggal_lahir
        and new.tanggal_lahir == other.tanggal_lahir
        and score >= BIRTH_NAME_THRESHOLD
    ):
        reasons.append(("dup.same_birth_similar_name", {"score": round(score)}))
    if new.desa_kode and new.desa_kode == other.desa_kode and score >= DESA_NAME_THRESHOLD:
        reasons.append(("dup.same_desa_similar_name", {"score": round(score)}))
    if new.nik and other.nik and len(new.nik) == len(other.nik) == 16:
        distance = Levenshtein.distance(new.nik, other.nik, score_cutoff=2)
        if distance <= 2 and score >= NIK_TYPO_NAME_THRESHOLD:
            reasons.append(("dup.nik_typo", {"distance": distance, "score": round(score)}))
    if not reasons:
        return None
    return Match(other=other, score=score, reasons=tuple(reasons))


# WRatio >= 0.95 x every component of name_score, so this cut-off never drops a pair that
# could reach the lowest threshold; it lets rapidfuzz discard most candidates in C.
_PREFILTER = 0.95 * min(BIRTH_NAME_THRESHOLD, DESA_NAME_THRESHOLD, NIK_TYPO_NAME_THRESHOLD) - 1


def find(new: Person, candidates: Iterable[Person]) -> list[Match]:
    """All matches among ``candidates``, best first."""
    pool = list(candidates)
    if len(pool) > 8 and new.name_norm:
        hits = process.extract(new.name_norm, [c.name_norm for c in pool], scorer=fuzz.WRatio,
                               score_cutoff=_PREFILTER, limit=None)
        pool = [pool[index] for _name, _score, index in hits]
    found = [m for c in pool if (m := compare(new, c)) is not None]
    return sorted(found, key=lambda m: -m.score)
