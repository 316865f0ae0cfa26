"""The durable inbox: Slack events as received, waiting for a worker, and which worker holds which
channel. A queue, not the team's data: on SQLite it lives in a file of its own (so acknowledging
never waits behind the main database's write lock), on PostgreSQL in the same database; its tables
are created by the server when missing (`create_inbox_tables`), outside the migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from models.base import NAMING_CONVENTION, BigIntPrimaryKey, UTCDateTime


class InboxBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class InboxEvent(InboxBase):
    """One Events API delivery, raw, until a worker has done it (then it is deleted)."""

    __tablename__ = "inbox_events"
    __table_args__ = (
        UniqueConstraint("team_id", "event_id"),
        Index(None, "available_at"),
        Index(None, "channel_key", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(64))
    # Events of one channel (or one person, for events outside channels) are done in order.
    channel_key: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)  # the raw request body: the event's text lives here until done
    received_at: Mapped[datetime]
    available_at: Mapped[datetime]  # received_at, or later after a failed attempt
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    dead_at: Mapped[datetime | None]  # gave up after too many attempts (kept for the operator)


class InboxChannel(InboxBase):
    """A worker's lease on a channel's events: one worker at a time, so a channel's events keep order."""

    __tablename__ = "inbox_channels"

    channel_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    claimed_by: Mapped[str] = mapped_column(String(64))
    lease_until: Mapped[datetime]


def create_inbox_tables(engine: Engine) -> None:
    InboxBase.metadata.create_all(engine, checkfirst=True)
