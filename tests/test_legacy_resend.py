"""Re-sent desa lists against what is registered: sudah terdaftar, perubahan data, corrections.

The first list is a hand-written workbook as a desa keeps it (title block, KK and mother's name
columns); the re-sent one is the CSV an Indonesian-locale Excel saves (semicolons, UTF-8 with a
BOM), rows in another order, one person's address changed, one name spelled otherwise, one NIK
mistyped, one new person.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import ADMIN_PASSWORD
from rentan_desktop.legacy import resend
from rentan_desktop.services import legacy_import as li
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User
from test_legacy_helpers import write_xlsx

HEADER = [
    "NO",
    "NIK",
    "NO KK",
    "NAMA LENGKAP",
    "TGL LAHIR",
    "JK",
    "ALAMAT",
    "RT",
    "RW",
    "DESA",
    "NAMA IBU KANDUNG",
    "PEKERJAAN",
]
SITI = [
    "6408014101900001",
    "6408010101100001",
    "SITI AMINAH",
    "01-01-1990",
    "P",
    "JL. POROS NO. 5",
    "3",
    "1",
    "Senyiur",
    "HALIMAH",
    "NELAYAN",
]
BUDI = [
    "6408011203850002",
    "6408010202100002",
    "BUDI SANTOSO",
    "12-03-1985",
    "L",
    "JL. SUNGAI NO. 2",
    "4",
    "2",
    "Senyiur",
    "MARYAM",
    "PETANI",
]
HASAN = [
    "6408011506700005",
    "6408010303100003",
    "HASAN BASRI",
    "15-06-1970",
    "L",
    "JL. MASJID NO. 1",
    "1",
    "1",
    "Kelinjau Ilir",
    "AISYAH",
    "NELAYAN",
]


def first_list(tmp_path: Path) -> Path:
    rows = [
        ["DAFTAR PEKERJA RENTAN DESA SENYIUR TAHUN 2025"],
        [],
        HEADER,
        [1, *SITI],
        [2, *BUDI],
        [3, *HASAN],
        [],
        ["", "", "", "Kepala Desa Senyiur"],
    ]
    return write_xlsx(tmp_path / "senyiur_2025.xlsx", rows)


def resent_list(tmp_path: Path) -> Path:
    """The same list sent again as a semicolon CSV with a BOM, changed and reordered."""
    budi = list(BUDI)
    budi[2] = "Budi Santosa"  # spelled otherwise
    budi[5], budi[6] = "JL. SUNGAI NO. 20", "5"  # moved house
    hasan = list(HASAN)
    hasan[0] = "6408011506700006"  # one digit mistyped
    new = [
        "6408015007950004",
        "6408010404100004",
        "DEWI LESTARI",
        "10-07-1995",
        "P",
        "JL. PASAR NO. 3",
        "2",
        "1",
        "Senyiur",
        "SALMAH",
        "NELAYAN",
    ]
    lines = [";".join(HEADER)]
    for n, row in enumerate((hasan, SITI, new, budi), start=1):
        lines.append(";".join([str(n), *row]))
    path = tmp_path / "senyiur_kirim_ulang.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def by_name(run: li.LegacyRun) -> dict[str, dict[str, object]]:
    return {str(r["nama"]): r for r in run.as_json("id")["rows"]}


def count(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def committed(ctx: AppContext, admin: User, tmp_path: Path) -> None:
    run = li.commit(ctx, actor=admin, path=first_list(tmp_path))
    assert run.totals()["imported"] == 3, run.as_json("id")


def test_resent_list_dry_run_shows_registered_and_changed_rows(
    ctx: AppContext, admin: User, tmp_path: Path, db_path: Path, committed: None
) -> None:
    before = count(db_path, "SELECT count(*) FROM registrant")
    run = li.check(ctx, actor=admin, path=resent_list(tmp_path))
    rows = by_name(run)
    assert rows["SITI AMINAH"]["status"] == resend.STATUS_REGISTERED
    budi = rows["BUDI SANTOSA"]
    assert budi["status"] == resend.STATUS_CHANGED
    changes = budi["registered"]["changes"]  # type: ignore[index]
    assert changes["alamat"] == ["JL. SUNGAI NO. 2", "JL. SUNGAI NO. 20"]
    assert set(changes) == {"nama", "alamat", "rt"}
    hasan = rows["HASAN BASRI"]  # the NIK typo is found, shown, and not a new person
    assert hasan["status"] == resend.STATUS_CHANGED
    assert set(hasan["registered"]["changes"]) == {"nik"}  # type: ignore[index]
    assert {p["code"] for p in hasan["problems"]} >= {resend.CHANGED, resend.NIK_DIFFERS}  # type: ignore[union-attr]
    match = hasan["registered"]["match"]  # type: ignore[index]
    assert match["same"] and {a["field"] for a in match["agreed"]} >= {
        "kk",
        "tanggal_lahir",
        "nama",
    }
    assert rows["DEWI LESTARI"]["status"] == "siap"
    totals = run.totals()
    assert (totals["ready"], totals["registered"], totals["changed"]) == (1, 1, 2)
    assert run.as_json("id")["clusters"] == []  # a re-sent row is not a duplicate of itself
    assert count(db_path, "SELECT count(*) FROM registrant") == before


def test_resent_list_commit_applies_changes_as_audited_corrections(
    ctx: AppContext, admin: User, tmp_path: Path, db_path: Path, committed: None
) -> None:
    before = count(db_path, "SELECT count(*) FROM registrant")
    plain = li.commit(ctx, actor=admin, path=resent_list(tmp_path))
    assert plain.totals()["imported"] == 1  # only Dewi is new; no change applied unasked
    assert count(db_path, "SELECT count(*) FROM registrant") == before + 1
    assert count(db_path, "SELECT count(*) FROM registrant WHERE version > 1") == 0

    run = li.commit(ctx, actor=admin, path=resent_list(tmp_path), apply_changes=True)
    rows = by_name(run)
    assert rows["BUDI SANTOSA"]["status"] == resend.STATUS_CORRECTED
    assert rows["HASAN BASRI"]["status"] == resend.STATUS_CHANGED  # a NIK is never changed
    assert count(db_path, "SELECT count(*) FROM registrant") == before + 1
    con = sqlite3.connect(db_path)
    try:
        nama, alamat, rt, version = con.execute(
            "SELECT nama, alamat, rt, version FROM registrant WHERE nik = '6408011203850002'"
        ).fetchone()
        hasan_nik = con.execute(
            "SELECT count(*) FROM registrant WHERE nik = '6408011506700005'"
        ).fetchone()[0]
        event = json.loads(
            con.execute(
                "SELECT detail FROM audit_event WHERE action = 'registrant.update' "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()[0]
        )
        changed = {
            r[0]
            for r in con.execute(
                "SELECT field FROM registrant_change WHERE registrant_uuid = "
                "(SELECT uuid FROM registrant WHERE nik = '6408011203850002')"
            )
        }
    finally:
        con.close()
    assert (nama, alamat, rt, version) == ("BUDI SANTOSA", "JL. SUNGAI NO. 20", "005", 2)
    assert hasan_nik == 1
    assert event["via"].startswith("legacy:") and set(event["fields"]) == {"nama", "alamat", "rt"}
    assert changed == {"nama", "alamat", "rt"}


def test_resent_list_from_the_command_line(
    rentan_bin: str, tmp_path: Path, db_path: Path, ctx: AppContext, committed: None
) -> None:
    ctx.close()  # the CLI is another process on the same file
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    common = ["--db", str(db_path), "--user", "admin"]
    src = str(resent_list(tmp_path))

    def rentan(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [rentan_bin, "import-legacy", src, *common, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=180,
        )

    refused = rentan("--apply-changes")
    assert refused.returncode != 0 and "--commit" in refused.stderr
    assert "Traceback" not in refused.stderr
    dry = rentan()
    assert "sudah terdaftar: 1, perubahan data: 2" in dry.stdout, dry.stdout + dry.stderr
    assert "--apply-changes" in dry.stdout
    done = json.loads(rentan("--commit", "--apply-changes", "--json").stdout)
    assert done["totals"]["corrected"] == 1 and done["totals"]["imported"] == 1
    assert count(db_path, "SELECT count(*) FROM registrant") == 4
    assert count(db_path, "SELECT max(version) FROM registrant") == 2
