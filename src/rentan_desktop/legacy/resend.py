"""Re-sent lists: file rows whose person is already registered here.

A desa sends its list again with a few changes. A row whose person already holds a registration
(the same NIK, or the same person under a spelling variant or a NIK typo, as the scorer judges it)
is never a new person: it is *sudah terdaftar* when the file says nothing new about them, or
*perubahan data* with the fields that differ, which a commit may apply as audited corrections.
A row holding a stored NIK under a clearly different person stays the NIK conflict it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rentan_desktop.domain import issues as iss
from rentan_desktop.domain import names
from rentan_desktop.domain.match_score import Verdict

STATUS_REGISTERED, STATUS_CHANGED = "sudah_terdaftar", "perubahan_data"
STATUS_CORRECTED = "dikoreksi"
REGISTERED, CHANGED = "legacy.sudah_terdaftar", "legacy.perubahan_data"
NIK_DIFFERS = "legacy.perubahan_data.nik"
#: fields a re-sent row is compared on (those the file maps and fills), in the order shown
COMPARED = (
    "nik",
    "no_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "alamat",
    "rt",
    "rw",
    "desa_kode",
    "no_hp",
)
#: fields a correction may change; a differing NIK is shown but never applied from a list (which
#: of the two is the typo is for the clerk to check against the KTP)
APPLIED = tuple(f for f in COMPARED if f != "nik")
FIELD_TEXT = {
    "nik": "NIK",
    "no_kk": "No. KK",
    "nama": "nama",
    "tempat_lahir": "tempat lahir",
    "tanggal_lahir": "tanggal lahir",
    "jenis_kelamin": "jenis kelamin",
    "nama_ibu": "nama ibu",
    "alamat": "alamat",
    "rt": "RT",
    "rw": "RW",
    "desa_kode": "desa",
    "no_hp": "no. HP",
}

iss.define_all(
    {
        REGISTERED: (
            "Sudah terdaftar: {nama} (data sama); tidak diimpor sebagai orang baru.",
            "Already registered: {nama} (same data); not imported as a new person.",
        ),
        CHANGED: (
            "Perubahan data untuk {nama} yang sudah terdaftar: {kolom}. Terapkan sebagai koreksi "
            'saat menyimpan (pilihan "Terapkan perubahan data sebagai koreksi", atau '
            "--apply-changes), atau periksa.",
            "Changed data for {nama}, already registered: {kolom}. Apply as corrections when "
            'committing (the "Terapkan perubahan data sebagai koreksi" choice, or '
            "--apply-changes), or check.",
        ),
        "legacy.perubahan_data.perlu_commit": (
            "--apply-changes hanya berlaku bersama --commit.",
            "--apply-changes only works together with --commit.",
        ),
        "legacy.perubahan_data.baris_salah": (
            "Perubahan tidak diterapkan: baris ini masih punya kesalahan.",
            "Changes not applied: this row still has errors.",
        ),
        NIK_DIFFERS: (
            "NIK di berkas berbeda dengan NIK terdaftar untuk {nama}; periksa KTP (NIK tidak diubah "
            "otomatis).",
            "The file's NIK differs from the registered NIK of {nama}; check the ID card (the NIK is "
            "not changed automatically).",
        ),
    }
)


@dataclass
class Registered:
    """A file row's person as already registered: the record, what differs, and why it matched."""

    uuid: str
    nama: str
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (stored, file)
    verdict: Verdict | None = None
    applied: bool = False  # a commit applied the changes as a correction
    refused: str | None = None  # why a commit could not apply them

    @property
    def status(self) -> str:
        return STATUS_CHANGED if self.changes else STATUS_REGISTERED

    def applicable(self) -> dict[str, Any]:
        """Field -> the file's value, for the changes a correction may apply."""
        return {f: new for f, (_old, new) in self.changes.items() if f in APPLIED}

    def as_dict(self) -> dict[str, Any]:
        return {
            "registrant": self.uuid,
            "status": self.status,
            "changes": {f: [_plain(old), _plain(new)] for f, (old, new) in self.changes.items()},
            "match": self.verdict.as_dict() if self.verdict else None,
            "applied": self.applied,
            "refused": self.refused,
        }


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _same(f: str, stored: object, given: object) -> bool:
    if stored == given:  # the usual case of a re-sent row: nothing to normalise
        return True
    if f in ("nama", "nama_ibu", "tempat_lahir", "alamat"):
        return names.clean(str(stored or "")) == names.clean(str(given or ""))
    if f in ("rt", "rw"):
        return str(stored or "").lstrip("0") == str(given or "").lstrip("0")
    if isinstance(stored, date) or isinstance(given, date):
        return str(_plain(stored)) == str(_plain(given))
    return str(stored or "") == str(given or "")


def differences(
    values: Mapping[str, object], stored: Mapping[str, object]
) -> dict[str, tuple[Any, Any]]:
    """Fields the file fills whose value differs from the stored one (a row's values hold only
    what its mapped columns gave)."""
    out: dict[str, tuple[Any, Any]] = {}
    # Both sides read with map in C: a 150,000-row re-sent list compares 1.8 million fields, and
    # most are equal (or blank in the file), so only the rest reach the Python-level checks.
    given_all = map(values.get, COMPARED)
    for f, given, old in zip(COMPARED, given_all, map(stored.get, COMPARED), strict=True):
        if given is None or given == "" or given == old or f not in stored:
            continue  # a blank cell says nothing new: it never erases a stored value
        if not _same(f, old, given):
            out[f] = (old, given)
    return out


def pick(
    row_index: int,
    partners: list[tuple[int, str, bool]],
    verdict: Callable[[int, int], Verdict],
    plainly_same: Callable[[int, int], bool],
) -> tuple[int, Verdict | None] | None:
    """The stored record a file row is the same person as, from its database partners.

    ``partners`` are (record index, reason, same NIK). A partner is the person when the scorer
    says so and the names agree (a same-NIK partner with the same name and birth date is taken at
    once, ``plainly_same``); a same-NIK partner wins over scored ones, then the highest score.
    """
    best: tuple[int, Verdict | None] | None = None
    best_score = float("-inf")
    for other, _why, same_nik in partners:
        if same_nik and plainly_same(row_index, other):
            return other, None  # the common case of a re-sent list: no need to score it
        v = verdict(row_index, other)
        if not (v.same and _names_agree(v)):
            continue  # one NIK, two differently named people: the NIK conflict stays an error
        rank = v.score + (1000 if same_nik else 0)
        if rank > best_score:
            best, best_score = (other, v), rank
    return best


def _names_agree(v: Verdict) -> bool:
    return any(f == "nama" and lv in ("sama", "mirip", "awalan") for f, lv, _ in v.fields)


def issues_for(reg: Registered) -> list[iss.Issue]:
    """The row's notice: registered unchanged, or the changes (and a NIK to check)."""
    if not reg.changes:
        return [iss.warning(REGISTERED, None, nama=reg.nama)]
    kolom = ", ".join(FIELD_TEXT[f] for f in reg.changes)
    found = [iss.warning(CHANGED, None, nama=reg.nama, kolom=kolom)]
    if "nik" in reg.changes:
        found.append(iss.warning(NIK_DIFFERS, "nik", nama=reg.nama))
    return found
