"""How long since the last master-data pack and the last batch (issue 19, point 4)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from tests import test_batch_support as support
from tests.test_batch_support import Link, add_verified

from rentan_desktop.services import batches, master_data, staleness
from rentan_desktop.services.context import today_wita
from rentan_desktop.services.errors import UserError

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def _age(link: Link, kind: str, days: int) -> None:
    """Move this office's ledger entries of ``kind`` back by ``days`` (as if made then)."""
    con = sqlite3.connect(link.kec.db.path)
    try:
        rows = con.execute(
            "SELECT id, recorded_at FROM batch_ledger WHERE kind = ?", (kind,)
        ).fetchall()
        for row_id, stamp in rows:
            from datetime import datetime

            older = datetime.fromisoformat(stamp) - timedelta(days=days)
            con.execute(
                "UPDATE batch_ledger SET recorded_at = ? WHERE id = ?",
                (older.isoformat(timespec="microseconds"), row_id),
            )
        con.commit()
    finally:
        con.close()


def test_days_since_the_last_pack_and_batch_against_the_threshold(link: Link) -> None:
    fresh = staleness.staleness(link.kec)
    assert fresh.days_since_pack() is None and fresh.days_since_batch() is None
    assert not fresh.pack_stale and not fresh.batch_stale  # a new office is not warned
    assert fresh.warn_after_days == staleness.DEFAULT_DAYS

    pack = master_data.export_pack(link.kab, actor=link.kab_admin, folder=link.usb)
    master_data.import_pack(link.kec, actor=link.kec_admin, path=pack.path)
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    now = staleness.staleness(link.kec)
    assert now.days_since_pack() == 0 and now.days_since_batch() == 0

    _age(link, "masterdata", 45)
    _age(link, "batch", 10)
    later = staleness.staleness(link.kec)
    assert later.days_since_pack() == 45 and later.pack_stale
    assert later.days_since_batch() == 10 and not later.batch_stale
    assert staleness.staleness(link.kec, today=today_wita() + timedelta(days=25)).batch_stale

    staleness.set_warn_after(link.kec, actor=link.kec_admin, days=60)
    assert not staleness.staleness(link.kec).pack_stale
    with pytest.raises(UserError):
        staleness.set_warn_after(link.kec, actor=link.kec_admin, days=0)
    assert staleness.staleness(link.kec).warn_after_days == 60
    assert isinstance(later.today, date)
