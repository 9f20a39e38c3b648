"""Reading legacy files: formats, sheets, title rows, merged cells, and the column mapping guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from rentan_desktop.io.legacy_read import read_sheet, sheet_names
from rentan_desktop.legacy.check import prepare
from rentan_desktop.legacy.codes import LegacyFileError
from rentan_desktop.legacy.fields import IGNORED
from rentan_desktop.legacy.mapping import Profile, guess_mapping
from rentan_desktop.legacy.table import find_header
from test_legacy_helpers import HEADER, TITLE, kutim_regions, write_csv, write_ods, write_xlsx

ROW = [
    1,
    "6408041203850001",
    "Budi Santoso",
    "SANGATTA, 12-03-1985",
    "L",
    "003/002",
    "Sangatta Utara",
    "0812-3456-7890",
]


def fields_of(mapping: object) -> dict[str, str]:
    return {c.header: c.field for c in mapping.columns}  # type: ignore[attr-defined]


def test_header_found_under_title_rows_and_numbering_row(tmp_path: Path) -> None:
    rows = [TITLE, ["TAHUN ANGGARAN 2024"], [], HEADER, list(range(1, 9)), ROW]
    path = write_xlsx(tmp_path / "a.xlsx", rows, merges=["A1:H1"], text_cols=[1])
    sheet = read_sheet(path)
    header, mapping = prepare(sheet, regions=kutim_regions())
    assert header.row == 3 and header.data_start == 5
    assert fields_of(mapping) == {
        "NO": IGNORED,
        "N I K": "nik",
        "NAMA LENGKAP": "nama",
        "TTL": "ttl",
        "L/P": "jenis_kelamin",
        "RT/RW": "rt_rw",
        "DESA / KELURAHAN": "desa",
        "NO. HP": "no_hp",
    }


def test_merged_cells_fill_their_whole_range(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ROW,
        [2, "6408045503900002", "Siti Aminah", "SANGATTA, 15-03-1990", "P", "003/002"],
    ]
    path = write_xlsx(tmp_path / "m.xlsx", rows, merges=["G2:G3"])
    sheet = read_sheet(path)
    assert sheet.rows[2][6] == "Sangatta Utara"  # desa written once for both people


def test_two_row_header_under_a_merged_ttl_cell(tmp_path: Path) -> None:
    rows = [
        ["NO", "NIK", "NAMA", "TEMPAT/TGL LAHIR", "", "JK", "DESA"],
        ["", "", "", "TEMPAT", "TGL LAHIR", "", ""],
        [1, "6408041203850001", "Budi", "Sangatta", "12/03/1985", "L", "Swarga Bara"],
    ]
    path = write_xlsx(tmp_path / "h.xlsx", rows, merges=["D1:E1", "A1:A2", "B1:B2", "C1:C2"])
    header, mapping = prepare(read_sheet(path))
    assert header.data_start == 2
    got = {c.index: c.field for c in mapping.columns}
    assert got[1] == "nik" and got[3] == "tempat_lahir" and got[4] == "tanggal_lahir"


@pytest.mark.parametrize(
    "label",
    [
        "NIK",
        "N I K",
        "NO. NIK",
        "No NIK",
        "NOMOR INDUK KEPENDUDUKAN",
        "Nomor Induk Kependudukan (NIK)",
    ],
)
def test_every_nik_header_spelling(label: str, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "n.xlsx", [[label, "NAMA"], ["6408041203850001", "Budi"]])
    _, mapping = prepare(read_sheet(path))
    assert mapping.field_columns()["nik"] == 0


def test_mapping_guessed_from_contents_when_headers_say_nothing(tmp_path: Path) -> None:
    rows = [["NO", "NAMA", "KOLOM A", "KOLOM B", "KOLOM C", "KOLOM D", "KOLOM E"]]
    for i in range(5):
        rows.append(
            [
                i + 1,
                f"Orang {chr(65 + i)}",
                f"640804120385000{i + 1}",
                "L" if i % 2 else "P",
                f"00{i + 1}/002",
                "Singa Gembara",
                f"Sangatta, 1{i}-03-1985",
            ]
        )
    path = write_xlsx(tmp_path / "c.xlsx", rows)
    _, mapping = prepare(read_sheet(path), regions=kutim_regions())
    got = {c.header: (c.field, c.source) for c in mapping.columns}
    assert got["KOLOM A"] == ("nik", "isi")
    assert got["KOLOM B"] == ("jenis_kelamin", "isi")
    assert got["KOLOM C"] == ("rt_rw", "isi")
    assert got["KOLOM D"] == ("desa", "isi")
    assert got["KOLOM E"] == ("ttl", "isi")


def test_user_choice_and_profile_round_trip(tmp_path: Path) -> None:
    rows = [["ID", "NAMA", "KOLOM X"], ["6408041203850001", "Budi", "Swarga Bara"]]
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    sheet = read_sheet(path)
    header, mapping = prepare(sheet)
    mapping = mapping.with_choice(0, "nik").with_choice(2, "desa")
    profile = Profile.from_dict(
        Profile.from_mapping("Desa X", mapping, kecamatan_kode="640804").as_dict()
    )
    assert profile.kecamatan_kode == "640804"
    again = guess_mapping(header, sheet.rows[1:], profile=profile)
    assert again.field_columns() == {"nik": 0, "nama": 1, "desa": 2}
    assert {c.source for c in again.columns} == {"profil"}


def test_only_one_column_per_field_when_the_user_chooses() -> None:
    from rentan_desktop.legacy.mapping import ColumnGuess, ColumnMap

    m = ColumnMap((ColumnGuess(0, "NIK", "nik", "judul"), ColumnGuess(1, "NIK KTP", IGNORED, "")))
    m = m.with_choice(1, "nik")
    assert m.field_columns() == {"nik": 1}
    assert m.missing() == ["nama"]


def test_ods_is_read(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "a.ods", [TITLE, HEADER, ROW])
    sheet = read_sheet(path)
    assert find_header(sheet) is not None and sheet.rows[2][1] == "6408041203850001"


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", "\t")]
)
def test_csv_encoding_and_delimiter_detected(encoding: str, delimiter: str, tmp_path: Path) -> None:
    rows = [HEADER, [*ROW[:2], "Bähri Ölsen", *ROW[3:]], ROW]
    path = write_csv(tmp_path / "a.csv", rows, encoding=encoding, delimiter=delimiter)
    sheet = read_sheet(path)
    assert sheet.rows[0] == HEADER
    assert sheet.rows[1][2] == "Bähri Ölsen"


def test_sheet_choice_and_unknown_sheet(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Rekap"
    ws = wb.create_sheet("Desa Swarga Bara")
    ws.append(HEADER)
    ws.append(ROW)
    wb.save(tmp_path / "s.xlsx")
    assert sheet_names(tmp_path / "s.xlsx") == ["Rekap", "Desa Swarga Bara"]
    assert read_sheet(tmp_path / "s.xlsx", "Desa Swarga Bara").rows[1][2] == "Budi Santoso"
    with pytest.raises(LegacyFileError) as err:
        read_sheet(tmp_path / "s.xlsx", "Tidak Ada")
    assert "Rekap" in err.value.message("id")


def test_unreadable_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    with pytest.raises(LegacyFileError) as err:
        read_sheet(bad)
    assert err.value.code == "legacy.file.tidak_terbaca"


def test_sheet_without_header_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["catatan rapat"], ["tidak ada tabel"]])
    with pytest.raises(LegacyFileError) as err:
        prepare(read_sheet(path))
    assert err.value.code == "legacy.file.tanpa_judul"
