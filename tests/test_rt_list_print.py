"""RT review lists an RT head can trust: grouped by RW and RT, nothing cut, 5 mm tick boxes, a
return-by date, empty rows and a legend; measured on the printed PDF (poppler's word boxes)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import DESA, person
from tests.test_pdf_support import text

from rentan_desktop.io.pdf import fonts, rt_list
from rentan_desktop.io.pdf.types import MM, Paper, Region, RtList, RtListRow
from rentan_desktop.services import registrants, rt_lists
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
HARD_NAMES = (
    "HJ. SITI NURHALIZAH BINTI MUHAMMAD ABDURRAHMAN WAHID AL-HADDAD",
    "MUHAMMADABDURRAHMANSYAHPUTRAWIJAYAKUSUMANINGRATBINSUDIRMAN",
    "Ni Luh Putu Ayu",
)
HARD_ADDRESSES = (
    "Jl. Poros Samarinda-Bontang Km 12, Gg. Mawar No. 7, belakang masjid Al-Ikhlas dekat pasar lama "
    "(rumah panggung cat hijau)",
    "Dusun Sumber Rejo",
)


def hard_doc(count: int) -> RtList:
    rows = tuple(
        RtListRow(
            i + 1,
            HARD_NAMES[i % 3],
            f"************{i:04d}",
            str(20 + i % 50),
            HARD_ADDRESSES[i % 2],
            "Buruh harian lepas / pekerja serabutan",
        )  # fmt: skip
        for i in range(count)
    )
    region = Region("Kabupaten Kutai Timur", "Muara Ancalong", "Senyiur")
    return RtList("RT-7K2M-9QX4", region, "003", "001", 2026, date(2026, 8, 17), rows,
                  "Kecamatan Muara Ancalong", return_by=date(2026, 8, 31))  # fmt: skip


def words(pdf: Path, tmp_path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y-top from the bottom, x1, y-bottom from the bottom, word) for every word."""
    html = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True)
    out, page = [], 0
    for line in html.read_text().splitlines():
        if "<page " in line:
            page += 1
            height = float(re.search(r'height="([\d.]+)"', line).group(1))  # type: ignore[union-attr]
        for m in _WORD.finditer(line):
            x0, y0, x1, y1, word = m.groups()
            out.append((page, float(x0), height - float(y0), float(x1), height - float(y1), word))
    return out


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_no_cell_is_cut_and_every_word_stays_in_its_column(tmp_path: Path, paper: Paper) -> None:
    doc = hard_doc(40)
    pdf = tmp_path / "rt.pdf"
    pages = rt_list.render(doc, pdf, paper)
    lay = rt_list.layout(paper)
    whole = " ".join(" ".join(text(pdf)).split())
    assert "…" not in whole
    for name in (HARD_NAMES[0], HARD_NAMES[2]):
        assert name.split()[-1] in whole
    assert "MUHAMMADABDURRAHMANSYAH" in whole.replace(" ", "")  # the long word is split, not cut
    edges = [(x, x + w) for _, x, w in lay.columns]
    in_table = 0
    for page, x0, ytop, x1, ybottom, word in words(pdf, tmp_path):
        if ybottom < lay.table_bottom - 1 or ytop > lay.table_top + 1 or page == pages:
            continue  # header, column heads, legend, footer; the last page has the signatures
        in_table += 1
        assert any(left - 0.5 <= x0 and x1 <= right + 0.5 for left, right in edges), word
    assert in_table > 20 * 6
    for line in rt_list.LEGEND:  # one line per result, each whole and within the page
        assert " ".join(line.split()) in whole
        assert (
            fonts.width(line, fonts.names()[0], rt_list.LEGEND_SIZE)
            < lay.width - 2 * rt_list.MARGIN_X
        )
    pages_text = text(pdf)
    assert len(pages_text) == pages
    assert all("Kembalikan paling lambat" in p and "31 Agustus 2026" in p for p in pages_text)
    assert all("Cetak 100 % / actual size" in p for p in pages_text)


def test_tick_boxes_blank_rows_and_no_birth_date(tmp_path: Path) -> None:
    assert rt_list.BOX >= 5 * MM
    assert rt_list.ROW_H > rt_list.BOX + 1 * MM
    pdf = tmp_path / "rt.pdf"
    rt_list.render(hard_doc(4), pdf, Paper.A4)
    found = words(pdf, tmp_path)
    lay = rt_list.layout(Paper.A4)
    x_no, w_no = lay.col("no")
    numbers = [
        w for _p, x0, top, _x1, _b, w in found
        if x_no <= x0 <= x_no + w_no and w.isdigit() and top <= lay.table_top
        and _b >= lay.table_bottom
    ]  # fmt: skip
    assert numbers == ["1", "2", "3", "4", "5", "6", "7"]  # four people, three empty rows
    page = " ".join(text(pdf)[0].split())
    assert "Umur" in page and "Tgl lahir" not in page
    assert "Jumlah orang yang ditambahkan di baris kosong" in page


def test_whole_desa_run_never_mixes_rws_under_one_rt(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    people = [  # RT 003 exists in RW 001 and RW 002: two neighbourhoods, two RT heads
        ("6408014101900001", "Siti RW Satu", "3", "1", "01011990"),
        ("6408010202850002", "Budi RW Satu", "3", "1", "02021985"),
        ("6408014303880003", "Ani RW Dua", "3", "2", "03031988"),
        ("6408010404700004", "Joko RW Dua RT Empat", "4", "2", "04041970"),
    ]
    for nik, nama, rt, rw, born in people:
        data = person(funder_id, nik=nik, nama=nama, rt=rt, rw=rw, tanggal_lahir=born,
                      jenis_kelamin="P" if int(nik[6:8]) > 40 else "L")  # fmt: skip
        registrants.create(ctx, actor=admin, data=data)
    lists = rt_lists.print_desa_rt_lists(ctx, actor=admin, desa_kode=DESA, folder=tmp_path)
    assert [(p.path.name, p.rows) for p in lists] == [
        (f"RW001-RT003-{DESA}.pdf", 2),
        (f"RW002-RT003-{DESA}.pdf", 1),
        (f"RW002-RT004-{DESA}.pdf", 1),
    ]
    first = " ".join(text(lists[0].path)[0].split()).upper()
    second = " ".join(text(lists[1].path)[0].split()).upper()
    assert "SITI RW SATU" in first and "BUDI RW SATU" in first and "ANI RW" not in first
    assert "ANI RW DUA" in second and "SITI" not in second
    assert "003 / 001" in first and "003 / 002" in second
    con = sqlite3.connect(ctx.db.path)
    try:
        heads = con.execute("SELECT rt, rw FROM rt_review_list ORDER BY id").fetchall()
    finally:
        con.close()
    assert heads == [("003", "001"), ("003", "002"), ("004", "002")]
    assert "KEMBALIKAN PALING LAMBAT" in first
    with pytest.raises(UserError) as refused:  # one RT number, two RWs: never one mixed list
        rt_lists.print_rt_list(ctx, actor=admin, desa_kode=DESA, rt=3, output=tmp_path / "x.pdf")
    assert refused.value.code == "print.rt_spans_rws" and not (tmp_path / "x.pdf").exists()
    one = rt_lists.print_rt_list(ctx, actor=admin, desa_kode=DESA, rt=3, rw=2,
                                 output=tmp_path / "y.pdf")  # fmt: skip
    assert one.rows == 1
