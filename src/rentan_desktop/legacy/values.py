"""Coded fields written as free text (PEKERJAAN, L/P) matched to their category codes.

Clerks write "NELAYAN PANCING", "Petani padi", "OJEK ONLINE", "tukang ojek", "PENJAGA MASJID" where the
category list has NELAYAN, PETANI, OJEK and MARBOT. A value is matched, in this order, by:

1. the user's own mapping (``--map-value`` or the wizard's value step, saved in the profile);
2. the category's code or label, the office's own synonym table (kept in the database, added by a
   coordinator and carried down in its master-data pack; it wins over the shipped one), or a
   synonym from the maintained table ``resources/legacy/nilai_kode.json`` (data, editable without
   touching code);
3. a synonym contained as whole words ("NELAYAN" in "NELAYAN PANCING"); the longest wins, and words
   listed as exact-only ("TUKANG", "BURUH") never match inside a longer text;
4. fuzzy matching (rapidfuzz) against every synonym, accepted from :data:`ACCEPT` with its score shown;
5. otherwise the field's fallback (LAINNYA for occupations), reported as a warning; a field without a
   fallback (sex) is unknown.

Everything is pure and memoised per distinct text: a 150,000-row file has a few hundred.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from rentan_desktop import resources

ACCEPT = 88  # fuzzy score from which a value is taken (with a warning showing the score)
HOW_USER, HOW_EXACT, HOW_WORDS, HOW_FUZZY, HOW_FALLBACK, HOW_UNKNOWN = (
    "pengguna",
    "persis",
    "sinonim",
    "mirip",
    "cadangan",
    "tidak_dikenal",
)
_SEPARATORS = re.compile(r"[\s_\-./,;:()'\"&+]+")
TABLE_FILE = "legacy/nilai_kode.json"


def norm_value(value: object) -> str:
    """Upper case, punctuation and underscores as single spaces ("petani_padi." -> "PETANI PADI")."""
    return _SEPARATORS.sub(" ", str(value or "").upper()).strip()


@dataclass(frozen=True)
class ValueMatch:
    """How one written value was matched: the code (None when unknown), score 0-100, and how."""

    written: str
    code: str | None
    score: int
    how: str
    guess: str | None = None  # best fuzzy candidate below ACCEPT, shown as a suggestion
    #: a funder value naming a kind of funder ("DANA DESA") no single active funder is of
    kind: str | None = None

    @property
    def needs_review(self) -> bool:
        """The user should confirm it: fuzzy, fallback or unknown."""
        return self.how in (HOW_FUZZY, HOW_FALLBACK, HOW_UNKNOWN)


@dataclass(frozen=True)
class FieldTable:
    """The synonym table of one field: normalised phrase -> code, plus its rules."""

    phrases: Mapping[str, str]
    exact_only: frozenset[str]
    fallback: str | None
    #: kind -> words in a category's own code or name that say it is of that kind (funders: an
    #: office names its funders itself, so the table speaks of kinds, not of their codes)
    markers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def load_table(path: str | None = None) -> dict[str, FieldTable]:
    """The maintained synonym table (``resources/legacy/nilai_kode.json`` unless ``path``)."""
    file = Path(path) if path else resources.path(TABLE_FILE)
    data = json.loads(file.read_text(encoding="utf-8"))
    out: dict[str, FieldTable] = {}
    for name, spec in data.items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        phrases: dict[str, str] = {}
        for code, words in (spec.get("sinonim") or {}).items():
            for w in [code, *words]:
                phrases.setdefault(norm_value(w), str(code))
        exact = frozenset(norm_value(w) for w in spec.get("hanya_persis") or ())
        markers = {
            str(kind): tuple(norm_value(w) for w in words)
            for kind, words in (spec.get("penanda") or {}).items()
        }
        out[name] = FieldTable(phrases, exact, spec.get("cadangan"), markers)
    return out


class ValueMatcher:
    """Matches the written values of one coded field to the codes that exist.

    Args:
        categories: code -> label of the active categories (the database's list).
        table: the field's synonym table (codes not in ``categories`` are ignored).
        user: the user's own choices, normalised written value -> code.
        fallback: code to use for values nothing matches (None: they stay unknown).
        office: the office's synonym table, written value -> code; it overrides the shipped table
            and the labels (the office decided), but not the user's own choices.
    """

    def __init__(
        self,
        categories: Mapping[str, str],
        table: FieldTable | None = None,
        user: Mapping[str, str] | None = None,
        fallback: str | None = None,
        office: Mapping[str, str] | None = None,
    ) -> None:
        self.categories = dict(categories)
        known = {c.upper(): c for c in categories}
        phrases: dict[str, str] = {}
        for code, label in categories.items():
            phrases[norm_value(code)] = code
            phrases.setdefault(norm_value(label), code)
            for part in re.split(r"[/]", label):  # "Petani / pekebun": each half names it too
                if norm_value(part):
                    phrases.setdefault(norm_value(part), code)
        if table is not None:
            for phrase, code in table.phrases.items():
                if code.upper() in known:
                    phrases.setdefault(phrase, known[code.upper()])
        for written, code in (office or {}).items():
            if norm_value(written) and code.upper() in known:
                phrases[norm_value(written)] = known[code.upper()]
        self.phrases = phrases
        self.exact_only = table.exact_only if table else frozenset()
        self._words = {p: tuple(p.split()) for p in phrases if p not in self.exact_only}
        self._keys = list(phrases)
        self.user = {norm_value(k): v for k, v in (user or {}).items()}
        fb = fallback if fallback is not None else (table.fallback if table else None)
        self.fallback = known.get(fb.upper()) if fb else None
        self._memo: dict[str, ValueMatch] = {}

    def match(self, written: object) -> ValueMatch:
        """The code for one written value (memoised per distinct text)."""
        text = str(written or "").strip()
        got = self._memo.get(text)
        if got is None:
            got = self._memo[text] = self._match(text)
        return got

    def _match(self, text: str) -> ValueMatch:
        key = norm_value(text)
        if not key:
            return ValueMatch(text, None, 0, HOW_UNKNOWN)
        if key in self.user and self.user[key] in self.categories:
            return ValueMatch(text, self.user[key], 100, HOW_USER)
        if key in self.phrases:
            return ValueMatch(text, self.phrases[key], 100, HOW_EXACT)
        words = key.split()
        hit = self._contained(words)
        if hit is not None:
            return ValueMatch(text, hit, 95, HOW_WORDS)
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio)
        guess = self.phrases[best[0]] if best else None
        if best is not None and best[1] >= ACCEPT:
            return ValueMatch(text, guess, int(best[1]), HOW_FUZZY)
        # A typo inside a longer text ("NELAYN PANCING"): each word against the one-word synonyms.
        for w in words:
            if len(w) < 5:
                continue
            one = process.extractOne(
                w,
                [k for k, t in self._words.items() if len(t) == 1],
                scorer=fuzz.ratio,
                score_cutoff=ACCEPT,
            )
            if one is not None:
                return ValueMatch(text, self.phrases[one[0]], int(one[1]), HOW_FUZZY)
        score = int(best[1]) if best else 0
        if self.fallback is not None:
            return ValueMatch(text, self.fallback, score, HOW_FALLBACK, guess)
        return ValueMatch(text, None, score, HOW_UNKNOWN, guess)

    def _contained(self, words: list[str]) -> str | None:
        """The code of the longest synonym found as whole consecutive words; None if none or if
        two equally long synonyms name different codes (the head word first wins a tie)."""
        found: list[tuple[int, int, str]] = []  # (-length, start, code)
        n = len(words)
        for phrase, parts in self._words.items():
            k = len(parts)
            if k > n:
                continue
            for start in range(n - k + 1):
                if tuple(words[start : start + k]) == parts:
                    found.append((-k, start, self.phrases[phrase]))
                    break
        if not found:
            return None
        found.sort()
        top = [f for f in found if f[0] == found[0][0]]
        codes = {f[2] for f in top}
        if len(codes) == 1:
            return top[0][2]
        firsts = [f for f in top if f[1] == 0]
        return firsts[0][2] if len({f[2] for f in firsts}) == 1 and firsts else None


@dataclass(frozen=True)
class ValueTally:
    """One distinct written value of a coded field, how it was matched, and on how many rows."""

    field: str
    match: ValueMatch
    rows: int

    def as_dict(self, labels: Mapping[str, str] | None = None) -> dict[str, object]:
        m = self.match
        return {
            "field": self.field,
            "value": m.written,
            "rows": self.rows,
            "code": m.code,
            "label": (labels or {}).get(m.code or "", None),
            "score": m.score,
            "how": m.how,
            "suggestion": m.guess,
            "review": m.needs_review,
            "kind": KIND_LABELS.get(m.kind or "", m.kind),
        }


def tally(
    field: str, written: Iterable[object], match: Callable[[str], ValueMatch]
) -> list[ValueTally]:
    """Every distinct written value once, with its row count; those to review first."""
    counts: dict[str, int] = {}
    # Each distinct cell once: a 150,000-row file has a few hundred distinct values.
    for w, n in Counter(written).items():
        text = str(w or "").strip()
        if norm_value(text):  # "-" and "." say nothing was written
            counts[text] = counts.get(text, 0) + n
    out = [ValueTally(field, match(t), n) for t, n in counts.items()]
    out.sort(key=lambda t: (not t.match.needs_review, -t.rows, t.match.written))
    return out


def parse_choice(spec: str) -> tuple[str, str, str]:
    """``pekerjaan=TUKANG OJEK=OJEK`` (as the shell passes ``pekerjaan="TUKANG OJEK"=OJEK``) ->
    (field, written value, code). The value may itself hold "=": the code is after the last one.

    Raises:
        ValueError: not of that form.
    """
    field, sep, rest = spec.partition("=")
    value, sep2, code = rest.rpartition("=")
    value = value.strip().strip('"').strip("'")
    if not sep or not sep2 or not field.strip() or not value or not code.strip():
        raise ValueError(spec)
    return field.strip(), value, code.strip()


SEXES = {"L": "Laki-laki", "P": "Perempuan"}
#: What a STATUS column can say of a person; only AKTIF is registered.
ACTIVE = "AKTIF"
STATUSES = {
    ACTIVE: "Aktif / didaftarkan",
    "MENINGGAL": "Meninggal dunia",
    "PINDAH": "Pindah domisili",
    "NONAKTIF": "Tidak aktif / keluar",
}
#: Coded fields whose written values can be mapped, and the label the messages use.
MAPPABLE = {
    "pekerjaan": "Pekerjaan",
    "jenis_kelamin": "Jenis kelamin",
    "sumber_dana": "Sumber dana",
    "status": "Status",
}


def status_matcher(user: Mapping[str, str] | None = None) -> ValueMatcher:
    """Status words ("AKTIF", "BARU", "MENINGGAL", "MD", "PINDAH DOMISILI", "TDK AKTIF") to the
    codes of :data:`STATUSES`; a word nothing matches counts as AKTIF, with a warning."""
    return ValueMatcher(STATUSES, load_table().get("status"), user)


def funder_kinds(funders: Mapping[str, str], table: FieldTable | None) -> dict[str, str]:
    """kind -> funder code, for the kinds exactly one of ``funders`` (code -> name) is of.

    A funder's kind is read from its own code and name by the table's markers, the first kind
    whose marker appears there as whole words ("APBD-KUTIM" and "APBD Kabupaten Kutai Timur" are
    APBD_KAB, "Dana Desa 2025" is DANA_DESA): the table lists the most specific kinds first.
    """
    if table is None:
        return {}
    held: dict[str, list[str]] = {}
    for code, name in funders.items():
        words = f" {norm_value(code)} | {norm_value(name)} "
        for kind, marks in table.markers.items():
            if any(f" {m} " in words for m in marks if m):
                held.setdefault(kind, []).append(code)
                break
    return {kind: codes[0] for kind, codes in held.items() if len(codes) == 1}


#: What each kind of funder of the synonym table is called in messages.
KIND_LABELS = {
    "DANA_DESA": "Dana Desa",
    "APBD_KAB": "APBD kabupaten/kota",
    "APBD_PROV": "APBD provinsi",
    "CSR": "CSR perusahaan",
    "BAZNAS": "BAZNAS/zakat",
}
#: Below this score a funder is not even suggested: "DANA DESA" is nothing like "APBD-KAB".
FUNDER_SUGGEST = 70


class FunderMatcher(ValueMatcher):
    """A :class:`ValueMatcher` for funders that knows the kinds no single active funder is of.

    A value naming such a kind ("DANA DESA" where only an APBD funder is active) is never given
    another funder, neither by fuzzy matching nor as the import's fallback: it stays unmapped with
    its kind, and the row says so. Low-score guesses are not suggested.
    """

    def __init__(self, *args: object, unheld: Mapping[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.unheld = dict(unheld)  # normalised phrase -> kind
        self._unheld_words = {p: tuple(p.split()) for p in self.unheld if p not in self.exact_only}

    def _match(self, text: str) -> ValueMatch:
        m = super()._match(text)
        if m.how in (HOW_USER, HOW_EXACT, HOW_WORDS):
            return m
        key = norm_value(text)
        kind = self.unheld.get(key) or self._contained_kind(key.split())
        if kind is not None:
            return ValueMatch(text, None, 0, HOW_UNKNOWN, None, kind)
        if m.guess is not None and m.score < FUNDER_SUGGEST:
            return ValueMatch(m.written, m.code, m.score, m.how, None)
        return m

    def _contained_kind(self, words: list[str]) -> str | None:
        n = len(words)
        best: tuple[int, str] | None = None
        for phrase, parts in self._unheld_words.items():
            k = len(parts)
            if (
                k <= n
                and (best is None or k > best[0])
                and any(tuple(words[i : i + k]) == parts for i in range(n - k + 1))
            ):
                best = (k, self.unheld[phrase])
        return best[1] if best else None


def funder_matcher(
    funders: Mapping[str, str],
    user: Mapping[str, str] | None = None,
    fallback: str | None = None,
) -> ValueMatcher:
    """Funder codes from what a SUMBER DANA column says ("APBD KAB", "DANA DESA", "Pemprov").

    ``funders``: code -> name of the active funders. The table's synonyms name kinds of funder;
    each reaches the one active funder of its kind. A kind no active funder is of, or several are,
    leaves its values unmapped with the kind named (the user maps them once, or adds the funder).
    ``fallback``: the funder of the whole import (``--sumber-dana`` or the only active one), for
    words nothing matches and that name no kind; without it they stay unknown.
    """
    table = load_table().get("sumber_dana")
    kinds = funder_kinds(funders, table)
    phrases = (
        {p: kinds[k] for p, k in table.phrases.items() if k in kinds} if table is not None else {}
    )
    unheld = {p: k for p, k in table.phrases.items() if k not in kinds} if table is not None else {}
    exact = table.exact_only if table is not None else frozenset()
    return FunderMatcher(
        funders, FieldTable(phrases, exact, None), user, fallback=fallback, unheld=unheld
    )


def sex_matcher(user: Mapping[str, str] | None = None) -> ValueMatcher:
    """L/P from "LAKI-LAKI", "Pr.", "PEREMPAUN" (fuzzy), or the user's own mapping."""
    return ValueMatcher(SEXES, load_table().get("jenis_kelamin"), user)


def match_sex(matcher: ValueMatcher, raw: str) -> ValueMatch:
    """The user's mapping first, then the usual spellings (L, LK, PR, LAKI-LAKI, 1/2), then the
    table's synonyms and fuzzy matching."""
    if matcher.user and (m := matcher.match(raw)).how == HOW_USER:
        return m
    from rentan_desktop.legacy.cleaning import clean_sex  # cleaning imports nothing from here

    sex, _ = clean_sex(raw)
    if sex is not None:
        return ValueMatch(raw, sex, 100, HOW_EXACT)
    return matcher.match(raw)


def job_matcher(
    categories: Mapping[str, str],
    user: Mapping[str, str] | None = None,
    office: Mapping[str, str] | None = None,
) -> ValueMatcher:
    """Occupation codes from free text, falling back to the table's LAINNYA when it is active;
    ``office`` is the office's own synonym table (see :mod:`rentan_desktop.services.synonyms`)."""
    return ValueMatcher(categories, load_table().get("pekerjaan"), user, office=office)
