"""Imports every table module so SQLModel.metadata (and Alembic) see the whole schema."""

from rentan_desktop.storage import (
    batch_models,  # noqa: F401
    keying_models,  # noqa: F401
    legacy_models,  # noqa: F401
    models,  # noqa: F401
    print_models,  # noqa: F401
)
