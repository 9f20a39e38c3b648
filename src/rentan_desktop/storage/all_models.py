"""Imports every table module so SQLModel.metadata (and Alembic) see the whole schema."""

from rentan_desktop.storage import models  # noqa: F401
