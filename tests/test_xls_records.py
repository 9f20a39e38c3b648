"""The .xls pre-check: record-level checks of the OLE2 container and the BIFF8 records."""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from tests import hostile_files

from rentan_desktop.io import safe_sheet, sheet_precheck
from rentan_desktop.io.xlsx_guard import XlsxRefused


def _refused(path: Path) -> XlsxRefused:
    started = time.monotonic()
    with pytest.raises(XlsxRefused) as refused, safe_sheet.open_book(path) as book:
        for sheet in book.sheets():
            sheet.drain()
    assert time.monotonic() - started < 20
    return refused.value


def test_a_plain_xls_passes_and_reads_as_calamine_reads_it(tmp_path: Path) -> None:
    path = hostile_files.xls(
        tmp_path / "desa.xls",
        strings=("NIK", "NAMA", "6408010101900001", "SITI"),
        cells=((0, 0, 0), (0, 1, 1), (1, 0, 2), (1, 1, 3)),
        dimension=(2, 2),
    )
    assert sheet_precheck.check(path) == "xls"
    sheet_precheck.scan_extents(path)
    with safe_sheet.open_book(path) as book:
        rows = [row for sheet in book.sheets() for row in sheet.rows()]
    assert rows == CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert rows == [["NIK", "NAMA"], ["6408010101900001", "SITI"]]


def test_the_generated_hostile_xls_files_are_refused_before_calamine(tmp_path: Path) -> None:
    corpus = hostile_files.xls_corpus(tmp_path)
    codes = {what: _refused(path).code for what, path in corpus.items()}
    assert codes == {
        "xls four billion strings": "sheet.strings",
        "xls dimension whole grid": "sheet.cells",
        "xls cell at column 65535": "sheet.cells",
        "xls sector of 1 GB": "sheet.zip",
    }
    assert safe_sheet.last_stats.peak_rss < 100 << 20


def _patched(source: Path, target: Path, at: int, fmt: str, value: int) -> Path:
    data = bytearray(source.read_bytes())
    struct.pack_into(fmt, data, at, value)
    target.write_bytes(bytes(data))
    return target


def test_an_oversized_record_and_a_looping_chain_are_refused_as_damage(tmp_path: Path) -> None:
    plain = hostile_files.xls(tmp_path / "asli.xls")
    stream_at = 3 * 512  # header, FAT sector, directory sector
    # The first record (BOF) claims 9,000 bytes: BIFF8 allows 8,224.
    long_record = _patched(plain, tmp_path / "panjang.xls", stream_at + 2, "<H", 9000)
    message = _refused(long_record).message("id")
    assert "catatan 0x0809 sebesar 9.000 byte" in message and message.endswith(".")
    # The Workbook chain points back at itself (FAT entry 2 -> 2): bounded, not an endless loop.
    loop = _patched(plain, tmp_path / "putar.xls", 512 + 2 * 4, "<I", 2)
    assert "rantai sektor rusak" in _refused(loop).message("id")
    # The directory says the stream is larger than the file.
    huge = _patched(plain, tmp_path / "besar.xls", 2 * 512 + 128 + 120, "<I", 1 << 30)
    assert _refused(huge).code == "sheet.zip"


def test_a_small_workbook_in_mini_sectors_reads_the_same(tmp_path: Path) -> None:
    path = hostile_files.xls(
        tmp_path / "kecil.xls",
        strings=("NIK", "SITI"),
        cells=((0, 0, 0), (1, 0, 1)),
        dimension=(2, 1),
        mini=True,
    )
    assert path.stat().st_size < 4096 and sheet_precheck.check(path) == "xls"
    with safe_sheet.open_book(path) as book:
        rows = [row for sheet in book.sheets() for row in sheet.rows()]
    assert (
        rows
        == CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        == [["NIK"], ["SITI"]]
    )
    far = hostile_files.xls(tmp_path / "jauh.xls", cells=((0, 0, 0), (65535, 65535, 0)), mini=True)
    assert _refused(far).code == "sheet.cells"
