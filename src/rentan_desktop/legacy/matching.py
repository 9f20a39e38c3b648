"""Possible duplicates: same NIK, NIK typos, and the same person under spelling variants.

Pairs are found inside blocks so the work stays near linear: exact NIK groups; NIK blocks on three
overlapping digit windows (any one-digit typo or adjacent swap leaves at least one window intact);
birth-date blocks for names. Inside a block rapidfuzz compares all pairs in C.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

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
_WINDOWS = ((0, 8), (8, 16))
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
# names.normalise drops "bin/binti ..." to the end of the name: such names take the slow path.
_PATRONYMIC_WORDS = frozenset({"BIN", "BINTI", "BT", "BN"})


@dataclass(frozen=True)
class MatchRecord:
    """What matching needs of one person (a file row or a stored registrant)."""

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


def _nik_blocks(recs: Sequence[MatchRecord]) -> Iterable[list[int]]:
    """Blocks of records whose NIKs share a half: any one-digit typo leaves one half intact."""
    for start, end in _WINDOWS:
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(recs):
            if r.nik:
                blocks[r.nik[start:end]].append(i)
        yield from (b for b in blocks.values() if len(b) > 1)


def _middle_swaps(recs: Sequence[MatchRecord]) -> Iterable[list[int]]:
    """Groups of NIKs equal once digits 8 and 9 are put in order: the one swap the halves miss."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        if r.nik and len(r.nik) == 16:
            groups[r.nik[:7] + "".join(sorted(r.nik[7:9])) + r.nik[9:]].append(i)
    yield from (g for g in groups.values() if len(g) > 1)


def _close_pairs(
    items: list[str], scorer: Callable[..., float], cutoff: float, *, lower_is_better: bool
) -> Iterable[tuple[int, int]]:
    """Index pairs (x < y) of a block whose score passes ``cutoff``; the scan itself runs in C."""
    for x in range(len(items) - 1):
        for _, _, y in process.extract(
            items[x], items, scorer=scorer, score_cutoff=cutoff, limit=None
        ):
            if y > x:
                yield x, y


def find_pairs(
    records: Sequence[MatchRecord],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[tuple[str, str, str]]:
    """All (id_a, id_b, reason) pairs of possible duplicates, each pair once with its best reason."""
    keys = [name_key(r.nama) for r in records]
    found: dict[tuple[int, int], str] = {}
    by_nik: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.nik:
            by_nik[r.nik].append(i)
    for group in by_nik.values():
        for a in group[1:]:
            found[(group[0], a)] = SAME_NIK
    for block in _nik_blocks(records):
        if cancelled():
            return []
        niks = [records[i].nik or "" for i in block]
        for x, y in _close_pairs(niks, OSA.distance, 1, lower_is_better=True):
            if niks[x] == niks[y]:
                continue
            a, b = block[x], block[y]
            pair = (min(a, b), max(a, b))
            if pair not in found and fuzz.token_sort_ratio(keys[a], keys[b]) >= NIK_TYPO_NAME_MIN:
                found[pair] = NIK_TYPO
    for group in _middle_swaps(records):
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                if (
                    records[a].nik != records[b].nik
                    and (a, b) not in found
                    and fuzz.token_sort_ratio(keys[a], keys[b]) >= NIK_TYPO_NAME_MIN
                ):
                    found[(a, b)] = NIK_TYPO
    by_birth: dict[date, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        if r.birth is not None and keys[i]:
            by_birth[r.birth].append(i)
    for block in by_birth.values():
        if len(block) < 2:
            continue
        if cancelled():
            return []
        bkeys = [keys[i] for i in block]
        for x, y in _close_pairs(bkeys, fuzz.token_sort_ratio, NAME_MIN, lower_is_better=False):
            pair = (min(block[x], block[y]), max(block[x], block[y]))
            found.setdefault(pair, NAME_VARIANT)
    return [(records[a].id, records[b].id, why) for (a, b), why in found.items()]


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
