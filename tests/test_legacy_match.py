"""Duplicate detection inside a legacy file and against registrants already stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rentan_desktop.io.legacy_read import read_sheet
from rentan_desktop.legacy import codes, resend
from rentan_desktop.legacy.check import (
    STATUS_ALREADY,
    STATUS_REFUSED,
    Existing,
    check_sheet,
    prepare,
)
from rentan_desktop.legacy.matching import (
    NAME_VARIANT,
    NIK_TYPO,
    SAME_NIK,
    Matcher,
    MatchRecord,
    clusters,
    name_key,
)
from test_legacy_helpers import kutim_regions, write_xlsx

B = date(1985, 3, 12)


def rec(i: str, nik: str | None, nama: str, birth: date | None = B) -> MatchRecord:
    return MatchRecord(i, nik, nama, birth)


def test_same_nik_clusters() -> None:
    found = clusters([rec("a", "6408041203850001", "BUDI"), rec("b", "6408041203850001", "BUDY")])
    assert len(found) == 1 and found[0].reasons == {SAME_NIK} and found[0].members == ["a", "b"]


def test_nik_typos_with_similar_names_cluster() -> None:
    base = "6408041203850001"
    typo = "6408041203850007"  # one digit
    swap = base[:7] + base[8] + base[7] + base[9:]  # adjacent swap across the block boundary
    recs = [
        rec("a", base, "BUDI SANTOSO"),
        rec("b", typo, "BUDI SANTOSA"),
        rec("c", swap, "BOEDI SANTOSO", None),  # birth date unreadable in that row
        rec("d", "6408041203850004", "BUDI SANTOSO", date(1990, 1, 1)),  # another man
    ]
    found = clusters(recs)
    assert len(found) == 1 and sorted(found[0].members) == ["a", "b", "c"]
    assert found[0].reasons == {NIK_TYPO}


def test_twins_one_serial_apart_are_not_duplicates() -> None:
    found = clusters(
        [rec("a", "6408041203850001", "HASAN"), rec("b", "6408041203850002", "HUSEIN")]
    )
    assert found == []


def test_spelling_variants_with_the_same_birth_date_cluster() -> None:
    recs = [
        rec("a", "6408041203850001", "MUHAMMAD NOOR"),
        rec("b", None, "Moh. Nur"),  # NIK damaged by the spreadsheet in this row
        rec("c", "6408041203850999", "SUTRISNO"),
        rec("d", "6408041203850291", "Muhamad Nur"),  # NIK two digits off: a typo too
    ]
    found = clusters(recs)
    assert len(found) == 1 and found[0].members == ["a", "b", "d"]
    assert found[0].reasons == {NAME_VARIANT}


def test_same_name_and_birth_date_with_distinct_valid_niks_are_different_people() -> None:
    recs = [rec("a", "6408041203850001", "MUHAMMAD NOOR"), rec("b", "6471021203850123", "Moh. Nur")]
    assert clusters(recs) == []


def test_name_key_folds_old_spelling() -> None:
    assert name_key("Soetjipto") == name_key("SUCIPTO")
    assert name_key("Djoko Tjahjono") == name_key("JOKO CAHYONO")


def test_same_name_different_birth_date_is_not_a_duplicate() -> None:
    recs = [
        rec("a", "6408041203850001", "SITI AMINAH"),
        rec("b", "6408045503900002", "SITI AMINAH", date(1990, 3, 15)),
    ]
    assert clusters(recs) == []


def _file(tmp_path: Path) -> Path:
    rows = [
        ["NIK", "NAMA", "TGL LAHIR", "JK", "DESA"],
        ["6408041203850001", "Budi Santoso", "12-03-1985", "L", "Swarga Bara"],
        ["6408041203850001", "Budi Santosa", "12-03-1985", "L", "Swarga Bara"],
        ["6408045503900002", "Siti Aminah", "15-03-1990", "P", "Singa Gembara"],
        ["6408042001800003", "Joko", "20-01-1980", "L", "Teluk Lingga"],
    ]
    return write_xlsx(tmp_path / "d.xlsx", rows)


def test_duplicates_within_file_and_against_the_database(tmp_path: Path) -> None:
    sheet = read_sheet(_file(tmp_path))
    header, mapping = prepare(sheet)
    existing = [
        Existing("u-1", "6408045503900002", "SITI AMINAH", date(1990, 3, 15)),
        Existing("u-2", "6408042001800004", "DJOKO", date(1980, 1, 20)),
    ]
    result = check_sheet(sheet, header, mapping, kutim_regions(), source_id="f", existing=existing)
    by_row = {r.number: r for r in result.rows}
    assert [i.code for i in by_row[2].issues] == []
    assert [i.code for i in by_row[3].issues] == [codes.DUP_NIK_FILE]
    assert by_row[2].cluster == by_row[3].cluster is not None
    # Siti is registered already (same NIK, same person): not a new person, nothing changed.
    assert [i.code for i in by_row[4].issues] == [resend.REGISTERED]
    assert result.status[by_row[4].key] == resend.STATUS_REGISTERED
    # Joko is DJOKO under a NIK one digit off: the same person, whose NIK the file gives otherwise.
    joko = by_row[5]
    assert [i.code for i in joko.issues] == [resend.CHANGED, resend.NIK_DIFFERS]
    assert result.status[joko.key] == resend.STATUS_CHANGED
    assert result.registered[joko.key].uuid == "u-2"
    assert set(result.registered[joko.key].changes) == {"nik", "nama"}  # DJOKO written JOKO
    assert {tuple(c.members) for c in result.clusters} == {("r0", "r1")}


def test_a_stored_nik_under_another_person_stays_a_conflict(tmp_path: Path) -> None:
    sheet = read_sheet(_file(tmp_path))
    header, mapping = prepare(sheet)
    existing = [Existing("u-7", "6408045503900002", "RINA WULANDARI", date(1990, 3, 15))]
    result = check_sheet(sheet, header, mapping, kutim_regions(), source_id="f", existing=existing)
    siti = {r.number: r for r in result.rows}[4]
    assert codes.DUP_NIK_DB in [i.code for i in siti.issues]
    assert result.status[siti.key] == STATUS_REFUSED and not result.registered


def test_rows_imported_before_do_not_match_their_own_registrant(tmp_path: Path) -> None:
    sheet = read_sheet(_file(tmp_path))
    header, mapping = prepare(sheet)
    first = check_sheet(sheet, header, mapping, kutim_regions(), source_id="f")
    siti = next(r for r in first.rows if r.values["nama"] == "SITI AMINAH")
    existing = [Existing("u-9", "6408045503900002", "SITI AMINAH", date(1990, 3, 15))]
    again = check_sheet(
        sheet,
        header,
        mapping,
        kutim_regions(),
        source_id="f",
        existing=existing,
        imported_before={siti.key: "u-9"},
    )
    row = next(r for r in again.rows if r.key == siti.key)
    assert again.status[row.key] == STATUS_ALREADY
    assert [i.code for i in row.issues] == [codes.ROW_ALREADY] and row.cluster is None


def test_progress_and_cancel(tmp_path: Path) -> None:
    import pytest

    from rentan_desktop.legacy.check import Cancelled

    sheet = read_sheet(_file(tmp_path))
    header, mapping = prepare(sheet)
    seen: list[tuple[int, int]] = []
    check_sheet(
        sheet,
        header,
        mapping,
        kutim_regions(),
        source_id="f",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (4, 4)
    with pytest.raises(Cancelled):
        check_sheet(sheet, header, mapping, kutim_regions(), source_id="f", cancelled=lambda: True)


def test_name_key_fast_path_agrees_with_the_domain_normaliser() -> None:
    from rentan_desktop.domain import names
    from rentan_desktop.legacy.matching import _fold

    for nama in (
        "H Muhammad Noor",
        "siti aminah",
        "MOH NUR BIN ALI",
        "Abd Rahman",
        "Drs Joko",
        "NUR SITI BINTI AHMAD",
        "Tjahjono",
    ):
        assert name_key(nama) == _fold(names.normalise(nama)), nama


def test_forked_cleaning_gives_the_same_rows_as_one_process(tmp_path: Path) -> None:
    from rentan_desktop.legacy.rows import RowCleaner
    from rentan_desktop.legacy.sheet_cleaning import Job, clean_rows

    sheet = read_sheet(_file(tmp_path))
    header, mapping = prepare(sheet)
    messy = ["6.40804E+15", "Andi", "31/02/1985", "X", "Desa Entah"]
    body = [*sheet.rows[header.data_start :], messy] * 40  # 200 rows, clean and messy
    cleaner = RowCleaner(mapping.field_columns(), kutim_regions())
    job = Job(body, header.data_start, "Data", None, [0, 1, 2, 3, 4], cleaner, "f")
    one = clean_rows(job, workers=1)
    two = clean_rows(job, workers=3)
    assert [(r.number, r.values, [(i.code, i.params) for i in r.issues]) for r in one] == [
        (r.number, r.values, [(i.code, i.params) for i in r.issues]) for r in two
    ]
    assert len(one) == 200 and any(r.issues for r in two)


def test_verdicts_shared_by_equal_content_are_the_scorers_own() -> None:
    """A re-sent list holds each registered person twice (row and record): the matcher scores a
    pair of equal content once. Every verdict must still be exactly what the scorer gives that
    pair, in the order asked."""
    import itertools

    from rentan_desktop.domain import match_score
    from rentan_desktop.legacy.matching import matcher_of

    people = [
        rec("a", "6408011203850002", "MUHAMMAD RIZKI"),
        rec("b", "6408011203850003", "MOH. RIZKI"),
        rec("c", "6408011203850002", "SITI AMINAH", date(1990, 1, 1)),
        rec("d", "6408015001900001", "SITI", date(1990, 1, 1)),
        rec("e", None, "BUDI SANTOSO", None),
    ]
    records = people + people  # every person twice, as a re-sent list against its database
    m = matcher_of(records)
    first_asked: dict[tuple[int, int], tuple[int, int]] = {}
    for a, b in itertools.permutations(range(len(records)), 2):
        first_asked.setdefault((min(a, b), max(a, b)), (a, b))
        x, y = first_asked[(min(a, b), max(a, b))]
        assert m.verdict(a, b) == match_score.score(m.who(x), m.who(y), m.freq), (a, b)
    assert len(m._by_content) < len(m.verdicts)  # equal content was scored once


def test_pairs_of_two_stored_registrants_are_not_looked_for() -> None:
    """A check against the database pairs file rows with each other and with stored registrants;
    two stored registrants alike are the duplicate workbench's business, never looked for here
    (a re-sent list against 150,000 records would otherwise score every such pair)."""
    base, typo, other = "6408041203850001", "6408041203850007", "6408041203850009"
    niks = [base, typo, base, typo, other, other]
    names = ["BUDI SANTOSO", "BUDI SANTOSA", "BUDI SANTOSO", "BUDI SANTOSA", "BOEDI SANTOSO",
             "BUDI SANTOSO"]  # fmt: skip
    births = [B, None, B, B, None, B]  # the row at 1 and the record at 4 have no birth date
    every = Matcher(niks, names, births).pairs()
    assert {(2, 3), (2, 4), (2, 5), (4, 5)} <= set(every)  # stored records alike among themselves
    rows_only = Matcher(niks, names, births, stored_from=2).pairs()
    assert rows_only == {p: why for p, why in every.items() if p[0] < 2}
    assert (0, 2) in rows_only and rows_only[(0, 2)] == SAME_NIK
    assert rows_only[(1, 3)] == SAME_NIK and (0, 5) in rows_only
    assert (0, 4) in rows_only  # a record without a birth date, one NIK digit from a row
