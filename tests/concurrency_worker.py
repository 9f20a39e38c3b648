"""One member of the office staff, as its own process, for tests/test_concurrency_staff.py.

    python tests/concurrency_worker.py clerk DB SECONDS INDEX SHARED_UUID
    python tests/concurrency_worker.py supervisor DB USERNAME SEEDED_JSON
    python tests/concurrency_worker.py importer DB USERNAME BATCH_XLSX

Each prints one JSON object per line for what it did: ``saved`` (uuid and NIK of a new record),
``edited`` (the shared record's version after a correction), ``decided`` (a cluster key),
``imported``, and ``refused`` with the sentence a user would have read. A line ``done`` ends a
run that finished without a crash; a traceback on stderr is a failure of the test.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import ADMIN_PASSWORD, DESA, person  # noqa: E402

from rentan_desktop.services import (  # noqa: E402
    auth,
    batch_import,
    dedupe,
    registrants,
    setup,
)
from rentan_desktop.services.context import AppContext  # noqa: E402
from rentan_desktop.services.errors import UserError, user_message  # noqa: E402

SYLLABLES = ("ba", "di", "ku", "ra", "mo", "ne", "si", "tu", "la", "ge", "po", "we")


def say(**what: object) -> None:
    print(json.dumps(what), flush=True)


def refused(exc: Exception) -> None:
    """Report what the user would read for ``exc``: a stale version, or (on the embedded file
    under heavy load) the database kept busy past the bounded wait; anything else is a bug."""
    text = user_message(exc, "id")
    if text is None:
        raise exc
    say(refused=text, code=getattr(exc, "code", type(exc).__name__))


def clerk_name(clerk: int, n: int) -> str:
    """A name no other clerk's record and no seeded duplicate shares, nor resembles closely."""
    word = "".join(SYLLABLES[(n // 12**j) % 12] for j in range(3)).title()
    return f"{word} {('Amir', 'Bondan', 'Cahya', 'Dimas', 'Eka')[clerk - 1]}wan"


def clerk(ctx: AppContext, seconds: float, index: int, shared: str) -> None:
    user = auth.authenticate(ctx, f"juru{index}", ADMIN_PASSWORD)
    funder = setup.list_funders(ctx)[0].id or 0
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        day, year = n % 28 + 1, 1990 + (n // 1000) % 10
        # 4 serial digits: the clerk's number, then the count (the birth year moves every 1,000)
        nik = f"640801{day + 40:02d}01{year % 100:02d}{index}{n % 1000:03d}"
        data = person(
            funder,
            nik=nik,
            no_kk=None,
            nama=clerk_name(index, n),
            tanggal_lahir=f"{day:02d}01{year}",
            nama_ibu="",
            desa_kode=DESA,
        )
        try:
            saved = registrants.create(ctx, actor=user, data=data).registrant
        except Exception as exc:  # noqa: BLE001 - what the clerk reads, or a failure of the test
            refused(exc)
            continue
        say(saved=saved.uuid, nik=nik)
        if n % 3 == 0:  # correct the record everyone corrects, from the version just read
            row = registrants.get(ctx, actor=user, uuid=shared)
            note = f"juru{index}-{n}"
            try:
                done = registrants.update(
                    ctx,
                    actor=user,
                    uuid=shared,
                    data=replace(registrants.to_input(row), notes=note),
                    expected_version=row.version,
                )
                say(edited=done.registrant.version, note=note)
            except Exception as exc:  # noqa: BLE001 - what the clerk reads, or a failure
                refused(exc)


def supervisor(ctx: AppContext, username: str, seeded: Path) -> None:
    user = auth.authenticate(ctx, username, ADMIN_PASSWORD)
    pairs = set(json.loads(seeded.read_text()))
    mine = [c for c in dedupe.find_clusters(ctx, actor=user) if pairs & set(c.members)]
    say(clusters=len(mine))
    for cluster in mine:
        for _attempt in range(5):  # "Coba lagi" after a busy database, as the user would
            try:
                dedupe.decide(
                    ctx,
                    actor=user,
                    uuids=cluster.members,
                    decision="keep",
                    keep=cluster.members[0],
                    reason=f"diputuskan {username}",
                )
                say(decided=cluster.key)
            except UserError as exc:
                say(refused=exc.message("id"), code=exc.code, cluster=cluster.key)
            except Exception as exc:  # noqa: BLE001 - a busy database: said, then tried again
                refused(exc)
                continue
            break


def importer(ctx: AppContext, username: str, batch: Path) -> None:
    user = auth.authenticate(ctx, username, ADMIN_PASSWORD)
    for _attempt in range(5):  # "Coba lagi", as the user would after a busy database
        try:
            result = batch_import.import_batch(ctx, actor=user, path=batch)
            break
        except Exception as exc:  # noqa: BLE001 - what the user reads, or a failure
            refused(exc)
    else:
        return
    if result.imported:
        say(imported=result.counts)
    else:
        for issue in result.errors:
            say(refused=issue.message("id"), code=issue.code)


def main(argv: list[str]) -> int:
    role, db = argv[0], argv[1]
    ctx = AppContext.open(db)
    try:
        say(ready=role)
        if role == "clerk":
            clerk(ctx, float(argv[2]), int(argv[3]), argv[4])
        elif role == "supervisor":
            supervisor(ctx, argv[2], Path(argv[3]))
        elif role == "importer":
            importer(ctx, argv[2], Path(argv[3]))
        else:
            raise SystemExit(f"unknown role {role}")
        say(done=role)
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
