"""What importing a set of batches would do, computed before the user confirms.

``verify_batch`` previews one file against the database as it is now; the import wizard takes
several files at once, and batch 2 of an office builds on batch 1. This runs the same checks on
a read-only session and classifies every signed row with the import's own classifier, shared
across the chosen files in the order the import takes them, without writing anything: the
numbers shown are the ones the import will produce (which checks everything again inside its
transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.batch_xlsx import WorkbookReadError
from rentan_desktop.services import batch_import, trust
from rentan_desktop.services.batch_import import Classifier, ImportAborted, classify_rows
from rentan_desktop.services.batch_verify import (
    RowsMismatch,
    VerifyReport,
    check_document,
    opened_workbook,
)
from rentan_desktop.services.context import AppContext, require_office
from rentan_desktop.storage.models import User

COUNT_KEYS = (*batch_import.PREVIEW_KEYS, "refused")


@dataclass
class Preview:
    """One batch file: the verification report and what its rows would do."""

    path: Path
    report: VerifyReport
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def errors(self) -> list[Issue]:
        return self.report.errors

    @property
    def warnings(self) -> list[Issue]:
        return self.report.warnings

    @property
    def signer_text(self) -> str:
        """``640801 Kecamatan Muara Ancalong · K7QM-2XPA-…`` or '' when the signer is unknown."""
        doc = self.report.manifest or {}
        signer = self.report.signer
        if signer is None:
            return ""
        name = str(doc.get("office_name", ""))
        return f"{signer.office} {name} · {signer.public_key.fingerprint}".strip()


def preview_batch(
    ctx: AppContext,
    *,
    actor: User,
    path: Path,
    cancelled: Callable[[], bool] | None = None,
    classifier: Classifier | None = None,
) -> Preview:
    """Verify ``path`` and count what importing it would do; never writes.

    ``classifier`` carries what earlier batches of the same selection would have done (a
    correction in batch 2 of a record new in batch 1 counts as an update, as on import).
    """
    require(actor, Perm.BATCH_IMPORT)
    office = require_office(ctx)
    with ctx.db.reader() as session:
        report = check_document(session, Path(path), office.kode, trust.trusted_keys(session))
    result = Preview(Path(path), report)
    if not report.ok:
        result.counts["refused"] = report.row_count
        return result
    with opened_workbook(ctx, report) as matches:
        if not matches:
            result.counts["refused"] = report.row_count
            return result
        try:
            if classifier is None:
                with ctx.db.reader() as session:
                    classify_rows(Classifier(session), report, result.counts, cancelled=cancelled)
            else:
                classify_rows(classifier, report, result.counts, cancelled=cancelled)
        except (RowsMismatch, ImportAborted) as exc:
            report.errors.append(exc.issue)
        except WorkbookReadError as exc:
            report.errors.append(issues.error(exc.code, **exc.params))
    if not report.ok:
        result.counts = dict.fromkeys(COUNT_KEYS, 0)
        result.counts["refused"] = report.row_count
    return result


def preview_batches(
    ctx: AppContext,
    *,
    actor: User,
    paths: Sequence[Path],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Preview]:
    """Preview several batch files in the order the import will take them (by name)."""
    ordered = sorted({Path(p).name: Path(p) for p in paths}.items())
    out: list[Preview] = []
    with ctx.db.reader() as session:
        classifier = Classifier(session)  # shared: batches build on each other
        for done, (_name, path) in enumerate(ordered, start=1):
            if cancelled is not None and cancelled():
                break
            out.append(
                preview_batch(
                    ctx, actor=actor, path=path, cancelled=cancelled, classifier=classifier
                )
            )
            if progress is not None:
                progress(done, len(ordered))
    _drop_covered_gaps(out)
    return out


def _parse_ranges(text: str) -> set[int]:
    numbers: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        if low.isdigit():
            numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def _drop_covered_gaps(previews: list[Preview]) -> None:
    """A gap warning is moot when the missing batches are among those chosen (and pass): the
    import takes them in order, so the chain is complete by the time this one is applied."""
    chosen: dict[str, set[int]] = {}
    for p in previews:
        if p.ok:
            chosen.setdefault(p.report.office, set()).add(p.report.seq)
    for p in previews:
        p.report.warnings[:] = [
            w
            for w in p.report.warnings
            if w.code != "batch.gap"
            or not _parse_ranges(str(w.params.get("missing", "")))
            <= chosen.get(p.report.office, set())
        ]


def batch_paths(paths: Sequence[Path]) -> list[Path]:
    """The workbook path of each chosen file (a manifest or signature picks its workbook)."""
    seen: dict[Path, None] = {}
    for p in paths:
        name = Path(p).name
        for suffix in (".manifest.json", ".manifest.sig", ".xlsx"):
            if name.endswith(suffix):
                p = Path(p).with_name(name[: -len(suffix)] + ".rbatch")
                if not p.exists():  # a schema 1 batch: the plain workbook is the payload
                    p = p.with_suffix(".xlsx")
        seen[Path(p)] = None
    return list(seen)
