"""What handlers need from the composition root, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.core.settings import Settings
from bot.core.versioned_cache import VersionedCache

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Deps:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock = utc_now
    # Per process: the settings each message needs, kept while the workspace's settings stay the same.
    cache: VersionedCache = field(default_factory=VersionedCache, compare=False)


def build_deps(settings: Settings, *, engine: Engine, clock: Clock = utc_now) -> Deps:
    from bot.core.db import create_session_factory

    return Deps(settings=settings, engine=engine, session_factory=create_session_factory(engine), clock=clock)
