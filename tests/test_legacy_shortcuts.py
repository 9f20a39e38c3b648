"""The big-file shortcuts of the legacy check give exactly what the full rules give.

A 150,000-row check memoises repeated cells, reads plain phone numbers and NIKs without the full
parsers, splits TTL cells without a regex and finds NIK typos by looking up neighbours; each of
these is compared here with the slow, plain rule it stands in for.
"""

from __future__ import annotations

import gc
import random
from datetime import date

import pytest
from rapidfuzz.distance import OSA

from rentan_desktop.domain import phone
from rentan_desktop.legacy import cleaning as cl
from rentan_desktop.legacy.check import check_sheet, prepare
from rentan_desktop.legacy.matching import NIK_TYPO, Matcher, index_pairs
from rentan_desktop.legacy.rows import RowCleaner
from rentan_desktop.legacy.table import SheetData
from test_legacy_helpers import kutim_regions

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "cell",
    [
        "081234567890",
        " 0812-3456-7890 ",
        "+62 812 3456 7890",
        "6281234567890",
        "(0812) 3456.7890",
        "812345678",
        "0",
        "-",
        "--",
        "",
        "12345",
        "0812",
        "08123456789012345",
        "08123456789012",  # one digit too many
        "+62 8123 4567 89012",
        "08123456",  # one digit too few
        "0712345678",
        "0812 / 0813 4567 890",
        "0812-3456-7890 atau 0813",
        "tidak ada",
        "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19",  # fullwidth digits
        "0812\u00a03456\u00a07890",  # no-break spaces
    ],
)
def test_plain_phone_shortcut_agrees_with_the_phone_rule(cell: str) -> None:
    got = cl.plain_phone(cell.strip())
    full, found = phone.parse(cell)
    if got is not None:  # the shortcut only answers for numbers the full rule accepts as they are
        assert (got, []) == (full, found)
    assert cl.clean_phone(cell)[0] == full


def _nik_cases() -> list[tuple[object, date | None, str | None]]:
    born = date(1985, 3, 12)
    return [
        ("6408041203850001", born, "L"),
        ("6408041203850001", None, None),
        (" '6408041203850001 ", born, None),
        ("6408045203850001", born, "P"),
        ("6408041203850001", born, "P"),  # sex differs
        ("6408041203850001", date(1985, 3, 13), "L"),  # birth date differs
        ("6408041203850000", born, "L"),
        ("6408040000000000", None, None),  # serial 0000
        ("6408043102850001", None, None),  # 31 February
        ("6408041213850001", None, None),  # month 13
        ("9908041203850001", None, None),  # unknown province
        ("6499041203850001", None, None),  # not a current kecamatan
        ("6.40804E+15", None, None),
        (6408041203850001.0, None, None),
        ("640804120385000", None, None),
        ("", None, None),
        (None, None, None),
        ("6408 0412 0385 0001", born, "L"),
    ]


@pytest.mark.parametrize(("cell", "birth", "sex"), _nik_cases())
def test_nik_cleaner_agrees_with_clean_nik(
    cell: object, birth: date | None, sex: str | None
) -> None:
    value, found = cl.NikCleaner(TODAY)(cell, birth, sex)
    expected = cl.clean_nik(cell, birth=birth, sex=sex, today=TODAY)
    assert (value, list(found)) == expected


@pytest.mark.parametrize(
    "ttl",
    [
        "SANGATTA, 12-03-1985",
        "Sangatta,12 Maret 1985",
        "  BONTANG , 12/03/85  ",
        "SANGATTA 12-03-1985",
        "KAMPUNG A, DESA B, 12.03.1985",
        ", 12-03-1985",
        "SANGATTA,",
        "SANGATTA, 31/02/1985",
        "SANGATTA, 03/25/1985",
        "SANGATTA, 12-03-1900",
        "SANGATTA / 12-03-1985",
        "SANGATTA, tidak tahu",
        "",
    ],
)
def test_ttl_shortcut_agrees_with_split_then_clean(ttl: str) -> None:
    cleaner = RowCleaner({"nik": 0, "nama": 1, "ttl": 2}, kutim_regions(), today=TODAY)
    got = cleaner.clean(["", "BUDI", ttl], 7, "k")
    place, when = cl.split_ttl(ttl, TODAY)
    want_place, place_issues = cl.clean_place(place)
    want_date, date_issues = cl.clean_date(when, today=TODAY)
    assert got.values["tempat_lahir"] == want_place
    assert got.values["tanggal_lahir"] == want_date
    codes = [i.code for i in got.issues if i.field in ("tempat_lahir", "tanggal_lahir")]
    assert codes == [i.code for i in [*place_issues, *date_issues]]


def test_memoised_cleaning_gives_each_row_what_a_fresh_cleaner_gives() -> None:
    columns = {"nik": 0, "nama": 1, "ttl": 2, "jenis_kelamin": 3, "rt_rw": 4, "desa": 5}
    rows = [
        [
            "6408041203850001",
            "budi  santoso",
            "SANGATTA, 12-03-1985",
            "L",
            "003/002",
            "Desa Swarga Bara",
        ],
        ["6408045203850002", "Siti 1", "SANGATTA, 12-03-1985", "LK", "3 / 2", "swarga bara"],
        ["6408041203850003", "budi  santoso", "BONTANG, 31/02/1985", "X", "dekat masjid", "Entah"],
        ["", "", "SANGATTA, 12-03-1985", "P", "003/002", ""],
    ]
    shared = RowCleaner(columns, kutim_regions(), today=TODAY)
    for n, row in enumerate(rows * 3):
        fresh = RowCleaner(columns, kutim_regions(), today=TODAY).clean(row, n, "k")
        again = shared.clean(row, n, "k")
        assert (again.values, again.raw, again.issues, again.nik_digits) == (
            fresh.values,
            fresh.raw,
            fresh.issues,
            fresh.nik_digits,
        )


def test_short_rows_read_missing_cells_as_empty() -> None:
    cleaner = RowCleaner({"nik": 0, "nama": 1, "no_hp": 5}, kutim_regions(), today=TODAY)
    row = cleaner.clean(["6408041203850001", "BUDI"], 9, "k")
    assert row.raw == {"nik": "6408041203850001", "nama": "BUDI", "no_hp": ""}
    assert row.values["no_hp"] is None and row.values["nama"] == "BUDI"


def _brute_force_typos(
    niks: list[str | None], names: list[str], births: list[date | None]
) -> set[tuple[int, int]]:
    """Pairs the typo rule must find for rows without a birth date, by comparing every pair: one
    typo apart, and the scorer calls them one person."""
    matcher = Matcher(niks, names, births)
    keys = matcher.keys
    out = set()
    for a, na in enumerate(niks):
        if births[a] is not None or not na or len(na) != 16 or not keys[a]:
            continue
        for b, nb in enumerate(niks):
            if b == a or not nb or len(nb) != 16 or nb == na:
                continue
            if OSA.distance(na, nb) == 1 and matcher.verdict(a, b).same:
                out.add((min(a, b), max(a, b)))
    return out


def test_nik_typo_lookup_finds_what_comparing_every_pair_finds() -> None:
    rnd = random.Random(3)
    base = [
        f"640804{rnd.randint(10, 28):02d}0{rnd.randint(1, 9)}85{rnd.randint(1, 9):04d}"
        for _ in range(60)
    ]
    niks: list[str | None] = []
    for nik in base:
        niks.append(nik)
        p = rnd.randrange(16)
        niks.append(nik[:p] + str((int(nik[p]) + 1) % 10) + nik[p + 1 :])  # one digit wrong
        q = rnd.randrange(15)
        niks.append(nik[:q] + nik[q + 1] + nik[q] + nik[q + 2 :])  # two digits swapped
        niks.append(nik[:3] + "99" + nik[5:])  # two digits wrong: not a typo
    # Varied names (the scorer weighs a name by how common it is here), each person's typo rows
    # under the same name or a spelling variant of it, sometimes another person's.
    first = ["BUDI", "SITI", "AGUS", "RINA", "JOKO", "DEWI", "HENDRA", "YANTI", "RUDI", "TUTI"]
    last = ["SANTOSO", "AMINAH", "SALIM", "WIBOWO", "LUBIS", "HAKIM", "RAHAYU", "SIREGAR"]
    people = rnd.sample([f"{f} {x}" for f in first for x in last], len(base))
    names = []
    for own in people:
        for _ in range(4):
            names.append(rnd.choice([own, own, own.replace("U", "OE"), rnd.choice(people)]))
    births = [None if i % 2 else date(1985, 3, 12) for i in range(len(niks))]
    found = index_pairs(niks, names, births)
    typos = {pair for pair, why in found.items() if why == NIK_TYPO}
    # Rows with a birth date meet their typos in the birth-date blocks instead; only the rule for
    # rows without one is compared here.
    no_birth = {p for p in typos if births[p[0]] is None or births[p[1]] is None}
    expected = _brute_force_typos(niks, names, births)
    assert len(expected) > 20 and no_birth == expected


def test_check_leaves_the_collector_as_it_found_it() -> None:
    sheet = SheetData(
        "Data",
        [
            ["NIK", "NAMA", "TTL", "DESA"],
            ["6408041203850001", "BUDI", "SANGATTA, 12-03-1985", "Sangatta Utara"],
        ],
    )
    header, mapping = prepare(sheet)
    frozen = gc.get_freeze_count()  # the desktop app freezes its start-up objects: kept frozen
    assert gc.isenabled()
    check_sheet(sheet, header, mapping, kutim_regions(), source_id="s", today=TODAY)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        check_sheet(sheet, header, mapping, kutim_regions(), source_id="s", today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_cleaner_and_its_memos_are_freed_without_the_collector() -> None:
    import weakref

    cleaner = RowCleaner({"nik": 0, "nama": 1, "ttl": 2, "desa": 3}, kutim_regions(), today=TODAY)
    cleaner.clean(["6408041203850001", "BUDI", "SANGATTA, 12-03-1985", "Sangatta Utara"], 1, "k")
    gone = weakref.ref(cleaner._where)
    was_enabled = gc.isenabled()
    gc.disable()  # only reference counting: a cycle would keep a file's memos alive
    try:
        del cleaner
        assert gone() is None
    finally:
        if was_enabled:
            gc.enable()
