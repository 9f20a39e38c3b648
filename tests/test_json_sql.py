"""JSON keys of text columns read the same way on SQLite and (as compiled) on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, literal_column, select
from sqlalchemy.dialects import postgresql

from rentan_desktop.storage.json_sql import json_array_length, json_text

DETAIL = literal_column("""'{"source": "desa.xlsx", "fields": ["nama", "rt"], "none": null}'""")


def test_sqlite_reads_keys() -> None:
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        row = conn.execute(
            select(
                json_text(DETAIL, "source"),
                json_text(DETAIL, "missing"),
                json_text(DETAIL, "none"),
                json_array_length(DETAIL, "fields"),
                json_array_length(DETAIL, "missing"),
            )
        ).one()
    assert tuple(row) == ("desa.xlsx", None, None, 2, None)


def test_two_keys_in_one_statement_stay_apart() -> None:
    both = select(json_text(DETAIL, "source"), json_text(DETAIL, "fields"))
    with create_engine("sqlite://").connect() as conn:
        for _ in range(2):  # a cached compilation would hand the second key the first one's SQL
            assert tuple(conn.execute(both).one()) == ("desa.xlsx", '["nama","rt"]')


def test_postgresql_spelling() -> None:
    sql = str(
        select(json_text(DETAIL, "source"), json_array_length(DETAIL, "fields")).compile(
            dialect=postgresql.dialect()
        )
    )
    assert "AS JSONB) ->> 'source'" in sql
    assert "jsonb_array_length(CAST(" in sql and "AS JSONB) -> 'fields')" in sql


def test_only_code_keys_are_inlined() -> None:
    with pytest.raises(ValueError):
        json_text(DETAIL, "x'); DROP TABLE registrant; --")


def test_postgresql_reads_keys(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                select(
                    json_text(DETAIL, "source"),
                    json_text(DETAIL, "missing"),
                    json_text(DETAIL, "none"),
                    json_array_length(DETAIL, "fields"),
                    json_array_length(DETAIL, "missing"),
                )
            ).one()
    finally:
        engine.dispose()
    assert tuple(row) == ("desa.xlsx", None, None, 2, None)
