"""Work due at a time: the database is the source of truth for what the scheduler delivers."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPrimaryKey, str_enum


class ItemState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # marked before the Slack call; claimed again, the channel is checked first
    SENT = "sent"
    FAILED = "failed"  # will not be retried; last_error says why
    SKIPPED = "skipped"  # overdue beyond its grace, or its workspace uninstalled; last_error says why


class ScheduledItem(Base):
    __tablename__ = "scheduled_items"
    __table_args__ = (
        UniqueConstraint("team_id", "occurrence_key"),
        Index(None, "state", "available_at"),
        Index(None, "team_id", "state"),
    )

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    occurrence_key: Mapped[str] = mapped_column(String(200))
    channel_id: Mapped[str] = mapped_column(String(32))  # a channel, or a user id for the app's DM
    payload: Mapped[str] = mapped_column(Text)  # JSON: text, blocks, thread_ts
    due_at: Mapped[datetime]
    available_at: Mapped[datetime]  # due_at, or later after a transient failure
    grace_seconds: Mapped[int] = mapped_column(Integer)
    state: Mapped[ItemState] = mapped_column(str_enum(ItemState, "item_state"))
    attempts: Mapped[int] = mapped_column(Integer)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    # When a send began whose outcome is not known yet (cleared when it is): before sending again, the
    # channel is searched from then on for the post (it carries the item id in its metadata).
    sending_since: Mapped[datetime | None]


class ChannelPace(Base):
    """When the next scheduled post may go to a channel, shared by every instance (Slack allows about
    one message per second per channel)."""

    __tablename__ = "channel_pace"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_at: Mapped[datetime]
