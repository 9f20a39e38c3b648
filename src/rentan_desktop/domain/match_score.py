"""Is this the same person? One scorer for every duplicate question, with its reasons.

Fellegi-Sunter record linkage, as Splink does it: every field of a pair lands on an *agreement
level*, and every level carries a weight ``log2(m / u)`` — ``m`` is how often a true duplicate
shows that level, ``u`` how often two different people do. The sum of the weights is the pair's
match weight; a pair at or above :data:`THRESHOLD` is a possible duplicate. A missing field
weighs nothing either way.

Name agreement is weighed by how common the name is in the data at hand (term frequency): two
records both called SITI agree for much less than two called KARTIKASARI. Frequencies come from the
names being compared (the file and the database), smoothed towards a prior so that a ten-row file
does not make every name look common.

Relatives are ruled out before any weight is added: two records that share a KK, or whose NIKs are
serial neighbours (same region and birth date, serials one or two apart), and whose names are
clearly different, are family members or twins — never one person typed twice.

``m``/``u`` values are set from what desa lists show (duplicates keep their NIK in nine cases of ten;
a NIK typo is one digit or one swap; two different people share a KK one time in a thousand in a
birth-date block) and kept here, in one table, so that every figure a user sees can be traced.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

#: Match weight (log2 of the Bayes factor) from which a pair is a possible duplicate. With a prior
#: of about one true pair in 10^5 candidate pairs this is a match probability above 0.99.
THRESHOLD = 20.0

#: field -> level -> (m, u). The weight of a level is log2(m / u).
LEVELS: dict[str, dict[str, tuple[float, float]]] = {
    "nik": {
        "sama": (0.90, 1e-6),
        "beda_satu_angka": (0.06, 1e-5),
        "beda_dua_angka": (0.01, 0.05),
        "beda": (0.002, 0.977),
    },
    "kk": {"sama": (0.85, 0.001), "beda": (0.10, 0.999)},
    "tanggal_lahir": {
        "sama": (0.90, 6e-5),
        "hampir_sama": (0.06, 0.004),
        "beda": (0.005, 0.996),
    },
    "jenis_kelamin": {"sama": (0.96, 0.5), "beda": (0.04, 0.5)},
    # "sama" and "awalan" take their u from the names' frequency (see NameFrequency).
    "nama": {
        "sama": (0.75, 0.0),
        "awalan": (0.08, 0.0),
        "mirip": (0.10, 0.002),
        "sebagian": (0.04, 0.05),
        "beda": (0.03, 0.948),
    },
    "desa": {"sama": (0.90, 0.02), "beda": (0.10, 0.98)},
    "nama_ibu": {"sama": (0.80, 0.005), "mirip": (0.10, 0.02), "beda": (0.10, 0.975)},
}
FIELD_TEXT = {
    "nik": ("NIK", "NIK"),
    "kk": ("KK", "KK"),
    "tanggal_lahir": ("tanggal lahir", "birth date"),
    "jenis_kelamin": ("jenis kelamin", "sex"),
    "nama": ("nama", "name"),
    "desa": ("desa", "desa"),
    "nama_ibu": ("nama ibu", "mother's name"),
}
LEVEL_TEXT = {
    "sama": ("sama", "same"),
    "beda": ("beda", "different"),
    "beda_satu_angka": ("beda satu angka", "one digit apart"),
    "beda_dua_angka": ("beda dua angka", "two digits apart"),
    "hampir_sama": ("hampir sama", "nearly the same"),
    "awalan": ("sama di awal (satu lebih pendek)", "same at the start (one shorter)"),
    "mirip": ("mirip", "similar"),
    "sebagian": ("sebagian sama", "partly the same"),
}
FAMILY_TEXT = {
    "keluarga": (
        "anggota keluarga: KK sama, nama berbeda",
        "family members: same KK, different names",
    ),
    "kembar": (
        "kembar/saudara: NIK berurutan, nama berbeda",
        "twins/siblings: consecutive NIKs, different names",
    ),
}
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


def fold(text: str) -> str:
    """Old and variant spellings folded (DJ/J, TJ/C, OE/U, doubled letters...) in a normalised
    name (see :func:`rentan_desktop.domain.names.normalise`)."""
    for old, new in _PHONETIC:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


@lru_cache(maxsize=16384)
def key(name_norm: str) -> str:
    """A normalised name as the scorer compares it: folded, words in written order.

    Cached: a save scores a dozen stored records and their names repeat across a regency (the same
    few hundred given names), so folding each again cost more than the rest of the scoring."""
    return fold(name_norm)


_TOKEN_MIN = 88.0  # two name words are one word mistyped
_ALIKE = frozenset({"sama", "mirip", "awalan"})
_VOWELS = str.maketrans("", "", "AEIOU")
_PRIOR_WORDS = 1000.0  # pseudo-names the frequencies are smoothed with
_PRIOR_FREQ = 0.006  # share of names holding a typical word
_U_FLOOR, _U_CEILING = 1e-7, 0.5


class Who(NamedTuple):
    """What the scorer compares of one person. ``name`` and ``mother`` are match keys (words
    normalised, variants and old spellings folded, in written order; see :func:`key`)."""

    nik: str | None
    name: str
    birth: date | None
    kk: str | None = None
    sex: str | None = None
    desa: str | None = None
    mother: str | None = None


class NameFrequency:
    """Share of names holding each word, from the names being compared, smoothed by a prior."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        # Words of each name counted once per name, all in C (map/chain/Counter, no Python call
        # per name): a 150,000-row file made this a tenth of a second in a loop.
        held = list(filter(None, names))
        self.counts: Counter[str] = Counter(chain.from_iterable(map(set, map(str.split, held))))
        self.total = len(held)
        # Without names to count, every word weighs the prior: u depends on the number of words
        # only (an import asks it for each pair it weighs, :func:`can_reach`).
        self._u_by_words: dict[int, float] = {}

    def share(self, word: str) -> float:
        return (self.counts.get(word, 0) + _PRIOR_WORDS * _PRIOR_FREQ) / (self.total + _PRIOR_WORDS)

    def u(self, words: Iterable[str]) -> float:
        """How often two different people would hold all of ``words`` (independence assumed)."""
        value = 1.0
        for w in set(words):
            value *= self.share(w)
        return min(max(value, _U_FLOOR), _U_CEILING)

    def u_of(self, name: str) -> float:
        """:meth:`u` of the words of a name key."""
        words = name.split()
        if self.total:
            return self.u(words)
        n = len(set(words))
        got = self._u_by_words.get(n)
        if got is None:
            got = self._u_by_words[n] = self.u(words)
        return got


@dataclass(frozen=True)
class Verdict:
    """The scorer's answer for one pair: match weight, per-field levels and weights, relatives."""

    score: float
    fields: tuple[tuple[str, str, float], ...]  # (field, level, weight)
    family: str | None = None

    @property
    def same(self) -> bool:
        """A possible duplicate: no family rule applies, the weight reaches the threshold, and the
        names are alike (or the NIK is one): a NIK typo never ties two differently named people."""
        return self.family is None and self.score >= THRESHOLD and self.names_alike()

    def names_alike(self) -> bool:
        return any(
            (f == "nama" and lv in _ALIKE) or (f == "nik" and lv == "sama")
            for f, lv, _ in self.fields
        )

    def agreed(self) -> list[tuple[str, str, float]]:
        return [f for f in self.fields if f[2] > 0]

    def disagreed(self) -> list[tuple[str, str, float]]:
        return [f for f in self.fields if f[2] < 0]

    def explain(self, lang: str = "id") -> str:
        """``"skor 38.2 — sama: NIK (+19.8), nama (+11.0); beda: desa (-3.3)"``."""
        en = int(lang != "id")

        def part(items: list[tuple[str, str, float]]) -> str:
            return ", ".join(
                f"{FIELD_TEXT[f][en]} {LEVEL_TEXT[lv][en]} ({w:+.1f})" for f, lv, w in items
            )

        words = ("skor", "cocok", "tidak cocok") if not en else ("score", "agree", "disagree")
        text = f"{words[0]} {self.score:.1f}"
        if self.agreed():
            text += f" — {words[1]}: {part(self.agreed())}"
        if self.disagreed():
            text += f"; {words[2]}: {part(self.disagreed())}"
        if self.family:
            text += f"; {FAMILY_TEXT[self.family][en]}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 1),
            "same": self.same,
            "family": self.family,
            "agreed": [
                {"field": f, "level": lv, "weight": round(w, 1)} for f, lv, w in self.agreed()
            ],
            "disagreed": [
                {"field": f, "level": lv, "weight": round(w, 1)} for f, lv, w in self.disagreed()
            ],
        }


def _weight(field: str, level: str, u: float | None = None) -> float:
    m, fixed_u = LEVELS[field][level]
    return math.log2(m / (u if u is not None else fixed_u))


def _valid_nik(nik: str | None) -> bool:
    return bool(nik) and len(nik) == 16 and nik.isdigit()  # type: ignore[union-attr]


def nik_level(a: str | None, b: str | None) -> str | None:
    if not (_valid_nik(a) and _valid_nik(b)):
        return None
    if a == b:
        return "sama"
    distance = OSA.distance(a, b, score_cutoff=3)  # type: ignore[arg-type]
    return "beda_satu_angka" if distance == 1 else "beda_dua_angka" if distance == 2 else "beda"


def serial_neighbours(a: str | None, b: str | None) -> bool:
    """Same region and birth date in the NIK, serials one or two apart: how Dukcapil numbers twins
    and siblings registered together (a one-digit typo in the serial looks the same; the names
    tell them apart)."""
    if not (_valid_nik(a) and _valid_nik(b)) or a[:12] != b[:12]:  # type: ignore[index]
        return False
    return 0 < abs(int(a[12:]) - int(b[12:])) <= 2  # type: ignore[index]


def birth_level(a: date | None, b: date | None) -> str | None:
    if a is None or b is None:
        return None
    if a == b:
        return "sama"
    same = (a.day == b.day) + (a.month == b.month) + (a.year == b.year)
    swapped = a.year == b.year and a.day == b.month and a.month == b.day
    return "hampir_sama" if same == 2 or swapped else "beda"


def _words_match(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:  # an initial: "A. RAHMAN" for "AHMAD RAHMAN"
        return x[0] == y[0]
    if len(x) < 4 or len(y) < 4:
        return False
    if fuzz.ratio(x, y, score_cutoff=_TOKEN_MIN):
        return True
    # Vowels written differently in a word of the same length and first letter (SANTOSA/SANTOSO,
    # SUTRISNA/SUTRISNO): one spelling. HASAN/HUSEIN differ in length, WAHYUNI/WAHYUDI in a
    # consonant: two names.
    return len(x) == len(y) and x[0] == y[0] and x.translate(_VOWELS) == y.translate(_VOWELS)


def _covered(short: list[str], long: list[str]) -> bool:
    """Every word of ``short`` matches a distinct word of ``long``."""
    free = list(long)
    for w in short:
        hit = next((i for i, v in enumerate(free) if _words_match(w, v)), None)
        if hit is None:
            return False
        free.pop(hit)
    return True


def name_level(a: str, b: str) -> str | None:
    """Agreement level of two name keys (words in written order: which name is first matters)."""
    if not a or not b:
        return None
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb):
        return "sama"
    if a.replace(" ", "") == b.replace(" ", ""):  # NUR HAYATI / NURHAYATI
        return "mirip"
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if _covered(short, long) and _words_match(short[0], long[0]):
        if len(short) == len(long):
            return "mirip"
        if all(_words_match(x, y) for x, y in zip(short, long, strict=False)):
            return "awalan"  # SITI / SITI AMINAH: the first name is the start of the other
        return "mirip"  # a middle name left out: SITI AMINAH / SITI NUR AMINAH
    if set(wa) & set(wb) or fuzz.ratio(a, b) >= 80:
        return "sebagian"
    return "beda"


def names_can_match(a: str, b: str) -> bool:
    """Whether two name keys are alike enough for :attr:`Verdict.same` when the NIKs differ
    (``same`` needs alike names unless the NIK is one): a cheap test before scoring a pair."""
    return name_level(a, b) in _ALIKE


# Largest weight a name level can add without the names' frequencies: "mirip" (the frequency-
# weighted "sama" and "awalan" are bounded in can_reach).
_REACH = (
    THRESHOLD - 1e-9
)  # the sums are added in another order than score's: no rounding may drop a pair
_NAME_FIXED_MAX = max(_weight("nama", lv) for lv in ("mirip", "sebagian", "beda"))
_NAME_MAX = max(
    _NAME_FIXED_MAX, _weight("nama", "sama", _U_FLOOR), _weight("nama", "awalan", _U_FLOOR)
)


def _weight_but_name(a: Who, b: Who) -> float:
    """The most a pair weighs without its names: every other field at its level, the mother's
    at most "mirip" unless the word sets are equal (no fuzzy comparison here)."""
    total = 0.0
    nik = nik_level(a.nik, b.nik)
    if nik:
        total += _W_NIK[nik]
    if a.kk and b.kk:
        total += _W_KK[a.kk == b.kk]
    born = birth_level(a.birth, b.birth)
    if born:
        total += _W_BIRTH[born]
    if a.sex and b.sex:
        total += _W_SEX[a.sex == b.sex]
    if a.desa and b.desa:
        total += _W_DESA[a.desa == b.desa]
    if a.mother and b.mother:
        same = a.mother == b.mother or sorted(a.mother.split()) == sorted(b.mother.split())
        total += _W_MOTHER_SAMA if same else _W_MOTHER_MIRIP
    return total


def can_reach_with_any_names(a: Who, b: Who) -> bool:
    """Whether some pair of names could lift this pair to :data:`THRESHOLD` (names ignored, the
    name counted at the most any level weighs). False: no two records with these other fields
    are ever a possible duplicate, whatever their names."""
    return _weight_but_name(a, b) + _NAME_MAX >= _REACH


def can_reach(a: Who, b: Who, freq: NameFrequency | None = None) -> bool:
    """Whether :func:`score` could reach :data:`THRESHOLD` for this pair: every field but the name
    at its level (the mother's at most "mirip" when the names differ), the name at the most it
    could weigh. False means ``score(a, b, freq).same`` is False, found without comparing the
    names word by word: most candidates of a block differ in NIK and birth date, where no name
    agreement is worth enough."""
    total = _weight_but_name(a, b)
    if total + _NAME_MAX < _REACH:
        return False  # not even two names of the rarest words would do
    if total + _NAME_FIXED_MAX >= _REACH:
        return True
    if not a.name or not b.name:
        return False
    # "sama" weighs log2(m / u(a's words)) (the same words as b's); "awalan" log2(m / u(shorter)),
    # the shorter being one of the two names: u is at least the smaller of the two names' u.
    freq = freq or _NO_DATA
    wa, wb = a.name.split(), b.name.split()
    ua, ub = freq.u_of(a.name), freq.u_of(b.name)
    best = max(
        _weight("nama", "sama", ua) if sorted(wa) == sorted(wb) else -math.inf,
        _weight("nama", "awalan", min(ua, ub)),
    )
    return total + best >= _REACH


def _mother_level(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return None
    if a == b or sorted(a.split()) == sorted(b.split()):
        return "sama"
    return "mirip" if fuzz.token_sort_ratio(a, b) >= 85 else "beda"


def score(a: Who, b: Who, freq: NameFrequency | None = None) -> Verdict:
    """Score one pair; see the module docstring."""
    freq = freq or _NO_DATA
    fields: list[tuple[str, str, float]] = []
    nik = nik_level(a.nik, b.nik)
    name = name_level(a.name, b.name)
    kk_same = bool(a.kk) and a.kk == b.kk
    family = None
    if name in ("sebagian", "beda") and nik != "sama":
        if kk_same:
            family = "keluarga"
        elif serial_neighbours(a.nik, b.nik):
            family = "kembar"
    if nik:
        fields.append(("nik", nik, _weight("nik", nik)))
    if a.kk and b.kk:
        level = "sama" if kk_same else "beda"
        fields.append(("kk", level, _weight("kk", level)))
    born = birth_level(a.birth, b.birth)
    if born:
        fields.append(("tanggal_lahir", born, _weight("tanggal_lahir", born)))
    if a.sex and b.sex:
        level = "sama" if a.sex == b.sex else "beda"
        fields.append(("jenis_kelamin", level, _weight("jenis_kelamin", level)))
    if name == "sama":
        fields.append(("nama", name, _weight("nama", name, freq.u(a.name.split()))))
    elif name == "awalan":
        shorter = min(a.name.split(), b.name.split(), key=len)
        fields.append(("nama", name, _weight("nama", name, freq.u(shorter))))
    elif name:
        fields.append(("nama", name, _weight("nama", name)))
    if a.desa and b.desa:
        level = "sama" if a.desa == b.desa else "beda"
        fields.append(("desa", level, _weight("desa", level)))
    mother = _mother_level(a.mother, b.mother)
    if mother:
        fields.append(("nama_ibu", mother, _weight("nama_ibu", mother)))
    return Verdict(sum(w for _, _, w in fields), tuple(fields), family)


_NO_DATA = NameFrequency()
_W_NIK = {lv: _weight("nik", lv) for lv in LEVELS["nik"]}
_W_BIRTH = {lv: _weight("tanggal_lahir", lv) for lv in LEVELS["tanggal_lahir"]}
_W_KK = {True: _weight("kk", "sama"), False: _weight("kk", "beda")}
_W_SEX = {True: _weight("jenis_kelamin", "sama"), False: _weight("jenis_kelamin", "beda")}
_W_DESA = {True: _weight("desa", "sama"), False: _weight("desa", "beda")}
_W_MOTHER_SAMA, _W_MOTHER_MIRIP = _weight("nama_ibu", "sama"), _weight("nama_ibu", "mirip")
