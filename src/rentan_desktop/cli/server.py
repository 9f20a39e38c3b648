"""Server commands: move an office's database file onto its PostgreSQL server, check the
connection, and back the server database up (encrypted pg_dump, verified by a restore)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rentan_desktop.cli.common import EXIT_OK, CliError, Runtime
from rentan_desktop.domain import formatting, issues

if TYPE_CHECKING:
    from rentan_desktop.storage.location import ServerLocation

issues.define_all(
    {
        "cli.server_no_backup_key": (
            "Basis data server belum memiliki kunci cadangan (kata sandi cadangan kantor); "
            "pindahkan basis data kantor yang cadangannya terenkripsi dengan "
            "`rentan migrate-to-server`. Tidak ada cadangan dibuat.",
            "The server database has no backup key (the office backup passphrase) yet; move an "
            "office database whose backups are encrypted with `rentan migrate-to-server`. No "
            "backup was made.",
        ),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "migrate-to-server",
        help="copy this database file into an empty PostgreSQL database, verified (admin)",
    )
    add_common(p)
    p.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="the server database, e.g. postgresql://rentan@db.kantor.lan/rentan",
    )
    p.set_defaults(handler=cmd_migrate_to_server)
    register_more(sub, add_common)


def cmd_migrate_to_server(rt: Runtime) -> int:
    from rentan_desktop.services import server_migration
    from rentan_desktop.storage import location

    target = location.parse(rt.args.to)
    if not isinstance(target, location.ServerLocation):
        raise location.LocationRefused(str(rt.args.to))
    ctx, user = rt.ctx(), rt.user()

    def progress(table: str, rows: int) -> None:
        if not rt.json and sys.stderr.isatty():
            sys.stderr.write(f"\r{table}: {formatting.angka(rows)}".ljust(60))
            sys.stderr.flush()

    report = server_migration.move_to_server(ctx, target, actor=user, progress=progress)
    if not rt.json and sys.stderr.isatty():
        sys.stderr.write("\r".ljust(61) + "\r")
    rt.out(
        {
            "server": report.server,
            "rows": report.rows,
            "audit_events": report.audit_events,
            "audit_head": report.audit_head,
            "tables": [{"name": t.name, "rows": t.rows, "sha256": t.sha256} for t in report.tables],
        },
        lambda: report.message(rt.lang),
    )
    return EXIT_OK


def register_more(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "server-check", help="test the connection to a PostgreSQL server database (version, schema)"
    )
    add_common(p)
    p.add_argument("--server", required=True, metavar="URL", help="postgresql://...")
    p.set_defaults(handler=cmd_server_check)

    p = sub.add_parser(
        "server-backup",
        help="encrypted pg_dump of the server database, optionally verified by a restore",
    )
    add_common(p)
    p.add_argument("--server", required=True, metavar="URL", help="postgresql://...")
    p.add_argument("--folder", required=True, type=Path, help="where the backup file goes")
    p.add_argument(
        "--verify-into",
        metavar="URL",
        help="an EMPTY scratch database to restore into and compare (postgresql://...)",
    )
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="the backup passphrase (needed with --verify-into)",
    )
    p.set_defaults(handler=cmd_server_backup)

    p = sub.add_parser(
        "server-restore",
        help="restore a server backup (.rpg) into an EMPTY server database and verify every table",
    )
    add_common(p)
    p.add_argument("backup", type=Path, help="a rentan-server-*.rpg file")
    p.add_argument(
        "--into", required=True, metavar="URL", help="an EMPTY postgresql://... database"
    )
    p.add_argument(
        "--passphrase-env",
        metavar="VAR",
        default="RENTAN_BACKUP_PASS",
        help="the backup passphrase (default RENTAN_BACKUP_PASS)",
    )
    p.set_defaults(handler=cmd_server_restore)


def _server(given: str) -> ServerLocation:
    from rentan_desktop.storage import location

    found = location.parse(given)
    if not isinstance(found, location.ServerLocation):
        raise location.LocationRefused(given)
    return found


def cmd_server_check(rt: Runtime) -> int:
    from rentan_desktop.services import server_connection

    status = server_connection.check(_server(rt.args.server))
    rt.out(
        {
            "server": status.server,
            "postgresql": status.version,
            "schema": status.schema,
            "revision": status.revision,
            "registrants": status.registrants,
        },
        rt.say(status.sentence("id"), status.sentence("en")),
    )
    return EXIT_OK


def cmd_server_backup(rt: Runtime) -> int:
    import json
    import os

    from rentan_desktop.signing.backup_cipher import BackupKey
    from rentan_desktop.storage import server_backup
    from rentan_desktop.storage.models import Setting
    from rentan_desktop.storage.server import ServerDatabase, check_connection

    where = _server(rt.args.server)
    scratch = _server(rt.args.verify_into) if rt.args.verify_into else None
    passphrase = ""
    if scratch is not None:
        var = rt.args.passphrase_env or "RENTAN_BACKUP_PASS"
        passphrase = os.environ.get(var, "")
        if not passphrase:
            raise CliError("cli.env_missing", var=var)
    db = ServerDatabase(where, pool_size=1)
    try:
        check_connection(where)  # one sentence when unreachable, before any query
        with db.reader() as session:
            row = session.get(Setting, "backup.key")
    finally:
        db.close()
    if row is None:
        raise CliError("cli.server_no_backup_key")
    key = BackupKey.from_json(json.loads(row.value))
    made = server_backup.dump(where, rt.args.folder, key)
    verified = False
    if scratch is not None:
        server_backup.verify_backup(made.path, passphrase, scratch)
        verified = True
    rt.out(
        {
            "file": str(made.path),
            "rows": made.rows,
            "tables": {t: {"rows": r, "sha256": h} for t, (r, h) in made.tables.items()},
            "verified": verified,
        },
        rt.say(
            f"Cadangan server dibuat: {made.path} ({made.rows} baris)"
            + ("; dipulihkan ke basis data uji dan cocok tabel demi tabel." if verified else "."),
            f"Server backup written: {made.path} ({made.rows} rows)"
            + (
                "; restored into the scratch database and matched table by table."
                if verified
                else "."
            ),
        ),
    )
    return EXIT_OK


def cmd_server_restore(rt: Runtime) -> int:
    import os

    from rentan_desktop.storage import server_backup

    into = _server(rt.args.into)
    var = rt.args.passphrase_env
    passphrase = os.environ.get(var, "")
    if not passphrase:
        raise CliError("cli.env_missing", var=var)
    tables = server_backup.verify_backup(rt.args.backup, passphrase, into)
    rows = sum(count for count, _ in tables.values())
    name = Path(rt.args.backup).name
    rt.out(
        {"file": str(rt.args.backup), "into": into.display(), "tables": len(tables), "rows": rows},
        rt.say(
            f"Cadangan {name} dipulihkan ke {into.display()}: {len(tables)} tabel, "
            f"{formatting.angka(rows)} baris, cocok tabel demi tabel.",
            f"Backup {name} restored into {into.display()}: {len(tables)} tables, "
            f"{formatting.angka(rows)} rows, matched table by table.",
        ),
    )
    return EXIT_OK
