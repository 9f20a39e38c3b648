"""The paper form's fields in keying order, and conversions between stored records and form text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP

from rentan_desktop.domain.registrant import RegistrantInput
from rentan_desktop.storage.models import Registrant

CONTEXT = "EntryForm"


@dataclass(frozen=True)
class FieldSpec:
    """One field: its record name, its label (source text in the ``EntryForm`` context), its kind."""

    name: str
    label: str
    kind: str = "text"  # text / upper / identity (NIK, KK) / choice / desa
    pattern: str = ""
    max_length: int = 0


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("nik", QT_TRANSLATE_NOOP("EntryForm", "NIK"), "identity", max_length=16),
    FieldSpec("no_kk", QT_TRANSLATE_NOOP("EntryForm", "Nomor KK"), "identity", max_length=16),
    FieldSpec("nama", QT_TRANSLATE_NOOP("EntryForm", "Nama lengkap"), "upper", max_length=100),
    FieldSpec(
        "tempat_lahir", QT_TRANSLATE_NOOP("EntryForm", "Tempat lahir"), "upper", max_length=60
    ),
    FieldSpec(
        "tanggal_lahir",
        QT_TRANSLATE_NOOP("EntryForm", "Tanggal lahir (ddmmyyyy)"),
        pattern=r"\d{0,8}",
        max_length=8,
    ),
    FieldSpec("jenis_kelamin", QT_TRANSLATE_NOOP("EntryForm", "Jenis kelamin (L/P)"), "choice"),
    FieldSpec(
        "nama_ibu", QT_TRANSLATE_NOOP("EntryForm", "Nama ibu kandung"), "upper", max_length=100
    ),
    FieldSpec("alamat", QT_TRANSLATE_NOOP("EntryForm", "Alamat"), "upper", max_length=200),
    FieldSpec("rt", QT_TRANSLATE_NOOP("EntryForm", "RT"), pattern=r"\d{0,3}", max_length=3),
    FieldSpec("rw", QT_TRANSLATE_NOOP("EntryForm", "RW"), pattern=r"\d{0,3}", max_length=3),
    FieldSpec("desa_kode", QT_TRANSLATE_NOOP("EntryForm", "Desa/kelurahan"), "desa"),
    # Free text: "tidak ada", "-" and two numbers are the service's to read (domain.phone).
    FieldSpec("no_hp", QT_TRANSLATE_NOOP("EntryForm", "Nomor HP"), max_length=40),
    FieldSpec("pekerjaan_kode", QT_TRANSLATE_NOOP("EntryForm", "Pekerjaan"), "choice"),
    FieldSpec("sumber_dana_id", QT_TRANSLATE_NOOP("EntryForm", "Sumber dana"), "choice"),
    FieldSpec(
        "penghasilan", QT_TRANSLATE_NOOP("EntryForm", "Penghasilan (Rp)"), pattern=r"\d{0,12}"
    ),
    FieldSpec("notes", QT_TRANSLATE_NOOP("EntryForm", "Catatan"), max_length=1000),
)
NAMES = tuple(f.name for f in FIELDS)
CARRY = ("desa_kode", "rt", "rw", "pekerjaan_kode", "sumber_dana_id")


def to_input(values: dict[str, str]) -> RegistrantInput:
    """The form's text as service input (the services validate and normalise it)."""
    return RegistrantInput(**{name: values.get(name, "") for name in NAMES})  # type: ignore[arg-type]


def from_record(row: Registrant) -> dict[str, str]:
    """A stored record as the text the clerk would have typed."""
    out: dict[str, str] = {}
    for name in NAMES:
        value = getattr(row, name)
        if isinstance(value, date):
            out[name] = value.strftime("%d%m%Y")
        elif name == "no_hp" and value:
            out[name] = "0" + str(value)[3:] if str(value).startswith("+62") else str(value)
        else:
            out[name] = "" if value is None else str(value)
    return out
