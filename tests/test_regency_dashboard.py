"""The coordinator's per-kecamatan summary (issue 19, point 5): counts against targets, the last
batch, batch numbers that never arrived, and the same as a workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from tests import test_batch_support as support
from tests.test_batch_support import Link, add_verified

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import batch_import, batches, registrants, setup
from rentan_desktop.services import regency_dashboard as board
from rentan_desktop.services.errors import UserError

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def test_each_kecamatan_against_its_target_with_missing_batches(link: Link, tmp_path: Path) -> None:
    setup.set_target(
        link.kab,
        actor=link.kab_admin,
        funder_kode=setup.list_funders(link.kab)[0].kode,
        periode=link.kab.periode(),
        jumlah=10,
        wilayah_kode="640801",
    )
    sent = []
    for n in range(3):  # batches 1, 2 and 3; number 2 is lost on the way
        uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 2, start=1 + 2 * n)
        sent.append((batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb), uuids))
    for done, _ in (sent[0], sent[2]):
        assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).report.ok
    first = sent[0][1]
    registrants.change_status(
        link.kab,
        actor=link.kab_admin,
        uuids=[first[0]],
        new=Status.RETURNED,
        reason="alamat tidak lengkap",
    )

    data = board.dashboard(link.kab, actor=link.kab_admin)
    rows = {r.kode: r for r in data.rows}
    assert len(rows) == 18  # every kecamatan of Kutai Timur, also those with nothing yet
    mine = rows["640801"]
    assert mine.nama == "Muara Ancalong"
    assert mine.received == 4 and mine.by_status[Status.RETURNED] == 1
    assert mine.target == 10 and mine.percent_of_target == 40
    assert mine.batches == 2 and mine.missing == [2] and mine.last_batch is not None
    assert rows["640802"].received == 0 and rows["640802"].missing == []
    assert data.total.received == 4

    book = openpyxl.load_workbook(
        board.export_xlsx(link.kab, actor=link.kab_admin, path=tmp_path / "r.xlsx")
    )
    sheet = book.active
    header = [c.value for c in sheet[1]]
    line = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "640801")
    assert line[1] == "Muara Ancalong" and line[header.index("Target")] == 10
    assert line[header.index("Nomor batch yang belum datang")] == "2"
    assert list(sheet.iter_rows(values_only=True))[-1][1] == "Jumlah"

    with pytest.raises(UserError):
        board.dashboard(link.kec, actor=link.kec_admin)  # a kecamatan has no one below it
