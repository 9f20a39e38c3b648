"""QR codes: our encoder matches qrcode module for module, and printed cards scan and verify."""

from __future__ import annotations

import random
import uuid
from datetime import date
from pathlib import Path

import pytest
import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from qrcode import util
from tests.test_pdf_support import every_byte, qr_texts, render, sizes_mm, text

from rentan_desktop.domain.formatting import mask_nik
from rentan_desktop.io.pdf import cards, qr_encode
from rentan_desktop.io.pdf.types import Card, Paper
from rentan_desktop.signing import card_token
from rentan_desktop.signing.keys import SigningKey, TrustedKey

OFFICE = "640801"


def reference(text_: str, version: int, alnum: bool) -> tuple[bytes, ...]:
    code = qrcode.QRCode(version=version, error_correction=0, mask_pattern=qr_encode.MASK, border=0)
    mode = util.MODE_ALPHA_NUM if alnum else util.MODE_8BIT_BYTE
    if text_.isascii() and text_.isdigit():
        mode = util.MODE_NUMBER
    code.add_data(util.QRData(text_.encode(), mode=mode, check_data=False))
    code.make(fit=False)
    return tuple(bytes(row) for row in code.modules)


@pytest.mark.parametrize("length", [1, 2, 7, 25, 47, 90, 180, 181, 300, 700, 1500])
def test_encoder_matches_qrcode(length: int) -> None:
    rng = random.Random(length)
    alnum = "".join(rng.choice(qr_encode.ALPHANUMERIC) for _ in range(length))
    raw = "".join(rng.choice("abcxyz_é~") for _ in range(length))
    digits = "".join(rng.choice("0123456789") for _ in range(length))
    for sample, is_alnum in ((alnum, True), (raw, False), (digits, True)):
        version, _ = qr_encode._codewords(sample)
        assert qr_encode.encode(sample) == reference(sample, version, is_alnum)


def make_cards(count: int, key: SigningKey) -> list[Card]:
    out = []
    for i in range(count):
        record = str(uuid.UUID(int=1000 + i))
        kpj = f"{26010000000 + i:011d}"
        token = card_token.issue(
            key, record, kpj, date(2026, 1, 1), date(2026, 12, 31), OFFICE,
            holder=f"Peserta Ke {i + 1}", birth_year=1990,
        )  # fmt: skip
        out.append(
            Card(
                nama=f"PESERTA KE {i + 1}",
                nik_masked=mask_nik(f"640801410190{i + 1:04d}"),
                kpj=kpj,
                coverage_start=date(2026, 1, 1),
                coverage_end=date(2026, 12, 31),
                funder="APBD Kabupaten Kutai Timur",
                office_name="Kecamatan Muara Ancalong",
                issued_on=date(2026, 8, 17),
                token=token,
                kabupaten="Kabupaten Kutai Timur",
                birth_year="1990",
            )
        )
    return out


def test_card_sheet_content_and_sizes(tmp_path: Path) -> None:
    key = SigningKey.generate()
    batch = make_cards(12, key)
    for paper, size in ((Paper.A4, (210, 297)), (Paper.F4, (215, 330))):
        out = tmp_path / f"cards-{paper}.pdf"
        assert cards.render(batch, out, paper) == 4  # two sheets, fronts and backs
        assert sizes_mm(out) == [size] * 4
    pages = text(out)
    assert "Halaman 1 dari 2" in pages[0] and "Halaman 2 dari 2" in pages[2]
    assert "belakang" in pages[1] and "175" in pages[1] and "2 x 24 jam" in pages[1]
    whole = " ".join(" ".join(pages).split())
    for fragment in (
        "PESERTA KE 12",
        "************0012",
        "26010000011",
        "JKK + JKM",
        "1 Januari 2026 – 31 Desember 2026",
        "APBD Kabupaten Kutai Timur",
        "17 Agustus 2026",
        "PEMERINTAH KABUPATEN KUTAI TIMUR",
    ):
        assert fragment in whole
    data = every_byte(out)
    for i in range(12):
        assert f"640801410190{i + 1:04d}".encode() not in data


def test_printed_card_qr_scans_and_verifies(tmp_path: Path) -> None:
    key = SigningKey.generate()
    trusted = [TrustedKey(OFFICE, key.public_key)]
    batch = make_cards(10, key)
    out = tmp_path / "cards.pdf"
    cards.render(batch, out, Paper.A4)
    scanned = qr_texts(render(out, tmp_path, 200))
    assert sorted(scanned) == sorted(c.token for c in batch)  # all ten, read from pixels
    claims = card_token.verify(scanned[0], trusted)
    assert isinstance(claims, card_token.CardClaims)
    assert claims.office == OFFICE and claims.end == date(2026, 12, 31)
    assert claims.kpj in {c.kpj for c in batch}
    token = scanned[0]
    position = len(token) // 2
    changed = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]
    assert not isinstance(card_token.verify(changed, trusted), card_token.CardClaims)


def test_rt_list_qr_carries_the_list_code(tmp_path: Path) -> None:
    from tests.test_pdf_documents import rt_doc

    from rentan_desktop.io.pdf import rt_list

    out = tmp_path / "rt.pdf"
    rt_list.render(rt_doc(30), out, Paper.F4)
    for page in (1, 2):
        assert qr_texts(render(out, tmp_path, 150, page)) == ["RT-6408012001-003-7K"]


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=qr_encode.ALPHANUMERIC, min_size=1, max_size=400),
        st.text(alphabet="0123456789", min_size=1, max_size=700),
        st.text(min_size=1, max_size=200),
    )
)
def test_encoder_matches_qrcode_for_any_text(sample: str) -> None:
    version, _ = qr_encode._codewords(sample)
    alnum = all(ch in qr_encode.ALPHANUMERIC for ch in sample)
    assert qr_encode.encode(sample) == reference(sample, version, alnum)
