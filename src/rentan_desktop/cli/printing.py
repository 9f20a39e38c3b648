"""Printed documents: `rentan print ...`, `rentan rt-results`, `rentan verify-card`.

Services are imported inside the handlers so that other commands do not pay for reportlab.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import CliError, Runtime
from rentan_desktop.cli.registry import KEY_HELP, find_registrant
from rentan_desktop.domain import issues

issues.define_all(
    {
        "cli.rt_keys": (
            "Kunci hasil hanya boleh 1-5 atau '.' untuk baris yang dilewati: '{keys}'.",
            "Result keys may only be 1-5 or '.' for a skipped row: '{keys}'.",
        ),
        "cli.rt_fix": (
            "Perbaikan ditulis sebagai NOMOR=TEKS, misalnya 5=\"Nama: Siti Aminah\": '{value}'.",
            "Corrections are written as NUMBER=TEXT, e.g. 5=\"Nama: Siti Aminah\": '{value}'.",
        ),
        "cli.date": (
            "Tanggal '{value}' tidak dikenal: gunakan YYYY-MM-DD.",
            "Unknown date '{value}': use YYYY-MM-DD.",
        ),
    }
)

PAPER_HELP = "paper size: a4 or f4 (215 x 330 mm), default a4"


def _progress(rt: Runtime) -> Callable[[int, int], None] | None:
    if rt.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{done}/{total}")
        if done >= total:
            sys.stderr.write("\n")

    return show


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    top = sub.add_parser("print", help="print RT lists, cards, handover reports, forms (PDF)")
    kinds = top.add_subparsers(dest="print_kind", metavar="KIND", parser_class=type(top))
    top.set_defaults(handler=lambda rt: (top.print_help(sys.stderr), 2)[1])

    p = kinds.add_parser("rt-list", help="review list of one RT for the RT head to tick")
    add_common(p)
    p.add_argument("--desa", required=True, help="10-digit Kemendagri desa/kelurahan code")
    p.add_argument("--rt", help="RT number (leave out to print one list per RT of the desa)")
    p.add_argument("--rw", default="", help="only this RW (when RT numbers repeat across RWs)")
    p.add_argument("--paper", default="a4", help=PAPER_HELP)
    p.add_argument(
        "-o",
        "--output",
        help="PDF file, or a folder when --rt is left out (default: <data folder>/cetak/)",
    )
    p.set_defaults(handler=cmd_rt_list)

    p = kinds.add_parser("cards", help="print the card queue (proof of coverage, 10 per sheet)")
    add_common(p)
    p.add_argument("--request", nargs="+", metavar="UUID", help="queue cards for these first")
    p.add_argument(
        "--request-all",
        action="store_true",
        help="queue every registered person who never had a card",
    )
    p.add_argument("--ids", nargs="+", type=int, metavar="ID", help="(re)print exactly these")
    p.add_argument("--paper", default="a4", help=PAPER_HELP)
    p.add_argument("-o", "--output", help="PDF file (default: <data folder>/cetak/KARTU-*.pdf)")
    p.set_defaults(handler=cmd_cards)

    p = kinds.add_parser("queue", help="list the card print queue")
    add_common(p)
    p.add_argument("--state", choices=("requested", "printed", "handed_over"))
    p.set_defaults(handler=cmd_queue)

    p = kinds.add_parser("handed-over", help="record that printed cards were handed over")
    add_common(p)
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("--receiver", required=True, help="who received the cards")
    p.add_argument("--date", help="hand-over date YYYY-MM-DD (default today)")
    p.add_argument("--paper", default="a4", help=PAPER_HELP)
    p.add_argument("-o", "--output", help="PDF file of the receipt list to sign")
    p.set_defaults(handler=cmd_handed_over)

    p = kinds.add_parser("handover", help="Berita Acara Serah Terima Data of a batch")
    add_common(p)
    p.add_argument("batch", help="batch id, file name or BATCH-<office>-<seq>")
    p.add_argument("--camat", default="", help="the camat's name")
    p.add_argument("--camat-nip", default="", help="the camat's NIP")
    p.add_argument("--koordinator", default="", help="the receiving coordinator's name")
    p.add_argument("--nomor", default="", help="letter number (default: a line to fill in)")
    p.add_argument("--paper", default="a4", help=PAPER_HELP)
    p.add_argument("-o", "--output", help="PDF file")
    p.set_defaults(handler=cmd_handover)

    p = kinds.add_parser("form", help="one person's registration form with the privacy notice")
    add_common(p)
    p.add_argument("uuid", metavar="key", help=KEY_HELP)
    p.add_argument("--paper", default="a4", help=PAPER_HELP)
    p.add_argument("-o", "--output", help="PDF file")
    p.set_defaults(handler=cmd_form)

    p = kinds.add_parser("settings", help="texts printed on reports and privacy notices")
    add_common(p)
    p.add_argument("--camat", help="the camat's name (handover reports)")
    p.add_argument("--camat-nip", help="the camat's NIP")
    p.add_argument("--legal-basis", help="regulation cited on privacy notices (default: funder's)")
    p.add_argument("--retention", help="how long data is kept, as printed on privacy notices")
    p.add_argument("--controller", help="data controller named on privacy notices")
    p.add_argument("--contact", help="privacy contact (e-mail, phone or office)")
    p.add_argument("--office-address", help="letterhead line: the office's address and phone")
    p.set_defaults(handler=cmd_settings)

    p = sub.add_parser("verify-card", help="check a card's QR token offline")
    add_common(p)
    p.add_argument("token", help="the scanned text, or - to read it from standard input")
    p.add_argument("--nama", default="", help="the name on the holder's e-KTP (checks initials)")
    p.add_argument("--tahun-lahir", type=int, default=None, help="the holder's birth year")
    p.set_defaults(handler=cmd_verify_card)

    p = sub.add_parser("rt-results", help="key the results of a returned RT list")
    add_common(p)
    p.add_argument("code", help="list code printed on the list, e.g. RT-7K2M-9QX4")
    p.add_argument(
        "keys",
        nargs="?",
        default="",
        help="one key per row from row 1: 1 sesuai, 2 pindah, 3 meninggal, "
        "4 bukan pekerja rentan, 5 perbaikan, '.' skip (no keys: show the list)",
    )
    p.add_argument(
        "--fix",
        action="append",
        default=[],
        metavar="N=TEXT",
        help="correction text for a row keyed 5 (repeatable)",
    )
    p.set_defaults(handler=cmd_rt_results)


def cmd_rt_list(rt: Runtime) -> int:
    from rentan_desktop.services import rt_lists

    a = rt.args
    output = Path(a.output) if a.output else None
    if a.rt is None:
        lists = rt_lists.print_desa_rt_lists(
            rt.ctx(),
            actor=rt.user(),
            desa_kode=a.desa,
            paper=a.paper,
            folder=output,
            progress=_progress(rt),
        )
    else:
        lists = [
            rt_lists.print_rt_list(
                rt.ctx(),
                actor=rt.user(),
                desa_kode=a.desa,
                rt=a.rt,
                rw=a.rw,
                paper=a.paper,
                output=output,
                progress=_progress(rt),
            )
        ]
    data = [{"code": d.code, "path": str(d.path), "pages": d.pages, "rows": d.rows} for d in lists]
    rt.out(
        data[0] if a.rt is not None else data,
        "\n".join(
            rt.say(
                f"Daftar RT {d.code}: {d.rows} orang, {d.pages} halaman -> {d.path}",
                f"RT list {d.code}: {d.rows} people, {d.pages} pages -> {d.path}",
            )
            for d in lists
        ),
    )
    return 0


def cmd_cards(rt: Runtime) -> int:
    from rentan_desktop.services import cards

    a, ctx, user = rt.args, rt.ctx(), rt.user()
    notes: list[str] = []
    for result in (
        cards.request(ctx, actor=user, uuids=a.request) if a.request else None,
        cards.request_all_registered(ctx, actor=user) if a.request_all else None,
    ):
        if result is not None:
            notes.append(
                rt.say(
                    f"{len(result.queued)} kartu masuk antrean",
                    f"{len(result.queued)} cards queued",
                )
            )
            notes += [f"  {u}: {m}" for u, m in result.refused.items()]
    rt.unlock_key()
    done = cards.print_cards(
        ctx,
        actor=user,
        ids=a.ids,
        paper=a.paper,
        output=Path(a.output) if a.output else None,
        progress=_progress(rt),
    )
    if done.skipped:
        notes.append(
            rt.say(
                f"{done.skipped} kartu menunggu: datanya tidak lagi berstatus terdaftar BPJS",
                f"{done.skipped} cards wait: their records are no longer registered with BPJS",
            )
        )
    rt.out(
        {
            "path": str(done.path),
            "pages": done.pages,
            "cards": done.count,
            "job": done.job,
            "skipped": done.skipped,
        },
        "\n".join(
            [
                *notes,
                rt.say(
                    f"{done.count} kartu, {done.pages} lembar -> {done.path}",
                    f"{done.count} cards, {done.pages} sheets -> {done.path}",
                ),
            ]
        ),
    )
    return 0


def cmd_queue(rt: Runtime) -> int:
    from rentan_desktop.services import cards

    rows = cards.queue(rt.ctx(), actor=rt.user(), state=rt.args.state)
    rt.out(
        [r.__dict__ for r in rows],
        lambda: (
            "\n".join(
                f"{r.id:>6}  {r.state:<12} {r.nama:<30} {r.nik_masked}  KPJ {r.kpj}"
                + (
                    rt.say(
                        f"  diserahkan {r.handed_over_on} kepada {r.receiver}",
                        f"  handed over {r.handed_over_on} to {r.receiver}",
                    )
                    if r.receiver
                    else ""
                )
                for r in rows
            )
            or rt.say("Antrean kosong.", "The queue is empty.")
        ),
    )
    return 0


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError("cli.date", value=value) from None


def cmd_handed_over(rt: Runtime) -> int:
    from rentan_desktop.services import cards

    a = rt.args
    done = cards.hand_over(
        rt.ctx(), actor=rt.user(), ids=a.ids, receiver=a.receiver, on=_date(a.date)
    )
    # The receipt list the receiver signs: one row per card, a cell to sign or thumbprint.
    printed = cards.receipt_list(
        rt.ctx(),
        actor=rt.user(),
        ids=done,
        paper=a.paper,
        output=Path(a.output) if a.output else None,
    )
    rt.out(
        {"handed_over": done, "path": str(printed.path), "pages": printed.pages},
        rt.say(
            f"{len(done)} kartu dicatat sudah diserahkan; tanda terima untuk ditandatangani -> "
            f"{printed.path}",
            f"{len(done)} cards recorded as handed over; receipt to sign -> {printed.path}",
        ),
    )
    return 0


def cmd_handover(rt: Runtime) -> int:
    from rentan_desktop.services import handover_reports

    a = rt.args
    done = handover_reports.handover_report(
        rt.ctx(),
        actor=rt.user(),
        batch=a.batch,
        paper=a.paper,
        output=Path(a.output) if a.output else None,
        camat=a.camat,
        camat_nip=a.camat_nip,
        coordinator=a.koordinator,
        letter_no=a.nomor,
    )
    rt.out(
        {"path": str(done.path), "pages": done.pages},
        rt.say(
            f"Berita acara, {done.pages} halaman -> {done.path}",
            f"Handover report, {done.pages} pages -> {done.path}",
        ),
    )
    return 0


def cmd_form(rt: Runtime) -> int:
    from rentan_desktop.services import registration_forms

    a = rt.args
    done = registration_forms.registration_form(
        rt.ctx(),
        actor=rt.user(),
        uuid=find_registrant(rt, a.uuid).uuid,
        paper=a.paper,
        output=Path(a.output) if a.output else None,
    )
    rt.out(
        {"path": str(done.path), "pages": done.pages},
        rt.say(f"Formulir -> {done.path}", f"Form -> {done.path}"),
    )
    return 0


def cmd_settings(rt: Runtime) -> int:
    from rentan_desktop.services import printing

    a = rt.args
    values = {name: getattr(a, name) for name in printing.PRINT_SETTINGS}
    if any(v is not None for v in values.values()):
        shown = printing.set_print_settings(rt.ctx(), actor=rt.user(), **values)
    else:
        shown = printing.print_settings(rt.ctx())
    rt.out(
        shown,
        lambda: "\n".join(
            f"{k:<12} {v or rt.say('(bawaan)', '(default)')}" for k, v in shown.items()
        ),
    )
    return 0


def cmd_verify_card(rt: Runtime) -> int:
    """Exit 0 covered, 1 not genuine, 2 unknown office, 3 coverage ended, 4 person inactive,
    5 not the holder, 6 coverage not started yet."""
    from rentan_desktop.services import cards

    a = rt.args
    token = sys.stdin.readline() if a.token == "-" else a.token
    check = cards.verify(
        rt.ctx(), actor=rt.user(), token=token, holder_name=a.nama, holder_birth_year=a.tahun_lahir
    )
    claims = check.claims
    data: dict[str, Any] = {
        "verdict": check.verdict.value,
        "genuine": check.genuine,
        "current": check.current,
        "message": check.message,
        "since": str(check.since) if check.since else None,
    }
    lines = [check.message]
    if claims is not None:
        data.update(
            record_id=claims.record_id,
            kpj=claims.kpj,
            start=str(claims.start),
            end=str(claims.end),
            office=claims.office,
            key=claims.fingerprint,
            holder_initials=claims.initials,
            holder_birth_year=claims.birth_year,
            nama=check.nama,
            nik=check.nik_masked,
            status=check.status,
        )
        lines.append(
            rt.say(
                f"  KPJ {claims.kpj}, {claims.start} s.d. {claims.end}, kantor "
                f"{claims.office}, kunci {claims.fingerprint}",
                f"  KPJ {claims.kpj}, {claims.start} to {claims.end}, office "
                f"{claims.office}, key {claims.fingerprint}",
            )
        )
        if check.holder:
            lines.append(
                rt.say(
                    f"  Pemegang: inisial {check.holder} (cocokkan dengan e-KTP)",
                    f"  Holder: initials {check.holder} (compare with the e-KTP)",
                )
            )
    rt.out(data, "\n".join(lines))
    return check.verdict.exit_code


def _entries(keys: str, fixes: list[str]) -> list[Any]:
    from rentan_desktop.services.rt_review import Entry

    corrections: dict[int, str] = {}
    for item in fixes:
        number, sep, value = item.partition("=")
        if not sep or not number.strip().isdigit():
            raise CliError("cli.rt_fix", value=item)
        corrections[int(number)] = value
    compact = "".join(keys.split())
    if any(ch not in "12345." for ch in compact):
        raise CliError("cli.rt_keys", keys=keys)
    return [
        Entry(no, key, corrections.get(no, ""))
        for no, key in enumerate(compact, start=1)
        if key != "."
    ]


def cmd_rt_results(rt: Runtime) -> int:
    from rentan_desktop.services import rt_review

    a, ctx, user = rt.args, rt.ctx(), rt.user()
    if a.keys or a.fix:
        result = rt_review.key_results(
            ctx, actor=user, code=a.code, entries=_entries(a.keys, a.fix)
        )
        lines = [
            f"{len(result.applied)} baris diterapkan"
            + (", daftar lengkap" if result.complete else "")
        ]
        lines += [f"  baris {n}: {m}" for n, m in sorted(result.refused.items())]
        rt.out(
            {
                "code": result.code,
                "applied": result.applied,
                "refused": result.refused,
                "complete": result.complete,
            },
            "\n".join(lines),
        )
        return 0 if not result.refused else 1
    sheet = rt_review.open_sheet(ctx, actor=user, code=a.code)
    rt.out(
        {"code": sheet.code, "status": sheet.status, "rows": [r.__dict__ for r in sheet.rows]},
        lambda: "\n".join(
            [f"{sheet.code}  desa {sheet.desa_kode} RT {sheet.rt}  dicetak {sheet.printed}"]
            + [f"{r.no:>4}  {r.nama:<30} {r.nik_masked}  {r.result or '-'}" for r in sheet.rows]
        ),
    )
    return 0
