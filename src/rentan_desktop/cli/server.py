"""Server commands: move a coordinator office's database file onto its PostgreSQL server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from rentan_desktop.cli.common import EXIT_OK, Runtime


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


def cmd_migrate_to_server(rt: Runtime) -> int:
    from rentan_desktop.services import server_migration
    from rentan_desktop.storage import location

    target = location.parse(rt.args.to)
    if not isinstance(target, location.ServerLocation):
        raise location.LocationRefused(str(rt.args.to))
    ctx, user = rt.ctx(), rt.user()

    def progress(table: str, rows: int) -> None:
        if not rt.json and sys.stderr.isatty():
            sys.stderr.write(f"\r{table}: {rows:,}".ljust(60))
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
