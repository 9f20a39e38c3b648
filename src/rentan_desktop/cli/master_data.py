"""`rentan master-data export|verify|import`: signed master-data packs from a coordinator."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import Runtime
from rentan_desktop.domain import issues

issues.define_all(
    {
        "cli.md_written": (
            "Paket data induk nomor {seq} ditulis: {file}",
            "Master-data pack number {seq} written: {file}",
        ),
        "cli.md_verified": (
            "Paket data induk nomor {seq} dari kantor {issuer} ({name}) sah. Bila diimpor:",
            "Master-data pack number {seq} from office {issuer} ({name}) is genuine. Importing it would:",
        ),
        "cli.md_imported": (
            "Paket data induk nomor {seq} dari kantor {issuer} ({name}) diterapkan:",
            "Master-data pack number {seq} from office {issuer} ({name}) applied:",
        ),
        "cli.md_nothing": ("  Tidak ada perubahan.", "  No changes."),
        "cli.syn_added": (
            "Padanan disimpan: {field} '{text}' → {kode} ({label}). Ikut paket data induk berikutnya.",
            "Synonym saved: {field} '{text}' → {kode} ({label}). It travels in the next master-data pack.",
        ),
        "cli.syn_removed": (
            "Padanan dihapus: {field} '{text}' (dahulu {kode}).",
            "Synonym removed: {field} '{text}' (was {kode}).",
        ),
        "cli.syn_none": (
            "Kantor ini belum punya padanan sendiri.",
            "This office has no synonyms of its own yet.",
        ),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    md = sub.add_parser(
        "master-data",
        help="signed master-data packs (funders, targets, tariff, "
        "occupations, office keys) from a coordinator to the offices below it",
    )
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
    syn = msub.add_parser(
        "synonym",
        help="the office's own synonyms for free-text values "
        "(carried in its packs, used by the legacy import)",
    )
    ssub = syn.add_subparsers(dest="syn_command", metavar="ACTION")
    p = ssub.add_parser(
        "add", help='add or change one: synonym add pekerjaan "TUKANG KETINTING" MOTORIS'
    )
    add_common(p)
    p.add_argument("field", help="pekerjaan")
    p.add_argument("text", help="the word as desa lists write it")
    p.add_argument("kode", help="the category code (or its name)")
    p.set_defaults(handler=cmd_synonym_add)
    p = ssub.add_parser("remove", help="remove one of this office's synonyms")
    add_common(p)
    p.add_argument("field", help="pekerjaan")
    p.add_argument("text")
    p.set_defaults(handler=cmd_synonym_remove)
    p = ssub.add_parser("list", help="this office's synonyms")
    add_common(p)
    p.set_defaults(handler=cmd_synonym_list)


def cmd_export(rt: Runtime) -> int:
    from rentan_desktop.services import master_data

    pack = master_data.export_pack(rt.ctx(), actor=rt.user(), folder=rt.args.out)
    rt.out(
        {"file": str(pack.path), "seq": pack.seq, "counts": pack.counts},
        issues.text("cli.md_written", rt.lang, seq=pack.seq, file=pack.path),
    )
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
        head = issues.text(
            "cli.md_imported" if apply else "cli.md_verified",
            rt.lang,
            seq=check.seq,
            issuer=check.issuer,
            name=check.issuer_name,
        )
        body = [f"  - {c}" for c in changes] or [issues.text("cli.md_nothing", rt.lang)]
        return "\n".join([head, *body])

    rt.out(
        {
            "ok": check.ok,
            "applied": check.applied,
            "issuer": check.issuer,
            "seq": check.seq,
            "changes": changes,
            "errors": [e.as_dict(rt.lang) for e in check.errors],
        },
        text,
    )
    return 0 if check.ok else 1


def cmd_synonym_add(rt: Runtime) -> int:
    from rentan_desktop.services import synonyms

    a = rt.args
    got = synonyms.add(rt.ctx(), actor=rt.user(), field=a.field, text=a.text, kode=a.kode)
    rt.out(
        _synonym_json(got),
        issues.text(
            "cli.syn_added", rt.lang, field=got.field, text=got.text, kode=got.kode, label=got.label
        ),
    )
    return 0


def cmd_synonym_remove(rt: Runtime) -> int:
    from rentan_desktop.services import synonyms

    got = synonyms.remove(rt.ctx(), actor=rt.user(), field=rt.args.field, text=rt.args.text)
    rt.out(
        _synonym_json(got),
        issues.text("cli.syn_removed", rt.lang, field=got.field, text=got.text, kode=got.kode),
    )
    return 0


def cmd_synonym_list(rt: Runtime) -> int:
    from rentan_desktop.services import synonyms

    rows = synonyms.listing(rt.ctx())
    lines = [f"{s.field}\t{s.text}\t{s.kode}\t{s.label}" for s in rows]
    rt.out(
        [_synonym_json(s) for s in rows], "\n".join(lines) or issues.text("cli.syn_none", rt.lang)
    )
    return 0


def _synonym_json(s: Any) -> dict[str, str]:
    return {"field": s.field, "text": s.text, "kode": s.kode, "label": s.label}
