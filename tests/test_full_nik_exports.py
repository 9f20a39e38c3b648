"""Every file that leaves the app with full NIKs is listed in the audit trail (README, privacy).

The signed batch and the BPJS collective workbook each record an ``export.full_nik`` event in the
transaction that commits the export; a refused or cancelled export records none.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.test_batch_support import Link, add_verified

from rentan_desktop.services import batch_import, batches, bpjs, privacy
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def _full_nik_events(ctx: AppContext) -> list[tuple[str, dict[str, object]]]:
    con = sqlite3.connect(ctx.db.path)
    try:
        rows = con.execute(
            "SELECT actor, detail FROM audit_event WHERE action = 'export.full_nik' ORDER BY id"
        ).fetchall()
    finally:
        con.close()
    return [(actor, json.loads(detail)) for actor, detail in rows]


def test_batch_and_bpjs_workbook_are_recorded_as_full_nik_files(link: Link, tmp_path: Path) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    assert _full_nik_events(link.kec) == []
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    [(actor, detail)] = _full_nik_events(link.kec)
    assert actor == link.kec_admin.username
    assert detail == {"kind": "batch", "file": done.xlsx.with_suffix(".xlsx").name, "rows": 2}

    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    out = tmp_path / "kolektif.xlsx"
    with pytest.raises(UserError):  # cancelled: no file, and nothing recorded
        bpjs.export_collective(link.kab, actor=link.kab_admin, out=out, cancelled=lambda: True)
    assert _full_nik_events(link.kab) == []
    written = bpjs.export_collective(link.kab, actor=link.kab_admin, out=out)
    assert _full_nik_events(link.kab) == [
        (link.kab_admin.username, {"kind": "bpjs", "file": "kolektif.xlsx", "rows": written.rows})
    ]
    # The new events are part of the keyed chain like any other.
    assert privacy.verify_audit(link.kab, actor=link.kab_admin).ok
    assert privacy.verify_audit(link.kec, actor=link.kec_admin).ok


def test_legacy_report_is_written_and_recorded_by_the_service(
    ctx: AppContext, admin: User, tmp_path: Path
) -> None:
    from rentan_desktop.services import legacy_import
    from test_legacy_helpers import write_xlsx
    from test_legacy_import import ROWS

    run = legacy_import.check(ctx, actor=admin, path=write_xlsx(tmp_path / "desa.xlsx", ROWS))
    out = legacy_import.save_report(ctx, actor=admin, run=run, path=tmp_path / "laporan.xlsx")
    assert out.exists()
    assert _full_nik_events(ctx) == [
        (
            admin.username,
            {"kind": "legacy-report", "file": "laporan.xlsx", "rows": len(run.result.rows)},
        )
    ]
