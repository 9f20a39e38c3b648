"""Schema migrations: empty file -> head, previous revision -> head with a copy kept, data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rentan_desktop.storage import migrate
from rentan_desktop.storage.db import open_database


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','trigger')")
        }
    finally:
        con.close()


def test_empty_file_to_head(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = open_database(path)
    db.close()
    assert migrate.current_revision(path) == migrate.head_revision()
    assert {
        "registrant",
        "wilayah",
        "audit_event",
        "registrant_fts",
        "audit_event_no_update",
    } <= tables(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    kutim = con.execute("SELECT nama FROM wilayah WHERE kode='6408'").fetchone()[0]
    assert kutim == "Kabupaten Kutai Timur"  # Kemendagri 64.08 (BPS would call it 6404)
    assert (
        con.execute("SELECT count(*) FROM wilayah WHERE level=4 AND kode LIKE '64%'").fetchone()[0]
        == 1038
    )


def test_previous_revision_to_head_keeps_a_copy_and_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    migrate.upgrade(path, "0001")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO wilayah VALUES ('64','Kalimantan Timur',1,'provinsi',NULL)")
    con.execute("INSERT INTO wilayah VALUES ('6408012001','Senyiur',4,'desa','64')")
    con.execute("INSERT INTO pekerjaan VALUES ('NELAYAN','Nelayan',1)")
    con.execute("INSERT INTO sumber_dana (kode, nama, aktif, dasar_hukum) VALUES ('A','A',1,'')")
    con.execute(
        "INSERT INTO registrant (uuid, version, nik, nama, name_norm, tempat_lahir, tanggal_lahir, jenis_kelamin,"
        " nama_ibu, alamat, rt, rw, desa_kode, kecamatan_kode, pekerjaan_kode, penghasilan, sumber_dana_id,"
        " periode, status, status_reason, nik_verifikasi, notes, warnings, origin_office, created_by, created_at,"
        " updated_by, updated_at) VALUES ('u1',1,'6408014101900001','SITI AMINAH','SITI AMINAH','','1990-01-01',"
        "'P','','','003','001','6408012001','640801','NELAYAN',1000000,1,2026,'draft','','belum','','[]','640801',"
        "'admin','2026-01-01T00:00:00+00:00','admin','2026-01-01T00:00:00+00:00')"
    )
    con.commit()
    con.close()
    copy = migrate.upgrade(path)
    assert copy is not None and copy.exists() and migrate.current_revision(copy) == "0001"
    assert migrate.current_revision(path) == migrate.head_revision()
    con = sqlite3.connect(path)
    assert con.execute("SELECT nik FROM registrant").fetchone()[0] == "6408014101900001"
    # The search index built by a later revision covers rows that existed before it.
    assert con.execute(
        "SELECT rowid FROM registrant_fts WHERE registrant_fts MATCH '\"AMINAH\"'"
    ).fetchall()


def test_kaltim_regions_match_kepmendagri_2025(tmp_path: Path) -> None:
    """Counts from Kepmendagri 300.2.2-2138/2025 (checked once, code by code, against the steering
    side's independent extract: 1,154 codes, 0 differences)."""
    path = tmp_path / "w.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    level = dict(
        con.execute("SELECT level, count(*) FROM wilayah WHERE kode LIKE '64%' GROUP BY level")
    )
    assert level == {1: 1, 2: 10, 3: 105, 4: 1038}
    kel = con.execute(
        "SELECT count(*) FROM wilayah WHERE level=4 AND kode LIKE '64%' AND substr(kode,7,1)='1'"
    )
    assert kel.fetchone()[0] == 197
    names = dict(
        con.execute("SELECT kode, nama FROM wilayah WHERE kode IN ('6402','6403','6407','6408')")
    )
    assert names == {
        "6402": "Kabupaten Kutai Kartanegara",
        "6403": "Kabupaten Berau",
        "6407": "Kabupaten Kutai Barat",
        "6408": "Kabupaten Kutai Timur",
    }


def test_the_quick_schema_check_agrees_with_alembic(tmp_path: Path) -> None:
    """Opening a current database skips Alembic; the quick check must name the same head, and a
    database one revision behind must still be migrated (with its copy kept)."""
    from rentan_desktop.storage import schema_head

    assert schema_head.expected_head() == migrate.head_revision()
    path = tmp_path / "cur.db"
    open_database(path).close()
    assert schema_head.is_current(path)
    behind = tmp_path / "behind.db"
    migrate.upgrade(behind, "0012_office_encryption_keys")
    assert not schema_head.is_current(behind)
    db = open_database(behind)
    db.close()
    assert db.migrated and migrate.current_revision(behind) == migrate.head_revision()


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "cur.db"
    open_database(path).close()
    code = (
        "import sys\nfrom pathlib import Path\nfrom rentan_desktop.storage.db import open_database\n"
        f"open_database(Path({str(path)!r})).close()\nprint('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
