"""Legacy commands: import-legacy (dry run, then --commit), duplicates list|show|decide, quality."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import CliError, Runtime
from rentan_desktop.domain import issues
from rentan_desktop.legacy.fields import FIELDS, IGNORED, norm_header

issues.define_all(
    {
        "cli.legacy.map": (
            '--map harus berbentuk KOLOM=field (misalnya "C=desa" atau "KAMPUNG=desa"); '
            "field yang dikenal: {fields}.",
            '--map must look like COLUMN=field (e.g. "C=desa" or "KAMPUNG=desa"); '
            "known fields: {fields}.",
        ),
        "cli.legacy.map_value": (
            '--map-value harus berbentuk field="NILAI TERTULIS"=KODE (misalnya '
            'pekerjaan="TUKANG OJEK"=OJEK); field yang bisa: {fields}.',
            '--map-value must look like field="WRITTEN VALUE"=CODE (e.g. '
            'pekerjaan="TUKANG OJEK"=OJEK); mappable fields: {fields}.',
        ),
        "cli.legacy.take": (
            "--take harus berbentuk field=HURUF (A, B, … dari 'duplicates show') atau field=UUID.",
            "--take must look like field=LETTER (A, B, … from 'duplicates show') or field=UUID.",
        ),
        "cli.legacy.member": (
            "Klaster ini tidak punya anggota {name}; lihat hurufnya dengan 'duplicates show'.",
            "This cluster has no member {name}; see the letters with 'duplicates show'.",
        ),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("import-legacy", help="check (dry run) or import an old spreadsheet")
    add_common(p)
    p.add_argument("file", help="xlsx, xls, ods or csv file")
    p.add_argument("--sheet", help="sheet to read (default: the first)")
    p.add_argument("--profile", help="use a saved column mapping")
    p.add_argument(
        "--save-profile",
        dest="save_profile",
        metavar="NAME",
        help="save the mapping used under this name",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=FIELD",
        help="set a column's field by letter or header (repeatable; FIELD '-' ignores it)",
    )
    p.add_argument(
        "--map-value",
        dest="map_value",
        action="append",
        default=[],
        metavar='FIELD="VALUE"=CODE',
        help='map a written value to a code, e.g. pekerjaan="TUKANG OJEK"=OJEK; fields: '
        "pekerjaan, jenis_kelamin, sumber_dana, status (repeatable; saved with --save-profile)",
    )
    p.add_argument(
        "--kecamatan", help="kecamatan code to assume when the file has no kecamatan column"
    )
    p.add_argument(
        "--desa",
        help="desa (name or 10-digit code) of every row of a sheet without a DESA column "
        "(default: the desa the title above the table names)",
    )
    p.add_argument(
        "--sumber-dana", dest="sumber_dana", help="funder code (default: the only active one)"
    )
    p.add_argument("--pekerjaan", help="occupation code for rows without one")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--commit", action="store_true", help="save the accepted rows (default: dry run)"
    )
    how.add_argument(
        "--dry-run",
        dest="dry_run",
        action="store_true",
        help="only check and report, change nothing (the default; say it to be explicit)",
    )
    p.add_argument(
        "--apply-changes",
        dest="apply_changes",
        action="store_true",
        help="with --commit: apply the changes of rows already registered (perubahan data) "
        "as audited corrections",
    )
    p.add_argument("--report", help="write the report workbook (.xlsx) here")
    p.set_defaults(handler=cmd_import_legacy)

    p = sub.add_parser("duplicates", help="duplicate workbench: list, show, decide")
    dsub = p.add_subparsers(dest="dup_command", metavar="ACTION")
    q = dsub.add_parser("list", help="open clusters of possible duplicates")
    add_common(q)
    q.add_argument("--kecamatan", help="only clusters touching this kecamatan")
    q.set_defaults(handler=cmd_dup_list)
    q = dsub.add_parser("show", help="one cluster side by side")
    add_common(q)
    q.add_argument("key", help="cluster number (or key) from 'duplicates list'")
    q.set_defaults(handler=cmd_dup_show)
    q = dsub.add_parser("decide", help="keep one, merge, or mark as different people")
    add_common(q)
    q.add_argument("key", help="cluster number (or key) from 'duplicates list'")
    how = q.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--keep",
        metavar="UUID",
        help="keep this member (A, B, … or UUID); the others become inactive",
    )
    how.add_argument(
        "--merge",
        metavar="UUID",
        help="keep this member (A, B, … or UUID) after taking --take fields",
    )
    how.add_argument("--different", action="store_true", help="they are different people")
    q.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="FIELD=MEMBER",
        help="with --merge: take FIELD from member A, B, … (or a UUID); repeatable",
    )
    q.add_argument("--reason", required=True, help="why (recorded in the audit trail)")
    q.set_defaults(handler=cmd_dup_decide)

    p = sub.add_parser("quality", help="data-quality counts per problem type and desa")
    add_common(p)
    p.add_argument(
        "view",
        nargs="?",
        choices=["operators"],
        help="operators: records keyed, warning, correction and error rates per operator",
    )
    p.add_argument("--since", help="with operators: first day (dd-mm-yyyy; default 30 days ago)")
    p.add_argument("--until", help="with operators: last day (dd-mm-yyyy; default today)")
    p.add_argument("--per-day", action="store_true", help="with operators: a line per day too")
    p.add_argument("--kecamatan", help="only this kecamatan")
    p.add_argument("--snapshot", action="store_true", help="store today's counts for the trend")
    p.add_argument("--history", action="store_true", help="show how the counts moved over time")
    p.add_argument(
        "--no-duplicates",
        dest="duplicates",
        action="store_false",
        help="skip the (slower) duplicate cluster count",
    )
    p.set_defaults(handler=cmd_quality)


def _progress(rt: Runtime) -> Callable[[int, int], None] | None:
    if rt.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{done}/{total} baris diperiksa")
        if done >= total:
            sys.stderr.write("\n")

    return show


def _column_index(spec: str, labels: tuple[str, ...]) -> int | None:
    if spec.isalpha() and len(spec) <= 2 and spec.isupper():
        n = 0
        for ch in spec:
            n = n * 26 + ord(ch) - 64
        return n - 1
    wanted = norm_header(spec)
    return next((i for i, lab in enumerate(labels) if norm_header(lab) == wanted), None)


def _mapping(rt: Runtime) -> Any:
    """The guessed mapping with the user's --map choices applied (None when there are none)."""
    from rentan_desktop.services import legacy_import as li

    a = rt.args
    if not a.map and not a.save_profile:
        return None
    g = li.guess(rt.ctx(), actor=rt.user(), path=Path(a.file), sheet=a.sheet, profile=a.profile)
    mapping = g.mapping
    for item in a.map:
        col, _, field = item.partition("=")
        index = _column_index(col.strip(), g.header.labels)
        field = field.strip()
        if (
            index is None
            or index >= len(g.header.labels)
            or (field not in FIELDS and field != IGNORED)
        ):
            raise CliError("cli.legacy.map", fields=", ".join(FIELDS))
        mapping = mapping.with_choice(index, field)
    return mapping, g.sheet


def _value_choices(specs: list[str]) -> dict[str, dict[str, str]]:
    """--map-value items as field -> written value -> code (codes are checked by the service)."""
    from rentan_desktop.legacy.values import MAPPABLE, parse_choice

    out: dict[str, dict[str, str]] = {}
    for spec in specs:
        try:
            field, value, code = parse_choice(spec)
        except ValueError:
            raise CliError("cli.legacy.map_value", fields=", ".join(MAPPABLE)) from None
        out.setdefault(field, {})[value] = code
    return out


def cmd_import_legacy(rt: Runtime) -> int:
    from rentan_desktop.services.bulk import no_cycle_collection

    # A check of a big file keeps millions of small objects alive and makes no reference cycles:
    # the cycle collector would walk them again and again while the summary and report are built
    # after the check (about a tenth of a 150,000-row dry run's CPU). Reference counting frees
    # everything; the collector resumes on the way out.
    with no_cycle_collection():
        return _import_legacy(rt)


def _import_legacy(rt: Runtime) -> int:
    from rentan_desktop.legacy.mapping import Profile
    from rentan_desktop.services import legacy_import as li
    from rentan_desktop.services.errors import UserError

    a = rt.args
    values = _value_choices(a.map_value)
    chosen = _mapping(rt)
    mapping, sheet = chosen if chosen else (None, a.sheet)
    if a.apply_changes and not a.commit:
        raise UserError("legacy.perubahan_data.perlu_commit")
    extra = {"apply_changes": True} if a.apply_changes else {}
    fn = li.commit if a.commit else li.check
    run = fn(
        rt.ctx(),
        actor=rt.user(),
        path=Path(a.file),
        sheet=sheet,
        profile=a.profile,
        mapping=mapping,
        kecamatan_kode=a.kecamatan,
        sumber_dana=a.sumber_dana,
        pekerjaan=a.pekerjaan,
        progress=_progress(rt),
        values=values,
        desa=a.desa,
        **extra,
    )
    if a.save_profile:
        li.save_profile(
            rt.ctx(),
            actor=rt.user(),
            profile=Profile.from_mapping(
                a.save_profile,
                run.result.mapping,
                sheet=run.result.sheet,
                kecamatan_kode=a.kecamatan,
                values=run.value_maps,
            ),
        )
    if a.report:
        li.save_report(rt.ctx(), actor=rt.user(), run=run, path=Path(a.report), lang=rt.lang)
    # The per-row report is built once, and only for --json: the summary needs the totals,
    # the problem counts and the values, not 150,000 row entries.
    data = run.as_json(rt.lang) if rt.json else run.summary_json(rt.lang)
    rt.out(data, lambda: _summary(run, a, data))
    return 0 if data["totals"]["refused"] == 0 else 1


def _summary(run: Any, a: argparse.Namespace, data: dict[str, Any]) -> str:
    t = data["totals"]
    en = getattr(a, "lang", "id") == "en"

    def say(indonesian: str, english: str) -> str:
        return english if en else indonesian

    mode = (
        say("DISIMPAN", "SAVED")
        if a.commit
        else say(
            "UJI COBA (belum disimpan; tambahkan --commit)", "DRY RUN (nothing saved; add --commit)"
        )
    )
    lines = [
        say(
            f"{run.file.name} / {run.result.sheet}: {t['rows']} baris, judul di baris "
            f"{data['header_row']} — {mode}",
            f"{run.file.name} / {run.result.sheet}: {t['rows']} rows, header on row "
            f"{data['header_row']} — {mode}",
        ),
        say("Kolom: ", "Columns: ")
        + ", ".join(
            f"{m['header'] or '#' + str(m['column'] + 1)}→{m['field']}"
            for m in data["mapping"]
            if m["field"] != IGNORED
        ),
        say(
            f"siap/diimpor: {t['ready'] + t['imported']}, ditolak: {t['refused']}, "
            f"sudah diimpor: {t['already_imported']}, dengan peringatan: {t['with_warnings']}, "
            f"klaster duplikat: {t['clusters']}",
            f"ready/imported: {t['ready'] + t['imported']}, refused: {t['refused']}, "
            f"already imported: {t['already_imported']}, with warnings: {t['with_warnings']}, "
            f"duplicate clusters: {t['clusters']}",
        ),
    ]
    lines += _place_lines(data.get("places") or [], say)
    if data.get("rt_only"):
        lines.append(
            say(
                "Kolom RT tanpa kolom RW (desa yang hanya memakai RT): RW dibiarkan kosong — "
                + ", ".join(data["rt_only"]),
                "An RT column and no RW column (a desa numbering by RT only): RW is left empty — "
                + ", ".join(data["rt_only"]),
            )
        )
    if t["registered"] or t["changed"] or t["corrected"]:
        lines.append(
            say(
                f"sudah terdaftar: {t['registered']}, perubahan data: {t['changed']}",
                f"already registered: {t['registered']}, changed data: {t['changed']}",
            )
            + (
                say(f", dikoreksi: {t['corrected']}", f", corrected: {t['corrected']}")
                if a.commit
                else ""
            )
            + (
                ""
                if a.apply_changes or not t["changed"]
                else say(
                    " (terapkan perubahan dengan --commit --apply-changes)",
                    " (apply the changes with --commit --apply-changes)",
                )
            )
        )
        registered = run.result.registered
        # Read straight from each registered person (not through as_dict, which would build
        # the scorer's explanation of 150,000 re-sent rows only to print a dozen refusals).
        refused = [
            (r.number, reg.refused)
            for r in run.result.rows
            if (reg := registered.get(r.key)) is not None and reg.refused
        ]
        for number, why in refused[:12]:
            lines.append(f"  {say('baris', 'row')} {number}: {why}")
    # The problem's sentence (as the report workbook writes it), never its internal code: the
    # clerk reads this line to fix the sheet.
    severity = {"error": say("ditolak", "refused"), "warning": say("peringatan", "warning")}
    for item in data["summary"]["by_problem"][:12]:
        kind = severity.get(item["severity"], item["severity"])
        lines.append(f"  {item['rows']:>6}  {kind}: {item['message']}")
    if data.get("sheets_ignored"):
        lines.append(
            say(
                "Sheet tanpa kolom NIK dan NAMA, tidak dibaca: ",
                "Sheets without NIK and NAMA columns, not read: ",
            )
            + ", ".join(data["sheets_ignored"])
        )
    skipped = data["skipped"]
    if skipped["total"]:
        kinds = ", ".join(f"{k['label']} {k['rows']}" for k in skipped["by_kind"])
        lines.append(
            say(
                f"Dilewati (bukan data orang): {skipped['total']} baris — {kinds}",
                f"Skipped (not people): {skipped['total']} rows — {kinds}",
            )
        )
    review = [v for v in data["values"] if v["review"]]
    if review:
        lines.append(
            say(
                "Nilai yang perlu dipastikan (petakan sekali dengan --map-value "
                'field="NILAI"=KODE, simpan dengan --save-profile):',
                "Values to confirm (map each once with --map-value "
                'field="VALUE"=CODE, keep them with --save-profile):',
            )
        )
        score, hint = say("skor", "score"), say(", saran ", ", suggested ")
        for v in review[:30]:
            if v.get("kind"):
                lines.append(
                    f'  {v["rows"]:>6}  {v["field"]} "{v["value"]}" → ? '
                    + say(
                        f"({v['kind']}; tidak ada sumber dana aktif berjenis itu)",
                        f"({v['kind']}; no active funder of that kind)",
                    )
                )
                continue
            lines.append(
                f'  {v["rows"]:>6}  {v["field"]} "{v["value"]}" → {v["code"] or "?"} '
                f"({score} {v['score']}{hint + v['suggestion'] if v['suggestion'] else ''})"
            )
        if len(review) > 30:
            lines.append(
                say(
                    f"  … dan {len(review) - 30} nilai lain (lihat --report, sheet Nilai)",
                    f"  … and {len(review) - 30} more values (see --report, sheet Nilai)",
                )
            )
    if a.report:
        lines.append(say("Laporan: ", "Report: ") + str(a.report))
    return "\n".join(lines)


def _place_lines(places: list[dict[str, Any]], say: Callable[[str, str], str]) -> list[str]:
    """The desa of each sheet without a DESA column, where it was read, for the clerk to confirm."""
    lines = []
    for p in places:
        sheet = f" ({p['sheet']})" if len(places) > 1 else ""
        where = {
            "judul": say("judul tabel", "the table's title"),
            "sheet": say("nama sheet", "the sheet's name"),
            "pengguna": "--desa",
        }.get(p["from"] or "", "")
        if p["desa_kode"]:
            lines.append(
                say(
                    f"Desa{sheet} dari {where}: {p['desa']} → {p['desa_nama']} ({p['desa_kode']}). "
                    "Bukan desa ini? Ulangi dengan --desa NAMA atau --desa KODE.",
                    f"Desa{sheet} from {where}: {p['desa']} → {p['desa_nama']} ({p['desa_kode']}). "
                    "Not this desa? Run again with --desa NAME or --desa CODE.",
                )
            )
        elif p["desa"]:
            lines.append(
                say(
                    f'Desa{sheet} dari {where}: "{p["desa"]}" tidak dikenal; sebutkan desanya '
                    "dengan --desa NAMA atau --desa KODE.",
                    f'Desa{sheet} from {where}: "{p["desa"]}" is unknown; name the desa with '
                    "--desa NAME or --desa CODE.",
                )
            )
        else:
            lines.append(
                say(
                    f"Sheet{sheet} tanpa kolom DESA dan judulnya tidak menyebut desa: sebutkan "
                    "desanya dengan --desa NAMA atau --desa KODE.",
                    f"Sheet{sheet} has no DESA column and its title names no desa: name the "
                    "desa with --desa NAME or --desa CODE.",
                )
            )
    return lines


def _cluster(rt: Runtime, key: str) -> Any:
    """The cluster a user names: its number in 'duplicates list' (1, 2, …) or its key."""
    from rentan_desktop.services import dedupe

    key = key.strip()
    # A key is 12 hex digits and can itself be all digits (about 1 in 280); only a shorter
    # number is a position in the list.
    if key.isdigit() and len(key) < dedupe.KEY_LENGTH:
        found = dedupe.find_clusters(rt.ctx(), actor=rt.user())
        number = int(key)
        if not 1 <= number <= len(found):
            raise CliError("dedupe.tidak_ada", kunci=key)
        return found[number - 1]
    return dedupe.get_cluster(rt.ctx(), actor=rt.user(), key=key)


def _member(cluster: Any, name: str) -> str:
    """A member named by its letter in 'duplicates show' (A, B, …) or by its UUID."""
    letter = name.strip().upper()
    if len(letter) == 1 and letter.isalpha():
        index = ord(letter) - ord("A")
        if index >= len(cluster.members):
            raise CliError("cli.legacy.member", name=name)
        return str(cluster.members[index])
    return name.strip()


def cmd_dup_list(rt: Runtime) -> int:
    from rentan_desktop.services import dedupe

    found = dedupe.find_clusters(
        rt.ctx(), actor=rt.user(), kecamatan_kode=rt.args.kecamatan, progress=None
    )
    rows = [c.as_dict(rt.lang) for c in found]
    rt.out(
        {"clusters": rows},
        lambda: "\n".join(
            [rt.say(f"{len(rows)} klaster", f"{len(rows)} clusters")]
            + [
                f"{n:>3}. {c['key']}  {' | '.join(c['names'])}  ({'; '.join(c['reasons'])}; "
                f"{rt.say('skor', 'score')} {c['score']})"
                + ("  [lintas kecamatan]" if c["lintas_kecamatan"] else "")
                + "".join(f"\n    {p['explanation']}" for p in c["pairs"])
                for n, c in enumerate(rows, start=1)
            ]
        ),
    )
    return 0


def cmd_dup_show(rt: Runtime) -> int:
    from rentan_desktop.domain.formatting import mask_nik
    from rentan_desktop.services import dedupe

    cluster = _cluster(rt, rt.args.key)
    fields = dedupe.side_by_side(rt.ctx(), actor=rt.user(), uuids=cluster.members)

    def text() -> str:
        # Members are named A, B, … here, and 'duplicates decide' takes those letters.
        lines = [
            "".ljust(16)
            + " | ".join(f"{chr(ord('A') + i)} ({m[:8]})" for i, m in enumerate(cluster.members))
        ]
        for f in fields:
            values = [
                mask_nik(str(v)) if f["field"] == "nik" and v else str(v or "") for v in f["values"]
            ]
            lines.append(
                ("*" if f["differs"] else " ") + str(f["field"]).ljust(15) + " | ".join(values)
            )
        return "\n".join([*lines, *cluster.explain(rt.lang)])

    rt.out({"cluster": cluster.as_dict(rt.lang), "fields": fields}, text)
    return 0


def cmd_dup_decide(rt: Runtime) -> int:
    from rentan_desktop.services import dedupe

    a = rt.args
    cluster = _cluster(rt, a.key)
    take: dict[str, str] = {}
    for item in a.take:
        field, _, uuid = item.partition("=")
        if not field or not uuid:
            raise CliError("cli.legacy.take")
        take[field.strip()] = _member(cluster, uuid)
    decision = "different" if a.different else ("merge" if a.merge else "keep")
    result = dedupe.decide(
        rt.ctx(),
        actor=rt.user(),
        uuids=cluster.members,
        decision=decision,
        keep=_member(cluster, a.keep or a.merge) if (a.keep or a.merge) else None,
        take=take,
        reason=a.reason,
    )
    rt.out(
        {
            "decision": result.uuid,
            "kind": result.decision,
            "kept": result.kept,
            "deactivated": list(result.deactivated),
            "merged": result.merged,
        },
        rt.say(
            f"Keputusan {result.decision} dicatat ({result.uuid}).",
            f"Decision {result.decision} recorded ({result.uuid}).",
        ),
    )
    return 0


def cmd_quality(rt: Runtime) -> int:
    from rentan_desktop.services import quality

    a = rt.args
    if a.view == "operators":
        from rentan_desktop.cli.keying import cmd_operators

        return cmd_operators(rt)
    if a.snapshot:
        quality.snapshot(rt.ctx(), actor=rt.user())
    if a.history:
        rows = quality.history(rt.ctx(), actor=rt.user())
        rt.out(
            {"history": rows},
            lambda: "\n".join(
                f"{r['taken_at'][:16]}  {r['count']:>6}  {quality.label(r['code'], rt.lang)}"
                for r in rows
            ),
        )
        return 0
    view = quality.view(
        rt.ctx(), actor=rt.user(), kecamatan_kode=a.kecamatan, duplicates=a.duplicates
    )
    data = view.as_dict(rt.lang)

    def text() -> str:
        lines = [f"{t['count']:>6}  {t['label']}" for t in data["totals"]]
        for d in data["desa"]:
            worst = ", ".join(f"{p['label']} {p['count']}" for p in d["problems"][:3])
            lines.append(f"{d['desa']} ({d['records']} {rt.say('data', 'records')}): {worst}")
        return "\n".join(lines) or rt.say("Tidak ada data.", "No records.")

    rt.out(data, text)
    return 0
