"""The registration lifecycle: draft -> RT verification -> batch -> regency -> BPJS -> inactive."""

from __future__ import annotations

from enum import StrEnum

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue


class Status(StrEnum):
    DRAFT = "draft"
    VERIFIED = "verified"  # confirmed by the RT head
    REJECTED = "rejected"  # refused by the RT head
    SENT = "sent"  # left the kecamatan in a signed batch
    ACCEPTED = "accepted"  # accepted by the regency coordinator
    RETURNED = "returned"  # sent back by the regency with a reason
    REGISTERED = "registered"  # BPJS issued a KPJ and a coverage period
    INACTIVE = "inactive"  # died, moved, no longer eligible


LABELS_ID = {
    Status.DRAFT: "Draf",
    Status.VERIFIED: "Terverifikasi RT",
    Status.REJECTED: "Ditolak RT",
    Status.SENT: "Terkirim",
    Status.ACCEPTED: "Diterima",
    Status.RETURNED: "Dikembalikan",
    Status.REGISTERED: "Terdaftar BPJS",
    Status.INACTIVE: "Nonaktif",
}
LABELS_EN = {s: s.value.capitalize() for s in Status}

# Statuses that do not hold a registration, in the order the partial unique index on
# (nik, periode) names them (storage.models): SQL built from this tuple matches that index's text,
# which SQLite needs before it answers a query from the index.
NOT_HOLDING = (Status.REJECTED, Status.INACTIVE)
# Statuses that hold the NIK's one registration for the programme period.
ACTIVE = frozenset(Status) - set(NOT_HOLDING)

# The order records travel in once they leave the kecamatan: the coordinator's columns and the
# reconciliation report read them in this order.
AFTER_SENDING = (Status.SENT, Status.ACCEPTED, Status.RETURNED, Status.REGISTERED, Status.INACTIVE)


def holds_registration(status: str) -> bool:
    """Whether a record in ``status`` holds its NIK's one registration for its period."""
    return status not in _NOT_HOLDING_VALUES


_NOT_HOLDING_VALUES = frozenset(s.value for s in NOT_HOLDING)

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.VERIFIED, Status.REJECTED, Status.INACTIVE}),
    Status.VERIFIED: frozenset(
        {Status.SENT, Status.REJECTED, Status.DRAFT, Status.INACTIVE, Status.ACCEPTED}
    ),
    Status.REJECTED: frozenset({Status.DRAFT, Status.VERIFIED, Status.INACTIVE}),
    Status.SENT: frozenset({Status.ACCEPTED, Status.RETURNED}),
    Status.RETURNED: frozenset({Status.DRAFT, Status.VERIFIED, Status.INACTIVE}),
    Status.ACCEPTED: frozenset({Status.REGISTERED, Status.RETURNED, Status.INACTIVE, Status.SENT}),
    Status.REGISTERED: frozenset({Status.INACTIVE}),
    Status.INACTIVE: frozenset(
        {Status.DRAFT}
    ),  # reactivation, so a mistaken deactivation is recoverable
}

# Moves that only an exchanged document makes, never a person from the status menu:
# - sent -> verified: a resync (services.batch_resync) returns the records of a batch the coordinator
#   never received to the kecamatan's ready status, to travel again;
# - sent -> registered: BPJS's result names a record the regency already sent onward;
# - returned -> accepted: a corrected version of a returned record arrives in a batch.
DOCUMENT_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SENT: frozenset({Status.VERIFIED, Status.REGISTERED}),
    Status.RETURNED: frozenset({Status.ACCEPTED}),
}

# Reasons for leaving the programme; each becomes part of the audit trail.
INACTIVE_REASONS = {
    "meninggal": ("Meninggal dunia", "Died"),
    "pindah": ("Pindah domisili", "Moved away"),
    "tidak_memenuhi": ("Bukan pekerja rentan / tidak memenuhi syarat", "Not eligible"),
    "ganda": ("Data ganda", "Duplicate record"),
    "lainnya": ("Lainnya", "Other"),
}

issues.define_all(
    {
        "status.transition": (
            "Status tidak dapat diubah dari '{old}' menjadi '{new}'.",
            "Status cannot change from '{old}' to '{new}'.",
        ),
        "status.reason_required": (
            "Alasan wajib diisi untuk mengubah status menjadi '{new}'.",
            "A reason is required to change the status to '{new}'.",
        ),
    }
)


def label(status: Status | str, lang: str = "id") -> str:
    return (LABELS_ID if lang == "id" else LABELS_EN)[Status(status)]


def check_transition(
    old: Status | str, new: Status | str, reason: str | None = None, *, document: bool = False
) -> list[Issue]:
    """Issues preventing ``old -> new``; empty when the change is allowed.

    ``document``: the move is made by an exchanged document (batch, receipt, BPJS result), which
    may also make the moves of :data:`DOCUMENT_TRANSITIONS`.
    """
    old_s, new_s = Status(old), Status(new)
    lang = issues.language()  # the labels go into the message in the user's language
    allowed = TRANSITIONS[old_s]
    if document:
        allowed = allowed | DOCUMENT_TRANSITIONS.get(old_s, frozenset())
    if new_s not in allowed:
        return [
            issues.error(
                "status.transition", "status", old=label(old_s, lang), new=label(new_s, lang)
            )
        ]
    if new_s in (Status.INACTIVE, Status.REJECTED, Status.RETURNED) and not (reason or "").strip():
        return [issues.error("status.reason_required", "status", new=label(new_s, lang))]
    return []
