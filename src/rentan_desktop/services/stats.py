"""The home screen's numbers: target, registered by status, remaining slots, estimated premium."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import select

from rentan_desktop.domain.lifecycle import ACTIVE
from rentan_desktop.domain.targets import office_target
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.storage.models import Tariff

_ACTIVE_SQL = ", ".join(f"'{s.value}'" for s in ACTIVE)


@dataclass(frozen=True)
class TariffNow:
    iuran_jkk: int
    iuran_jkm: int

    @property
    def monthly(self) -> int:
        return self.iuran_jkk + self.iuran_jkm


@dataclass(frozen=True)
class Overview:
    periode: int
    target: int
    by_status: dict[str, int]
    active: int
    remaining: int
    tariff: TariffNow
    yearly_premium: int  # active registrants x monthly tariff x 12
    by_desa: list[tuple[str, str, int]]  # kode, nama, active count
    by_pekerjaan: list[tuple[str, str, int]]


def current_tariff(ctx: AppContext, on: date | None = None) -> TariffNow:
    day = on or today_wita()
    with ctx.db.reader() as session:
        row = session.exec(
            select(Tariff).where(Tariff.berlaku_mulai <= day).order_by(Tariff.berlaku_mulai.desc())
        ).first()  # type: ignore[attr-defined]
    return TariffNow(row.iuran_jkk, row.iuran_jkm) if row else TariffNow(0, 0)


def overview(ctx: AppContext, *, periode: int | None = None, top: int = 15) -> Overview:
    periode = periode or ctx.periode()
    tariff = current_tariff(ctx)
    with ctx.db.reader() as session:

        def rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
            return list(session.exec(text(sql), params={"p": periode}).all())  # type: ignore[call-overload]

        by_status = {
            s: n
            for s, n in rows(
                "SELECT status, count(*) FROM registrant WHERE periode = :p GROUP BY status"
            )
        }
        target = office_target(
            [
                (f, str(w), int(n))
                for f, w, n in rows(
                    "SELECT sumber_dana_id, wilayah_kode, jumlah FROM target WHERE periode = :p"
                )
            ],  # fmt: skip
            ctx.office.kode if ctx.office is not None else "",
        )
        # Count from the covering indexes first (index-only scans), then name the few groups.
        by_desa = [
            tuple(r)
            for r in rows(
                "SELECT c.desa_kode, w.nama, c.n FROM (SELECT desa_kode, count(*) n FROM registrant "
                f"WHERE periode = :p AND status IN ({_ACTIVE_SQL}) GROUP BY desa_kode ORDER BY n DESC "
                f"LIMIT {int(top)}) c JOIN wilayah w ON w.kode = c.desa_kode ORDER BY c.n DESC"
            )
        ]
        by_job = [
            tuple(r)
            for r in rows(
                "SELECT c.pekerjaan_kode, p.nama, c.n FROM (SELECT pekerjaan_kode, count(*) n "
                f"FROM registrant WHERE periode = :p AND status IN ({_ACTIVE_SQL}) "
                "GROUP BY pekerjaan_kode) c JOIN pekerjaan p ON p.kode = c.pekerjaan_kode "
                "ORDER BY c.n DESC"
            )
        ]
    active = sum(n for s, n in by_status.items() if s in {a.value for a in ACTIVE})
    return Overview(
        periode=periode,
        target=int(target),
        by_status=by_status,
        active=active,
        remaining=max(0, int(target) - active),
        tariff=tariff,
        yearly_premium=active * tariff.monthly * 12,
        by_desa=by_desa,  # type: ignore[arg-type]
        by_pekerjaan=by_job,  # type: ignore[arg-type]
    )
