"""The floors of batch export and import: bare processes doing the same reading and writing.

    python bench/floor_batch.py export SPEC DATABASE WORKBOOK   # read the rows, write them as xlsx
    python bench/floor_batch.py import SPEC DATABASE WORKBOOK   # read that xlsx, insert the rows

Export: one SELECT of the batch columns from the sender's database, then xlsxwriter (constant
memory, every cell text-formatted as the batch format requires) writes them to one sheet; nothing
else (no signature, no sealing, no read-back check, no marks). Import: python-calamine reads that
plain workbook and one transaction inserts the rows into a copy of the recipient's database (same
schema, indexes and FTS5 trigger, foreign keys on, WAL, ``synchronous=FULL``) with a 256 MiB page
cache; nothing else (no decryption, signature or row checks, no conflict look-ups, no audit).
SPEC is a JSON file the benchmark writes from the app's own column lists, so these scripts import
nothing of the app and start as bare interpreters.
"""

import json
import sqlite3
import sys


def export(spec: dict, db: str, xlsx: str) -> None:
    import xlsxwriter

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(spec["select"]).fetchall()
    con.close()
    book = xlsxwriter.Workbook(xlsx, {"constant_memory": True})
    sheet = book.add_worksheet("Data")
    text = book.add_format({"num_format": "@"})
    sheet.write_row(0, 0, spec["headers"])
    width = len(spec["headers"])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row[:width]):
            sheet.write_string(r, c, "" if value is None else str(value), text)
    book.close()


def import_(spec: dict, db: str, xlsx: str) -> None:
    from python_calamine import CalamineWorkbook

    table = (
        CalamineWorkbook.from_path(xlsx).get_sheet_by_name("Data").to_python(skip_empty_area=False)
    )
    keys, cols, nullable = spec["keys"], spec["insert_cols"], set(spec["nullable"])
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA cache_size = -262144")
    funder = con.execute("SELECT id FROM sumber_dana LIMIT 1").fetchone()[0]
    extra = {
        "sumber_dana_id": funder,
        "status_reason": "",
        "nik_verifikasi": "belum",
        "warnings": "[]",
        "origin_batch": "bare",
        "sent_version": None,
    }
    rows = []
    for r in table[1:]:
        values = dict(zip(keys, r, strict=True))
        values["name_norm"] = values["nama"]
        values.update(extra)
        rows.append(tuple(None if c in nullable and values[c] == "" else values[c] for c in cols))
    con.execute("BEGIN IMMEDIATE")
    con.executemany(spec["insert_sql"], rows)
    con.execute("COMMIT")
    con.close()


if __name__ == "__main__":
    what, spec_path, db_path, book_path = sys.argv[1:5]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    (export if what == "export" else import_)(spec, db_path, book_path)
