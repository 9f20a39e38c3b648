"""Tables of the legacy import and the duplicate workbench: imports, imported rows, saved column
mappings, duplicate decisions and data-quality snapshots."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from rentan_desktop.storage.types import UTCDateTime


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class LegacyImport(SQLModel, table=True):
    """One committed legacy import: which file (by hash), which sheet, who, and the counts."""

    __tablename__ = "legacy_import"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    file_name: str
    file_sha256: str = Field(index=True)
    sheet: str
    profile: str | None = None
    rows_read: int = 0
    rows_imported: int = 0
    rows_refused: int = 0
    rows_skipped: int = 0
    created_by: str
    created_at: datetime = Field(sa_column=_ts())


class LegacyRow(SQLModel, table=True):
    """A source row a commit turned into a registrant: re-importing the same row creates nothing."""

    __tablename__ = "legacy_row"

    id: int | None = Field(default=None, primary_key=True)
    row_key: str = Field(unique=True)  # "<file hash>:<sheet>:<row>", also in the report's ID BARIS
    import_id: int = Field(foreign_key="legacy_import.id", index=True)
    registrant_uuid: str = Field(index=True)


class LegacyProfile(SQLModel, table=True):
    """A saved column mapping for one source (a desa's own spreadsheet layout)."""

    __tablename__ = "legacy_profile"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    data: str  # JSON of rentan_desktop.legacy.mapping.Profile
    updated_by: str
    updated_at: datetime = Field(sa_column=_ts())


class DuplicateDecision(SQLModel, table=True):
    """A workbench decision on a cluster of possible duplicates: keep, merge or different people."""

    __tablename__ = "duplicate_decision"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    cluster_key: str = Field(index=True)
    members: str  # JSON list of registrant uuids
    decision: str  # keep / merge / different
    keep_uuid: str | None = None
    fields: str = "{}"  # JSON field -> uuid whose value was taken (merge)
    reason: str
    decided_by: str
    decided_at: datetime = Field(sa_column=_ts())


class QualitySnapshot(SQLModel, table=True):
    """How many records carried one kind of problem in one desa at one moment."""

    __tablename__ = "quality_snapshot"
    __table_args__ = (Index("ix_quality_snapshot_taken", "taken_at", "desa_kode"),)

    id: int | None = Field(default=None, primary_key=True)
    taken_at: datetime = Field(sa_column=_ts())
    desa_kode: str
    code: str
    count: int
