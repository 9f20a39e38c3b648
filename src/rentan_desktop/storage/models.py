"""Core tables. Alembic owns the schema (see migrations/); NIK, KK and KPJ are TEXT everywhere."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, text
from sqlmodel import Field, SQLModel

from rentan_desktop.storage.types import UTCDateTime, utcnow


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class Wilayah(SQLModel, table=True):
    """Kemendagri administrative region (province .. desa/kelurahan), keyed by its digit code."""

    kode: str = Field(primary_key=True, max_length=10)  # digits only: 64, 6408, 640801, 6408012001
    nama: str
    level: int = Field(index=True)  # 1 provinsi, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan
    tipe: str  # provinsi, kabupaten, kota, kecamatan, kelurahan, desa
    induk: str | None = Field(default=None, index=True)


class Office(SQLModel, table=True):
    """This installation's office identity (exactly one row)."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    kode: str  # Kemendagri code of the office's area: 2 (prov), 4 (kab) or 6 (kec) digits
    nama: str
    level: str  # kecamatan / kabupaten / provinsi
    created_at: datetime = Field(sa_column=_ts())


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    full_name: str
    role: str
    password_hash: str
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    created_at: datetime = Field(sa_column=_ts())
    last_login: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class SumberDana(SQLModel, table=True):
    """A funder (pemberi bantuan iuran) with its eligibility rules as data."""

    __tablename__ = "sumber_dana"

    id: int | None = Field(default=None, primary_key=True)
    kode: str = Field(unique=True)
    nama: str
    usia_min: int | None = None
    usia_max: int | None = None
    domisili_kab: str | None = None
    aktif: bool = True
    dasar_hukum: str = ""  # legal basis printed on the privacy notice


class Pekerjaan(SQLModel, table=True):
    """Occupation category of pekerja rentan."""

    kode: str = Field(primary_key=True)
    nama: str
    aktif: bool = True


class Target(SQLModel, table=True):
    """How many people a funder means to cover in an area and programme year."""

    id: int | None = Field(default=None, primary_key=True)
    sumber_dana_id: int = Field(foreign_key="sumber_dana.id")
    periode: int
    wilayah_kode: str = Field(foreign_key="wilayah.kode")
    jumlah: int


class Tariff(SQLModel, table=True):
    """Monthly contribution per person from a date on (dated, editable data, never code)."""

    id: int | None = Field(default=None, primary_key=True)
    berlaku_mulai: date
    iuran_jkk: int
    iuran_jkm: int
    penghasilan_dasar: int
    keterangan: str = ""


class Registrant(SQLModel, table=True):
    __table_args__ = (
        # One active registration per NIK per programme period (hard block).
        Index(
            "uq_registrant_active_nik",
            "nik",
            "periode",
            unique=True,
            sqlite_where=text("status NOT IN ('rejected', 'inactive')"),
            postgresql_where=text("status NOT IN ('rejected', 'inactive')"),
        ),
        Index("ix_registrant_name_norm", "name_norm", "id"),
        Index("ix_registrant_nama", "nama", "id"),
        Index("ix_registrant_desa_rt", "desa_kode", "rt", "id"),
        Index("ix_registrant_desa_id", "desa_kode", "id"),  # the list filtered by desa (0009)
        Index("ix_registrant_desa_name", "desa_kode", "name_norm"),  # duplicate candidates (0010)
        Index("ix_registrant_kecamatan", "kecamatan_kode", "id"),
        Index("ix_registrant_status", "status", "id"),
        Index("ix_registrant_periode_status_desa", "periode", "status", "desa_kode"),
        Index("ix_registrant_periode_status_pekerjaan", "periode", "status", "pekerjaan_kode"),
        Index("ix_registrant_updated_at", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    version: int = 1
    nik: str = Field(index=True, max_length=16)
    no_kk: str | None = Field(default=None, max_length=16)
    nama: str
    name_norm: str = ""
    tempat_lahir: str = ""
    tanggal_lahir: date = Field(index=True)
    jenis_kelamin: str = Field(max_length=1)
    nama_ibu: str = ""
    alamat: str = ""
    rt: str = Field(max_length=3)
    rw: str = Field(max_length=3)
    desa_kode: str = Field(foreign_key="wilayah.kode", max_length=10)
    kecamatan_kode: str = Field(max_length=6)
    no_hp: str | None = None
    pekerjaan_kode: str = Field(foreign_key="pekerjaan.kode", index=True)
    penghasilan: int = 1_000_000
    sumber_dana_id: int = Field(foreign_key="sumber_dana.id", index=True)
    periode: int
    status: str = "draft"
    status_reason: str = ""
    nik_verifikasi: str = "belum"  # belum / valid / anomali / ganda (Disdukcapil check)
    kpj: str | None = Field(default=None, max_length=11)
    coverage_start: date | None = None
    coverage_end: date | None = None
    notes: str = ""
    warnings: str = ""  # JSON list of warning codes at last save
    origin_office: str = ""
    origin_batch: str | None = None
    sent_version: int | None = None  # version last sent in a batch; a later edit is a correction
    created_by: str
    created_at: datetime = Field(sa_column=_ts())
    updated_by: str
    updated_at: datetime = Field(sa_column=_ts())
    # The table also has ``row_mac`` (migration 0011), deliberately not mapped: only the seal
    # triggers of the app's writer connections write it (services/audit_seal.py), so no ORM
    # flush can ever overwrite a seal.


class DuplicateDismissal(SQLModel, table=True):
    """A supervisor's decision that two records are different people, with the reason."""

    __tablename__ = "duplicate_dismissal"

    id: int | None = Field(default=None, primary_key=True)
    uuid_a: str = Field(index=True)
    uuid_b: str = Field(index=True)
    reason: str
    decided_by: str
    decided_at: datetime = Field(sa_column=_ts())


class AuditEvent(SQLModel, table=True):
    """Append-only, hash-chained trail: every change, export and decision with who, when and why."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    ts: datetime = Field(sa_column=_ts())
    actor: str
    action: str = Field(index=True)
    entity: str
    entity_uuid: str | None = Field(default=None, index=True)
    detail: str = "{}"  # canonical JSON
    prev_hash: str
    hash: str = Field(unique=True)


class RegistrantChange(SQLModel, table=True):
    """Old and new value of one field in one correction.

    Kept apart from the append-only audit trail (which records only which fields changed and a
    digest) so that retention can erase personal data without breaking the hash chain.
    """

    __tablename__ = "registrant_change"

    id: int | None = Field(default=None, primary_key=True)
    registrant_uuid: str = Field(index=True)
    version: int
    field: str
    old_value: str | None = None
    new_value: str | None = None


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str  # JSON


class EntryDraft(SQLModel, table=True):
    """The form being typed, saved on every field change so a power cut loses at most a keystroke."""

    __tablename__ = "entry_draft"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True)
    registrant_uuid: str | None = None  # set when editing an existing record
    data: str  # JSON of the form fields
    updated_at: datetime = Field(sa_column=_ts())


def now() -> datetime:
    return utcnow()
