"""`rentan --lang en …` speaks English throughout (issue 15): real processes on a fresh database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
# Words of our Indonesian messages; none may reach an English user.
INDONESIAN = re.compile(
    r"\b(disiapkan|dibuat|ditemukan|Tersimpan|Peringatan|Kantor|kunci|Sidik|Periode|Iuran|detik|"
    r"pendaftar|klaster|ditulis|Tidak ada|Belum|sah|SAH|Diterbitkan|Tanggal lahir|Perempuan|"
    r"Laki-laki|KESALAHAN|aktif|umur|domisili|Antrean|terenkripsi|Dicatat|diubah|orang|data)\b"
)


def _rentan(home: Path, *args: str) -> str:
    env = {
        "HOME": str(home),
        "PATH": f"{BIN}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "RENTAN_PASSWORD": "Rahasia-Kantor-2026",
        "RENTAN_USER": "admin",
        "RENTAN_KEY_PASSPHRASE": os.environ.get("RENTAN_KEY_PASSPHRASE", "kunci-kantor-rahasia-1"),
    }
    done = subprocess.run(
        [str(BIN / "rentan"), "--lang", "en", *args, "--db", str(home / "r.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


@pytest.mark.slow  # thirteen `rentan` processes: ~25 s on a quiet machine
def test_lang_en_output_is_english(tmp_path: Path) -> None:
    outputs = {
        "init": _rentan(
            tmp_path,
            "init",
            "--office-code",
            "640801",
            "--level",
            "kecamatan",
            "--admin",
            "admin",
            "--funder-code",
            "APBD-KUTIM",
            "--target",
            "500",
        ),
        "demo": _rentan(tmp_path, "demo", "--count", "60"),
    }
    for command in (
        ["stats"],
        ["check-nik", "6408014101900001"],
        ["check-nik", "64080141O1900001"],
        ["users", "list"],
        ["search", "SITI"],
        ["template", "--out", str(tmp_path / "t.xlsx")],
        ["duplicates", "list"],
        ["conflicts", "list"],
        ["keys", "show"],
        ["print", "queue"],
        ["target", "--funder", "APBD-KUTIM", "--count", "600"],
    ):
        outputs[" ".join(command)] = _rentan(tmp_path, *command)
    assert "set up in" in outputs["init"] and "sample registrants created" in outputs["demo"]
    assert "VALID" in outputs["check-nik 6408014101900001"]
    assert "Birth date    : 1 January 1990" in outputs["check-nik 6408014101900001"]
    assert "found 'O'" in outputs["check-nik 64080141O1900001"]
    assert "remaining" in outputs["stats"] and "found" in outputs["search SITI"]
    left = {cmd: m.group(0) for cmd, out in outputs.items() if (m := INDONESIAN.search(out))}
    assert not left, {cmd: outputs[cmd] for cmd in left}
