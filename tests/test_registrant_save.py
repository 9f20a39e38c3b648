"""The lean save path (plain SQL on the writer connection) keeps every rule of the ORM path."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, select
from tests.conftest import DESA_2, person

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import audit, registrants, setup
from rentan_desktop.services.context import AppContext, today_wita
from rentan_desktop.services.errors import ValidationFailed
from rentan_desktop.storage.models import Registrant, User


def scalar(ctx: AppContext, sql: str) -> object:
    con = sqlite3.connect(ctx.db.path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def codes(err: pytest.ExceptionInfo[ValidationFailed]) -> set[str]:
    return {i.code for i in err.value.errors}


def test_saved_record_is_stored_as_the_orm_would_store_it(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id, nama_ibu="")).registrant
    with ctx.db.reader() as session:
        stored = session.exec(select(Registrant).where(Registrant.uuid == row.uuid)).one()
        assert stored.model_dump() == row.model_dump()
    assert row.id is not None and row.version == 1 and row.periode == today_wita().year
    assert row.tanggal_lahir == date(1990, 1, 1) and row.created_at == row.updated_at
    assert row.created_by == row.updated_by == "admin" and row.origin_office == "640801"
    assert row.status == "draft" and row.nik_verifikasi == "belum" and row.kpj is None
    assert row.warnings == '["mother.missing"]'
    # Stored text has the formats every other reader expects (dates ISO, timestamps UTC with offset).
    assert scalar(ctx, "SELECT tanggal_lahir FROM registrant") == "1990-01-01"
    assert str(scalar(ctx, "SELECT created_at FROM registrant")).endswith("+00:00")


def test_returned_record_behaves_like_a_loaded_one(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    # A later session treats it as the stored row (an update, never a second insert).
    with ctx.db.writer() as session:
        session.add(row)
        row.notes = "dicek"
    assert scalar(ctx, "SELECT count(*) FROM registrant") == 1
    assert scalar(ctx, "SELECT notes FROM registrant") == "dicek"
    data = replace(registrants.to_input(row), rt="9")
    again = registrants.update(
        ctx, actor=admin, uuid=row.uuid, data=data, expected_version=row.version
    )
    assert again.registrant.rt == "009" and again.registrant.version == 2


def test_audit_chain_verifies_after_lean_and_orm_events(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    registrants.change_status(ctx, actor=admin, uuids=[a.uuid], new=Status.VERIFIED)
    b = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id,
            nik="6408014101900002",
            nama="Rina Wati",
            tanggal_lahir="01011991",
            desa_kode=DESA_2,
        ),
    ).registrant
    registrants.update(
        ctx,
        actor=admin,
        uuid=b.uuid,
        data=replace(registrants.to_input(b), alamat="Jl. Baru"),
        expected_version=1,
    )
    registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id, nik="6408014101900003", nama="Ani Lestari", tanggal_lahir="01011992"
        ),
    )
    with ctx.db.reader() as session:
        report = audit.verify_chain(session)
        assert report.ok, report
        head = audit.head(session)
    con = sqlite3.connect(ctx.db.path)
    rows = con.execute(
        "SELECT action, entity_uuid FROM audit_event WHERE entity='registrant' ORDER BY id"
    )
    assert [r[0] for r in rows] == [
        "registrant.create",
        "registrant.status",
        "registrant.create",
        "registrant.update",
        "registrant.create",
    ]
    assert (
        con.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()[0] == head
    )
    con.close()


def test_exact_duplicate_is_blocked_and_nothing_written(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    first = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    events = scalar(ctx, "SELECT count(*) FROM audit_event")
    with pytest.raises(ValidationFailed) as err:
        registrants.create(ctx, actor=admin, data=person(funder_id, nama="Siti Aminah Binti Ali"))
    block = [i for i in err.value.errors if i.code == "dup.exact"]
    assert (
        block and block[0].params["uuid"] == first.uuid and block[0].params["nama"] == "SITI AMINAH"
    )
    # The sentence names the desa, never its code.
    assert "(Senyiur)" in block[0].message("id") and "6408012001" not in block[0].message("id")
    assert scalar(ctx, "SELECT count(*) FROM registrant") == 1
    assert scalar(ctx, "SELECT count(*) FROM audit_event") == events
    # The writer is free again: the next good save goes through.
    registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
    )


def test_exact_duplicate_is_per_programme_period(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    ctx.set_setting("periode_aktif", 2031)
    other_year = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    assert other_year.periode == 2031
    with pytest.raises(ValidationFailed) as err:
        registrants.create(ctx, actor=admin, data=person(funder_id))
    assert "dup.exact" in codes(err)


def test_possible_duplicates_warn_and_dismissals_hold(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    # Same desa, a very similar name, another birth date and NIK: the desa rule finds it.
    saved = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id, nik="6408014102920005", nama="Sitti Aminah", tanggal_lahir="02021992"
        ),
    )
    assert [m.other.key for m in saved.possible] == [a.uuid]
    assert "Desa sama" in saved.possible[0].reason_text("id")
    assert "dup.possible" in saved.registrant.warnings
    detail = registrants.history(ctx, actor=admin, uuid=saved.registrant.uuid)[0]["detail"]
    assert detail["possible_duplicates"] == [a.uuid]
    registrants.dismiss_duplicate(
        ctx,
        actor=admin,
        uuid_a=saved.registrant.uuid,
        uuid_b=a.uuid,
        reason="Orang berbeda, dicek KTP",
    )
    assert registrants.duplicates_of(ctx, actor=admin, uuid=saved.registrant.uuid) == []
    assert registrants.duplicates_of(ctx, actor=admin, uuid=a.uuid) == []
    # An inactive record is no longer a candidate.
    registrants.change_status(
        ctx, actor=admin, uuids=[a.uuid], new=Status.INACTIVE, reason="pindah"
    )
    third = registrants.create(
        ctx,
        actor=admin,
        data=person(
            funder_id, nik="6408014103930006", nama="Siti Aminah", tanggal_lahir="03031993"
        ),
    )
    assert [m.other.key for m in third.possible] == [saved.registrant.uuid]


def test_funder_rule_change_applies_to_the_next_save(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    registrants.create(ctx, actor=admin, data=person(funder_id))
    kode = next(f.kode for f in setup.list_funders(ctx) if f.id == funder_id)
    setup.update_funder(ctx, actor=admin, kode=kode, usia_max=30)
    with pytest.raises(ValidationFailed) as err:
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
        )
    assert "age.out_of_range" in codes(err)
    setup.update_funder(ctx, actor=admin, kode=kode, usia_max=64, domisili_kab="6402")
    with pytest.raises(ValidationFailed) as err:
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik="6408014101900002", nama="Rina")
        )
    assert "domicile.outside" in codes(err)


def test_unknown_references_are_refused(ctx: AppContext, admin: User, funder_id: int) -> None:
    with pytest.raises(ValidationFailed) as err:
        registrants.create(ctx, actor=admin, data=person(funder_id + 99))
    assert "funder.missing" in codes(err)
    with pytest.raises(ValidationFailed) as err:
        registrants.create(
            ctx,
            actor=admin,
            data=person(funder_id, desa_kode="6408012999", pekerjaan_kode="ASTRONOT"),
        )
    assert {"desa.unknown", "pekerjaan.unknown"} <= codes(err)
    with pytest.raises(ValidationFailed) as err:  # a kecamatan code is no desa
        registrants.create(ctx, actor=admin, data=person(funder_id, desa_kode="640801"))
    assert "desa.invalid" in codes(err)
    assert scalar(ctx, "SELECT count(*) FROM registrant") == 0


def test_failed_audit_insert_rolls_the_whole_save_back(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    con = sqlite3.connect(ctx.db.path)
    con.execute(
        "CREATE TRIGGER t_refuse BEFORE INSERT ON audit_event BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    con.commit()
    events = con.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="full"):
        registrants.create(ctx, actor=admin, data=person(funder_id))
    assert con.execute("SELECT count(*) FROM registrant").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM registrant_fts").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM audit_event").fetchone()[0] == events
    con.execute("DROP TRIGGER t_refuse")
    con.commit()
    con.close()
    saved = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    assert scalar(ctx, "SELECT uuid FROM registrant") == saved.uuid


def test_save_inside_a_larger_transaction_commits_or_vanishes_with_it(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    with pytest.raises(RuntimeError, match="abandon"), ctx.db.writer() as session:
        registrants.create(ctx, actor=admin, data=person(funder_id), session=session)
        raise RuntimeError("abandon")
    assert scalar(ctx, "SELECT count(*) FROM registrant") == 0
    with ctx.db.writer() as session:
        joined = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
        second = registrants.create(
            ctx,
            actor=admin,
            session=session,
            data=person(funder_id, nik="6408014101900002", nama="Rina"),
        ).registrant
        assert session.exec(select(Registrant).where(Registrant.uuid == joined.uuid)).one()
    assert {joined.uuid, second.uuid} == {
        r[0] for r in sqlite3.connect(ctx.db.path).execute("SELECT uuid FROM registrant")
    }


def test_raw_writer_has_the_writer_durability(ctx: AppContext) -> None:
    with ctx.db.raw_writer() as con:
        assert con.in_transaction
        assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with ctx.db.raw_writer() as inner:  # joins rather than waiting for itself
            assert inner is con
        # The one pooled connection is taken: a session writer here would wait forever.
        with pytest.raises(RuntimeError, match="raw_writer"), ctx.db.writer():
            pass
    with ctx.db.writer() as session:
        assert isinstance(session, Session)


def test_candidate_shortcut_finds_what_scoring_every_candidate_finds(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    # Many records share the birth date (and the desa), so the name cut-off is exercised.
    spellings = [
        "Siti Aminah",
        "Siti Aminah S.Pd.",
        "Aminah Siti",
        "Sitti Aminah",
        "Siti Amina",
        "Rina Wati",
        "Budi Santoso",
        "Siti Rohani",
        "Nur Aminah",
        "Dewi Lestari",
        "Siti Nuraini",
        "Hj. Siti Aminah",
    ]
    for i, nama in enumerate(spellings):
        registrants.create(
            ctx, actor=admin, data=person(funder_id, nik=f"64080141019{i + 10:05d}"[:16], nama=nama)
        )
    probe = person(funder_id, nik="6408014101909999", nama="Siti Aminnah")
    found = registrants.check(ctx, actor=admin, data=probe)
    assert found.clean is not None
    from rentan_desktop.domain import duplicates

    con = sqlite3.connect(ctx.db.path)
    everyone = [
        duplicates.Person(
            key=u,
            nik=n,
            name_norm=nn,
            tanggal_lahir=date.fromisoformat(d),
            desa_kode=k,
            nama=nm,
            no_kk=kk,
            jenis_kelamin=sex,
            nama_ibu=ibu,
        )
        for u, n, nn, d, k, nm, kk, sex, ibu in con.execute(
            "SELECT uuid, nik, name_norm, tanggal_lahir, desa_kode, nama, no_kk, jenis_kelamin, nama_ibu "
            "FROM registrant"
        )
    ]
    con.close()
    assert len(everyone) > 8
    me = duplicates.Person(
        key="",
        nik=found.clean.nik,
        name_norm=found.clean.name_norm,
        tanggal_lahir=found.clean.tanggal_lahir,
        desa_kode=found.clean.desa_kode,
        nama=found.clean.nama,
        no_kk=found.clean.no_kk,
        jenis_kelamin=found.clean.jenis_kelamin,
        nama_ibu=found.clean.nama_ibu,
    )
    expected = duplicates.find(me, everyone)
    assert 3 <= len(expected) < len(everyone)
    assert sorted((m.other.key, m.score, m.reasons) for m in found.possible) == sorted(
        (m.other.key, m.score, m.reasons) for m in expected
    )


def test_saves_from_two_threads_share_the_one_writer(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    import threading

    from rentan_desktop.services import drafts

    errors: list[BaseException] = []

    def save(first: int) -> None:
        try:
            for i in range(first, first + 15):
                registrants.create(
                    ctx,
                    actor=admin,
                    data=person(funder_id, nik=f"640801410190{i:04d}", nama=f"Pekerja {i}"),
                )
                # The entry form's draft writer goes through a session writer meanwhile.
                drafts.save_fields(ctx, actor=admin, values={"nama": f"draf {i}"})
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(first,)) for first in (1, 101)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and scalar(ctx, "SELECT count(*) FROM registrant") == 30
    with ctx.db.reader() as session:
        assert audit.verify_chain(session).ok
