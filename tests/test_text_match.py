"""Case-insensitive LIKE: the same matches on SQLite and PostgreSQL, typed wildcards literal."""

from __future__ import annotations

from sqlalchemy import Column, Engine, MetaData, String, Table, create_engine, insert, select

from rentan_desktop.storage.text_match import like_ci, like_pattern

NAMES = ["Senyiur", "SENDAWAR", "Kelinjau Ilir", "50% Jaya", "50x Jaya", "A_B", "AxB"]


def _matches(engine: Engine) -> dict[str, list[str]]:
    meta = MetaData()
    place = Table("place", meta, Column("nama", String))
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(place), [{"nama": n} for n in NAMES])
        out = {}
        for typed, prefix in (("sen", True), ("ILIR", False), ("50%", False), ("a_b", False)):
            found = select(place.c.nama).where(
                like_ci(place.c.nama, like_pattern(typed, prefix=prefix))
            )
            out[typed] = sorted(conn.execute(found.order_by(place.c.nama)).scalars())
    return out


EXPECTED = {
    "sen": ["SENDAWAR", "Senyiur"],
    "ILIR": ["Kelinjau Ilir"],
    "50%": ["50% Jaya"],  # not "50x Jaya": the typed % is a character
    "a_b": ["A_B"],  # not "AxB"
}


def test_sqlite_matches() -> None:
    assert _matches(create_engine("sqlite://")) == EXPECTED


def test_postgresql_matches(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        assert _matches(engine) == EXPECTED
    finally:
        engine.dispose()
