"""Registrant commands: add, edit, search, show, status, history, template, import-xlsx."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rentan_desktop.cli.common import Runtime
from rentan_desktop.domain import formatting, lifecycle, phone
from rentan_desktop.domain.registrant import INPUT_FIELDS, RegistrantInput
from rentan_desktop.domain.registration_number import RegistrationNumber
from rentan_desktop.storage import registrant_table

if TYPE_CHECKING:
    from rentan_desktop.storage.models import Registrant

KEY_HELP = "UUID, NIK or the registration number on the form and in 'search' (4F3A-91C2)"

FORM_FIELDS = tuple(f for f in INPUT_FIELDS if f != "sumber_dana_id")  # --sumber-dana: a code


def _form_args(p: argparse.ArgumentParser, required: bool) -> None:
    for f in FORM_FIELDS:
        p.add_argument(
            "--" + f.replace("_", "-"),
            dest=f,
            required=required
            and f
            in ("nik", "nama", "tanggal_lahir", "jenis_kelamin", "desa_kode", "pekerjaan_kode"),
        )
    p.add_argument(
        "--sumber-dana", dest="sumber_dana", help="funder code (default: the only active one)"
    )


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("add", help="register one person")
    add_common(p)
    _form_args(p, required=True)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("edit", help="correct a registration (only the given fields change)")
    add_common(p)
    p.add_argument("uuid", metavar="key", help=KEY_HELP)
    _form_args(p, required=False)
    p.add_argument(
        "--if-version",
        dest="if_version",
        type=int,
        metavar="N",
        help="change only if the record is still at version N (as `rentan show` printed it): "
        "a change someone saved since is not overwritten",
    )
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("search", help="find registrants by NIK or name")
    add_common(p)
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--contains", action="store_true", help="match anywhere in the name")
    p.add_argument("--prefix", action="store_true", help="match the start of the name")
    p.add_argument("--kecamatan")
    p.add_argument("--desa")
    p.add_argument("--rt")
    p.add_argument("--status", choices=[s.value for s in lifecycle.Status])
    p.add_argument("--pekerjaan")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", help="one registrant with warnings and history")
    add_common(p)
    p.add_argument("key", help=KEY_HELP)
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "status", help="change the status of registrants (RT result, deactivate, ...)"
    )
    add_common(p)
    p.add_argument("new", choices=[s.value for s in lifecycle.Status])
    p.add_argument("uuids", nargs="+", metavar="key", help=KEY_HELP)
    p.add_argument("--reason", default="")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("dismiss-duplicate", help="mark two records as different people")
    add_common(p)
    p.add_argument("uuid_a")
    p.add_argument("uuid_b")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_dismiss)

    p = sub.add_parser("template", help="write the offline entry template (xlsx)")
    add_common(p)
    p.add_argument("-o", "--output", default="template-pendaftaran.xlsx")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import-xlsx", help="import a filled entry template")
    add_common(p)
    p.add_argument("file")
    p.add_argument("--report", help="write the row-by-row report workbook here")
    p.set_defaults(handler=cmd_import_xlsx)


def _funder_id(rt: Runtime, code: str | None) -> int | None:
    from rentan_desktop.services import setup

    funders = [f for f in setup.list_funders(rt.ctx()) if f.aktif]
    if code:
        return next((f.id for f in funders if f.kode == code.upper()), -1)
    return funders[0].id if len(funders) == 1 else None


# What ``rentan show --json`` gives of the row: every field in the model's order, less the
# database's id, the derived columns and the bookkeeping of checks, origin and batches.
_SHOWN = tuple(
    f
    for f in registrant_table.FIELDS
    if f not in ("id", *registrant_table.DERIVED, "status_reason", "nik_verifikasi", "warnings")
    and f not in ("origin_office", "origin_batch", "sent_version")
)


def _describe(r: Any, lang: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for key in _SHOWN:
        data[key] = getattr(r, key)
        if key == "status":
            data["status_label"] = lifecycle.label(r.status, lang)
    data["tanggal_lahir"] = r.tanggal_lahir.isoformat()
    return data


def cmd_add(rt: Runtime) -> int:
    from rentan_desktop.services import registrants

    a = rt.args
    values = {f: getattr(a, f) or "" for f in FORM_FIELDS}
    data = RegistrantInput(**values, sumber_dana_id=_funder_id(rt, a.sumber_dana))
    result = registrants.create(rt.ctx(), actor=rt.user(), data=data)
    r = result.registrant
    rt.out(
        {
            "uuid": r.uuid,
            "status": r.status,
            "warnings": [w.as_dict(rt.lang) for w in result.warnings],
            "possible_duplicates": [
                {"uuid": m.other.key, "nama": m.other.nama, "reasons": m.reason_text(rt.lang)}
                for m in result.possible
            ],
        },
        lambda: "\n".join(
            [
                rt.say(
                    f"Tersimpan: {r.nama} (No. {RegistrationNumber.of(r.uuid)})",
                    f"Saved: {r.nama} (No. {RegistrationNumber.of(r.uuid)})",
                )
            ]
            + [
                rt.say("  Peringatan: ", "  Warning: ") + w.message(rt.lang)
                for w in result.warnings
            ]
            + [
                rt.say("  Kemungkinan ganda: ", "  Possible duplicate: ")
                + f"{m.other.nama} — {m.reason_text(rt.lang)}"
                for m in result.possible
            ]
        ),
    )
    return 0


def cmd_edit(rt: Runtime) -> int:
    from rentan_desktop.services import registrants

    a, ctx, actor = rt.args, rt.ctx(), rt.user()
    row = find_registrant(rt, a.uuid)
    data = registrants.to_input(row)
    changes = {f: getattr(a, f) for f in FORM_FIELDS if getattr(a, f) is not None}
    if a.sumber_dana:
        changes["sumber_dana_id"] = _funder_id(rt, a.sumber_dana)
    # The version the caller saw (--if-version), else the one just read: either way a change
    # someone else saves in between is refused, never overwritten.
    seen = row.version if a.if_version is None else a.if_version
    result = registrants.update(
        ctx, actor=actor, uuid=row.uuid, data=replace(data, **changes), expected_version=seen
    )
    rt.out(
        {"uuid": row.uuid, "version": result.registrant.version},
        rt.say(
            f"Diperbarui: {result.registrant.nama} (versi {result.registrant.version})",
            f"Updated: {result.registrant.nama} (version {result.registrant.version})",
        ),
    )
    return 0


def cmd_search(rt: Runtime) -> int:
    from rentan_desktop.services import search

    a = rt.args
    mode = "contains" if a.contains else "prefix" if a.prefix else "auto"
    query = search.Query(
        a.query, mode, search.Filters(a.kecamatan, a.desa, a.rt, a.status, a.pekerjaan)
    )
    page = search.search(rt.ctx(), actor=rt.user(), query=query, limit=a.limit)
    # Lists never show full NIKs (UU 27/2022); `show` does, for roles allowed to see them.
    # Beside the masked NIK only the birth year: the full date would rebuild it (docs/security.md).
    rows = [
        {
            **r,
            "nik": formatting.mask_nik(r["nik"]),
            "tanggal_lahir": formatting.tahun_lahir(str(r["tanggal_lahir"] or "")),
        }
        for r in page.rows
    ]

    def text() -> str:
        from rentan_desktop.services import lookups

        # Names and the form's registration number on screen, never codes or UUIDs (the JSON
        # keeps them); `rentan show 4F3A-91C2` opens the record from this number.
        desa = lookups.list_names(rt.ctx()).desa
        return "\n".join(
            [rt.say(f"{page.total} ditemukan", f"{page.total} found")]
            + [
                f"{r['nik']}  {r['nama']:<32} {r['tanggal_lahir']}  "
                f"{desa.get(str(r['desa_kode']), str(r['desa_kode'])).title():<18} RT {r['rt']}"
                f"  {lifecycle.label(r['status'], rt.lang):<16} "
                f"No. {RegistrationNumber.of(str(r['uuid']))}"
                for r in rows
            ]
        )

    rt.out({"total": page.total, "rows": rows}, text)
    return 0


def find_registrant(rt: Runtime, key: str) -> Registrant:
    """The record a user names by its UUID, its NIK (the latest registration) or the
    registration number printed on the form and in `rentan search` (``4F3A-91C2``)."""
    from rentan_desktop.services import registrants
    from rentan_desktop.services.errors import UserError

    ctx, actor, key = rt.ctx(), rt.user(), key.strip()
    number = RegistrationNumber.parse(key)
    if len(key) == 16 and key.isdigit():
        rows = registrants.find_by_nik(ctx, actor=actor, nik=key)
        if not rows:
            raise UserError("registrant.unknown")
        row = rows[-1]
    elif number is not None:
        rows = registrants.find_by_registration_number(ctx, actor=actor, number=number)
        if not rows:
            raise UserError("registrant.number_unknown", number=str(number))
        if len(rows) > 1:
            # Never a guess: the masked NIK tail, name and desa let the user tell them apart.
            candidates = "; ".join(
                f"{r.nama}, {formatting.mask_nik(r.nik)}, desa {r.desa_kode}, UUID {r.uuid}"
                for r in rows
            )
            raise UserError(
                "registrant.number_shared", number=str(number), count=len(rows),
                candidates=candidates,
            )  # fmt: skip
        row = rows[0]
    else:
        row = registrants.get(ctx, actor=actor, uuid=key)
    return row


def cmd_show(rt: Runtime) -> int:
    from rentan_desktop.domain.roles import Perm, allowed
    from rentan_desktop.services import registrants

    ctx, actor = rt.ctx(), rt.user()
    row = find_registrant(rt, rt.args.key)
    data = _describe(row, rt.lang)
    if allowed(actor.role, Perm.VIEW_FULL_NIK):
        # The README promises every full NIK/KK view is in the audit trail: this one too.
        from rentan_desktop.services import privacy

        full = privacy.reveal_identity(ctx, actor=actor, uuid=row.uuid, purpose="cli.show")
        data["nik"], data["no_kk"] = full.nik, full.no_kk
    else:
        data["nik"] = formatting.mask_nik(row.nik)
        data["no_kk"] = formatting.mask_nik(row.no_kk) if row.no_kk else ""
        data["nama_ibu"] = "***"
        # With the NIK's serial shown, its birth date and the desa would give the rest of the NIK
        # back: a masked view carries the birth year only.
        data["tanggal_lahir"] = str(row.tanggal_lahir.year)
    data["possible_duplicates"] = [
        {"uuid": m.other.key, "nama": m.other.nama, "reason": m.reason_text(rt.lang)}
        for m in registrants.duplicates_of(ctx, actor=actor, uuid=row.uuid)
    ]
    data["history"] = registrants.history(ctx, actor=actor, uuid=row.uuid)

    masked = not allowed(actor.role, Perm.VIEW_FULL_NIK)
    from rentan_desktop.services import history_words, lookups

    names = lookups.list_names(ctx)
    labels = {"desa": names.desa, "pekerjaan": names.pekerjaan, "funders": names.funders}
    born = (
        rt.say("tahun ", "year ") + str(row.tanggal_lahir.year)
        if masked
        else formatting.tanggal(row.tanggal_lahir, rt.lang)
    )

    def text() -> str:
        lines = [
            f"{data['nama']}  ({lifecycle.label(row.status, rt.lang)}, "
            f"{rt.say('versi', 'version')} {row.version})",
            f"  NIK {data['nik']}  KK {data['no_kk'] or '-'}  KPJ {row.kpj or '-'}",
            f"  {rt.say('Lahir', 'Born')} {row.tempat_lahir}, {born}  "
            f"({history_words.sex(row.jenis_kelamin, rt.lang)})",
            f"  {row.alamat} {formatting.rt_rw(row.rt, row.rw, '/')}, {rt.say('desa', 'village')} "
            f"{history_words.value_text('desa_kode', row.desa_kode, labels, masked=masked)}",
            f"  {rt.say('HP', 'Phone')} {phone.display(row.no_hp)}  "
            f"{rt.say('pekerjaan', 'occupation')} "
            f"{history_words.value_text('pekerjaan_kode', row.pekerjaan_kode, labels, masked=masked)}",
        ]
        lines += [
            rt.say("  Kemungkinan ganda: ", "  Possible duplicate: ")
            + f"{d['nama']} — {d['reason']}"
            for d in data["possible_duplicates"]
        ]  # type: ignore[attr-defined]
        lines.append(rt.say("  Riwayat:", "  History:"))
        for h in data["history"]:  # type: ignore[attr-defined]
            what, detail = history_words.describe(
                str(h["action"]), h["detail"], lang=rt.lang, labels=labels, masked=masked
            )
            lines.append(
                f"    {history_words.when(h['ts'], rt.lang)}  {h['actor']:<12} {what}"
                + (f": {detail}" if detail else "")
            )
        return "\n".join(lines)

    rt.out(data, text)
    return 0


def cmd_status(rt: Runtime) -> int:
    from rentan_desktop.services import registrants

    a = rt.args

    found = [find_registrant(rt, key) for key in a.uuids]
    # A refusal names the person and the form's number, not the UUID (the JSON keeps it).
    names = {r.uuid: f"{r.nama} (No. {RegistrationNumber.of(r.uuid)})" for r in found}
    result = registrants.change_status(
        rt.ctx(), actor=rt.user(), uuids=list(names), new=a.new, reason=a.reason
    )
    rt.out(
        {"changed": result.changed, "refused": result.refused},
        lambda: "\n".join(
            [rt.say(f"{len(result.changed)} diubah", f"{len(result.changed)} changed")]
            + [f"  {names.get(u, u)}: {m}" for u, m in result.refused.items()]
        ),
    )
    return 0 if not result.refused else 1


def cmd_dismiss(rt: Runtime) -> int:
    from rentan_desktop.services import registrants

    a = rt.args
    registrants.dismiss_duplicate(
        rt.ctx(), actor=rt.user(), uuid_a=a.uuid_a, uuid_b=a.uuid_b, reason=a.reason
    )
    rt.out(
        {"ok": True},
        rt.say(
            "Dicatat: dua data ini orang yang berbeda.",
            "Recorded: these two records are different people.",
        ),
    )
    return 0


def cmd_template(rt: Runtime) -> int:
    from rentan_desktop.services import templates

    path = templates.write_template(rt.ctx(), Path(rt.args.output))
    rt.out(
        {"file": str(path)}, rt.say(f"Template ditulis ke {path}", f"Template written to {path}")
    )
    return 0


def cmd_import_xlsx(rt: Runtime) -> int:
    from rentan_desktop.services import template_import

    a = rt.args
    report = template_import.import_template(
        rt.ctx(),
        actor=rt.user(),
        path=Path(a.file),
        report_path=Path(a.report) if a.report else None,
    )
    rt.out(
        report.as_dict(rt.lang),
        lambda: (
            rt.say(
                f"{len(report.rows)} baris: {report.saved} disimpan, {report.skipped} sudah ada,"
                f" {report.rejected} ditolak, {report.warned} dengan peringatan",
                f"{len(report.rows)} rows: {report.saved} saved, {report.skipped} already there,"
                f" {report.rejected} refused, {report.warned} with warnings",
            )
            + (
                rt.say("\nLaporan: ", "\nReport: ") + str(report.report_path)
                if report.report_path
                else ""
            )
        ),
    )
    return 0 if report.rejected == 0 else 1
