"""Who may do what. The service layer asks here before every action; the GUI only hides buttons."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from rentan_desktop.domain import issues


class Role(StrEnum):
    OPERATOR = "operator"  # kecamatan clerk
    SUPERVISOR = "supervisor"
    COORDINATOR = "coordinator"  # regency / province office
    ADMIN = "admin"


class Perm(StrEnum):
    REGISTRANT_CREATE = "registrant.create"
    REGISTRANT_EDIT = "registrant.edit"
    REGISTRANT_VIEW = "registrant.view"
    STATUS_VERIFY = "status.verify"  # record RT verification results
    STATUS_DEACTIVATE = "status.deactivate"
    STATUS_REVIEW = "status.review"  # accept / return at the regency
    VIEW_FULL_NIK = "nik.view_full"
    DUPLICATE_DECIDE = "duplicate.decide"
    CONFLICT_DECIDE = "conflict.decide"
    TEMPLATE_IMPORT = "template.import"
    LEGACY_COMMIT = "legacy.commit"
    BATCH_EXPORT = "batch.export"
    BATCH_IMPORT = "batch.import"
    RECEIPT_MAKE = "receipt.make"
    RECEIPT_IMPORT = "receipt.import"
    BPJS_EXCHANGE = "bpjs.exchange"
    KEYS_MANAGE = "keys.manage"
    PRINT = "print"
    USERS_MANAGE = "users.manage"
    SETTINGS_MANAGE = "settings.manage"
    BACKUP = "backup"
    RESTORE = "restore"
    AUDIT_VERIFY = "audit.verify"
    RETENTION_RUN = "retention.run"
    OWNERSHIP_TRANSFER = "ownership.transfer"  # give a record to another office (coordinator)
    KEYING_QUALITY = "keying.quality"  # operators' statistics, double-keying samples and decisions


_OPERATOR = {
    Perm.REGISTRANT_CREATE,
    Perm.REGISTRANT_EDIT,
    Perm.REGISTRANT_VIEW,
    Perm.STATUS_VERIFY,
    Perm.TEMPLATE_IMPORT,
    Perm.BATCH_EXPORT,
    Perm.RECEIPT_IMPORT,
    Perm.PRINT,
}
_SUPERVISOR = _OPERATOR | {
    Perm.BACKUP,  # a copy of every record: supervisors and above (issue 13)
    Perm.STATUS_DEACTIVATE,
    Perm.VIEW_FULL_NIK,
    Perm.DUPLICATE_DECIDE,
    Perm.CONFLICT_DECIDE,
    Perm.LEGACY_COMMIT,
    Perm.AUDIT_VERIFY,
    Perm.KEYING_QUALITY,
}
_COORDINATOR = _SUPERVISOR | {
    Perm.STATUS_REVIEW,
    Perm.BATCH_IMPORT,
    Perm.RECEIPT_MAKE,
    Perm.BPJS_EXCHANGE,
    Perm.KEYS_MANAGE,
    Perm.OWNERSHIP_TRANSFER,
}
GRANTS: dict[Role, frozenset[Perm]] = {
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.COORDINATOR: frozenset(_COORDINATOR),
    Role.ADMIN: frozenset(Perm),
}

LABELS_ID = {
    Role.OPERATOR: "Operator (petugas kecamatan)",
    Role.SUPERVISOR: "Supervisor",
    Role.COORDINATOR: "Koordinator",
    Role.ADMIN: "Admin",
}

issues.define(
    "role.refused",
    id="Peran '{role}' tidak berwenang untuk tindakan ini ({perm}).",
    en="Role '{role}' may not perform this action ({perm}).",
)


class Actor(Protocol):
    username: str
    role: str


def allowed(role: Role | str, perm: Perm) -> bool:
    return perm in GRANTS[Role(role)]


class RoleRefused(Exception):
    """The acting user's role may not perform the requested action."""

    def __init__(self, role: str, perm: Perm) -> None:
        self.role, self.perm = role, perm
        super().__init__(issues.text("role.refused", role=role, perm=perm.value))

    def message(self, lang: str | None = None) -> str:
        return issues.text("role.refused", lang, role=self.role, perm=self.perm.value)


def require(actor: Actor, perm: Perm) -> None:
    """Raise :class:`RoleRefused` unless the actor's role grants ``perm``."""
    if not allowed(actor.role, perm):
        raise RoleRefused(actor.role, perm)
