"""The `rentan` command line: exit codes, JSON output, errors on stderr as one sentence."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import ADMIN_PASSWORD


def run(
    rentan_bin: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD, **(env or {})}
    return subprocess.run(
        [rentan_bin, *args], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_check_nik_json(rentan_bin: str) -> None:
    out = run(rentan_bin, "check-nik", "--json", "6408014101900001")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["errors"] == [] and data["warnings"] == [] and data["sex"] == "P"
    assert data["issued_in"].startswith("Muara Ancalong")
    bad = run(rentan_bin, "check-nik", "--json", "6.40801E+15")
    assert bad.returncode == 1 and json.loads(bad.stdout)["errors"][0]["code"] == "id.scientific"


def test_usage_error_exit_2(rentan_bin: str) -> None:
    out = run(rentan_bin, "search", "--no-such-option")
    assert out.returncode == 2 and out.stderr.startswith("rentan:")


def test_init_demo_search_show(rentan_bin: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    init = run(
        rentan_bin,
        "init",
        "--db",
        db,
        "--office-code",
        "64.08.04",
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
        "--target",
        "500",
    )
    assert init.returncode == 0, init.stderr
    key = run(rentan_bin, "keys", "show", "--db", db, "--user", "admin")
    assert key.returncode == 0 and "-" in key.stdout  # the office got its signing key at setup
    assert run(rentan_bin, "demo", "--db", db, "--user", "admin", "--count", "300").returncode == 0
    found = run(
        rentan_bin, "search", "--db", db, "--user", "admin", "--json", "--limit", "5", "640"
    )
    data = json.loads(found.stdout)
    assert data["total"] > 0 and "*" in data["rows"][0]["nik"]  # lists never show full NIKs
    uuid = data["rows"][0]["uuid"]
    shown = run(rentan_bin, "show", "--db", db, "--user", "admin", "--json", uuid)
    assert json.loads(shown.stdout)["uuid"] == uuid
    stats = json.loads(run(rentan_bin, "stats", "--db", db, "--json").stdout)
    assert stats["target"] == 500 and stats["monthly_tariff"] == 16800


def test_refusals_are_one_sentence_exit_1(rentan_bin: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    run(
        rentan_bin,
        "init",
        "--db",
        db,
        "--office-code",
        "640804",
        "--level",
        "kecamatan",
        "--admin",
        "admin",
        "--funder-code",
        "APBD-KUTIM",
    )
    wrong = run(
        rentan_bin,
        "search",
        "--db",
        db,
        "--user",
        "admin",
        "x",
        env={"RENTAN_PASSWORD": "salah-sekali"},
    )
    assert wrong.returncode == 1 and wrong.stderr.strip() == "Nama pengguna atau kata sandi salah."
    add = run(
        rentan_bin,
        "add",
        "--db",
        db,
        "--user",
        "admin",
        "--nik",
        "6408044101900000",
        "--nama",
        "X",
        "--tanggal-lahir",
        "01011990",
        "--jenis-kelamin",
        "P",
        "--desa-kode",
        "6408041001",
        "--pekerjaan-kode",
        "NELAYAN",
        "--rt",
        "1",
        "--rw",
        "1",
    )
    assert add.returncode == 1 and "0000" in add.stderr and "Traceback" not in add.stderr
    en = run(
        rentan_bin,
        "add",
        "--db",
        db,
        "--user",
        "admin",
        "--lang",
        "en",
        "--nik",
        "6408044101900000",
        "--nama",
        "X",
        "--tanggal-lahir",
        "01011990",
        "--jenis-kelamin",
        "P",
        "--desa-kode",
        "6408041001",
        "--pekerjaan-kode",
        "NELAYAN",
        "--rt",
        "1",
        "--rw",
        "1",
    )
    assert "serial" in en.stderr


def test_damaged_database_refused_with_the_way_out(rentan_bin: str, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    run(
        rentan_bin,
        "init",
        "--db",
        str(db),
        "--office-code",
        "640804",
        "--level",
        "kecamatan",
        "--admin",
        "admin",
    )
    data = bytearray(db.read_bytes())
    data[4096 * 3 : 4096 * 3 + 512] = b"\xff" * 512  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    out = run(rentan_bin, "search", "--db", str(db), "--user", "admin", "x")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "rentan restore" in out.stderr


def test_full_disk_is_a_sentence_not_a_traceback() -> None:
    import sqlite3

    from rentan_desktop.services.errors import user_message

    full = sqlite3.OperationalError("database or disk is full")
    assert user_message(full, "id") is not None and "Traceback" not in (
        user_message(full, "id") or ""
    )


def test_missing_folder_is_a_sentence(rentan_bin: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    run(
        rentan_bin,
        "init",
        "--db",
        db,
        "--office-code",
        "640804",
        "--level",
        "kecamatan",
        "--admin",
        "admin",
    )
    out = run(
        rentan_bin,
        "keys",
        "export",
        "--db",
        db,
        "--user",
        "admin",
        "--out",
        str(tmp_path / "no-usb"),
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "tidak dapat dibuka atau ditulis" in out.stderr
