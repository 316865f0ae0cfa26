"""Tracked asks: who asked whom, in which message, due when, and what became of it. No message text."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPrimaryKey, str_enum


class AskState(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"  # the person replied in the thread, reacted, or clicked Answered
    RESOLVED = "resolved"  # the asker closed it
    CANCELLED = "cancelled"  # the asker cancelled it, or the message was deleted or no longer asks them
    DECLINED = "declined"  # the person said "Not for me"


class DueSource(enum.StrEnum):
    STATED = "stated"  # the message named its deadline
    NORM = "norm"  # the team's response norm for its urgency, in the recipient's working time


class TrackedAsk(Base):
    __tablename__ = "tracked_asks"
    __table_args__ = (
        UniqueConstraint("team_id", "channel_id", "message_ts", "recipient_id"),
        Index(None, "team_id", "recipient_id", "state"),
        Index(None, "team_id", "asker_id", "state"),
        Index(None, "state", "due_at"),
        Index(None, "team_id", "channel_id", "thread_ts"),
    )

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(
        String(32)
    )  # the thread the answer goes to (its own ts if top-level)
    asker_id: Mapped[str] = mapped_column(String(32))
    recipient_id: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str] = mapped_column(String(16))
    due_source: Mapped[DueSource] = mapped_column(str_enum(DueSource, "due_source"))
    norm_due_at: Mapped[datetime]  # what the norm alone would give: metrics compare against it
    due_at: Mapped[datetime]
    state: Mapped[AskState] = mapped_column(str_enum(AskState, "ask_state"))
    asked_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(32))
    first_response_at: Mapped[datetime | None]
    remind_after: Mapped[datetime | None]  # snoozed: no reminder before this
    reminded_at: Mapped[datetime | None]
    asker_told_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    # The ask's first line, shortened: the only message text kept, so reminders can say what was asked.
    summary: Mapped[str | None] = mapped_column(String(120))


class WorkspaceHoliday(Base):
    """A day nobody in the workspace works: no prompts, no reminders, not counted as a business day."""

    __tablename__ = "workspace_holidays"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
