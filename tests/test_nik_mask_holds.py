"""A masked NIK cannot be rebuilt from what the same page prints.

The NIK is region (6 digits) + birth date (DDMMYY, day + 40 for women) + serial (4). Every
document is printed for real people through the services, on A4 and F4, its text is extracted
with pypdf, and an attacker's reading of it is simulated: every date printed anywhere on the page
and every digit the mask shows. The NIK must not be recoverable: the birth date never appears
beside the mask (only the year or the age), and the mask shows only the serial.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import DESA, person
from tests.test_cards import make_registered
from tests.test_pdf_support import every_byte, text

from rentan_desktop.domain.formatting import BULAN, mask_nik
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.io.pdf.types import Paper
from rentan_desktop.services import (
    batches,
    cards,
    handover_reports,
    registrants,
    registration_forms,
    rt_lists,
    trust,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures

# (NIK, name, birth date DDMMYYYY, sex): the NIK's middle digits are the birth date (+40 women).
PEOPLE = (
    ("6408015402850007", "Siti Rahmawati", "14021985", "P"),
    ("6408010311790002", "Budi Santoso", "03111979", "L"),
    ("6408016707920011", "Nur Aini", "27071992", "P"),
)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_LONG_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(BULAN) + r")\s+(\d{4})", re.IGNORECASE)


def printed_dates(page: str) -> set[date]:
    """Every date an attacker can read on the page, in the formats the app prints."""
    found: set[date] = set()
    flat = " ".join(page.split())
    for d, m, y in _NUMERIC_DATE.findall(flat):
        year = int(y) + (1900 if len(y) == 2 and int(y) > 30 else 2000 if len(y) == 2 else 0)
        with contextlib.suppress(ValueError):
            found.add(date(year, int(m), int(d)))
    for y, m, d in _ISO_DATE.findall(flat):
        with contextlib.suppress(ValueError):
            found.add(date(int(y), int(m), int(d)))
    months = {name.lower(): i for i, name in enumerate(BULAN, start=1)}
    for d, m, y in _LONG_DATE.findall(flat):
        with contextlib.suppress(ValueError):
            found.add(date(int(y), months[m.lower()], int(d)))
    return found


def assert_not_rebuildable(page: str, raw: bytes, nik: str, born: date) -> None:
    digits_only = re.sub(r"\D", "", page)
    assert nik not in digits_only and nik.encode() not in raw
    assert born not in printed_dates(page), "the birth date is printed beside the mask"
    dd = born.day + (40 if int(nik[6:8]) > 40 else 0)
    middle = f"{dd:02d}{born.month:02d}{born.year % 100:02d}"
    assert middle not in " ".join(re.findall(r"\d+", page))
    for masked in re.findall(r"[*\d]*\*[*\d]*", page):  # every masked number on the page
        assert len(re.sub(r"\D", "", masked)) <= 4, masked


@pytest.fixture
def people(ctx: AppContext, admin: User, funder_id: int) -> list[str]:
    uuids = []
    for nik, nama, born, sex in PEOPLE:
        data = person(funder_id, nik=nik, nama=nama, tanggal_lahir=born, jenis_kelamin=sex,
                      no_kk=f"640801{born[:4]}{born[6:]}{nik[-4:]}")  # fmt: skip
        uuids.append(registrants.create(ctx, actor=admin, data=data).registrant.uuid)
    if trust.office_key_info(ctx) is None:
        trust.create_office_key(ctx, actor=admin)
    return uuids


def _born(raw: str) -> date:
    return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_no_document_lets_the_masked_nik_be_rebuilt(
    ctx: AppContext,
    admin: User,
    link: support.Link,
    people: list[str],
    tmp_path: Path,
    paper: Paper,
) -> None:
    documents: list[Path] = []
    rt = rt_lists.print_rt_list(ctx, actor=admin, desa_kode=DESA, rt=3, paper=paper,
                                output=tmp_path / "rt.pdf")  # fmt: skip
    documents.append(rt.path)
    registrants.change_status(ctx, actor=admin, uuids=people, new=Status.VERIFIED)
    exported = batches.export_batch(ctx, actor=admin, folder=link.usb, recipient=support.KAB_CODE)
    documents.append(
        handover_reports.handover_report(
            ctx, actor=admin, batch=exported.xlsx.stem, paper=paper, output=tmp_path / "bast.pdf"
        ).path
    )
    make_registered(ctx, people)
    cards.request(ctx, actor=admin, uuids=people)
    documents.append(
        cards.print_cards(ctx, actor=admin, paper=paper, output=tmp_path / "k.pdf").path
    )
    ids = [r.id for r in cards.queue(ctx, actor=admin)]
    cards.hand_over(ctx, actor=admin, ids=ids, receiver="Ketua RT 003")
    documents.append(
        cards.receipt_list(ctx, actor=admin, ids=ids, paper=paper, output=tmp_path / "tt.pdf").path
    )
    assert len(documents) == 4
    for pdf in documents:
        pages = text(pdf)
        raw = every_byte(pdf)
        for nik, _nama, born, _sex in PEOPLE:
            for page in pages:
                assert_not_rebuildable(page, raw, nik, _born(born))
        whole = " ".join(" ".join(pages).split()).upper()
        if pdf.name != "bast.pdf":  # the handover report lists counts, no one by name
            assert all(nama.upper() in whole for _, nama, _, _ in PEOPLE), pdf.name
            assert all(mask_nik(nik) in whole for nik, *_ in PEOPLE), pdf.name


def test_the_check_catches_a_page_that_leaks(tmp_path: Path) -> None:
    """The simulated attacker is not blind: the old mask with a birth date is caught."""
    nik, born = PEOPLE[0][0], _born(PEOPLE[0][2])
    with pytest.raises(AssertionError):
        assert_not_rebuildable("6408********0007  14-02-1985", b"", nik, born)
    with pytest.raises(AssertionError):
        assert_not_rebuildable("************0007 lahir 14 Februari 1985", b"", nik, born)
    with pytest.raises(AssertionError):
        assert_not_rebuildable("6408015402******", b"", nik, born)
    assert_not_rebuildable("************0007 umur 41, lahir 1985", b"", nik, born)


def test_the_registration_form_is_the_only_full_nik_and_only_the_holders(
    ctx: AppContext, admin: User, people: list[str], tmp_path: Path
) -> None:
    """The worker's own copy shows their NIK in full (they sign for it) and nobody else's."""
    out = tmp_path / "form.pdf"
    registration_forms.registration_form(ctx, actor=admin, uuid=people[0], output=out)
    whole = re.sub(r"\D", "", " ".join(text(out)))
    assert PEOPLE[0][0] in whole
    assert PEOPLE[1][0] not in whole and PEOPLE[2][0] not in whole
