"""Desa lists as offices really keep them, written cell by cell: title rows, a group label per dusun,
free-text occupations, titles and death markers in names, numbers that lost their zeros, a totals row
and the signature block under the table; a CSV saved by an Indonesian-locale Excel (semicolons, BOM,
decimal comma, scientific notation); a workbook with one sheet per desa. Checked through the service
and through the ``rentan`` process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import ADMIN_PASSWORD
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.values import job_matcher, match_sex, sex_matcher
from rentan_desktop.services import legacy_import as li
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User
from rentan_desktop.storage.seed import PEKERJAAN


def desa_workbook(path: Path) -> Path:
    """Desa Senyiur's list, typed the way a desa office types it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "SENYIUR"
    ws["A1"] = "DAFTAR NAMA PEKERJA RENTAN CALON PESERTA BPJS KETENAGAKERJAAN"
    ws.merge_cells("A1:J1")
    ws["A2"] = "DESA SENYIUR KECAMATAN MUARA ANCALONG TAHUN 2025"
    ws.merge_cells("A2:J2")
    heads = [
        "NO",
        "NIK",
        "NO. KK",
        "NAMA LENGKAP",
        "TEMPAT LAHIR",
        "TGL LAHIR",
        "L/P",
        "DESA",
        "PEKERJAAN",
        "NO. HP",
        "RT/RW",
    ]
    for c, h in enumerate(heads, start=1):
        ws.cell(row=4, column=c, value=h)
    for c in range(1, 12):  # the "(1) (2) (3)" numbering row of government forms
        ws.cell(row=5, column=c, value=c)
    ws["A6"] = "DUSUN I"
    ws.merge_cells("A6:K6")
    people: list[list[Any]] = [
        # 7: clean, occupation with a qualifier, phone as text
        [
            1,
            "6408014101900001",
            "6408010101100001",
            "Siti Aminah",
            "Sangatta",
            "01/01/1990",
            "P",
            "Senyiur",
            "NELAYAN PANCING",
            "081234567890",
        ],
        # 8: date as a real date cell, phone typed as a number (its 0 is gone)
        [
            2,
            "6408011203850002",
            "6408010101100002",
            "budi santoso",
            "Sangatta",
            dt.datetime(1985, 3, 12),
            "L",
            "Senyiur",
            "Petani Padi",
            81234567891,
        ],
        # 9: KK copied from the NIK, a hajj title, "OJEK ONLINE"
        [
            3,
            "6408012505800003",
            "6408012505800003",
            "H. Joko Susilo",
            "Samarinda",
            "25-05-1980",
            "LK",
            "Senyiur",
            "OJEK ONLINE",
            "",
        ],
        ["DUSUN II"],
        # 11: a deceased person, KK stored as a number
        [
            4,
            "6408010204880004",
            6408010101100004.0,
            "ALM. SUPARDI",
            "Sangatta",
            "02/04/1988",
            "L",
            "Senyiur",
            "PENJAGA MASJID",
            "",
        ],
        # 12: 31 February
        [
            5,
            "6408013101870005",
            "6408010101100005",
            "Rahmat",
            "Sangatta",
            "31-02-1987",
            "L",
            "Senyiur",
            "tukang ojek",
            "",
        ],
        # 13: a birth year in the future
        [
            6,
            "6408011203910006",
            "6408010101100006",
            "Yusuf",
            "Sangatta",
            "12/03/2031",
            "L",
            "Senyiur",
            "WIRASWASTA",
            "",
        ],
        # 14: ten years old, under the funder's 15-64 band
        [
            7,
            "6408010506150007",
            "6408010101100007",
            "Dimas",
            "Sangatta",
            "05/06/2015",
            "L",
            "Senyiur",
            "IRT",
            "",
        ],
        # 15: Jak Luay exists, in Muara Wahau, not in the office's Muara Ancalong
        [
            8,
            "6408011506920008",
            "6408010101100008",
            "Andi Wijaya",
            "Sangatta",
            "15/06/1992",
            "L",
            "Jak Luay",
            "KULI BANGUNAN",
            "",
        ],
        # 16: the NIK says 12-03-85, the list 21-03-1985 (two digits swapped)
        [
            9,
            "6408011203850009",
            "6408010101100009",
            "Hasan Basri",
            "Sangatta",
            "21/03/1985",
            "L",
            "Senyiur",
            "PEMBANTU TUKANG",
            "",
        ],
        # 17: an occupation nobody listed, "PEREMPAUN" mistyped
        [
            10,
            "6408015506930010",
            "6408010101100010",
            "Dewi Lestari, S.Pd",
            "Sangatta",
            "15/06/1993",
            "PEREMPAUN",
            "Senyiur",
            "ASTRONOT",
            "",
        ],
        [],
        ["JUMLAH", None, None, "10 ORANG"],
        [],
        [None, None, None, "Mengetahui,", None, None, None, "Senyiur, 12 Januari 2025"],
        [None, None, None, "Kepala Desa Senyiur", None, None, None, "Petugas Pendata"],
        [],
        [None, None, None, "(tanda tangan)"],
        [None, None, None, "SUPARMAN", None, None, None, "ANI"],
        [None, None, None, "NIP. 19700101 199003 1 002"],
    ]
    for r, row in enumerate(people, start=7):
        if row and isinstance(row[0], int):
            row = [*row, f"00{row[0] % 5 + 1}/001"]  # RT/RW after the phone column
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                ws.cell(row=r, column=c, value=value)
    for r in range(7, 7 + len(people)):
        for col in (2, 3, 10):
            if isinstance(ws.cell(row=r, column=col).value, str):
                ws.cell(row=r, column=col).number_format = "@"
    wb.save(path)
    return path


def by_row(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {r["row"]: r for r in data["rows"]}


def codes_of(row: dict[str, Any]) -> list[str]:
    return [p["code"] for p in row["problems"]]


def test_occupations_and_sexes_from_free_text() -> None:
    jobs = job_matcher(dict(PEKERJAAN))
    expected = {
        "NELAYAN PANCING": "NELAYAN",
        "Petani Padi": "PETANI",
        "OJEK ONLINE": "OJEK",
        "tukang ojek": "OJEK",
        "PENJAGA MASJID": "MARBOT",
        "pembantu tukang": "BURUH_BANGUNAN",
        "KULI BANGUNAN": "BURUH_BANGUNAN",
        "IRT": "LAINNYA",
        "WIRASWASTA": "PEDAGANG",
        "Pedagang Keliling": "PEDAGANG",
        "BURUH HARIAN LEPAS": "LAINNYA",
        "buruh_bangunan": "BURUH_BANGUNAN",
        "Petani / Pekebun": "PETANI",
        "Pedagang sayur keliling": "PEDAGANG",  # a synonym inside a longer text
    }
    for written, code in expected.items():
        got = jobs.match(written)
        assert (got.code, got.needs_review) == (code, False), written
    typo = jobs.match("NELAYN")
    assert (typo.code, typo.how) == ("NELAYAN", "mirip") and 88 <= typo.score < 100
    odd = jobs.match("ASTRONOT")
    assert (odd.code, odd.how) == ("LAINNYA", "cadangan")
    # "TUKANG" alone names no category: it never captures "TUKANG SAYUR".
    assert jobs.match("TUKANG SAYUR").how == "cadangan"
    sexes = sex_matcher()
    assert match_sex(sexes, "LAKI-LAKI").code == "L"
    assert match_sex(sexes, "Pr.").code == "P"
    assert match_sex(sexes, "PEREMPAUN").how == "mirip"
    assert match_sex(sexes, "X").code is None


def test_desa_list_each_mistake_has_its_own_code(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    run = li.check(ctx, actor=admin, path=desa_workbook(tmp_path / "senyiur.xlsx"))
    data = run.as_json("id")
    assert data["header_row"] == 4
    rows = by_row(data)
    # Only the ten people are rows; labels, totals and the signature are skipped and counted.
    assert sorted(rows) == [7, 8, 9, 11, 12, 13, 14, 15, 16, 17]
    kinds = {k["kind"]: k["rows"] for k in data["skipped"]["by_kind"]}
    assert kinds == {"label": 2, "jumlah": 1, "tanda_tangan": 5, "kosong": 3}, kinds
    assert codes_of(rows[7]) == [] and rows[7]["status"] == "siap", rows[7]["problems"]
    assert codes_of(rows[8]) == [codes.PHONE_NUMBER] and rows[8]["status"] == "siap"
    assert sorted(codes_of(rows[9])) == sorted([codes.NAME_TITLE, codes.KK_IS_NIK])
    assert rows[9]["status"] == "siap"
    # The KK typed as a number kept its 16 digits (Excel would have cut the last to 0): kept,
    # with a warning to check it against the family card.
    assert sorted(codes_of(rows[11])) == sorted([codes.NAME_DECEASED, codes.KK_NUMBER])
    assert codes_of(rows[12]) == [codes.DATE_IMPOSSIBLE]
    assert codes_of(rows[13])[0] == codes.DATE_FUTURE
    assert codes_of(rows[14]) == ["age.out_of_range"]
    assert codes_of(rows[15]) == [codes.DESA_OTHER_KEC]
    assert "Muara Wahau" in rows[15]["problems"][0]["message"]
    assert codes_of(rows[16]) == [codes.NIK_DATE_SWAP] and rows[16]["status"] == "siap"
    assert sorted(codes_of(rows[17])) == sorted(
        [codes.NAME_TITLE, codes.VALUE_FUZZY, codes.JOB_FALLBACK]
    )
    assert rows[17]["status"] == "siap"  # an unknown occupation with a fallback is a warning
    for n in (11, 12, 13, 14, 15):
        assert rows[n]["status"] == "ditolak", n
    # One problem per cell: never a second "wajib diisi" for a cell that had a value.
    for row in rows.values():
        cells = [p["column_index"] for p in row["problems"] if p["column_index"] is not None]
        assert len(cells) == len(set(cells)), row
        assert "field.required" not in codes_of(row), row
    # Every distinct coded value once, with its row count; the ones to review first.
    values = {(v["field"], v["value"]): v for v in data["values"]}
    assert (
        values[("pekerjaan", "ASTRONOT")]["review"]
        and values[("pekerjaan", "ASTRONOT")]["code"] == "LAINNYA"
    )
    assert values[("pekerjaan", "NELAYAN PANCING")]["code"] == "NELAYAN"
    assert values[("jenis_kelamin", "PEREMPAUN")]["code"] == "P"
    assert data["values"][0]["review"]


def test_value_mapping_is_used_and_saved_in_the_profile(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    path = desa_workbook(tmp_path / "senyiur.xlsx")
    run = li.check(
        ctx,
        actor=admin,
        path=path,
        values={"pekerjaan": {"astronot": "PEDAGANG"}, "jenis_kelamin": {"PEREMPAUN": "P"}},
    )
    rows = by_row(run.as_json("id"))
    assert codes_of(rows[17]) == [codes.NAME_TITLE]
    chosen = {(v["field"], v["value"]): v for v in run.values_json()}
    assert chosen[("pekerjaan", "ASTRONOT")]["how"] == "pengguna"
    # Saved with the column mapping, reused by name.
    from rentan_desktop.legacy.mapping import Profile

    li.save_profile(
        ctx,
        actor=admin,
        profile=Profile.from_mapping(
            "Senyiur 2025", run.result.mapping, sheet=run.result.sheet, values=run.value_maps
        ),
    )
    again = li.check(ctx, actor=admin, path=path, profile="Senyiur 2025")
    assert codes_of(by_row(again.as_json("id"))[17]) == [codes.NAME_TITLE]
    with pytest.raises(UserError) as bad:
        li.check(ctx, actor=admin, path=path, values={"pekerjaan": {"ASTRONOT": "ANGKASA"}})
    assert bad.value.code == codes.VALUE_UNKNOWN_CODE
    with pytest.raises(UserError) as bad:
        li.check(ctx, actor=admin, path=path, values={"nama": {"X": "Y"}})
    assert bad.value.code == codes.VALUE_FIELD


def test_report_workbook_shows_values_and_skipped_rows(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    run = li.check(ctx, actor=admin, path=desa_workbook(tmp_path / "senyiur.xlsx"))
    out = run.write_report(tmp_path / "laporan.xlsx", "id")
    wb = openpyxl.load_workbook(out)
    assert {"Data", "Ringkasan", "Klaster", "Nilai", "Dilewati"} <= set(wb.sheetnames)
    nilai = [[c.value for c in r] for r in wb["Nilai"].iter_rows()]
    assert any(r[1] == "ASTRONOT" and r[3] == "LAINNYA" and r[2] == 1 for r in nilai)
    skipped = [[c.value for c in r] for r in wb["Dilewati"].iter_rows()]
    assert any(r[0] == 19 and r[1] == "jumlah" for r in skipped)
    assert any(r[0] == 10 and r[1] == "label" for r in skipped)
    data = [[c.value for c in r] for r in wb["Data"].iter_rows()]
    problems = {r[0]: r[-3] for r in data[1:]}
    assert "almarhum" in problems[4]


CSV_ID = (
    "\ufeffDATA PEKERJA RENTAN DESA KELINJAU ILIR;;;;;;;\r\n"
    ";;;;;;;\r\n"
    "No;NIK;Nama;Tempat Lahir;Tanggal Lahir;JK;Desa;Pekerjaan;Penghasilan;RT;RW\r\n"
    "1;6408014101900001;Siti Aminah;Sangatta;01/01/1990;P;Kelinjau Ilir;Nelayan;1.500.000,00;1;2\r\n"
    "2;6,40801E+15;Budi;Sangatta;32945;L;Kelinjau Ilir;PETANI_PADI;750.000,50;01;02\r\n"
    "3;6408015506920008;Hj. Halimah;Sangatta;15/06/1992;Perempuan;Kelinjau Ilir;IBU RUMAH TANGGA;;003;002\r\n"
    "RT 003;;;;;;;;\r\n"
    "4;6408010204880004;Almarhum Sukri;Sangatta;02/04/1988;L;Kelinjau Ilir;MARBOT;;3;2\r\n"
    "JUMLAH;;;;;;;;\r\n"
)


def test_csv_from_an_indonesian_excel(ctx: AppContext, admin: User, tmp_path: Path) -> None:
    path = tmp_path / "kelinjau.csv"
    path.write_bytes(CSV_ID.encode("utf-8"))
    data = li.check(ctx, actor=admin, path=path).as_json("id")
    rows = by_row(data)
    assert sorted(rows) == [4, 5, 6, 8]
    assert codes_of(rows[4]) == []
    # Scientific notation with a decimal comma: the NIK lost its digits, checked on the KTP.
    assert codes_of(rows[5]) == ["id.scientific"]
    assert codes_of(rows[6]) == [codes.NAME_TITLE]  # "Perempuan", IBU RUMAH TANGGA -> LAINNYA
    assert codes_of(rows[8]) == [codes.NAME_DECEASED]
    kinds = {k["kind"]: k["rows"] for k in data["skipped"]["by_kind"]}
    assert kinds == {"label": 1, "jumlah": 1}


def one_sheet_per_desa(path: Path) -> Path:
    wb = openpyxl.Workbook()
    first = wb.active
    layouts = {
        "SENYIUR": ("Senyiur", "6408014101900001", "Siti Aminah", "01-01-1990", "P"),
        "KELINJAU ILIR": ("Kelinjau Ilir", "6408011203850002", "Budi Santoso", "12-03-1985", "L"),
        "KELINJAU ULU": ("Kelinjau Ulu", "6408012505800003", "Joko", "25-05-1980", "L"),
    }
    for n, (title, (desa, nik, nama, lahir, jk)) in enumerate(layouts.items()):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append([f"DATA PEKERJA RENTAN DESA {desa.upper()}"])
        ws.append([])
        ws.append(["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "DESA", "PEKERJAAN", "RT/RW"])
        ws.append([1, nik, nama, lahir, jk, desa, "NELAYAN", "001/001"])
        ws.append([2, nik[:-1] + "9", nama + " KEDUA", lahir, jk, desa, "PETANI", "002/001"])
        ws.append([])
        ws.append([None, "Mengetahui, Kepala Desa " + desa])
    staff = wb.create_sheet(
        "PETUGAS"
    )  # a staff list beside the desa sheets: not people to register
    staff.append(["NO", "NAMA", "NIP", "JABATAN"])
    staff.append([1, "SUPARMAN", "197001011990031002", "KASI KESRA"])
    wb.save(path)
    return path


def test_one_sheet_per_desa_in_one_run(ctx: AppContext, admin: User, tmp_path: Path) -> None:
    path = one_sheet_per_desa(tmp_path / "per_desa.xlsx")
    run = li.check(ctx, actor=admin, path=path, sheet=li.ALL_SHEETS)
    data = run.as_json("id")
    assert [r["sheet"] for r in data["rows"]] == ["SENYIUR"] * 2 + ["KELINJAU ILIR"] * 2 + [
        "KELINJAU ULU"
    ] * 2
    assert {r["status"] for r in data["rows"]} == {"siap"}
    assert data["skipped"]["total"] >= 3
    assert data["sheets_ignored"] == ["PETUGAS"]
    done = li.commit(ctx, actor=admin, path=path, sheet=li.ALL_SHEETS)
    assert done.totals()["imported"] == 6
    # The same rows again, one sheet at a time: nothing new (the row keys are the same).
    again = li.commit(ctx, actor=admin, path=path, sheet="KELINJAU ILIR")
    assert again.totals()["imported"] == 0 and again.totals()["already_imported"] == 2


def rentan(bin_: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run([bin_, *args], capture_output=True, text=True, env=env, timeout=180)


def test_cli_dry_run_map_value_and_profile(rentan_bin: str, db_path: Path, tmp_path: Path) -> None:
    path = desa_workbook(tmp_path / "senyiur.xlsx")
    db = str(db_path)
    first = rentan(rentan_bin, "import-legacy", "--db", db, "--user", "admin", str(path))
    assert first.returncode == 1, first.stderr  # refused rows: exit 1
    assert "Dilewati (bukan data orang): 11 baris" in first.stdout
    assert 'pekerjaan "ASTRONOT" → LAINNYA' in first.stdout
    second = rentan(
        rentan_bin,
        "import-legacy",
        "--db",
        db,
        "--user",
        "admin",
        "--json",
        "--map-value",
        "pekerjaan=ASTRONOT=PEDAGANG",
        "--map-value",
        "jenis_kelamin=PEREMPAUN=P",
        "--save-profile",
        "Senyiur",
        str(path),
    )
    data = json.loads(second.stdout)
    assert codes_of(by_row(data)[17]) == [codes.NAME_TITLE]
    third = rentan(
        rentan_bin,
        "import-legacy",
        "--db",
        db,
        "--user",
        "admin",
        "--json",
        "--profile",
        "Senyiur",
        str(path),
    )
    assert codes_of(by_row(json.loads(third.stdout))[17]) == [codes.NAME_TITLE]
    bad = rentan(
        rentan_bin,
        "import-legacy",
        "--db",
        db,
        "--user",
        "admin",
        "--map-value",
        "pekerjaan=ASTRONOT",
        str(path),
    )
    assert bad.returncode != 0 and "--map-value" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_every_sheet_and_explicit_dry_run(
    rentan_bin: str, db_path: Path, tmp_path: Path
) -> None:
    path = one_sheet_per_desa(tmp_path / "daftar_per_desa.xlsx")
    common = ["--db", str(db_path), "--user", "admin"]
    dry = rentan(rentan_bin, "import-legacy", str(path), *common, "--sheet", "*", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "6 baris" in dry.stdout and "SENYIUR, KELINJAU ILIR, KELINJAU ULU" in dry.stdout
    assert "tidak dibaca: PETUGAS" in dry.stdout
    done = rentan(
        rentan_bin, "import-legacy", str(path), *common, "--sheet", "*", "--commit", "--json"
    )
    data = json.loads(done.stdout)
    assert data["totals"]["imported"] == 6 and data["sheets"] == [
        "SENYIUR",
        "KELINJAU ILIR",
        "KELINJAU ULU",
    ]
    assert {r["sheet"] for r in data["rows"]} == set(data["sheets"])
    both = rentan(rentan_bin, "import-legacy", str(path), *common, "--dry-run", "--commit")
    assert both.returncode != 0 and "Traceback" not in both.stderr


def test_names_initials_and_lookalikes_are_not_titles_or_markers() -> None:
    from rentan_desktop.legacy.people import read_marks

    for name in (
        "AHMAD M. NUR",
        "SITI M. ALI",
        "SALMAH",
        "ALMAHDI",
        "SITI, SRI",
        "BUDI S. HARYANTO",
    ):
        marks = read_marks(name)
        assert (marks.name, marks.deceased, marks.titles) == (name, False, ""), name
    assert read_marks("NURUL, A.MD.KEP").titles == "A.MD.KEP"
    assert read_marks("SUPARDI (ALM)").deceased


def test_a_page_signature_mid_table_and_people_who_look_like_signatures(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    rows: list[list[Any]] = [
        ["NO", "NIK", "NAMA", "TGL LAHIR", "JK", "KECAMATAN", "DESA", "ALAMAT", "PEKERJAAN",
         "NO HP", "RT/RW"],
        [1, "6408014101900001", "Siti Aminah", "01-01-1990", "P", "Muara Ancalong", "Senyiur",
         "Jl. Poros", "-", 6281234567890.0, "001/001"],
        [None, "Sangatta, 1 Februari 2025"],
        [None, "Kepala Desa Senyiur"],
        [None, "SUPARMAN"],
        # a new page of the same table: people again, one with a NIK Excel damaged
        [2, 6.40801120385e15, "Budi", "12-03-1985", "L", "Muara Ancalong", "Senyiur", "Jl. Poros",
         "NELAYAN", "", "001/001"],
        # no NIK, lives on Jl. Camat, works as the desa secretary: a person to report, not skip
        [3, "", "Rahmat", "02-04-1988", "L", "Muara Ancalong", "Senyiur", "Jl. Camat No. 4",
         "SEKRETARIS DESA", "", "002/001"],
        # the file's kecamatan agrees with the desa, but it is not the office's kecamatan
        [4, "6408021506920004", "Andi", "15-06-1992", "L", "Muara Wahau", "Jak Luay",
         "Jl. Poros", "PETANI", "", "001/001"],
    ]  # fmt: skip
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                ws.cell(row=r, column=c, value=value)
    path = tmp_path / "halaman.xlsx"
    wb.save(path)
    data = li.check(ctx, actor=admin, path=path).as_json("id")
    rows_by = by_row(data)
    assert sorted(rows_by) == [2, 6, 7, 8]
    # "-" as occupation: nothing written, so required (not "unknown"); a 62… phone kept its digits.
    assert [(p["code"], p["field"]) for p in rows_by[2]["problems"]] == [
        ("field.required", "pekerjaan_kode")
    ]
    data = li.check(ctx, actor=admin, path=path, pekerjaan="NELAYAN").as_json("id")
    rows_by = by_row(data)
    assert codes_of(rows_by[2]) == []
    assert codes_of(rows_by[6]) == ["id.numeric"]
    # Every problem of a refused row at once: the missing NIK and the unknown occupation.
    assert codes_of(rows_by[7]) == ["nik.empty", codes.JOB_FALLBACK]
    assert codes_of(rows_by[8]) == [codes.DESA_OTHER_KEC]
    assert "kecamatan kantor" in rows_by[8]["problems"][0]["message"]
    assert {k["kind"]: k["rows"] for k in data["skipped"]["by_kind"]} == {"tanda_tangan": 3}
