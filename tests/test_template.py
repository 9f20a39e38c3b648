"""The offline entry template: written, filled (as Excel would save it), imported, reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from rentan_desktop.io import template_xlsx as tx
from rentan_desktop.services import template_import, templates
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

GOOD = [
    "6408014101900001",
    "6408010101100001",
    "siti aminah",
    "Sangatta",
    "01-01-1990",
    "P",
    "Halimah",
    "Jl. Poros 5",
    "3",
    "1",
    "SENYIUR - 6408012001",
    "0812-3456-7890",
    "NELAYAN - Nelayan",
    None,
    "APBD-KUTIM",
    "",
]


def fill(template: Path, rows: list[list[object]], out: Path) -> Path:
    """Fill the template the way a clerk's Excel would: open, type into cells, save."""
    wb = openpyxl.load_workbook(template)
    ws = wb[tx.DATA_SHEET]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.save(out)
    return out


@pytest.fixture
def template(ctx: AppContext, tmp_path: Path) -> Path:
    return templates.write_template(ctx, tmp_path / "template.xlsx")


def test_template_has_text_columns_dropdowns_and_instructions(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Data", "Petunjuk", "Daftar"]
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == list(tx.HEADERS)

    def column_format(index: int) -> str:
        # openpyxl groups adjacent columns with one style into a single min..max dimension.
        dims = [d for d in ws.column_dimensions.values() if d.min <= index <= d.max]
        return dims[0].number_format if dims else "General"

    assert column_format(1) == "@" and column_format(2) == "@"  # NIK and KK typed as text
    assert column_format(14) != "@"  # income is a number
    sources = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"L,P"' in sources and any("Daftar" in s for s in sources)
    assert wb["Daftar"].sheet_state == "hidden"
    assert "SENYIUR - 6408012001" in [c.value for c in wb["Daftar"]["A"]]
    assert "PETUNJUK" in wb["Petunjuk"]["A1"].value


def test_round_trip_and_idempotent_reimport(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    second = GOOD.copy()
    second[0:3] = ["6408011203850002", "", "AHMAD YANI"]
    second[4:6] = ["12-03-1985", "L"]
    filled = fill(template, [GOOD, second], tmp_path / "filled.xlsx")
    report = template_import.import_template(ctx, actor=admin, path=filled)
    assert (report.saved, report.skipped, report.rejected) == (2, 0, 0)
    con = sqlite3.connect(ctx.db.path)
    rows = con.execute(
        "SELECT nik, typeof(nik), nama, rt, desa_kode, pekerjaan_kode, no_hp FROM registrant ORDER BY nik"
    ).fetchall()
    assert rows[1] == (
        "6408014101900001",
        "text",
        "SITI AMINAH",
        "003",
        "6408012001",
        "NELAYAN",
        "+6281234567890",
    )
    again = template_import.import_template(ctx, actor=admin, path=filled)
    assert (again.saved, again.skipped, again.rejected) == (0, 2, 0)
    assert con.execute("SELECT count(*) FROM registrant").fetchone()[0] == 2


@pytest.mark.usefixtures("backend")  # and on a server database
def test_bad_rows_rejected_with_row_and_column_good_rows_saved(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    numeric_nik = GOOD.copy()
    numeric_nik[0] = 6408014101900001  # typed into a General cell: a number, possibly damaged
    numeric_nik[2] = "BUDI"
    bad_date = GOOD.copy()
    bad_date[0], bad_date[4] = "6408011203850002", "31-02-1985"
    good = GOOD.copy()
    good[0], good[4], good[5] = "6408010505800003", "05-05-1980", "L"
    filled = fill(template, [numeric_nik, bad_date, good], tmp_path / "filled.xlsx")
    report_path = tmp_path / "laporan.xlsx"
    report = template_import.import_template(ctx, actor=admin, path=filled, report_path=report_path)
    assert (report.saved, report.rejected) == (1, 2)
    by_row = {r.row_number: r for r in report.rows}
    assert [i.code for i in by_row[2].found if i.is_error] == ["id.numeric"]
    assert by_row[3].found[0].field == "tanggal_lahir"
    wb = openpyxl.load_workbook(report_path)
    ws = wb["Laporan"]
    assert ws["A2"].value == 2 and ws["B2"].value == "DITOLAK"
    nik_cell = ws.cell(row=2, column=3)
    assert nik_cell.fill.fgColor.rgb.endswith("F4B6B6")  # highlighted as an error
    assert "angka" in ws.cell(row=2, column=ws.max_column).value


@pytest.mark.usefixtures("backend")  # and on a server database
def test_duplicate_within_file_and_wrong_file(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    other = GOOD.copy()
    other[2] = "RAHMAT"
    filled = fill(template, [GOOD, other], tmp_path / "filled.xlsx")
    report = template_import.import_template(ctx, actor=admin, path=filled)
    assert report.saved == 1 and report.rows[1].found[-1].code == "dup.in_file"
    wb = openpyxl.Workbook()
    wb.active.append(["NAMA", "NIK"])
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(UserError) as err:
        template_import.import_template(ctx, actor=admin, path=tmp_path / "other.xlsx")
    assert err.value.code == "template.no_sheet"
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    with pytest.raises(UserError):
        template_import.import_template(ctx, actor=admin, path=tmp_path / "junk.xlsx")


def test_hostile_template_refused_before_parsing(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    row = GOOD.copy()
    row[2] = '=HYPERLINK("http://evil.example","klik")'  # openpyxl stores this as a live formula
    filled = fill(template, [row], tmp_path / "formula.xlsx")
    with pytest.raises(UserError) as err:
        template_import.import_template(ctx, actor=admin, path=filled)
    assert err.value.code == "xlsx.formula_cell", err.value.message("id")
    assert "C" in str(err.value.params) and "2" in str(err.value.params)
    con = sqlite3.connect(ctx.db.path)
    assert con.execute("SELECT count(*) FROM registrant").fetchone()[0] == 0


def test_writing_the_report_is_recorded_in_the_audit_trail(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    bad = GOOD.copy()
    bad[4] = "31-02-1985"
    filled = fill(template, [bad], tmp_path / "filled.xlsx")
    template_import.import_template(
        ctx, actor=admin, path=filled, report_path=tmp_path / "laporan.xlsx"
    )
    con = sqlite3.connect(ctx.db.path)
    row = con.execute(
        "SELECT actor, detail FROM audit_event WHERE action = 'export.full_nik'"
    ).fetchone()
    assert row[0] == "admin" and "laporan.xlsx" in row[1] and '"rows":1' in row[1]


def test_import_runs_with_a_large_page_cache_and_gives_it_back(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    """A big import must not spill SQLite's default 2 MB cache; the cache returns to normal after,
    the cycle collector is back on, and every saved row is sealed, searchable and audited."""
    import gc

    from rentan_desktop.services import audit_seal
    from rentan_desktop.storage.db import BULK_CACHE_KIB

    rows = []
    for i in range(40):
        row = GOOD.copy()
        row[0] = f"64080141019{i + 10:05d}"
        row[2] = f"SITI AMINAH {chr(65 + i % 26)}{chr(65 + i // 26)}"
        rows.append(row)
    filled = fill(template, rows, tmp_path / "filled.xlsx")
    with ctx.db.raw_writer() as con:
        usual = con.execute("PRAGMA cache_size").fetchone()[0]
    seen: list[int] = []

    def progress(_done: int, _total: int) -> None:
        with ctx.db.raw_writer() as con:  # joins the import's transaction: the same connection
            seen.append(con.execute("PRAGMA cache_size").fetchone()[0])
        assert not gc.isenabled()

    report = template_import.import_template(ctx, actor=admin, path=filled, progress=progress)
    assert report.saved == 40
    assert seen and set(seen) == {-BULK_CACHE_KIB}
    with ctx.db.raw_writer() as con:
        assert con.execute("PRAGMA cache_size").fetchone()[0] == usual
    assert gc.isenabled()
    con = sqlite3.connect(ctx.db.path)
    assert con.execute("SELECT count(*) FROM registrant WHERE row_mac IS NULL").fetchone()[0] == 0
    hits = con.execute(
        "SELECT count(*) FROM registrant_fts WHERE registrant_fts MATCH '\"AMINAH\"'"
    ).fetchone()
    assert hits[0] == 40
    events = con.execute(
        "SELECT count(*) FROM audit_event WHERE action = 'registrant.create'"
    ).fetchone()
    assert events[0] == 40
    with ctx.db.reader() as session:
        checked = audit_seal.verify(ctx.db.path, session)
    assert checked.ok and checked.rows == 40, checked


def test_one_desa_list_flags_a_nik_typo_twin_and_only_what_full_scoring_flags(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path
) -> None:
    """A desa's own list: every row in one desa, names starting alike. The desa block picks its
    candidates by NIK (at most two digits apart) instead of scoring every row; the rows it flags
    are exactly those the scorer flags when every earlier row of the block is compared."""
    from datetime import date

    from rentan_desktop.domain import duplicates, names
    from rentan_desktop.services import demo

    def row(nik: str, name: str, born: date) -> list[object]:
        r = GOOD.copy()
        r[0], r[2], r[4] = nik, name, born.strftime("%d-%m-%Y")
        return r

    rows = [row("6408014101900001", "SITI AMINAH", date(1990, 1, 1))]
    for i in range(24):  # same desa, names starting "SI", other NIKs and birth dates
        born = date(1980 + i % 10, 3, 1 + i)
        rows.append(
            row(
                f"640801{41 + i:02d}03{born.year % 100:02d}{i + 20:04d}",
                f"SITI {demo.SECOND[i]}",
                born,
            )
        )
    rows.append(row("6408014505850007", "SITI AMINAH", date(1985, 5, 5)))  # NIK far: another person
    rows.append(row("6408014201900001", "SITI AMINAH", date(1990, 1, 2)))  # one digit and a day off
    filled = fill(template, rows, tmp_path / "desa.xlsx")
    report = template_import.import_template(ctx, actor=admin, path=filled)
    assert report.saved == len(rows)
    flagged = {r.row_number for r in report.rows if r.possible}
    twin = report.rows[-1]
    assert twin.row_number in flagged and twin.possible == [f"row{report.rows[0].row_number}"]
    assert "dup.possible" in [i.code for i in twin.found]

    people = [
        duplicates.Person(f"row{n}", r[0], names.normalise(r[2]), None, "6408012001", r[2])  # type: ignore[arg-type]
        for n, r in enumerate(rows, start=2)
    ]
    full = {
        n
        for n, me in enumerate(people, start=2)
        if any(duplicates.compare(me, other) for other in people[: n - 2])
    }
    assert flagged == full


def test_a_large_import_writes_its_name_search_rows_and_seals_after_the_load(
    ctx: AppContext, admin: User, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From MIN_ROWS rows on, the import drops the name-search trigger and the row-seal trigger
    for its load, then indexes and seals the new rows in one pass each: every name is found, the
    FTS index passes its own integrity check, every seal verifies, both triggers are back exactly
    as they were (the seal trigger still temporary; a later small import is indexed and sealed by
    them), and a load that fails half-way leaves triggers, index and rows as they were."""
    from rentan_desktop.services import audit, audit_seal
    from rentan_desktop.storage import name_index_deferral

    monkeypatch.setattr(name_index_deferral, "MIN_ROWS", 10)
    monkeypatch.setattr(audit_seal, "BULK_SEAL_MIN_ROWS", 10)

    def seal_triggers() -> list[tuple[str, str]]:
        with ctx.db.raw_writer() as writer:
            return writer.execute(
                "SELECT 'temp', sql FROM sqlite_temp_master WHERE name = 'rentan_seal_insert' "
                "UNION ALL SELECT 'main', sql FROM sqlite_master WHERE name = 'rentan_seal_insert'"
            ).fetchall()

    seals_before = seal_triggers()
    assert [where for where, _sql in seals_before] == ["temp"]
    con = sqlite3.connect(ctx.db.path, isolation_level=None)  # autocommit: holds no lock
    trigger = "SELECT sql FROM sqlite_master WHERE name = 'registrant_fts_ai'"
    before = con.execute(trigger).fetchone()
    rows = []
    for i in range(30):
        row = GOOD.copy()
        row[0] = f"64080141019{i + 10:05d}"
        row[2] = f"SITI AMINAH {chr(65 + i % 26)}{chr(66 + i // 26)}Q"
        rows.append(row)
    good = fill(template, rows[:20], tmp_path / "good.xlsx")

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk gone")

    with monkeypatch.context() as m:  # the rows are inserted, then the audit write fails
        m.setattr(audit, "record_many", broken)
        with pytest.raises(RuntimeError):
            template_import.import_template(ctx, actor=admin, path=good)
    assert con.execute("SELECT count(*) FROM registrant").fetchone()[0] == 0
    assert con.execute(trigger).fetchone() == before
    assert seal_triggers() == seals_before

    report = template_import.import_template(ctx, actor=admin, path=good)
    assert report.saved == 20
    assert con.execute(trigger).fetchone() == before
    con.execute("INSERT INTO registrant_fts(registrant_fts, rank) VALUES ('integrity-check', 1)")
    for r in rows[:20]:
        found = con.execute(
            "SELECT r.nik FROM registrant_fts f JOIN registrant r ON r.id = f.rowid "
            "WHERE registrant_fts MATCH ?",
            (f'"{r[2].split()[-1]}"',),
        ).fetchall()
        assert found == [(r[0],)]
    # Below the thresholds the triggers index and seal each row: they are back and still work.
    monkeypatch.setattr(name_index_deferral, "MIN_ROWS", 1000)
    monkeypatch.setattr(audit_seal, "BULK_SEAL_MIN_ROWS", 1000)
    small = fill(template, rows[20:], tmp_path / "small.xlsx")
    assert template_import.import_template(ctx, actor=admin, path=small).saved == 10
    hits = con.execute(
        "SELECT count(*) FROM registrant_fts WHERE registrant_fts MATCH '\"AMINAH\"'"
    ).fetchone()
    assert hits[0] == 30
    assert seal_triggers() == seals_before
    with ctx.db.reader() as session:
        checked = audit_seal.verify(ctx.db.path, session)
    assert checked.ok and checked.rows == 30, checked
