"""Desa lists as a user walk met them: the desa named only in the title, RT-only lists, every
problem of a row at once, and funder words ("DANA DESA", "DD", "ADD") where no such funder is
active. Workbooks are written cell by cell; the CSV as an Indonesian-locale Excel saves it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlmodel import select

from conftest import ADMIN_PASSWORD, DESA, DESA_2
from rentan_desktop.legacy import codes
from rentan_desktop.services import legacy_import as li
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import Registrant, User


def by_row(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {r["row"]: r for r in data["rows"]}


def codes_of(row: dict[str, Any]) -> list[str]:
    return [p["code"] for p in row["problems"]]


def titled_rt_only(path: Path) -> Path:
    """No DESA and no RW column: the desa is in the merged title, the desa numbers by RT only."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "DAFTAR PEKERJA RENTAN DESA SENYIUR KECAMATAN MUARA ANCALONG"
    ws.merge_cells("A1:H1")
    ws["A2"] = "TAHUN ANGGARAN 2025"
    ws.merge_cells("A2:H2")
    heads = ["NO", "NIK", "NAMA", "TEMPAT LAHIR", "TGL LAHIR", "L/P", "PEKERJAAN", "RT"]
    for c, h in enumerate(heads, start=1):
        ws.cell(row=4, column=c, value=h)
    people = [
        [1, "6408014101900001", "SITI AMINAH", "SANGATTA", "01-01-1990", "P", "PETANI", "3"],
        [2, "6408011203850002", "BUDI SANTOSO", "SANGATTA", "12-03-1985", "L", "NELAYAN", "03"],
        [3, "6408012505800003", "JOKO", "SANGATTA", "25-05-1980", "L", "OJEK", "RT. 4"],
    ]
    for r, row in enumerate(people, start=5):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def test_desa_from_the_title_and_rt_only_list_import_cleanly(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path = titled_rt_only(tmp_path / "senyiur_rt.xlsx")
    run = li.check(ctx, actor=admin, path=path)
    data = run.as_json("id")
    rows = by_row(data)
    assert sorted(rows) == [5, 6, 7]
    for row in rows.values():
        assert row["status"] == "siap", row["problems"]
        assert row["desa_kode"] == DESA
        assert "field.required" not in codes_of(row), row["problems"]
    assert data["places"] == [
        {
            "sheet": "Sheet1",
            "desa": "SENYIUR",
            "kecamatan": "MUARA ANCALONG",
            "from": "judul",
            "desa_kode": DESA,
            "desa_nama": run.desa_names[DESA],
        }
    ]
    assert data["rt_only"] == ["Sheet1"]
    done = li.commit(ctx, actor=admin, path=path)
    assert done.totals()["imported"] == 3
    with ctx.db.reader() as session:
        stored = {r.nama: (r.desa_kode, r.rt, r.rw) for r in session.exec(select(Registrant)).all()}
    assert stored["SITI AMINAH"] == (DESA, "003", "")
    assert stored["JOKO"] == (DESA, "004", "")


def test_the_user_overrides_the_title_desa_by_name_or_code(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path = titled_rt_only(tmp_path / "senyiur_rt.xlsx")
    by_name = li.check(ctx, actor=admin, path=path, desa="Kelinjau Ilir").as_json("id")
    assert {r["desa_kode"] for r in by_name["rows"]} == {DESA_2}
    assert by_name["places"][0]["from"] == "pengguna"
    by_code = li.check(ctx, actor=admin, path=path, desa=DESA_2).as_json("id")
    assert {r["desa_kode"] for r in by_code["rows"]} == {DESA_2}
    with pytest.raises(UserError) as bad:
        li.check(ctx, actor=admin, path=path, desa="6408019999")
    assert bad.value.code == codes.DESA_CHOSEN_UNKNOWN


def test_a_list_with_an_rw_column_still_needs_every_rw(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT", "RW"])
    ws.append([1, "6408014101900001", "SITI", "01-01-1990", "P", "Senyiur", "PETANI", "1", "2"])
    ws.append([2, "6408011203850002", "BUDI", "12-03-1985", "L", "Senyiur", "PETANI", "1", None])
    path = tmp_path / "rw.xlsx"
    wb.save(path)
    data = li.check(ctx, actor=admin, path=path).as_json("id")
    rows = by_row(data)
    assert rows[2]["status"] == "siap"
    assert rows[3]["status"] == "ditolak"
    assert [(p["code"], p["field"]) for p in rows[3]["problems"]] == [("field.required", "rw")]
    assert data["rt_only"] == [] and data["places"] == []


def test_every_problem_of_a_row_at_once_one_per_cell(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT/RW", "NO HP"])
    # no desa, a sex nobody can read, an age under the band, an occupation nobody listed, a
    # phone number too short: five cells, five problems, in one dry run.
    ws.append(
        [1, "6408010506150007", "DIMAS", "05-06-2015", "X", "", "ASTRONOT", "001/002", "0812"]
    )
    path = tmp_path / "semua.xlsx"
    wb.save(path)
    data = li.check(ctx, actor=admin, path=path).as_json("id")
    row = by_row(data)[2]
    assert row["status"] == "ditolak"
    found = set(codes_of(row))
    assert {codes.DESA_EMPTY, codes.SEX_INVALID, "age.out_of_range", codes.JOB_FALLBACK} <= found
    assert any(c.startswith("phone") for c in found), found
    cells = [p["column_index"] for p in row["problems"] if p["column_index"] is not None]
    assert len(cells) == len(set(cells)), row["problems"]


# Saved by Excel in an Indonesian locale: semicolons, a BOM, dd/mm/yyyy, "." for thousands; the
# desa only in the title, an RT column and no RW, a SUMBER DANA column naming the village fund.
CSV_TITLE = (
    "\ufeffDATA PEKERJA RENTAN PENERIMA BANTUAN IURAN;;;;;;;;\r\n"
    "DESA KELINJAU ILIR KEC. MUARA ANCALONG;;;;;;;;\r\n"
    ";;;;;;;;\r\n"
    "No;NIK;Nama;Tgl Lahir;JK;Pekerjaan;Penghasilan;RT;Sumber Dana\r\n"
    "1;6408014101900001;Siti Aminah;01/01/1990;P;Petani;1.500.000;1;APBD\r\n"
    "2;6408011203850002;Budi;12/03/1985;L;Nelayan;750.000;2;DANA DESA\r\n"
    "3;6408012505800003;Joko;25/05/1980;L;Ojek;2.000.000;2;DD\r\n"
    "4;6408010204880004;Sukri;02/04/1988;L;Petani;1.000.000;3;ADD\r\n"
    ";;;;;;;;\r\n"
    ";;Kelinjau Ilir, 12/01/2025;;;;;;\r\n"
    ";;Kepala Desa;;;;;;\r\n"
)


def test_csv_title_desa_and_village_fund_never_taken_as_another_funder(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path = tmp_path / "kelinjau.csv"
    path.write_bytes(CSV_TITLE.encode("utf-8"))
    run = li.check(ctx, actor=admin, path=path)
    data = run.as_json("id")
    rows = by_row(data)
    assert sorted(rows) == [5, 6, 7, 8]
    assert {r["desa_kode"] for r in rows.values()} == {DESA_2}
    assert rows[5]["status"] == "siap" and codes_of(rows[5]) == []
    # "DANA DESA", "DD", "ADD": the village fund, which this office has no funder for. Never
    # recorded under the kabupaten's funder, no low-score suggestion of it either.
    for n in (6, 7, 8):
        assert codes_of(rows[n]) == [codes.FUNDER_KIND_MISSING], rows[n]["problems"]
        assert rows[n]["status"] == "ditolak"
        assert "Dana Desa" in rows[n]["problems"][0]["message"]
    values = {v["value"]: v for v in data["values"] if v["field"] == "sumber_dana"}
    for word in ("DANA DESA", "DD", "ADD"):
        v = values[word]
        assert (v["code"], v["suggestion"], v["kind"], v["review"]) == (
            None,
            None,
            "Dana Desa",
            True,
        )
    # The office decides once that the kabupaten pays for them: mapped, the rows are ready.
    mapped = li.check(
        ctx,
        actor=admin,
        path=path,
        values={"sumber_dana": {w: "APBD-KUTIM" for w in ("DANA DESA", "DD", "ADD")}},
    ).as_json("id")
    assert {r["status"] for r in mapped["rows"]} == {"siap"}


def rentan(bin_: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run([bin_, *args], capture_output=True, text=True, env=env, timeout=180)


def test_cli_shows_the_title_desa_and_takes_another(
    rentan_bin: str, db_path: Path, tmp_path: Path
) -> None:
    path = titled_rt_only(tmp_path / "senyiur_rt.xlsx")
    common = ["--db", str(db_path), "--user", "admin"]
    dry = rentan(rentan_bin, "import-legacy", str(path), *common)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"Desa dari judul tabel: SENYIUR → Senyiur ({DESA})" in dry.stdout, dry.stdout
    assert "--desa" in dry.stdout and "RW dibiarkan kosong" in dry.stdout
    other = rentan(
        rentan_bin, "import-legacy", str(path), *common, "--desa", DESA_2, "--commit", "--json"
    )
    assert other.returncode == 0, other.stderr
    data = json.loads(other.stdout)
    assert data["totals"]["imported"] == 3
    assert {r["desa_kode"] for r in data["rows"]} == {DESA_2}
    bad = rentan(rentan_bin, "import-legacy", str(path), *common, "--desa", "6408019999")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "6408019999" in bad.stderr


def test_a_record_of_an_rt_only_list_is_corrected_without_inventing_an_rw(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    from dataclasses import replace

    from rentan_desktop.services import registrants

    li.commit(ctx, actor=admin, path=titled_rt_only(tmp_path / "senyiur_rt.xlsx"))
    with ctx.db.reader() as session:
        row = session.exec(select(Registrant).where(Registrant.nama == "JOKO")).one()
        uuid, data = row.uuid, registrants.to_input(row)
    saved = registrants.update(
        ctx, actor=admin, uuid=uuid, data=replace(data, no_hp="081234567890")
    )
    assert saved.registrant.rw == ""
    # A record that has an RW keeps needing one: clearing it is refused.
    given = registrants.update(ctx, actor=admin, uuid=uuid, data=replace(data, rw="2"))
    assert given.registrant.rw == "002"
    with pytest.raises(UserError) as refused:
        registrants.update(ctx, actor=admin, uuid=uuid, data=replace(data, rw=""))
    assert "RW" in refused.value.message()


CSV_KK = (
    "\ufeffDAFTAR PEKERJA RENTAN DESA SENYIUR KEC. MUARA ANCALONG;;;;;;;;\r\n"
    "No;NIK;No KK;Nama;Tanggal Lahir;JK;Pekerjaan;RT;RW\r\n"
    "1;6408014404890021;6,40801E+15;Rusmini;04/04/1989;P;Petani Karet;002;001\r\n"
    "2;6408010808770022;6408010101130022;Syamsul Bahri;08/08/1977;L;Nelayan;002;001\r\n"
    ";;;;;;;;\r\n"
    ";;;Senyiur, 05/01/2026;;;;;\r\n"
    ";;;Kepala Desa;;;;;\r\n"
)


def test_a_kk_the_spreadsheet_damaged_never_refuses_the_person(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path = tmp_path / "senyiur.csv"
    path.write_bytes(CSV_KK.encode("utf-8"))
    data = li.check(ctx, actor=admin, path=path).as_json("id")
    rows = by_row(data)
    assert sorted(rows) == [3, 4]
    assert codes_of(rows[3]) == [codes.KK_DAMAGED] and rows[3]["status"] == "siap"
    assert "ketik ulang" in rows[3]["problems"][0]["message"]
    # The place and date above the signature is the signature block, not a row to check.
    assert {k["kind"]: k["rows"] for k in data["skipped"]["by_kind"]} == {
        "kosong": 1,
        "tanda_tangan": 2,
    }
    # In a workbook: a number Excel cut to 15 digits (last digit 0) is not stored; one whose 16
    # digits are intact is kept with a warning.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "NIK", "NO KK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT/RW"])
    ws.append([1, "6408014101900001", 6408010101100000.0, "SITI", "01-01-1990", "P", "Senyiur",
               "PETANI", "1/1"])  # fmt: skip
    ws.append([2, "6408011203850002", 6408010101100002, "BUDI", "12-03-1985", "L", "Senyiur",
               "PETANI", "1/1"])  # fmt: skip
    book = tmp_path / "kk.xlsx"
    wb.save(book)
    run = li.commit(ctx, actor=admin, path=book)
    rows = by_row(run.as_json("id"))
    assert codes_of(rows[2]) == [codes.KK_DAMAGED] and codes_of(rows[3]) == [codes.KK_NUMBER]
    assert run.totals()["imported"] == 2
    with ctx.db.reader() as session:
        kk = {r.nama: r.no_kk for r in session.exec(select(Registrant)).all()}
    assert kk == {"SITI": None, "BUDI": "6408010101100002"}
