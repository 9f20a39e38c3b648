"""The short registration number on the form finds the record again (`rentan show 4F3A-91C2`)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import ADMIN_PASSWORD
from tests.test_pdf_support import text
from tests.test_print_services import register_people

from rentan_desktop.cli.main import main
from rentan_desktop.domain.registration_number import RegistrationNumber
from rentan_desktop.services import registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User


def test_typed_forms_of_the_number() -> None:
    uuid = "4f3a91c2-0b1e-4c6d-9a7b-123456789abc"
    number = RegistrationNumber.of(uuid)
    assert str(number) == "4F3A-91C2"
    for typed in ("4F3A-91C2", "4f3a91c2", " 4f3a 91c2 ", "4F3A.91C2"):
        assert RegistrationNumber.parse(typed) == number
    for other in ("6408014101900001", uuid, "4F3A-91C", "4F3A-91CG", "", "4F3A--91C2"):
        assert RegistrationNumber.parse(other) is None


def test_show_takes_the_number_printed_on_the_form(
    ctx: AppContext,
    admin: User,
    funder_id: int,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--db", str(db_path), "--user", "admin"])
        out = capsys.readouterr()
        return code, out.out, out.err

    uuids = register_people(ctx, admin, funder_id, 3)
    form = tmp_path / "form.pdf"
    assert run("print", "form", uuids[1], "-o", str(form))[0] == 0
    printed = re.search(r"Nomor registrasi: ([0-9A-F]{4}-[0-9A-F]{4})", " ".join(text(form)))
    assert printed is not None
    number = printed.group(1)
    for typed in (number, number.lower().replace("-", ""), number.replace("-", " ")):
        code, out, err = run("show", "--json", typed)
        assert code == 0, err
        assert json.loads(out)["uuid"] == uuids[1]
    code, out, err = run("show", number)
    assert code == 0 and "Warga B Sentosa".upper() in out.upper()

    absent = "0000-0000" if not uuids[0].startswith("00000000") else "FFFF-FFFF"
    code, out, err = run("show", absent)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"Nomor registrasi {absent} tidak ditemukan di database ini: periksa ketikannya, "
        "atau cari dengan NIK atau nama."
    )

    # Two records sharing a number (32 bits among a regency's 160,000 make a few such pairs):
    # never a guess, both are named with what tells them apart.
    shared = uuids[1][:8] + uuids[2][8:]
    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE registrant SET uuid = ? WHERE uuid = ?", (shared, uuids[2]))
    con.close()
    found = registrants.find_by_registration_number(
        ctx, actor=admin, number=RegistrationNumber.parse(number) or RegistrationNumber("")
    )
    assert sorted(r.uuid for r in found) == sorted([uuids[1], shared])
    code, out, err = run("show", number)
    assert code == 1 and "Traceback" not in err
    assert f"Nomor registrasi {number} dipakai 2 data" in err
    assert uuids[1] in err and shared in err and "WARGA C SENTOSA" in err
    assert "************" in err  # masked NIK tails, never a full NIK
    assert not re.search(r"\d{16}", err)
