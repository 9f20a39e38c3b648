"""One migration history, two backends: `alembic upgrade head` on a fresh PostgreSQL database makes
the same tables, columns and indexes as on a SQLite file, plus the server's own equivalents of
SQLite's FTS5 name index and append-only audit triggers. Against a real server (tests/pg_server.py).
"""

from __future__ import annotations

import socket
import warnings
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError, SAWarning

from rentan_desktop.domain import issues
from rentan_desktop.storage import location, migrate, server
from rentan_desktop.storage.location import LocationRefused, ServerLocation

# What only SQLite has: the FTS5 table behind the name search and its shadow tables.
SQLITE_ONLY_TABLES = {
    "registrant_fts",
    "registrant_fts_data",
    "registrant_fts_idx",
    "registrant_fts_docsize",
    "registrant_fts_config",
}
# What only PostgreSQL has: the pg_trgm substitute of registrant_fts.
PG_ONLY_INDEXES = {"ix_registrant_nama_trgm"}


def _type_family(column: dict[str, Any]) -> str:
    """The portable kind of a reflected column type (VARCHAR(32) and VARCHAR both text)."""
    python = column["type"].python_type
    return python.__name__


def describe(url: str) -> dict[str, Any]:
    """Tables -> columns (name, kind, nullable), primary key, foreign keys and indexes."""
    engine = create_engine(url)
    try:
        insp = inspect(engine)
        with warnings.catch_warnings():
            # SQLite's inspector skips expression indexes (the NIK tail) with a warning: those
            # are read from sqlite_master below.
            warnings.simplefilter("ignore", SAWarning)
            tables = {t: _table(insp, t) for t in insp.get_table_names()}
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                expression_indexes = conn.execute(
                    text(
                        "SELECT name, tbl_name FROM sqlite_master"
                        " WHERE type = 'index' AND sql LIKE '%(substr(%'"
                    )
                )
                for name, table in expression_indexes:
                    tables[table]["indexes"][name] = False
        return tables
    finally:
        engine.dispose()


def _table(insp: Any, table: str) -> dict[str, Any]:
    return {
        "columns": {
            c["name"]: (_type_family(c), bool(c["nullable"])) for c in insp.get_columns(table)
        },
        "pk": tuple(insp.get_pk_constraint(table)["constrained_columns"]),
        # PostgreSQL lists the index behind each UNIQUE constraint too: those are compared as
        # constraints (SQLite leaves them unnamed).
        "indexes": {
            i["name"]: bool(i["unique"])
            for i in insp.get_indexes(table)
            if "duplicates_constraint" not in i
        },
        "unique": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table)),
        "fks": sorted(
            (tuple(f["constrained_columns"]), f["referred_table"])
            for f in insp.get_foreign_keys(table)
        ),
    }


def test_upgrade_head_makes_the_same_schema_on_both_backends(pg_url: str, tmp_path: Path) -> None:
    path = tmp_path / "embedded.db"
    migrate.upgrade(path)
    where = ServerLocation(pg_url)
    assert server.upgrade(where) is True
    assert server.upgrade(where) is False  # already at head: nothing to do

    lite = describe(f"sqlite:///{path}")
    pg = describe(str(where.sqlalchemy_url().render_as_string(hide_password=False)))

    assert set(lite) >= SQLITE_ONLY_TABLES
    for table in SQLITE_ONLY_TABLES:
        del lite[table]
    assert sorted(pg) == sorted(lite)
    assert len(lite) >= 30
    for table in lite:
        assert pg[table]["columns"] == lite[table]["columns"], table
        assert pg[table]["pk"] == lite[table]["pk"], table
        assert pg[table]["fks"] == lite[table]["fks"], table
        assert pg[table]["unique"] == lite[table]["unique"], table
        pg_indexes = {k: v for k, v in pg[table]["indexes"].items() if k not in PG_ONLY_INDEXES}
        assert pg_indexes == lite[table]["indexes"], table
    engine = server.server_engine(where, pooled=False)
    try:
        with engine.connect() as conn:
            assert server.current_revision(conn) == migrate.head_revision()
            # The one-active-registration-per-NIK rule is a partial unique index on both.
            definition = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_registrant_active_nik'")
            ).scalar()
            assert "UNIQUE" in definition and "WHERE" in definition and "rejected" in definition
            trgm = conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_registrant_nama_trgm'")
            ).scalar()
            assert "gin_trgm_ops" in trgm
    finally:
        engine.dispose()


def test_server_audit_trail_is_append_only(pg_head_url: str) -> None:
    where = ServerLocation(pg_head_url)
    engine = server.server_engine(where, pooled=False)
    insert = text(
        "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail, prev_hash, hash)"
        " VALUES ('2026-12-07T00:00:00.000000+00:00', 'admin', 'x', 'y', NULL, '{}', :p, :h)"
    )
    try:
        with engine.begin() as conn:
            conn.execute(insert, {"p": "0" * 64, "h": "a" * 64})
        for statement in (
            "UPDATE audit_event SET actor = 'mallory'",
            "DELETE FROM audit_event",
            "TRUNCATE audit_event",
        ):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT actor FROM audit_event")).scalars().all() == ["admin"]
    finally:
        engine.dispose()


def test_partial_unique_nik_index_holds_on_the_server(pg_head_url: str) -> None:
    """Two active registrations of one NIK in one period are refused; a rejected one is not
    counted (the same partial index as SQLite's)."""
    where = ServerLocation(pg_head_url)
    engine = server.server_engine(where, pooled=False)
    row = (
        "INSERT INTO registrant (uuid, version, nik, nama, name_norm, tempat_lahir, tanggal_lahir,"
        " jenis_kelamin, nama_ibu, alamat, rt, rw, desa_kode, kecamatan_kode, pekerjaan_kode,"
        " penghasilan, sumber_dana_id, periode, status, status_reason, nik_verifikasi, notes,"
        " warnings, origin_office, created_by, created_at, updated_by, updated_at) VALUES"
        " (:uuid, 1, '6408014101900001', 'SITI', 'SITI', '', '1990-01-01', 'P', '', '', '003',"
        " '001', '6408012001', '640801', 'NELAYAN', 1000000, 1, 2026, :status, '', 'belum', '',"
        " '[]', '640801', 'a', 't', 'a', 't')"
    )
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO wilayah VALUES ('6408012001','Senyiur',4,'desa',NULL)"))
            conn.execute(text("INSERT INTO pekerjaan VALUES ('NELAYAN','Nelayan',true)"))
            conn.execute(
                text(
                    "INSERT INTO sumber_dana (kode, nama, aktif, dasar_hukum) VALUES ('A','A',true,'')"
                )
            )
            conn.execute(text(row), {"uuid": "u1", "status": "rejected"})
            conn.execute(text(row), {"uuid": "u2", "status": "draft"})
        with pytest.raises(DBAPIError, match="uq_registrant_active_nik"), engine.begin() as conn:
            conn.execute(text(row), {"uuid": "u3", "status": "verified"})
        with engine.connect() as conn:
            # The NIK-tail index answers the expression server-side searches use.
            assert (
                conn.execute(
                    text("SELECT count(*) FROM registrant WHERE right(nik, 4) = '0001'")
                ).scalar()
                == 2
            )
    finally:
        engine.dispose()


def test_each_connection_failure_is_one_indonesian_sentence(pg_server: Any) -> None:
    def refused(url: str) -> server.ServerUnavailable:
        with pytest.raises(server.ServerUnavailable) as caught:
            server.check_connection(ServerLocation(url))
        return caught.value

    missing = refused(pg_server.url("no_such_database"))
    assert missing.code == "server.database_missing"
    assert missing.message("id").startswith("Basis data no_such_database tidak ada di server ")
    nobody = pg_server.url("postgres").replace("rentan_test@", "no_such_clerk:rahasia@")
    login = refused(nobody)
    assert login.code == "server.login_refused"
    assert "nama pengguna atau kata sandi" in login.message("id")
    assert "rahasia" not in login.message("id")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = refused(f"postgresql://rentan_test@127.0.0.1:{port}/rentan")
    assert down.code == "server.unreachable"
    for failure in (missing, login, down):
        message = failure.message("id")
        # libpq's English line stays in the log: the user reads one sentence of their own.
        assert "does not exist" not in message and "connection" not in message.lower()
        assert message.endswith("Tidak ada yang berubah.") and message.count(". ") <= 1
        assert failure.message("en").endswith("Nothing changed.")
    assert issues.text("server.too_old", "id", server="s", version="13.4", minimum=15) == (
        "Server basis data s menjalankan PostgreSQL 13.4; aplikasi ini memerlukan PostgreSQL "
        "15 atau lebih baru."
    )


def test_locations() -> None:
    assert location.parse("kantor/rentan.db") == Path("kantor/rentan.db")
    found = location.parse("postgresql://rentan:rahasia@db.kantor.lan:5432/rentan")
    assert isinstance(found, ServerLocation)
    assert found.display() == "postgresql://rentan:***@db.kantor.lan:5432/rentan"
    assert found.sqlalchemy_url().drivername == "postgresql+psycopg"
    socket = location.parse("postgresql://rentan@/rentan?host=/run/postgresql&password=rahasia")
    assert isinstance(socket, ServerLocation)
    assert socket.display() == "postgresql://rentan@/rentan?host=/run/postgresql&password=***"
    for bad in ("mysql://rentan:rahasia@db/rentan", "postgresql://db.kantor.lan"):
        with pytest.raises(LocationRefused) as caught:
            location.parse(bad)
        assert "rahasia" not in caught.value.message("id")
        assert "postgresql://" in caught.value.message("id")
