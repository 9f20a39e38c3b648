"""Double keying: a supervisor's sample of paper forms, each keyed again blind by a second operator.

The first keying's values are copied when the sample is drawn, so a later correction of the record
does not change what the first operator is judged on. Values are personal data: retention erases
them with the record (services/retention.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from rentan_desktop.storage.types import UTCDateTime


def _ts(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable)


class DoubleKeySample(SQLModel, table=True):
    """One draw of forms to key again (n % of a day's entries, or a list the supervisor gave)."""

    __tablename__ = "double_key_sample"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True)
    basis: str = "{}"  # JSON: how the forms were chosen (percent and day, or a list)
    created_by: str
    created_at: datetime = Field(sa_column=_ts())


class DoubleKeyItem(SQLModel, table=True):
    """One paper form of a sample: the first keying, the blind second keying, the outcome."""

    __tablename__ = "double_key_item"

    id: int | None = Field(default=None, primary_key=True)
    sample_id: int = Field(foreign_key="double_key_sample.id", index=True)
    registrant_uuid: str = Field(index=True)
    first_operator: str = Field(index=True)
    first_version: int
    first_keyed_at: datetime = Field(sa_column=_ts())
    first_values: str = "{}"  # JSON of the compared fields as first keyed
    second_operator: str | None = Field(default=None, index=True)
    second_values: str | None = None
    second_keyed_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))
    status: str = Field(default="menunggu", index=True)  # menunggu / cocok / beda / selesai
    fields_compared: int = 0
    resolved_by: str | None = None
    resolved_at: datetime | None = Field(default=None, sa_column=_ts(nullable=True))


class DoubleKeyDiff(SQLModel, table=True):
    """One field on which the two keyings differ, and which value the supervisor kept."""

    __tablename__ = "double_key_diff"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="double_key_item.id", index=True)
    field: str
    first_value: str | None = None
    second_value: str | None = None
    chosen: str | None = None  # "first" / "second" once resolved
