"""Possible duplicates: same NIK, NIK typos, and the same person under spelling variants.

Which pairs are compared stays near linear: same NIK by grouping; rows sharing a recorded birth
date, when their names are at all alike (rapidfuzz in C drops the rest); rows without a birth date
against every NIK one digit or one adjacent swap from theirs, by hash lookups. Whether a compared
pair is one person is decided by :mod:`rentan_desktop.domain.match_score` — the one scorer the
database look-ups use too — which weighs NIK, KK, birth date, sex, name (by its frequency in the
data), desa and mother's name, and knows families and twins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from rentan_desktop.domain import match_score, names
from rentan_desktop.domain.match_score import NameFrequency, Verdict, Who

SAME_NIK, NIK_TYPO, NAME_VARIANT = "nik_sama", "nik_mirip", "nama_mirip"
REASON_TEXT = {
    SAME_NIK: ("NIK sama", "same NIK"),
    NIK_TYPO: ("NIK beda satu angka, nama mirip", "NIK one digit apart, similar name"),
    NAME_VARIANT: ("nama mirip, tanggal lahir sama", "similar name, same birth date"),
}
# Names less alike than this (token-sort ratio) are not worth scoring, unless one holds the other.
CANDIDATE_MIN = 70.0
CHECK_EVERY = 10_000  # people between two cancel checks of a long pass
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
    kk: str | None = None
    sex: str | None = None
    desa: str | None = None
    mother: str | None = None


@dataclass
class Cluster:
    """A group of records that may be one person, with the reasons that tied them and, per pair,
    the scorer's verdict (``scores``: which fields agreed and disagreed, and the match weight)."""

    id: int
    members: list[str]
    reasons: set[str] = field(default_factory=set)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    scores: dict[tuple[str, str], Verdict] = field(default_factory=dict)

    def score(self) -> float | None:
        """The weakest link's match weight: how sure the cluster is as a whole."""
        return min((v.score for v in self.scores.values()), default=None)


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


_fold = match_score.fold


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


def _block_pairs(
    keys: list[str], cutoff: float, leading: int | None = None, short: Container[int] = ()
) -> Iterable[tuple[int, int]]:
    """(x, y) for the pairs of one block worth scoring: names at least ``cutoff`` alike, or one
    name held whole in the other ("SITI" in "AMINAH SITI"). With ``leading``, only pairs whose
    first member is among the first ``leading`` keys (x < leading); an x in ``short`` is paired
    only with those first keys.

    ``keys`` are :func:`_match_key` forms, so the ratio is the names' token-sort ratio.
    """
    n = len(keys)
    firsts = n - 1 if leading is None else min(leading, n - 1)
    bound = n if leading is None else leading
    if n <= 60:  # the usual birth-date block: direct calls beat building a choice list
        ratio = fuzz.ratio
        for x in range(firsts):
            kx = keys[x]
            for y in range(x + 1, bound if x in short else n):
                ky = keys[y]
                if ratio(kx, ky, score_cutoff=cutoff) or kx in ky or ky in kx:
                    yield x, y
        return
    for x in range(firsts):
        kx = keys[x]
        near = {
            y
            for _, _, y in process.extract(
                kx, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
            )
        }
        for y in range(x + 1, bound if x in short else n):
            if y in near or kx in keys[y] or keys[y] in kx:
                yield x, y


def find_pairs(
    records: Sequence[MatchRecord],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[tuple[str, str, str]]:
    """All (id_a, id_b, reason) pairs of possible duplicates, each pair once with its best reason."""
    return [
        (records[a].id, records[b].id, why)
        for (a, b), why in matcher_of(records).pairs(cancelled=cancelled).items()
    ]


def matcher_of(records: Sequence[MatchRecord]) -> Matcher:
    """A :class:`Matcher` over records (every field they carry)."""
    return Matcher(
        [r.nik for r in records],
        [r.nama for r in records],
        [r.birth for r in records],
        kks=[r.kk for r in records],
        sexes=[r.sex for r in records],
        desas=[r.desa for r in records],
        mothers=[r.mother for r in records],
    )


def index_pairs(
    niks: Sequence[str | None],
    names: Sequence[str],
    births: Sequence[date | None],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[tuple[int, int], str]:
    """:func:`find_pairs` over people given as columns: {(index_a, index_b): reason}, a < b."""
    return Matcher(niks, names, births).pairs(cancelled=cancelled)


class Matcher:
    """People given as columns (what a 150,000-row check already has at hand), the pairs among
    them that may be one person, and the scorer's verdict on each pair.

    Optional columns (KK, sex, desa code, mother's name) add their evidence when given.
    """

    def __init__(
        self,
        niks: Sequence[str | None],
        names: Sequence[str],
        births: Sequence[date | None],
        *,
        kks: Sequence[str | None] | None = None,
        sexes: Sequence[str | None] | None = None,
        desas: Sequence[str | None] | None = None,
        mothers: Sequence[str | None] | None = None,
        stored_from: int | None = None,
        settles: Sequence[bool] | None = None,
    ) -> None:
        """``stored_from``: the people from that index on are stored registrants, whose pairs
        among themselves are the duplicate workbench's business, not this check's: no such pair
        is looked for (a re-sent list against 150,000 records would score every one of them).

        ``settles`` (one flag per file row, with ``stored_from``): a flagged row that holds the
        NIK of a stored registrant first and has their name key and birth date is that person,
        re-sent; its pairs with other stored registrants are the registered person's pairs, the
        workbench's business again, so they are not scored (see :meth:`settled`)."""
        self.niks, self.names, self.births = niks, names, births
        self.stored_from = len(niks) if stored_from is None else stored_from
        self._only_new = stored_from is not None
        self._settles = settles
        #: file rows found plainly the same as a stored registrant of their NIK by :meth:`pairs`
        self.settled: set[int] = set()
        self.kks, self.sexes, self.desas, self.mothers = kks, sexes, desas, mothers
        # Name keys with their words sorted: token_sort_ratio of two is ratio of the two.
        self.keys = [_match_key(n) for n in names]
        self.verdicts: dict[tuple[int, int], Verdict] = {}
        # The scorer is a pure function of two Who values: a re-sent list holds each registered
        # person twice (the row and the record), so most pairs recur with the same content.
        self._by_content: dict[tuple[Who, Who], Verdict] = {}
        self._who: dict[int, Who] = {}
        self._freq: NameFrequency | None = None

    @property
    def freq(self) -> NameFrequency:
        """Name-word frequencies of everyone here (made on the first scored pair)."""
        if self._freq is None:
            self._freq = NameFrequency(self.keys)
        return self._freq

    def who(self, i: int) -> Who:
        found = self._who.get(i)
        if found is None:
            found = self._who[i] = self._make_who(i)
        return found

    def _make_who(self, i: int) -> Who:
        def col(values: Sequence[str | None] | None) -> str | None:
            return values[i] if values is not None else None

        mother = col(self.mothers)
        return Who(
            self.niks[i],
            name_key(self.names[i]),
            self.births[i],
            col(self.kks),
            col(self.sexes),
            col(self.desas),
            name_key(mother) if mother else None,
        )

    def verdict(self, a: int, b: int) -> Verdict:
        """The scorer's verdict on records ``a`` and ``b`` (cached)."""
        pair = (a, b) if a < b else (b, a)
        found = self.verdicts.get(pair)
        if found is None:
            content = (self.who(a), self.who(b))
            found = self._by_content.get(content)
            if found is None:
                found = self._by_content[content] = match_score.score(*content, self.freq)
            self.verdicts[pair] = found
        return found

    def _judge(self, a: int, b: int, found: dict[tuple[int, int], str]) -> None:
        verdict = self.verdict(a, b)
        if verdict.same:
            typo = any(f == "nik" and lv == "beda_satu_angka" for f, lv, _ in verdict.fields)
            found[(a, b) if a < b else (b, a)] = NIK_TYPO if typo else NAME_VARIANT

    def pairs(self, *, cancelled: Callable[[], bool] = lambda: False) -> dict[tuple[int, int], str]:
        """{(index_a, index_b): reason}, a < b; empty when ``cancelled`` returned True."""
        niks, births, keys = self.niks, self.births, self.keys
        found: dict[tuple[int, int], str] = {}
        first: dict[str, int] = {}  # NIK -> first record holding it
        again: dict[str, list[int]] = {}  # NIK -> later records holding it
        by_birth: dict[date, list[int]] = defaultdict(list)
        unknown: list[int] = []
        for i, (nik_, born) in enumerate(zip(niks, births, strict=True)):
            if i % CHECK_EVERY == 0 and cancelled():  # 150,000 people: 0.2 s without a check
                return {}
            if nik_ and first.setdefault(nik_, i) != i:
                again.setdefault(nik_, []).append(i)
            if born is None:
                unknown.append(i)
            elif keys[i]:
                by_birth[born].append(i)
        stored = self.stored_from
        settles, settled = self._settles, self.settled
        for nik_ in sorted(again, key=first.__getitem__):
            at = first[nik_]
            for a in again[nik_]:
                if at < stored:
                    found[(at, a)] = SAME_NIK
                    if (
                        settles is not None
                        and a >= stored
                        and settles[at]
                        and keys[a] == keys[at]
                        and births[a] == births[at]
                    ):
                        settled.add(at)
        # Same recorded birth date: every pair whose names are at all alike goes to the scorer.
        # A block holds its people in index order: the stored ones (if any) last.
        for block in by_birth.values():
            if len(block) < 2:
                continue
            if cancelled():
                return {}
            leading = bisect_left(block, stored) if self._only_new else None
            # A settled row is paired with the block's other rows only (see __init__).
            short = (
                {x for x in range(leading) if block[x] in settled} if settled and leading else ()
            )
            for x, y in _block_pairs([keys[i] for i in block], CANDIDATE_MIN, leading, short):
                a, b = block[x], block[y]
                if (a, b) not in found:
                    self._judge(a, b, found)
        if unknown:
            self._typos_without_birth(unknown, first, again, found)
        return found

    def _typos_without_birth(
        self,
        unknown: list[int],
        first: dict[str, int],
        again: dict[str, list[int]],
        found: dict[tuple[int, int], str],
    ) -> None:
        """Birth date unreadable in a row: look up every NIK one typo away from its NIK.

        A row has 16 x 9 one-digit typos and at most 15 adjacent swaps of its NIK; looking each
        up (``first``/``again``: the records holding each NIK) is far cheaper than comparing with
        the thousands of rows that share part of the NIK.
        """
        niks, keys, stored, settled = self.niks, self.keys, self.stored_from, self.settled
        alphabet = sorted(set("".join(n for n in niks if n and len(n) == 16)))
        for a in unknown:
            na = niks[a]
            if not na or len(na) != 16 or not keys[a]:
                continue
            for nb in _one_typo_away(na, alphabet):
                if (at := first.get(nb)) is None:
                    continue
                for b in (at, *again.get(nb, ())):
                    if a >= stored and b >= stored:
                        continue  # two stored registrants: the workbench's pair
                    if (a in settled and b >= stored) or (b in settled and a >= stored):
                        continue  # a re-sent row's, the registered person's: likewise
                    if ((a, b) if a < b else (b, a)) not in found:
                        self._judge(a, b, found)


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
