"""Possible duplicates: same NIK, NIK typos, and the same person under spelling variants.

The work stays near linear: same NIK by grouping; NIKs one substitution or one adjacent swap apart
by hash lookups (every NIK one digit or one adjacent swap away from the row's own), joined
only when the names are alike and the birth dates agree; names by rapidfuzz inside birth-date
blocks, joined only when the NIKs do not contradict it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from rentan_desktop.domain import names

SAME_NIK, NIK_TYPO, NAME_VARIANT = "nik_sama", "nik_mirip", "nama_mirip"
REASON_TEXT = {
    SAME_NIK: ("NIK sama", "same NIK"),
    NIK_TYPO: ("NIK beda satu angka, nama mirip", "NIK one digit apart, similar name"),
    NAME_VARIANT: ("nama mirip, tanggal lahir sama", "similar name, same birth date"),
}
# A typo'd NIK is a duplicate only with a similar name: twins differ by one serial digit.
NIK_TYPO_NAME_MIN = 88.0
NAME_MIN = 90.0
_PHONETIC = (
    ("OE", "U"),
    ("DJ", "J"),
    ("TJ", "C"),
    ("SJ", "SY"),
    ("CH", "KH"),
    ("PH", "F"),
    ("DH", "D"),
    ("TH", "T"),
    ("Q", "K"),
    ("Z", "S"),
    ("V", "F"),
    ("J", "I"),
    ("Y", "I"),
)
# Old spelling wrote Y as J and J as DJ: folding both J and Y to I lets "Tjahjono" meet "Cahyono".
_DOUBLE = re.compile(r"([A-Z])\1+")
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
# names.normalise drops "bin/binti ..." to the end of the name: such names take the slow path.
_PATRONYMIC_WORDS = frozenset({"BIN", "BINTI", "BT", "BN"})


class MatchRecord(NamedTuple):
    """What matching needs of one person (a file row or a stored registrant).

    A named tuple rather than a frozen dataclass: a 150,000-row file builds one per row, and a
    tuple is several times cheaper to make.
    """

    id: str
    nik: str | None
    nama: str
    birth: date | None
    kecamatan: str | None = None


@dataclass
class Cluster:
    """A group of records that may be one person, with the reasons that tied them."""

    id: int
    members: list[str]
    reasons: set[str] = field(default_factory=set)
    edges: list[tuple[str, str, str]] = field(default_factory=list)


@lru_cache(maxsize=262144)
def name_key(nama: str) -> str:
    """Matching key of a name: domain normalisation plus old/variant spelling folded."""
    if _PLAIN.fullmatch(nama) and not _PATRONYMIC_WORDS.intersection(nama.upper().split()):
        # Plain words only: names.normalise works word by word then, so cache per word.
        text = " ".join(w for w in map(_word_key, nama.upper().split()) if w)
    else:
        text = _fold(names.normalise(nama))
    return text


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return _fold(names.normalise(word)) if word not in _PATRONYMIC_WORDS else ""


def _fold(text: str) -> str:
    for old, new in _PHONETIC:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        self.parent.setdefault(a, a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=262144)
def _match_key(nama: str) -> str:
    """:func:`name_key` with its words in sorted order: ``fuzz.ratio`` of two of these is exactly
    ``fuzz.token_sort_ratio`` of the name keys, without re-sorting a name for every pair it is in
    (and ``token_sort_ratio`` of two of these is the same number again)."""
    return " ".join(sorted(name_key(nama).split()))


def _block_pairs(keys: list[str], cutoff: float) -> Iterable[tuple[int, int, float]]:
    """(x, y, score) for the pairs of one block whose names score at least ``cutoff``.

    ``keys`` are :func:`_match_key` forms, so the score is the names' token-sort ratio.
    """
    n = len(keys)
    if n <= 60:  # the usual birth-date block: direct calls beat building a choice list
        ratio = fuzz.ratio
        for x in range(n - 1):
            kx = keys[x]
            for y in range(x + 1, n):
                score = ratio(kx, keys[y], score_cutoff=cutoff)
                if score:
                    yield x, y, score
        return
    for x in range(n - 1):
        for _, score, y in process.extract(
            keys[x], keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            if y > x:
                yield x, y, score


def _births_compatible(a: date | None, b: date | None) -> bool:
    """A NIK typo joins two rows only if their recorded birth dates agree (or one is unknown)."""
    return a is None or b is None or a == b


def _niks_compatible(a: str | None, b: str | None) -> bool:
    """Two valid NIKs more than two digits apart belong to different people, however alike the
    names: the name rule is for rows whose NIK is missing, damaged or mistyped."""
    return not a or not b or OSA.distance(a, b, score_cutoff=3) <= 2


def find_pairs(
    records: Sequence[MatchRecord],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[tuple[str, str, str]]:
    """All (id_a, id_b, reason) pairs of possible duplicates, each pair once with its best reason."""
    found = index_pairs(
        [r.nik for r in records],
        [r.nama for r in records],
        [r.birth for r in records],
        cancelled=cancelled,
    )
    return [(records[a].id, records[b].id, why) for (a, b), why in found.items()]


def index_pairs(
    niks: Sequence[str | None],
    names: Sequence[str],
    births: Sequence[date | None],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[tuple[int, int], str]:
    """:func:`find_pairs` over people given as columns: {(index_a, index_b): reason}, a < b.

    Empty when ``cancelled`` returned True. Columns are what a 150,000-row check already has at
    hand; building one record per row just to match them costs more than the matching.
    """
    # Name keys with their words sorted: token_sort_ratio of two is ratio of the two (see below).
    keys = [_match_key(n) for n in names]
    found: dict[tuple[int, int], str] = {}
    first: dict[str, int] = {}  # NIK -> first record holding it
    again: dict[str, list[int]] = {}  # NIK -> later records holding it
    by_birth: dict[date, list[int]] = defaultdict(list)
    unknown: list[int] = []
    for i, (nik_, born) in enumerate(zip(niks, births, strict=True)):
        if nik_ and first.setdefault(nik_, i) != i:
            again.setdefault(nik_, []).append(i)
        if born is None:
            unknown.append(i)
        elif keys[i]:
            by_birth[born].append(i)
    for nik_ in sorted(again, key=first.__getitem__):
        at = first[nik_]
        for a in again[nik_]:
            found[(at, a)] = SAME_NIK
    # Same recorded birth date: NIK typos and spelling variants are both judged here.
    low = min(NIK_TYPO_NAME_MIN, NAME_MIN)  # the C scorer drops pairs below both thresholds
    for block in by_birth.values():
        if len(block) < 2:
            continue
        if cancelled():
            return {}
        for x, y, score in _block_pairs([keys[i] for i in block], low):
            a, b = block[x], block[y]
            if (a, b) in found:
                continue
            na, nb = niks[a], niks[b]
            if na and nb and OSA.distance(na, nb, score_cutoff=1) <= 1:
                found[(a, b)] = NIK_TYPO
            elif score >= NAME_MIN and _niks_compatible(na, nb):
                found[(a, b)] = NAME_VARIANT
    if unknown:
        _typos_without_birth(niks, keys, unknown, first, again, found)
    return found


def _typos_without_birth(
    niks: Sequence[str | None],
    keys: list[str],
    unknown: list[int],
    first: dict[str, int],
    again: dict[str, list[int]],
    found: dict[tuple[int, int], str],
) -> None:
    """Birth date unreadable in a row: look up every NIK one typo away from its NIK.

    A row has 16 x 9 one-digit typos and at most 15 adjacent swaps of its NIK; looking each up
    (``first``/``again``: the records holding each NIK) is far cheaper than comparing with the
    thousands of rows that share part of the NIK.
    """
    alphabet = sorted(set("".join(n for n in niks if n and len(n) == 16)))
    for a in unknown:
        na = niks[a]
        if not na or len(na) != 16 or not keys[a]:
            continue
        for nb in _one_typo_away(na, alphabet):
            if (at := first.get(nb)) is None:
                continue
            for b in (at, *again.get(nb, ())):
                pair = (a, b) if a < b else (b, a)
                if (
                    pair not in found
                    and fuzz.token_sort_ratio(keys[a], keys[b]) >= NIK_TYPO_NAME_MIN
                ):
                    found[pair] = NIK_TYPO


def _one_typo_away(nik_: str, alphabet: Sequence[str]) -> Iterable[str]:
    """Every string one substitution (from ``alphabet``) or one adjacent swap from ``nik_``."""
    for p, ch in enumerate(nik_):
        head, tail = nik_[:p], nik_[p + 1 :]
        for other in alphabet:
            if other != ch:
                yield head + other + tail
    for p in range(len(nik_) - 1):
        if nik_[p] != nik_[p + 1]:
            yield nik_[:p] + nik_[p + 1] + nik_[p] + nik_[p + 2 :]


def clusters(
    records: Sequence[MatchRecord],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[Cluster]:
    """Group possible duplicates into clusters (connected pairs), ordered by first member."""
    return group([r.id for r in records], find_pairs(records, cancelled=cancelled))


def group(ids: Sequence[str], pairs: Iterable[tuple[str, str, str]]) -> list[Cluster]:
    """Clusters (connected components) of ``pairs``; ``ids`` gives the order of members."""
    pairs = list(pairs)
    uf = _Union()
    order = {m: n for n, m in enumerate(ids)}
    for a, b, _ in pairs:
        uf.union(a, b)
    groups: dict[str, Cluster] = {}
    for a, b, why in pairs:
        root = uf.find(a)
        c = groups.setdefault(root, Cluster(0, []))
        c.reasons.add(why)
        c.edges.append((a, b, why))
        for m in (a, b):
            if m not in c.members:
                c.members.append(m)
    out = sorted(groups.values(), key=lambda c: min(order[m] for m in c.members))
    for n, c in enumerate(out, start=1):
        c.id = n
        c.members.sort(key=order.__getitem__)
    return out
