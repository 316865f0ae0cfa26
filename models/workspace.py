"""A workspace's settings and the working agreement behind them, its channels' settings, and what we
keep about a person: a cached time zone and role, and their own preferences."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CommaList, str_enum


class ChannelMode(enum.StrEnum):
    OFF = "off"
    NUDGE = "nudge"  # lint, and nudge the author privately
    OBSERVE = "observe"  # lint and record, send nothing


class WorkspaceSettings(Base):
    __tablename__ = "workspace_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    default_channel_mode: Mapped[ChannelMode] = mapped_column(str_enum(ChannelMode, "channel_mode"))
    anyone_can_set_channel_mode: Mapped[bool] = mapped_column(Boolean)
    daily_nudge_cap: Mapped[int] = mapped_column(Integer)
    disabled_rules: Mapped[list[str]] = mapped_column(CommaList(200))  # rule ids, off everywhere
    wall_of_text_words: Mapped[int] = mapped_column(Integer)
    broadcast_channel_size: Mapped[int] = mapped_column(Integer)
    # Where new decision records are echoed, if anywhere.
    decision_log_channel: Mapped[str | None] = mapped_column(String(32))
    # A canvas in the decision-log channel listing the log, kept up to date on every change.
    decision_log_canvas_id: Mapped[str | None] = mapped_column(String(32))
    # Set on app_uninstalled / tokens_revoked; the workspace's data is purged after the retention period.
    uninstalled_at: Mapped[datetime | None]
    # The team's working time and response norms (the working agreement's defaults for everyone).
    work_start: Mapped[str] = mapped_column(String(5), default="09:00")  # HH:MM local
    work_end: Mapped[str] = mapped_column(String(5), default="17:00")
    work_days: Mapped[str] = mapped_column(String(40), default="mon-fri")
    default_tz: Mapped[str | None] = mapped_column(String(64))  # for people whose zone is unknown
    focus_blocks: Mapped[list[str]] = mapped_column(CommaList(200), default=list)  # ["12:00-13:00"]
    # Response norms in business days by urgency: 0 = by the end of the same working day.
    norm_urgent_days: Mapped[int] = mapped_column(Integer, default=0)
    norm_normal_days: Mapped[int] = mapped_column(Integer, default=1)
    norm_complex_days: Mapped[int] = mapped_column(Integer, default=3)
    ack_emoji: Mapped[list[str]] = mapped_column(CommaList(200), default=lambda: ["white_check_mark", "eyes"])
    # Post overdue urgent asks in the message's thread too (off unless the team turns it on).
    surface_overdue_urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    core_hours: Mapped[str | None] = mapped_column(String(20))  # "14:00-16:00" in default_tz, shown only
    managers: Mapped[list[str]] = mapped_column(CommaList(), default=list)  # may edit the agreement, too
    # People from another organisation (Slack Connect) get tips and tracked asks only when this is on.
    include_external_people: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]
    # Bumped by triggers whenever a channel's settings, a holiday or rule feedback of the workspace
    # change, and people_version whenever a profile does (migration 0017): per-process caches keep
    # what they read while these stay (bot/core/versioned_cache.py).
    settings_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    people_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ChannelSettings(Base):
    __tablename__ = "channel_settings"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    mode: Mapped[ChannelMode] = mapped_column(str_enum(ChannelMode, "channel_mode"))
    lint_thread_replies: Mapped[bool] = mapped_column(Boolean)
    disabled_rules: Mapped[list[str]] = mapped_column(CommaList(200))  # rule ids, off in this channel
    member_count: Mapped[int | None] = mapped_column(Integer)
    member_count_fetched_at: Mapped[datetime | None]
    updated_by: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime]


class UserProfile(Base):
    """What we keep about a person: a cached time zone and role, and their nudge preferences."""

    __tablename__ = "user_profiles"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tz: Mapped[str | None] = mapped_column(String(64))
    is_admin: Mapped[bool] = mapped_column(Boolean)
    is_bot: Mapped[bool] = mapped_column(Boolean)
    # From another organisation (Slack Connect): never an admin here, whatever their role there.
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)
    # Their name as Slack shows it (users.info), for decision records exported as Markdown.
    display_name: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[datetime | None]
    nudges_paused_until: Mapped[datetime | None]
    opted_out: Mapped[bool] = mapped_column(Boolean)
    # Personal working time; None means the workspace default.
    work_start: Mapped[str | None] = mapped_column(String(5))
    work_end: Mapped[str | None] = mapped_column(String(5))
    work_days: Mapped[str | None] = mapped_column(String(40))
    away_from: Mapped[date | None]
    away_until: Mapped[date | None]
