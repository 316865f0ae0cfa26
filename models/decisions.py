"""Decision records (ADRs): numbered per workspace, immutable except for status and appended notes."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPrimaryKey, CommaList, str_enum


class DecisionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"


class Decision(Base):
    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("team_id", "number"), Index(None, "team_id", "status"))

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(150))
    status: Mapped[DecisionStatus] = mapped_column(str_enum(DecisionStatus, "decision_status"))
    context: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(Text)  # one considered option per line
    outcome: Mapped[str] = mapped_column(Text)  # the chosen option and why
    consequences_good: Mapped[str] = mapped_column(Text)
    consequences_bad: Mapped[str] = mapped_column(Text)
    decision_makers: Mapped[list[str]] = mapped_column(CommaList(1000))  # user ids
    consulted: Mapped[list[str]] = mapped_column(CommaList(1000))
    informed: Mapped[list[str]] = mapped_column(CommaList(1000))
    decided_on: Mapped[date | None] = mapped_column(Date)  # None: an imported record without a date
    review_by: Mapped[date | None] = mapped_column(Date)
    feedback_by: Mapped[date | None] = mapped_column(Date)
    author_id: Mapped[str] = mapped_column(String(32))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    permalink: Mapped[str | None] = mapped_column(String(500))
    posted_ts: Mapped[str | None] = mapped_column(String(32))
    # Its copy in the decision-log channel, updated with the record.
    log_channel_id: Mapped[str | None] = mapped_column(String(32))
    log_ts: Mapped[str | None] = mapped_column(String(32))
    supersedes: Mapped[int | None] = mapped_column(Integer)  # the number of the record this one replaces
    superseded_by: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text)  # appended notes, oldest first
    created_at: Mapped[datetime]
    # A status another tool wrote that is none of ours ("on hold"), shown as written; `status` is then
    # proposed, the lifecycle state it is treated as.
    status_label: Mapped[str | None] = mapped_column(String(60))
    # The layout of an imported file (JSON, see bot/decisions/adr_format.py): the sections, header items
    # and front matter we have no field for, kept verbatim so an export loses nothing.
    layout: Mapped[str | None] = mapped_column(Text)


class DecisionStatusChange(Base):
    __tablename__ = "decision_status_changes"
    __table_args__ = (Index(None, "team_id", "decision_id"),)

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    from_status: Mapped[DecisionStatus | None] = mapped_column(str_enum(DecisionStatus, "decision_status"))
    to_status: Mapped[DecisionStatus] = mapped_column(str_enum(DecisionStatus, "decision_status"))
    changed_by: Mapped[str] = mapped_column(String(100))  # a user id, or a name from an imported history
    changed_at: Mapped[datetime]


class DecisionLink(Base):
    """A link from one record to another other than superseding: "Amends", "Amended by", "Relates to"
    or any relation adr-tools' `adr link` wrote, by the target's number."""

    __tablename__ = "decision_links"
    __table_args__ = (Index(None, "team_id", "decision_id"),)

    id: Mapped[int] = mapped_column(BigIntPrimaryKey, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32))
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(60))
    target_number: Mapped[int] = mapped_column(Integer)
