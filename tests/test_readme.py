"""The README is the user's guide: it must name every command the CLI offers, and the two set-up commands."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from rentan_desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = main.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # noqa: SLF001
    code = "\n".join(re.findall(r"```.*?```|`[^`]+`", readme, re.S))  # commands are shown as code
    missing = [
        name for name in commands if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", code)
    ]
    assert missing == []


def test_readme_names_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for shot in ("setup-wizard.png", "home.png", "entry-form.png", "registrant-list.png"):
        assert f"docs/screenshots/{shot}" in readme
        assert (ROOT / "docs" / "screenshots" / shot).exists()


# --- Every command block of the README runs, in order, as printed ---------------------------------
#
# The README is read as a user reads it: each ```sh block is run by bash, top to bottom, exactly as
# printed. A block may be preceded by an invisible ``<!-- pc: NAME -->`` comment naming the PC it is
# typed on (each PC is its own HOME, so its own default database, keys and backups); the USB stick is
# one folder shared by all PCs, named by ``$USB`` as the README says. Input files a user brings
# (``daftar_desa.xlsx``) are made by the test in the PC's working folder. What a user types at a prompt
# (a fingerprint read aloud over the phone) is fed on stdin from what the other PC printed.

_BLOCK = re.compile(
    r"(?:<!--\s*pc:\s*(?P<pc>[\w-]+)\s*-->\s*\n)?[ \t]*```sh\n(?P<body>.*?)```", re.S
)
_FINGERPRINT = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def readme_blocks() -> list[tuple[str, str]]:
    """(pc, body) of every ```sh block, in order; pc is '' when the block names none."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        (m.group("pc") or "", textwrap.dedent(m.group("body"))) for m in _BLOCK.finditer(readme)
    ]


def _bin_dir() -> Path:
    return Path(sys.executable).parent


def _make_legacy_list(path: Path, *, resent: bool = False) -> None:
    """A desa list as a desa office keeps it: a title, the header under it, a signature block below.

    ``resent``: the same list sent again a month later, one person's phone number changed.
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Desa Senyiur"
    ws.append(["DAFTAR CALON PESERTA BPJS KETENAGAKERJAAN PEKERJA RENTAN"])
    ws.append(["DESA SENYIUR KECAMATAN MUARA ANCALONG TAHUN 2026"])
    ws.append([])
    ws.append(
        ["NO", "NIK", "NAMA", "L/P", "TTL", "DESA", "RT/RW", "PEKERJAAN", "NAMA IBU", "NO HP"]
    )
    people = [
        (
            "6408014101900001",
            "SITI AMINAH",
            "P",
            "SENYIUR, 01-01-1990",
            "003/001",
            "PETANI",
            "HALIMAH",
        ),
        (
            "6408011203850002",
            "MUHAMMAD RIZKI",
            "L",
            "SENYIUR, 12-03-1985",
            "003/001",
            "NELAYAN",
            "SALMAH",
        ),
        (
            "6408015507920003",
            "NURUL HIDAYAH",
            "P",
            "SENYIUR, 15-07-1992",
            "004/001",
            "PEDAGANG",
            "ASIAH",
        ),
        # the same woman keyed again with a mistyped NIK and a spelling variant: a duplicate to decide
        (
            "6408014101900010",
            "SITTI AMINAH",
            "P",
            "SENYIUR, 01-01-1990",
            "003/001",
            "PETANI",
            "HALIMAH",
        ),
    ]
    for i, (nik, nama, lp, ttl, rtrw, kerja, ibu) in enumerate(people, start=1):
        phone = "085250001111" if resent and nama == "MUHAMMAD RIZKI" else "081234567890"
        ws.append([i, nik, nama, lp, ttl, "SENYIUR", rtrw, kerja, ibu, phone])
    ws.append([])
    ws.append(["", "", "Mengetahui,", "", "", "", "Senyiur, 2 Desember 2026"])
    ws.append(["", "", "Kepala Desa Senyiur", "", "", "", "Petugas Pendata"])
    wb.save(path)


def _make_list_per_desa(path: Path) -> None:
    """A kecamatan's workbook with one sheet per desa, as clerks collect them."""
    from openpyxl import Workbook

    wb = Workbook()
    sheets = {
        "Kelinjau Ilir": [
            (
                "6408024506880004",
                "RAHMAWATI",
                "P",
                "12/06/1988",
                "KELINJAU ILIR",
                "001",
                "001",
                "PETANI SAWIT",
            )
        ],
        "Long Nah": [
            (
                "6408011008790005",
                "H. ABDUL RAHMAN",
                "L",
                "10/08/1979",
                "LONG NAH",
                "002",
                "001",
                "NELAYAN PANCING",
            )
        ],
    }
    first = True
    for title, people in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append([f"DATA PEKERJA RENTAN DESA {title.upper()}"])
        ws.append(["NIK", "NAMA", "JK", "TGL LAHIR", "DESA", "RT", "RW", "PEKERJAAN"])
        for row in people:
            ws.append(list(row))
    wb.save(path)


def test_every_readme_command_block_runs_as_printed(tmp_path: Path) -> None:
    blocks = readme_blocks()
    assert blocks, "the README shows no command block"
    usb = tmp_path / "usb"
    usb.mkdir()
    fingerprints: dict[str, str] = {}
    ran = 0
    for index, (pc, body) in enumerate(blocks):
        first = body.strip().splitlines()[0]
        if first.startswith("make "):  # the two set-up commands: CI itself runs `make test`
            targets = [line.split()[1] for line in body.strip().splitlines()]
            done = subprocess.run(
                ["make", "-n", *targets], cwd=ROOT, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr
            continue
        if first.startswith(
            "tar xzf rentan-desktop-"
        ):  # the bundle: tests/test_packaging.py installs it
            assert (ROOT / "packaging" / "linux" / "install.sh").exists()
            continue
        pc = pc or "kecamatan"
        home = tmp_path / pc
        if not home.exists():  # a new PC: its own HOME, and the desa's list on its disk
            home.mkdir()
            _make_legacy_list(home / "daftar_desa.xlsx")
            _make_list_per_desa(home / "daftar_per_desa.xlsx")
            _make_legacy_list(home / "daftar_kirim_ulang.xlsx", resent=True)
        env = {
            "HOME": str(home),
            "PATH": f"{_bin_dir()}{os.pathsep}/usr/bin{os.pathsep}/bin",
            "USB": str(usb),
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
        }
        # A fingerprint asked for at a prompt is the one another PC printed (read aloud by phone).
        answers = "".join(f"{fp}\n" for other, fp in fingerprints.items() if other != pc)
        # What one block exports stays set for the next block on the same PC, as in a terminal.
        saved = home / ".readme-env"
        script = f"[ -f {saved} ] && . {saved}\n{body}\nexport -p > {saved}\n"
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=home,
            env=env,
            input=answers,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (
            f"README block {index} (on the {pc} PC) failed with exit {done.returncode}:\n{body}\n"
            f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
        )
        assert "Traceback" not in done.stderr, done.stderr
        if "keys show" in body:
            fingerprints[pc] = _FINGERPRINT.findall(done.stdout)[-1]
        ran += 1
    assert ran >= 5
