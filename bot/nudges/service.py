"""Deciding whether to nudge: which messages are linted, restraint, the record of what happened, and
what people said about the nudges ("Not helpful"), which can pause a rule in a workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.db import insert_ignoring_duplicates
from bot.people.settings_store import pause_nudges
from models import ChannelMode, NudgeOutcome, NudgeRecord, RuleFeedback

SAME_RULE_QUIET_PERIOD = timedelta(hours=1)
# Slackbot's own messages (reminders, auto-responses) carry this user id and no bot_id.
SLACKBOT_USER_ID = "USLACKBOT"
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
    shared_externally: bool = False  # a Slack Connect channel (the event's is_ext_shared_channel)

    @property
    def is_thread_reply(self) -> bool:
        return self.thread_ts is not None and self.thread_ts != self.ts


def parse_message_event(
    event: dict[str, Any], *, team_id: str, shared_externally: bool = False
) -> IncomingMessage | None:
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
        shared_externally=shared_externally,
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
    if message.user_id == SLACKBOT_USER_ID:
        return "from Slackbot"
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
    sendable: frozenset[str] | None = None,
) -> NudgePlan | None:
    """Record the findings for a message and decide whether to nudge; None if it was seen already.

    Only `sendable` rules (confident enough, not paused after feedback; default: all) are sent; a
    message with none is observed. Restraint: never the same rule for the same person within an hour,
    at most `daily_cap` nudges a day (the author's calendar day), and nothing in observe mode.
    """
    to_send = [rule for rule in rules if sendable is None or rule in sendable]
    if mode is ChannelMode.OBSERVE or not to_send:
        plan = NudgePlan(NudgeOutcome.OBSERVED, tuple(rules))
    else:
        recent = _rules_nudged_since(session, message, now - SAME_RULE_QUIET_PERIOD)
        fresh = tuple(rule for rule in to_send if rule not in recent)
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


# -- learning from "Not helpful" ------------------------------------------------------------------
# Per workspace and rule: count nudges and reports, and pause a rule's nudges when people keep saying
# they do not help (the rule keeps being observed and counted).

# A rule is paused when at least this share of its nudges was reported, over at least this many.
REPORTED_SHARE_TO_PAUSE = 0.3
NUDGES_BEFORE_JUDGING = 10
# Only recent nudges count: what people said a season ago is about a different linter.
FEEDBACK_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class RuleVerdict:
    rule: str
    nudges: int
    reports: int

    @property
    def share(self) -> float:
        return self.reports / self.nudges if self.nudges else 0.0

    @property
    def pause(self) -> bool:
        return self.nudges >= NUDGES_BEFORE_JUDGING and self.share >= REPORTED_SHARE_TO_PAUSE


def _feedback(session: Session, team_id: str, rule: str, now: datetime) -> RuleFeedback:
    found = session.get(RuleFeedback, (team_id, rule))
    if found is None:
        insert_ignoring_duplicates(
            session,
            RuleFeedback.__table__,  # type: ignore[arg-type]
            {"team_id": team_id, "rule": rule, "counted_since": now - FEEDBACK_WINDOW},
        )
        found = session.get_one(RuleFeedback, (team_id, rule))
    return found


def verdict(*, session: Session, team_id: str, rule: str, now: datetime) -> RuleVerdict:
    """How many of the rule's nudges were sent, and reported, since counting (re)started."""
    since = max(_feedback(session, team_id, rule, now).counted_since, now - FEEDBACK_WINDOW)
    query = select(NudgeRecord.rule_ids, NudgeRecord.reported_rule_ids).where(
        NudgeRecord.team_id == team_id, NudgeRecord.nudged_at.is_not(None), NudgeRecord.nudged_at >= since
    )
    nudges = reports = 0
    for rules, reported in session.execute(query):
        if rule in rules:
            nudges += 1
            reports += rule in (reported or [])
    return RuleVerdict(rule, nudges, reports)


def learn_from_report(
    *, session: Session, team_id: str, rules: list[str], now: datetime
) -> list[RuleVerdict]:
    """After a "Not helpful": the rules whose nudges this report pauses (empty for most reports)."""
    for rule in rules:
        _feedback(session, team_id, rule, now)  # the rule has feedback now: reconsidered after each nudge
    return reconsider(session=session, team_id=team_id, rules=rules, now=now)


def reconsider(
    *, session: Session, team_id: str, rules: list[str] | tuple[str, ...], now: datetime
) -> list[RuleVerdict]:
    """Pause the rules (among `rules`) that people reported enough; only rules with feedback are read,
    so a nudge for a rule nobody reported costs one primary-key look-up."""
    paused = []
    for rule in dict.fromkeys(rules):
        feedback = session.get(RuleFeedback, (team_id, rule))
        if feedback is None or feedback.paused_at is not None:
            continue
        judged = verdict(session=session, team_id=team_id, rule=rule, now=now)
        if judged.pause:
            feedback.paused_at = now
            feedback.paused_after_nudges, feedback.paused_after_reports = judged.nudges, judged.reports
            paused.append(judged)
    return paused


def paused_rules(*, session: Session, team_id: str) -> dict[str, RuleFeedback]:
    """The workspace's rules whose nudges are paused after feedback, by rule id."""
    query = select(RuleFeedback).where(RuleFeedback.team_id == team_id, RuleFeedback.paused_at.is_not(None))
    return {feedback.rule: feedback for feedback in session.scalars(query)}


def resume_rule(*, session: Session, team_id: str, rule: str, now: datetime) -> bool:
    """An admin turns a paused rule back on: its nudges are sent again, and counting starts afresh."""
    feedback = session.get(RuleFeedback, (team_id, rule))
    if feedback is None or feedback.paused_at is None:
        return False
    feedback.paused_at = None
    feedback.counted_since = now
    feedback.admins_told_at = None
    feedback.paused_after_nudges = feedback.paused_after_reports = None
    return True


def mark_admins_told(*, session: Session, team_id: str, rule: str, now: datetime) -> bool:
    """True the first time (the admins are told once per pause)."""
    feedback = session.get(RuleFeedback, (team_id, rule))
    if feedback is None or feedback.admins_told_at is not None:
        return False
    feedback.admins_told_at = now
    return True
