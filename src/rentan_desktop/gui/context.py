"""What every page receives: services context, the logged-in user, signals and the job runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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

    @property
    def lang(self) -> str:
        return self.ctx.language

    def can(self, perm: Perm) -> bool:
        """Whether the logged-in user's role grants ``perm`` (services check again)."""
        return allowed(self.user.role, perm)
