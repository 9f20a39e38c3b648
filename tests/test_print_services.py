"""Printing services over a real database: RT lists, handover report, registration form."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import DESA, DESA_2, person
from tests.test_pdf_support import every_byte, qr_texts, render, sizes_mm, text

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import (
    batches,
    handover_reports,
    printing,
    registrants,
    registration_forms,
    rt_lists,
    rt_review,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

NIKS = [f"640801410190{i:04d}" for i in range(1, 31)]

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def register_people(ctx: AppContext, actor: User, funder_id: int, count: int = 12) -> list[str]:
    uuids = []
    for i in range(count):
        data = person(
            funder_id,
            nik=NIKS[i],
            nama=f"Warga {chr(65 + i)} Sentosa",
            rt="3" if i < count - 2 else "4",
            no_kk=f"64080101011{i:05d}",
        )
        uuids.append(registrants.create(ctx, actor=actor, data=data).registrant.uuid)
    return uuids


def count(ctx: AppContext, sql: str) -> int:
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_print_rt_list_records_rows_and_writes_pdf(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    uuids = register_people(ctx, admin, funder_id)
    seen: list[tuple[int, int]] = []
    out = tmp_path / "rt3.pdf"
    done = rt_lists.print_rt_list(
        ctx,
        actor=admin,
        desa_kode=DESA,
        rt="RT 03",
        paper="f4",
        output=out,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert done.rows == 10 and done.pages == 1 and out.exists()
    assert rt_review.normalise_code(done.code) == done.code
    assert sizes_mm(out) == [(330, 215)]
    page = " ".join(text(out)[0].split())
    assert done.code in page and "Senyiur" in page and "Kabupaten Kutai Timur" in page
    assert "Muara Ancalong" in page and "WARGA A SENTOSA" in page and "WARGA J SENTOSA" in page
    assert "WARGA K" not in page  # RT 004
    assert "************0001" in page and "Halaman 1 dari 1" in page
    data = every_byte(out)
    assert all(n.encode() not in data for n in NIKS)
    assert seen[-1] == (10, 10)
    assert qr_texts(render(out, tmp_path, 150)) == [done.code]
    sheet = rt_review.open_sheet(ctx, actor=admin, code=done.code)
    assert [r.no for r in sheet.rows] == list(range(1, 11))
    assert {r.uuid for r in sheet.rows} == set(uuids[:10])
    assert count(ctx, "SELECT count(*) FROM audit_event WHERE action='print.rt_list'") == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_rt_list_refusals_change_nothing(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    register_people(ctx, admin, funder_id, 3)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError) as err:
        rt_lists.print_rt_list(ctx, actor=admin, desa_kode=DESA_2, rt=3, output=out / "x.pdf")
    assert err.value.code == "print.rt_empty"
    with pytest.raises(UserError) as err:
        rt_lists.print_rt_list(ctx, actor=admin, desa_kode="6408019999", rt=3)
    assert err.value.code == "print.desa_unknown"
    with pytest.raises(UserError) as err:
        rt_lists.print_rt_list(ctx, actor=admin, desa_kode=DESA, rt=3, paper="legal")
    assert err.value.code == "print.paper"
    with pytest.raises(UserError) as err:
        rt_lists.print_rt_list(
            ctx, actor=admin, desa_kode=DESA, rt=3, output=out / "c.pdf", cancelled=lambda: True
        )
    assert err.value.code == "print.cancelled"
    assert count(ctx, "SELECT count(*) FROM rt_review_list") == 0
    assert list(out.iterdir()) == []


def test_handover_report_for_exported_batch(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path, link: support.Link
) -> None:
    uuids = register_people(ctx, admin, funder_id, 6)
    registrants.change_status(ctx, actor=admin, uuids=uuids, new=Status.VERIFIED)
    # Batches are sealed to the office they are for: the linked coordinator.
    exported = batches.export_batch(ctx, actor=admin, folder=link.usb, recipient=support.KAB_CODE)
    out = tmp_path / "bast.pdf"
    printed = handover_reports.handover_report(
        ctx, actor=admin, batch=exported.xlsx.stem, output=out, camat="Drs. Camat Contoh"
    )
    assert printed.pages >= 1 and sizes_mm(out)[0] == (210, 297)
    whole = " ".join(" ".join(text(out)).split())
    assert exported.xlsx.stem in whole and "Senyiur" in whole and "Perempuan 6" in whole
    assert "Nelayan 6" in whole and "Drs. Camat Contoh" in whole and "Jumlah data 6 orang" in whole
    with sqlite3.connect(ctx.db.path) as con:
        sha = con.execute("SELECT doc_sha256 FROM batch_ledger").fetchone()[0]
    assert "-".join(sha[i : i + 4] for i in range(0, 20, 4)).upper() in whole
    with pytest.raises(UserError):
        handover_reports.handover_report(ctx, actor=admin, batch="BATCH-000000-99999")


def test_registration_form_is_the_workers_own_copy(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    uuid = register_people(ctx, admin, funder_id, 1)[0]
    out = tmp_path / "form.pdf"
    printed = registration_forms.registration_form(
        ctx, actor=admin, uuid=uuid, output=out, paper="f4"
    )
    whole = " ".join(" ".join(text(out)).split())
    # The worker checks and signs for their own numbers: in full on their own copy.
    assert "WARGA A SENTOSA" in whole and NIKS[0] in whole and "6408010101100000" in whole
    assert "Salinan untuk pekerja" in whole
    number = registration_forms.registration_number(uuid)
    assert f"Nomor registrasi: {number}" in whole and uuid not in whole and len(number) == 9
    assert "Cap jempol kiri" in whole
    assert "Perbup Kutai Timur No. 29 Tahun 2024" in whole  # the funder's legal basis
    assert "H****" in whole and "Halimah" not in whole and "HALIMAH" not in whole
    assert "0812-3456-7890" in whole and "Rp1.000.000" in whole
    assert sizes_mm(out)[0] == (215, 330)
    # The funder has a legal basis; no contact number is set yet: one warning, printed anyway.
    assert [w for w in printed.warnings if "kontak" in w.lower()] and len(printed.warnings) == 1


def test_registration_form_warns_while_the_notice_has_defaults(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    uuid = register_people(ctx, admin, funder_id, 1)[0]
    with sqlite3.connect(ctx.db.path) as con:
        con.execute("UPDATE sumber_dana SET dasar_hukum=''")
    printed = registration_forms.registration_form(
        ctx, actor=admin, uuid=uuid, output=tmp_path / "f.pdf"
    )
    assert len(printed.warnings) == 2 and "Dasar hukum" in printed.warnings[0]
    printing.set_print_settings(
        ctx, actor=admin, legal_basis="Perbup Kutai Timur No. 29 Tahun 2024", contact="0541-123456"
    )
    again = registration_forms.registration_form(
        ctx, actor=admin, uuid=uuid, output=tmp_path / "g.pdf"
    )
    assert again.warnings == ()
    assert "0541-123456" in " ".join(" ".join(text(tmp_path / "g.pdf")).split())


def test_one_list_per_rt_of_a_desa(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    register_people(ctx, admin, funder_id, 6)  # four in RT 003, two in RT 004
    seen: list[tuple[int, int]] = []
    lists = rt_lists.print_desa_rt_lists(
        ctx,
        actor=admin,
        desa_kode=DESA,
        folder=tmp_path / "out",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert [(d.rows, d.path.name) for d in lists] == [
        (4, f"RW001-RT003-{DESA}.pdf"),
        (2, f"RW001-RT004-{DESA}.pdf"),
    ]
    assert len({d.code for d in lists}) == 2 and seen[-1] == (6, 6)
    assert "RT / RW : 004 / 001" in " ".join(text(lists[1].path)[0].split())
    with pytest.raises(UserError) as err:
        rt_lists.print_desa_rt_lists(ctx, actor=admin, desa_kode=DESA_2)
    assert err.value.code == "print.desa_empty"
