"""Imports every table module so SQLModel.metadata (and Alembic) see the whole schema."""

from rentan_desktop.storage import models  # noqa: F401
from rentan_desktop.storage import batch_models  # noqa: F401
from rentan_desktop.storage import print_models  # noqa: F401
from rentan_desktop.storage import legacy_models  # noqa: F401
