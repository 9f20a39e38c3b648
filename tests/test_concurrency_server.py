"""The locks of tests/test_concurrency_locks.py on a real PostgreSQL server (tests/pg_server.py).

A claim (one import per sending office) held by another process is refused at once with the
holder's name and start time, and freed when that process ends, even killed; rows read for a
change (``concurrent.locked``) make a second transaction wait for the first one's commit and then
read what it wrote, where a plain read would have seen the old value.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from rentan_desktop.services import concurrent
from rentan_desktop.storage.claims import ClaimHeld
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.models import Setting
from rentan_desktop.storage.server import ServerDatabase, open_server_database

HOLD = """
import sys
from rentan_desktop.storage.claims import server_claim
from rentan_desktop.storage.location import ServerLocation
from rentan_desktop.storage.server import server_engine
engine = server_engine(ServerLocation(sys.argv[1]), pooled=False)
with server_claim(engine, sys.argv[2], sys.argv[3]):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our stdin (or kills us)
"""


@pytest.fixture
def server_db(pg_head_url: str, tmp_path: Path) -> Iterator[ServerDatabase]:
    # This PC's folder for the server database in the test's own folder, not the user's.
    db = open_server_database(ServerLocation(pg_head_url), local_dir=tmp_path / "local")
    yield db
    db.close()


def hold(url: str, name: str, holder: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, url, name, holder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


@pytest.mark.parametrize("ending", ["release", "kill"])
def test_a_claim_held_by_another_process_names_the_holder_until_it_ends(
    server_db: ServerDatabase, pg_head_url: str, ending: str
) -> None:
    child = hold(pg_head_url, "batch-import:640801", "budi")
    try:
        with pytest.raises(ClaimHeld) as held, server_db.claim("batch-import:640801", "rina"):
            pytest.fail("claimed twice")
        assert held.value.holder == "budi" and held.value.since is not None
        assert datetime.now(UTC) - held.value.since < timedelta(minutes=2)
        with server_db.claim("batch-import:640802", "rina"):  # another office imports meanwhile
            pass
    finally:
        if ending == "kill":
            child.send_signal(signal.SIGKILL)  # a PC switched off mid-import: the server frees it
        else:
            assert child.stdin is not None
            child.stdin.close()
        child.wait(timeout=30)
    for _ in range(100):  # the server notices a killed client's socket close at once, or nearly
        try:
            with server_db.claim("batch-import:640801", "rina"):
                break
        except ClaimHeld:
            threading.Event().wait(0.1)
    else:
        pytest.fail("the claim was never freed")


def test_a_locked_read_waits_for_the_first_change_and_reads_it(server_db: ServerDatabase) -> None:
    with server_db.writer() as session:
        session.add(Setting(key="h18b.decided_by", value='""'))
    first_locked, second_read = threading.Event(), threading.Event()
    seen: list[str] = []
    early: list[bool] = []

    def first() -> None:
        with server_db.writer() as session:
            row = session.exec(
                concurrent.locked(select(Setting).where(Setting.key == "h18b.decided_by"))
            ).one()
            first_locked.set()
            # the second transaction is now (or soon) waiting on the row lock, not reading
            early.append(second_read.wait(0.5))
            row.value = '"budi"'
            session.add(row)

    def second() -> None:
        first_locked.wait(10)
        with server_db.writer() as session:
            row = session.exec(
                concurrent.locked(select(Setting).where(Setting.key == "h18b.decided_by"))
            ).one()
            seen.append(row.value)
            second_read.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert early == [False]  # the second read did not get past the lock before the commit
    assert seen == ['"budi"']  # not the '""' both transactions started from
