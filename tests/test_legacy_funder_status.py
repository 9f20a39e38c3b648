"""SUMBER DANA and STATUS columns written as free text, the way desa offices keep them: a CSV saved
by an Indonesian-locale Excel (semicolons, BOM, CRLF) with a signature block under the table, read
through the service and through the ``rentan`` process. Each row's funder comes from its own cell
(its age band applies), status words that mean the person is not to be registered refuse the row,
and unknown words are listed once for the user to map (``--map-value``, saved in the profile)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import ADMIN_PASSWORD
from rentan_desktop.legacy import codes
from rentan_desktop.legacy.table import header_field
from rentan_desktop.legacy.values import ACTIVE, funder_matcher, status_matcher
from rentan_desktop.services import legacy_import as li
from rentan_desktop.services import setup
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

CSV = (
    "\ufeffDAFTAR PEKERJA RENTAN DESA SENYIUR TAHUN 2026;;;;;;;;\r\n"
    ";;;;;;;;\r\n"
    "No;NIK;Nama;Tgl Lahir;JK;Desa;RT/RW;Pekerjaan;Sumber Dana;Status\r\n"
    "1;6408014101900001;Siti Aminah;01/01/1990;P;Senyiur;003/001;Nelayan;APBD KAB;AKTIF\r\n"
    "2;6408011203850002;Budi Santoso;12/03/1985;L;Senyiur;003/001;Petani;DESA;Baru\r\n"
    "3;6408012505800003;Joko Susilo;25/05/1980;L;Senyiur;003/001;Ojek;Pemprov;aktif\r\n"
    "4;6408010204880004;Sukri;02/04/1988;L;Senyiur;003/001;Marbot;APBD KAB;MENINGGAL\r\n"
    "5;6408015506920005;Rahmah;15/06/1992;P;Senyiur;003/001;Pedagang;DANA DESA;MD\r\n"
    "6;6408011010750006;Herman;10/10/1975;L;Senyiur;003/001;Petani;APBD KAB;Pindah Domisili\r\n"
    "7;6408016002950007;Wati;20/02/1995;P;Senyiur;003/001;Nelayan;APBD KABUPATN;AKTIF\r\n"
    "8;6408010507830008;Darto;05/07/1983;L;Senyiur;003/001;Petani;SWADAYA;AKTIF\r\n"
    "9;6408011708790009;Yusuf;17/08/1979;L;Senyiur;003/001;Petani;DD;CEK ULANG\r\n"
    "10;6408014303620010;Marni;03/03/1962;P;Senyiur;003/001;Petani;Dana Desa;AKTIF\r\n"
    "11;6408016007620123;Sulastri;20/07/1962;P;Senyiur;003/001;Petani;APBD Kabupaten;AKTIF\r\n"
    "12;6408010909900012;Rudi;09/09/1990;L;Senyiur;003/001;Petani;;AKTIF\r\n"
    ";;;;;;;;\r\n"
    ";;Mengetahui,;;;;;;\r\n"
    ";;Kepala Desa Senyiur;;;;;;\r\n"
    ";;;;;;;;\r\n"
    ";;(SUPRIADI);;;;;;\r\n"
)
FIRST = 4  # sheet row of the first person


@pytest.fixture
def funders(ctx: AppContext, admin: User) -> None:
    """The regency's APBD (from the template), a desa's Dana Desa (ages 18-59) and the province."""
    setup.add_funder(
        ctx,
        actor=admin,
        spec=setup.FunderSpec("DD-SENYIUR", "Dana Desa Senyiur", 18, 59, "6408", "Perdes 3/2025"),
    )
    setup.add_funder(
        ctx,
        actor=admin,
        spec=setup.FunderSpec(
            "PROV-KALTIM", "APBD Provinsi Kalimantan Timur", 15, 64, None, "Pergub 12/2025"
        ),
    )


def by_row(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {r["row"]: r for r in data["rows"]}


def codes_of(row: dict[str, Any]) -> list[str]:
    return [p["code"] for p in row["problems"]]


def write_csv(tmp_path: Path) -> Path:
    path = tmp_path / "senyiur_dana.csv"
    path.write_bytes(CSV.encode("utf-8"))
    return path


def test_headers_name_the_funder_and_status_but_not_marriage() -> None:
    assert header_field("SUMBER DANA") == "sumber_dana"
    assert header_field("Sumber Pembiayaan") == "sumber_dana"
    assert header_field("STATUS") == "status"
    assert header_field("Status Peserta") == "status"
    assert header_field("STATUS PERKAWINAN") is None
    assert header_field("Status Hubungan Dalam Keluarga") is None


def test_status_words() -> None:
    m = status_matcher()
    assert {w: m.match(w).code for w in ("Aktif", "BARU", "peserta lama")} == dict.fromkeys(
        ("Aktif", "BARU", "peserta lama"), ACTIVE
    )
    assert m.match("Meninggal Dunia").code == "MENINGGAL"
    assert m.match("MD").code == "MENINGGAL"
    assert m.match("ALMARHUMAH").code == "MENINGGAL"
    assert m.match("pindah domisili").code == "PINDAH"
    assert m.match("TDK AKTIF").code == "NONAKTIF"  # not AKTIF because it holds the word
    typo = m.match("MENINGAL")
    assert typo.code == "MENINGGAL" and typo.how == "mirip" and 88 <= typo.score < 100
    assert m.match("CEK ULANG").how == "cadangan"  # unknown: counted as active, with a warning


def test_funder_words_reach_the_one_funder_of_their_kind() -> None:
    funders = {
        "APBD-KUTIM": "APBD Kabupaten Kutai Timur",
        "DD-SENYIUR": "Dana Desa Senyiur",
        "PROV-KALTIM": "APBD Provinsi Kalimantan Timur",
    }
    m = funder_matcher(funders)
    assert m.match("APBD KAB").code == "APBD-KUTIM"
    assert m.match("apbd-kutim").code == "APBD-KUTIM"
    assert m.match("Pemkab").code == "APBD-KUTIM"
    assert m.match("DESA").code == "DD-SENYIUR"
    assert m.match("ADD").code == "DD-SENYIUR"
    assert m.match("Gubernur").code == "PROV-KALTIM"
    assert m.match("SWADAYA").code is None
    assert funder_matcher(funders, fallback="APBD-KUTIM").match("SWADAYA").how == "cadangan"
    # Two village funds: "DESA" names neither, the user maps it once.
    two = funder_matcher({**funders, "DD-KELINJAU": "Dana Desa Kelinjau Ilir"})
    assert two.match("DESA").code is None
    assert two.match("DD-KELINJAU").code == "DD-KELINJAU"


def test_each_row_has_its_own_funder_and_status(
    ctx: AppContext, admin: User, funders: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path)
    data = li.check(ctx, actor=admin, path=path).as_json("id")  # three funders, none chosen
    rows = by_row(data)
    assert sorted(rows) == list(range(FIRST, FIRST + 12))  # the signature block is no one
    assert data["skipped"]["total"] >= 3
    at = {n: rows[FIRST + n - 1] for n in range(1, 13)}
    for n in (1, 2, 3, 11):
        assert codes_of(at[n]) == [] and at[n]["status"] == "siap", at[n]["problems"]
    for n in (4, 5, 6):  # dead, dead (MD), moved: one sentence each, refused
        assert codes_of(at[n]) == [codes.STATUS_INACTIVE] and at[n]["status"] == "ditolak", n
    assert "meninggal dunia" in at[4]["problems"][0]["message"]
    assert "skor 100" in at[4]["problems"][0]["message"]
    assert "pindah domisili" in at[6]["problems"][0]["message"]
    # A misspelt funder is matched with its score shown, and the row goes ahead.
    assert codes_of(at[7]) == [codes.VALUE_FUZZY] and at[7]["status"] == "siap"
    assert "APBD KABUPATN" in at[7]["problems"][0]["message"]
    # No funder of that name and no import funder to fall back on: refused, once for the cell.
    assert codes_of(at[8]) == [codes.FUNDER_UNKNOWN] and at[8]["status"] == "ditolak"
    assert at[8]["problems"][0]["column"] == "Sumber Dana"
    assert codes_of(at[9]) == [codes.STATUS_UNKNOWN] and at[9]["status"] == "siap"
    # Both 64 years old: the Dana Desa's band (18-59) refuses 64, the regency's (15-64) takes it.
    assert codes_of(at[10]) == ["age.out_of_range"] and at[10]["status"] == "ditolak"
    # An empty funder cell with several funders and none chosen: the funder is required.
    assert codes_of(at[12]) == ["field.required"] and at[12]["status"] == "ditolak"
    values = {(v["field"], v["value"]): v for v in data["values"]}
    assert values[("sumber_dana", "SWADAYA")]["review"] is True
    assert values[("sumber_dana", "SWADAYA")]["code"] is None
    assert values[("sumber_dana", "APBD KAB")]["code"] == "APBD-KUTIM"
    assert values[("sumber_dana", "APBD KAB")]["rows"] == 3
    assert values[("status", "MD")]["code"] == "MENINGGAL"
    assert values[("status", "CEK ULANG")]["how"] == "cadangan"


def test_import_funder_fills_empty_and_unknown_cells_and_commit_stores_each_rows_funder(
    ctx: AppContext, admin: User, funders: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path)
    run = li.check(ctx, actor=admin, path=path, sumber_dana="APBD-KUTIM")
    rows = by_row(run.as_json("id"))
    assert codes_of(rows[FIRST + 7]) == [codes.FUNDER_FALLBACK]  # SWADAYA -> APBD-KUTIM, warned
    assert rows[FIRST + 7]["status"] == "siap"
    assert codes_of(rows[FIRST + 11]) == []  # empty cell: the import's funder
    done = li.commit(
        ctx,
        actor=admin,
        path=path,
        sumber_dana="APBD-KUTIM",
        values={"sumber_dana": {"SWADAYA": "DD-SENYIUR"}, "status": {"CEK ULANG": "PINDAH"}},
    )
    assert done.totals()["imported"] == 7  # 1, 2, 3, 7, 8, 11, 12
    with ctx.db.reader() as session:
        con = session.connection().connection.driver_connection
        stored = dict(
            con.execute(  # type: ignore[union-attr]
                "SELECT r.nik, d.kode FROM registrant r JOIN sumber_dana d ON d.id = r.sumber_dana_id"
            ).fetchall()
        )
    assert stored["6408014101900001"] == "APBD-KUTIM"
    assert stored["6408011203850002"] == "DD-SENYIUR"
    assert stored["6408012505800003"] == "PROV-KALTIM"
    assert stored["6408010507830008"] == "DD-SENYIUR"  # the user's mapping
    assert stored["6408010909900012"] == "APBD-KUTIM"
    assert "6408011708790009" not in stored  # CEK ULANG mapped to PINDAH: refused
    assert "6408010204880004" not in stored


def test_unknown_funder_code_in_a_mapping_is_refused(
    ctx: AppContext, admin: User, funders: None, tmp_path: Path
) -> None:
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=write_csv(tmp_path), values={"sumber_dana": {"X": "NOPE"}})
    assert "DD-SENYIUR" in err.value.message("id")
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=write_csv(tmp_path), values={"status": {"X": "HIDUP"}})
    assert "MENINGGAL" in err.value.message("id")


def test_a_file_without_a_funder_column_still_asks_which_funder(
    ctx: AppContext, admin: User, funders: None, tmp_path: Path
) -> None:
    path = tmp_path / "tanpa_dana.csv"
    lines = CSV.splitlines(keepends=True)
    path.write_bytes(
        "".join(";".join(line.split(";")[:8]) + "\r\n" for line in lines[2:6]).encode()
    )
    with pytest.raises(UserError) as err:
        li.check(ctx, actor=admin, path=path)
    assert "--sumber-dana" in err.value.message("id")


def rentan(bin_: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run([bin_, *args], capture_output=True, text=True, env=env, timeout=180)


def test_cli_maps_funder_and_status_words_and_saves_them_in_the_profile(
    rentan_bin: str, db_path: Path, ctx: AppContext, admin: User, funders: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path)
    common = ["import-legacy", "--db", str(db_path), "--user", "admin", str(path)]
    first = rentan(rentan_bin, *common)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert 'sumber_dana "SWADAYA"' in first.stdout and 'status "CEK ULANG"' in first.stdout
    second = rentan(
        rentan_bin,
        *common,
        "--json",
        "--map-value",
        "sumber_dana=SWADAYA=DD-SENYIUR",
        "--map-value",
        'status="CEK ULANG"=AKTIF',
        "--save-profile",
        "Senyiur dana",
    )
    rows = by_row(json.loads(second.stdout))
    assert codes_of(rows[FIRST + 7]) == [] and codes_of(rows[FIRST + 8]) == []
    third = rentan(rentan_bin, *common, "--json", "--profile", "Senyiur dana")
    rows = by_row(json.loads(third.stdout))
    assert codes_of(rows[FIRST + 7]) == [] and codes_of(rows[FIRST + 8]) == []
    values = {(v["field"], v["value"]): v for v in json.loads(third.stdout)["values"]}
    assert values[("sumber_dana", "SWADAYA")]["how"] == "pengguna"
    assert values[("sumber_dana", "SWADAYA")]["code"] == "DD-SENYIUR"
