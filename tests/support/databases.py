"""Real test databases: SQLite files and PostgreSQL databases created per test from a migrated template."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.core.db import create_db_engine
from bot.core.migrate import upgrade_to_head

POSTGRES_URL_ENV = "NORMS_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "NORMS_REQUIRE_POSTGRES"


def postgres_admin_url() -> str | None:
    """URL of a PostgreSQL server where tests may create databases (set by scripts/test)."""
    return os.environ.get(POSTGRES_URL_ENV) or None


def postgres_required() -> bool:
    return os.environ.get(REQUIRE_POSTGRES_ENV, "").lower() in ("1", "true", "yes")


def _admin_execute(admin_url: str, statement: str) -> None:
    engine = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def create_postgres_database(admin_url: str, *, template: str | None = None) -> str:
    name = f"norms_test_{uuid.uuid4().hex[:12]}"
    _admin_execute(admin_url, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return (
        make_url(admin_url)
        .set(database=name, drivername="postgresql+psycopg")
        .render_as_string(hide_password=False)
    )


def drop_postgres_database(admin_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()


def copy_sqlite_database(template_path: Path, target_path: Path) -> str:
    shutil.copyfile(template_path, target_path)
    return f"sqlite:///{target_path}"
