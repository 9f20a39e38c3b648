"""The journal of batch exports written to a stick but not yet marked sent in the database.

An export writes and signs the batch files outside any database transaction, then marks its
records sent in one short transaction. Between the two, a kill or a power cut would leave a valid
signed batch on the stick while the database says nothing was sent: the clerk's next export would
reuse the same sequence number and the coordinator would see "a cloned PC". So before the files
are published, the export records here what it is about to publish (batch number, folder, file
names, the records and versions it carries), moves the entry along as the files land and are read
back, and removes it once the records are marked. An entry whose process is gone is an export
cut short: :mod:`rentan_desktop.services.batches` finishes it at the next start.

The journal lives beside the database (``<database>.export-journal/``), one JSON file per batch,
written to a temp name, fsynced and renamed. It holds no personal data: record ids, UUIDs,
versions, file names and the manifest's hash.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

WRITING = "writing"  # temp files being written/renamed: the batch may be incomplete
PUBLISHED = "published"  # the three files are in place on the stick (not yet read back)
VERIFIED = "verified"  # read back and verified: only the marking is missing


@dataclass(frozen=True)
class Entry:
    """One export cut short (or in progress in another process)."""

    batch_id: str
    seq: int
    office: str
    folder: str
    files: list[str]  # final names, xlsx first
    state: str
    created_at: str
    created_by: str
    recipient: str
    key_id: str
    prev_sha256: str
    manifest_sha256: str = ""
    marks: list[list[object]] = field(default_factory=list)  # [id, uuid, version, marked]
    pid: int = 0
    host: str = ""

    @property
    def xlsx(self) -> Path:
        return Path(self.folder) / self.files[0]

    def owner_alive(self) -> bool:
        """Whether the exporting process still runs (another computer's: assume it does)."""
        if self.host != socket.gethostname():
            return True
        if self.pid == os.getpid():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True


def folder_of(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".export-journal")


def _path(db_path: Path, batch_id: str) -> Path:
    return folder_of(db_path) / f"{batch_id}.json"


def write(db_path: Path, entry: Entry) -> Entry:
    """Record (or move along) ``entry`` durably; returns it with this process as its owner."""
    entry = replace(entry, pid=os.getpid(), host=socket.gethostname())
    folder = folder_of(db_path)
    target = _path(db_path, entry.batch_id)
    tmp = target.with_suffix(".tmp")
    for attempt in (1, 2):  # another process may remove the empty folder between mkdir and open
        folder.mkdir(exist_ok=True)
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(asdict(entry), handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
            break
        except FileNotFoundError:
            if attempt == 2:
                raise
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return entry


def advance(db_path: Path, entry: Entry, state: str) -> Entry:
    return write(db_path, replace(entry, state=state))


def remove(db_path: Path, batch_id: str) -> None:
    _path(db_path, batch_id).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # only when empty: no folder means nothing to look at
        folder_of(db_path).rmdir()


def entries(db_path: Path) -> list[Entry]:
    """Every journalled export, oldest batch number first (unreadable entries are skipped)."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    found: list[Entry] = []
    for path in folder.glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append(Entry(**data))
        except (OSError, ValueError, TypeError, RecursionError):
            continue  # a torn write never reached its final name; anything else is not ours
    return sorted(found, key=lambda e: e.seq)


def cut_short(db_path: Path) -> list[Entry]:
    """The exports whose process is gone: what the clerk must finish."""
    return [e for e in entries(db_path) if not e.owner_alive()]
