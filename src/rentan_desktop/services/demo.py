"""Synthetic but realistic registrants for demos and benchmarks (never real people).

NIKs are valid and consistent with each person's birth date and sex, prefixed mostly with Kalimantan
Timur kecamatan codes (some issued elsewhere, as in life); names mix Banjar, Bugis, Javanese, Kutai
and Dayak naming; desa, RT/RW and occupations follow this office's area.
"""

from __future__ import annotations

import random
import sqlite3
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import select

from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext, require_office, today_wita
from rentan_desktop.services.setup import FunderSpec, _add_funder, _set_target
from rentan_desktop.storage import registrant_table
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.models import SumberDana, User
from rentan_desktop.storage.seed import PEKERJAAN
from rentan_desktop.storage.types import utcnow

MALE = (
    "MUHAMMAD",
    "AHMAD",
    "ABDUL",
    "RUSLAN",
    "SYAHRIR",
    "ANDI",
    "BUDI",
    "AGUS",
    "HERMAN",
    "RAHMAT",
    "YUSUF",
    "SUPRIADI",
    "JUMADI",
    "HASANUDDIN",
    "ARIFIN",
    "DEDI",
    "EKO",
    "FAJAR",
    "ILHAM",
    "JOKO",
    "KADIR",
    "LUKMAN",
    "MARLIANSYAH",
    "NORDIN",
    "RIDWAN",
    "SAIPUL",
    "TAUFIK",
    "WAHYU",
    "ZAINAL",
    "HAMDANI",
    "IRWANSYAH",
    "BAHRUN",
    "SAMSUL",
    "ANTONIUS",
    "YOHANES",
    "PETRUS",
    "LAHANG",
    "ALI",
)
FEMALE = (
    "SITI",
    "NUR",
    "RAHMAWATI",
    "SRI",
    "DEWI",
    "FATIMAH",
    "AMINAH",
    "HALIMAH",
    "RINA",
    "YULIANA",
    "NORMA",
    "MASNAH",
    "SARIAH",
    "JUBAIDAH",
    "WATI",
    "ERNAWATI",
    "MARIANI",
    "KARTINI",
    "LESTARI",
    "HASNAH",
    "NURHAYATI",
    "MARTHA",
    "MARIA",
    "ROSALINA",
    "INDAH",
    "PUTRI",
    "AISYAH",
    "ASMAH",
)
SECOND = (
    "HIDAYAT",
    "SAPUTRA",
    "RAHMAN",
    "HASAN",
    "SALEH",
    "WIJAYA",
    "PRATAMA",
    "SETIAWAN",
    "NOOR",
    "HAMZAH",
    "IDRUS",
    "LATIF",
    "BAKRI",
    "MAHMUD",
    "RASYID",
    "SANTOSO",
    "SUSANTO",
    "LAING",
    "ASRI",
    "JAYA",
    "ANSYARI",
    "FIRDAUS",
    "KURNIAWAN",
    "SYAMSUDDIN",
    "ALAMSYAH",
    "YANTI",
    "SARI",
    "WATI",
)
PLACES = (
    "SANGATTA",
    "SAMARINDA",
    "BALIKPAPAN",
    "TENGGARONG",
    "BONTANG",
    "TANAH GROGOT",
    "BERAU",
    "MUARA WAHAU",
    "SANGKULIRANG",
    "BANJARMASIN",
    "PARE-PARE",
    "MAKASSAR",
    "SURABAYA",
    "BENGALON",
)
# Kabupaten codes outside Kaltim where migrants' NIKs were issued (Sulsel, Kalsel, Jatim, Jateng, NTT).
ELSEWHERE = ("731101", "737101", "630101", "637101", "350101", "357801", "330101", "530101")


@dataclass(frozen=True)
class DemoResult:
    created: int
    seconds: float


def _desa_codes(con: sqlite3.Connection, office_kode: str) -> list[str]:
    rows = con.execute(
        "SELECT kode FROM wilayah WHERE level = 4 AND kode LIKE ? ORDER BY kode",
        (office_kode + "%",),
    ).fetchall()
    if not rows:
        rows = con.execute(
            "SELECT kode FROM wilayah WHERE level = 4 AND kode LIKE '64%'"
        ).fetchall()
    return [r[0] for r in rows]


def _kecamatan_codes(con: sqlite3.Connection, kab: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT kode FROM wilayah WHERE level = 3 AND kode LIKE ?", (kab + "%",)
        )
    ]


def _make_nik(rng: random.Random, prefix: str, birth: date, sex: str, used: set[str]) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    stem = f"{prefix}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
    while True:
        nik = f"{stem}{rng.randint(1, 9999):04d}"
        if nik not in used:
            used.add(nik)
            return nik


def _birth(rng: random.Random, today: date) -> date:
    roll = rng.random()
    year = today.year - rng.randint(18, 63)
    if roll < 0.08:
        return date(year, 7, 1)  # SIAK placeholder for unknown birth dates
    if roll < 0.12:
        return date(year, 12, 31)  # pre-2004 placeholder
    return date(year, 1, 1) + timedelta(days=rng.randint(0, 364))


def generate(
    ctx: AppContext,
    *,
    actor: User,
    count: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> DemoResult:
    """Insert ``count`` synthetic registrants in one transaction (bulk SQL, one audit event)."""
    import time

    require(actor, Perm.SETTINGS_MANAGE)
    office = require_office(ctx)
    started = time.perf_counter()
    rng = random.Random(seed)
    today, periode = today_wita(), ctx.periode()
    with ctx.db.writer() as session:
        funder = session.exec(select(SumberDana).where(SumberDana.aktif == True)).first()  # noqa: E712
        if funder is None:
            funder = _add_funder(
                session,
                FunderSpec(
                    "APBD-KAB",
                    "APBD Kabupaten (demo)",
                    15,
                    64,
                    office.kode[:4],
                    "Peraturan Bupati tentang perlindungan pekerja rentan",
                ),
                actor.username,
            )
            _set_target(
                session,
                funder.id or 0,
                periode,
                office.kode,
                max(count * 3 // 2, 100),
                actor.username,
            )
        con = driver_of(session)
        desa = _desa_codes(con, office.kode)
        local_kec = _kecamatan_codes(con, office.kode[:4]) or ["640801"]
        used = {r[0] for r in con.execute("SELECT nik FROM registrant")}
        jobs = [k for k, _ in PEKERJAAN]
        now = utcnow().isoformat(timespec="microseconds")
        rows = registrant_table.BulkInsert(con)
        statuses = (
            ("draft",) * 5
            + ("verified",) * 3
            + ("sent",) * 2
            + ("accepted",) * 2
            + ("registered",) * 8
        )
        for i in range(count):
            sex = "P" if rng.random() < 0.35 else "L"
            first = rng.choice(FEMALE if sex == "P" else MALE)
            nama = f"{first} {rng.choice(SECOND)}" if rng.random() < 0.85 else first
            birth = _birth(rng, today)
            prefix = rng.choice(ELSEWHERE) if rng.random() < 0.1 else rng.choice(local_kec)
            nik = _make_nik(rng, prefix, birth, sex, used)
            kk = f"{prefix}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(5, 24):02d}{rng.randint(1, 9999):04d}"
            d = rng.choice(desa)
            status = rng.choice(statuses)
            # Registered people carry what BPJS sent back: an 11-digit KPJ and the coverage period.
            registered = status == "registered"
            kpj = f"{rng.randint(10, 26)}{rng.randint(0, 999_999_999):09d}" if registered else None
            start = date(periode, rng.randint(1, 6), 1) if registered else None
            end = date(periode, 12, 31) if registered else None
            sent = 1 if status in ("sent", "accepted", "registered") else None
            # Inserted in its final status, as a record that already went through the
            # lifecycle would be: no status change happens here.
            rows.add(
                registrant_table.new_row(
                    {
                        # uuid not from the seed: a second run must not reuse the first's
                        "uuid": str(uuidlib.uuid4()),
                        "nik": nik,
                        "no_kk": kk,
                        "nama": nama,
                        "tempat_lahir": rng.choice(PLACES),
                        "tanggal_lahir": birth.isoformat(),
                        "jenis_kelamin": sex,
                        "nama_ibu": f"{rng.choice(FEMALE)} {rng.choice(SECOND)}",
                        "alamat": f"JL. {rng.choice(SECOND)} NO. {rng.randint(1, 99)}",
                        "rt": f"{rng.randint(1, 30):03d}",
                        "rw": f"{rng.randint(1, 8):03d}",
                        "desa_kode": d,
                        "no_hp": f"+628{rng.randint(11, 59)}{rng.randint(1000000, 99999999)}",
                        "pekerjaan_kode": rng.choice(jobs),
                        "sumber_dana_id": funder.id,
                        "periode": periode,
                        "status": status,
                        "warnings": "[]",
                        "origin_office": office.kode,
                        "created_by": actor.username,
                        "created_at": now,
                        "updated_by": actor.username,
                        "updated_at": now,
                        "kpj": kpj,
                        "coverage_start": start.isoformat() if start else None,
                        "coverage_end": end.isoformat() if end else None,
                        "sent_version": sent,
                    }
                )
            )
            if len(rows) >= 5000:
                rows.flush()
                if progress:
                    progress(i + 1, count)
        rows.flush()
        audit.record(
            session, actor, "demo.generate", "registrant", None, {"count": count, "seed": seed}
        )
    if progress:
        progress(count, count)
    return DemoResult(count, time.perf_counter() - started)
