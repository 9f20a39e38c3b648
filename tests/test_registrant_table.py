"""The registrant row's owner: one field list, derived columns, and the status gate every writer
passes (export marking, resync, BPJS result, receipts, batch import, the status menu)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest
from sqlmodel import select
from tests.conftest import person

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.registrant import INPUT_FIELDS, CleanRegistrant
from rentan_desktop.services import registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage import registrant_table as table
from rentan_desktop.storage.models import Registrant, User


def _row(db: Path, uuid: str) -> tuple[str, str, int | None, str | None]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT status, status_reason, sent_version, kpj FROM registrant WHERE uuid = ?",
            (uuid,),
        ).fetchone()
    finally:
        con.close()


@pytest.fixture
def saved(ctx: AppContext, admin: User, funder_id: int) -> str:
    return registrants.create(ctx, actor=admin, data=person(funder_id)).registrant.uuid


def test_fields_come_from_the_model_and_the_validated_record() -> None:
    assert tuple(c.name for c in Registrant.__table__.columns) == table.FIELDS  # type: ignore[attr-defined]
    entered = {f.name for f in fields(CleanRegistrant)} - {"name_norm", "warnings"}
    assert set(table.ENTERED) == entered
    assert registrants.EDITABLE == table.ENTERED
    assert set(table.ENTERED) == set(INPUT_FIELDS)  # what the form holds is what is stored
    row = table.new_row(
        {
            **{k: "x" for k in table.ENTERED},
            "nama": "  Siti   AMINAH ",
            "desa_kode": "6408012001",
            "uuid": "u",
            "periode": 2026,
            "created_by": "a",
            "created_at": "t",
            "updated_by": "a",
            "updated_at": "t",
        }
    )
    assert set(row) == set(table.ROW_FIELDS)
    assert row["kecamatan_kode"] == "640801" and row["name_norm"] == table.name_norm("Siti Aminah")
    assert row["status"] == "draft" and row["version"] == 1  # the model's defaults
    with pytest.raises(ValueError, match="missing"):
        table.new_row({"nama": "A", "desa_kode": "6408012001"})


def test_field_updates_never_write_the_status(ctx: AppContext, saved: str) -> None:
    with ctx.db.writer() as session:
        conn = session.connection()
        for key in ("status", "status_reason"):
            with pytest.raises(ValueError, match="set_status"):
                table.update_fields(conn, {key: "registered"}, uuid=saved)
        with pytest.raises(ValueError, match="set_status"):
            table.update_many(conn, ("status",), [("sent", 1)])
    assert _row(ctx.db.path, saved)[0] == "draft"


@pytest.mark.parametrize(
    ("path", "old", "new", "kwargs"),
    [
        # batches._mark_sent: only a ready record becomes sent; a draft never does.
        ("export", Status.DRAFT, Status.SENT, {}),
        # batch_resync: a sent record goes back to ready, a registered one does not.
        ("resync", Status.REGISTERED, Status.VERIFIED, {"document": True}),
        # bpjs.import_result: BPJS cannot register a draft.
        ("bpjs", Status.DRAFT, Status.REGISTERED, {"document": True}),
        # receipts._apply: a return needs its reason.
        ("receipt", Status.SENT, Status.RETURNED, {"document": True}),
        # batch_import: a rejected record is not accepted by a batch.
        ("batch import", Status.REJECTED, Status.ACCEPTED, {"document": True}),
    ],
)
def test_each_document_path_is_refused_an_illegal_move(
    ctx: AppContext, saved: str, path: str, old: Status, new: Status, kwargs: dict[str, bool]
) -> None:
    with ctx.db.writer() as session:  # put the record in ``old`` as the real flow would have
        session.connection().exec_driver_sql(
            "UPDATE registrant SET status = ? WHERE uuid = ?", (old.value, saved)
        )
    before = _row(ctx.db.path, saved)
    with pytest.raises(table.StatusRefused) as refused, ctx.db.writer() as session:
        conn = session.connection()
        if path in ("export", "resync"):  # the bulk setter these two use
            table.move_status(
                conn, old=old, new=new, rows=[(saved,)], by="uuid", actor="x", **kwargs
            )
        else:
            table.set_status(
                conn, uuid=saved, old=old, new=new, actor="x", fields={"kpj": "12"}, **kwargs
            )
    assert refused.value.code.startswith("status.")
    assert refused.value.message("id")  # one sentence in Bahasa Indonesia
    assert _row(ctx.db.path, saved) == before  # nothing written, the KPJ neither


def test_the_setter_moves_only_a_row_still_in_the_old_status(ctx: AppContext, saved: str) -> None:
    with ctx.db.writer() as session:
        conn = session.connection()
        # The row is a draft, not verified: a move from verified changes nothing.
        assert not table.set_status(conn, uuid=saved, old=Status.VERIFIED, new=Status.SENT)
        assert (
            table.move_status(
                conn, old=Status.VERIFIED, new=Status.SENT, rows=[(saved,)], by="uuid"
            )
            == 0
        )
        assert table.set_status(conn, uuid=saved, old=Status.DRAFT, new=Status.VERIFIED)
    assert _row(ctx.db.path, saved)[0] == "verified"


def test_document_moves_are_refused_to_a_person(ctx: AppContext, admin: User, saved: str) -> None:
    with ctx.db.writer() as session:
        session.connection().exec_driver_sql(
            "UPDATE registrant SET status = 'sent' WHERE uuid = ?", (saved,)
        )
    # A resync may return a sent record to verified; the status menu may not.
    result = registrants.change_status(ctx, actor=admin, uuids=[saved], new=Status.VERIFIED)
    assert result.changed == [] and saved in result.refused
    assert _row(ctx.db.path, saved)[0] == "sent"
    with pytest.raises(UserError), ctx.db.writer() as session:
        registrants.set_status_in(
            session, admin, registrants._load(session, saved), Status.REGISTERED
        )
    assert _row(ctx.db.path, saved)[0] == "sent"


def test_the_status_menu_writes_through_the_owner(ctx: AppContext, admin: User, saved: str) -> None:
    result = registrants.change_status(
        ctx, actor=admin, uuids=[saved], new=Status.INACTIVE, reason="pindah"
    )
    assert result.changed == [saved]
    assert _row(ctx.db.path, saved)[:2] == ("inactive", "pindah")
    with ctx.db.reader() as session:
        row = registrants._load(session, saved)
        assert row.status == "inactive" and row.updated_by == admin.username


def test_a_loaded_row_is_updated_through_the_owner(ctx: AppContext, saved: str) -> None:
    """``update_loaded`` writes the fields and the derived columns that follow them, and the ORM
    object shows them without a flush writing them again; the status stays out of reach."""
    with ctx.db.writer() as session:
        row = session.exec(select(Registrant).where(Registrant.uuid == saved)).one()
        table.update_loaded(session, row, {"nama": "  Siti   NURHALIZA ", "version": 2})
        assert row.name_norm == table.name_norm("Siti Nurhaliza")
        assert row.kecamatan_kode == row.desa_kode[:6] and row.version == 2
        assert not session.dirty  # nothing left for a flush to write twice
        with pytest.raises(ValueError, match="set_status"):
            table.update_loaded(session, row, {"status": "registered"})
    con = sqlite3.connect(ctx.db.path)
    try:
        stored = con.execute(
            "SELECT nama, name_norm, version, status FROM registrant WHERE uuid = ?", (saved,)
        ).fetchone()
    finally:
        con.close()
    assert stored == ("  Siti   NURHALIZA ", table.name_norm("Siti Nurhaliza"), 2, "draft")
