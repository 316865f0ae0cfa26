"""Tracked asks: open them from messages, close them on replies, reactions and buttons, list them.

No message text is stored: an ask is who asked whom, where (channel and ts), how urgent, due when,
and what became of it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.asks.detection import DetectedAsk as DetectedAsk  # noqa: PLC0414  (re-exported: open_asks takes it)
from bot.calendar.work_calendars import calendar_for, norm_business_days
from bot.calendar.working_time import WorkCalendar
from bot.core.db import insert_ignoring_duplicates
from bot.lint import Urgency
from models import AskState, DueSource, TrackedAsk, WorkspaceSettings

SLACK_TS = re.compile(r"\d{1,12}(?:\.\d{1,9})?")
ID_LIMIT = 32  # channel and user ids are stored in columns this wide
# Skin-tone variants ("+1::skin-tone-3") acknowledge like the plain emoji.
SKIN_TONE_SEPARATOR = "::"


@dataclass(frozen=True)
class AskedMessage:
    """Where an ask was made and by whom; `asked_at` is the message's own time (its ts)."""

    team_id: str
    channel_id: str
    message_ts: str
    thread_ts: str  # the thread answers go to: the message's own ts when it is top-level
    asker_id: str
    asked_at: datetime
    summary: str | None = None  # the ask's first line (ask_summary)


SUMMARY_LIMIT = 120
_WHITESPACE = re.compile(r"\s+")


def ask_summary(text: str) -> str | None:
    """The first line that says something, shortened to SUMMARY_LIMIT: what reminders quote."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    line = _WHITESPACE.sub(" ", line)
    if not line:
        return None
    return line if len(line) <= SUMMARY_LIMIT else line[: SUMMARY_LIMIT - 1].rstrip() + "…"


def ts_time(ts: str) -> datetime | None:
    """A Slack ts ("1700000000.000100") as an aware UTC datetime, or None if it is not one."""
    if not SLACK_TS.fullmatch(ts):
        return None
    try:
        return datetime.fromtimestamp(float(ts), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def open_asks(
    *,
    session: Session,
    workspace: WorkspaceSettings,
    message: AskedMessage,
    detected: DetectedAsk,
    calendars: Mapping[str, WorkCalendar],
) -> int:
    """One open ask per recipient (calendars holds the recipients to track); returns how many were new."""
    norm_days = norm_business_days(workspace, Urgency.COMPLEX if detected.no_rush else detected.urgency)
    added = 0
    for recipient in detected.recipients:
        calendar = calendars.get(recipient)
        if calendar is None:
            continue
        norm_due = calendar.due_after(message.asked_at, business_days=norm_days)
        due = detected.stated_due or norm_due
        urgent = detected.urgency is Urgency.URGENT and not detected.no_rush
        added += insert_ignoring_duplicates(
            session,
            TrackedAsk.__table__,  # type: ignore[arg-type]
            {
                "team_id": message.team_id,
                "channel_id": message.channel_id,
                "message_ts": message.message_ts,
                "thread_ts": message.thread_ts,
                "asker_id": message.asker_id,
                "recipient_id": recipient,
                "urgency": detected.urgency.value,
                "due_source": DueSource.STATED if detected.stated_due else DueSource.NORM,
                "norm_due_at": norm_due,
                "due_at": due,
                # An urgent ask is not left until it is overdue: a first nudge within the person's
                # same working day (or as their next working hour starts), holidays and away days kept.
                "remind_after": first_urgent_nudge(calendar, message.asked_at, due) if urgent else None,
                "state": AskState.OPEN,
                "asked_at": message.asked_at,
                "summary": message.summary,
            },
        )
    return added


URGENT_FIRST_NUDGE = timedelta(hours=1)  # an urgent ask unanswered this long (in working time) is nudged


def first_urgent_nudge(calendar: WorkCalendar, asked_at: datetime, due: datetime) -> datetime:
    """When an urgent ask is first nudged: an hour into the person's working time after it was asked
    (an ask made before their day starts is nudged an hour after it starts), and never after it is due."""
    start = calendar.next_working_moment(asked_at)
    return min(calendar.next_working_moment(start + URGENT_FIRST_NUDGE), max(due, start))


def record_thread_reply(
    *, session: Session, team_id: str, channel_id: str, thread_ts: str, user_id: str, reply_ts: str
) -> int:
    """A person replied in a thread: their open asks made earlier in that thread are answered."""
    at = ts_time(reply_ts)
    if at is None:
        return 0
    asks = session.scalars(
        select(TrackedAsk).where(
            TrackedAsk.team_id == team_id,
            TrackedAsk.channel_id == channel_id,
            TrackedAsk.thread_ts == thread_ts,
            TrackedAsk.recipient_id == user_id,
            TrackedAsk.state == AskState.OPEN,
        )
    )
    # (an ask a standup blocker opened has no message of its own: its time is when it was asked)
    return _close(
        [ask for ask in asks if (ts_time(ask.message_ts) or ask.asked_at) < at],
        AskState.ANSWERED,
        by=user_id,
        at=at,
    )


def record_reaction(
    *,
    session: Session,
    workspace: WorkspaceSettings,
    channel_id: str,
    message_ts: str,
    user_id: str,
    reaction: str,
    at: datetime,
) -> int:
    """An acknowledgement emoji from the asked person on the message answers their ask."""
    if reaction.split(SKIN_TONE_SEPARATOR, maxsplit=1)[0] not in acknowledgement_emoji(workspace):
        return 0
    asks = session.scalars(
        select(TrackedAsk).where(
            TrackedAsk.team_id == workspace.team_id,
            TrackedAsk.channel_id == channel_id,
            TrackedAsk.message_ts == message_ts,
            TrackedAsk.recipient_id == user_id,
            TrackedAsk.state == AskState.OPEN,
        )
    )
    return _close(list(asks), AskState.ANSWERED, by=user_id, at=at)


def acknowledgement_emoji(workspace: WorkspaceSettings) -> frozenset[str]:
    return frozenset(name.strip().strip(":") for name in workspace.ack_emoji if name.strip())


def cancel_message_asks(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    message_ts: str,
    at: datetime,
    keep: Iterable[str] = (),
) -> int:
    """The message was deleted, or edited so it no longer asks these people: cancel (all but `keep`)."""
    kept = set(keep)
    asks = session.scalars(
        select(TrackedAsk).where(
            TrackedAsk.team_id == team_id,
            TrackedAsk.channel_id == channel_id,
            TrackedAsk.message_ts == message_ts,
            TrackedAsk.state == AskState.OPEN,
        )
    )
    return _close([ask for ask in asks if ask.recipient_id not in kept], AskState.CANCELLED, by=None, at=at)


def _close(asks: list[TrackedAsk], state: AskState, *, by: str | None, at: datetime) -> int:
    for ask in asks:
        ask.state, ask.closed_at, ask.closed_by = state, at, by
        if state is AskState.ANSWERED and ask.first_response_at is None:
            ask.first_response_at = at
    return len(asks)


class AskAction(enum.StrEnum):
    """What a button (or App Home) can do with an ask, and who may do it."""

    ANSWERED = "answered"  # recipient
    SNOOZE = "snooze"  # recipient: remind again tomorrow
    NOT_FOR_ME = "not_for_me"  # recipient
    RESOLVE = "resolve"  # asker
    CANCEL = "cancel"  # asker
    EXTEND = "extend"  # asker: one more business day
    ESCALATE = "escalate"  # asker: mention the person in the message's thread


RECIPIENT_ACTIONS = frozenset({AskAction.ANSWERED, AskAction.SNOOZE, AskAction.NOT_FOR_ME})
CLOSING_STATES = {
    AskAction.ANSWERED: AskState.ANSWERED,
    AskAction.NOT_FOR_ME: AskState.DECLINED,
    AskAction.RESOLVE: AskState.RESOLVED,
    AskAction.CANCEL: AskState.CANCELLED,
}


class Outcome(enum.StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"  # no such ask in this workspace
    NOT_YOURS = "not_yours"
    ALREADY_CLOSED = "already_closed"


@dataclass(frozen=True)
class ActionResult:
    outcome: Outcome
    ask: TrackedAsk | None = None
    until: datetime | None = None  # the new due time (extend) or the snooze's end


class SnoozeFor(enum.StrEnum):
    """How long "Snooze" holds a reminder, always counted in the recipient's working time."""

    TWO_HOURS = "2h"
    TOMORROW = "tomorrow"
    NEXT_WEEK = "next-week"


def snooze_end(calendar: WorkCalendar, now: datetime, choice: SnoozeFor) -> datetime:
    """When a snoozed reminder may come again: two hours on (in working time), the start of the next
    working day, or of the first working day of next week."""
    if choice is SnoozeFor.TWO_HOURS:
        return calendar.next_working_moment(calendar.next_working_moment(now) + timedelta(hours=2))
    today = now.astimezone(calendar.zone).date()
    days = 1 if choice is SnoozeFor.TOMORROW else 7 - today.weekday()  # next week: from its Monday
    return calendar.next_working_moment(calendar.day_start(today + timedelta(days=days)))


def act_on_ask(
    *,
    session: Session,
    team_id: str,
    ask_id: int,
    user_id: str,
    action: AskAction,
    now: datetime,
    snooze: SnoozeFor = SnoozeFor.TOMORROW,
) -> ActionResult:
    """Apply a button to an ask, if this person may: recipients answer, snooze or decline; askers the rest."""
    ask = session.get(TrackedAsk, ask_id)
    if ask is None or ask.team_id != team_id:
        return ActionResult(Outcome.UNKNOWN)
    allowed = ask.recipient_id if action in RECIPIENT_ACTIONS else ask.asker_id
    if user_id != allowed:
        return ActionResult(Outcome.NOT_YOURS, ask)
    if ask.state is not AskState.OPEN:
        return ActionResult(Outcome.ALREADY_CLOSED, ask)
    if action in CLOSING_STATES:
        _close([ask], CLOSING_STATES[action], by=user_id, at=now)
        return ActionResult(Outcome.DONE, ask)
    workspace = session.get_one(WorkspaceSettings, team_id)
    calendar = calendar_for(session=session, workspace=workspace, user_id=ask.recipient_id)
    if action is AskAction.SNOOZE:
        ask.remind_after, ask.reminded_at = snooze_end(calendar, now, snooze), None
        return ActionResult(Outcome.DONE, ask, ask.remind_after)
    if action is AskAction.EXTEND:
        ask.due_at = calendar.due_after(max(now, ask.due_at), business_days=1)
        ask.reminded_at = ask.asker_told_at = ask.remind_after = None
        return ActionResult(Outcome.DONE, ask, ask.due_at)
    ask.escalated_at = now  # ESCALATE: the caller posts in the thread
    return ActionResult(Outcome.DONE, ask)


@dataclass(frozen=True)
class OpenAsks:
    waiting_on_me: list[TrackedAsk]
    i_am_waiting_on: list[TrackedAsk]
    total_waiting_on_me: int
    total_i_am_waiting_on: int
    # The person's own asks that someone marked "Not for me" lately: still theirs to redirect.
    declined: list[TrackedAsk] = field(default_factory=list)


DECLINED_SHOWN_FOR = timedelta(days=7)


def open_asks_of(*, session: Session, team_id: str, user_id: str, now: datetime, limit: int = 50) -> OpenAsks:
    """The person's open asks both ways, soonest due first (at most `limit` of each, with totals), and
    their asks declined in the last week."""

    def query(column: InstrumentedAttribute[str]) -> list[TrackedAsk]:
        return list(
            session.scalars(
                select(TrackedAsk)
                .where(TrackedAsk.team_id == team_id, column == user_id, TrackedAsk.state == AskState.OPEN)
                .order_by(TrackedAsk.due_at, TrackedAsk.id)
            )
        )

    mine, theirs = query(TrackedAsk.recipient_id), query(TrackedAsk.asker_id)
    declined = session.scalars(
        select(TrackedAsk)
        .where(
            TrackedAsk.team_id == team_id,
            TrackedAsk.asker_id == user_id,
            TrackedAsk.state == AskState.DECLINED,
            TrackedAsk.closed_at >= now - DECLINED_SHOWN_FOR,
        )
        .order_by(TrackedAsk.closed_at.desc())
        .limit(10)
    )
    return OpenAsks(mine[:limit], theirs[:limit], len(mine), len(theirs), list(declined))


def overdue_unreminded(*, session: Session, now: datetime, limit: int) -> list[TrackedAsk]:
    """Open asks whose recipient was not reminded yet: past due (and past any snooze), or urgent and
    past their first nudge time."""
    return _open_asks_to_process(
        session,
        limit,
        or_(
            TrackedAsk.due_at <= now,
            and_(TrackedAsk.urgency == Urgency.URGENT.value, TrackedAsk.remind_after.is_not(None)),
        ),
        TrackedAsk.reminded_at.is_(None),
        or_(TrackedAsk.remind_after.is_(None), TrackedAsk.remind_after <= now),
    )


def overdue_urgent_unsurfaced(*, session: Session, now: datetime, limit: int) -> list[TrackedAsk]:
    """Open urgent asks past due, their recipient reminded, not yet surfaced in the message's thread."""
    return _open_asks_to_process(
        session, limit, TrackedAsk.urgency == Urgency.URGENT.value, TrackedAsk.due_at <= now,
        TrackedAsk.reminded_at.is_not(None), TrackedAsk.escalated_at.is_(None),
    )  # fmt: skip


def reminded_but_asker_not_told(*, session: Session, now: datetime, limit: int) -> list[TrackedAsk]:
    """Open asks past due whose recipient was reminded and whose asker has not been told yet (an
    urgent ask nudged early is told to its asker once it is overdue, if still open)."""
    return _open_asks_to_process(
        session, limit, TrackedAsk.reminded_at.is_not(None), TrackedAsk.asker_told_at.is_(None),
        TrackedAsk.due_at <= now,
    )  # fmt: skip


def _open_asks_to_process(session: Session, limit: int, *conditions: ColumnElement[bool]) -> list[TrackedAsk]:
    """Open asks of installed workspaces matching `conditions`, locked for this tick."""
    departed = select(WorkspaceSettings.team_id).where(WorkspaceSettings.uninstalled_at.is_not(None))
    return list(
        session.scalars(
            select(TrackedAsk)
            .where(TrackedAsk.state == AskState.OPEN, TrackedAsk.team_id.not_in(departed), *conditions)
            .order_by(TrackedAsk.due_at, TrackedAsk.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
