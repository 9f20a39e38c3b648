"""The legacy import service: dry run changes nothing, commit saves, re-import is idempotent."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from conftest import DESA, DESA_2
from rentan_desktop.domain.roles import RoleRefused
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.mapping import Profile
from rentan_desktop.services import legacy_import as li
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User
from test_legacy_helpers import write_xlsx

HEADER = ["NO", "NO. NIK", "NAMA", "TTL", "L/P", "RT/RW", "DESA", "PEKERJAAN", "PETUGAS"]
ROWS = [
    ["DAFTAR PEKERJA RENTAN KECAMATAN MUARA ANCALONG"],
    [],
    HEADER,
    [
        1,
        "6408014101900001",
        "Siti Aminah",
        "SANGATTA, 01-01-1990",
        "P",
        "003/001",
        "Senyiur",
        "NELAYAN",
        "ANI",
    ],
    [
        2,
        "6408011203850002",
        "budi santoso",
        "Sangatta, 12 Maret 1985",
        "L",
        "4/2",
        "Desa Senyiur",
        "PETANI",
        "ANI",
    ],
    [
        3,
        6408012505800003.0,
        "Joko Susilo",
        "Samarinda, 25-05-80",
        "LK",
        "RT 01 RW 01",
        "Kelinjau Ilir",
        "NELAYAN",
        "ANI",
    ],
    [
        4,
        "6.40801E+15",
        "Andi",
        "Bontang, 01/01/1980",
        "L",
        "1/1",
        "Kelinjau Ilir",
        "NELAYAN",
        "BUDI",
    ],
    [
        5,
        "6408011203850002",
        "Budi Santosa",
        "Sangatta, 12-03-1985",
        "L",
        "004/002",
        "Senyiur",
        "PETANI",
        "BUDI",
    ],
    [
        6,
        "6408015007950004",
        "Dewi Lestari",
        "Sangatta, 10-07-1995",
        "X",
        "2/1",
        "Kelinjau Ilr",
        "NELAYAN",
        "BUDI",
    ],
    [7, "6408011506700005", "Hasan", "Sangatta, 15-06-1970", "L", "", "Senyiur", "NELAYAN", "BUDI"],
]


def counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
            for t in ("registrant", "audit_event", "legacy_row")
        )
    finally:
        con.close()


@pytest.fixture
def legacy_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "desa.xlsx", ROWS)


def by_row(run: li.LegacyRun) -> dict[int, dict[str, object]]:
    return {r["row"]: r for r in run.as_json("id")["rows"]}


def test_dry_run_reports_every_row_and_changes_nothing(
    ctx: AppContext, admin: User, legacy_file: Path, db_path: Path
) -> None:
    before = counts(db_path)
    run = li.check(ctx, actor=admin, path=legacy_file)
    assert counts(db_path) == before
    rows = by_row(run)
    codes_of = {n: [p["code"] for p in r["problems"]] for n, r in rows.items()}  # type: ignore[index]
    assert rows[4]["status"] == "siap" and codes_of[4] == []
    assert rows[5]["status"] == "siap" and rows[5]["desa_kode"] == DESA
    assert codes_of[6] == ["id.numeric"] and rows[6]["status"] == "ditolak"
    assert codes_of[7] == ["id.scientific"]
    assert codes.DUP_NIK_FILE in codes_of[8]
    assert rows[5]["cluster"] == rows[8]["cluster"] is not None
    assert codes.SEX_INVALID in codes_of[9] and codes.DESA_FUZZY in codes_of[9]
    assert "field.required" in codes_of[10]  # RT missing: the domain's own rule refuses the row
    problem = next(p for p in rows[6]["problems"] if p["code"] == "id.numeric")  # type: ignore[union-attr]
    assert problem["column"] == "NO. NIK"
    assert run.totals()["ready"] == 2
    fuzzy = next(p for p in rows[9]["problems"] if p["code"] == codes.DESA_FUZZY)  # type: ignore[union-attr]
    assert "skor" in fuzzy["message"] and DESA_2 in fuzzy["message"]


def test_commit_saves_ready_rows_and_reimport_creates_nothing(
    ctx: AppContext, admin: User, legacy_file: Path, db_path: Path
) -> None:
    run = li.commit(ctx, actor=admin, path=legacy_file)
    assert run.totals()["imported"] == 2
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT nik, nama, tanggal_lahir, rt, rw, desa_kode, pekerjaan_kode, origin_batch "
        "FROM registrant ORDER BY nik"
    ).fetchall()
    con.close()
    assert rows == [
        (
            "6408011203850002",
            "BUDI SANTOSO",
            "1985-03-12",
            "004",
            "002",
            DESA,
            "PETANI",
            f"legacy:{run.import_uuid}",
        ),
        (
            "6408014101900001",
            "SITI AMINAH",
            "1990-01-01",
            "003",
            "001",
            DESA,
            "NELAYAN",
            f"legacy:{run.import_uuid}",
        ),
    ]
    after = counts(db_path)
    again = li.commit(ctx, actor=admin, path=legacy_file)
    assert counts(db_path)[0] == after[0] and counts(db_path)[2] == after[2]
    assert again.totals()["imported"] == 0 and again.totals()["already_imported"] == 2


def test_fixed_report_rows_reimport_without_duplicates(
    ctx: AppContext, admin: User, legacy_file: Path, tmp_path: Path, db_path: Path
) -> None:
    li.commit(ctx, actor=admin, path=legacy_file)
    report = li.check(ctx, actor=admin, path=legacy_file).write_report(tmp_path / "laporan.xlsx")
    wb = openpyxl.load_workbook(report)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    nik_col, key_col = header.index("NO. NIK") + 1, header.index("ID BARIS") + 1
    fixed = 0
    for r in range(2, ws.max_row + 1):
        name = ws.cell(r, 3).value
        if name == "Joko Susilo":  # the NIK Excel turned into a number: retyped from the KTP
            ws.cell(r, nik_col).value = "6408012505800003"
            ws.cell(r, nik_col).number_format = "@"
            fixed += 1
        assert ws.cell(r, key_col).value
    assert fixed == 1
    wb.save(report)
    before = counts(db_path)[0]
    run = li.commit(ctx, actor=admin, path=report, sheet="Data")
    assert counts(db_path)[0] == before + 1
    assert run.totals()["already_imported"] == 2
    assert li.commit(ctx, actor=admin, path=report, sheet="Data").totals()["imported"] == 0
    assert counts(db_path)[0] == before + 1


def test_report_workbook_highlights_problem_cells(
    ctx: AppContext, admin: User, legacy_file: Path, tmp_path: Path
) -> None:
    path = li.check(ctx, actor=admin, path=legacy_file).write_report(tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Data"]
    header = [c.value for c in ws[1]]
    damaged = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == "Joko Susilo")
    cell = ws.cell(damaged, header.index("NO. NIK") + 1)
    assert cell.fill.fgColor.rgb.endswith("F8CBAD")  # error red
    assert cell.comment is not None and "KTP" in cell.comment.text
    assert isinstance(cell.value, int | float)  # kept as the damaged number, never repaired
    summary = [[c.value for c in row] for row in wb["Ringkasan"].iter_rows()]
    flat = [v for row in summary for v in row if v is not None]
    assert "id.numeric" in flat and "ANI" in flat and "BUDI" in flat and "Senyiur" in flat


def test_json_report_is_complete(ctx: AppContext, admin: User, legacy_file: Path) -> None:
    data = li.check(ctx, actor=admin, path=legacy_file).as_json("en")
    text = json.dumps(data, default=str)
    assert data["mode"] == "dry-run" and data["header_row"] == 3
    assert {m["field"] for m in data["mapping"]} >= {
        "nik",
        "nama",
        "ttl",
        "jenis_kelamin",
        "rt_rw",
        "desa",
    }
    assert "check against the KTP" in text or "check the KTP" in text
    assert len(data["rows"]) == 7


def test_profile_saved_and_used(ctx: AppContext, admin: User, tmp_path: Path) -> None:
    rows = [
        ["KODE", "ORANG", "LAHIR", "KELAMIN", "KAMPUNG", "RT", "RW", "KERJA"],
        ["6408014101900001", "Siti", "01-01-1990", "P", "Senyiur", "3", "1", "NELAYAN"],
    ]
    path = write_xlsx(tmp_path / "aneh.xlsx", rows)
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=path)
    assert err.value.code in (codes.MAPPING_MISSING, codes.FILE_NO_HEADER)
    from rentan_desktop.legacy.mapping import ColumnGuess, ColumnMap

    fields = ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "desa", "rt", "rw", "pekerjaan"]
    mapping = ColumnMap(
        tuple(
            ColumnGuess(i, h, f, "pengguna")
            for i, (h, f) in enumerate(zip(rows[0], fields, strict=True))
        )
    )
    li.save_profile(ctx, actor=admin, profile=Profile.from_mapping("Desa Senyiur", mapping))
    assert li.list_profiles(ctx, actor=admin) == ["Desa Senyiur"]
    run = li.check(ctx, actor=admin, path=path, profile="Desa Senyiur")
    assert run.totals()["ready"] == 1
    with pytest.raises(UserError):
        li.check(ctx, actor=admin, path=path, profile="Tidak Ada")


def test_guess_returns_an_incomplete_mapping_for_the_user_to_finish(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    rows = [["NO", "NAMA", "DESA"], [1, "Siti", "Senyiur"], [2, "Budi", "Senyiur"]]
    path = write_xlsx(tmp_path / "tanpa_nik.xlsx", rows)
    guessed = li.guess(ctx, actor=admin, path=path)
    assert guessed.mapping.missing() == ["nik"] and guessed.sheets == ["Data"]
    assert guessed.sample[0][1] == "Siti"
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=path)
    assert err.value.code == codes.MAPPING_MISSING and "NIK" in err.value.message("id")


def test_operator_cannot_commit(ctx: AppContext, make_user, legacy_file: Path) -> None:  # type: ignore[no-untyped-def]
    operator = make_user("operator")
    li.check(ctx, actor=operator, path=legacy_file)
    with pytest.raises(RoleRefused):
        li.commit(ctx, actor=operator, path=legacy_file)


def test_unknown_sheet_is_a_user_error(ctx: AppContext, admin: User, legacy_file: Path) -> None:
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=legacy_file, sheet="Lain")
    assert "Data" in err.value.message("id")


def test_born_dates_in_registrants_are_dates(
    ctx: AppContext, admin: User, legacy_file: Path
) -> None:
    run = li.check(ctx, actor=admin, path=legacy_file)
    first = run.result.rows[0]
    assert first.values["tanggal_lahir"] == date(1990, 1, 1)
