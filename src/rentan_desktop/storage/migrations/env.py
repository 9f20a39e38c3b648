"""Alembic environment: the schema is SQLModel.metadata; SQLite needs batch mode for ALTERs.

The same revisions run on a PostgreSQL server (storage/server.py passes its connection); each
revision puts what only one backend has behind ``op.get_bind().dialect.name``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlmodel import SQLModel

import rentan_desktop.storage.all_models  # noqa: F401  (registers every table)
from rentan_desktop.storage.migrate import migration_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = migration_engine(Path(config.get_main_option("db_path") or "rentan.db"))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
