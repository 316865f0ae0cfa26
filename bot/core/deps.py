"""What handlers need from the composition root, passed explicitly (no globals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.core.settings import Settings

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Deps:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock = utc_now


def build_deps(settings: Settings, *, engine: Engine, clock: Clock = utc_now) -> Deps:
    from bot.core.db import create_session_factory

    return Deps(settings=settings, engine=engine, session_factory=create_session_factory(engine), clock=clock)
