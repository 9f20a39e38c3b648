"""Verify a signed batch and name the exact reason for a refusal.

Order of checks (reliability.md R17): files present -> manifest well formed and of a supported
version -> signer trusted for that office and not revoked -> signature -> addressed to us -> ledger
(already imported, same number reused, broken chain; a gap is only a warning) -> workbook bytes
equal the signed hash -> every row equal to its signed hash. The workbook is parsed only after its
bytes matched the signed hash, except to diagnose a changed file: then it first passes the xlsx
guard (zip-bomb and formula checks) and the report names the first changed row and field.
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue
from rentan_desktop.io import batch_files as bf
from rentan_desktop.io import xlsx_guard
from rentan_desktop.io.batch_rows import (
    COLUMNS,
    HEADERS,
    KEYS,
    RowHash,
    RowsHasher,
    changed_fields,
    row_digest,
)
from rentan_desktop.io.batch_xlsx import WorkbookReadError, read_text_rows, row_location
from rentan_desktop.signing import documents, sealed
from rentan_desktop.signing import exchange_issues as m
from rentan_desktop.signing.keys import DOMAIN_BATCH, PublicKey, TrustedKey
from rentan_desktop.storage.batch_models import BatchLedger

IDENTITY = [c.identity for c in COLUMNS]


@dataclass(frozen=True)
class BatchFiles:
    """The three files of one batch; ``xlsx`` is the readable workbook once decrypted.

    ``sealed`` is the workbook sealed to the recipient (schema 2), None for a schema 1 batch.
    """

    xlsx: Path
    manifest: Path
    signature: Path
    sealed: Path | None = None

    @classmethod
    def locate(cls, path: Path) -> BatchFiles:
        """Accept the sealed file, workbook, manifest or signature path and find the others."""
        path = Path(path)
        name = path.name
        for suffix in (".manifest.json", ".manifest.sig", bf.SEALED_SUFFIX):
            if name.endswith(suffix):
                path = path.with_name(name[: -len(suffix)] + ".xlsx")
        sealed = bf.sealed_path(path)
        return cls(
            path,
            bf.manifest_path(path),
            bf.signature_path(path),
            sealed if sealed.exists() or not path.exists() else None,
        )

    @property
    def payload(self) -> Path:
        """The file the manifest's payload hash covers: sealed file, or the plain workbook."""
        return self.sealed if self.sealed is not None else self.xlsx


@dataclass
class VerifyReport:
    """What verification found; ``errors`` empty means the batch may be imported."""

    files: BatchFiles
    manifest: dict[str, Any] | None = None
    doc_sha256: str = ""
    signer: TrustedKey | None = None
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # What an import would do now: new, updated, unchanged, conflicts, flagged (verify only).
    preview: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def office(self) -> str:
        return str((self.manifest or {}).get("office", ""))

    @property
    def seq(self) -> int:
        return int((self.manifest or {}).get("seq", 0))

    @property
    def batch_id(self) -> str:
        return str((self.manifest or {}).get("batch_id", ""))

    @property
    def row_count(self) -> int:
        return int((self.manifest or {}).get("row_count", 0))

    def messages(self, lang: str | None = None) -> list[str]:
        """Every error, then every warning, as sentences."""
        return [i.message(lang) for i in self.errors + self.warnings]


def check_document(
    session: Session, path: Path, own_office: str, trusted: list[TrustedKey]
) -> VerifyReport:
    """Everything but the rows: files, manifest, signer, signature, recipient, ledger."""
    report = VerifyReport(BatchFiles.locate(path))
    files = report.files
    for part in (files.payload, files.manifest, files.signature):
        if not part.is_file():
            report.errors.append(issues.error(m.BATCH_FILES_MISSING, file=part.name))
            return report
    body = files.manifest.read_bytes()  # read once: what is checked is what is hashed
    try:
        opened = documents.open_signed(body, files.signature.read_bytes(), DOMAIN_BATCH, trusted)
    except documents.DocumentError as exc:
        report.errors.append(issues.error(m.BATCH_MANIFEST_MALFORMED, detail=str(exc)))
        return report
    doc = opened.document
    report.manifest = doc
    if doc.get("schema") not in bf.SUPPORTED_BATCH_SCHEMAS or doc.get("columns") != list(KEYS):
        report.errors.append(issues.error(m.BATCH_VERSION, version=str(doc.get("schema"))))
        return report
    problems = bf.manifest_problems(doc)
    if problems:
        report.errors.append(issues.error(m.BATCH_MANIFEST_MALFORMED, detail=", ".join(problems)))
        return report
    office = doc["office"]
    signer = opened.signer
    if signer is None or signer.office != office:
        report.errors.append(issues.error(m.BATCH_UNKNOWN_SIGNER, office=office, key=opened.key_id))
        return report
    report.signer = signer
    fingerprint = signer.public_key.fingerprint
    if not opened.signature_ok:
        report.errors.append(issues.error(m.BATCH_BAD_SIGNATURE, office=office))
        return report
    if signer.revoked:
        report.errors.append(
            issues.error(
                m.BATCH_REVOKED_SIGNER,
                office=office,
                fingerprint=fingerprint,
                date=signer.revoked_on or "?",
            )
        )
        return report
    if doc["recipient"] and doc["recipient"] != own_office:
        report.errors.append(
            issues.error(m.BATCH_WRONG_RECIPIENT, recipient=doc["recipient"], office=own_office)
        )
        return report
    if doc["schema"] == bf.BATCH_SCHEMA and not _sealed_file_matches(report, doc, own_office):
        return report
    report.doc_sha256 = documents.SignedDocument(body, b"").sha256
    _check_ledger(session, report)
    if report.ok:
        _check_audit_head(session, report)
    return report


def _sealed_file_matches(report: VerifyReport, doc: dict[str, Any], own_office: str) -> bool:
    """Schema 2: addressed to us by name, and the sealed bytes are exactly the signed ones.

    All of this is checked before anything is decrypted: a stranger's or altered file is refused
    without the office key being asked for.
    """
    files = report.files
    if doc["recipient"] != own_office:
        report.errors.append(
            issues.error(m.BATCH_WRONG_RECIPIENT, recipient=doc["recipient"], office=own_office)
        )
        return False
    if files.sealed is None or files.sealed.name != doc["payload_file"]:
        report.errors.append(issues.error(m.BATCH_FILES_MISSING, file=doc["payload_file"]))
        return False
    digest, size = bf.sha256_file(files.sealed)
    if digest != doc["payload_sha256"] or size != doc["payload_size"]:
        report.errors.append(issues.error(m.BATCH_FILE_CHANGED))
        return False
    return True


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [0]:
        if n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = n
    return ", ".join(parts)


def _check_ledger(session: Session, report: VerifyReport) -> None:
    doc = report.manifest or {}
    entries = {
        e.seq: e
        for e in session.exec(
            select(BatchLedger).where(
                BatchLedger.kind == "batch",
                BatchLedger.direction == "in",
                BatchLedger.office_kode == doc["office"],
            )
        ).all()
    }
    seq, office = doc["seq"], doc["office"]
    same = entries.get(seq)
    if same is not None:
        if same.doc_sha256 == report.doc_sha256:
            when = same.recorded_at.date().isoformat()
            report.errors.append(
                issues.error(m.BATCH_ALREADY_IMPORTED, seq=seq, office=office, when=when)
            )
        else:
            report.errors.append(issues.error(m.BATCH_SEQ_CONFLICT, seq=seq, office=office))
        return
    if any(e.doc_uuid == doc["batch_id"] for e in entries.values()):
        report.errors.append(issues.error(m.BATCH_SEQ_CONFLICT, seq=seq, office=office))
        return
    before, after = entries.get(seq - 1), entries.get(seq + 1)
    if (
        (before is not None and before.doc_sha256 != doc["prev_batch_sha256"])
        or (after is not None and after.prev_sha256 != report.doc_sha256)
        or (seq == 1 and doc["prev_batch_sha256"])
    ):
        report.errors.append(issues.error(m.BATCH_CHAIN_BROKEN, seq=seq, office=office))
        return
    missing = [n for n in range(1, seq) if n not in entries]
    if missing:
        report.warnings.append(issues.warning(m.BATCH_GAP, missing=_ranges(missing), office=office))


BATCH_AUDIT_REWOUND = issues.define(
    "batch.audit_rewound",
    id="Jejak audit kantor {office} mundur: batch {seq} dibuat pada kejadian #{event}, padahal "
    "batch sebelumnya sudah pada kejadian #{before}. Basis data pengirim mungkin dipulihkan dari "
    "cadangan atau diubah; tanyakan ke kantor itu.",
    en="Office {office}'s audit trail went backwards: batch {seq} was made at event #{event}, but an "
    "earlier batch was already at event #{before}. The sender's database may have been restored "
    "from a backup or altered; ask that office.",
)
_AUDIT_HEAD = re.compile(r"(k1:)?[0-9a-f]{64}")


def _check_audit_head(session: Session, report: VerifyReport) -> None:
    """The sender's audit-trail head must be well formed, and only move on from batch to batch.

    Each export appends an event after its manifest is made, so a later batch from an intact
    database is always made at a later event. A position at or before an earlier batch's means
    the sender's trail was cut or its database swapped for an older copy: a warning the
    coordinator sees before importing (a restore is legitimate, so it does not refuse).
    """
    doc = report.manifest or {}
    head, event = doc.get("audit_head_sha256"), doc.get("audit_head_event")
    if (
        not isinstance(head, str)
        or not _AUDIT_HEAD.fullmatch(head)
        or (
            event is not None
            and (not isinstance(event, int) or isinstance(event, bool) or event < 0)
        )
    ):
        report.errors.append(issues.error(m.BATCH_MANIFEST_MALFORMED, detail="audit_head"))
        return
    earlier = (
        session.connection()
        .execute(
            text(
                "SELECT e.detail FROM audit_event e JOIN batch_ledger l ON l.doc_uuid = e.entity_uuid "
                "WHERE e.action = 'batch.import' AND l.kind = 'batch' AND l.direction = 'in' "
                "AND l.office_kode = :office AND l.seq < :seq"
            ),
            {"office": doc["office"], "seq": doc["seq"]},
        )
        .fetchall()
    )
    before, repeated = 0, False
    for (detail,) in earlier:
        seen = json.loads(detail)
        if isinstance(seen.get("sender_audit_event"), int):
            before = max(before, seen["sender_audit_event"])
        repeated = repeated or seen.get("sender_audit_head") == head
    if repeated or (event is not None and before and event <= before):
        report.warnings.append(
            issues.warning(
                BATCH_AUDIT_REWOUND,
                office=doc["office"],
                seq=doc["seq"],
                event="?" if event is None else event,
                before=before or "?",
            )
        )


@contextlib.contextmanager
def opened_workbook(ctx: Any, report: VerifyReport) -> Iterator[bool]:
    """Make the readable workbook available and yield whether its bytes are the signed ones.

    A sealed batch (schema 2) is decrypted with this office's unlocked key into the data folder's
    scratch space (never the system temp folder) and removed when the block ends; a schema 1
    batch is used as it lies. Call after :func:`check_document` passed.

    Raises:
        UserError: the office key is locked (the GUI asks for the passphrase) or missing.
    """
    from rentan_desktop.services import trust  # services layer; imported here to avoid a cycle

    files = report.files
    if files.sealed is None:
        yield workbook_matches(report)
        return
    doc = report.manifest or {}
    key = trust.opening_key(ctx, doc.get("sealed_to"))  # current key, or one since rotated
    if key is None:
        report.errors.append(issues.error(m.BATCH_SEALED_ELSEWHERE, key=doc.get("sealed_to", "")))
        yield False
        return
    plain = ctx.scratch_dir() / f"batch-{uuidlib.uuid4().hex}.xlsx"
    try:
        try:
            with open(files.sealed, "rb") as src, open(plain, "wb") as dst:
                sealed.open_stream(src, dst, key.decryption_key())
        except sealed.NotForThisKey:
            report.errors.append(issues.error(m.BATCH_SEALED_ELSEWHERE, key=doc["sealed_to"]))
            yield False
            return
        except sealed.SealedError:
            report.errors.append(issues.error(m.BATCH_SEALED_DAMAGED))
            yield False
            return
        report.files = replace(files, xlsx=plain)
        try:
            yield workbook_matches(report)
        finally:
            report.files = files
    finally:
        plain.unlink(missing_ok=True)


def workbook_matches(report: VerifyReport) -> bool:
    """True when the workbook bytes are exactly the signed ones; otherwise adds the reason."""
    doc = report.manifest or {}
    digest, size = bf.sha256_file(report.files.xlsx)
    if digest == doc.get("xlsx_sha256") and size == doc.get("xlsx_size"):
        return True
    report.errors.append(diagnose(report.files.xlsx, doc))
    return False


def diagnose(xlsx: Path, doc: dict[str, Any]) -> Issue:
    """Name what changed in a workbook whose bytes no longer match the signature."""
    try:
        xlsx_guard.check_file(xlsx)
    except xlsx_guard.XlsxRefused as exc:
        return issues.error(exc.code, **exc.params)
    entries: list[str] = doc.get("row_hashes", [])
    count = 0
    try:
        for index, row in enumerate(read_text_rows(xlsx, HEADERS, IDENTITY)):
            count += 1
            if index >= len(entries):
                continue
            prefix, tags = RowHash.decode(entries[index])
            if row_digest(row)[: len(prefix)] != prefix:
                fields = changed_fields(row, tags) or ["?"]
                return issues.error(
                    m.BATCH_ROW_CHANGED, row=row_location(index), field=", ".join(fields)
                )
    except WorkbookReadError as exc:
        return issues.error(exc.code, **exc.params)
    except ValueError:
        return issues.error(m.BATCH_FILE_CHANGED)
    if count != len(entries):
        return issues.error(m.BATCH_ROW_COUNT, actual=count, expected=len(entries))
    return issues.error(m.BATCH_FILE_CHANGED)


def signed_rows(report: VerifyReport) -> Iterator[list[str]]:
    """Stream the rows of a workbook whose bytes matched, checking each against its signed hash.

    Raises:
        RowsMismatch: a row or the combined hash differs (cannot happen for intact bytes unless the
            reader changed; the import then rolls back).
    """
    doc = report.manifest or {}
    entries: list[str] = doc["row_hashes"]
    hasher = RowsHasher()
    for index, row in enumerate(read_text_rows(report.files.xlsx, HEADERS, IDENTITY)):
        digest = row_digest(row)
        if index >= len(entries) or digest[:12] != RowHash.decode(entries[index])[0]:
            raise RowsMismatch(
                issues.error(m.BATCH_ROW_CHANGED, row=row_location(index), field="?")
            )
        hasher.add(digest)
        yield row
    if hasher.count != doc["row_count"] or hasher.hexdigest() != doc["rows_sha256"]:
        raise RowsMismatch(
            issues.error(m.BATCH_ROW_COUNT, actual=hasher.count, expected=doc["row_count"])
        )


class RowsMismatch(Exception):
    """Raised while streaming rows that do not match the signed hashes."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.code)
        self.issue = issue


def verify_written(
    xlsx: Path, public_key: PublicKey, body: bytes, plain: Path | None = None
) -> bool:
    """Export read-back: the files now on the stick are exactly what was signed, row by row.

    For a sealed batch the sender cannot decrypt what it sealed (only the recipient can), so the
    sealed bytes on the stick are compared with the signed hash, and the rows are checked on
    ``plain``, the workbook that was sealed.
    """
    files = BatchFiles.locate(xlsx)
    try:
        trusted = [TrustedKey("", public_key)]
        opened = documents.open_signed(
            files.manifest.read_bytes(), files.signature.read_bytes(), DOMAIN_BATCH, trusted
        )
        if not opened.signature_ok or files.manifest.read_bytes() != body:
            return False
        doc = opened.document
        if files.sealed is not None:
            if bf.sha256_file(files.sealed) != (doc["payload_sha256"], doc["payload_size"]):
                return False
            if plain is None:  # finishing a cut-short export: the sealed rows were hashed as
                return True  # written, and the plaintext is gone (swept with its scratch)
            files = replace(files, xlsx=plain)
        report = VerifyReport(files, manifest=doc)
        if not workbook_matches(report):
            return False
        for _ in signed_rows(report):
            pass
    except (OSError, documents.DocumentError, RowsMismatch, WorkbookReadError, ValueError):
        return False
    return True
