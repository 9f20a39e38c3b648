"""One batch import per sending office at a time, and the second importer told who is importing.

Two staff importing batches of the same kecamatan at once would both check the batch against the
same ledger head (sequence number, previous batch hash) and could both pass. So an import holds
a claim on its sending office for its whole length (``Database.claim``: an advisory lock on a
PostgreSQL server, a lock file beside the embedded database) and a second import of the same
office is refused at once, with the importer's name and start time, instead of waiting behind it.
Batches of different offices still import side by side on a server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue
from rentan_desktop.services import concurrent, lookups
from rentan_desktop.services.batch_verify import BatchFiles
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.history_words import when
from rentan_desktop.signing import canonical
from rentan_desktop.storage.claims import ClaimHeld
from rentan_desktop.storage.models import User

IMPORT_BUSY = issues.define(
    "batch.import_busy",
    id="Batch dari {kantor} sedang diimpor oleh {oleh} sejak {waktu}; tunggu sampai selesai, "
    "lalu impor lagi. Tidak ada yang berubah.",
    en="A batch from {kantor} is being imported by {oleh} since {waktu}; wait until it ends, "
    "then import again. Nothing changed.",
)
MANIFEST_LIMIT = 1 << 20  # a real manifest is a few KB; a bigger one is left to the check


class ImportBusy(Exception):
    """Another import of the same sending office is running; nothing was done."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(issue.message("en"))


def sender_of(path: Path) -> str | None:
    """The sending office the batch's manifest names, unverified (the import verifies it), or
    None when the manifest cannot be read (the import's check then says why)."""
    try:
        manifest = BatchFiles.locate(Path(path)).manifest
        if manifest.stat().st_size > MANIFEST_LIMIT:
            return None
        doc = canonical.loads(manifest.read_bytes())
    except (OSError, ValueError, canonical.CanonicalError):
        return None
    office = doc.get("office") if isinstance(doc, dict) else None
    return office if isinstance(office, str) and office else None


@contextmanager
def claimed(ctx: AppContext, actor: User, path: Path) -> Iterator[None]:
    """Hold the import claim of the batch's sending office; :class:`ImportBusy` when another
    import of that office holds it."""
    office = sender_of(path)
    if office is None:
        yield
        return
    try:
        with ctx.db.claim(f"batch-import:{office}", actor.username):
            yield
    except ClaimHeld as held:
        raise ImportBusy(_busy_issue(ctx, office, held)) from None


def _busy_issue(ctx: AppContext, office: str, held: ClaimHeld) -> Issue:
    name = lookups.region_names(ctx, [office]).get(office)
    with ctx.db.reader() as session:
        who = concurrent.person(session, held.holder) if held.holder else "pengguna lain"
    return issues.error(
        IMPORT_BUSY,
        kantor=f"Kec. {name}" if name else office,
        oleh=who,
        waktu=when(held.since) if held.since else "-",
    )
