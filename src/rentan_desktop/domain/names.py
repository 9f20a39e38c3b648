"""Indonesian personal names: how they are stored, and how they are compared for duplicates."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rentan_desktop import resources

_SPACES = re.compile(r"\s+")
# Titles and degrees are dropped for matching: "H. MUHAMMAD" and "MUHAMMAD S.PD" are the same person.
_TITLES = {
    "H",
    "HJ",
    "HAJI",
    "HAJAH",
    "DR",
    "DRS",
    "DRA",
    "IR",
    "PROF",
    "KH",
    "UST",
    "USTADZ",
    "USTAZ",
    "TN",
    "NY",
    "NN",
    "SDR",
    "SDRI",
    "BPK",
    "IBU",
    "SPD",
    "SPDI",
    "SAG",
    "SE",
    "SH",
    "SKOM",
    "SKM",
    "SSOS",
    "SP",
    "ST",
    "SIP",
    "SKEP",
    "SHI",
    "SSI",
    "AMD",
    "AMK",
    "AMA",
    "MM",
    "MPD",
    "MSI",
    "MH",
    "SPDSD",
    "SE.MM",
}


@lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Variant word -> canonical word, from the maintained table ``resources/matching/varian_nama.txt``.

    Kept as data so an office can add the spellings its clerks use without a new release.
    """
    table: dict[str, str] = {}
    text = resources.path(VARIANT_TABLE).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        canonical, _, rest = line.partition(":")
        canonical = canonical.strip().upper().replace(".", "")
        for word in rest.split(","):
            word = word.strip().upper().replace(".", "")
            if word and word != canonical:
                table[word] = canonical
    return table


VARIANT_TABLE = "matching/varian_nama.txt"
_PATRONYMIC = re.compile(r"\b(BIN|BINTI|BT|BN)\b.*$")


def clean(name: str | None) -> str:
    """The stored form of a name: upper case, trimmed, single spaces, no control characters."""
    if not name:
        return ""
    text = _SPACES.sub(" ", str(name))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if not text.isprintable():  # rare: control characters pasted from other systems
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")
    return _SPACES.sub(" ", text).strip().upper()


def normalise(name: str | None) -> str:
    """A comparison key: titles, degrees and bin/binti clauses removed, spelling variants unified.

    ``normalise("H. Moh. Noor, S.Pd bin Ali") == "MUHAMMAD NUR"``.
    """
    table = variants()
    text = clean(name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _PATRONYMIC.sub("", text.replace(",", " , "))
    words: list[str] = []
    for raw in text.replace(",", " ").split():
        key = raw.replace(".", "").replace("'", "").replace("`", "")
        if not key or key in _TITLES:
            continue
        # "S.PD.I" style degrees: short dotted tokens made of letters only.
        if raw.count(".") >= 1 and len(key) <= 5 and key.startswith("S") and raw != key + ".":
            continue
        words.append(table.get(key, key))
    return " ".join(w for w in words if w.isalpha() or w.isalnum())
