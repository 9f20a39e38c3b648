"""The same services on both backends: a database file and a PostgreSQL server database.

Each test with the ``backend`` fixture runs twice (tests/conftest.py): once on a copy of the
session's database file, once on a server database copied from the same office moved onto the
session's PostgreSQL server. The regency of a batch round trip is parametrised the same way
(``kab_backend``): the coordinator office is the one that runs on a server. The last test has
real processes appending to one server database's audit chain at once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA, person, pg_office
from tests.test_batch_support import Link, add_verified, exchange

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import (
    audit_seal,
    auth,
    batch_import,
    batches,
    receipts,
    registrants,
    search,
)
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.search import Filters, Query
from rentan_desktop.storage.driver_sql import driver_of
from rentan_desktop.storage.models import User

kab_template, kab, kab_backend = support.kab_template, support.kab, support.kab_backend
ROOT = Path(__file__).resolve().parents[1]


def rows(ctx: AppContext, sql: str, *args: object) -> list[tuple[Any, ...]]:
    """``?`` SQL read on either backend (dates as ISO text, as SQLite keeps them)."""
    with ctx.db.reader() as session:
        return list(driver_of(session).execute(sql, args).fetchall())


def verified(ctx: AppContext) -> audit_seal.SealReport:
    with ctx.db.reader() as session:
        return audit_seal.verify(ctx.db.path, session)


@pytest.mark.usefixtures("backend")
def test_save_search_correct_and_verify(ctx: AppContext, admin: User, funder_id: int) -> None:
    saved = registrants.create(
        ctx, actor=admin, data=person(funder_id, nama="Siti Aminah Lestari")
    ).registrant
    other = registrants.create(
        ctx,
        actor=admin,
        data=person(funder_id, nik="6408014101900002", nama="Budi Santoso", jenis_kelamin="L"),
    ).registrant
    # Contains (FTS5 trigram / pg_trgm), prefix, NIK, masked NIK tail, filter: the same answers.
    for text, mode in (("AMINAH", "contains"), ("siti", "prefix"), ("6408014101900001", "auto")):
        page = search.search(ctx, actor=admin, query=Query(text=text, mode=mode))
        assert [r["uuid"] for r in page.rows] == [saved.uuid] and page.total == 1, text
    tail = search.search(ctx, actor=admin, query=Query(text="6408********0002"))
    assert [r["uuid"] for r in tail.rows] == [other.uuid]
    by_desa = search.search(ctx, actor=admin, query=Query(filters=Filters(desa=DESA)))
    assert by_desa.total == 2
    # A correction: a new version with the change in the trail; then a status change.
    fixed = registrants.update(
        ctx,
        actor=admin,
        uuid=saved.uuid,
        data=person(funder_id, nama="Siti Aminah Lestari", nama_ibu="Rahmah"),
        expected_version=1,
    ).registrant
    assert fixed.version == 2 and fixed.nama_ibu == "RAHMAH"
    assert not registrants.change_status(
        ctx, actor=admin, uuids=[saved.uuid, other.uuid], new=Status.VERIFIED
    ).refused
    assert rows(ctx, "SELECT status, tanggal_lahir FROM registrant WHERE uuid = ?", saved.uuid) == [
        ("verified", "1990-01-01")
    ]
    history = [e["action"] for e in registrants.history(ctx, actor=admin, uuid=saved.uuid)]
    assert history == ["registrant.create", "registrant.update", "registrant.status"]
    # Chain, every row's seal and the anchored head hold on both.
    report = verified(ctx)
    assert report.ok and report.rows == 2, report.message("en")


@pytest.mark.usefixtures("backend")
def test_a_row_changed_outside_the_app_breaks_its_seal(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    saved = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    assert verified(ctx).ok
    # Another program with write access (sqlite3 tool, psql) but without the audit key.
    if ctx.on_server:
        import psycopg

        with psycopg.connect(ctx.db.location.url) as con:  # type: ignore[union-attr]
            con.execute("UPDATE registrant SET nama = 'ORANG LAIN' WHERE uuid = %s", (saved.uuid,))
    else:
        import sqlite3

        con = sqlite3.connect(ctx.db.path)
        con.execute("UPDATE registrant SET nama = 'ORANG LAIN' WHERE uuid = ?", (saved.uuid,))
        con.commit()
        con.close()
    report = verified(ctx)
    assert not report.ok and report.message_code == "audit.rows_broken"
    assert report.params["uuid"] == saved.uuid


@pytest.mark.usefixtures("backend")
def test_legacy_commit_and_template_import(
    ctx: AppContext, admin: User, tmp_path: Path, funder_id: int
) -> None:
    from tests.test_legacy_helpers import write_xlsx
    from tests.test_legacy_import import ROWS
    from tests.test_template import GOOD, fill

    from rentan_desktop.services import legacy_import, template_import, templates

    legacy_file = write_xlsx(tmp_path / "desa.xlsx", ROWS)
    run = legacy_import.commit(ctx, actor=admin, path=legacy_file)
    assert run.totals()["imported"] == 2
    sql = "SELECT nik, nama, tanggal_lahir, rt, rw, origin_batch FROM registrant ORDER BY nik"
    assert rows(ctx, sql) == [
        (
            "6408011203850002",
            "BUDI SANTOSO",
            "1985-03-12",
            "004",
            "002",
            f"legacy:{run.import_uuid}",
        ),
        (
            "6408014101900001",
            "SITI AMINAH",
            "1990-01-01",
            "003",
            "001",
            f"legacy:{run.import_uuid}",
        ),
    ]
    again = legacy_import.commit(ctx, actor=admin, path=legacy_file)  # the same file again
    assert again.totals()["imported"] == 0 and again.totals()["already_imported"] == 2
    # A desa's filled template: one new person, one already registered (skipped).
    second = GOOD.copy()
    second[0:3] = ["6408011203850009", "", "AHMAD YANI"]
    second[4:6] = ["12-03-1985", "L"]
    template = templates.write_template(ctx, tmp_path / "template.xlsx")
    filled = fill(template, [GOOD, second], tmp_path / "filled.xlsx")
    report = template_import.import_template(ctx, actor=admin, path=filled)
    assert (report.saved, report.skipped, report.rejected) == (1, 1, 0), report.rows
    assert rows(ctx, "SELECT nama FROM registrant WHERE nik = ?", "6408011203850009") == [
        ("AHMAD YANI",)
    ]
    assert verified(ctx).ok


@pytest.fixture
def link_any(ctx: AppContext, admin: User, kab: AppContext, tmp_path: Path) -> Link:
    kab_any = kab
    kab_admin = auth.authenticate(kab_any, "admin", ADMIN_PASSWORD)
    usb = tmp_path / "usb"
    usb.mkdir()
    exchange(ctx, admin, kab_any, kab_admin, usb)
    from rentan_desktop.services import setup

    return Link(ctx, admin, kab_any, kab_admin, usb, setup.list_funders(ctx)[0].id or 0)


@pytest.mark.usefixtures("kab_backend")
def test_batch_round_trip_receipt_and_correction(link_any: Link) -> None:
    link = link_any
    uuids = add_verified(link.kec, link.kec_admin, link.funder_id, 3)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
    assert result.imported, result.report.messages("en")
    # The same records, field for field, on the regency's backend.
    fields = "uuid, nik, nama, tanggal_lahir, desa_kode, rt, version, origin_office, penghasilan"
    sql = f"SELECT {fields} FROM registrant ORDER BY uuid"
    assert rows(link.kab, sql) == rows(link.kec, sql)
    assert sorted(r[0] for r in rows(link.kab, sql)) == sorted(uuids)
    registrants.change_status(
        link.kab,
        actor=link.kab_admin,
        uuids=[uuids[2]],
        new=Status.RETURNED,
        reason="Foto KTP tidak terbaca",
    )
    made = receipts.make_receipt(
        link.kab, actor=link.kab_admin, batch=result.report.batch_id, folder=link.usb
    )
    assert made.counts == {"accepted": 2, "returned": 1}
    assert receipts.import_receipt(link.kec, actor=link.kec_admin, path=made.path).ok
    # A correction travels as a new version.
    registrants.update(
        link.kec,
        actor=link.kec_admin,
        uuid=uuids[0],
        data=person(link.funder_id, nik="6408014101900001", nama="Siti Aminah K", no_hp=None),
    )
    again = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    second = batch_import.import_batch(link.kab, actor=link.kab_admin, path=again.xlsx)
    assert second.imported, second.report.messages("en")
    assert rows(link.kab, "SELECT version FROM registrant WHERE uuid = ?", uuids[0]) == [(2,)]
    for office in (link.kec, link.kab):
        report = verified(office)
        assert report.ok, report.message("en")


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from tests.conftest import ADMIN_PASSWORD, person
    from rentan_desktop.services import auth, registrants, setup
    from rentan_desktop.services.context import AppContext

    url, local, first, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    ctx = AppContext.open(url, local_dir=local)
    admin = auth.authenticate(ctx, "admin", ADMIN_PASSWORD)
    funder = setup.list_funders(ctx)[0].id
    print("ready", flush=True)
    sys.stdin.readline()  # all writers start together
    for i in range(first, first + count):
        data = person(funder, nik=f"64080141019{i:05d}", nama=f"Pekerja Nomor {i}")
        registrants.create(ctx, actor=admin, data=data)
    ctx.close()
    print("done", flush=True)
    """
)


def test_concurrent_writers_never_fork_the_server_audit_chain(
    pg_server: Any, request: pytest.FixtureRequest, tmp_path: Path, rentan_bin: str
) -> None:
    xdg = tmp_path / "xdg"
    office = pg_office(request, xdg, "template_db")
    ctx = next(office)
    try:
        url, local = ctx.db.location.url, ctx.db.path.parent  # type: ignore[union-attr]
        before = rows(ctx, "SELECT count(*) FROM audit_event")[0][0]
        writers, per_writer = 4, 10
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WRITER,
                    url,
                    str(local),
                    str(100 + w * 100),
                    str(per_writer),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env=env,
            )
            for w in range(writers)
        ]
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            out, err = p.communicate(timeout=300)
            assert p.returncode == 0 and out.strip() == "done", err[-2000:]
        saves = writers * per_writer
        assert rows(ctx, "SELECT count(*) FROM registrant")[0][0] == saves
        events = rows(ctx, "SELECT count(*) FROM audit_event")[0][0]
        assert events >= before + saves
        # No two events chained onto the same head: the chain is one line, not a tree.
        assert rows(
            ctx,
            "SELECT count(*) FROM (SELECT prev_hash FROM audit_event GROUP BY prev_hash "
            "HAVING count(*) > 1) AS forks",
        ) == [(0,)]
        # And the writers really overlapped: their events interleave in the chain.
        niks = rows(
            ctx,
            "SELECT r.nik FROM audit_event e JOIN registrant r ON r.uuid = e.entity_uuid "
            "WHERE e.action = 'registrant.create' ORDER BY e.id",
        )
        writer_of = [(int(n[0][-5:]) - 100) // 100 for n in niks]
        assert len(writer_of) == saves
        switches = sum(a != b for a, b in zip(writer_of, writer_of[1:], strict=False))
        assert switches > writers - 1, writer_of
        # `rentan audit verify` on the server, as an administrator runs it.
        check = subprocess.run(
            [rentan_bin, "audit", "verify", "--db", url, "--user", "admin", "--json"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "XDG_DATA_HOME": str(xdg), "RENTAN_PASSWORD": ADMIN_PASSWORD},
        )
        assert check.returncode == 0, check.stderr
        found = json.loads(check.stdout)
        assert found["ok"] and found["events"] >= events, found  # the command's login too
        assert f"{saves} data penerima sesuai segelnya" in found["message"]
    finally:
        office.close()
    shutil.rmtree(xdg, ignore_errors=True)


@pytest.mark.usefixtures("backend")
def test_backup_now_on_either_backend(
    ctx: AppContext, admin: User, tmp_path: Path, funder_id: int
) -> None:
    from rentan_desktop.services import backups

    saved = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    backups.set_passphrase(ctx, actor=admin, passphrase="sandi-cadangan-kantor-1")
    run = backups.backup_now(ctx, actor=admin, to=tmp_path / "usb")
    assert run.ok and len(run.made) == 1
    made = run.made[0]
    assert made.encrypted and made.path.parent == tmp_path / "usb" and made.record_count == 1
    # Nothing personal in plaintext: the NIK and the name never appear in the file.
    data = made.path.read_bytes()
    assert saved.nik.encode() not in data and saved.nama.encode() not in data
    events = rows(ctx, "SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")
    assert events == [("backup.create",)]
