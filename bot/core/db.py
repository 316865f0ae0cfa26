"""Engine and session factories, and small database helpers shared by the services."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
POSTGRES_CONNECT_TIMEOUT_S = 5


def create_db_engine(database_url: str) -> Engine:
    """Build the engine for a URL: SQLite gets WAL and a busy timeout, PostgreSQL pre-pinged pools (a
    server may restart under us)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        database = url.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            pool_pre_ping=False,  # a local file: a ping per checkout would only cost time
            hide_parameters=True,  # a database error must not carry what people typed into the log
        )
        event.listen(engine, "connect", _configure_sqlite_connection)
        return engine
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        # psycopg (v3) is the driver we ship; accept plain postgresql:// URLs.
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=20,  # HTTP threads, listener threads and delivery workers share it
        max_overflow=20,
        pool_timeout=10,
        connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
        hide_parameters=True,  # a database error must not carry what people typed into the log
    )


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The services' session factory; an inbox worker's event joins its blocks into one transaction
    (bot/core/event_transaction.py)."""
    from bot.core.event_transaction import Sessions

    return Sessions(bind=engine, expire_on_commit=False)


def database_is_reachable(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError as error:
        logger.warning("database health check failed: %s", type(error).__name__)
        return False


def _insert(session: Session, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported database dialect: {dialect}")  # pragma: no cover


def insert_ignoring_duplicates(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """Insert a row unless it collides with a unique key; True when this call inserted it.

    Uses RETURNING rather than rowcount, which some drivers report as -1 for this statement.
    """
    statement = _insert(session, table).values(**values).on_conflict_do_nothing()
    primary_key = next(iter(table.primary_key.columns))
    return session.execute(statement.returning(primary_key)).first() is not None


def add_to_counts(session: Session, table: Table, key: dict[str, Any], amounts: dict[str, int]) -> None:
    """Add `amounts` to the counts of the row with primary key `key`, creating it when missing: one
    statement, so a row counted by many events is locked only by that statement's transaction."""
    statement = _insert(session, table).values(**key, **amounts)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=list(key),
            set_={name: table.c[name] + statement.excluded[name] for name in amounts},
        )
    )
