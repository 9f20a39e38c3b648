"""Two people doing the same thing at once: the first one's work stands, the second is told who.

Duplicate clusters and conflicts decided twice, a record corrected from a stale version, and a
second import of the same sending office while one runs in another process: each second attempt
is refused with one Indonesian sentence naming the first person, and changes nothing (row counts,
versions and the audit trail are compared before and after). The embedded database here; the
same code paths run against PostgreSQL in tests/test_concurrency_server.py.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, DESA_2, OFFICE_CODE, person
from tests.test_batch_support import Link, add_verified

from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.services import auth, batch_import, batches, conflicts, dedupe, registrants
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import User

kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures
kec2_template, kec2 = support.kec2_template, support.kec2


def counts(db: Path) -> dict[str, int]:
    """Rows of every table a decision, a correction or an import writes."""
    con = sqlite3.connect(db)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
            for t in (
                "registrant",
                "registrant_change",
                "duplicate_decision",
                "duplicate_dismissal",
                "batch_conflict",
                "batch_ledger",
            )
        } | {
            "versions": con.execute("SELECT sum(version) FROM registrant").fetchone()[0] or 0,
            # every event but the log-ins of the `rentan` commands themselves
            "audit_event": con.execute(
                "SELECT count(*) FROM audit_event WHERE action != 'auth.login'"
            ).fetchone()[0],
        }
    finally:
        con.close()


@pytest.fixture
def pair(ctx: AppContext, admin: User, funder_id: int) -> tuple[str, str]:
    """Siti Aminah keyed twice (one NIK digit wrong, another desa): one duplicate cluster."""
    a = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant.uuid
    b = registrants.create(
        ctx,
        actor=admin,
        data=person(funder_id, nik="6408014101900007", nama="Siti Aminah.", desa_kode=DESA_2),
    ).registrant.uuid
    return a, b


def second_supervisor(ctx: AppContext, admin: User) -> User:
    auth.create_user(
        ctx,
        actor=admin,
        username="rina",
        full_name="Rina Wati",
        role="supervisor",
        password=ADMIN_PASSWORD,
    )
    return auth.authenticate(ctx, "rina", ADMIN_PASSWORD)


@pytest.mark.parametrize("first, second", [("keep", "keep"), ("keep", "different"), ("different", "different"), ("different", "keep")])  # fmt: skip
def test_a_cluster_decided_twice_names_the_first_decider_and_changes_nothing(
    ctx: AppContext, admin: User, pair: tuple[str, str], db_path: Path, first: str, second: str
) -> None:
    a, b = pair
    rina = second_supervisor(ctx, admin)
    [cluster] = dedupe.find_clusters(ctx, actor=rina)  # both supervisors opened the same cluster
    dedupe.decide(
        ctx, actor=admin, uuids=cluster.members, decision=first, keep=a, reason="Sama orangnya"
    )
    before = counts(db_path)
    with pytest.raises(UserError) as refused:
        dedupe.decide(
            ctx, actor=rina, uuids=cluster.members, decision=second, keep=b, reason="Saya juga"
        )
    message = refused.value.message("id")
    assert message.startswith("Klaster data ganda ini sudah diputuskan oleh ")
    assert "Administrator (admin)" in message or "(admin)" in message
    assert " pada " in message and "tidak ada yang berubah" in message
    assert counts(db_path) == before
    # the cluster's key, as the list printed it to the second supervisor, names the decider too
    with pytest.raises(UserError) as again:
        dedupe.get_cluster(ctx, actor=rina, key=cluster.key)
    assert again.value.code == "concurrent.decided"


def test_a_conflict_decided_twice_names_the_first_decider(link: Link, kec2: AppContext) -> None:
    admin2 = auth.authenticate(kec2, "admin", ADMIN_PASSWORD)
    support.exchange(kec2, admin2, link.kab, link.kab_admin, link.usb)
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    from rentan_desktop.services import setup

    funder2 = setup.list_funders(kec2)[0].id
    moved = registrants.create(
        kec2,
        actor=admin2,
        data=person(
            funder2, nik="6408014101900001", nama="Budi Santoso B", desa_kode=support.KEC2_DESA
        ),
    ).registrant
    registrants.change_status(kec2, actor=admin2, uuids=[moved.uuid], new=Status.VERIFIED)
    done = batches.export_batch(kec2, actor=admin2, folder=link.usb)
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported
    rina = second_supervisor(link.kab, link.kab_admin)
    [view] = conflicts.list_conflicts(link.kab, actor=rina)  # both opened the same conflict
    conflicts.decide(
        link.kab,
        actor=link.kab_admin,
        conflict=view.uuid,
        choices={"alamat": "incoming"},
        reason="KTP baru",
    )
    before = counts(link.kab.db.path)
    with pytest.raises(UserError) as refused:
        conflicts.decide(
            link.kab, actor=rina, conflict=view.uuid, choices={"nama": "incoming"}, reason="Beda"
        )
    message = refused.value.message("id")
    assert message.startswith("Konflik ini sudah diputuskan oleh ") and "(admin)" in message
    assert counts(link.kab.db.path) == before


def test_a_correction_from_a_stale_version_is_refused_naming_who_changed_it(
    ctx: AppContext, admin: User, funder_id: int, db_path: Path
) -> None:
    row = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    rina = second_supervisor(ctx, admin)
    opened = registrants.to_input(row)  # two people opened version 1
    registrants.update(
        ctx, actor=rina, uuid=row.uuid, data=replace(opened, rt="7"), expected_version=1
    )
    before = counts(db_path)
    with pytest.raises(UserError) as refused:
        registrants.update(
            ctx, actor=admin, uuid=row.uuid, data=replace(opened, rw="4"), expected_version=1
        )
    message = refused.value.message("id")
    assert message.startswith("Data ini sudah diubah oleh Rina Wati (rina) pada ")
    assert "muat ulang" in message and "tidak ada yang berubah" in message
    assert counts(db_path) == before
    stored = registrants.get(ctx, actor=admin, uuid=row.uuid)
    assert (stored.rt, stored.rw, stored.version) == ("007", "001", 2)


def run_cli(rentan_bin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RENTAN_USER": "admin", "RENTAN_PASSWORD": ADMIN_PASSWORD}
    return subprocess.run(
        [rentan_bin, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_cli_edit_from_a_stale_version_and_a_second_cli_decision_are_one_sentence(
    ctx: AppContext, admin: User, pair: tuple[str, str], db_path: Path, rentan_bin: str
) -> None:
    a, _ = pair
    registrants.update(
        ctx,
        actor=admin,
        uuid=a,
        data=replace(registrants.to_input(registrants.get(ctx, actor=admin, uuid=a)), rt="8"),
        expected_version=1,
    )
    ctx.close()
    db = str(db_path)
    before = counts(db_path)
    stale = run_cli(rentan_bin, "edit", a, "--rw", "5", "--if-version", "1", "--db", db)
    assert stale.returncode == 1, stale.stdout
    [line] = stale.stderr.strip().splitlines()
    assert "sudah diubah oleh" in line and "muat ulang" in line and "Traceback" not in line
    assert counts(db_path) == before
    listed = run_cli(rentan_bin, "duplicates", "list", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    key = json.loads(listed.stdout)["clusters"][0]["key"]
    first = run_cli(
        rentan_bin, "duplicates", "decide", key, "--keep", "A", "--reason", "sama", "--db", db
    )
    assert first.returncode == 0, first.stderr
    before = counts(db_path)
    second = run_cli(
        rentan_bin, "duplicates", "decide", key, "--different", "--reason", "beda", "--db", db
    )
    assert second.returncode == 1
    [line] = second.stderr.strip().splitlines()
    assert "sudah diputuskan oleh" in line and "(admin)" in line
    assert counts(db_path) == before


HOLD = """
import sys, time
from pathlib import Path
from rentan_desktop.storage.claims import file_claim
with file_claim(Path(sys.argv[1]), sys.argv[2], sys.argv[3]):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our stdin
"""


def test_a_second_import_of_the_same_office_is_told_who_is_importing(link: Link) -> None:
    add_verified(link.kec, link.kec_admin, link.funder_id, 2)
    done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    kab_db = link.kab.db.path
    before = counts(kab_db)
    # Another process (a colleague's import) holds the claim on this sending office.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(kab_db), f"batch-import:{OFFICE_CODE}", "admin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
        assert not result.imported
        [issue] = result.errors
        message = issue.message("id")
        assert message.startswith("Batch dari Kec. Muara Ancalong sedang diimpor oleh ")
        assert "(admin)" in message and "Tidak ada yang berubah" in message
        assert counts(kab_db) == before
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    # once the other import ends, the same batch imports
    assert batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx).imported


def test_the_row_owner_never_overwrites_a_version_it_did_not_load(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    from sqlmodel import select

    from rentan_desktop.storage import registrant_table
    from rentan_desktop.storage.models import Registrant

    saved = registrants.create(ctx, actor=admin, data=person(funder_id)).registrant
    with pytest.raises(registrant_table.StaleRow) as refused, ctx.db.writer() as session:
        row = session.exec(select(Registrant).where(Registrant.uuid == saved.uuid)).one()
        # someone's correction lands after this row was loaded (here: in the same transaction)
        registrant_table.update_fields(
            session.connection(), {"version": 2, "updated_by": "rina"}, ident=row.id
        )
        registrant_table.update_loaded(session, row, {"alamat": "Jl. Lain", "version": 2})
    assert refused.value.message("id").startswith("Data ini sudah diubah oleh rina sejak dibuka")
    stored = registrants.get(ctx, actor=admin, uuid=saved.uuid)
    assert (stored.alamat, stored.version) == ("Jl. Poros No. 5", 1)  # rolled back whole
