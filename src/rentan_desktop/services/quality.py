"""Data-quality view for the home screen: records per kind of problem per desa, and its trend.

Problems counted on every registration of the programme period that is not inactive or rejected:
the warning codes stored with the record at its last save (NIK date or sex mismatch, old region
code, fuzzy desa match, missing mother's name, possible duplicate, ...), a missing phone number, and
membership of an open duplicate cluster. ``snapshot`` stores today's counts so the view can show how
each number moves over time.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit, dedupe
from rentan_desktop.services.active_registration import holding_sql
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.legacy_models import QualitySnapshot
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

DUPLICATE, NO_PHONE = "kualitas.duplikat", "kualitas.hp_kosong"
LABELS: dict[str, tuple[str, str]] = {
    DUPLICATE: ("Mungkin data ganda (klaster terbuka)", "Possible duplicate (open cluster)"),
    NO_PHONE: ("Nomor HP kosong", "No phone number"),
    "mother.missing": ("Nama ibu kandung kosong", "Mother's maiden name missing"),
    "nik.date_mismatch": ("Tanggal lahir beda dengan NIK", "Birth date differs from the NIK"),
    "nik.sex_mismatch": ("Jenis kelamin beda dengan NIK", "Sex differs from the NIK"),
    "nik.old_region": ("Kode wilayah NIK lama/pemekaran", "Old or split NIK region code"),
    "nik.outside_regency": ("NIK terbit di luar kabupaten", "NIK issued outside the regency"),
    "dup.possible": ("Mungkin data ganda (saat disimpan)", "Possible duplicate (when saved)"),
    "legacy.desa.mirip": ("Nama desa dicocokkan (tidak persis)", "Desa name matched approximately"),
    "legacy.duplikat.mungkin": (
        "Mungkin data ganda (impor lama)",
        "Possible duplicate (legacy import)",
    ),
    "legacy.tanggal.bulan_hari": ("Tanggal dibaca bulan/hari", "Date read month/day"),
    "legacy.tanggal.usia": ("Usia tidak wajar", "Implausible age"),
    "legacy.tempat.kosong": ("Tempat lahir kosong", "Place of birth missing"),
    "legacy.rtrw.tidak_valid": ("RT/RW tidak terbaca", "RT/RW unreadable"),
    "phone.format": ("Nomor HP tidak valid", "Invalid phone number"),
    # Warnings an old desa list leaves on the records it created (rentan_desktop.legacy.codes).
    "legacy.kk.angka": ("No. KK tersimpan sebagai angka (cek ke KK)", "KK stored as a number"),
    "legacy.kk.rusak": ("No. KK rusak, tidak disimpan", "KK damaged, not stored"),
    "legacy.kk.sama_nik": ("No. KK sama dengan NIK, tidak disimpan", "KK equal to the NIK"),
    "legacy.hp.angka": ("No. HP kehilangan 0 di depan", "Phone lost its leading 0"),
    "legacy.nama.gelar": ("Gelar di nama", "Title in the name"),
    "legacy.nik.tanggal_tertukar": (
        "Tanggal lahir beda digit dengan NIK",
        "Birth date digits swapped",
    ),
    "legacy.nilai.mirip": ("Nilai dicocokkan (tidak persis)", "Value matched approximately"),
    "legacy.pekerjaan.lainnya": ("Pekerjaan tidak dikenal (LAINNYA)", "Unknown occupation (other)"),
    "legacy.dana.cadangan": ("Sumber dana tidak dikenal", "Unknown funder word"),
    "legacy.status.tidak_dikenal": ("Status tidak dikenal", "Unknown status word"),
    "legacy.kecamatan.mirip": ("Nama kecamatan dicocokkan", "Kecamatan matched approximately"),
}


def label(code: str, lang: str | None = None) -> str:
    """Short name of a problem type for the view (the code itself when unknown)."""
    pair = LABELS.get(code)
    if pair is None:
        return code
    return pair[0] if (lang or issues.language()) == "id" else pair[1]


@dataclass
class QualityView:
    """Counts of records with each problem, per desa, plus the totals."""

    per_desa: dict[str, Counter[str]] = field(default_factory=dict)
    records: Counter[str] = field(default_factory=Counter)  # desa -> records considered
    desa_names: dict[str, str] = field(default_factory=dict)

    def totals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.per_desa.values():
            out.update(counts)
        return out

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "totals": [
                {"code": c, "label": label(c, lang), "count": n}
                for c, n in self.totals().most_common()
            ],
            "desa": [
                {
                    "desa_kode": d,
                    "desa": self.desa_names.get(d, d),
                    "records": self.records[d],
                    "problems": [
                        {"code": c, "label": label(c, lang), "count": n}
                        for c, n in counts.most_common()
                    ],
                }
                for d, counts in sorted(self.per_desa.items())
            ],
        }


def view(
    ctx: AppContext,
    *,
    actor: User,
    kecamatan_kode: str | None = None,
    duplicates: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> QualityView:
    """Current counts per desa and problem type (duplicate clusters included unless told not to)."""
    require(actor, Perm.REGISTRANT_VIEW)
    sql = (
        "SELECT r.uuid, r.desa_kode, r.warnings, r.no_hp, w.nama FROM registrant r "
        "LEFT JOIN wilayah w ON w.kode = r.desa_kode "
        f"WHERE r.periode = :p AND {holding_sql('r.status')}"
    )
    params: dict[str, object] = {"p": ctx.periode()}
    if kecamatan_kode:
        sql += " AND r.kecamatan_kode = :k"
        params["k"] = kecamatan_kode
    with ctx.db.reader() as session:
        rows = session.exec(text(sql), params=params).all()  # type: ignore[call-overload]
    out = QualityView()
    per: dict[str, Counter[str]] = defaultdict(Counter)
    desa_of: dict[str, str] = {}
    for uuid, desa, warnings, hp, nama in rows:
        desa_of[uuid] = desa
        out.records[desa] += 1
        out.desa_names[desa] = nama or desa
        codes = set(json.loads(warnings or "[]"))
        if not hp:
            codes.add(NO_PHONE)
        per[desa].update(codes)
    if duplicates:
        found = dedupe.find_clusters(ctx, actor=actor, progress=progress, cancelled=cancelled)
        for cluster in found:
            for member in cluster.members:
                if member in desa_of:
                    per[desa_of[member]][DUPLICATE] += 1
    out.per_desa = dict(per)
    return out


@dataclass
class QualityPage:
    """What the quality page shows: the counts now, their history, and whether today's counts
    were stored by this load."""

    view: QualityView
    history: list[dict[str, Any]]
    snapshot_taken: bool


def page(
    ctx: AppContext,
    *,
    actor: User,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> QualityPage:
    """Count now (duplicates included) and read the history: the long, read-only part of the
    quality page, run in a child process from the GUI (:mod:`services.process_job`)."""
    current = view(ctx, actor=actor, progress=progress, cancelled=cancelled)
    return QualityPage(current, history(ctx, actor=actor), False)


def keep_snapshot(
    ctx: AppContext, *, actor: User, loaded: QualityPage, only_first_today: bool = False
) -> QualityPage:
    """Store ``loaded``'s counts (the same counts, not made twice: a full count takes seconds at
    150,000 records); ``only_first_today``: only when none were stored today. Quick, and it writes
    an audit event, which needs the office key: the caller's process, not the child, does it."""
    from rentan_desktop.services.context import WITA

    if only_first_today:
        today = datetime.now(WITA).date()
        if any(
            datetime.fromisoformat(h["taken_at"]).astimezone(WITA).date() == today
            for h in loaded.history
        ):
            return loaded
    snapshot(ctx, actor=actor, current=loaded.view)
    return QualityPage(loaded.view, history(ctx, actor=actor), True)


def snapshot(ctx: AppContext, *, actor: User, current: QualityView | None = None) -> int:
    """Store the current counts (one row per desa and problem type); returns the rows written.

    ``current``: counts the caller has just made with :func:`view` (all kecamatan, duplicates
    included), so they are not counted twice (a full count takes seconds at 150,000 records)."""
    require(actor, Perm.REGISTRANT_VIEW)
    current = current if current is not None else view(ctx, actor=actor)
    taken = utcnow()
    rows = [
        QualitySnapshot(taken_at=taken, desa_kode=d, code=c, count=n)
        for d, counts in current.per_desa.items()
        for c, n in counts.items()
    ]
    with ctx.db.writer() as session:
        session.add_all(rows)
        audit.record(
            session,
            actor,
            "quality.snapshot",
            "quality_snapshot",
            None,
            {"rows": len(rows), "totals": dict(current.totals())},
        )
    return len(rows)


def history(
    ctx: AppContext, *, actor: User, code: str | None = None, desa_kode: str | None = None
) -> list[dict[str, Any]]:
    """How the counts moved: one entry per snapshot and problem type (summed over desa)."""
    require(actor, Perm.REGISTRANT_VIEW)
    sql = "SELECT taken_at, code, SUM(count) FROM quality_snapshot WHERE 1 = 1"
    params: dict[str, object] = {}
    if code:
        sql += " AND code = :c"
        params["c"] = code
    if desa_kode:
        sql += " AND desa_kode = :d"
        params["d"] = desa_kode
    sql += " GROUP BY taken_at, code ORDER BY taken_at, code"
    with ctx.db.reader() as session:
        rows = session.exec(text(sql), params=params).all()  # type: ignore[call-overload]
    return [
        {"taken_at": datetime.fromisoformat(t).isoformat(), "code": c, "count": int(n)}
        for t, c, n in rows
    ]


def snapshot_if_due(ctx: AppContext, *, actor: User, every_hours: int = 24) -> bool:
    """Take a snapshot unless one was taken in the last ``every_hours`` (call it at login/start).

    Returns True when a snapshot was taken.
    """
    require(actor, Perm.REGISTRANT_VIEW)
    with ctx.db.reader() as session:
        last = session.exec(text("SELECT MAX(taken_at) FROM quality_snapshot")).first()  # type: ignore[call-overload]
    if last and last[0]:
        age = utcnow() - datetime.fromisoformat(last[0])
        if age.total_seconds() < every_hours * 3600:
            return False
    snapshot(ctx, actor=actor)
    return True
