"""The PDF adapters, read back: content, masking, paper sizes, page numbering."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import pytest
from tests.test_pdf_support import every_byte, sizes_mm, text

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.io.pdf import form, handover, rt_list
from rentan_desktop.io.pdf.common import RenderCancelled
from rentan_desktop.io.pdf.types import (
    Count,
    FormField,
    Handover,
    Paper,
    Party,
    PrivacyNotice,
    Region,
    RegistrationForm,
    RtList,
    RtListRow,
)

REGION = Region("Kabupaten Kutai Timur", "Muara Ancalong", "Senyiur")
FULL_NIKS = [f"640801410190{i:04d}" for i in range(1, 61)]


def rt_doc(count: int, code: str = "RT-6408012001-003-7K") -> RtList:
    rows = tuple(
        RtListRow(
            no=i + 1,
            nama=f"WARGA NOMOR {i + 1} BINTI ABDULLAH",
            nik_masked=mask_nik(FULL_NIKS[i % len(FULL_NIKS)]),
            umur=str(30 + i % 40),
            alamat=f"Jl. Poros Kelinjau No. {i}, dekat masjid dan sekolah dasar negeri",
            pekerjaan="Nelayan",
        )
        for i in range(count)
    )
    return RtList(code, REGION, "003", "001", 2026, date(2026, 8, 17), rows, "Kec. Muara Ancalong")


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (297, 210)), (Paper.F4, (330, 215))])
def test_rt_list_content_paging_and_size(
    tmp_path: Path, paper: Paper, size: tuple[int, int]
) -> None:
    out = tmp_path / "rt.pdf"
    pages = rt_list.render(rt_doc(60), out, paper)
    assert pages >= 3
    assert sizes_mm(out) == [size] * pages  # landscape
    texts = text(out)
    for number, page in enumerate(texts, start=1):
        assert f"Halaman {number} dari {pages}" in page
        assert "RT-6408012001-003-7K" in page  # list code on every page
        assert "Senyiur" in page and "003 / 001" in page and "17 Agustus 2026" in page
    whole = " ".join(" ".join(texts).split())  # column heads wrap over lines
    for heading in ("1 Sesuai", "2 Pindah", "3 Meninggal", "4 Bukan pekerja rentan", "5 Perbaikan"):
        assert heading in whole
    for i in range(1, 61):
        assert f"WARGA NOMOR {i} " in whole  # every row is printed once
    assert "************0001" in whole
    assert "Ketua RT 003" in texts[-1] and "Jumlah orang dalam daftar: 60" in texts[-1]


def test_rt_list_never_contains_a_full_nik(tmp_path: Path) -> None:
    out = tmp_path / "rt.pdf"
    rt_list.render(rt_doc(60), out)
    data = every_byte(out)
    printed = "".join(text(out))
    assert "************0001" in printed
    for nik in FULL_NIKS:
        assert nik.encode() not in data
        assert nik not in printed


def test_pdf_types_refuse_a_full_nik() -> None:
    with pytest.raises(ValueError):
        RtListRow(1, "A", "6408014101900001", "", "", "")
    with pytest.raises(ValueError):
        RegistrationForm(
            "x", REGION, "", date(2026, 1, 1), (FormField("Nomor KK", "6408010101100001"),)
        )


def test_rt_list_pagination_keeps_room_for_signature() -> None:
    lay = rt_list.layout(Paper.A4)
    room = lay.table_top - lay.table_bottom
    last_room = room - rt_list.SIGN_H
    rng = random.Random(7)
    one, three = rt_list.row_height(1), rt_list.row_height(3)
    for count in [0, 1, 5, 17, 18, 19, 40, 150, 1000]:
        heights = [rng.choice((one, one, one, rt_list.row_height(2), three)) for _ in range(count)]
        slices = rt_list.paginate(heights, room, last_room)
        assert [s for s, _ in slices] == [0] + [stop for _, stop in slices[:-1]]
        assert slices[-1][1] == count
        for start, stop in slices:
            assert sum(heights[start:stop]) <= room + 0.01
        start, stop = slices[-1]
        assert sum(heights[start:stop]) <= last_room + 0.01


def test_empty_rt_list_is_one_page(tmp_path: Path) -> None:
    out = tmp_path / "rt.pdf"
    assert rt_list.render(rt_doc(0), out) == 1
    assert "Tidak ada data" in text(out)[0] and "Halaman 1 dari 1" in text(out)[0]


def test_rt_list_reports_progress_and_cancels(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    rt_list.render(rt_doc(1200), tmp_path / "a.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 1200) and seen[-1] == (1200, 1200) and len(seen) >= 3
    with pytest.raises(RenderCancelled):
        rt_list.render(rt_doc(1200), tmp_path / "b.pdf", cancelled=lambda: True)


def handover_doc() -> Handover:
    return Handover(
        batch_code="KEC-640801-2026-0007",
        region=REGION,
        office_name="Kecamatan Muara Ancalong",
        handed_on=date(2026, 8, 17),
        record_count=412,
        fingerprint="7kq2m9xd4hta0wper3zbq8f1c5v6",
        by_desa=(Count("Senyiur", 300), Count("Kelinjau Ilir", 112)),
        by_pekerjaan=(Count("Nelayan", 212), Count("Petani/Pekebun", 200)),
        by_sex=(Count("Laki-laki", 250), Count("Perempuan", 162)),
        clerk=Party("Petugas Kecamatan", "Rina Marlina", "198703112010012003"),
        camat=Party("Camat Muara Ancalong"),
        coordinator=Party("Koordinator Kabupaten"),
    )


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (210, 297)), (Paper.F4, (215, 330))])
def test_handover_report(tmp_path: Path, paper: Paper, size: tuple[int, int]) -> None:
    out = tmp_path / "bast.pdf"
    pages = handover.render(handover_doc(), out, paper)
    assert sizes_mm(out) == [size] * pages
    whole = "\n".join(text(out))
    assert "BERITA ACARA SERAH TERIMA DATA" in whole and "KEC-640801-2026-0007" in whole
    assert "Senin, tanggal 17 Agustus 2026" in whole  # 17 Aug 2026 is a Monday
    assert "7KQ2-M9XD-4HTA-0WPE-R3ZB" in whole  # short fingerprint
    assert "Kelinjau Ilir" in whole and "Perempuan" in whole and "412" in whole
    for role in ("Yang menyerahkan", "Mengetahui", "Yang menerima", "Rina Marlina"):
        assert role in whole
    assert f"Halaman {pages} dari {pages}" in whole


def test_registration_form_with_privacy_notice(tmp_path: Path) -> None:
    nik, kk = "6408014101900001", "6408010101100001"
    doc = RegistrationForm(
        record_ref="b4f1c2d0-2a1e-4c55-9f0e-9a8b7c6d5e4f",
        region=REGION,
        office_name="Kecamatan Muara Ancalong",
        printed_on=date(2026, 8, 17),
        fields=(
            FormField("Nama lengkap", "SITI AMINAH"),
            FormField("NIK", mask_nik(nik)),
            FormField("Nomor KK", mask_nik(kk)),
            FormField("Penghasilan", "Rp1.500.000"),
        ),
        notice=PrivacyNotice(legal_basis="Perbup Kutai Timur No. 29 Tahun 2024"),
        nama="SITI AMINAH",
    )
    out = tmp_path / "form.pdf"
    for paper, size in ((Paper.A4, (210, 297)), (Paper.F4, (215, 330))):
        form.render(doc, out, paper)
        assert sizes_mm(out)[0] == size
    whole = " ".join(" ".join(text(out)).split())
    assert "PEMBERITAHUAN PELINDUNGAN DATA PRIBADI" in whole
    assert "Perbup Kutai Timur No. 29 Tahun 2024" in whole  # the configured legal basis
    assert "BPJS Ketenagakerjaan" in whole and "Masa simpan" in whole and "Rp1.500.000" in whole
    assert "************0001" in whole and "17 Agustus 2026" in whole
    data = every_byte(out)
    assert nik.encode() not in data and kk.encode() not in data


def test_text_fitting_never_overflows() -> None:
    from rentan_desktop.io.pdf import fonts

    regular = fonts.names()[0]
    long_word = "A" * 200
    assert fonts.fit("", regular, 8, 50) == ""
    assert fonts.width(fonts.fit(long_word, regular, 8, 50), regular, 8) <= 50
    lines = fonts.wrap(f"Jl. {long_word} No. 5 dekat masjid", regular, 8, 60, 2)
    assert len(lines) == 2 and all(fonts.width(line, regular, 8) <= 60 for line in lines)
    assert lines[-1].endswith("…")
    assert fonts.wrap("Jl. Merdeka", regular, 8, 200, 2) == ["Jl. Merdeka"]


def test_names_outside_latin1_print(tmp_path: Path) -> None:
    row = RtListRow(1, "DÉSIRÉE Ö'BRIEN – ŞAHİN", mask_nik(FULL_NIKS[0]), "", "Jl. Ḿerdeka", "")
    doc = RtList("RT-7K2M-9QX4", REGION, "003", "001", 2026, date(2026, 8, 17), (row,))
    out = tmp_path / "rt.pdf"
    rt_list.render(doc, out)
    assert "DÉSIRÉE Ö'BRIEN – ŞAHİN" in text(out)[0]


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_handover_letterhead_number_corrections_and_confidentiality(
    tmp_path: Path, paper: Paper
) -> None:
    from dataclasses import replace

    doc = replace(
        handover_doc(),
        corrections=37,
        letter_no="400.9/112/Kec-MA/VIII/2026",
        address="Jl. Poros Muara Ancalong No. 1, Telp. (0549) 21234",
    )
    out = tmp_path / "bast.pdf"
    handover.render(doc, out, paper)
    whole = " ".join(" ".join(text(out)).split())
    assert "Nomor: 400.9/112/Kec-MA/VIII/2026" in whole
    assert "Jl. Poros Muara Ancalong No. 1, Telp. (0549) 21234" in whole
    assert "37 perbaikan data yang pernah dikirim, 375 data baru" in whole
    assert "Kerahasiaan." in whole and "Pelindungan Data Pribadi" in whole
    assert "Cetak 100 % / actual size" in whole
    blank = handover.render(handover_doc(), tmp_path / "blank.pdf", paper)
    assert blank >= 1 and "Nomor: ......." in " ".join(text(tmp_path / "blank.pdf"))


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_handover_total_stays_with_its_table(tmp_path: Path, paper: Paper) -> None:
    """A table that runs over a page never leaves its total row alone on the next one."""
    from dataclasses import replace

    number = re.compile(r"[\d.]+")
    for count in range(20, 75):  # page breaks fall at every place in the desa table
        by_desa = tuple(Count(f"Desa Nomor {i:02d}", 10 + i) for i in range(count))
        out = tmp_path / f"bast{count}.pdf"
        handover.render(replace(handover_doc(), by_desa=by_desa), out, paper)
        for page in text(out):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            for i in range(1, len(lines) - 1):
                if lines[i] == "Jumlah" and number.fullmatch(lines[i + 1]):
                    # A total row: the cell above it is a data row's count, never the header's
                    # "Jumlah" (which is what an orphaned total shows under the repeated header).
                    assert number.fullmatch(lines[i - 1]), (count, lines[i - 3 : i + 2])
