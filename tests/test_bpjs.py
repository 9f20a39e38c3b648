"""BPJS collective workbook from the mapping, result import, and KPJ travelling back by receipt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter
from tests import test_batch_support as support
from tests.test_batch_support import Link, add_verified, snapshot, statuses

from rentan_desktop.services import batch_import, batches, bpjs, receipts
from rentan_desktop.services.errors import UserError

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def _imported(link: Link, count: int) -> tuple[list[str], str]:
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, count)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.imported
    return uuids, result.report.batch_id


def _result_file(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Hasil")
    sheet.write_row(0, 0, ["No", "NIK", "No. KPJ", "Tgl Awal", "Tgl Akhir"])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)  # type: ignore[arg-type]
    book.close()
    return path


def test_collective_workbook_follows_the_default_mapping(link: Link, tmp_path: Path) -> None:
    _imported(link, 3)
    out = tmp_path / "kolektif.xlsx"
    with pytest.raises(UserError):
        bpjs.export_collective(link.kab, actor=link.kab_admin, out=out, cancelled=lambda: True)
    assert list(tmp_path.glob("*kolektif*")) == []
    done = bpjs.export_collective(link.kab, actor=link.kab_admin, out=out)
    assert done.rows == 3 and out.exists()
    book = python_calamine.CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Data Peserta"]
    rows = book.get_sheet_by_name("Data Peserta").to_python(skip_empty_area=False)
    spec = bpjs.load_mapping(bpjs.mapping_path(link.kab))
    assert rows[0] == spec.headers
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["NIK"] == "6408014101900001" and isinstance(first["NIK"], str)
    assert first["TANGGAL LAHIR"] == "01-01-1990" and first["NO HP"].startswith("08")
    assert first["KECAMATAN"] and first["PROGRAM"] == "JKK, JKM"


def test_own_mapping_in_the_data_folder_wins(link: Link, tmp_path: Path) -> None:
    _imported(link, 1)
    default = json.loads(bpjs.mapping_path(link.kab).read_text(encoding="utf-8"))
    default["columns"] = [
        {"header": "NOMOR INDUK KEPENDUDUKAN", "field": "nik"},
        {"header": "NAMA", "field": "nama"},
    ]
    (link.kab.data_dir / bpjs.MAPPING_FILE).write_text(json.dumps(default), encoding="utf-8")
    out = tmp_path / "k.xlsx"
    bpjs.export_collective(link.kab, actor=link.kab_admin, out=out)
    rows = python_calamine.CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == ["NOMOR INDUK KEPENDUDUKAN", "NAMA"]
    default["columns"].append({"header": "X", "field": "gaji"})
    (link.kab.data_dir / bpjs.MAPPING_FILE).write_text(json.dumps(default), encoding="utf-8")
    with pytest.raises(UserError) as bad:
        bpjs.export_collective(link.kab, actor=link.kab_admin, out=out)
    assert bad.value.code == bpjs.MAPPING_INVALID and "gaji" in bad.value.message("en")


def test_result_marks_registered_and_the_receipt_carries_kpj_back(
    link: Link, tmp_path: Path
) -> None:
    uuids, batch = _imported(link, 2)
    path = _result_file(
        tmp_path / "hasil.xlsx",
        [
            [1, "6408014101900001", "12345678901", "01-01-2026", "31-12-2026"],
            [2, "6408014101900002", 12345678902, "2026-01-01", "2026-12-31"],
            [3, "3171014101900009", "12345678903", "01-01-2026", "31-12-2026"],
        ],
    )
    result = bpjs.import_result(link.kab, actor=link.kab_admin, path=path)
    assert result.registered == 2 and result.unknown == ["************0009"]
    assert set(statuses(link.kab).values()) == {"registered"}
    again = bpjs.import_result(link.kab, actor=link.kab_admin, path=path)
    assert again.registered == 0 and again.already == 2
    made = receipts.make_receipt(link.kab, actor=link.kab_admin, batch=batch, folder=link.usb)
    assert made.counts == {"registered": 2}
    assert receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path).ok
    assert [statuses(link.kec)[u] for u in uuids] == ["registered", "registered"]


def test_result_with_a_numeric_nik_changes_nothing(link: Link, tmp_path: Path) -> None:
    _imported(link, 2)
    path = _result_file(
        tmp_path / "hasil.xlsx",
        [
            [1, "6408014101900001", "12345678901", "01-01-2026", "31-12-2026"],
            [2, 6408014101900002, "12345678902", "01-01-2026", "31-12-2026"],
        ],
    )
    before = snapshot(link.kab)
    with pytest.raises(UserError) as refused:
        bpjs.import_result(link.kab, actor=link.kab_admin, path=path)
    assert refused.value.code == bpjs.ROWS_REFUSED
    assert "3: NIK berupa angka" in refused.value.message("id")
    assert snapshot(link.kab) == before
