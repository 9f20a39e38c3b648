"""What every page receives: services context, the logged-in user, signals and the job runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rentan_desktop.domain.roles import Perm, allowed
from rentan_desktop.gui.jobs import JobRunner
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
    # Results the composition root computed while the password was typed (e.g. "overview"),
    # each as (time.monotonic() when computed, value); pages may use them once instead of waiting.
    prefetched: dict[str, tuple[float, Any]] = field(default_factory=dict)

    def take_prefetched(self, key: str, max_age_s: float = 60.0) -> Any:
        """The prefetched value for ``key`` if younger than ``max_age_s`` (removed once taken)."""
        import time

        item = self.prefetched.pop(key, None)
        if item is None or time.monotonic() - item[0] > max_age_s:
            return None
        return item[1]

    @property
    def lang(self) -> str:
        return self.ctx.language

    def can(self, perm: Perm) -> bool:
        """Whether the logged-in user's role grants ``perm`` (services check again)."""
        return allowed(self.user.role, perm)
