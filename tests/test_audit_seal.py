"""The audit trail against someone holding the database file: each tamper is caught by
``rentan audit verify`` (a real subprocess) and by the start-up check.

The attacker has the sqlite3 tool (here: Python's sqlite3 module, the same library) and the
source code, but not the audit key in the office key folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from tests import test_batch_support as support
from tests.conftest import ADMIN_PASSWORD, person
from tests.test_batch_support import Link, add_verified

from rentan_desktop.services import audit, audit_seal, batch_import, batches, privacy, registrants
from rentan_desktop.services.batch_verify import BATCH_AUDIT_REWOUND
from rentan_desktop.services.context import AppContext
from rentan_desktop.storage import migrate
from rentan_desktop.storage.models import User

EXIT_TAMPERED = 1  # rentan audit verify: 0 intact, 1 not


def cli_verify(rentan_bin: str, db: Path) -> tuple[int, dict[str, object]]:
    out = subprocess.run(
        [rentan_bin, "audit", "verify", "--db", str(db), "--user", "admin", "--json"],
        env={**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.stdout, out.stderr
    return out.returncode, json.loads(out.stdout)


def _people(ctx: AppContext, admin: User, funder_id: int, count: int) -> list[str]:
    return [
        registrants.create(
            ctx,
            actor=admin,
            data=person(funder_id, nik=f"640801410190{i:04d}", nama=f"Warga Nomor {chr(65 + i)}"),
        ).registrant.uuid
        for i in range(1, count + 1)
    ]


def _tool(path: Path) -> sqlite3.Connection:
    """The sqlite3 tool on the file: no app functions, no app triggers."""
    return sqlite3.connect(path, isolation_level=None)


@pytest.fixture
def filled(ctx: AppContext, admin: User, funder_id: int) -> list[str]:
    uuids = _people(ctx, admin, funder_id, 12)
    ctx.close()  # the attacker works on the file while the app is closed
    return uuids


def test_intact_database_verifies(filled: list[str], db_path: Path, rentan_bin: str) -> None:
    code, data = cli_verify(rentan_bin, db_path)
    assert code == 0 and data["ok"] is True
    assert "12 data penerima sesuai segelnya" in str(data["message"])


def test_name_edited_with_sqlite3_is_detected(
    filled: list[str], db_path: Path, rentan_bin: str
) -> None:
    con = _tool(db_path)
    con.execute("UPDATE registrant SET nama = 'ORANG LAIN' WHERE uuid = ?", (filled[3],))
    con.close()
    code, data = cli_verify(rentan_bin, db_path)
    assert code == EXIT_TAMPERED and data["ok"] is False
    assert "Data diubah di luar aplikasi" in str(data["message"])
    assert filled[3] in str(data["message"])
    # Re-computing the seal without the key does not help: a plain SHA-256 is not the HMAC.
    con = _tool(db_path)
    cols = [r[1] for r in con.execute("PRAGMA table_info(registrant)") if r[1] != "row_mac"]
    text = con.execute(
        f"SELECT json_array({', '.join(cols)}) FROM registrant WHERE uuid = ?", (filled[3],)
    ).fetchone()[0]
    con.execute(
        "UPDATE registrant SET row_mac = ? WHERE uuid = ?",
        (hashlib.sha256(text.encode()).hexdigest(), filled[3]),
    )
    con.close()
    assert cli_verify(rentan_bin, db_path)[0] == EXIT_TAMPERED


def test_deleting_the_last_ten_events_is_detected(
    filled: list[str], db_path: Path, rentan_bin: str
) -> None:
    con = _tool(db_path)
    con.execute("DROP TRIGGER audit_event_no_delete")
    last = con.execute("SELECT max(id) FROM audit_event").fetchone()[0]
    con.execute("DELETE FROM audit_event WHERE id > ?", (last - 10,))
    con.close()
    code, data = cli_verify(rentan_bin, db_path)
    assert code == EXIT_TAMPERED and "dipotong atau diganti" in str(data["message"])
    assert data["first_broken_id"] == last


def test_rewritten_and_rehashed_event_is_detected(
    filled: list[str], db_path: Path, rentan_bin: str
) -> None:
    """Rewrite one event and re-hash it and every later one, as the old unkeyed chain allowed."""
    con = _tool(db_path)
    con.execute("DROP TRIGGER audit_event_no_update")
    rows = con.execute(
        "SELECT id, ts, actor, action, entity, entity_uuid, detail, prev_hash "
        "FROM audit_event ORDER BY id"
    ).fetchall()
    target = rows[-5][0]
    prev = None
    for ident, ts, actor, action, entity, entity_uuid, detail, prev_hash in rows:
        if ident < target:
            continue
        if ident == target:
            actor = "mallory"
        prev_hash = prev or prev_hash
        digest = audit.event_hash(
            prev_hash, datetime.fromisoformat(ts), actor, action, entity, entity_uuid, detail
        )
        con.execute(
            "UPDATE audit_event SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (actor, prev_hash, digest, ident),
        )
        prev = digest
    con.close()
    code, data = cli_verify(rentan_bin, db_path)
    assert code == EXIT_TAMPERED and data["first_broken_id"] == target, data
    assert "Jejak audit rusak" in str(data["message"])


def test_a_forged_or_missing_anchor_is_detected(
    filled: list[str], db_path: Path, rentan_bin: str
) -> None:
    keys = db_path.parent / f"{db_path.stem}-keys"
    anchors = sorted(keys.glob("audit.anchor.*"))
    assert anchors
    doc = json.loads(anchors[0].read_text())
    doc["event_id"] = 1
    anchors[0].write_text(json.dumps(doc))
    code, data = cli_verify(rentan_bin, db_path)
    assert code == EXIT_TAMPERED and "dipalsukan" in str(data["message"])
    for path in anchors:
        path.unlink()
    code, data = cli_verify(rentan_bin, db_path)
    assert code == EXIT_TAMPERED and "jangkar" in str(data["message"]).lower()


def test_old_unkeyed_database_is_rekeyed_once_on_upgrade(
    tmp_path: Path, template_db: Path, rentan_bin: str
) -> None:
    """A database from before this version: plain SHA-256 chain, no seals, no audit key."""
    path = tmp_path / "lama.db"
    src, dst = sqlite3.connect(template_db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    con = _tool(path)
    # Take it back to the previous schema with a legacy chain: every event re-hashed unkeyed.
    con.execute("DROP TRIGGER audit_event_no_delete")
    con.execute("DELETE FROM audit_event")
    con.execute("ALTER TABLE registrant DROP COLUMN row_mac")
    con.execute("ALTER TABLE trusted_key DROP COLUMN encryption_key")  # revision 0012
    for table in ("double_key_diff", "double_key_item", "double_key_sample"):  # revision 0014
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE alembic_version SET version_num = '0010_duplicate_candidates'")
    prev = audit.GENESIS
    for n in range(3):
        ts = datetime.fromisoformat(f"2026-01-0{n + 1}T00:00:00+00:00")
        digest = audit.event_hash(prev, ts, "admin", "legacy.event", "office", None, "{}")
        con.execute(
            "INSERT INTO audit_event (ts, actor, action, entity, entity_uuid, detail, "
            "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
            (
                ts.isoformat(timespec="microseconds"),
                "admin",
                "legacy.event",
                "office",
                None,
                "{}",
                prev,
                digest,
            ),
        )
        prev = digest
    con.close()
    assert migrate.current_revision(path) == "0010_duplicate_candidates"
    ctx = AppContext.open(path)
    ctx.close()
    AppContext.open(path).close()  # a second open re-keys nothing more
    con = _tool(path)
    rekeys = con.execute(
        "SELECT actor, detail, prev_hash FROM audit_event WHERE action = 'audit.rekey'"
    ).fetchall()
    con.close()
    assert len(rekeys) == 1 and rekeys[0][0] == "sistem" and rekeys[0][2] == prev
    assert json.loads(rekeys[0][1])["previous_events"] == 3
    code, data = cli_verify(rentan_bin, path)
    assert code == 0, data
    # The legacy part is covered too: rewriting it (even re-hashed) breaks the keyed link.
    con = _tool(path)
    con.execute("DROP TRIGGER audit_event_no_update")
    ts = datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    forged = audit.event_hash(audit.GENESIS, ts, "mallory", "legacy.event", "office", None, "{}")
    con.execute(
        "UPDATE audit_event SET actor = 'mallory', hash = ? WHERE id = "
        "(SELECT min(id) FROM audit_event)",
        (forged,),
    )
    con.close()
    assert cli_verify(rentan_bin, path)[0] == EXIT_TAMPERED


def test_app_writes_keep_the_seals_and_the_check_stays_green(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    uuids = _people(ctx, admin, funder_id, 3)
    registrants.update(
        ctx,
        actor=admin,
        uuid=uuids[0],
        data=person(funder_id, nik="6408014101900001", nama="Nama Baru"),
    )
    assert privacy.check_audit(ctx).ok
    with ctx.db.reader() as session:
        report = audit_seal.verify(ctx.db.path, session)
    assert report.ok and report.rows == 3 and report.events >= 5


def test_bulk_events_are_keyed_without_a_statement_each_and_verify(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    # The writer connection carries the Python twin of rentan_mac: an import's events are keyed
    # without one SELECT rentan_mac(?) per event, and the chain they make still verifies.
    _people(ctx, admin, funder_id, 1)
    statements: list[str] = []
    with ctx.db.writer() as session:
        con = session.connection().connection.driver_connection
        assert con.rentan_mac is not None
        con.set_trace_callback(statements.append)
        try:
            audit.record_many(
                session,
                admin,
                "test.bulk",
                "registrant",
                [(f"uuid-{i}", {"row": i, "source": "daftar.xlsx"}) for i in range(50)],
            )
        finally:
            con.set_trace_callback(None)
    assert not [s for s in statements if "rentan_mac(" in s]
    assert sum("INSERT INTO audit_event" in s for s in statements) == 50
    with ctx.db.reader() as session:
        report = audit_seal.verify(ctx.db.path, session)
    assert report.ok and report.events >= 52


kab_template, kab, link = support.kab_template, support.kab, support.link  # shared fixtures


def test_sender_trail_cut_between_batches_is_flagged_at_import(link: Link) -> None:
    """The kecamatan deletes its newest audit events with the sqlite3 tool between two batches:
    the second batch's manifest carries an earlier audit position, and the regency is told."""
    add_verified(link.kec, link.kec_admin, link.funder_id, 1)
    first = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    imported = batch_import.import_batch(link.kab, actor=link.kab_admin, path=first.xlsx)
    assert imported.imported and not imported.warnings
    add_verified(link.kec, link.kec_admin, link.funder_id, 1, start=20)
    path = link.kec.db.path
    link.kec.close()
    con = _tool(path)
    con.execute("DROP TRIGGER audit_event_no_delete")
    con.execute("DELETE FROM audit_event WHERE id > (SELECT max(id) - 10 FROM audit_event)")
    con.close()
    link.kec = AppContext.open(path)
    second = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
    report = batch_import.verify_batch(link.kab, actor=link.kab_admin, path=second.xlsx)
    assert report.ok and [w.code for w in report.warnings] == [BATCH_AUDIT_REWOUND]
    assert "mundur" in report.warnings[0].message("id")
    result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=second.xlsx)
    assert result.imported and [w.code for w in result.warnings] == [BATCH_AUDIT_REWOUND]
    link.kec.close()


def test_intact_sender_moves_on_without_warnings(link: Link) -> None:
    for start in (1, 30, 60):
        add_verified(link.kec, link.kec_admin, link.funder_id, 1, start=start)
        done = batches.export_batch(link.kec, actor=link.kec_admin, folder=link.usb)
        result = batch_import.import_batch(link.kab, actor=link.kab_admin, path=done.xlsx)
        assert result.imported and not result.warnings


def test_verification_hears_batal(
    ctx: AppContext, admin: User, funder_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _people(ctx, admin, funder_id, 3)
    monkeypatch.setattr(audit, "CHECK_EVERY", 2)
    seen: list[int] = []

    def check() -> None:
        seen.append(1)
        if len(seen) == 2:
            raise KeyboardInterrupt("batal")  # what the GUI's JobControl.check does, in kind

    with pytest.raises(KeyboardInterrupt):
        privacy.verify_audit(ctx, actor=admin, check=check)
    assert len(seen) == 2


def test_an_anchor_forged_while_the_app_runs_is_never_overwritten(
    ctx: AppContext, admin: User, funder_id: int
) -> None:
    """Saves re-read the anchors only when a file changed since the app last wrote them; one
    forged between two saves (same size, its times set back) is still seen and kept as evidence."""
    _people(ctx, admin, funder_id, 2)
    keys = ctx.db.path.parent / f"{ctx.db.path.stem}-keys"
    anchors = sorted(keys.glob("audit.anchor.*"))
    assert len(anchors) == 2
    forged_path = anchors[0]
    before = forged_path.stat()
    doc = json.loads(forged_path.read_bytes())
    doc["event_id"] = int(doc["event_id"]) + 1000  # a head the trail never had
    body = json.dumps(doc).encode().ljust(before.st_size)
    forged_path.write_bytes(body)
    os.utime(forged_path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime set back
    for i in range(3):  # both slots would be written by now, were the forgery not seen
        registrants.create(
            ctx,
            actor=admin,
            data=person(
                funder_id, nik=f"640801410190{50 + i:04d}", nama=f"Warga Sesudah {chr(65 + i)}"
            ),
        )
    assert forged_path.read_bytes() == body
    with ctx.db.reader() as session:
        report = audit_seal.verify(ctx.db.path, session)
    assert not report.ok and report.message_code == "audit.anchor_forged"


def test_a_later_head_anchored_by_another_process_is_respected(
    ctx: AppContext, admin: User, funder_id: int, db_path: Path, rentan_bin: str
) -> None:
    _people(ctx, admin, funder_id, 1)  # this process has anchored its head
    env = {**os.environ, "RENTAN_PASSWORD": ADMIN_PASSWORD}
    subprocess.run(
        [rentan_bin, "demo", "--db", str(db_path), "--user", "admin", "--count", "3"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    registrants.create(
        ctx, actor=admin, data=person(funder_id, nik="6408014101900077", nama="Warga Terakhir")
    )
    with ctx.db.reader() as session:
        report = audit_seal.verify(ctx.db.path, session)
    assert report.ok, report.message()
    head = ctx.db.raw_reader().execute("SELECT max(id) FROM audit_event").fetchone()[0]
    anchored = [a for a in audit_seal.anchor_for(ctx.db.path).read() if a is not None]
    assert max(a[0] for a in anchored) == head
