"""Shared printing helpers: writing a PDF safely, naming the office and regions on paper, and the
texts printed on documents.

Every PDF is rendered to a temporary file and moved into place when complete; file names carry
codes, never names or NIKs (R28). The documents themselves: RT review lists in
:mod:`services.rt_lists`, handover reports in :mod:`services.handover`, registration forms in
:mod:`services.registration_forms`, cards in :mod:`services.cards`, keyed-back RT results in
:mod:`services.rt_review`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from rentan_desktop.domain import issues
from rentan_desktop.domain.region_code import RegionCode
from rentan_desktop.domain.roles import Perm, require
from rentan_desktop.io.pdf.common import RenderCancelled
from rentan_desktop.io.pdf.types import (
    Paper,
    Region,
)
from rentan_desktop.services import audit
from rentan_desktop.services.context import AppContext
from rentan_desktop.services.errors import UserError
from rentan_desktop.storage.models import (
    Office,
    User,
    Wilayah,
)

issues.define_all(
    {
        "print.desa_unknown": ("Kode desa {kode} tidak dikenal.", "Unknown desa code {kode}."),
        "print.paper": (
            "Ukuran kertas '{paper}' tidak dikenal: pilih a4 atau f4.",
            "Unknown paper size '{paper}': choose a4 or f4.",
        ),
        "print.write_failed": (
            "Berkas PDF tidak dapat ditulis ke {path}: {detail}.",
            "The PDF could not be written to {path}: {detail}.",
        ),
        "print.registrant_unknown": (
            "Data pendaftaran {uuid} tidak ditemukan.",
            "Registration {uuid} was not found.",
        ),
        "print.cancelled": (
            "Pencetakan dibatalkan; tidak ada yang berubah.",
            "Printing was cancelled; nothing changed.",
        ),
    }
)
SEX = {"L": "Laki-laki", "P": "Perempuan"}


@dataclass(frozen=True)
class PrintedFile:
    """A PDF written to disk."""

    path: Path
    pages: int
    warnings: tuple[str, ...] = ()  # printed anyway, but something on it needs attention


def paper_of(value: str | Paper) -> Paper:
    """``"a4"``/``"f4"`` (any case) as :class:`Paper`, or a user error."""
    try:
        return Paper(str(value).lower())
    except ValueError:
        raise UserError("print.paper", paper=value) from None


def print_dir(ctx: AppContext) -> Path:
    """Default folder for printed PDFs, beside the database."""
    return ctx.data_dir / "cetak"


def write_pdf(
    path: Path, render: Callable[[Path], int], before_publish: Callable[[], None] | None = None
) -> int:
    """Render into a temporary file beside ``path`` and move it into place only when complete.

    A cancelled or failed job leaves no half-written PDF under the real name (an old file of the
    same name stays untouched until the new one is whole). ``before_publish`` runs after the PDF
    is complete and before it gets its name: services commit their database rows there, so a
    failed commit never leaves a PDF whose list code or cards the database does not know.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pages = render(temp)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        if before_publish is not None:
            before_publish()
        os.replace(temp, path)
        return pages
    except RenderCancelled:
        temp.unlink(missing_ok=True)
        raise UserError("print.cancelled") from None
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(
            "print.write_failed", path=str(path), detail=exc.strerror or type(exc).__name__
        ) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def office_title(office: Office | None) -> str:
    """How the office is named on paper: ``Kecamatan Muara Ancalong`` even when set up as just
    ``Muara Ancalong``."""
    if office is None:
        return ""
    name = office.nama.strip()
    known = ("kecamatan", "kantor", "dinas", "badan", "pemerintah", "kelurahan")
    if office.level == "kecamatan" and not name.lower().startswith(known):
        return f"Kecamatan {name}"
    return name


def region(session: Session, desa_kode: str) -> Region:
    """Kabupaten, kecamatan and desa names for a desa code."""
    desa = session.get(Wilayah, desa_kode)
    if desa is None or desa.level != 4:
        raise UserError("print.desa_unknown", kode=desa_kode)
    kec = session.get(Wilayah, desa.induk or "")
    kab = session.get(Wilayah, kec.induk or "") if kec else None
    return Region(kab.nama if kab else "", kec.nama if kec else "", desa.nama)


def office_region(session: Session, kode: str) -> Region:
    """Names for an office code (2, 4 or 6 digits); the kabupaten is always filled when known."""
    code = RegionCode.try_parse(kode)
    if code is None:
        return Region("", "")
    kab = session.get(Wilayah, str(code.kabupaten or code))  # a province office: its own name
    kec = session.get(Wilayah, str(code.kecamatan)) if code.kecamatan else None
    return Region(kab.nama if kab else "", kec.nama if kec else "")


# --- settings printed on the documents -------------------------------------------------------

PRINT_SETTINGS = {
    "camat": "print.camat_nama",
    "camat_nip": "print.camat_nip",
    "legal_basis": "privacy.legal_basis",
    "retention": "privacy.retention",
    "controller": "privacy.controller",
    "contact": "privacy.contact",
    "office_address": "print.office_address",  # letterhead line: street, telephone, e-mail
}


def print_settings(ctx: AppContext) -> dict[str, str]:
    """The texts printed on handover reports and privacy notices ('' = the built-in default)."""
    return {name: str(ctx.setting(key, "") or "") for name, key in PRINT_SETTINGS.items()}


def set_print_settings(ctx: AppContext, *, actor: User, **values: str | None) -> dict[str, str]:
    """Change some of :data:`PRINT_SETTINGS` (None leaves a value as it is); audited."""
    require(actor, Perm.SETTINGS_MANAGE)
    changed = {k: (v or "").strip() for k, v in values.items() if v is not None}
    unknown = set(changed) - set(PRINT_SETTINGS)
    if unknown:
        raise ValueError(f"unknown print settings: {sorted(unknown)}")
    for name, value in changed.items():
        ctx.set_setting(PRINT_SETTINGS[name], value)
    if changed:
        with ctx.db.writer() as session:
            audit.record(session, actor, "settings.print", "setting", None, changed)
    return print_settings(ctx)
