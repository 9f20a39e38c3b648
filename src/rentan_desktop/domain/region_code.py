"""Kemendagri region codes: one value type instead of slicing strings by hand.

A code names a province (``64``), a kabupaten/kota (``64.08``), a kecamatan (``64.08.01``) or a
desa/kelurahan (``64.08.01.2001``). Kemendagri lists print it dotted; the database, batches and
NIKs carry it plain (``6408012001``). Each level's code begins with its parent's, so the province,
kabupaten and kecamatan of a code are its first 2, 4 and 6 digits; this module is the one place
that knows those widths.

Dots are separators and are ignored when parsing, as the set-up wizard and the CLI always did
(``64.08.01``, ``640801`` and ``6408.01`` are the same kecamatan).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

PROVINSI: Final = "provinsi"
KABUPATEN: Final = "kabupaten"
KECAMATAN: Final = "kecamatan"
DESA: Final = "desa"

#: Digits of a code at each level, top down.
LENGTHS: Final = {PROVINSI: 2, KABUPATEN: 4, KECAMATAN: 6, DESA: 10}
_LEVEL_BY_LENGTH: Final = {n: level for level, n in LENGTHS.items()}
_DOTTED_WIDTHS: Final = (2, 2, 2, 4)  # 64 . 08 . 01 . 2001


class InvalidRegionCode(ValueError):
    """The text is not a province, kabupaten, kecamatan or desa code."""


@dataclass(frozen=True, slots=True)
class RegionCode:
    """A valid region code at one of the four levels, held as plain digits."""

    digits: str

    def __post_init__(self) -> None:
        if not (self.digits.isascii() and self.digits.isdigit()):
            raise InvalidRegionCode(self.digits)
        if len(self.digits) not in _LEVEL_BY_LENGTH:
            raise InvalidRegionCode(self.digits)

    @classmethod
    def parse(cls, text: object) -> RegionCode:
        """The code in ``text``, dotted (``64.08.01.2001``) or plain (``6408012001``).

        Raises:
            InvalidRegionCode: not digits, or not 2, 4, 6 or 10 of them.
        """
        if isinstance(text, RegionCode):
            return text
        return cls(str(text).strip().replace(".", ""))

    @classmethod
    def try_parse(cls, text: object) -> RegionCode | None:
        """Like :meth:`parse`, but None for anything that is not a region code."""
        if text is None:
            return None
        try:
            return cls.parse(text)
        except InvalidRegionCode:
            return None

    @property
    def level(self) -> str:
        """``provinsi``, ``kabupaten``, ``kecamatan`` or ``desa``."""
        return _LEVEL_BY_LENGTH[len(self.digits)]

    def at(self, level: str) -> RegionCode | None:
        """This code's region at ``level`` (itself, or an ancestor); None below its own level."""
        width = LENGTHS[level]
        if width > len(self.digits):
            return None
        return self if width == len(self.digits) else _trusted(self.digits[:width])

    @property
    def provinsi(self) -> RegionCode:
        """The province (every code has one)."""
        return _trusted(self.digits[: LENGTHS[PROVINSI]])

    @property
    def kabupaten(self) -> RegionCode | None:
        """The kabupaten/kota, or None for a province code."""
        return self.at(KABUPATEN)

    @property
    def kecamatan(self) -> RegionCode | None:
        """The kecamatan, or None for a province or kabupaten code."""
        return self.at(KECAMATAN)

    @property
    def desa(self) -> RegionCode | None:
        """The desa/kelurahan itself, or None for any higher level."""
        return self.at(DESA)

    @property
    def parent(self) -> RegionCode | None:
        """The region one level up; None for a province."""
        widths = sorted(_LEVEL_BY_LENGTH)
        i = widths.index(len(self.digits))
        return _trusted(self.digits[: widths[i - 1]]) if i else None

    @property
    def parts(self) -> tuple[str, ...]:
        """The code's parts as Kemendagri prints them: ``("64", "08", "01", "2001")``."""
        out, start = [], 0
        for width in _DOTTED_WIDTHS:
            if start >= len(self.digits):
                break
            out.append(self.digits[start : start + width])
            start += width
        return tuple(out)

    @property
    def dotted(self) -> str:
        """``64.08.01.2001``, as printed in Kemendagri lists."""
        return ".".join(self.parts)

    def contains(self, other: RegionCode) -> bool:
        """True when ``other`` is this region or lies inside it."""
        return other.digits.startswith(self.digits)

    def __str__(self) -> str:
        return self.digits


def _trusted(digits: str) -> RegionCode:
    """A RegionCode from digits already known valid (a prefix of a valid code at a level width)."""
    code = object.__new__(RegionCode)
    object.__setattr__(code, "digits", digits)
    return code


# Plain-string shortcuts for codes already stored (validated when they were saved). They run per
# row on 150,000-row imports, where building a RegionCode for each row would cost measurable time.


def kecamatan_of(code: str) -> str:
    """The kecamatan digits of a stored kecamatan or desa code (or of a NIK's region prefix)."""
    return code[: LENGTHS[KECAMATAN]]


def kabupaten_of(code: str) -> str:
    """The kabupaten digits of a stored code at kabupaten level or below."""
    return code[: LENGTHS[KABUPATEN]]


def provinsi_of(code: str) -> str:
    """The province digits of a stored code."""
    return code[: LENGTHS[PROVINSI]]
