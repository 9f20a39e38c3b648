"""Keying back a returned RT list: codes, one key per row, statuses and audit, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.conftest import DESA
from tests.test_print_services import register_people

from rentan_desktop.services import registrants, rt_lists, rt_review
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.rt_review import Entry
from rentan_desktop.storage.models import User


def printed(ctx: AppContext, actor: User, funder_id: int, tmp_path: Path) -> tuple[str, list[str]]:
    uuids = register_people(ctx, actor, funder_id, 7)  # rows 1-5 are RT 003 (last two are RT 004)
    code = rt_lists.print_rt_list(
        ctx, actor=actor, desa_kode=DESA, rt=3, output=tmp_path / "rt.pdf"
    ).code
    return code, uuids


def status_of(ctx: AppContext, uuid: str) -> tuple[str, str, str]:
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute(
            "SELECT status, status_reason, notes FROM registrant WHERE uuid=?", (uuid,)
        ).fetchone()
    finally:
        con.close()


def test_list_codes_catch_typos() -> None:
    for _ in range(200):
        code = rt_review.new_list_code()
        assert rt_review.normalise_code(code) == code
        assert rt_review.normalise_code(code.lower().replace("-", " ")) == code
        body = code[3:].replace("-", "")
        for i in range(8):  # every single-character substitution is caught
            for other in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
                if other != body[i]:
                    typo = body[:i] + other + body[i + 1 :]
                    assert rt_review.normalise_code(typo) is None
    code = next(c for c in iter(rt_review.new_list_code, "") if "0" in c and "1" in c)
    assert rt_review.normalise_code(code.replace("0", "O").replace("1", "l")) == code


def test_keying_applies_statuses_notes_and_audit(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    code, uuids = printed(ctx, admin, funder_id, tmp_path)
    sheet = rt_review.open_sheet(ctx, actor=admin, code=code.lower())
    by_row = {r.no: r.uuid for r in sheet.rows}
    assert len(by_row) == 5 and all(r.nik_masked.count("*") == 12 for r in sheet.rows)
    result = rt_review.key_results(
        ctx,
        actor=admin,
        code=code,
        entries=[
            Entry(1, "1"),
            Entry(2, "2"),
            Entry(3, "3"),
            Entry(4, "4"),
            Entry(5, "5", "Nama seharusnya WARGA E SENTOSA BINTI ALI"),
        ],
    )
    assert result.refused == {} and result.complete
    assert result.applied == {
        1: "verified",
        2: "inactive",
        3: "inactive",
        4: "rejected",
        5: "noted",
    }
    assert status_of(ctx, by_row[1])[0] == "verified"
    assert status_of(ctx, by_row[2])[:2] == ("inactive", "pindah")
    assert status_of(ctx, by_row[3])[:2] == ("inactive", "meninggal")
    assert status_of(ctx, by_row[4])[0] == "rejected"
    status, _, notes = status_of(ctx, by_row[5])
    assert status == "draft" and "WARGA E SENTOSA BINTI ALI" in notes and code in notes
    actions = [h["action"] for h in registrants.history(ctx, actor=admin, uuid=by_row[2])]
    assert "registrant.status" in actions
    notes_history = registrants.history(ctx, actor=admin, uuid=by_row[5])
    assert any(h["action"] == "rt_review.correction" for h in notes_history)
    again = rt_review.open_sheet(ctx, actor=admin, code=code)
    assert again.status == "keyed" and [r.result for r in again.rows] == [
        "sesuai",
        "pindah",
        "meninggal",
        "bukan",
        "perbaikan",
    ]
    # Keying the same answers again changes nothing more.
    before = sqlite3.connect(ctx.db.path).execute("SELECT count(*) FROM audit_event").fetchone()
    rt_review.key_results(ctx, actor=admin, code=code, entries=[Entry(1, "1")])
    after = sqlite3.connect(ctx.db.path).execute("SELECT count(*) FROM audit_event").fetchone()
    assert after[0] == before[0] + 1  # only the keying summary event


@pytest.mark.parametrize(
    ("entries", "error"),
    [
        ([Entry(1, "1"), Entry(9, "1")], "rt.row_unknown"),
        ([Entry(1, "1"), Entry(2, "7")], "rt.key_unknown"),
        ([Entry(1, "1"), Entry(2, "5", "  ")], "rt.correction_required"),
    ],
)
def test_bad_input_changes_nothing(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path, entries: list[Entry], error: str
) -> None:
    code, uuids = printed(ctx, admin, funder_id, tmp_path)
    with pytest.raises(UserError) as err:
        rt_review.key_results(ctx, actor=admin, code=code, entries=entries)
    assert err.value.code == error
    assert all(status_of(ctx, u)[0] == "draft" for u in uuids)
    sheet = rt_review.open_sheet(ctx, actor=admin, code=code)
    assert all(r.result is None for r in sheet.rows)


def test_unknown_and_mistyped_codes(ctx: AppContext, admin: User) -> None:
    with pytest.raises(UserError) as err:
        rt_review.open_sheet(ctx, actor=admin, code="RT-1234-567")
    assert err.value.code == "rt.code_invalid"
    with pytest.raises(UserError) as err:
        rt_review.open_sheet(ctx, actor=admin, code=rt_review.new_list_code())
    assert err.value.code == "rt.list_unknown"


def test_operator_refused_row_changes_nothing(
    ctx: AppContext,
    admin: User,
    make_user,
    funder_id: int,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    code, _ = printed(ctx, admin, funder_id, tmp_path)
    clerk = make_user("operator")
    with pytest.raises(rt_review.RowsRefused) as err:
        rt_review.key_results(
            ctx, actor=clerk, code=code, entries=[Entry(1, "sesuai"), Entry(2, "meninggal")]
        )
    assert set(err.value.refused) == {2} and err.value.message("id").startswith(
        "Tidak ada yang disimpan: baris 2 ditolak"
    )
    sheet = rt_review.open_sheet(ctx, actor=clerk, code=code)
    # Nothing of the submission stays: not the refused row, not the allowed one beside it.
    assert [(r.result, r.status) for r in sheet.rows[:2]] == [(None, "draft"), (None, "draft")]
    assert sheet.status != "keyed"
    supervisor = make_user("supervisor")  # may deactivate: keys the same rows again
    result = rt_review.key_results(
        ctx, actor=supervisor, code=code, entries=[Entry(1, "1"), Entry(2, "3")]
    )
    assert result.applied == {1: "verified", 2: "inactive"} and not result.complete


def test_rt_choices_and_history(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    code, _ = printed(ctx, admin, funder_id, tmp_path)
    choices = rt_review.rt_choices(ctx, actor=admin, desa_kode=DESA)
    assert [(c.rt, c.rws, c.count) for c in choices] == [("003", ("001",), 5), ("004", ("001",), 2)]
    history = rt_review.recent_sheets(ctx, actor=admin)
    assert [(h.code, h.desa, h.rows, h.keyed, h.status) for h in history] == [
        (code, "Senyiur", 5, 0, "printed")
    ]
    rt_review.key_results(ctx, actor=admin, code=code, entries=[Entry(1, "1"), Entry(2, "1")])
    assert rt_review.recent_sheets(ctx, actor=admin, status="printed")[0].keyed == 2
    assert rt_review.recent_sheets(ctx, actor=admin, status="keyed") == []


def test_second_list_with_the_same_answer_is_not_refused(
    ctx: AppContext, admin: User, funder_id: int, tmp_path: Path
) -> None:
    first, _ = printed(ctx, admin, funder_id, tmp_path)
    second = rt_lists.print_rt_list(
        ctx, actor=admin, desa_kode=DESA, rt=3, output=tmp_path / "again.pdf"
    ).code
    person = rt_review.open_sheet(ctx, actor=admin, code=first).rows[0].uuid
    row_on_second = next(
        r.no for r in rt_review.open_sheet(ctx, actor=admin, code=second).rows if r.uuid == person
    )
    rt_review.key_results(ctx, actor=admin, code=first, entries=[Entry(1, "3")])
    result = rt_review.key_results(
        ctx, actor=admin, code=second, entries=[Entry(row_on_second, "4")]
    )
    assert result.refused == {} and result.applied == {row_on_second: "inactive"}
    assert status_of(ctx, person)[:2] == ("inactive", "meninggal")  # unchanged by the 2nd list
