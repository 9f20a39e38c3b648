"""Keying quality: `quality operators` (figures per operator per day) and `double-key`
(sample, pending, enter, list, show, resolve) over services/operator_stats and double_keying."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from rentan_desktop.cli.common import CliError, Runtime
from rentan_desktop.cli.registry import FORM_FIELDS, _form_args, _funder_id
from rentan_desktop.domain import formatting, issues
from rentan_desktop.domain.registrant import RegistrantInput, parse_date
from rentan_desktop.services.context import WITA

issues.define_all(
    {
        "cli.dk_date": (
            "Tanggal '{value}' tidak terbaca; tulis seperti 07-12-2026.",
            "Date '{value}' cannot be read; write it like 07-12-2026.",
        ),
        "cli.dk_take": (
            "--keep harus berbentuk ruas=1 (entri pertama) atau ruas=2 (entri ulang), mis. nama=2.",
            "--keep must look like field=1 (first keying) or field=2 (second keying), e.g. nama=2.",
        ),
        "cli.dk_how": (
            "Sebutkan --percent N (persen entri satu hari) atau --nik NIK (boleh berulang).",
            "Give --percent N (percent of one day's entries) or --nik NIK (repeatable).",
        ),
    }
)


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("double-key", help="double keying of a sample of paper forms")
    dsub = p.add_subparsers(dest="dk_command", metavar="ACTION")
    q = dsub.add_parser("sample", help="choose forms to key again (supervisor)")
    add_common(q)
    q.add_argument("--percent", type=float, help="percent of one day's hand-keyed records")
    q.add_argument("--date", help="that day (dd-mm-yyyy; default today)")
    q.add_argument("--nik", action="append", default=[], help="a record to include (repeatable)")
    q.add_argument("--seed", type=int, help="fixed random seed (repeatable draws)")
    q.set_defaults(handler=cmd_sample)
    q = dsub.add_parser("pending", help="forms waiting for your second keying")
    add_common(q)
    q.set_defaults(handler=cmd_pending)
    q = dsub.add_parser("enter", help="key a sampled form again, blind")
    add_common(q)
    q.add_argument("form", help="form number (EG-12 or 12)")
    _form_args(q, required=True)
    q.set_defaults(handler=cmd_enter)
    q = dsub.add_parser("list", help="every sampled form and its outcome (supervisor)")
    add_common(q)
    q.add_argument("--open", action="store_true", help="only forms waiting or with differences")
    q.set_defaults(handler=cmd_list)
    q = dsub.add_parser("show", help="the two keyings of a form side by side (supervisor)")
    add_common(q)
    q.add_argument("form")
    q.set_defaults(handler=cmd_show)
    q = dsub.add_parser("resolve", help="keep one value per differing field (supervisor)")
    add_common(q)
    q.add_argument("form")
    q.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="FIELD=1|2",
        help="1 keeps the first keying, 2 the second (repeatable)",
    )
    q.set_defaults(handler=cmd_resolve)
    p.set_defaults(handler=lambda rt: (p.print_help(), 0)[1])


def _in(rt: Runtime) -> Callable[[str, str], str]:
    """Pick the Indonesian or English text by the command's --lang."""
    return lambda id_text, en_text: id_text if rt.lang == "id" else en_text


def _form(value: str) -> int:
    digits = value.upper().removeprefix("EG-").strip()
    if not digits.isdigit():
        raise CliError("cli.dk_take")
    return int(digits)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise CliError("cli.dk_date", value=value)
    return parsed


def _when(moment: Any) -> str:
    local = moment.astimezone(WITA)
    return f"{formatting.tanggal_pendek(local.date())} {local:%H.%M}"


def cmd_sample(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    a = rt.args
    if not a.nik and a.percent is None:
        raise CliError("cli.dk_how")
    result = double_keying.draw_sample(
        rt.ctx(), actor=rt.user(), percent=a.percent, day=_day(a.date), niks=a.nik, seed=a.seed
    )
    forms = [double_keying.form_number(i) for i in result.item_ids]
    t = _in(rt)
    lines = [
        t(
            f"{len(forms)} formulir diambil dari {result.eligible}: {', '.join(forms)}",
            f"{len(forms)} forms drawn from {result.eligible}: {', '.join(forms)}",
        ),
        t(
            "Tulis nomor EG-… pada kertas formulirnya lalu serahkan ke operator lain.",
            "Write the EG-… number on each paper form and give them to another operator.",
        ),
    ]
    lines += [t(f"  NIK tidak ditemukan: {n}", f"  NIK not found: {n}") for n in result.not_found]
    lines += [t(f"  Sudah pernah disampel: {n}", f"  Already sampled: {n}") for n in result.already]
    rt.out(
        {
            "sample": result.sample_uuid,
            "forms": forms,
            "eligible": result.eligible,
            "not_found": result.not_found,
            "already": result.already,
        },
        "\n".join(lines),
    )
    return 0


def cmd_pending(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    rows = double_keying.pending_for(rt.ctx(), actor=rt.user())
    rt.out(
        [
            {
                "form": double_keying.form_number(r.id),
                "desa": r.desa,
                "first_keyed_at": r.first_keyed_at,
            }
            for r in rows
        ],
        lambda: (
            "\n".join(
                f"{double_keying.form_number(r.id):<8} {r.desa:<24} "
                + _in(rt)("dientri ", "keyed ")
                + _when(r.first_keyed_at)
                for r in rows
            )
            or _in(rt)(
                "Tidak ada formulir yang menunggu entri ulang.",
                "No form is waiting for a second keying.",
            )
        ),
    )
    return 0


def cmd_enter(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    a = rt.args
    values = {f: getattr(a, f) or "" for f in FORM_FIELDS}
    data = RegistrantInput(**values, sumber_dana_id=_funder_id(rt, a.sumber_dana))
    out = double_keying.submit(rt.ctx(), actor=rt.user(), item_id=_form(a.form), data=data)
    form = double_keying.form_number(out.item_id)
    t = _in(rt)
    text = (
        t(
            f"{form}: kedua entri cocok ({out.fields_compared} ruas).",
            f"{form}: both keyings agree ({out.fields_compared} fields).",
        )
        if not out.differing
        else t(
            f"{form}: {len(out.differing)} ruas berbeda; supervisor akan memeriksa kertasnya.",
            f"{form}: {len(out.differing)} fields differ; a supervisor will check the paper.",
        )
    )
    rt.out(
        {
            "form": form,
            "status": out.status,
            "fields_compared": out.fields_compared,
            "differing": out.differing,
        },
        text,
    )
    return 0


def cmd_list(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    rows = double_keying.items(rt.ctx(), actor=rt.user(), open_only=rt.args.open)
    rt.out(
        [
            {
                "form": double_keying.form_number(r.id),
                "nama": r.nama,
                "nik": r.nik_masked,
                "desa": r.desa,
                "first_operator": r.first_operator,
                "first_keyed_at": r.first_keyed_at,
                "second_operator": r.second_operator,
                "status": r.status,
                "differences": r.differences,
            }
            for r in rows
        ],
        lambda: (
            "\n".join(
                f"{double_keying.form_number(r.id):<8} {r.nama[:28]:<28} {r.nik_masked}  {r.desa[:18]:<18}"
                f" {r.first_operator}/{r.second_operator or '-'}  "
                f"{double_keying.status_label(r.status, rt.lang)}"
                + (
                    _in(rt)(f" ({r.differences} ruas)", f" ({r.differences} fields)")
                    if r.differences
                    else ""
                )
                for r in rows
            )
            or _in(rt)("Belum ada sampel entri ganda.", "No double-keying sample yet.")
        ),
    )
    return 0


def cmd_show(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    c = double_keying.compare(rt.ctx(), actor=rt.user(), item_id=_form(rt.args.form))
    i = c.item
    t = _in(rt)
    head = (
        f"{double_keying.form_number(i.id)} {i.nama} ({i.nik_masked}), {i.desa}; "
        + t("entri", "keying")
        + f" 1: {i.first_operator}, "
        + t("entri", "keying")
        + f" 2: {i.second_operator or '-'}; {double_keying.status_label(i.status, rt.lang)}"
    )
    rows = [
        f"  {d.label:<18} 1: {d.first:<26} 2: {d.second:<26}".rstrip()
        + (t(" [dipilih ", " [kept ") + ("1]" if d.chosen == "first" else "2]") if d.chosen else "")
        for d in c.differences
    ]
    rt.out(
        {
            "form": double_keying.form_number(i.id),
            "status": i.status,
            "differences": [d.__dict__ for d in c.differences],
        },
        "\n".join([head, *rows])
        if rows
        else head + t("\n  Tidak ada perbedaan.", "\n  No differences."),
    )
    return 0


def cmd_resolve(rt: Runtime) -> int:
    from rentan_desktop.services import double_keying

    choices: dict[str, str] = {}
    for item in rt.args.keep:
        name, _, which = item.partition("=")
        if which not in ("1", "2") or not name:
            raise CliError("cli.dk_take")
        choices[name.strip()] = double_keying.FIRST if which == "1" else double_keying.SECOND
    done = double_keying.resolve(
        rt.ctx(), actor=rt.user(), item_id=_form(rt.args.form), choices=choices
    )
    form = double_keying.form_number(done.item_id)
    t = _in(rt)
    text = (
        t(
            f"{form}: diputuskan; dikoreksi: {', '.join(done.corrected)} (versi {done.version}).",
            f"{form}: resolved; corrected: {', '.join(done.corrected)} (version {done.version}).",
        )
        if done.corrected
        else t(f"{form}: diputuskan; data tidak berubah.", f"{form}: resolved; record unchanged.")
    )
    rt.out({"form": form, "corrected": done.corrected, "version": done.version}, text)
    return 0


def cmd_operators(rt: Runtime) -> int:
    """`rentan quality operators`: keyed, warnings, corrections, errors per operator (per day)."""
    from rentan_desktop.services import operator_stats

    a = rt.args
    stats = operator_stats.compute(
        rt.ctx(), actor=rt.user(), start=_day(a.since), end=_day(a.until)
    )

    def pct(value: float | None) -> str:
        if value is None:
            return "-"
        text = f"{value * 100:.1f}%"
        return text.replace(".", ",") if rt.lang == "id" else text

    def line(r: Any, first: str) -> str:
        return (
            f"{first:<26} {r.keyed:>6} {pct(r.warning_rate):>8} {r.corrected:>6}"
            f" {pct(r.correction_rate):>8} {r.errors:>4}/{r.fields_compared:<5}"
            f" {pct(r.error_rate):>7} {r.imported:>7}"
        )

    def text() -> str:
        t = _in(rt)
        span = (
            f"{formatting.tanggal(stats.start, rt.lang)} – {formatting.tanggal(stats.end, rt.lang)}"
        )
        cols = (
            ("operator", "entri", "% peri.", "koreksi", "% kor.", "salah/ruas", "% salah", "impor")
            if rt.lang == "id"
            else (
                "operator",
                "keyed",
                "% warn",
                "fixed",
                "% fixed",
                "err/fields",
                "% err",
                "import",
            )
        )
        head = (
            f"{cols[0]:<26} {cols[1]:>6} {cols[2]:>8} {cols[3]:>6} {cols[4]:>8}"
            f" {cols[5]:>10} {cols[6]:>7} {cols[7]:>7}"
        )
        out = [t(f"Statistik operator {span}", f"Operator statistics {span}"), head]
        for t in stats.totals:
            out.append(line(t, t.full_name[:26]))
            if a.per_day:
                out += [
                    line(d, "  " + formatting.tanggal_pendek(d.day))
                    for d in stats.days
                    if d.operator == t.operator
                ]
        if not stats.totals:
            out.append(t("Tidak ada entri pada periode ini.", "Nothing keyed in this period."))
        return "\n".join(out)

    rt.out(stats.as_dict(), text)
    return 0
