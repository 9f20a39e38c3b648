"""What the next batch would carry, per desa, for the export wizard's first step (no Qt).

``services.batches.ready_count`` gives the totals; the per-desa split uses the same selection
rule (``batches._ready_query``), so the rows shown are exactly the rows the export will write.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import batches
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.setup import require_office
from rentan_desktop.storage.models import User


@dataclass(frozen=True)
class DesaReady:
    kode: str
    nama: str
    new: int
    corrections: int


def ready_by_desa(ctx: AppContext, *, actor: User) -> list[DesaReady]:
    """Ready records per desa (most first); empty if the service's rule is not available."""
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    query = getattr(batches, "_ready_query", None)
    if query is None:
        return []
    sql, params = query(
        office.level, "SELECT r.desa_kode, r.sent_version IS NULL FROM registrant r "
    )
    con = ctx.db.raw_reader()
    try:
        new: Counter[str] = Counter()
        fixes: Counter[str] = Counter()
        for desa, is_new in con.execute(sql, params):
            (new if is_new else fixes)[desa] += 1
        codes = sorted(set(new) | set(fixes))
        marks = ",".join("?" for _ in codes)
        names = (
            dict(con.execute(f"SELECT kode, nama FROM wilayah WHERE kode IN ({marks})", codes))
            if codes
            else {}
        )
    finally:
        con.close()
    rows = [DesaReady(k, names.get(k, k), new[k], fixes[k]) for k in codes]
    return sorted(rows, key=lambda r: (-(r.new + r.corrections), r.nama))
