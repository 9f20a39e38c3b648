"""`rentan import-legacy`, `rentan duplicates` and `rentan quality` end to end through the CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

from conftest import ADMIN_PASSWORD
from rentan_desktop.services.dedupe import cluster_key
from test_legacy_helpers import write_xlsx

ROWS = [
    ["DATA PEKERJA RENTAN DESA SENYIUR 2024"],
    ["NO", "N I K", "NAMA", "TTL", "JK", "RT/RW", "DESA", "NO HP"],
    [
        1,
        "6408014101900001",
        "Siti Aminah",
        "Sangatta, 01-01-1990",
        "P",
        "003/001",
        "Senyiur",
        "081234567890",
    ],
    [
        2,
        "6408014101900007",
        "SITI AMINA",
        "Sangatta, 1 Januari 1990",
        "P",
        "3/1",
        "Kelinjau Ilir",
        "",
    ],
    [3, 6408011203850002.0, "Budi", "Sangatta, 12-03-1985", "L", "1/1", "Senyiur", ""],
]


def _all_digit_uuids() -> list[str]:
    """Two uuids whose cluster key happens to be all digits."""
    for n in range(100_000):
        pair = [str(uuid.UUID(int=2 * n + 1)), str(uuid.UUID(int=2 * n + 2))]
        if cluster_key(pair).isdigit():
            return pair
    raise AssertionError("no all-digit key found")


def run(rentan_bin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run([rentan_bin, *args], capture_output=True, text=True, env=env, timeout=180)


def test_import_legacy_duplicates_and_quality(rentan_bin: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    init = run(
        rentan_bin,
        "init",
        "--db",
        db,
        "--office-code",
        "64.08.01",
        "--level",
        "kecamatan",
        "--admin",
        "admin",
        "--funder-code",
        "APBD-KUTIM",
        "--age-min",
        "15",
        "--age-max",
        "64",
    )
    assert init.returncode == 0, init.stderr
    src = write_xlsx(tmp_path / "senyiur.xlsx", ROWS)
    common = ["--db", db, "--user", "admin"]

    dry = run(rentan_bin, "import-legacy", str(src), *common, "--json", "--pekerjaan", "NELAYAN")
    assert dry.returncode == 1, dry.stderr  # one row refused (the NIK Excel turned into a number)
    data = json.loads(dry.stdout)
    assert (
        data["mode"] == "dry-run"
        and data["totals"]["ready"] == 2
        and data["totals"]["refused"] == 1
    )
    assert data["rows"][2]["problems"][0]["code"] == "id.numeric"

    report = tmp_path / "laporan.xlsx"
    done = run(
        rentan_bin,
        "import-legacy",
        str(src),
        *common,
        "--commit",
        "--pekerjaan",
        "NELAYAN",
        "--report",
        str(report),
        "--save-profile",
        "Desa Senyiur",
    )
    assert "DISIMPAN" in done.stdout and report.exists()
    # The summary names each problem in a sentence the clerk can act on, not its internal code.
    assert "ditolak: NIK tersimpan sebagai angka di spreadsheet" in done.stdout, done.stdout
    assert "id.numeric" not in done.stdout and "(error)" not in done.stdout
    again = json.loads(
        run(
            rentan_bin,
            "import-legacy",
            str(src),
            *common,
            "--commit",
            "--json",
            "--profile",
            "Desa Senyiur",
            "--pekerjaan",
            "NELAYAN",
        ).stdout
    )
    assert again["totals"]["imported"] == 0 and again["totals"]["already_imported"] == 2

    listed = json.loads(run(rentan_bin, "duplicates", "list", *common, "--json").stdout)
    [cluster] = listed["clusters"]
    # A key can be all digits (1 in 280); it must still be read as a key, not a list position.
    digits = _all_digit_uuids()
    with sqlite3.connect(db) as con:
        for old, new in zip(cluster["members"], digits, strict=True):
            con.execute("UPDATE registrant SET uuid = ? WHERE uuid = ?", (new, old))
    con.close()
    listed = json.loads(run(rentan_bin, "duplicates", "list", *common, "--json").stdout)
    [cluster] = listed["clusters"]
    assert cluster["key"].isdigit() and sorted(cluster["members"]) == sorted(digits)
    shown = run(rentan_bin, "duplicates", "show", cluster["key"], *common)
    assert shown.returncode == 0 and "*nik" in shown.stdout.replace(" ", "")
    no_reason = run(rentan_bin, "duplicates", "decide", cluster["key"], *common, "--different")
    assert no_reason.returncode == 2  # --reason is required
    decided = run(
        rentan_bin,
        "duplicates",
        "decide",
        cluster["key"],
        *common,
        "--keep",
        cluster["members"][0],
        "--reason",
        "Satu orang, NIK kedua salah ketik",
        "--json",
    )
    assert decided.returncode == 0, decided.stderr
    assert json.loads(decided.stdout)["deactivated"] == [cluster["members"][1]]
    assert (
        json.loads(run(rentan_bin, "duplicates", "list", *common, "--json").stdout)["clusters"]
        == []
    )

    quality = json.loads(run(rentan_bin, "quality", *common, "--json", "--snapshot").stdout)
    # The only record without a phone number was the duplicate just deactivated.
    assert all(t["code"] != "kualitas.hp_kosong" for t in quality["totals"])
    assert quality["desa"][0]["desa"] == "Senyiur" and quality["desa"][0]["records"] == 1

    # A column the guess does not know is mapped by hand with --map.
    rows = [
        ["NIK", "NAMA", "TGL LAHIR", "JK", "KAMPUNG", "RT", "RW"],
        ["6408014101900001", "Siti", "01-01-1990", "P", "Senyiur", "3", "1"],
        ["6408011203850002", "Budi", "12-03-1985", "L", "Senyiur", "3", "1"],
    ]
    src = write_xlsx(tmp_path / "a.xlsx", rows)
    bad = run(rentan_bin, "import-legacy", str(src), *common, "--map", "E=kampung")
    assert bad.returncode == 1 and "--map" in bad.stderr
    ok = run(
        rentan_bin,
        "import-legacy",
        str(src),
        *common,
        "--json",
        "--map",
        "E=desa",
        "--pekerjaan",
        "NELAYAN",
    )
    data = json.loads(ok.stdout)
    assert data["rows"][1]["desa_kode"] == "6408012001"
    # Siti is registered already, as SITI AMINAH: her row is not a new person but a re-sent one
    # whose name the file gives otherwise (RT "3" is the stored "003").
    siti = data["rows"][0]
    assert siti["problems"][0]["code"] == "legacy.perubahan_data"
    assert siti["status"] == "perubahan_data" and siti["registered"]["registrant"]
    assert set(siti["registered"]["changes"]) == {"nama"}
