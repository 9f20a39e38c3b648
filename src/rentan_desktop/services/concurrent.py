"""What two people doing the same thing at once are told: who got there first, and when.

Several staff of a coordinator office work on one database at once (a PostgreSQL server, or the
embedded file with the app and a ``rentan`` command beside it). When two of them decide the same
duplicate cluster or conflict, or correct the same record, the first one's work stands and the
second is refused with one sentence naming the first person and the time, with nothing changed.
The rows are locked first (``SELECT … FOR UPDATE``: :func:`locked`), so the second one reads the
state the first one left, never the state both started from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from rentan_desktop.domain import issues
from rentan_desktop.services.errors import UserError
from rentan_desktop.services.history_words import when
from rentan_desktop.storage.models import User

issues.define_all(
    {
        "concurrent.decided": (
            "{what} ini sudah diputuskan oleh {oleh} pada {waktu}; tidak ada yang berubah. "
            "Muat ulang daftar untuk melihat keputusannya.",
            "This {what_en} was already decided by {oleh} at {waktu}; nothing changed. Reload "
            "the list to see the decision.",
        ),
        "registrant.stale": (
            "Data ini sudah diubah oleh {oleh} pada {waktu} sejak Anda membukanya — muat ulang, "
            "lalu ulangi perubahan Anda; tidak ada yang berubah.",
            "This record was changed by {oleh} at {waktu} since you opened it — reload it, then "
            "make your change again; nothing changed.",
        ),
    }
)

# What was decided, as the sentence names it (Indonesian, English).
CLUSTER = ("Klaster data ganda", "duplicate cluster")
CONFLICT = ("Konflik", "conflict")


def locked(statement: Any) -> Any:
    """``statement`` reading rows for a change: locked until the transaction ends (``FOR
    UPDATE`` on PostgreSQL; SQLite has no row locks and needs none, its writer is already alone),
    and read afresh even when the session holds them already."""
    return statement.with_for_update().execution_options(populate_existing=True)


def person(session: Session, username: str) -> str:
    """A user as a colleague names them: the full name with the user name (``Budi (budi)``)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.full_name or user.full_name == username:
        return username
    return f"{user.full_name} ({username})"


def already_decided(
    session: Session, what: tuple[str, str], by: str, at: datetime | None
) -> UserError:
    """The refusal of a second decision on what ``by`` decided at ``at``."""
    return UserError(
        "concurrent.decided",
        what=what[0],
        what_en=what[1],
        oleh=person(session, by),
        waktu=when(at) if at is not None else "-",
    )


def stale(session: Session, by: str, at: datetime | None) -> UserError:
    """The refusal of an edit made on a version that ``by`` has since changed at ``at``."""
    return UserError(
        "registrant.stale", oleh=person(session, by), waktu=when(at) if at is not None else "-"
    )
