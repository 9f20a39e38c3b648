"""The batch row layout, canonical text of each cell, and per-row hashes.

A batch row is a tuple of *text* values in the fixed column order of :data:`COLUMNS`; ``None``
becomes ``""`` (an empty cell cannot tell them apart), dates are ISO ``YYYY-MM-DD``, timestamps ISO
8601 UTC, integers decimal. The signed manifest covers, per row, the SHA-256 of the canonical JSON
array of these texts (so no two different rows share bytes: the array form is injective), plus a
one-byte tag per field (CRC-32 low byte) that lets the verifier name the field that changed; the
security rests on the full row hashes and their combined hash, the tags are only a diagnosis.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_CELL_CHARS = 32_767  # Excel's limit; xlsxwriter refuses longer strings


@dataclass(frozen=True)
class Column:
    """One column of the batch sheet."""

    key: str  # attribute name on the record
    header: str  # header text in the workbook (Bahasa Indonesia)
    identity: bool = False  # digits that must stay text (NIK, KK, KPJ, codes, phone)


COLUMNS: tuple[Column, ...] = (
    Column("uuid", "UUID"),
    Column("version", "Versi"),
    Column("nik", "NIK", identity=True),
    Column("no_kk", "No KK", identity=True),
    Column("nama", "Nama"),
    Column("tempat_lahir", "Tempat Lahir"),
    Column("tanggal_lahir", "Tanggal Lahir"),
    Column("jenis_kelamin", "Jenis Kelamin"),
    Column("nama_ibu", "Nama Ibu Kandung"),
    Column("alamat", "Alamat"),
    Column("rt", "RT", identity=True),
    Column("rw", "RW", identity=True),
    Column("desa_kode", "Kode Desa", identity=True),
    Column("kecamatan_kode", "Kode Kecamatan", identity=True),
    Column("no_hp", "No HP", identity=True),
    Column("pekerjaan_kode", "Kode Pekerjaan", identity=True),
    Column("penghasilan", "Penghasilan"),
    Column("sumber_dana", "Sumber Dana"),
    Column("periode", "Periode"),
    Column("status", "Status"),
    Column("kpj", "KPJ", identity=True),
    Column("coverage_start", "Mulai Perlindungan"),
    Column("coverage_end", "Akhir Perlindungan"),
    Column("notes", "Catatan"),
    Column("origin_office", "Kantor Asal", identity=True),
    Column("created_by", "Dibuat Oleh"),
    Column("created_at", "Dibuat"),
    Column("updated_by", "Diubah Oleh"),
    Column("updated_at", "Diubah"),
)
HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_text(value: str) -> str:
    """The text as it will survive a write and read of the workbook.

    Unicode noncharacters U+FFFE/U+FFFF come back from Excel files as ``_xFFFE_`` escapes, so they
    become U+FFFD; text beyond Excel's 32,767 characters is cut. Everything else (newlines, leading
    spaces, combining marks, '=' prefixes) is kept exactly.
    """
    if "\ufffe" in value or "\uffff" in value:
        value = value.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
    return value[:MAX_CELL_CHARS]


@dataclass(frozen=True)
class RowHash:
    """The signed fingerprint of one row: full digest and one diagnostic byte per field."""

    digest: bytes  # SHA-256 of the canonical JSON array
    tags: bytes  # CRC-32 low byte of each field's UTF-8 text

    def encode(self) -> str:
        """Compact text for the manifest: base64url of the first 12 digest bytes and the tags."""
        return base64.urlsafe_b64encode(self.digest[:12] + self.tags).decode("ascii")

    @staticmethod
    def decode(text: str) -> tuple[bytes, bytes]:
        """Split a manifest entry into (digest prefix, tags); raises ValueError if malformed."""
        raw = base64.urlsafe_b64decode(text.encode("ascii"))
        if len(raw) < 12:
            raise ValueError("row hash entry too short")
        return raw[:12], raw[12:]


def row_hash(row: Sequence[str]) -> RowHash:
    """Hash one row of canonical texts."""
    digest = hashlib.sha256(_dumps(list(row)).encode("utf-8")).digest()
    tags = bytes(zlib.crc32(v.encode("utf-8")) & 0xFF for v in row)
    return RowHash(digest, tags)


def row_digest(row: Sequence[str]) -> bytes:
    """Only the SHA-256 of one row (the verifier's fast path)."""
    return hashlib.sha256(_dumps(list(row)).encode("utf-8")).digest()


def changed_fields(row: Sequence[str], signed_tags: bytes) -> list[str]:
    """Headers of the fields whose diagnostic tag differs from the signed one."""
    changed = [
        COLUMNS[i].header
        for i, value in enumerate(row)
        if i >= len(signed_tags) or (zlib.crc32(value.encode("utf-8")) & 0xFF) != signed_tags[i]
    ]
    return changed


class RowsHasher:
    """Running hash of all rows in order: SHA-256 over the concatenated row digests."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.count = 0

    def add(self, digest: bytes) -> None:
        self._hash.update(digest)
        self.count += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def rows_sha256(rows: Iterable[Sequence[str]]) -> str:
    """The combined hash of rows, as written into the manifest's ``rows_sha256``."""
    hasher = RowsHasher()
    for row in rows:
        hasher.add(row_digest(row))
    return hasher.hexdigest()
