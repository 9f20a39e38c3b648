"""Signed batch commands: keys, export-batch, verify-batch, import-batch, receipts, conflicts, bpjs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rentan_desktop.cli.common import CliError, Runtime
from rentan_desktop.domain import formatting, issues

issues.define_all(
    {
        "cli.choice": (
            "Pilihan '{value}' harus berbentuk KOLOM=incoming atau KOLOM=existing.",
            "Choice '{value}' must look like FIELD=incoming or FIELD=existing.",
        ),
        "cli.bad_date": (
            "Tanggal '{value}' harus YYYY-MM-DD.",
            "Date '{value}' must be YYYY-MM-DD.",
        ),
        "cli.out_required": (
            "Sebutkan folder tujuan dengan --out (misalnya flashdisk).",
            "Give the destination folder with --out (a USB stick, say).",
        ),
        "cli.no_cut_short": (
            "Tidak ada ekspor batch yang terputus.",
            "No batch export was cut short.",
        ),
    }
)


def _progress(rt: Runtime) -> Callable[[int, int], None] | None:
    if rt.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{formatting.angka(done)}/{formatting.angka(total)}")
        if done == total:
            sys.stderr.write("\n")

    return show


def _messages(found: list[issues.Issue], lang: str) -> list[str]:
    return [i.message(lang) for i in found]


def register(sub: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    keys = sub.add_parser("keys", help="this office's signing key and the keys it trusts")
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION")
    p = ksub.add_parser("create", help="create this office's signing key (once)")
    add_common(p)
    p.set_defaults(handler=cmd_keys_create)
    p = ksub.add_parser("unlock", help="check the key passphrase; protects a pre-1.x key with it")
    add_common(p)
    p.add_argument(
        "--remember",
        action="store_true",
        help="keep the passphrase in the OS keyring (Windows Credential Manager)",
    )
    p.set_defaults(handler=cmd_keys_unlock)
    p = ksub.add_parser("passphrase", help="change the office key passphrase")
    add_common(p)
    p.set_defaults(handler=cmd_keys_passphrase)
    p = ksub.add_parser(
        "rotate",
        help="replace the office key with a new one (older batches, "
        "receipts and cards keep opening and verifying here)",
    )
    add_common(p)
    p.set_defaults(handler=cmd_keys_rotate)
    p = ksub.add_parser("show", help="this office's key fingerprint, to read aloud")
    add_common(p)
    p.set_defaults(handler=cmd_keys_show)
    p = ksub.add_parser("export", help="write this office's public key file")
    add_common(p)
    p.add_argument("--out", required=True, type=Path, help="folder (e.g. the USB stick)")
    p.set_defaults(handler=cmd_keys_export)
    p = ksub.add_parser("trust", help="trust another office's public key file")
    add_common(p)
    p.add_argument("file", type=Path)
    p.add_argument(
        "--fingerprint",
        help="the fingerprint as read aloud by that office (asked for when left out)",
    )
    p.add_argument("--office", help="office code the key must belong to (e.g. 640801)")
    p.set_defaults(handler=cmd_keys_trust)
    p = ksub.add_parser("revoke", help="stop trusting a key (permanent)")
    add_common(p)
    p.add_argument("fingerprint", nargs="?", help="the key's fingerprint (or use --office)")
    p.add_argument("--office", help="revoke every key trusted for this office (a lost PC)")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_keys_revoke)
    p = ksub.add_parser("list", help="trusted keys, revoked ones included")
    add_common(p)
    p.set_defaults(handler=cmd_keys_list)

    p = sub.add_parser("export-batch", help="write the records ready to send as a signed batch")
    add_common(p)
    p.add_argument("--out", type=Path, help="destination folder (USB stick)")
    p.add_argument(
        "--to",
        default="",
        help="office code of the coordinator it is for and "
        "encrypted to (default: the one trusted office above this one)",
    )
    p.add_argument("--uuid", action="append", help="send only these records (repeatable)")
    p.add_argument(
        "--finish",
        action="store_true",
        help="finish an export cut short by a crash or power cut (no --out)",
    )
    p.set_defaults(handler=cmd_export_batch)

    p = sub.add_parser("verify-batch", help="check a batch without importing it")
    add_common(p)
    p.add_argument("file", type=Path, help="the batch .rbatch (or its .manifest.json)")
    p.set_defaults(handler=cmd_verify_batch)

    p = sub.add_parser("import-batch", help="verify and import signed batches, each all or nothing")
    add_common(p)
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(handler=cmd_import_batch)

    receipt = sub.add_parser("receipt", help="signed receipts for imported batches")
    rsub = receipt.add_subparsers(dest="receipt_command", metavar="ACTION")
    for name, parent in (("make", rsub), ("make-receipt", sub)):
        p = parent.add_parser(name, help="write a signed receipt for an imported batch")
        add_common(p)
        p.add_argument("batch", help="batch id (see import-batch output)")
        p.add_argument("--out", required=True, type=Path)
        p.set_defaults(handler=cmd_receipt_make)
    for name, parent in (("import", rsub), ("import-receipt", sub)):
        p = parent.add_parser(name, help="apply a receipt from the coordinator")
        add_common(p)
        p.add_argument("file", type=Path)
        p.set_defaults(handler=cmd_receipt_import)

    p = rsub.add_parser(
        "reconcile",
        help="a batch's records per status here and per the last receipt, and a one-page PDF of it",
    )
    add_common(p)
    p.add_argument("batch", help="BATCH-<office>-<number>, its file name or UUID")
    p.add_argument("--out", type=Path, help="PDF path (default: the cetak folder)")
    p.add_argument("--paper", default="a4", choices=("a4", "f4"))
    p.set_defaults(handler=cmd_receipt_reconcile)

    p = rsub.add_parser(
        "resync",
        help="after restoring a backup: continue batch numbers from "
        "the coordinator's latest receipt",
    )
    add_common(p)
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_receipt_resync)

    conflicts = sub.add_parser("conflicts", help="records held on import for a supervisor")
    csub = conflicts.add_subparsers(dest="conflicts_command", metavar="ACTION")
    p = csub.add_parser("list", help="open conflicts, side by side")
    add_common(p)
    p.add_argument("--all", action="store_true", help="include decided ones")
    p.set_defaults(handler=cmd_conflicts_list)
    p = csub.add_parser("decide", help="decide one conflict field by field")
    add_common(p)
    p.add_argument("conflict", help="conflict id")
    p.add_argument("--take", action="append", default=[], metavar="FIELD=incoming|existing")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_conflicts_decide)

    p = sub.add_parser(
        "transfer-owner", help="give records to another office of this area (coordinator, audited)"
    )
    add_common(p)
    p.add_argument("uuids", nargs="+", metavar="UUID", help="record id(s)")
    p.add_argument("--to", required=True, dest="to_office", help="new owner office code")
    p.add_argument("--reason", required=True, help="why (recorded in the audit trail)")
    p.set_defaults(handler=cmd_transfer_owner)

    bpjs = sub.add_parser("bpjs", help="BPJS Ketenagakerjaan collective file and results")
    bsub = bpjs.add_subparsers(dest="bpjs_command", metavar="ACTION")
    p = bsub.add_parser("export", help="collective registration workbook (accepted, no KPJ yet)")
    add_common(p)
    p.add_argument("--out", required=True, type=Path, help="workbook file to write")
    p.add_argument("--start", help="coverage start date YYYY-MM-DD (default today)")
    p.add_argument(
        "--mapping", type=Path, help="column mapping JSON (default: data folder or built-in)"
    )
    p.set_defaults(handler=cmd_bpjs_export)
    p = bsub.add_parser("import-result", help="BPJS result workbook: KPJ and coverage per NIK")
    add_common(p)
    p.add_argument("file", type=Path)
    p.add_argument("--mapping", type=Path)
    p.set_defaults(handler=cmd_bpjs_import)


def cmd_keys_create(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    ctx, actor = rt.ctx(), rt.user()
    info = trust.create_office_key(ctx, actor=actor, passphrase=rt.key_passphrase(confirm=True))
    rt.out(
        info.__dict__,
        rt.say(
            f"Kunci kantor {info.office} dibuat. Sidik kunci: {info.fingerprint}",
            f"Office key {info.office} created. Fingerprint: {info.fingerprint}",
        ),
    )
    return 0


def cmd_keys_unlock(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    ctx, actor = rt.ctx(), rt.user()
    legacy = trust.key_store(ctx).is_legacy()
    info = trust.unlock_office_key(
        ctx, actor=actor, passphrase=rt.key_passphrase(confirm=legacy), remember=rt.args.remember
    )
    text = (
        rt.say(
            f"Kunci kantor {info.office} sekarang dilindungi frasa sandi; berkas rahasia "
            "lama dihapus.",
            f"Office key {info.office} is now protected by a passphrase; the old secret "
            "file was deleted.",
        )
        if legacy
        else rt.say(
            f"Frasa sandi membuka kunci kantor {info.office}.",
            f"The passphrase unlocks office key {info.office}.",
        )
    )
    rt.out({**info.__dict__, "migrated": legacy}, text)
    return 0


def cmd_keys_passphrase(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    ctx, actor = rt.ctx(), rt.user()
    old = rt.key_passphrase("Frasa sandi lama: ")
    new = rt.key_passphrase("Frasa sandi baru: ", env="RENTAN_NEW_KEY_PASSPHRASE", confirm=True)
    info = trust.change_key_passphrase(ctx, actor=actor, old=old, new=new)
    rt.out(
        info.__dict__,
        rt.say(
            f"Frasa sandi kunci kantor {info.office} diganti.",
            f"Passphrase of office key {info.office} changed.",
        ),
    )
    return 0


def cmd_keys_rotate(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    ctx, actor = rt.ctx(), rt.user()
    info = trust.rotate_office_key(ctx, actor=actor, passphrase=rt.key_passphrase())
    rt.out(
        info.__dict__,
        rt.say(
            f"Kunci kantor {info.office} diganti; kunci lama disimpan untuk membuka batch dan tanda "
            f"terima lama. Sidik kunci baru: {info.fingerprint}. Ekspor kunci publik (rentan keys "
            "export) dan kirim ke koordinator: kantor yang mempercayai kunci lama menerimanya tanpa "
            "membacakan sidik kunci.",
            f"Office key {info.office} replaced; the old key is kept to open older batches and "
            f"receipts. New key fingerprint: {info.fingerprint}. Export the public key (rentan keys "
            "export) and send it to the coordinator: an office that trusts the old key accepts it "
            "without a fingerprint read-aloud.",
        ),
    )
    return 0


def cmd_keys_show(rt: Runtime) -> int:
    from rentan_desktop.services import trust
    from rentan_desktop.signing import exchange_issues as m

    info = trust.office_key_info(rt.ctx())
    if info is None:
        raise CliError(m.KEY_MISSING)
    rt.out(
        info.__dict__,
        rt.say(
            f"Kantor {info.office}, sidik kunci: {info.fingerprint}",
            f"Office {info.office}, key fingerprint: {info.fingerprint}",
        ),
    )
    return 0


def cmd_keys_export(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    rt.unlock_key()
    path = trust.export_public_key(rt.ctx(), actor=rt.user(), folder=rt.args.out)
    info = trust.office_key_info(rt.ctx())
    assert info is not None
    rt.out(
        {"file": str(path), "fingerprint": info.fingerprint},
        rt.say(
            f"Kunci publik ditulis ke {path}. Bacakan sidik kunci ini ke koordinator: "
            f"{info.fingerprint}",
            f"Public key written to {path}. Read this fingerprint to the coordinator: "
            f"{info.fingerprint}",
        ),
    )
    return 0


def cmd_keys_trust(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    ctx, actor = rt.ctx(), rt.user()
    # Typed while the other office reads it aloud, never copied from the file being trusted.
    # A rotated key endorsed by the office's old key trusted here needs no read-aloud.
    rotated = not rt.args.fingerprint and trust.rotation_vouched(ctx, rt.args.file)
    fingerprint = "" if rotated else rt.args.fingerprint or rt.ask("keys.ask_fingerprint")
    row = trust.trust_key(
        ctx, actor=actor, path=rt.args.file, fingerprint=fingerprint, office=rt.args.office
    )
    how_id = " (kunci pengganti, disahkan kunci lama kantor itu yang sudah dipercaya)"
    how_en = " (a replacement key, endorsed by that office's old key trusted here)"
    rt.out(
        {
            "office": row.office_kode,
            "fingerprint": row.fingerprint,
            "key_id": row.key_id,
            "rotation": rotated,
        },
        rt.say(
            f"Kunci {row.fingerprint} sekarang dipercaya untuk kantor {row.office_kode} "
            f"({row.office_nama}){how_id if rotated else ''}.",
            f"Key {row.fingerprint} is now trusted for office {row.office_kode} "
            f"({row.office_nama}){how_en if rotated else ''}.",
        ),
    )
    return 0


def cmd_keys_revoke(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    if not rt.args.fingerprint and not rt.args.office:
        raise CliError("keys.revoke_which")
    row = trust.revoke_key(
        rt.ctx(),
        actor=rt.user(),
        fingerprint=rt.args.fingerprint or "",
        office=rt.args.office,
        reason=rt.args.reason,
    )
    rt.out(
        {"office": row.office_kode, "fingerprint": row.fingerprint, "revoked": True},
        rt.say(
            f"Kunci {row.fingerprint} kantor {row.office_kode} dicabut.",
            f"Key {row.fingerprint} of office {row.office_kode} revoked.",
        ),
    )
    return 0


def cmd_keys_list(rt: Runtime) -> int:
    from rentan_desktop.services import trust

    rows = trust.list_keys(rt.ctx(), actor=rt.user())
    data = [
        {
            "office": r.office_kode,
            "name": r.office_nama,
            "fingerprint": r.fingerprint,
            "key_id": r.key_id,
            "revoked": r.revoked_at is not None,
            "revoke_reason": r.revoke_reason,
        }
        for r in rows
    ]
    lines = [
        f"{d['office']:<8} {d['fingerprint']}  {d['name']}"
        + ("  [DICABUT: " + str(d["revoke_reason"]) + "]" if d["revoked"] else "")
        for d in data
    ]
    rt.out(data, "\n".join(lines) or rt.say("Belum ada kunci tepercaya.", "No trusted keys yet."))
    return 0


def cmd_export_batch(rt: Runtime) -> int:
    from rentan_desktop.services import batch_recovery, batches

    if rt.args.finish:
        finished = batch_recovery.finish(rt.ctx(), actor=rt.user())
        rt.out(
            [f.__dict__ for f in finished],
            "\n".join(f.message for f in finished) or issues.text("cli.no_cut_short", rt.lang),
        )
        return 0
    if rt.args.out is None:
        raise CliError("cli.out_required")
    rt.unlock_key()
    done = batches.export_batch(
        rt.ctx(),
        actor=rt.user(),
        folder=rt.args.out,
        uuids=rt.args.uuid,
        recipient=rt.args.to,
        progress=_progress(rt),
    )
    rt.out(
        {
            "batch_id": done.batch_id,
            "seq": done.seq,
            "files": [str(p) for p in done.files],
            "rows": done.row_count,
            "new": done.new,
            "corrections": done.corrections,
        },
        rt.say(
            f"Batch {done.seq} ({done.row_count} data: {done.new} baru, {done.corrections} "
            f"perbaikan) ditulis dan diperiksa ulang di {done.xlsx.parent}. Aman untuk "
            f"dilepas setelah 'Eject'.",
            f"Batch {done.seq} ({done.row_count} records: {done.new} new, "
            f"{done.corrections} corrections) written and checked again in "
            f"{done.xlsx.parent}. Safe to remove after 'Eject'.",
        ),
    )
    return 0


def _report_data(report: Any, lang: str) -> dict[str, Any]:
    return {
        "file": str(report.files.xlsx),
        "ok": report.ok,
        "office": report.office,
        "seq": report.seq,
        "batch_id": report.batch_id,
        "rows": report.row_count,
        "errors": [e.as_dict(lang) for e in report.errors],
        "warnings": [w.as_dict(lang) for w in report.warnings],
    }


def cmd_verify_batch(rt: Runtime) -> int:
    from rentan_desktop.services import batch_import

    rt.unlock_key()
    report = batch_import.verify_batch(
        rt.ctx(), actor=rt.user(), path=rt.args.file, progress=_progress(rt)
    )
    head = rt.say(
        f"Batch {report.seq} dari kantor {report.office}: {report.row_count} data, ",
        f"Batch {report.seq} from office {report.office}: {report.row_count} records, ",
    ) + (rt.say("sah.", "genuine.") if report.ok else rt.say("DITOLAK.", "REFUSED."))
    lines = [head]
    if report.signer is not None:
        lines.append(
            rt.say("Penanda tangan: kunci ", "Signed by: key ")
            + report.signer.public_key.fingerprint
        )
    if report.ok:
        p = report.preview
        lines.append(
            rt.say(
                f"Jika diimpor: {p['new']} baru, {p['updated']} diperbarui, "
                f"{p['unchanged']} sama, {p['conflicts']} konflik, "
                f"{p['flagged']} kemungkinan ganda.",
                f"If imported: {p['new']} new, {p['updated']} updated, "
                f"{p['unchanged']} unchanged, {p['conflicts']} conflicts, "
                f"{p['flagged']} possible duplicates.",
            )
        )
    rt.out(
        {**_report_data(report, rt.lang), "preview": report.preview},
        "\n".join([*lines, *_messages(report.errors + report.warnings, rt.lang)]),
    )
    return 0 if report.ok else 1


def cmd_import_batch(rt: Runtime) -> int:
    from rentan_desktop.services import batch_import

    rt.unlock_key()
    results = batch_import.import_batches(
        rt.ctx(), actor=rt.user(), paths=rt.args.files, progress=_progress(rt)
    )
    data, lines = [], []
    for r in results:
        data.append({**_report_data(r.report, rt.lang), "imported": r.imported, **r.counts})
        name = Path(r.path).name
        if r.imported:
            c = r.counts
            lines.append(
                rt.say(
                    f"{name}: diimpor (batch {r.report.batch_id}) - {c['new']} baru, "
                    f"{c['updated']} diperbarui, {c['unchanged']} sama, {c['conflicts']} "
                    f"konflik, {c['flagged']} kemungkinan ganda.",
                    f"{name}: imported (batch {r.report.batch_id}) - {c['new']} new, "
                    f"{c['updated']} updated, {c['unchanged']} unchanged, {c['conflicts']} "
                    f"conflicts, {c['flagged']} possible duplicates.",
                )
            )
        else:
            lines.append(rt.say(f"{name}: tidak diimpor.", f"{name}: not imported."))
        lines += ["  " + t for t in _messages(r.errors + r.warnings, rt.lang)]
    rt.out(data, "\n".join(lines))
    return 0 if all(r.imported for r in results) else 1


def cmd_receipt_make(rt: Runtime) -> int:
    from rentan_desktop.services import receipts

    rt.unlock_key()
    made = receipts.make_receipt(rt.ctx(), actor=rt.user(), batch=rt.args.batch, folder=rt.args.out)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(made.counts.items()))
    rt.out(
        {"receipt_id": made.receipt_id, "file": str(made.path), "counts": made.counts},
        rt.say(
            f"Tanda terima ditulis ke {made.path} ({summary}).",
            f"Receipt written to {made.path} ({summary}).",
        ),
    )
    return 0


def cmd_receipt_import(rt: Runtime) -> int:
    from rentan_desktop.services import receipts

    rt.unlock_key()  # the items are sealed to this office (schema 2)
    result = receipts.import_receipt(rt.ctx(), actor=rt.user(), path=rt.args.file)
    from rentan_desktop.domain.lifecycle import label

    summary = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    refused = _messages(result.refused, rt.lang)
    # The clerk hears of each record the coordinator returned or set inactive, with its reason.
    news = [
        f"  {n.nama} ({n.nik_masked}): {label(n.status, rt.lang)} — {n.reason}" for n in result.news
    ]
    rt.out(
        {
            "ok": result.ok,
            "counts": result.counts,
            "errors": [e.as_dict(rt.lang) for e in result.errors],
            "refused": [e.as_dict(rt.lang) for e in result.refused],
            "news": [
                {
                    "uuid": n.uuid,
                    "nama": n.nama,
                    "nik": n.nik_masked,
                    "status": n.status.value,
                    "reason": n.reason,
                }
                for n in result.news
            ],
        },
        "\n".join(
            [
                rt.say(f"Tanda terima diterapkan: {summary}.", f"Receipt applied: {summary}."),
                *news,
                *refused,
            ]
        )
        if result.ok
        else "\n".join(_messages(result.errors, rt.lang)),
    )
    return 0 if result.ok else 1


def cmd_receipt_reconcile(rt: Runtime) -> int:
    from rentan_desktop.domain.lifecycle import label
    from rentan_desktop.services import reconciliation

    ctx, user = rt.ctx(), rt.user()
    recon = reconciliation.reconcile(ctx, actor=user, batch=rt.args.batch)
    printed = reconciliation.print_reconciliation(
        ctx, actor=user, batch=rt.args.batch, paper=rt.args.paper, output=rt.args.out
    )
    statuses = [s for s in reconciliation.ORDER if recon.here[s] or recon.per_receipt[s]]

    def text() -> str:
        en = rt.lang == "en"
        if recon.at_sender:
            lines = [
                (
                    "Status: here / per last receipt"
                    if en
                    else "Status: di kantor ini / menurut tanda terima"
                )
            ]
            lines += [
                f"  {label(s, rt.lang)}: {recon.here[s]} / {recon.per_receipt[s]}" for s in statuses
            ]
            lines.append(
                ("Agrees with the receipt." if en else "Sesuai dengan tanda terima.")
                if recon.agree
                else (
                    f"{len(recon.differences)} records differ:"
                    if en
                    else f"{len(recon.differences)} data berbeda:"
                )
            )
            lines += [
                f"  {d.nama} ({d.nik_masked}): {label(d.here, rt.lang)} / {label(d.receipt, rt.lang)}"
                + (f" — {d.reason}" if d.reason else "")
                for d in recon.differences
            ]
        else:
            lines = [
                "Status here (what the next receipt says)"
                if en
                else "Status di koordinator (isi tanda terima berikutnya)"
            ]
            lines += [f"  {label(s, rt.lang)}: {recon.here[s]}" for s in statuses]
        lines.append(f"PDF: {printed.path}")
        return "\n".join(lines)

    rt.out(
        {
            "batch": recon.batch,
            "agree": recon.agree,
            "file": str(printed.path),
            "here": {s.value: n for s, n in recon.here.items()},
            "per_receipt": {s.value: n for s, n in recon.per_receipt.items()},
            "differences": [
                {
                    "uuid": d.uuid,
                    "nama": d.nama,
                    "nik": d.nik_masked,
                    "here": d.here.value,
                    "receipt": d.receipt.value,
                    "reason": d.reason,
                }
                for d in recon.differences
            ],
        },
        text,
    )
    return 0 if recon.agree else 1


def cmd_receipt_resync(rt: Runtime) -> int:
    from rentan_desktop.services import batch_resync

    r = batch_resync.resync(rt.ctx(), actor=rt.user(), path=rt.args.file)
    rt.out(
        {"next_seq": r.next_seq, "resent_batches": r.batches, "records": r.records},
        rt.say(
            f"Nomor batch berikutnya: {r.next_seq}. {r.records} data akan dikirim ulang.",
            f"Next batch number: {r.next_seq}. {r.records} records will be sent again.",
        ),
    )
    return 0


def cmd_conflicts_list(rt: Runtime) -> int:
    from rentan_desktop.services import conflicts

    views = conflicts.list_conflicts(
        rt.ctx(), actor=rt.user(), status=None if rt.args.all else "open"
    )
    data, lines = [], []
    for v in views:
        diffs = [f for f in v.fields if f.differs]
        data.append(
            {
                "conflict": v.uuid,
                "kind": v.kind,
                "status": v.status,
                "incoming": v.incoming_uuid,
                "existing": v.existing_uuid,
                "fields": {f.key: {"incoming": f.incoming, "existing": f.existing} for f in diffs},
            }
        )
        data[-1]["sender"], data[-1]["why"] = v.sender, v.why(rt.lang)
        lines.append(
            f"{v.uuid}  [{v.kind}] {rt.say('dari kantor', 'from office')} "
            f"{v.place(v.sender or v.origin_office)}, "
            f"status {v.status}: {v.why(rt.lang)}"
        )
        lines += [
            f"    {f.header:<18} {rt.say('masuk', 'incoming')}: "
            f"{f.incoming_shown or f.incoming!r:<30} {rt.say('ada', 'here')}: "
            f"{f.existing_shown or f.existing!r}"
            for f in diffs
        ]
    rt.out(data, "\n".join(lines) or rt.say("Tidak ada konflik terbuka.", "No open conflicts."))
    return 0


def cmd_conflicts_decide(rt: Runtime) -> int:
    from rentan_desktop.services import conflicts

    choices: dict[str, str] = {}
    for item in rt.args.take:
        key, _, choice = item.partition("=")
        if not choice:
            raise CliError("cli.choice", value=item)
        choices[key.strip()] = choice.strip()
    view = conflicts.decide(
        rt.ctx(), actor=rt.user(), conflict=rt.args.conflict, choices=choices, reason=rt.args.reason
    )
    rt.out(
        {"conflict": view.uuid, "status": view.status, "decision": dict(view.decision)},
        rt.say(f"Konflik {view.uuid} diputuskan.", f"Conflict {view.uuid} decided."),
    )
    return 0


def cmd_transfer_owner(rt: Runtime) -> int:
    from rentan_desktop.services import ownership

    done = ownership.transfer(
        rt.ctx(),
        actor=rt.user(),
        uuids=rt.args.uuids,
        to_office=rt.args.to_office,
        reason=rt.args.reason,
    )
    rt.out(
        [{"uuid": t.uuid, "from": t.old_owner, "to": t.new_owner} for t in done],
        "\n".join(
            f"{t.uuid} ({t.nama}): {rt.say('kantor', 'office')} {t.old_owner or '-'} -> "
            f"{t.new_owner}"
            for t in done
        )
        or rt.say(
            "Tidak ada yang berubah: data sudah milik kantor itu.",
            "Nothing changed: the records already belong to that office.",
        ),
    )
    return 0


def cmd_bpjs_export(rt: Runtime) -> int:
    from rentan_desktop.services import bpjs

    start = None
    if rt.args.start:
        try:
            start = date.fromisoformat(rt.args.start)
        except ValueError as exc:
            raise CliError("cli.bad_date", value=rt.args.start) from exc
    done = bpjs.export_collective(
        rt.ctx(),
        actor=rt.user(),
        out=rt.args.out,
        start=start,
        mapping=rt.args.mapping,
        progress=_progress(rt),
    )
    rt.out(
        {"file": str(done.path), "rows": done.rows},
        rt.say(
            f"{done.rows} peserta ditulis ke {done.path}.",
            f"{done.rows} participants written to {done.path}.",
        ),
    )
    return 0


def cmd_bpjs_import(rt: Runtime) -> int:
    from rentan_desktop.services import bpjs

    r = bpjs.import_result(rt.ctx(), actor=rt.user(), path=rt.args.file, mapping=rt.args.mapping)
    rt.out(
        {
            "registered": r.registered,
            "already": r.already,
            "unknown": r.unknown,
            "not_ready": r.not_ready,
        },
        rt.say(
            f"{r.registered} peserta terdaftar BPJS, {r.already} sudah tercatat, "
            f"{len(r.unknown)} NIK tidak dikenal, {len(r.not_ready)} belum diterima.",
            f"{r.registered} participants registered with BPJS, {r.already} already "
            f"recorded, {len(r.unknown)} unknown NIKs, {len(r.not_ready)} not accepted yet.",
        ),
    )
    return 0
