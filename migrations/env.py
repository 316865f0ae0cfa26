"""Alembic environment: uses the connection handed over by bot.core.migrate, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from models import ALL_METADATA

target_metadata = list(ALL_METADATA)


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    from bot.core.db import create_db_engine
    from bot.core.settings import load_settings

    engine = create_db_engine(load_settings().database_url)
    try:
        with engine.connect() as new_connection:
            _configure_and_run(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `norms db upgrade`.")
run_migrations_online()
