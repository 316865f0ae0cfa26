"""Deciding whether to nudge: which messages are linted, restraint, and the record of what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.db import insert_ignoring_duplicates
from bot.people.settings_store import pause_nudges
from models import ChannelMode, NudgeOutcome, NudgeRecord

SAME_RULE_QUIET_PERIOD = timedelta(hours=1)
PAUSE_LENGTH = timedelta(days=7)
# Subtypes that are a person's own new message; everything else (bot_message, channel_join, ...) is not.
_PERSON_SUBTYPES = {None, "", "thread_broadcast", "file_share"}


@dataclass(frozen=True)
class IncomingMessage:
    """The parts of a Slack message event the nudge flow uses (the text only passes through)."""

    team_id: str
    channel_id: str
    channel_type: str
    user_id: str
    text: str
    ts: str
    thread_ts: str | None
    subtype: str | None
    bot_id: str | None

    @property
    def is_thread_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


def parse_message_event(event: dict[str, Any], *, team_id: str) -> IncomingMessage | None:
    """A new message event as plain values, or None when it lacks what a message needs."""
    channel, ts = event.get("channel"), event.get("ts")
    user, text = event.get("user"), event.get("text")
    if not isinstance(channel, str) or not isinstance(ts, str):
        return None
    return IncomingMessage(
        team_id=team_id,
        channel_id=channel,
        channel_type=str(event.get("channel_type") or ""),
        user_id=user if isinstance(user, str) else "",
        text=text if isinstance(text, str) else "",
        ts=ts,
        thread_ts=event["thread_ts"] if isinstance(event.get("thread_ts"), str) else None,
        subtype=event["subtype"] if isinstance(event.get("subtype"), str) else None,
        bot_id=event["bot_id"] if isinstance(event.get("bot_id"), str) else None,
    )


def reason_not_to_lint(
    message: IncomingMessage, *, mode: ChannelMode, lint_thread_replies: bool
) -> str | None:
    """Why a message is not linted at all, or None when it should be."""
    reason = reason_not_to_read(message, mode=mode)
    if reason is None and message.is_thread_reply and not lint_thread_replies:
        return "a thread reply"
    return reason


def reason_not_to_read(message: IncomingMessage, *, mode: ChannelMode) -> str | None:
    """Why the bot ignores a message altogether (a bot's, a DM, a channel set to off), or None."""
    if message.bot_id or message.subtype == "bot_message" or not message.user_id:
        return "from a bot"
    if message.subtype not in _PERSON_SUBTYPES:
        return f"subtype {message.subtype}"
    if message.channel_type in ("im", "mpim") or message.channel_id.startswith("D"):
        return "a direct message"
    if mode is ChannelMode.OFF:
        return "nudges are off in this channel"
    if not message.text.strip():
        return "no text"
    return None


@dataclass(frozen=True)
class NudgePlan:
    outcome: NudgeOutcome
    rules: tuple[str, ...]  # the rules to mention in the nudge (after restraint)

    @property
    def send(self) -> bool:
        return self.outcome is NudgeOutcome.NUDGED


def plan_nudge(
    *,
    session: Session,
    message: IncomingMessage,
    rules: list[str],
    mode: ChannelMode,
    daily_cap: int,
    now: datetime,
    author_tz: tzinfo,
) -> NudgePlan | None:
    """Record the findings for a message and decide whether to nudge; None if it was seen already.

    Restraint: never the same rule for the same person within an hour, at most `daily_cap` nudges
    a day (the author's calendar day), and nothing in observe mode.
    """
    if mode is ChannelMode.OBSERVE:
        plan = NudgePlan(NudgeOutcome.OBSERVED, tuple(rules))
    else:
        recent = _rules_nudged_since(session, message, now - SAME_RULE_QUIET_PERIOD)
        fresh = tuple(rule for rule in rules if rule not in recent)
        start_of_day = datetime.combine(
            now.astimezone(author_tz).date(), datetime.min.time(), tzinfo=author_tz
        )
        if not fresh or _nudges_since(session, message, start_of_day) >= daily_cap:
            plan = NudgePlan(NudgeOutcome.SUPPRESSED, tuple(rules))
        else:
            plan = NudgePlan(NudgeOutcome.NUDGED, fresh)
    inserted = insert_ignoring_duplicates(
        session,
        NudgeRecord.__table__,  # type: ignore[arg-type]
        {
            "team_id": message.team_id,
            "channel_id": message.channel_id,
            "message_ts": message.ts,
            "user_id": message.user_id,
            "rule_ids": list(plan.rules),
            "outcome": plan.outcome,
            "nudged_at": now if plan.send else None,
            "created_at": now,
            "updated_at": now,
        },
    )
    return plan if inserted else None


def record_outcome(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    message_ts: str,
    outcome: NudgeOutcome,
    now: datetime,
    reported_rules: list[str] | None = None,
) -> bool:
    """Change what happened to a nudge; False when there is no such record in this workspace."""
    record = _record(session, team_id, channel_id, message_ts)
    if record is None:
        return False
    record.outcome, record.updated_at = outcome, now
    if outcome is NudgeOutcome.SEND_FAILED:
        record.nudged_at = None
    if reported_rules is not None:
        record.reported_rule_ids = list(reported_rules)
    return True


@dataclass(frozen=True)
class NudgeClick:
    """A click on one of a nudge's buttons: who clicked, and which nudged message it was about."""

    team_id: str
    user_id: str
    channel_id: str
    message_ts: str
    rules: tuple[str, ...]


def report_not_helpful(*, session: Session, click: NudgeClick, now: datetime) -> bool:
    """A false-positive report, with the rule ids the nudge named."""
    return record_outcome(
        session=session,
        team_id=click.team_id,
        channel_id=click.channel_id,
        message_ts=click.message_ts,
        outcome=NudgeOutcome.REPORTED,
        now=now,
        reported_rules=list(click.rules),
    )


def pause_from_nudge(*, session: Session, click: NudgeClick, now: datetime) -> datetime:
    """Pause the clicker's nudges for a week; returns when they resume."""
    until = now + PAUSE_LENGTH
    pause_nudges(session=session, team_id=click.team_id, user_id=click.user_id, until=until)
    record_outcome(
        session=session,
        team_id=click.team_id,
        channel_id=click.channel_id,
        message_ts=click.message_ts,
        outcome=NudgeOutcome.PAUSED,
        now=now,
    )
    return until


def record_edit(
    *, session: Session, team_id: str, channel_id: str, message_ts: str, still_flagged: bool, now: datetime
) -> bool:
    """After an edit: a nudged or observed message whose findings are gone counts as fixed."""
    record = _record(session, team_id, channel_id, message_ts)
    if record is None or still_flagged or record.outcome not in (NudgeOutcome.NUDGED, NudgeOutcome.OBSERVED):
        return False
    record.outcome, record.updated_at = NudgeOutcome.FIXED, now
    return True


def _record(session: Session, team_id: str, channel_id: str, message_ts: str) -> NudgeRecord | None:
    query = select(NudgeRecord).where(
        NudgeRecord.team_id == team_id,
        NudgeRecord.channel_id == channel_id,
        NudgeRecord.message_ts == message_ts,
    )
    return session.scalars(query).one_or_none()


def _rules_nudged_since(session: Session, message: IncomingMessage, since: datetime) -> set[str]:
    query = select(NudgeRecord.rule_ids).where(
        NudgeRecord.team_id == message.team_id,
        NudgeRecord.user_id == message.user_id,
        NudgeRecord.nudged_at.is_not(None),
        NudgeRecord.nudged_at >= since,
    )
    return {rule for rules in session.scalars(query) for rule in rules}


def _nudges_since(session: Session, message: IncomingMessage, since: datetime) -> int:
    query = select(func.count()).where(
        NudgeRecord.team_id == message.team_id,
        NudgeRecord.user_id == message.user_id,
        NudgeRecord.nudged_at.is_not(None),
        NudgeRecord.nudged_at >= since,
    )
    return int(session.scalar(query) or 0)
