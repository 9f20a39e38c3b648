"""Property: whatever the records hold, export then import gives back equal records."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA, DESA_2, _copy_db
from tests.test_batch_support import exchange

from rentan_desktop.io.batch_rows import KEYS, canonical_text
from rentan_desktop.services import auth, batch_import, batches
from rentan_desktop.services.context import AppContext

kab_template = support.kab_template  # shared fixture

# Text as clerks and spreadsheets produce it, with the traps: formula prefixes, newlines, leading
# and trailing spaces, Excel escapes, combining marks, emoji, control characters.
TRAPS = [
    "=1+1",
    "+62 812",
    "-",
    "@SUM(A1)",
    "\tTAB",
    "a\r\nb",
    "  spasi  ",
    "_x000D_",
    "e\u0301",
    "😀",
    "0012",
    "9171012345678901",
    "'kutip",
    "\x01",
]
text = st.one_of(
    st.sampled_from(TRAPS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
).map(canonical_text)
digits = st.integers(0, 10**16 - 1).map(lambda n: f"{n:016d}")
optional_date = st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31))

record = st.fixed_dictionaries(
    {
        "nama": text.filter(lambda s: s.strip() != ""),
        "tempat_lahir": text,
        "nama_ibu": text,
        "alamat": text,
        "notes": text,
        "no_kk": st.none() | digits,
        "no_hp": st.none() | st.from_regex(r"\A\+628[0-9]{8,11}\Z"),
        "kpj": st.none() | st.from_regex(r"\A[0-9]{11}\Z"),
        "tanggal_lahir": st.dates(date(1940, 1, 1), date(2010, 12, 31)),
        "coverage_start": optional_date,
        "coverage_end": optional_date,
        "jenis_kelamin": st.sampled_from("LP"),
        "rt": st.from_regex(r"\A[0-9]{3}\Z"),
        "desa_kode": st.sampled_from([DESA, DESA_2]),
        "penghasilan": st.integers(0, 10**12),
        "version": st.integers(1, 50),
    }
)

_COLUMNS = (
    "uuid",
    "version",
    "nik",
    "no_kk",
    "nama",
    "name_norm",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "alamat",
    "rt",
    "rw",
    "desa_kode",
    "kecamatan_kode",
    "no_hp",
    "pekerjaan_kode",
    "penghasilan",
    "sumber_dana_id",
    "periode",
    "status",
    "status_reason",
    "nik_verifikasi",
    "kpj",
    "coverage_start",
    "coverage_end",
    "notes",
    "warnings",
    "origin_office",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
)


def _insert(db: Path, records: list[dict[str, object]]) -> None:
    con = sqlite3.connect(db)
    try:
        funder = con.execute("SELECT id FROM sumber_dana").fetchone()[0]
        for i, rec in enumerate(records):
            row = {
                **rec,
                "uuid": f"00000000-0000-4000-8000-{i:012d}",
                "nik": f"640801410190{i + 1:04d}",
                "name_norm": "",
                "rw": "001",
                "kecamatan_kode": str(rec["desa_kode"])[:6],
                "pekerjaan_kode": "NELAYAN",
                "sumber_dana_id": funder,
                "periode": 2026,
                "status": "verified",
                "status_reason": "",
                "nik_verifikasi": "belum",
                "warnings": "",
                "origin_office": "640801",
                "created_by": "admin",
                "created_at": "2026-11-22T01:02:03.000004+00:00",
                "updated_by": "admin",
                "updated_at": "2026-11-22T01:02:03.000004+00:00",
            }
            con.execute(
                f"INSERT INTO registrant({', '.join(_COLUMNS)}) VALUES "
                f"({', '.join('?' for _ in _COLUMNS)})",
                [row[c] for c in _COLUMNS],
            )
        con.commit()
    finally:
        con.close()


def _records(db: Path) -> dict[str, tuple[object, ...]]:
    fields = [k for k in KEYS if k not in ("status", "sumber_dana")]
    con = sqlite3.connect(db)
    try:
        return {r[0]: r for r in con.execute(f"SELECT {', '.join(fields)} FROM registrant")}
    finally:
        con.close()


SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@settings(max_examples=5, **SETTINGS)  # type: ignore[arg-type]
@given(st.lists(record, min_size=1, max_size=6))
def test_export_then_import_gives_back_equal_records(
    template_db: Path, kab_template: Path, records: list[dict[str, object]]
) -> None:
    _round_trip(template_db, kab_template, records)


@pytest.mark.slow
@settings(max_examples=60, **SETTINGS)  # type: ignore[arg-type]
@given(st.lists(record, min_size=1, max_size=20))
def test_export_then_import_gives_back_equal_records_long(
    template_db: Path, kab_template: Path, records: list[dict[str, object]]
) -> None:
    _round_trip(template_db, kab_template, records)


def _round_trip(template_db: Path, kab_template: Path, records: list[dict[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, template in (("kec", template_db), ("kab", kab_template)):
            (root / name).mkdir()
            _copy_db(template, root / name / "rentan.db")
        _insert(root / "kec" / "rentan.db", records)
        kec, kab = (
            AppContext.open(root / "kec" / "rentan.db"),
            AppContext.open(root / "kab" / "rentan.db"),
        )
        try:
            kec_admin = auth.authenticate(kec, "admin", ADMIN_PASSWORD)
            kab_admin = auth.authenticate(kab, "admin", ADMIN_PASSWORD)
            exchange(kec, kec_admin, kab, kab_admin, root)
            sent = _records(kec.db.path)  # as the kecamatan had them when it pressed "send"
            done = batches.export_batch(kec, actor=kec_admin, folder=root)
            result = batch_import.import_batch(kab, actor=kab_admin, path=done.xlsx)
            assert result.imported, result.report.messages("en")
            assert result.counts["new"] == len(records)
            assert _records(kab.db.path) == sent
        finally:
            kec.close()
            kab.close()
