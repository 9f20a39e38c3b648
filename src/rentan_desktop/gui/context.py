"""What every page receives: services context, the logged-in user, signals and the job runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rentan_desktop.domain.roles import Perm, allowed
from rentan_desktop.gui.jobs import Job, JobRunner
from rentan_desktop.gui.signals import AppSignals

if TYPE_CHECKING:  # the services import sqlmodel; keep it off the start-up path
    from rentan_desktop.services.context import AppContext
    from rentan_desktop.storage.models import User


@dataclass
class GuiContext:
    """Passed down from the composition root (``gui/app.py``); never a global."""

    ctx: AppContext
    user: User
    signals: AppSignals
    jobs: JobRunner
    # Jobs the composition root started while the password was typed (e.g. "overview"); a page
    # may adopt one once instead of starting the same work again.
    prefetched: dict[str, Job] = field(default_factory=dict)
    # True only in the running application: the backup timer and the start-up audit check run
    # on their own there; a page built by a test leaves them to the test.
    background_checks: bool = False

    def take_prefetched(self, key: str, max_age_s: float = 60.0) -> Job | None:
        """The prefetch job for ``key`` if still running or finished well less than ``max_age_s``
        ago without error (removed once taken)."""
        import time

        job = self.prefetched.pop(key, None)
        if job is None or job.error is not None:
            return None
        if not job.running and time.monotonic() - (job.finished_at or 0.0) > max_age_s:
            return None
        return job

    @property
    def lang(self) -> str:
        return self.ctx.language

    def can(self, perm: Perm) -> bool:
        """Whether the logged-in user's role grants ``perm`` (services check again)."""
        return allowed(self.user.role, perm)
