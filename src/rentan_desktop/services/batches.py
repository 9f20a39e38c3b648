"""Export a signed batch to a folder (a USB stick): select, write, sign, read back, mark sent.

The records are selected and written from one read snapshot, so saves (here or in another
process) go on while the stick is written; the files are signed, renamed into place, read back
from the stick and verified, and only then are the records marked sent and the batch entered in
the ledger, in one short write transaction. Any failure (disk full, stick pulled, read-back
mismatch, cancel) removes the files this export created, so no record is ever marked sent for a
batch that is not safely on the stick. A kill between publishing and marking is the one window
left: the export journal (:mod:`~rentan_desktop.services.export_journal`) records it and
:mod:`~rentan_desktop.services.batch_recovery` finishes it at the next start.

Which records are ready: at a kecamatan, status ``verified`` (confirmed by the RT head); at a
regency or province office, status ``accepted`` (the onward batch to the next level). At every
level, a record already sent whose version is newer than the version sent (a correction) travels
again as a new version and keeps its status.
"""

from __future__ import annotations

import os
import sqlite3
import uuid as uuidlib
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

import rentan_desktop
from rentan_desktop.domain import issues
from rentan_desktop.domain.lifecycle import Status
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io import batch_files as bf
from rentan_desktop.io import orphans
from rentan_desktop.io.batch_rows import HEADERS, KEYS, RowsHasher, canonical_text, row_hash
from rentan_desktop.io.batch_xlsx import TextSheetWriter
from rentan_desktop.services import audit, batch_resync, export_journal, lookups, privacy, trust
from rentan_desktop.services.batch_verify import verify_written
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.services.errors import UserError
from rentan_desktop.signing import documents, sealed
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_BATCH
from rentan_desktop.storage import migrate, registrant_table
from rentan_desktop.storage.batch_models import BatchLedger
from rentan_desktop.storage.driver_sql import Rows, driver_of, for_server
from rentan_desktop.storage.models import User
from rentan_desktop.storage.types import utcnow

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

READY_STATUS = {
    "kecamatan": Status.VERIFIED,
    "kabupaten": Status.ACCEPTED,
    "provinsi": Status.ACCEPTED,
}
# Statuses in which an edited record travels again as a correction (its status is kept).
CORRECTABLE = (Status.SENT, Status.ACCEPTED, Status.REGISTERED, Status.RETURNED)

# The export query: the batch columns (io/batch_rows.KEYS) then what marking needs, built from
# that one key list by the registrant row's owner. SQLite hands back dates and timestamps as the
# ISO text they are stored as, which is exactly the canonical cell text.
_EXPORT_KEYS = (*KEYS, "id", "sent_version")
_SELECT = (
    "SELECT "
    + registrant_table.select_list(_EXPORT_KEYS, others={"sumber_dana": "s.kode"})
    + " FROM registrant r JOIN sumber_dana s ON s.id = r.sumber_dana_id "
)
_STATUS_COL = KEYS.index("status")

EXPORT_RUNNING, EXPORT_CUT_SHORT, EXPORT_RACE = (
    "batch.export_running",
    "batch.export_cut_short",
    "batch.export_race",
)
issues.define_all(
    {
        EXPORT_RUNNING: (
            "Ekspor batch {seq} ({file}) sedang berjalan di jendela atau perintah lain; tunggu sampai "
            "selesai, lalu ulangi.",
            "Batch {seq} ({file}) is being exported by another window or command; wait until it "
            "finishes, then try again.",
        ),
        EXPORT_CUT_SHORT: (
            "Ekspor batch {seq} ({file}) terputus sebelum dicatat terkirim. Selesaikan dulu: di "
            "aplikasi tekan Selesaikan ekspor, atau jalankan rentan export-batch --finish.",
            "The export of batch {seq} ({file}) was cut short before it was recorded as sent. Finish "
            "it first: press Finish export in the app, or run rentan export-batch --finish.",
        ),
        EXPORT_RACE: (
            "Batch nomor {seq} baru saja dicatat oleh ekspor lain; berkas ini dihapus dan tidak ada "
            "yang ditandai terkirim. Ekspor lagi.",
            "Batch number {seq} was just recorded by another export; these files were removed and "
            "nothing was marked sent. Export again.",
        ),
    }
)


class ExportCancelled(UserError):
    """The user cancelled; nothing was written or marked."""

    def __init__(self) -> None:
        super().__init__(m.BATCH_CANCELLED)


@dataclass(frozen=True)
class ReadyCount:
    """How many records an export would carry now."""

    new: int
    corrections: int

    @property
    def total(self) -> int:
        return self.new + self.corrections


@dataclass(frozen=True)
class ExportResult:
    """A batch safely written and verified on the stick."""

    batch_id: str
    seq: int
    xlsx: Path  # the sealed workbook on the stick (``.rbatch``); any batch file path will do
    files: tuple[Path, ...]
    row_count: int
    new: int
    corrections: int
    fingerprint: str


_ID_COL = _EXPORT_KEYS.index("id")
_SENT_VERSION_COL = _EXPORT_KEYS.index("sent_version")


def _ready_query(level: str, select: str) -> tuple[str, tuple[str, int]]:
    # A kecamatan sends every RT-verified record (a returned record verified again goes again);
    # upper offices send accepted records not yet sent onward. Corrections travel at every level.
    ready = READY_STATUS.get(level, Status.VERIFIED).value
    always = 1 if level == "kecamatan" else 0
    placeholders = ",".join(f"'{s.value}'" for s in CORRECTABLE)
    sql = (
        select
        + "WHERE (r.status = ? AND (? OR r.sent_version IS NULL OR r.version > r.sent_version)) "
        + f"OR (r.status IN ({placeholders}) AND r.sent_version IS NOT NULL "
        + "AND r.version > r.sent_version) "
    )
    return sql, (ready, always)


def _cursor(session: Session, sql: str, params: tuple[Any, ...]) -> Any:
    # The plain sqlite3 cursor streams rows one by one (150,000 full rows held at once would cost
    # hundreds of MB); it shares the session's connection and so its transaction. On a server
    # the rows stream from a server-side cursor.
    con = driver_of(session)
    if isinstance(con, sqlite3.Connection):
        return con.execute(sql, params)
    return Rows(
        con.conn.execution_options(stream_results=True, max_row_buffer=2000).exec_driver_sql(
            for_server(sql), tuple(params)
        )
    )


def _ready_rows(
    session: Session, level: str, uuids: Sequence[str] | None
) -> Generator[tuple[Any, ...], None, None]:
    sql, params = _ready_query(level, _SELECT)
    rows = _cursor(session, sql + "ORDER BY r.id", params)
    if uuids is None:
        yield from rows
        return
    wanted = set(uuids)
    yield from (r for r in rows if r[0] in wanted)


def _is_new(record: tuple[Any, ...]) -> bool:
    return record[_SENT_VERSION_COL] is None


def _ready_counts(session: Session, level: str, uuids: Sequence[str] | None) -> ReadyCount:
    sql, params = _ready_query(level, "SELECT r.uuid, r.sent_version IS NULL FROM registrant r ")
    rows = _cursor(session, sql, params)
    wanted = set(uuids) if uuids is not None else None
    new = corrections = 0
    for uuid, is_new in rows:
        if wanted is None or uuid in wanted:
            new, corrections = (new + 1, corrections) if is_new else (new, corrections + 1)
    return ReadyCount(new, corrections)


def ready_count(ctx: AppContext, *, actor: User) -> ReadyCount:
    """Records ready to send: new ones and corrections of records already sent."""
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    with ctx.db.reader() as session:
        return _ready_counts(session, office.level, None)


@dataclass(frozen=True)
class DesaReady:
    """Records of one desa an export would carry now."""

    kode: str
    nama: str
    new: int
    corrections: int


def ready_by_desa(ctx: AppContext, *, actor: User) -> list[DesaReady]:
    """What the next batch would carry, per desa (most first): the same selection rule as the
    export, so the rows shown are exactly the rows it will write."""
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    new: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    with ctx.db.reader() as session:
        sql, params = _ready_query(
            office.level, "SELECT r.desa_kode, r.sent_version IS NULL FROM registrant r "
        )
        for desa, is_new in _cursor(session, sql, params):
            (new if is_new else fixes)[desa] += 1
    codes = sorted(set(new) | set(fixes))
    names = lookups.region_names(ctx, codes) if codes else {}
    rows = [DesaReady(k, names.get(k, k), new[k], fixes[k]) for k in codes]
    return sorted(rows, key=lambda r: (-(r.new + r.corrections), r.nama))


def _texts(record: tuple[Any, ...], status: str) -> list[str]:
    row = ["" if v is None else canonical_text(str(v)) for v in record[: len(KEYS)]]
    row[_STATUS_COL] = status
    return row


def _next_seq(session: Session, office: str) -> tuple[int, str]:
    last = session.exec(
        select(BatchLedger)
        .where(
            BatchLedger.kind == "batch",
            BatchLedger.direction == "out",
            BatchLedger.office_kode == office,
        )
        .order_by(BatchLedger.seq.desc())  # type: ignore[attr-defined]
    ).first()
    floor = batch_resync.seq_floor(session, office)
    if floor is not None and (last is None or floor[0] >= last.seq):
        return floor[0] + 1, floor[1]  # resynced after a restore: continue the coordinator's chain
    return (last.seq + 1, last.doc_sha256) if last else (1, "")


def export_batch(
    ctx: AppContext,
    *,
    actor: User,
    folder: Path,
    uuids: Sequence[str] | None = None,
    recipient: str = "",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the ready records (or the ready ones among ``uuids``) as a signed batch in ``folder``.

    Args:
        ctx: application context.
        actor: the clerk exporting (needs ``batch.export``).
        folder: destination folder, normally the root of a USB stick.
        uuids: an explicit selection; only those of them that are ready are sent.
        recipient: office code of the coordinator it is meant for ('' = any).
        progress: called as ``progress(done, total)`` while rows are written.
        cancelled: polled between rows; returning True abandons the export (nothing changes).

    Raises:
        UserError: nothing ready, no key, write failure, read-back failure, or cancelled.
    """
    require(actor, Perm.BATCH_EXPORT)
    office = require_office(ctx)
    key = trust.office_key(ctx)
    folder = Path(folder)
    db_path = ctx.db.path
    pending = export_journal.entries(db_path)
    if pending:  # finish (or wait for) the export before: the next one would reuse its number
        first = pending[0]
        code = EXPORT_RUNNING if first.owner_alive() else EXPORT_CUT_SHORT
        raise UserError(code, seq=first.seq, file=first.files[0])
    orphans.sweep(
        folder
    )  # half a batch left by an export killed mid-write (plaintext on the stick)
    created: list[Path] = []
    entry: export_journal.Entry | None = None
    # The readable workbook exists only in the data folder's scratch space; the stick gets it
    # sealed to the recipient office (a lost stick leaks nothing).
    plain = ctx.scratch_dir() / f"export-{uuidlib.uuid4().hex}.xlsx"
    try:
        # Read and write the batch from one snapshot, outside any write transaction: saves from
        # this app and other processes go on while the stick is written (minutes for a big batch).
        with ctx.db.reader() as session:
            recipient = recipient or trust.default_recipient(session, office.kode)
            if not recipient:
                raise UserError(trust.KEY_RECIPIENT_NEEDED)
            sealed_to = trust.recipient(session, recipient)
            total = _ready_counts(session, office.level, uuids).total
            if not total:
                raise UserError(m.BATCH_NOTHING_TO_SEND)
            seq, prev = _next_seq(session, office.kode)
            batch_id = str(uuidlib.uuid4())
            stem = bf.batch_stem(office.kode, seq)
            xlsx = folder / f"{stem}.xlsx"
            payload = bf.sealed_path(xlsx)
            finals = (payload, bf.manifest_path(xlsx), bf.signature_path(xlsx))
            temps = tuple(bf.temp_name(p) for p in finals)
            created.extend(temps + finals)
            ready = READY_STATUS.get(office.level, Status.VERIFIED).value
            now = utcnow()
            rows = _ready_rows(session, office.level, uuids)
            try:
                hashes, counts, marks = _write_workbook(
                    plain,
                    rows,
                    total,
                    ready,
                    office,
                    batch_id,
                    seq,
                    actor.username,
                    now.isoformat(),
                    progress,
                    cancelled,
                    tmpdir=ctx.scratch_dir(),
                )
            finally:
                rows.close()  # release the cursor while its connection is still open
            audit_head, audit_event = audit.head(session), audit.head_id(session)
        xlsx_sha, xlsx_size = bf.sha256_file(plain)
        with open(plain, "rb") as src, open(temps[0], "wb") as dst:
            sealed.seal_stream(src, dst, sealed_to.encryption_key)
            dst.flush()
            os.fsync(dst.fileno())
        payload_sha, payload_size = bf.sha256_file(temps[0])
        manifest = {
            "schema": bf.BATCH_SCHEMA,
            "batch_id": batch_id,
            "office": office.kode,
            "office_name": office.nama,
            "recipient": recipient,
            "key_id": key.public_key.key_id,
            "seq": seq,
            "prev_batch_sha256": prev,
            "created_at": now.isoformat(),
            "created_by": actor.username,
            "row_count": len(marks),
            "columns": list(KEYS),
            "xlsx_file": xlsx.name,
            "xlsx_sha256": xlsx_sha,
            "xlsx_size": xlsx_size,
            "rows_sha256": hashes.hexdigest(),
            "row_hashes": hashes.entries,
            "payload_file": payload.name,
            "payload_sha256": payload_sha,
            "payload_size": payload_size,
            "sealed_to": sealed.key_id(sealed_to.encryption_key),
            "app_version": rentan_desktop.__version__,
            "schema_version": migrate.head_revision(),
            "audit_head_sha256": audit_head,
            "audit_head_event": audit_event,
        }
        signed = documents.sign(key, DOMAIN_BATCH, manifest)
        bf.write_bytes_synced(temps[1], signed.body)
        bf.write_bytes_synced(temps[2], signed.signature_file)
        # From here a kill can leave a signed batch on the stick: journal it first.
        entry = export_journal.write(
            db_path,
            export_journal.Entry(
                batch_id=batch_id,
                seq=seq,
                office=office.kode,
                folder=str(folder),
                files=[p.name for p in finals],
                state=export_journal.WRITING,
                created_at=now.isoformat(),
                created_by=actor.username,
                recipient=recipient,
                key_id=key.public_key.key_id,
                prev_sha256=prev,
                manifest_sha256=signed.sha256,
                marks=[list(mark) for mark in marks],
            ),
        )
        bf.publish(list(zip(temps, finals, strict=True)))
        entry = export_journal.advance(db_path, entry, export_journal.PUBLISHED)
        # Read back from the stick, as the coordinator will, before anything is marked sent:
        # the sealed bytes and the manifest there, the rows of the workbook that was sealed.
        if not verify_written(xlsx, key.public_key, signed.body, plain=plain):
            raise UserError(m.BATCH_READBACK_FAILED, folder=str(folder))
        entry = export_journal.advance(db_path, entry, export_journal.VERIFIED)
        with ctx.db.writer() as session:  # short: the marks only
            _mark_sent(
                session,
                actor,
                office.kode,
                batch_id,
                seq,
                signed.sha256,
                prev,
                manifest["recipient"],
                manifest["key_id"],
                xlsx.name,
                ready,
                marks,
                now,
            )
        export_journal.remove(db_path, batch_id)
    except UserError:
        _abandon(db_path, entry, created)
        raise
    except OSError as exc:
        _abandon(db_path, entry, created)
        raise UserError(
            m.BATCH_WRITE_FAILED, folder=str(folder), detail=exc.strerror or type(exc).__name__
        ) from exc
    except BaseException:
        _abandon(db_path, entry, created)
        raise
    finally:
        plain.unlink(missing_ok=True)
    return ExportResult(
        batch_id,
        seq,
        payload,
        finals,
        len(marks),
        counts["new"],
        counts["corrections"],
        key.public_key.fingerprint,
    )


def _abandon(db_path: Path, entry: export_journal.Entry | None, created: list[Path]) -> None:
    """A failed export (not a kill): its files go, then its journal entry (nothing was marked)."""
    bf.discard(created)
    if entry is not None:
        export_journal.remove(db_path, entry.batch_id)


class _Hashes(RowsHasher):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[str] = []


# What marking needs to know about each row written: id, uuid, version, marked sent (not a correction).
Mark = tuple[int, str, int, bool]


def _write_workbook(
    path: Path,
    records: Iterator[tuple[Any, ...]],
    total: int,
    ready: str,
    office: Any,
    batch_id: str,
    seq: int,
    username: str,
    when: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
    tmpdir: Path | None = None,
) -> tuple[_Hashes, Counter[str], list[Mark]]:
    hashes = _Hashes()
    counts: Counter[str] = Counter()
    per_desa: Counter[str] = Counter()
    marks: list[Mark] = []
    desa_col = KEYS.index("desa_kode")
    version_col = KEYS.index("version")
    with TextSheetWriter(path, HEADERS, tmpdir=tmpdir) as writer:
        for done, record in enumerate(records, start=1):
            marked = record[_STATUS_COL] == ready
            row = _texts(record, Status.SENT.value if marked else record[_STATUS_COL])
            signed_row = row_hash(row)
            hashes.add(signed_row.digest)
            hashes.entries.append(signed_row.encode())
            writer.add_row(row)
            marks.append((record[_ID_COL], record[0], record[version_col], marked))
            counts["new" if _is_new(record) else "corrections"] += 1
            per_desa[row[desa_col]] += 1
            if done % 1000 == 0 or done == total:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                if progress is not None:
                    progress(done, total)
        summary: list[tuple[str, str | int]] = [
            ("Batch data pekerja rentan", ""),
            ("Kantor pengirim", f"{office.kode} {office.nama}"),
            ("Nomor batch", seq),
            ("ID batch", batch_id),
            ("Dibuat", when),
            ("Dibuat oleh", username),
            ("Jumlah data", total),
            ("Data baru", counts["new"]),
            ("Perbaikan data terkirim", counts["corrections"]),
            ("Catatan", "Jangan mengubah berkas ini: perubahan membuat tanda tangan tidak sah."),
            ("", ""),
            ("Jumlah per desa", ""),
        ]
        summary += [(desa, n) for desa, n in sorted(per_desa.items())]
        writer.close(summary)
    return hashes, counts, marks


def _mark_sent(
    session: Session,
    actor: User | str,
    office: str,
    batch_id: str,
    seq: int,
    doc_sha256: str,
    prev: str,
    recipient: str,
    key_id: str,
    file_name: str,
    ready: str,
    marks: Sequence[Sequence[Any]],
    now: Any,
) -> None:
    """Enter the batch in the ledger and mark its records sent, as of the versions it carries.

    The batch was read from a snapshot: a record edited since keeps its newer version, so
    ``sent_version`` is the version written (the edit travels later as a correction), and only a
    record still in the ready status becomes ``sent``.
    """
    taken = session.exec(
        select(BatchLedger).where(
            BatchLedger.kind == "batch",
            BatchLedger.direction == "out",
            BatchLedger.office_kode == office,
            BatchLedger.seq == seq,
        )
    ).first()
    if taken is not None:  # another export (another process) marked this number meanwhile
        raise UserError(EXPORT_RACE, seq=seq)
    username = actor if isinstance(actor, str) else actor.username
    ledger = BatchLedger(
        kind="batch",
        direction="out",
        doc_uuid=batch_id,
        office_kode=office,
        recipient_kode=recipient,
        seq=seq,
        doc_sha256=doc_sha256,
        prev_sha256=prev,
        key_id=key_id,
        row_count=len(marks),
        file_name=file_name,
        created_at=now,
        created_by=username,
        recorded_at=utcnow(),
        recorded_by=username,
        status="sent",
    )
    session.add(ledger)
    session.flush()
    conn = session.connection()
    stamp = utcnow().isoformat(timespec="microseconds")
    # Records still in the ready status become sent, as of the version written.
    registrant_table.move_status(
        conn,
        old=ready,
        new=Status.SENT,
        rows=[(ident, version) for ident, _, version, marked in marks if marked],
        fields=("sent_version",),
        actor=username,
        at=stamp,
    )
    # Corrections, and fresh records whose status moved on meanwhile: the version is sent.
    registrant_table.update_many(
        conn,
        ("sent_version",),
        [(version, ident, version) for ident, _, version, _ in marks],
        by="id",
        below="sent_version",
    )
    conn.execute(
        text(
            "INSERT INTO batch_item(ledger_id, registrant_uuid, version, outcome, reason) "
            "VALUES (:ledger, :uuid, :version, 'sent', '')"
        ),
        [{"ledger": ledger.id, "uuid": uuid, "version": version} for _, uuid, version, _ in marks],
    )
    audit.record(
        session,
        actor,
        "batch.export",
        "batch",
        batch_id,
        {
            "seq": seq,
            "rows": len(marks),
            "file": file_name,
            "sha256": doc_sha256,
            "recipient": recipient,
        },
    )
    # The workbook inside the sealed payload carries full NIKs: listed with the other such files.
    privacy.record_full_nik_file(session, actor, kind="batch", file_name=file_name, rows=len(marks))
