"""The regency's own occupation synonyms travel down in its master-data pack (issue 19, point 1).

A coordinator at the regency learns that desa on the Mahakam write "TUKANG KETINTING" for a
motoris; it adds the word once, the pack carries it, and the kecamatan's legacy dry run of a
hand-written desa list maps it with no --map-value and no profile entry. Real SQLite files and a
real xlsx; a pack whose synonym names an occupation it does not list is refused and changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD
from tests.test_batch_support import Link

from rentan_desktop.legacy import values as lv
from rentan_desktop.services import legacy_import, master_data, synonyms
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures

WORD = "Tukang Ketinting"  # as the desa clerk typed it
MOTORIS = "Motoris speedboat / kelotok"


def _desa_list(path: Path) -> Path:
    """A desa list as a clerk makes it: a title, a blank row, free-text PEKERJAAN, a signature."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Senyiur"
    ws.append(["DAFTAR PEKERJA RENTAN DESA SENYIUR KEC. MUARA ANCALONG"])
    ws.append([])
    ws.append(["NO", "NIK", "NAMA", "TEMPAT/TGL LAHIR", "L/P", "RT/RW", "DESA", "PEKERJAAN"])
    ws.append(
        [
            1,
            "6408014101900001",
            "Siti Aminah",
            "Sangatta, 01-01-1990",
            "P",
            "003/001",
            "Senyiur",
            WORD,
        ]
    )
    ws.append(
        [
            2,
            "6408011203850002",
            "Budi Santoso",
            "Sangatta, 12-03-1985",
            "L",
            "004/002",
            "Senyiur",
            "TUKANG KETINTING",
        ]
    )
    ws.append(
        [
            3,
            "6408012505800003",
            "Joko Susilo",
            "Samarinda, 25-05-1980",
            "L",
            "001/001",
            "Senyiur",
            "NELAYAN PANCING",
        ]
    )
    ws.append([])
    ws.append(["", "", "Kepala Desa Senyiur,"])
    wb.save(path)
    return path


def _matched(run: legacy_import.LegacyRun, written: str) -> lv.ValueMatch:
    return next(
        t.match for t in run.values if t.field == "pekerjaan" and t.match.written == written
    )


def _setting(ctx: AppContext) -> list[tuple[object, ...]]:
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute(
            "SELECT value FROM setting WHERE key = ?", (synonyms.SETTING,)
        ).fetchall()
    finally:
        con.close()


def test_a_regency_synonym_travels_in_the_pack_and_maps_the_kecamatan_dry_run(
    link: Link, tmp_path: Path
) -> None:
    desa = _desa_list(tmp_path / "senyiur.xlsx")
    before = legacy_import.check(link.kec, actor=link.kec_admin, path=desa)
    assert _matched(before, WORD).code != "MOTORIS"  # the shipped table does not know the word
    assert _matched(before, WORD).needs_review

    added = synonyms.add(
        link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD, kode="motoris"
    )
    assert (added.text, added.kode, added.label) == ("TUKANG KETINTING", "MOTORIS", MOTORIS)
    assert [s.text for s in synonyms.listing(link.kab)] == ["TUKANG KETINTING"]
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    assert pack.counts["synonyms"] == 1

    seen = master_data.verify_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert seen.ok and not _setting(link.kec)  # verifying writes nothing
    assert f"Padanan baru: 'TUKANG KETINTING' → {MOTORIS}." in [c.id for c in seen.changes]
    assert f"New synonym: 'TUKANG KETINTING' → {MOTORIS}." in [c.en for c in seen.changes]
    done = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert done.applied and done.changes == seen.changes
    assert json.loads(_setting(link.kec)[0][0]) == {"pekerjaan": {"TUKANG KETINTING": "MOTORIS"}}

    # The kecamatan's dry run now maps both spellings, with no --map-value and no profile.
    after = legacy_import.check(link.kec, actor=link.kec_admin, path=desa)
    for written in (WORD, "TUKANG KETINTING"):
        m = _matched(after, written)
        assert (m.code, m.how, m.needs_review) == ("MOTORIS", lv.HOW_EXACT, False)
    assert _matched(after, "NELAYAN PANCING").code == "NELAYAN"  # the shipped table still works
    rows = {r["row"]: r for r in after.as_json("id")["rows"]}
    assert [rows[n]["status"] for n in (4, 5, 6)] == ["siap"] * 3
    assert not any(p["column"] == "PEKERJAAN" for n in (4, 5) for p in rows[n]["problems"])

    # The clerk's own choice in an import still wins over the office table.
    chosen = legacy_import.check(
        link.kec, actor=link.kec_admin, path=desa, values={"pekerjaan": {WORD: "NELAYAN"}}
    )
    assert (_matched(chosen, WORD).code, _matched(chosen, WORD).how) == ("NELAYAN", lv.HOW_USER)

    # A later change at the regency travels as a change; the same pack again says nothing new.
    synonyms.add(link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD, kode="NELAYAN")
    second = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    changed = master_data.import_pack(link.kec, actor=link.kec_admin, path=second.path)
    assert f"Padanan 'TUKANG KETINTING' diubah: {MOTORIS} → Nelayan." in [
        c.id for c in changed.changes
    ]


def test_a_pack_whose_synonym_names_an_unknown_occupation_is_refused_and_refusals_change_nothing(
    link: Link, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One pair of databases for the refusals (the fixtures cost more than the checks)."""
    _unknown_occupation_in_a_pack(link)
    _refusals_change_nothing(link)
    _on_the_command_line(link, capsys, monkeypatch)


def _unknown_occupation_in_a_pack(link: Link) -> None:
    synonyms.add(link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD, kode="MOTORIS")
    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    body = pack.path.read_bytes()
    doc = json.loads(body)
    assert doc["synonyms"] == [
        {"field": "pekerjaan", "kode": "MOTORIS", "text": "TUKANG KETINTING"}
    ]
    entry = json.dumps(doc["synonyms"][0], separators=(",", ":")).encode()
    assert entry in body
    pack.path.write_bytes(body.replace(entry, entry.replace(b"MOTORIS", b"TUKANG_SIHIR")))
    before = _setting(link.kec)
    check = master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    assert [i.code for i in check.errors] == [master_data.MD_MALFORMED]
    assert "TUKANG_SIHIR" in check.errors[0].message("id") and not check.applied
    assert _setting(link.kec) == before and master_data.last_pack(link.kec) is None


def _refusals_change_nothing(link: Link) -> None:
    assert (
        synonyms.remove(link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD).kode
        == "MOTORIS"
    )
    emptied = _setting(link.kab)
    assert json.loads(emptied[0][0]) == {}
    with pytest.raises(UserError) as bad_code:
        synonyms.add(link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD, kode="PENYIHIR")
    assert "PENYIHIR" in bad_code.value.message("id") and "MOTORIS" in bad_code.value.message("id")
    with pytest.raises(UserError):
        synonyms.add(link.kab, actor=link.kab_admin, field="agama", text=WORD, kode="MOTORIS")
    with pytest.raises(UserError):
        synonyms.add(link.kab, actor=link.kab_admin, field="pekerjaan", text=" - ", kode="MOTORIS")
    with pytest.raises(UserError):
        synonyms.remove(link.kab, actor=link.kab_admin, field="pekerjaan", text=WORD)
    assert _setting(link.kab) == emptied and synonyms.listing(link.kab) == []


def _on_the_command_line(
    link: Link, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rentan_desktop.cli.main import main

    monkeypatch.setenv("RENTAN_PASSWORD", ADMIN_PASSWORD)
    kab_db = str(link.kab.db.path)
    link.kab.close()
    common = ["--db", kab_db, "--user", "admin"]
    assert (
        main(["master-data", "synonym", "add", "pekerjaan", "TUKANG KETINTING", "MOTORIS", *common])
        == 0
    )
    assert (
        f"Padanan disimpan: pekerjaan 'TUKANG KETINTING' → MOTORIS ({MOTORIS})"
        in capsys.readouterr().out
    )
    assert main(["master-data", "synonym", "list", *common]) == 0
    assert "TUKANG KETINTING\tMOTORIS" in capsys.readouterr().out
    assert (
        main(["master-data", "synonym", "add", "pekerjaan", "TUKANG X", "PENYIHIR", *common]) != 0
    )
    captured = capsys.readouterr()
    assert (
        "PENYIHIR" in captured.out + captured.err and "Traceback" not in captured.out + captured.err
    )
    assert main(["master-data", "synonym", "remove", "pekerjaan", "tukang ketinting", *common]) == 0
    assert "Padanan dihapus" in capsys.readouterr().out
    assert main(["master-data", "synonym", "list", *common]) == 0
    assert "belum punya padanan" in capsys.readouterr().out
