"""The batch commands end to end through `rentan` (in-process main, real databases and files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD
from tests.test_batch_support import add_verified, statuses

from rentan_desktop.cli.main import main
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

kab_template, kab = support.kab_template, support.kab  # shared fixtures


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db), "--user", "admin"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _json(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> object:
    code, out, err = _run(capsys, db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_batch_round_trip_on_the_command_line(
    ctx: AppContext,
    admin: User,
    kab: AppContext,
    funder_id: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)
    usb = tmp_path / "usb"
    usb.mkdir()
    kec_db, kab_db = ctx.db.path, kab.db.path
    for db in (kec_db, kab_db):
        _json(capsys, db, "keys", "create")
    exported = _json(capsys, kec_db, "keys", "export", "--out", str(usb))
    assert isinstance(exported, dict)
    code, _, err = _run(
        capsys, kab_db, "keys", "trust", exported["file"], "--fingerprint", "0000-0000-0000-0000"
    )
    assert code == 1 and "tidak sama" in err
    code, _, err = _run(
        capsys,
        kab_db,
        "keys",
        "trust",
        exported["file"],
        "--fingerprint",
        exported["fingerprint"],
        "--office",
        "640802",
    )
    assert code == 1 and "640801" in err
    _json(
        capsys,
        kab_db,
        "keys",
        "trust",
        exported["file"],
        "--fingerprint",
        exported["fingerprint"].lower(),
        "--office",
        "64.08.01",
    )
    up = _json(capsys, kab_db, "keys", "export", "--out", str(usb))
    assert isinstance(up, dict)
    _json(capsys, kec_db, "keys", "trust", up["file"], "--fingerprint", up["fingerprint"])
    listed = _json(capsys, kab_db, "keys", "list")
    assert isinstance(listed, list) and listed[0]["office"] == "640801"

    uuids = add_verified(ctx, admin, funder_id, 2)
    batch = _json(capsys, kec_db, "export-batch", "--out", str(usb), "--to", "6408")
    assert isinstance(batch, dict) and batch["rows"] == 2
    xlsx = batch["files"][0]
    code, out, _ = _run(capsys, kab_db, "verify-batch", xlsx)
    assert code == 0 and "sah" in out
    imported = _json(capsys, kab_db, "import-batch", xlsx)
    assert isinstance(imported, list) and imported[0]["new"] == 2
    code, out, _ = _run(capsys, kab_db, "import-batch", xlsx)
    assert code == 1 and "sudah diimpor" in out

    made = _json(capsys, kab_db, "receipt", "make", batch["batch_id"], "--out", str(usb))
    assert isinstance(made, dict) and made["counts"] == {"accepted": 2}
    code, out, _ = _run(capsys, kec_db, "import-receipt", made["file"])
    assert code == 0 and "accepted 2" in out
    assert {statuses(ctx)[u] for u in uuids} == {"accepted"}

    code, out, _ = _run(capsys, kab_db, "conflicts", "list")
    assert code == 0 and "Tidak ada konflik" in out
    sheet = tmp_path / "kolektif.xlsx"
    assert _json(capsys, kab_db, "bpjs", "export", "--out", str(sheet)) == {
        "file": str(sheet),
        "rows": 2,
    }


@pytest.mark.parametrize(
    "command",
    [
        ["keys", "create"],
        ["keys", "show"],
        ["keys", "export"],
        ["keys", "trust"],
        ["keys", "revoke"],
        ["keys", "list"],
        ["keys", "rotate"],
        ["export-batch"],
        ["verify-batch"],
        ["import-batch"],
        ["receipt", "make"],
        ["receipt", "import"],
        ["receipt", "resync"],
        ["make-receipt"],
        ["import-receipt"],
        ["conflicts", "list"],
        ["conflicts", "decide"],
        ["bpjs", "export"],
        ["bpjs", "import-result"],
    ],
)
def test_every_batch_command_has_help(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "usage: rentan " + " ".join(command) in capsys.readouterr().out
