"""The schema comes only from alembic, and the models agree with it on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.core.db import create_db_engine
from bot.core.migrate import current_revision, head_revision, upgrade_to_head
from models import ALL_METADATA


def test_upgrade_head_on_an_empty_database_creates_every_table(empty_database_url: str) -> None:
    engine = create_db_engine(empty_database_url)
    try:
        assert current_revision(engine) is None
        upgrade_to_head(engine)
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        expected = {table for metadata in ALL_METADATA for table in metadata.tables}
        assert expected <= tables
    finally:
        engine.dispose()


def test_models_and_migrations_agree(empty_database_url: str) -> None:
    engine = create_db_engine(empty_database_url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "target_metadata": list(ALL_METADATA)}
            )
            # alembic accepts a sequence of MetaData here, though its annotation names one.
            assert compare_metadata(context, list(ALL_METADATA)) == []  # type: ignore[arg-type]
    finally:
        engine.dispose()


def test_upgrading_twice_is_harmless(empty_database_url: str) -> None:
    engine = create_db_engine(empty_database_url)
    try:
        upgrade_to_head(engine)
        upgrade_to_head(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
