"""What a written name says besides the name: a death marker, titles and honorifics.

Desa lists keep people who have died ("ALM. SUPARDI", "SITI (ALMH)") and write titles around names
("H. MUHAMMAD NUR", "DRS. ANDI, S.PD", "HJ. SITI"). A death marker is a registration that must not go
through; titles stay in the stored name (as the list wrote it) but are left out of the name used to
find the same person twice, so "H. AHMAD" and "AHMAD" compare as equals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MARKER = r"(?:ALMARHUMAH|ALMARHUM|ALMH|ALM|MARHUM|MARHUMAH)"
_DECEASED_HEAD = re.compile(rf"^\(?\s*{_MARKER}\s*[.)]*\s+")
_DECEASED_TAIL = re.compile(rf"(?:^|(?<=[\s,(]))[\s,]*\(?\s*{_MARKER}\s*\.?\s*\)?$")
# Titles before the name: hajj and academic/religious ones, with or without the dot.
_PREFIX = re.compile(
    r"^(?:(?:HAJJAH|HAJAH|HAJI|HJ|H|DRS|DRA|DR|IR|PROF|KH|K\.H|USTADZ|UST|TGK|RD|RR)\s*\.\s*"
    r"|(?:HAJJAH|HAJAH|HAJI|HJ|DRS|DRA|PROF|KH|USTADZ)\s+)+"
)
# Degrees after the name, only the ones that exist (a middle initial "M. NUR" is not one):
# dotted ("S.PD", "S.E.", "A.MD.KEP", "M.PD") anywhere at the end, bare ("SE", "SPD") after a comma.
_DOTTED = (
    r"(?:S\s*\.\s*(?:PD(?:\s*\.?\s*(?:I|SD))?|E|H|AG|KOM|SOS|IP|T|SI|KED|KEP|HUT|PT|KM|FARM|PSI|STP|TP"
    r"|IKOM|HI|SY|TH|TR|AP|ST|AK|PI|P)|M\s*\.\s*(?:PD|SI|M|AG|KES|H|T|KOM|AP|SC|A)"
    r"|A\s*\.\s*(?:MD(?:\s*\.\s*(?:KEP|KEB|FARM))?|MA|MK))\s*\.?"
)
_BARE = (
    r"(?:SE|SH|SPD|SPDI|SAG|SKOM|SSOS|SIP|ST|SSI|SKM|SKEP|SKED|SHI|STP|AMD|AMK|MM|MSI|MPD|MH|MAG)"
)
_DEGREE = rf"(?:{_DOTTED}|{_BARE})"
_SUFFIX_COMMA = re.compile(rf"\s*,\s*{_DEGREE}(?:\s*,?\s*{_DEGREE})*\s*$")
_SUFFIX_DOTTED = re.compile(rf"\s+{_DOTTED}(?:\s*,?\s*{_DOTTED})*\s*$")


@dataclass(frozen=True)
class NameMarks:
    """The name without markers and titles, and what was found."""

    name: str
    deceased: bool
    titles: str  # the titles removed, as written ("H.", "DRS., S.PD"), or ""


#: Titles written without a dot that still open a name ("HAJI AHMAD"); "H AHMAD" is left alone.
_BARE_TITLES = frozenset({"HAJJAH", "HAJAH", "HAJI", "HJ", "DRS", "DRA", "PROF", "KH", "USTADZ"})


def plain(cleaned: str) -> bool:
    """True for the usual name that can carry no marker and no title (no regex needed): no dot,
    no comma, no parenthesis, no "ALM"/"MARHUM", and no bare title word in front."""
    return (
        "." not in cleaned
        and "," not in cleaned
        and "(" not in cleaned
        and "ALM" not in cleaned
        and "MARHUM" not in cleaned
        and cleaned.split(" ", 1)[0] not in _BARE_TITLES
    )


@lru_cache(maxsize=65536)
def read_marks(cleaned: str) -> NameMarks:
    """Markers and titles of an upper-case, single-spaced name."""
    name, deceased = cleaned, False
    for pattern in (_DECEASED_HEAD, _DECEASED_TAIL):
        stripped = pattern.sub(" " if pattern is _DECEASED_HEAD else "", name).strip()
        if stripped != name and stripped:
            name, deceased = stripped, True
    titles: list[str] = []
    if m := _PREFIX.match(name):
        rest = name[m.end() :].strip()
        if len(rest.replace(" ", "")) >= 2:
            titles.append(m.group(0).strip())
            name = rest
    for pattern in (_SUFFIX_COMMA, _SUFFIX_DOTTED):
        if m := pattern.search(name):
            rest = name[: m.start()].strip(" ,")
            if len(rest.replace(" ", "")) >= 2:
                titles.append(m.group(0).strip(" ,"))
                name = rest
                break
    return NameMarks(name.strip(" ,."), deceased, ", ".join(titles))
