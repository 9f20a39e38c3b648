"""The coordinator's view of its kecamatan (issue 19, point 5): per kecamatan, how many records
arrived and where they stand, against the kecamatan's target, with the last batch and any batch
numbers that never arrived (a lost stick, a batch sent elsewhere)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.lifecycle import AFTER_SENDING, Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import Registrant, Target, User, Wilayah

NOT_COORDINATOR = issues.define(
    "dashboard.not_coordinator",
    id="Ringkasan per kecamatan hanya ada di kantor koordinator (kabupaten/kota atau provinsi).",
    en="The per-kecamatan summary exists only at a coordinator office (regency or province).",
)

#: The columns a coordinator reads, in order.
COUNTED = AFTER_SENDING


@dataclass
class KecamatanRow:
    kode: str
    nama: str
    target: int = 0
    by_status: dict[Status, int] = field(default_factory=dict)
    batches: int = 0
    last_batch: datetime | None = None
    missing: list[int] = field(default_factory=list)  # batch numbers never received

    @property
    def received(self) -> int:
        return sum(self.by_status.values())

    @property
    def active(self) -> int:
        return self.received - self.by_status.get(Status.INACTIVE, 0)

    @property
    def percent_of_target(self) -> int | None:
        return round(100 * self.active / self.target) if self.target else None


@dataclass(frozen=True)
class Dashboard:
    periode: int
    office: str
    rows: list[KecamatanRow]

    @property
    def total(self) -> KecamatanRow:
        total = KecamatanRow(
            "",
            "Jumlah",
            target=sum(r.target for r in self.rows),
            batches=sum(r.batches for r in self.rows),
        )
        for r in self.rows:
            for status, n in r.by_status.items():
                total.by_status[status] = total.by_status.get(status, 0) + n
        return total


def dashboard(ctx: AppContext, *, actor: User, periode: int | None = None) -> Dashboard:
    """Each kecamatan under this coordinator (every one, also those with nothing yet)."""
    require(actor, Perm.REGISTRANT_VIEW)
    office = require_office(ctx)
    if office.level == "kecamatan":
        raise UserError(NOT_COORDINATOR)
    periode = periode or ctx.periode()
    with ctx.db.reader() as session:
        rows = _kecamatan(session, office.kode)
        _fill(session, rows, periode, office.kode)
    return Dashboard(periode, office.kode, list(rows.values()))


def _kecamatan(session: Session, prefix: str) -> dict[str, KecamatanRow]:
    found = session.exec(select(Wilayah).where(Wilayah.level == 3).order_by(Wilayah.kode)).all()
    return {w.kode: KecamatanRow(w.kode, w.nama) for w in found if w.kode.startswith(prefix)}


def _fill(session: Session, rows: dict[str, KecamatanRow], periode: int, prefix: str) -> None:
    counts = session.exec(
        select(Registrant.kecamatan_kode, Registrant.status, func.count())
        .where(Registrant.periode == periode)
        .group_by(Registrant.kecamatan_kode, Registrant.status)
    ).all()
    for kode, status, n in counts:
        row = rows.get(kode)
        if row is not None and status in {s.value for s in COUNTED}:
            row.by_status[Status(status)] = int(n)
    for kode, total in session.exec(
        select(Target.wilayah_kode, func.sum(Target.jumlah))
        .where(Target.periode == periode)
        .group_by(Target.wilayah_kode)
    ).all():
        if kode in rows:
            rows[kode].target = int(total)
    seqs: dict[str, list[int]] = defaultdict(list)
    for ledger in session.exec(
        select(BatchLedger).where(BatchLedger.kind == "batch", BatchLedger.direction == "in")
    ).all():
        row = rows.get(ledger.office_kode)
        if row is None:
            continue
        seqs[ledger.office_kode].append(ledger.seq)
        row.batches += 1
        if row.last_batch is None or ledger.recorded_at > row.last_batch:
            row.last_batch = ledger.recorded_at
    for kode, numbers in seqs.items():
        have = set(numbers)
        rows[kode].missing = [n for n in range(1, max(have) + 1) if n not in have]


def export_xlsx(ctx: AppContext, *, actor: User, path: Path, periode: int | None = None) -> Path:
    """The dashboard as a workbook (one row per kecamatan, totals last)."""
    from rentan_desktop.domain.formatting import tanggal
    from rentan_desktop.domain.lifecycle import label
    from rentan_desktop.io import dashboard_xlsx

    board = dashboard(ctx, actor=actor, periode=periode)
    path = Path(path)
    head = [
        "Kode",
        "Kecamatan",
        "Target",
        "Diterima dari batch",
        *(label(s) for s in COUNTED),
        "% target (aktif)",
        "Batch",
        "Batch terakhir",
        "Nomor batch yang belum datang",
    ]
    dashboard_xlsx.write(
        path,
        head,
        [
            [
                r.kode,
                r.nama,
                r.target,
                r.received,
                *(r.by_status.get(s, 0) for s in COUNTED),
                r.percent_of_target,
                r.batches,
                tanggal(r.last_batch) if r.last_batch else "",
                ", ".join(str(n) for n in r.missing),
            ]
            for r in [*board.rows, board.total]
        ],
    )
    with ctx.db.writer() as session:
        audit.record(
            session,
            actor,
            "dashboard.export",
            "file",
            None,
            {"file": path.name, "periode": board.periode, "rows": len(board.rows)},
        )
    return path
