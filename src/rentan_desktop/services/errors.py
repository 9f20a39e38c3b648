"""The errors a user can be shown: one clear sentence each, in Bahasa Indonesia by default."""

from __future__ import annotations

from collections.abc import Sequence

from rentan_desktop.domain import issues
from rentan_desktop.domain.issues import Issue
from rentan_desktop.domain.roles import RoleRefused

__all__ = ["UserError", "ValidationFailed", "RoleRefused", "user_message"]


class UserError(issues.Refusal):
    """A refusal caused by the user's input or situation (not a bug)."""

    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        self.code, self.field, self.params = code, field, params
        super().__init__(issues.text(code, "en", **params))

    def message(self, lang: str | None = None) -> str:
        return issues.text(self.code, lang, **self.params)


class ValidationFailed(UserError):
    """A record was refused; ``found`` holds every error and warning, field by field."""

    def __init__(self, found: Sequence[Issue]) -> None:
        self.found = list(found)
        first = issues.errors_of(self.found)[0] if issues.errors_of(self.found) else self.found[0]
        super().__init__(first.code, first.field, **dict(first.params))

    @property
    def errors(self) -> list[Issue]:
        return issues.errors_of(self.found)

    def message(self, lang: str | None = None) -> str:
        errors = self.errors
        if len(errors) == 1:
            return errors[0].message(lang)
        head = issues.text("validation.many", lang, count=len(errors))
        return head + " " + " ".join(e.message(lang) for e in errors)


issues.define(
    "validation.many",
    id="Data belum bisa disimpan ({count} kesalahan):",
    en="The record cannot be saved yet ({count} errors):",
)


def user_message(exc: BaseException, lang: str | None = None) -> str | None:
    """The sentence to show for a user-facing error, or None when ``exc`` is a bug."""
    if isinstance(exc, (issues.Refusal, RoleRefused)):
        return exc.message(lang)
    from rentan_desktop.storage import health

    code = health.storage_failure(exc)  # disk full / I/O error: rolled back, nothing lost
    if code is not None:
        return issues.text(code, lang)
    busy = busy_message(exc, lang)
    if busy is not None:
        return busy
    if isinstance(exc, OSError) and exc.filename:
        # A wrong folder, a pulled USB stick, a file locked by Excel: the user can act on these.
        name = str(exc.filename).removesuffix(".tmp")
        return issues.text(
            "file.unusable", lang, name=name, reason=exc.strerror or type(exc).__name__
        )
    return None


def busy_message(exc: BaseException, lang: str | None = None) -> str | None:
    """The "database busy, nothing changed, try again" sentence when ``exc`` is that, else None."""
    from rentan_desktop.storage.write_lock import DatabaseBusy

    if isinstance(exc, DatabaseBusy):
        return exc.message(lang)
    if _database_locked(exc):
        # SQLite waited its busy_timeout for another process and rolled the statement back.
        from rentan_desktop.storage.db import BUSY_TIMEOUT_MS

        return DatabaseBusy(BUSY_TIMEOUT_MS / 1000).message(lang)
    return None


def _database_locked(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):  # SQLAlchemy wraps sqlite3's error; a bounded walk down the causes
        if seen is None:
            return False
        text = str(seen).lower()
        if "database is locked" in text or "database table is locked" in text:
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


issues.define(
    "file.unusable",
    id="Berkas atau folder {name} tidak dapat dibuka atau ditulis ({reason}); periksa lokasinya.",
    en="The file or folder {name} cannot be opened or written ({reason}); check the location.",
)
