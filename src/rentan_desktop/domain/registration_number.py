"""The short registration number printed on the registration form (``4F3A-91C2``).

It is the first eight hex digits of the record's UUID, grouped in fours: short enough to read out
over the phone or copy from the form, and found through the UUID's own unique index. It is not
unique by construction: 32 bits among 160,000 records give a few pairs that share a number in a
whole regency, so a look-up can return more than one record and the caller must let the user
choose (by name and desa) instead of picking one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPED = re.compile(r"^\s*([0-9A-Fa-f]{4})[\s\-.]?([0-9A-Fa-f]{4})\s*$")


@dataclass(frozen=True)
class RegistrationNumber:
    """Eight lower-case hex digits: the head of a record's UUID."""

    head: str

    @classmethod
    def of(cls, uuid: str) -> RegistrationNumber:
        return cls(uuid.replace("-", "").lower()[:8])

    @classmethod
    def parse(cls, typed: str) -> RegistrationNumber | None:
        """The number as a user types it (``4F3A-91C2``, ``4f3a 91c2``, ``4F3A91C2``), or None.

        A 16-digit NIK or a whole UUID is not a registration number.
        """
        match = _TYPED.match(typed)
        return cls((match.group(1) + match.group(2)).lower()) if match else None

    def __str__(self) -> str:
        upper = self.head.upper()
        return f"{upper[:4]}-{upper[4:]}"

    def uuid_ranges(self) -> tuple[tuple[str, str], ...]:
        """Half-open ranges of UUID text that start with this number, in lower and upper case
        (a UUID is written ``xxxxxxxx-…``): a range on the unique index, not a scan."""
        lower, upper = self.head, self.head.upper()
        return ((lower + "-", lower + "."), (upper + "-", upper + "."))
