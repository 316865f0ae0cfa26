"""Shared fixtures: real databases (SQLite and PostgreSQL) and the Slack Web API stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.core.db import create_db_engine, create_session_factory
from tests.support.databases import (
    copy_sqlite_database,
    create_postgres_database,
    drop_postgres_database,
    migrate,
    postgres_admin_url,
    postgres_required,
)
from tests.support.slack_stand_in import SlackStandIn

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _require_postgres() -> str:
    admin_url = postgres_admin_url()
    if admin_url is None:
        message = "PostgreSQL tests need NORMS_TEST_POSTGRES_URL (scripts/test sets it up)"
        if postgres_required():
            pytest.fail(message + "; NORMS_REQUIRE_POSTGRES is set, so this is an error, not a skip")
        pytest.skip(message)
    return admin_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    admin_url = _require_postgres()
    template_url = create_postgres_database(admin_url)
    migrate(template_url)
    yield str(make_url(template_url).database)
    drop_postgres_database(admin_url, template_url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, on each backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    admin_url = _require_postgres()
    url = create_postgres_database(admin_url)
    yield url
    drop_postgres_database(admin_url, url)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A freshly migrated database of its own for one test, on each backend."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        yield copy_sqlite_database(template, tmp_path / "test.sqlite3")
        return
    template_name: str = request.getfixturevalue("postgres_template")
    admin_url = _require_postgres()
    url = create_postgres_database(admin_url, template=template_name)
    yield url
    drop_postgres_database(admin_url, url)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return create_session_factory(engine)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as stand_in:
        yield stand_in
