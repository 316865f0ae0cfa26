"""Async standups: a channel's configuration, each day's run, and each person's entry in it.

Answers are the one place message text is stored: they are what the feature exists for (the
digest, late answers, history). They go with the workspace's data on purge.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPrimaryKey, CommaList, str_enum


class EntryStatus(enum.StrEnum):
    PROMPTED = "prompted"
    ANSWERED = "answered"
    AWAY = "away"  # away, or a workspace holiday: shown as away in the digest, not missing


class Standup(Base):
    __tablename__ = "standups"
    __table_args__ = (UniqueConstraint("team_id", "channel_id", "name"),)

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    # Several standups may share a channel: each but the first has a name ("Design review").
    name: Mapped[str] = mapped_column(String(40), server_default="")
    days: Mapped[str] = mapped_column(String(40))  # "mon-fri"
    prompt_time: Mapped[str] = mapped_column(String(5))  # "09:30", each participant's local time
    fixed_tz: Mapped[str | None] = mapped_column(String(64))  # None: each participant's own zone
    participants: Mapped[list[str]] = mapped_column(CommaList())  # user ids
    follows_channel: Mapped[bool] = mapped_column(Boolean)  # people who join the channel join the standup
    questions: Mapped[str] = mapped_column(Text)  # JSON list of strings
    digest_time: Mapped[str | None] = mapped_column(String(5))  # a local time in digest_tz...
    digest_tz: Mapped[str | None] = mapped_column(String(64))
    digest_after_hours: Mapped[int | None] = mapped_column(Integer)  # ...or hours after the last prompt
    digest_in_thread: Mapped[bool] = mapped_column(Boolean)  # summary + answers in its thread, or one message
    # Whom the digest notifies: "names" (nobody: names without a ping), "blockers" (the people
    # blockers name), "everyone" (every name is a mention).
    mention_policy: Mapped[str] = mapped_column(String(16), server_default="names")
    paused: Mapped[bool] = mapped_column(Boolean)
    created_by: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class StandupRun(Base):
    """One standup day: the local date every participant answers for, and its one digest."""

    __tablename__ = "standup_runs"
    __table_args__ = (UniqueConstraint("standup_id", "run_date"), Index(None, "team_id", "digest_built_at"))

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    standup_id: Mapped[int] = mapped_column(Integer)
    run_date: Mapped[date]
    digest_due_at: Mapped[datetime]
    digest_built_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class StandupEntry(Base):
    """A person's part in a run: prompted, answered (and edited) or away."""

    __tablename__ = "standup_entries"
    __table_args__ = (UniqueConstraint("run_id", "user_id"), Index(None, "team_id", "user_id"))

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[str] = mapped_column(String(32))
    status: Mapped[EntryStatus] = mapped_column(str_enum(EntryStatus, "entry_status"))
    prompted_at: Mapped[datetime | None]
    answers: Mapped[str | None] = mapped_column(Text)  # JSON list of {"q": question, "a": answer}
    # The people the person is blocked on, picked in the answer form (their asks are opened for real).
    blocked_on: Mapped[list[str]] = mapped_column(CommaList(1000), server_default="")
    answered_at: Mapped[datetime | None]
    answered_late: Mapped[bool] = mapped_column(Boolean, default=False)  # first answered after the digest
    version: Mapped[int] = mapped_column(Integer)  # +1 on every submission
    shown_version: Mapped[int] = mapped_column(Integer)  # the version the digest or its thread shows
