"""Indonesian personal names: how they are stored, and how they are compared for duplicates."""

from __future__ import annotations

import re
import unicodedata

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
_VARIANTS = {
    "MUHAMAD": "MUHAMMAD",
    "MOHAMMAD": "MUHAMMAD",
    "MOHAMAD": "MUHAMMAD",
    "MUHAMMED": "MUHAMMAD",
    "MUHAMMAT": "MUHAMMAD",
    "MOHAMED": "MUHAMMAD",
    "MUHAMAT": "MUHAMMAD",
    "MOCH": "MUHAMMAD",
    "MOCHAMAD": "MUHAMMAD",
    "MOCHAMMAD": "MUHAMMAD",
    "MOH": "MUHAMMAD",
    "MUH": "MUHAMMAD",
    "MHD": "MUHAMMAD",
    "MHMD": "MUHAMMAD",
    "M": "MUHAMMAD",
    "NOOR": "NUR",
    "NOER": "NUR",
    "ABD": "ABDUL",
    "ABDOEL": "ABDUL",
    "ACHMAD": "AHMAD",
    "AHMAT": "AHMAD",
    "ACHMAT": "AHMAD",
    "SITTI": "SITI",
    "SYAMSUDIN": "SYAMSUDDIN",
    "JUSUF": "YUSUF",
    "YUSUP": "YUSUF",
}
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
        words.append(_VARIANTS.get(key, key))
    return " ".join(w for w in words if w.isalpha() or w.isalnum())
