"""`rentan print ...`, `rentan rt-results` and `rentan verify-card` end to end.

The commands run in-process through ``cli.main.main`` (the same parser and handlers as the
installed script; ``tests/test_cli.py`` already proves the entry point itself starts), which keeps
this walk through a dozen commands to a few seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA
from tests.test_pdf_support import qr_texts, render, sizes_mm, text
from tests.test_print_services import register_people

from rentan_desktop.cli.main import main
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import auth, batches, registrants, trust
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

kab_template, kab = support.kab_template, support.kab  # shared fixtures


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def test_print_commands(
    ctx: AppContext,
    kab: AppContext,
    admin: User,
    funder_id: int,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)

    def run(_bin: str, *args: str) -> Done:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return Done(code, out.out, out.err)

    rentan_bin = "rentan"
    from tests.test_cards import make_registered

    uuids = register_people(ctx, admin, funder_id, 6)
    today = date.today()  # the CLI answers for today: a coverage period around it
    make_registered(ctx, uuids[:2], date(today.year - 1, 1, 1), date(today.year + 1, 12, 31))
    trust.create_office_key(ctx, actor=admin)
    common = ["--db", str(db_path), "--user", "admin", "--json"]

    out = run(
        rentan_bin,
        "print",
        "rt-list",
        *common,
        "--desa",
        DESA,
        "--rt",
        "3",
        "--paper",
        "f4",
        "-o",
        str(tmp_path / "rt.pdf"),
    )
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert listed["rows"] == 4 and sizes_mm(tmp_path / "rt.pdf")[0] == (330, 215)

    every = run(
        rentan_bin, "print", "rt-list", *common, "--desa", DESA, "-o", str(tmp_path / "all")
    )
    assert every.returncode == 0, every.stderr
    assert [d["rows"] for d in json.loads(every.stdout)] == [4, 2]

    shown = json.loads(run(rentan_bin, "rt-results", *common, listed["code"]).stdout)
    assert [r["no"] for r in shown["rows"]] == [1, 2, 3, 4]
    keyed = run(rentan_bin, "rt-results", *common, listed["code"], "..1.")
    assert keyed.returncode == 0, keyed.stderr
    assert json.loads(keyed.stdout)["applied"]["3"] in ("verified", "confirmed")
    bad = run(
        rentan_bin, "rt-results", "--db", str(db_path), "--user", "admin", listed["code"], "19"
    )
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "1-5" in bad.stderr

    printed = run(
        rentan_bin,
        "print",
        "cards",
        *common,
        "--request",
        *uuids[:2],
        "-o",
        str(tmp_path / "cards.pdf"),
    )
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["cards"] == 2
    tokens = qr_texts(render(tmp_path / "cards.pdf", tmp_path, 200))
    assert len(tokens) == 2
    good = run(rentan_bin, "verify-card", *common, tokens[0])
    assert good.returncode == 0 and json.loads(good.stdout)["verdict"] == "covered"
    forged = tokens[0][:-3] + ("A" if tokens[0][-3] != "A" else "B") + tokens[0][-2:]
    refused = run(rentan_bin, "verify-card", *common, forged)
    assert refused.returncode == 1 and json.loads(refused.stdout)["genuine"] is False

    queue = json.loads(run(rentan_bin, "print", "queue", *common).stdout)
    assert [q["state"] for q in queue] == ["printed", "printed"]
    handed = run(
        rentan_bin,
        "print",
        "handed-over",
        *common,
        str(queue[0]["id"]),
        "--receiver",
        "Ketua RT 003",
        "--date",
        "2026-08-20",
        "-o",
        str(tmp_path / "terima.pdf"),
    )
    assert handed.returncode == 0, handed.stderr
    receipt = " ".join(" ".join(text(tmp_path / "terima.pdf")).split())
    assert "TANDA TERIMA KARTU PESERTA" in receipt and "Ketua RT 003" in receipt
    assert "20 Agustus 2026" in receipt and "Tanda tangan / cap jempol" in receipt
    assert "WARGA" in receipt.upper() and "************" in receipt

    configured = run(
        rentan_bin,
        "print",
        "settings",
        *common,
        "--retention",
        "10 tahun",
        "--camat",
        "Drs. Camat Contoh",
    )
    assert configured.returncode == 0, configured.stderr
    assert json.loads(configured.stdout)["retention"] == "10 tahun"
    form = run(rentan_bin, "print", "form", *common, uuids[2], "-o", str(tmp_path / "f.pdf"))
    assert form.returncode == 0 and (tmp_path / "f.pdf").exists()
    assert "Data disimpan 10 tahun." in " ".join(" ".join(text(tmp_path / "f.pdf")).split())

    registrants.change_status(ctx, actor=admin, uuids=uuids[2:], new=Status.VERIFIED)
    support.exchange(ctx, admin, kab, auth.authenticate(kab, "admin", ADMIN_PASSWORD), tmp_path)
    (tmp_path / "usb").mkdir()
    exported = batches.export_batch(
        ctx, actor=admin, folder=tmp_path / "usb", recipient=support.KAB_CODE
    )
    bast = run(
        rentan_bin,
        "print",
        "handover",
        *common,
        exported.xlsx.stem,
        "--paper",
        "f4",
        "-o",
        str(tmp_path / "bast.pdf"),
    )
    assert bast.returncode == 0, bast.stderr
    assert sizes_mm(tmp_path / "bast.pdf")[0] == (215, 330)
    assert "Drs. Camat Contoh" in " ".join(text(tmp_path / "bast.pdf"))

    unknown = run(
        rentan_bin,
        "print",
        "rt-list",
        "--db",
        str(db_path),
        "--user",
        "admin",
        "--desa",
        "6408019999",
        "--rt",
        "3",
    )
    assert (
        unknown.returncode == 1 and unknown.stderr.strip() == "Kode desa 6408019999 tidak dikenal."
    )
