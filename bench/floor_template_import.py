"""The floor of a template import: a bare process that reads the workbook with python-calamine and
inserts its rows with one executemany, nothing else (no validation, no duplicate check, no audit).

Same database file (same schema, indexes and FTS5 table, foreign keys on), same durability (WAL,
``synchronous=FULL``, one transaction) as ``rentan import-xlsx``, and a page cache tuned for the
load (256 MiB). The name-search (FTS5) rows are written the cheapest way known, as the app now
writes them too: the per-row trigger dropped for the load, one ``INSERT … SELECT`` after it, the
trigger put back, all in the one transaction (with the trigger firing per row the same load costs
about four times the CPU, which flattered every ratio against this floor before 7 December, 15:20
UTC). It imports nothing of the app, so its start-up is a bare interpreter's.

    python bench/floor_template_import.py DATABASE WORKBOOK
"""

import sqlite3
import sys
import uuid

from python_calamine import CalamineWorkbook

SQL = (
    "INSERT INTO registrant (uuid, version, nik, no_kk, nama, name_norm, tempat_lahir, tanggal_lahir,"
    " jenis_kelamin, nama_ibu, alamat, rt, rw, desa_kode, kecamatan_kode, no_hp, pekerjaan_kode,"
    " penghasilan, sumber_dana_id, periode, status, status_reason, nik_verifikasi, notes, warnings,"
    " origin_office, created_by, created_at, updated_by, updated_at) VALUES"
    " (?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,1,2026,'draft','','belum','','[]','6408','admin',"
    "'2026-12-07T00:00:00+00:00','admin','2026-12-07T00:00:00+00:00')"
)


def main(db: str, xlsx: str) -> None:
    table = (
        CalamineWorkbook.from_path(xlsx).get_sheet_by_name("Data").to_python(skip_empty_area=False)
    )
    rows = []
    for r in table[1:]:
        born = str(r[4])
        rows.append(
            (
                str(uuid.uuid4()),
                r[0],
                r[1] or None,
                r[2],
                r[2],
                r[3],
                f"{born[6:10]}-{born[3:5]}-{born[0:2]}",
                r[5],
                r[6],
                r[7],
                str(r[8]).zfill(3),
                str(r[9]).zfill(3),
                r[10][-10:],
                r[10][-10:-4],
                r[11] or None,
                r[12],
            )
        )
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA cache_size = -262144")
    con.execute("BEGIN IMMEDIATE")
    trigger = con.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'registrant_fts_ai'"
    ).fetchone()[0]
    last = con.execute("SELECT coalesce(max(id), 0) FROM registrant").fetchone()[0]
    con.execute("DROP TRIGGER registrant_fts_ai")
    con.executemany(SQL, rows)
    con.execute(
        "INSERT INTO registrant_fts (rowid, nama) SELECT id, nama FROM registrant WHERE id > ?",
        (last,),
    )
    con.execute(trigger)
    con.execute("COMMIT")
    con.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
