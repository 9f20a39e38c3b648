"""Tables for printed documents: RT review lists (and the results keyed back) and the card queue."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rentan_desktop.storage.types import UTCDateTime


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class RtReviewList(SQLModel, table=True):
    """One printed RT review list; its ``code`` is printed (and in the QR) on every page."""

    __tablename__ = "rt_review_list"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    desa_kode: str = Field(foreign_key="wilayah.kode", max_length=10)
    rt: str = Field(max_length=3)
    rw: str = ""  # the RW filter used, '' when the list covers every RW of the RT
    periode: int
    paper: str = "a4"
    row_count: int = 0
    status: str = "printed"  # printed -> keyed (every row has a result)
    created_by: str
    created_at: datetime = Field(sa_column=_ts())
    keyed_by: str | None = None
    keyed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class RtReviewRow(SQLModel, table=True):
    """One person on a printed list, in print order, and what the RT head marked."""

    __tablename__ = "rt_review_row"
    __table_args__ = (UniqueConstraint("list_id", "row_no", name="uq_rt_review_row_no"),)

    id: int | None = Field(default=None, primary_key=True)
    list_id: int = Field(foreign_key="rt_review_list.id", index=True)
    row_no: int
    registrant_uuid: str = Field(index=True)
    result: str | None = None  # sesuai / pindah / meninggal / bukan / perbaikan
    correction: str = ""
    outcome: str = ""  # what keying did to the record (status change, note, or why nothing)
    keyed_by: str | None = None
    keyed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class CardPrint(SQLModel, table=True):
    """The print queue: one card for one registrant, requested -> printed -> handed over."""

    __tablename__ = "card_print"
    __table_args__ = (Index("ix_card_print_state", "state", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    registrant_uuid: str = Field(index=True)
    kpj: str = ""
    coverage_start: date
    coverage_end: date
    token: str = ""  # the signed QR text (never the NIK), set when printed
    state: str = "requested"  # requested / printed / handed_over / cancelled
    requested_by: str
    requested_at: datetime = Field(sa_column=_ts())
    printed_by: str | None = None
    printed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    print_job: str | None = None  # groups the cards of one PDF
    handed_over_on: date | None = None
    receiver: str = ""
    handed_over_by: str | None = None
