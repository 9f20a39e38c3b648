"""The real-world list generator of the bench (issue 14's mistakes, free-text coded columns, dusun
labels, the signature block) checked through the service dry run: every planted mistake is reported
with one of its codes, clean rows get no error and no cluster, labels are skipped as labels. A small
list in the default suite keeps the generator and the detection figures of bench/RESULTS.md honest;
``python bench/bench_realworld.py`` runs the big ones."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rentan_desktop.services import legacy_import as li
from rentan_desktop.services import setup
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage.models import User

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from messy_generator import REALWORLD_PROBLEMS, generate_realworld  # noqa: E402


@pytest.mark.parametrize(("vocabulary", "layout"), [(0, 0), (1, 1)])
def test_every_planted_mistake_is_reported_and_clean_rows_are_not(
    ctx: AppContext, admin: User, tmp_path: Path, vocabulary: int, layout: int
) -> None:
    # The template office is a kecamatan; the generated list spans the regency, as a regency
    # office receives it.
    with ctx.db.writer() as session:
        con = session.connection().connection.driver_connection
        con.execute("UPDATE office SET kode = '6408', level = 'kabupaten'")  # type: ignore[union-attr]
    ctx.reload_office()
    assert setup.is_initialised(ctx)
    path = tmp_path / "daftar.xlsx"
    truth = generate_realworld(
        path, 700, seed=7 + layout, vocabulary=vocabulary, layout=layout, problem_rate=0.3
    )
    result = li.check(ctx, actor=admin, path=path).result
    by_row = {r.number: r for r in result.rows}
    missed = [
        (row, kind, sorted(i.code for i in by_row[row].issues))
        for row, kind in truth.problems.items()
        if not {i.code for i in by_row[row].issues} & REALWORLD_PROBLEMS[kind]
    ]
    assert missed == []
    assert set(truth.problems.values()) >= set(REALWORLD_PROBLEMS) - {"nik_tanggal_tertukar"}
    dup_rows = {x for a, b, _ in truth.duplicates for x in (a, b)}
    clean = [r for r in result.rows if r.number not in truth.problems and r.number not in dup_rows]
    assert [r.number for r in clean if not r.ok or r.cluster is not None] == []
    assert sum(1 for s in result.skipped if s.kind == "label") == truth.labels >= 1
    assert len(result.rows) == 700
