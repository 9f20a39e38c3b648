"""Finishing a batch export that was cut short (a kill or a power cut between stick and database).

The export journal (:mod:`~rentan_desktop.services.export_journal`) says how far the export got.
Finishing decides, for each such export, the one outcome that keeps the stick and the database
telling the same story, and says what the clerk must do:

- the batch is complete on the stick (published, or read back): its records are marked sent as of
  the versions it carries, exactly as the export would have; if the stick is not in the PC, the
  batch is still marked sent (a valid signed copy exists) and the clerk is told to make sure that
  stick reaches the coordinator;
- the files on the stick are incomplete or do not verify: they are removed, nothing is marked,
  and the clerk exports again;
- the export was recorded as sent already (killed after marking): only the journal entry goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from rentan_desktop.domain import issues
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import batch_files as bf
from rentan_desktop.services import audit, export_journal, trust
from rentan_desktop.services.batch_verify import verify_written
from rentan_desktop.services.batches import READY_STATUS, _mark_sent
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.signing import documents
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.models import User

MARKED, MARKED_UNSEEN, DISCARDED, ALREADY = "marked", "marked_unseen", "discarded", "already"

issues.define_all(
    {
        "batch.recovery_pending": (
            "Ekspor batch {seq} ({file}) ke {folder} terputus (aplikasi tertutup atau listrik padam) "
            "sebelum dicatat terkirim. Tekan Selesaikan ekspor (atau jalankan rentan export-batch "
            "--finish) sebelum mengekspor lagi.",
            "The export of batch {seq} ({file}) to {folder} was cut short (app closed or power cut) "
            "before it was recorded as sent. Press Finish export (or run rentan export-batch --finish) "
            "before exporting again.",
        ),
        "batch.recovery_marked": (
            "Batch {seq} ({file}) ada utuh di flashdisk dan kini dicatat terkirim ({rows} data). "
            "Bawa flashdisk itu ke koordinator seperti biasa.",
            "Batch {seq} ({file}) is complete on the stick and is now recorded as sent ({rows} "
            "records). Take that stick to the coordinator as usual.",
        ),
        "batch.recovery_marked_unseen": (
            "Batch {seq} ({file}) sudah lengkap ditulis ke {folder} sebelum terputus, jadi dicatat "
            "terkirim ({rows} data). Flashdisk itu tidak terpasang sekarang: pastikan berkas {file} "
            "di flashdisk itu sampai ke koordinator; jika hilang, minta koordinator menghubungi kantor.",
            "Batch {seq} ({file}) was completely written to {folder} before the cut, so it is "
            "recorded as sent ({rows} records). That stick is not plugged in now: make sure {file} on "
            "it reaches the coordinator; if it is lost, ask the coordinator to contact the office.",
        ),
        "batch.recovery_discarded": (
            "Batch {seq} ({file}) tidak selesai ditulis; berkas yang ada di flashdisk dihapus dan "
            "tidak ada data yang ditandai terkirim. Ekspor lagi.",
            "Batch {seq} ({file}) was not completely written; its files on the stick were removed and "
            "nothing was marked sent. Export again.",
        ),
        "batch.recovery_discarded_unseen": (
            "Batch {seq} ({file}) terputus sebelum berkasnya lengkap; tidak ada data yang ditandai "
            "terkirim. Jika flashdisk {folder} masih berisi berkas {stem}.*, hapus berkas itu sebelum "
            "dibawa, lalu ekspor lagi.",
            "Batch {seq} ({file}) was cut short before its files were complete; nothing was marked "
            "sent. If the stick {folder} still holds {stem}.* files, delete them before it travels, "
            "then export again.",
        ),
        "batch.recovery_already": (
            "Batch {seq} ({file}) sudah tercatat terkirim; tidak ada yang perlu dilakukan.",
            "Batch {seq} ({file}) was already recorded as sent; nothing to do.",
        ),
    }
)


@dataclass(frozen=True)
class Finished:
    """What finishing one cut-short export did, with the sentence for the clerk."""

    seq: int
    file: str
    outcome: str
    message: str


def pending(ctx: AppContext) -> list[export_journal.Entry]:
    """Exports cut short on this database (their process is gone)."""
    return export_journal.cut_short(ctx.db.path)


def describe(entry: export_journal.Entry, lang: str | None = None) -> str:
    """The sentence shown at start for one cut-short export."""
    return issues.text(
        "batch.recovery_pending", lang, seq=entry.seq, file=entry.files[0], folder=entry.folder
    )


def _files_state(entry: export_journal.Entry) -> tuple[bool, bool]:
    """(the stick's folder is there, all three final files are there)."""
    folder = Path(entry.folder)
    if not folder.is_dir():
        return False, False
    return True, all((folder / name).is_file() for name in entry.files)


def _verifies(ctx: AppContext, entry: export_journal.Entry) -> bool:
    xlsx = entry.xlsx
    try:
        body = bf.manifest_path(xlsx).read_bytes()
    except OSError:
        return False
    if documents.SignedDocument(body, b"").sha256 != entry.manifest_sha256:
        return False
    own = trust.own_public_key(ctx)  # the public half: finishing needs no passphrase
    return own is not None and verify_written(xlsx, own, body)


def _our_files(entry: export_journal.Entry) -> list[Path]:
    finals = [Path(entry.folder) / name for name in entry.files]
    # The temporaries carry the dead exporter's process id (io.batch_files.temp_name).
    return [p.with_name(f".{p.name}.{entry.pid}.part") for p in finals] + finals


def finish(ctx: AppContext, *, actor: User) -> list[Finished]:
    """Finish every export cut short on this database; one result (and sentence) per batch."""
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    ready = READY_STATUS.get(office.level).value  # type: ignore[union-attr]
    done: list[Finished] = []
    for entry in pending(ctx):
        params = {
            "seq": entry.seq,
            "file": entry.files[0],
            "folder": entry.folder,
            "rows": len(entry.marks),
            "stem": Path(entry.files[0]).stem,
        }
        with ctx.db.writer() as session:
            recorded = session.exec(
                select(BatchLedger).where(BatchLedger.doc_uuid == entry.batch_id)
            ).first()
            if recorded is not None:
                outcome = ALREADY
            else:
                present, complete = _files_state(entry)
                published = entry.state != export_journal.WRITING or complete
                if present and complete and _verifies(ctx, entry):
                    outcome = MARKED
                elif not present and published:
                    outcome = MARKED_UNSEEN
                else:
                    outcome = DISCARDED if present else "discarded_unseen"
                if outcome in (MARKED, MARKED_UNSEEN):
                    _mark_sent(
                        session,
                        actor,
                        entry.office,
                        entry.batch_id,
                        entry.seq,
                        entry.manifest_sha256,
                        entry.prev_sha256,
                        entry.recipient,
                        entry.key_id,
                        entry.files[0],
                        ready,
                        [tuple(mark) for mark in entry.marks],
                        datetime.fromisoformat(entry.created_at),
                    )
                audit.record(
                    session,
                    actor,
                    "batch.export_finished",
                    "batch",
                    entry.batch_id,
                    {"seq": entry.seq, "state": entry.state, "outcome": outcome},
                )
        if outcome == DISCARDED:
            bf.discard(_our_files(entry))  # after the commit: the audit says why they went
        export_journal.remove(ctx.db.path, entry.batch_id)
        message = issues.text(f"batch.recovery_{outcome}", ctx.language, **params)
        done.append(Finished(entry.seq, entry.files[0], outcome, message))
    return done
