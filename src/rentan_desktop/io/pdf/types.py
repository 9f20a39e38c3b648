"""Plain values the PDF adapters draw: no database rows, no reportlab types.

Services build these from records (masking the NIK on the way) and hand them to the adapters in
this package. Every NIK field here is *already masked*; the constructors refuse a full NIK so that
a slip in a service can never put one on paper (UU Adminduk Pasal 79, Dukcapil's guidance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

MM = 72 / 25.4  # points per millimetre

# A run of 16 digits is a full NIK (or KK number); masked values carry asterisks in the middle.
_FULL_ID = re.compile(r"\d{16}")


class Paper(StrEnum):
    """Paper sizes offered for every document: A4 and F4/Folio (215 x 330 mm, not US Legal)."""

    A4 = "a4"
    F4 = "f4"

    @property
    def size(self) -> tuple[float, float]:
        """Portrait (width, height) in points."""
        if self is Paper.A4:
            return (210 * MM, 297 * MM)
        return (215 * MM, 330 * MM)

    @property
    def landscape(self) -> tuple[float, float]:
        """Landscape (width, height) in points."""
        width, height = self.size
        return (height, width)


def _check_masked(value: str, what: str) -> None:
    if _FULL_ID.search(value.replace(" ", "").replace(".", "").replace("-", "")):
        raise ValueError(f"{what} must be masked before it reaches a PDF")


@dataclass(frozen=True)
class Region:
    """Where a document belongs, by name (codes are for the database, names for people)."""

    kabupaten: str
    kecamatan: str = ""
    desa: str = ""


@dataclass(frozen=True)
class RtListRow:
    """One person on an RT review list."""

    no: int
    nama: str
    nik_masked: str
    umur: str  # age in years on the print date: beside a masked NIK never the birth date
    alamat: str
    pekerjaan: str

    def __post_init__(self) -> None:
        _check_masked(self.nik_masked, "nik_masked")


@dataclass(frozen=True)
class RtList:
    """An RT review list: who the office believes lives and works in one RT.

    Attributes:
        list_code: the code the clerk types (or scans from the QR) when the list comes back.
        periode: programme year shown in the title.
        printed_on: the date printed in the header and beside the signature.
        rows: people in print order; ``no`` is what the clerk keys results against.
        rw: the RW, or '' when the RT spans several RWs (each address then names its RW).
        return_by: the day the signed list must be back at the office.
        blank_rows: empty numbered rows at the end for people the list misses.
    """

    list_code: str
    region: Region
    rt: str
    rw: str
    periode: int
    printed_on: date
    rows: tuple[RtListRow, ...]
    office_name: str = ""
    return_by: date | None = None
    blank_rows: int = 3


@dataclass(frozen=True)
class Card:
    """One proof-of-coverage card (Bukti Kepesertaan), 85.6 x 54 mm."""

    nama: str
    nik_masked: str
    kpj: str
    coverage_start: date
    coverage_end: date
    funder: str
    office_name: str
    issued_on: date
    token: str
    kabupaten: str
    programme: str = "Bantuan Iuran BPJS Ketenagakerjaan"
    birth_year: str = ""  # the year only: beside a masked NIK a birth date would rebuild it
    desa: str = ""

    def __post_init__(self) -> None:
        _check_masked(self.nik_masked, "nik_masked")


@dataclass(frozen=True)
class Count:
    """One line of a breakdown table: a label and how many records carry it."""

    label: str
    count: int


@dataclass(frozen=True)
class Party:
    """Someone who signs a document: role printed above the line, name and NIP below it."""

    role: str
    name: str = ""
    nip: str = ""
    with_nip: bool = True


@dataclass(frozen=True)
class Handover:
    """Berita Acara Serah Terima Data for one exported batch."""

    batch_code: str
    region: Region
    office_name: str
    handed_on: date
    record_count: int
    fingerprint: str
    by_desa: tuple[Count, ...]
    by_pekerjaan: tuple[Count, ...]
    by_sex: tuple[Count, ...]
    clerk: Party
    camat: Party
    coordinator: Party
    place: str = ""
    file_name: str = ""
    corrections: int = 0  # records of this batch that were sent before (corrected data)
    letter_no: str = ""  # '' prints a line to fill in by hand
    address: str = ""  # the office's address for the letterhead


@dataclass(frozen=True)
class PrivacyNotice:
    """The UU PDP notice printed on a registration form; the legal basis is configuration."""

    purpose: str = (
        "pemberian bantuan iuran Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) "
        "BPJS Ketenagakerjaan bagi pekerja rentan"
    )
    legal_basis: str = "Peraturan Bupati tentang bantuan iuran jaminan sosial ketenagakerjaan"
    recipients: str = (
        "BPJS Ketenagakerjaan; Dinas Kependudukan dan Pencatatan Sipil untuk verifikasi"
    )
    retention: str = "selama masa kepesertaan ditambah 5 tahun, kemudian dimusnahkan"
    controller: str = ""
    contact: str = ""


@dataclass(frozen=True)
class FormField:
    """A label and its printed value on the registration form."""

    label: str
    value: str


@dataclass(frozen=True)
class RegistrationForm:
    """One person's registration data, ready to print for the worker to keep or sign."""

    record_ref: str
    region: Region
    office_name: str
    printed_on: date
    fields: tuple[FormField, ...]
    notice: PrivacyNotice = field(default_factory=PrivacyNotice)
    nama: str = ""
    place: str = ""
    holder_copy: bool = False  # the worker's own copy: their own NIK and KK in full

    def __post_init__(self) -> None:
        if self.holder_copy:  # the person's own data, printed for them to check and sign
            return
        for item in self.fields:
            _check_masked(item.value, item.label)


@dataclass(frozen=True)
class CardReceiptRow:
    """One handed-over card on the receipt list."""

    nama: str
    nik_masked: str
    kpj: str
    desa: str

    def __post_init__(self) -> None:
        _check_masked(self.nik_masked, "nik_masked")


@dataclass(frozen=True)
class CardReceipt:
    """Tanda Terima Kartu: cards handed to one receiver on one day, for signing."""

    region: Region
    office_name: str
    receiver: str
    handed_on: date
    rows: tuple[CardReceiptRow, ...]
    address: str = ""


@dataclass(frozen=True)
class ReconciliationCount:
    """Records of the batch in one status: here, and per the last receipt (sender side)."""

    status: str
    here: int
    per_receipt: int


@dataclass(frozen=True)
class ReconciliationDifference:
    """A record whose state here differs from what the last receipt said."""

    nama: str
    nik_masked: str
    here: str
    per_receipt: str
    reason: str

    def __post_init__(self) -> None:
        _check_masked(self.nik_masked, "nik_masked")


@dataclass(frozen=True)
class Reconciliation:
    """One page setting a batch's records per status side by side (issue 19)."""

    region: Region
    office_name: str
    batch_code: str
    at_sender: bool
    printed_on: date
    receipts: int
    counts: tuple[ReconciliationCount, ...]
    differences: tuple[ReconciliationDifference, ...]
