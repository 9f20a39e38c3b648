"""Batch file names, the manifest schema, and durable writes to removable media.

A batch is three files side by side (reliability.md §4)::

    BATCH-<office>-<seq:05d>.rbatch          the workbook sealed to the recipient office (schema 2)
    BATCH-<office>-<seq:05d>.xlsx            the readable workbook (schema 1, before issue 13)
    BATCH-<office>-<seq:05d>.manifest.json   canonical JSON manifest
    BATCH-<office>-<seq:05d>.manifest.sig    detached Ed25519 signature

Writes follow R9: each file goes to a temporary name in the destination folder, is flushed and
fsynced, then renamed; the folder is fsynced; the signature is renamed last, so a batch without its
``.sig`` is visibly incomplete. If anything fails, every file this write created is removed again
(only our own half-written output: nothing else on the stick is touched).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PLAIN_BATCH_SCHEMA = "rentan-batch/1"
BATCH_SCHEMA = "rentan-batch/2"  # the workbook travels sealed to the recipient (issue 13)
PLAIN_RECEIPT_SCHEMA = "rentan-receipt/1"
RECEIPT_SCHEMA = "rentan-receipt/2"  # the items travel sealed to the batch's sender (issue 13)
# Schema 1 receipts (plain items, written before this version) are still imported.
SUPPORTED_RECEIPT_SCHEMAS = (PLAIN_RECEIPT_SCHEMA, RECEIPT_SCHEMA)
SEALED_RECEIPT_SUFFIX = ".rreceipt"
# Schema 1 batches (plain workbooks already on sticks when offices upgrade) are still read.
SUPPORTED_BATCH_SCHEMAS = (PLAIN_BATCH_SCHEMA, BATCH_SCHEMA)
SEALED_SUFFIX = ".rbatch"

# Schema 2 adds the sealed file: its name, the SHA-256 and size of its exact bytes (checked before
# anything is decrypted) and the id of the recipient's X25519 key it was sealed to.
SEALED_FIELDS: dict[str, type | tuple[type, ...]] = {
    "payload_file": str,
    "payload_sha256": str,
    "payload_size": int,
    "sealed_to": str,
}

# Manifest members and their JSON types; anything else is refused as malformed.
MANIFEST_FIELDS: dict[str, type | tuple[type, ...]] = {
    "schema": str,
    "batch_id": str,
    "office": str,
    "office_name": str,
    "recipient": str,
    "key_id": str,
    "seq": int,
    "prev_batch_sha256": str,
    "created_at": str,
    "created_by": str,
    "row_count": int,
    "columns": list,
    "xlsx_file": str,
    "xlsx_sha256": str,
    "xlsx_size": int,
    "rows_sha256": str,
    "row_hashes": list,
    "app_version": str,
    "schema_version": str,
    "audit_head_sha256": str,
}


def batch_stem(office: str, seq: int) -> str:
    """``BATCH-<office>-<seq>`` with the sequence zero-padded so files sort in order."""
    return f"BATCH-{office}-{seq:05d}"


def manifest_path(xlsx: Path) -> Path:
    """The manifest beside a batch workbook."""
    return xlsx.with_name(xlsx.stem + ".manifest.json")


def sealed_path(xlsx: Path) -> Path:
    """The sealed workbook beside a batch's manifest."""
    return xlsx.with_name(xlsx.stem + SEALED_SUFFIX)


def signature_path(xlsx: Path) -> Path:
    """The detached signature beside a batch workbook."""
    return xlsx.with_name(xlsx.stem + ".manifest.sig")


def manifest_problems(doc: Any) -> list[str]:
    """Names of missing or mistyped manifest members (empty when well formed)."""
    if not isinstance(doc, dict):
        return ["manifest"]
    fields = MANIFEST_FIELDS | (SEALED_FIELDS if doc.get("schema") == BATCH_SCHEMA else {})
    problems = [
        name
        for name, kind in fields.items()
        if not isinstance(doc.get(name), kind) or isinstance(doc.get(name), bool)
    ]
    if not problems and len(doc["row_hashes"]) != doc["row_count"]:
        problems.append("row_hashes")
    return problems


def sha256_file(path: Path, chunk: int = 1 << 20) -> tuple[str, int]:
    """SHA-256 hex digest and size of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def fsync_path(path: Path) -> None:
    """Flush a file's data to the device."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a directory entry (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(final: Path) -> Path:
    """The temporary name a file is written under before the rename, stamped with this process
    so the next writer can tell a dead writer's leftover (:mod:`rentan_desktop.io.orphans`)."""
    return final.with_name(f".{final.name}.{os.getpid()}.part")


def write_bytes_synced(path: Path, data: bytes) -> None:
    """Write, flush and fsync ``data`` to ``path``."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def publish(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Fsync and rename each (temporary, final) pair in order, then fsync the folder.

    On any error, removes the temporaries and the finals already renamed by this call, then
    re-raises; the destination is left as it was before the write began.
    """
    done: list[Path] = []
    try:
        for tmp, final in pairs:
            fsync_path(tmp)
            os.replace(tmp, final)
            done.append(final)
        fsync_dir(pairs[-1][1].parent)
    except BaseException:
        discard([t for t, _ in pairs] + done)
        raise


def discard(paths: Sequence[Path]) -> None:
    """Remove our own partial output, ignoring files that are already gone."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
