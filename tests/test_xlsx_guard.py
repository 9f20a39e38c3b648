"""Hostile spreadsheets: each built here byte by byte and refused before any library parses it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import xlsxwriter

from rentan_desktop.io.xlsx_guard import Limits, XlsxRefused, check_file

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELNS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def cell_xml(ref: str, value: object, formula: str | None = None) -> str:
    if formula is not None:
        return f'<c r="{ref}"><f>{escape(formula)}</f><v>{value}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(
    rows: list[list[object]], formulas: dict[str, str] | None = None, prolog: str = ""
) -> str:
    formulas = formulas or {}
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            cells.append(cell_xml(ref, value, formulas.get(ref)))
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    return f"{prolog}<worksheet {NS}><sheetData>{''.join(body)}</sheetData></worksheet>"


def build_xlsx(
    path: Path,
    sheet: str,
    *,
    extra: dict[str, bytes | str] | None = None,
    rels_extra: str = "",
    sheet_name: str = "Data",
) -> Path:
    """A minimal valid workbook (the parts Excel needs) with optional hostile additions."""
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships {RELNS}><Relationship Id="rId1" Type="{R}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {NS} xmlns:r="{R}"><sheets><sheet name="{sheet_name}" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships {RELNS}><Relationship Id="rId1" Type="{R}/worksheet" '
        f'Target="worksheets/sheet1.xml"/>{rels_extra}</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def refused(path: Path, limits: Limits = Limits()) -> XlsxRefused:  # noqa: B008
    with pytest.raises(XlsxRefused) as err:
        check_file(path, limits)
    return err.value


def test_plain_workbook_passes(tmp_path: Path) -> None:
    path = build_xlsx(
        tmp_path / "ok.xlsx", sheet_xml([["NIK", "Nama"], ["6408010101900001", "=bukan rumus"]])
    )
    report = check_file(path)
    assert report.entries == 5 and "xl/worksheets/sheet1.xml" in report.parts


def test_workbook_written_by_xlsxwriter_passes(tmp_path: Path) -> None:
    # What our own exports (and the batch engineer's writer) produce must pass the guard.
    path = tmp_path / "real.xlsx"
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("Data")
    for r in range(200):
        sheet.write_string(r, 0, f"6408{r:012d}")
        sheet.write_string(r, 1, "=SUM(A1)")  # text, not a formula
    book.close()
    assert check_file(path).entries >= 8


def test_zip_bomb_ratio_is_refused_quickly_and_cheaply(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "bomb.xlsx", sheet_xml([["a"]]))
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/sharedStrings.xml", "w") as fh,
    ):
        fh.write(b"<sst ")
        block = b" " * (1 << 20)
        for _ in range(200):  # 200 MiB of spaces, streamed so the test itself stays small
            fh.write(block)
        fh.write(b"/>")
    assert path.stat().st_size < 1 << 20
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    err = refused(path)
    assert err.code == "xlsx.bomb" and err.params["part"] == "xl/sharedStrings.xml"
    assert int(str(err.params["ratio"])) > 100
    assert time.monotonic() - started < 1.0
    assert (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 50 * 1024
    )  # KiB on Linux


def test_declared_size_over_total_limit(tmp_path: Path) -> None:
    rows = [[f"teks acak {i * 7919 % 10007} {i}"] for i in range(20000)]
    path = build_xlsx(tmp_path / "big.xlsx", sheet_xml(rows))
    err = refused(path, Limits(max_total_uncompressed=100_000))
    assert err.code == "xlsx.too_big"


def test_too_many_entries(tmp_path: Path) -> None:
    extra: dict[str, bytes | str] = {f"xl/media/image{i}.png": b"x" for i in range(300)}
    err = refused(build_xlsx(tmp_path / "many.xlsx", sheet_xml([["a"]]), extra=extra))
    assert err.code == "xlsx.too_many_parts" and err.params == {
        "name": "many.xlsx",
        "count": 305,
        "limit": 200,
    }


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    laughs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    prolog = f'<?xml version="1.0"?><!DOCTYPE worksheet [{"".join(laughs)}]>'
    sheet = (
        prolog
        + f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    started = time.monotonic()
    err = refused(build_xlsx(tmp_path / "laughs.xlsx", sheet))
    assert err.code == "xlsx.bad_xml" and err.params["part"] == "xl/worksheets/sheet1.xml"
    assert time.monotonic() - started < 1.0


def test_external_entity_in_shared_strings_is_refused(tmp_path: Path) -> None:
    sst = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>'
    err = refused(
        build_xlsx(tmp_path / "xxe.xlsx", sheet_xml([["a"]]), extra={"xl/sharedStrings.xml": sst})
    )
    assert err.code == "xlsx.bad_xml"


@pytest.mark.parametrize(
    ("part", "code"),
    [
        ("xl/vbaProject.bin", "xlsx.macro"),
        ("xl/activeX/activeX1.xml", "xlsx.macro"),
        ("xl/embeddings/oleObject1.bin", "xlsx.macro"),
        ("xl/externalLinks/externalLink1.xml", "xlsx.external"),
        ("xl/connections.xml", "xlsx.external"),
        ("xl/worksheets/evil.xml", "xlsx.unexpected_part"),
        ("../../outside.xml", "xlsx.unexpected_part"),
        ("/etc/cron.d/x", "xlsx.unexpected_part"),
    ],
)
def test_unexpected_and_active_parts(tmp_path: Path, part: str, code: str) -> None:
    path = build_xlsx(tmp_path / "x.xlsx", sheet_xml([["a"]]), extra={part: "<x/>"})
    err = refused(path)
    assert err.code == code and err.params["part"] == part


def test_external_relationship_refused_but_hyperlink_allowed(tmp_path: Path) -> None:
    ext = f'<Relationship Id="rId9" Type="{R}/externalLinkPath" Target="\\\\server\\share\\x.xlsx" TargetMode="External"/>'
    assert (
        refused(build_xlsx(tmp_path / "e.xlsx", sheet_xml([["a"]]), rels_extra=ext)).code
        == "xlsx.external"
    )
    link = f'<Relationship Id="rId9" Type="{R}/hyperlink" Target="https://bpjsketenagakerjaan.go.id" TargetMode="External"/>'
    check_file(build_xlsx(tmp_path / "h.xlsx", sheet_xml([["a"]]), rels_extra=link))


def test_formula_cell_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["NIK", "Nama", "Penghasilan"],
        ["6408010101900001", "Siti", 1000],
        ["6408010101900002", "Budi", 2000],
    ]
    path = build_xlsx(
        tmp_path / "f.xlsx", sheet_xml(rows, formulas={"C3": "C2*2"}), sheet_name="Pendaftar"
    )
    err = refused(path)
    assert err.code == "xlsx.formula_cell"
    assert (err.params["sheet"], err.params["row"], err.params["column"]) == ("Pendaftar", 3, "C")
    assert err.message("id").startswith("Sel Pendaftar!C3 (baris 3, kolom C) berisi rumus")


def test_not_a_zip_and_missing_workbook(tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert refused(junk).code == "xlsx.not_xlsx"
    empty = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    assert refused(empty).code == "xlsx.not_xlsx"


def test_deadline_bounds_time(tmp_path: Path) -> None:
    rows = [[f"r{i}", f"n{i}"] for i in range(30000)]
    path = build_xlsx(tmp_path / "slow.xlsx", sheet_xml(rows))
    err = refused(path, Limits(max_seconds=0.0))
    assert err.code == "xlsx.timeout"


_GUARD_PROBE = (
    "from pathlib import Path; import sys\n"
    "from rentan_desktop.io.xlsx_guard import XlsxRefused, require_defusedxml\n"
    "try:\n    require_defusedxml()\nexcept XlsxRefused as e:\n    print(e.code)\nelse:\n    print('allowed')\n"
)


@pytest.mark.parametrize(
    ("env", "prelude", "expected"),
    [
        ({}, "", "allowed"),
        ({"OPENPYXL_DEFUSEDXML": "False"}, "", "xlsx.no_defusedxml"),
        ({}, "import sys; sys.modules['defusedxml'] = None\n", "xlsx.no_defusedxml"),
    ],
)
def test_import_refused_without_defusedxml(
    env: dict[str, str], prelude: str, expected: str
) -> None:
    out = subprocess.run(
        [sys.executable, "-c", prelude + _GUARD_PROBE],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == expected


def test_damaged_deflate_stream_is_refused(tmp_path: Path) -> None:
    # Regression from bench/fuzz_importers.py: zlib.error escaped the guard.
    rows = [[f"6408014101900{i:03d}", f"Nama {i}"] for i in range(200)]
    path = build_xlsx(tmp_path / "ok.xlsx", sheet_xml(rows))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 97):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    assert refused(path).code in ("xlsx.not_xlsx", "xlsx.bad_xml")


@pytest.mark.parametrize("padding", [(1 << 20) - 40, (1 << 20) - 9, (1 << 20) + 3])
def test_formula_found_across_read_chunks(tmp_path: Path, padding: int) -> None:
    # The byte scan reads 1 MiB at a time: a formula whose tags straddle the boundary is still found.
    filler = "x" * padding
    sheet = (
        f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{filler}</t></is></c>'
        f'<c r="B1"><f>A1</f><v>0</v></c></row></sheetData></worksheet>'
    )
    err = refused(build_xlsx(tmp_path / "edge.xlsx", sheet), Limits(max_ratio=10**6))
    assert err.code == "xlsx.formula_cell" and (err.params["row"], err.params["column"]) == (1, "B")
