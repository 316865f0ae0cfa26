"""Nudge state: nudge records, the working agreement's change log and the linter's tallies.

No message text is stored: a nudge record keeps who, where, which message (its ts), which rules,
and what happened.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPrimaryKey, CommaList, str_enum


class NudgeOutcome(enum.StrEnum):
    OBSERVED = "observed"  # observe mode: recorded, nothing sent
    NUDGED = "nudged"
    SUPPRESSED = "suppressed"  # restraint: daily cap or the same rule within the hour
    SEND_FAILED = "send_failed"
    FIXED = "fixed"  # the author edited the message and the findings are gone
    REPORTED = "reported"  # "Not helpful": a false-positive report
    PAUSED = "paused"  # the author paused nudges from this nudge


class NudgeRecord(Base):
    __tablename__ = "nudge_records"
    __table_args__ = (
        UniqueConstraint("team_id", "channel_id", "message_ts"),
        Index(None, "team_id", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str] = mapped_column(String(32))
    message_ts: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    rule_ids: Mapped[list[str]] = mapped_column(CommaList(200))
    outcome: Mapped[NudgeOutcome] = mapped_column(str_enum(NudgeOutcome, "nudge_outcome"))
    reported_rule_ids: Mapped[list[str] | None] = mapped_column(CommaList(200))
    nudged_at: Mapped[datetime | None]  # when the nudge was sent; restraint counts these
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class AgreementChange(Base):
    """One changed field of the working agreement: who, when, what it was and what it became."""

    __tablename__ = "agreement_changes"
    __table_args__ = (Index(None, "team_id", "changed_at"),)

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    changed_by: Mapped[str] = mapped_column(String(64))  # a user id, or "cli" for an import
    changed_at: Mapped[datetime]
    field: Mapped[str] = mapped_column(String(100))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)


class LintTally(Base):
    """Per channel and day: how many requests were linted and how many were complete. Counts only."""

    __tablename__ = "lint_tallies"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    requests: Mapped[int] = mapped_column(Integer)
    complete: Mapped[int] = mapped_column(Integer)


class RuleFeedback(Base):
    """What a workspace's people said about one rule's nudges ("Not helpful"), and whether the rule's
    nudges are paused because of it. Counting starts again from `counted_since` when an admin turns
    the rule back on."""

    __tablename__ = "rule_feedback"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rule: Mapped[str] = mapped_column(String(40), primary_key=True)
    counted_since: Mapped[datetime]
    paused_at: Mapped[datetime | None]
    paused_after_nudges: Mapped[int | None] = mapped_column(Integer)
    paused_after_reports: Mapped[int | None] = mapped_column(Integer)
    admins_told_at: Mapped[datetime | None]
