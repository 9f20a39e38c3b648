"""The duplicate scorer: variant table, name frequency, families and twins, explained clusters.

The workbook is written by hand the way a desa keeps a list of whole households: a title, a KK
column, a mother's-name column, one household under another, a signature under the table.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import openpyxl

from conftest import ADMIN_PASSWORD
from rentan_desktop.domain import match_score, names
from rentan_desktop.domain.match_score import NameFrequency, Who
from rentan_desktop.io.legacy_read import read_sheet
from rentan_desktop.legacy.check import check_sheet, prepare
from test_legacy_helpers import kutim_regions, write_xlsx

HEADER = ["NO", "NIK", "NO KK", "NAMA", "TGL LAHIR", "JK", "ALAMAT", "RT/RW", "DESA", "NAMA IBU"]
KK1, KK2, KK3 = "6408011203100001", "6408012507100002", "6408010105100003"
HOUSEHOLDS = [
    # Household 1: father and his son named after him (BIN), mother, twins, a younger sister.
    [
        "6408011203650001",
        KK1,
        "ABDUL RAHMAN",
        "12-03-1965",
        "L",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "SALMAH",
    ],
    [
        "6408015507680002",
        KK1,
        "HALIMAH",
        "15-07-1968",
        "P",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "MASNAH",
    ],
    [
        "6408010402900003",
        KK1,
        "ABDUL RAHMAN BIN ABDUL RAHMAN",
        "04-02-1990",
        "L",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "HALIMAH",
    ],
    [
        "6408011708950001",
        KK1,
        "HASAN BASRI",
        "17-08-1995",
        "L",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "HALIMAH",
    ],
    [
        "6408011708950002",
        KK1,
        "HUSEIN BASRI",
        "17-08-1995",
        "L",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "HALIMAH",
    ],
    [
        "6408016110990004",
        KK1,
        "SITI AMINAH BINTI ABDUL RAHMAN",
        "21-10-1999",
        "P",
        "JL. POROS 5",
        "003/001",
        "Senyiur",
        "HALIMAH",
    ],
    # Household 2: twin sisters whose names differ in one letter only, no KK typed for one.
    [
        "6408015003970005",
        KK2,
        "SRI WAHYUNI",
        "10-03-1997",
        "P",
        "JL. PASAR 2",
        "004/002",
        "Senyiur",
        "SUMIATI",
    ],
    [
        "6408015003970006",
        "",
        "SRI WAHYUDI",
        "10-03-1997",
        "P",
        "JL. PASAR 2",
        "004/002",
        "Senyiur",
        "SUMIATI",
    ],
    # Household 3: a man typed twice (variant spellings, NIK left empty the second time), and a
    # woman typed twice, the second time with her first name only and a NIK digit wrong.
    [
        "6408010101800007",
        KK3,
        "MUHAMMAD NUR HIDAYAT",
        "01-01-1980",
        "L",
        "JL. MASJID 1",
        "001/001",
        "Kelinjau Ilir",
        "AISYAH",
    ],
    [
        "6408014506850008",
        KK3,
        "SITI AMINAH",
        "05-06-1985",
        "P",
        "JL. MASJID 1",
        "001/001",
        "Kelinjau Ilir",
        "FATIMAH",
    ],
    [
        "",
        KK3,
        "H. MOH. NOER HIDAYAT",
        "01-01-1980",
        "L",
        "JL. MASJID 1",
        "001/001",
        "Kelinjau Ilir",
        "AISAH",
    ],
    [
        "6408014506850009",
        KK3,
        "SITI",
        "05-06-1985",
        "P",
        "JL. MASJID 1",
        "001/001",
        "Kelinjau Ilir",
        "FATIMAH",
    ],
]


def households(tmp_path: Path) -> Path:
    rows: list[list[object]] = [["DAFTAR PEKERJA RENTAN PER KK — DESA SENYIUR"], [], HEADER]
    rows += [[n, *r] for n, r in enumerate(HOUSEHOLDS, start=1)]
    rows += [[], ["", "", "", "Mengetahui, Kepala Desa"]]
    return write_xlsx(tmp_path / "per_kk.xlsx", rows)


def test_variant_table_is_data_in_resources() -> None:
    table = names.variants()
    assert table["MOH"] == table["M"] == table["MUHAMAD"] == "MUHAMMAD"
    assert table["SITTI"] == "SITI" and table["ABD"] == "ABDUL" and table["NOER"] == "NUR"
    assert names.normalise("H. Moh. Noer") == names.normalise("Muhammad Nur") == "MUHAMMAD NUR"


def test_common_names_weigh_less_than_rare_ones() -> None:
    data = ["SITI"] * 300 + ["SITI AMINAH"] * 50 + [f"ORANG {n}" for n in range(650)]
    data += ["KARTIKASARI"]
    freq = NameFrequency(data)
    born = date(1990, 1, 1)

    def weight(name: str) -> float:
        verdict = match_score.score(Who(None, name, born), Who(None, name, born), freq)
        return next(w for f, _lv, w in verdict.fields if f == "nama")

    assert weight("KARTIKASARI") > weight("SITI") + 4


def test_families_and_twins_are_not_clustered_variants_are(tmp_path: Path) -> None:
    sheet = read_sheet(households(tmp_path))
    header, mapping = prepare(sheet)
    result = check_sheet(sheet, header, mapping, kutim_regions(), source_id="kk")
    number = {f"r{i}": r.number for i, r in enumerate(result.rows)}
    found = {tuple(number[m] for m in c.members) for c in result.clusters}
    # Rows 4.. are the data: the man typed twice (12, 14) and the woman typed twice (13, 15).
    assert found == {(12, 14), (13, 15)}
    for c in result.clusters:
        ((_pair, verdict),) = c.scores.items()
        assert verdict.same and verdict.score >= match_score.THRESHOLD
        agreed = {f for f, _lv, _w in verdict.agreed()}
        assert {"kk", "tanggal_lahir", "nama"} <= agreed
        text = verdict.explain()
        assert text.startswith("skor ") and "cocok: " in text


def test_relatives_are_explained_as_relatives() -> None:
    born = date(1995, 8, 17)
    twins = match_score.score(
        Who("6408011708950001", "HASAN BASRI", born, KK1, "L"),
        Who("6408011708950002", "HUSEIN BASRI", born, KK1, "L"),
    )
    assert not twins.same and twins.family == "keluarga"
    assert "anggota keluarga" in twins.explain()
    no_kk = match_score.score(
        Who("6408015003970005", "SRI WAHYUNI", born), Who("6408015003970006", "SRI WAHYUDI", born)
    )
    assert not no_kk.same and no_kk.family == "kembar"


def test_cluster_explanations_in_json_and_report(
    rentan_bin: str, tmp_path: Path, db_path: Path
) -> None:
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    report = tmp_path / "laporan.xlsx"
    done = subprocess.run(
        [
            rentan_bin,
            "import-legacy",
            str(households(tmp_path)),
            "--db",
            str(db_path),
            "--user",
            "admin",
            "--pekerjaan",
            "NELAYAN",
            "--json",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    clusters = data["clusters"]
    assert len(clusters) == 2
    for c in clusters:
        (pair,) = c["pairs"]
        assert pair["same"] and pair["score"] == c["score"] >= match_score.THRESHOLD
        assert {a["field"] for a in pair["agreed"]} >= {"kk", "tanggal_lahir", "nama"}
        assert pair["a"].startswith("baris ") and "skor" in pair["explanation"]
    man = next(c for c in clusters if c["rows"] == [12, 14])
    assert "nama sama" in man["pairs"][0]["explanation"]  # MOH. NOER = MUHAMMAD NUR
    sheet = openpyxl.load_workbook(report, read_only=True)["Klaster"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][4:6] == ["SKOR", "RINCIAN"]
    assert all("cocok:" in str(r[5]) for r in rows[1:])


def test_the_name_precheck_never_drops_a_pair_the_scorer_would_call_the_same() -> None:
    """Saves test names first (``names_can_match``) and score only the pairs that pass; over many
    generated pairs that keeps exactly the pairs the full scorer calls the same."""
    import random

    from rentan_desktop.domain import duplicates
    from rentan_desktop.services import demo

    rng = random.Random(20)
    words = list(demo.FEMALE[:20]) + list(demo.MALE[:20]) + list(demo.SECOND[:20])
    variants = {"MUHAMMAD": "MOCH", "SITI": "SITTI", "NUR": "NOER", "RAHMAN": "RACHMAN"}

    def person(i: int) -> duplicates.Person:
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.3:
            name = " ".join(variants.get(w, w) for w in name.split())
        return duplicates.Person(
            key=f"u{i}",
            nik=f"6408014{rng.randint(1, 2)}019{rng.randint(0, 99999):05d}",
            name_norm=names.normalise(name),
            tanggal_lahir=date(1990, 1, rng.randint(1, 3)),
            desa_kode=rng.choice(["6408012001", "6408012002"]),
            nama=name,
            no_kk=rng.choice(["", "6408011203100001"]),
            jenis_kelamin=rng.choice("LP"),
            nama_ibu=rng.choice(["", "SALMAH", "SALMA"]),
        )

    people = [person(i) for i in range(160)]
    kept = same = 0
    for new in people[:40]:
        me = duplicates._who(new)
        for other in people:
            if other.key == new.key or other.nik == new.nik:
                continue
            full = match_score.score(me, duplicates._who(other)).same
            passes = match_score.names_can_match(me.name, match_score.key(other.name_norm))
            assert passes or not full, (new.nama, other.nama)
            same += full
            kept += passes
    assert same > 0 and kept < 40 * 159  # the test met duplicates, and the precheck drops pairs


def test_the_weight_bound_never_drops_a_pair_the_scorer_would_call_the_same() -> None:
    """``can_reach`` bounds a pair's weight without comparing the names word by word (imports and
    saves skip most of a block with it); over generated pairs near and far from the threshold,
    NIKs one or two digits apart, swapped birth dates, reordered mothers' names and a frequency
    table, a pair it drops is never one the full scorer calls the same."""
    import random

    from rentan_desktop.services import demo

    rng = random.Random(21)
    words = list(demo.FEMALE[:12]) + list(demo.MALE[:12]) + list(demo.SECOND[:12]) + ["KARTIKASARI"]
    base_nik = "6408014101900001"

    def nik() -> str:
        digits = list(base_nik)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 16])):
            digits[rng.randrange(16)] = str(rng.randrange(10))
        return "".join(digits)

    def who() -> match_score.Who:
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        mother = rng.choice(["", "SALMAH BINTI ALI", "ALI SALMAH BINTI", "SALMA BINTI ALI"])
        return match_score.Who(
            nik=rng.choice([nik(), nik(), None]),
            name=match_score.key(names.normalise(name)),
            birth=rng.choice(
                [None, date(1990, 1, 2), date(1990, 2, 1), date(1990, 1, 3), date(1971, 5, 6)]
            ),
            kk=rng.choice([None, "6408011203100001", "6408011203100002"]),
            sex=rng.choice([None, "L", "P"]),
            desa=rng.choice([None, "6408012001", "6408012002"]),
            mother=match_score.key(names.normalise(mother)) if mother else None,
        )

    people = [who() for _ in range(300)]
    freq = match_score.NameFrequency(p.name for p in people[:100])
    dropped = same = close = 0
    for a in people[:60]:
        for b in people:
            for table in (None, freq):
                verdict = match_score.score(a, b, table)
                reach = match_score.can_reach(a, b, table)
                assert reach or not verdict.same, (a, b, verdict.score)
                dropped += not reach
                same += verdict.same
                close += reach and not verdict.same and verdict.score >= match_score.THRESHOLD - 8
    assert same > 0 and close > 0 and dropped > 60 * 300  # the test met both sides of the bound
