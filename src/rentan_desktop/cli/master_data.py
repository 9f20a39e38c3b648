"""`rentan master-data export|verify|import`: signed master-data packs from a coordinator."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import Runtime
from rentan_desktop.domain import issues

issues.define_all({
    "cli.md_written": ("Paket data induk nomor {seq} ditulis: {file}", "Master-data pack number {seq} written: {file}"),
    "cli.md_verified": ("Paket data induk nomor {seq} dari kantor {issuer} ({name}) sah. Bila diimpor:",
                        "Master-data pack number {seq} from office {issuer} ({name}) is genuine. Importing it would:"),
    "cli.md_imported": ("Paket data induk nomor {seq} dari kantor {issuer} ({name}) diterapkan:",
                        "Master-data pack number {seq} from office {issuer} ({name}) applied:"),
    "cli.md_nothing": ("  Tidak ada perubahan.", "  No changes."),
})


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    md = sub.add_parser("master-data", help="signed master-data packs (funders, targets, tariff, "
                        "occupations, office keys) from a coordinator to the offices below it")
    msub = md.add_subparsers(dest="md_command", metavar="ACTION")
    p = msub.add_parser("export", help="write this coordinator's next pack")
    add_common(p)
    p.add_argument("--out", required=True, type=Path, help="folder (a USB stick, say)")
    p.set_defaults(handler=cmd_export)
    p = msub.add_parser("verify", help="check a pack and list what importing it would change")
    add_common(p)
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_verify)
    p = msub.add_parser("import", help="verify a pack and apply it, all or nothing")
    add_common(p)
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_import)


def cmd_export(rt: Runtime) -> int:
    from rentan_desktop.services import master_data

    pack = master_data.export_pack(rt.ctx(), actor=rt.user(), folder=rt.args.out)
    rt.out({"file": str(pack.path), "seq": pack.seq, "counts": pack.counts},
           issues.text("cli.md_written", rt.lang, seq=pack.seq, file=pack.path))
    return 0


def cmd_verify(rt: Runtime) -> int:
    return _check(rt, apply=False)


def cmd_import(rt: Runtime) -> int:
    return _check(rt, apply=True)


def _check(rt: Runtime, *, apply: bool) -> int:
    from rentan_desktop.services import master_data

    run = master_data.import_pack if apply else master_data.verify_pack
    check = run(rt.ctx(), actor=rt.user(), path=rt.args.file)
    changes = [c.text(rt.lang) for c in check.changes]

    def text() -> str:
        if not check.ok:
            return "\n".join(i.message(rt.lang) for i in check.errors)
        head = issues.text("cli.md_imported" if apply else "cli.md_verified", rt.lang,
                           seq=check.seq, issuer=check.issuer, name=check.issuer_name)
        body = [f"  - {c}" for c in changes] or [issues.text("cli.md_nothing", rt.lang)]
        return "\n".join([head, *body])

    rt.out({"ok": check.ok, "applied": check.applied, "issuer": check.issuer, "seq": check.seq,
            "changes": changes, "errors": [e.as_dict(rt.lang) for e in check.errors]}, text)
    return 0 if check.ok else 1
