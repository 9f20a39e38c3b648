"""The detail view shows NIK and KK masked; a full number appears only after an audited reveal."""

from __future__ import annotations

import dataclasses
import sqlite3

from tests.conftest import person

from rentan_desktop.gui.context import GuiContext
from rentan_desktop.gui.registrants.detail import RegistrantDetail
from rentan_desktop.services import audit, registrants
from rentan_desktop.services.lookups import list_names

NIK = "6408014101900001"
KK = "6408010101200003"


def _detail(qtbot, gui: GuiContext) -> RegistrantDetail:  # type: ignore[no-untyped-def]
    view = RegistrantDetail(gui, list_names(gui.ctx))
    qtbot.addWidget(view)
    view.show()
    return view


def _reveals(gui: GuiContext) -> list[tuple[str, str]]:
    con = sqlite3.connect(gui.ctx.db.path)
    try:
        return con.execute(
            "SELECT actor, entity_uuid FROM audit_event WHERE action = 'nik.reveal'"
        ).fetchall()
    finally:
        con.close()


def test_full_nik_only_after_recorded_reveal(qtbot, gui_ctx: GuiContext, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    uuid = registrants.create(
        gui_ctx.ctx,
        actor=gui_ctx.user,
        data=person(funder_id, nik=NIK, no_kk=KK, nama="Siti Aminah"),
    ).registrant.uuid
    view = _detail(qtbot, gui_ctx)
    view.show_record(uuid)
    assert view.identity_labels["nik"].text() == "************0001"
    assert view.identity_labels["no_kk"].text() == "************0003"
    assert view.reveal_button.isVisible() and view.reveal_button.isEnabled()
    assert _reveals(gui_ctx) == []

    view.reveal_button.click()
    assert view.identity_labels["nik"].text() == NIK
    assert view.identity_labels["no_kk"].text() == KK
    assert not view.reveal_button.isEnabled()
    assert _reveals(gui_ctx) == [("admin", uuid)]
    last = view.history.rowCount() - 1
    assert view.history.item(last, 2).text() == "NIK lengkap dilihat"
    with gui_ctx.ctx.db.reader() as session:
        assert audit.verify_chain(session).ok

    other = registrants.create(
        gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id, nik="6408010202850003", nama="Budi Santoso",
                                                     tanggal_lahir="02021985", jenis_kelamin="L"),
    ).registrant.uuid  # fmt: skip
    view.show_record(other)  # another record starts masked again
    assert view.identity_labels["nik"].text() == "************0003"
    assert view.reveal_button.isEnabled()


def test_corrected_nik_is_masked_in_history(qtbot, gui_ctx: GuiContext, funder_id: int) -> None:  # type: ignore[no-untyped-def]
    row = registrants.create(
        gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id, nik=NIK, nama="Siti Aminah")
    ).registrant
    data = dataclasses.replace(registrants.to_input(row), nik="6408014101900002")
    registrants.update(
        gui_ctx.ctx, actor=gui_ctx.user, uuid=row.uuid, data=data, expected_version=row.version
    )
    view = _detail(qtbot, gui_ctx)
    view.show_record(row.uuid)
    text = view.history.item(view.history.rowCount() - 1, 3).text()
    assert "************0001 → ************0002" in text
    assert NIK not in text
    view.reveal_button.click()
    text = view.history.item(
        view.history.rowCount() - 2, 3
    ).text()  # the correction, before the reveal
    assert f"{NIK} → 6408014101900002" in text


def test_operator_has_no_reveal(
    qtbot, make_gui_ctx, make_user, gui_ctx: GuiContext, funder_id: int
) -> None:  # type: ignore[no-untyped-def]
    uuid = registrants.create(
        gui_ctx.ctx, actor=gui_ctx.user, data=person(funder_id, nik=NIK, nama="Siti Aminah")
    ).registrant.uuid
    view = _detail(qtbot, make_gui_ctx(make_user("operator")))
    view.show_record(uuid)
    assert not view.reveal_button.isVisible()
    assert view.identity_labels["nik"].text() == "************0001"
