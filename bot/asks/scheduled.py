"""The scheduler's materialiser for overdue asks: one digest DM per person, in their working time.

Each tick: overdue asks nobody was reminded of yet are grouped by recipient; a recipient outside
their working hours (or in a focus block, on a holiday, away) is left for a later tick. Then each
asker whose ask was reminded is told once, also in their own working time. Urgent overdue asks
are surfaced in the message's thread when the workspace turned that on.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.asks import service as ask_service
from bot.asks.blocks import build_asker_notice, build_escalation, build_recipient_reminder
from bot.calendar.work_calendars import calendar_for, holidays
from bot.calendar.working_time import WorkCalendar
from bot.people import settings_store
from bot.scheduling.outbox import NewItem, enqueue
from models import TrackedAsk, WorkspaceSettings

BATCH = 2000
REMINDER_GRACE = timedelta(hours=8)  # after downtime, a reminder still goes out the same working day


def ask_reminders(session: Session, now: datetime) -> int:
    """A scheduler materialiser: reminders, asker notices and urgent escalations that are due now."""
    calendars = _Calendars(session, now)
    added = _remind_recipients(session, now, calendars)
    added += _surface_overdue_urgent(session, now, calendars)
    added += _tell_askers(session, now, calendars)
    return added


def _surface_overdue_urgent(session: Session, now: datetime, calendars: _Calendars) -> int:
    """Urgent asks overdue after their recipient was reminded: said in the message's thread, once,
    where the workspace turned that on."""
    added = 0
    for ask in ask_service.overdue_urgent_unsurfaced(session=session, now=now, limit=BATCH):
        if not calendars.workspace(ask.team_id).surface_overdue_urgent:
            continue
        ask.escalated_at = now
        added += enqueue(
            session=session,
            item=NewItem(
                team_id=ask.team_id,
                kind="ask_escalation",
                occurrence_key=f"ask-escalation-{ask.id}",
                channel_id=ask.channel_id,
                thread_ts=ask.thread_ts,
                due_at=now,
                text=build_escalation(ask, urgent=True),
                grace=REMINDER_GRACE,
            ),
            now=now,
        )
    return added


class _Calendars:
    """Per tick: each workspace's settings and holidays, each person's calendar, loaded once."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session, self._now = session, now
        self._workspaces: dict[str, WorkspaceSettings] = {}
        self._holidays: dict[str, frozenset[date]] = {}
        self._people: dict[tuple[str, str], WorkCalendar] = {}

    def workspace(self, team_id: str) -> WorkspaceSettings:
        if team_id not in self._workspaces:
            self._workspaces[team_id] = settings_store.workspace_settings(
                session=self._session, team_id=team_id, now=self._now
            )
            self._holidays[team_id] = holidays(session=self._session, team_id=team_id)
        return self._workspaces[team_id]

    def of(self, team_id: str, user_id: str) -> WorkCalendar:
        key = (team_id, user_id)
        if key not in self._people:
            workspace = self.workspace(team_id)
            self._people[key] = calendar_for(
                session=self._session,
                workspace=workspace,
                user_id=user_id,
                team_holidays=self._holidays[team_id],
            )
        return self._people[key]


def _reachable(
    asks: Sequence[TrackedAsk], person: Callable[[TrackedAsk], str], calendars: _Calendars, now: datetime
) -> Iterator[tuple[str, str, list[TrackedAsk], WorkCalendar]]:
    """(team, person, their asks, their calendar) for each person who is in working time now.

    The others are left for a later tick: nothing reaches anyone at night, on a weekend or holiday,
    on an away day or in a focus block.
    """
    grouped: dict[tuple[str, str], list[TrackedAsk]] = defaultdict(list)
    for ask in asks:
        grouped[(ask.team_id, person(ask))].append(ask)
    for (team_id, someone), theirs in grouped.items():
        calendar = calendars.of(team_id, someone)
        if calendar.is_working_moment(now):
            yield team_id, someone, theirs, calendar


def _key(kind: str, person: str, asks: Sequence[TrackedAsk]) -> str:
    """The same asks (and the same snooze round) always give the same occurrence key: enqueued once."""
    parts = ",".join(
        f"{ask.id}:{ask.remind_after or ''}:{ask.due_at}" for ask in sorted(asks, key=lambda a: a.id)
    )
    return f"{kind}-{person}-{hashlib.sha256(parts.encode()).hexdigest()[:24]}"


def _direct_message(
    session: Session,
    now: datetime,
    *,
    team_id: str,
    kind: str,
    person: str,
    asks: Sequence[TrackedAsk],
    text: str,
    blocks: list[dict[str, Any]],
) -> int:
    """Enqueue one DM about these asks, once (its key is made from them)."""
    item = NewItem(
        team_id=team_id, kind=kind, occurrence_key=_key(kind, person, asks), channel_id=person, due_at=now,
        text=text, blocks=blocks, grace=REMINDER_GRACE,
    )  # fmt: skip
    return int(enqueue(session=session, item=item, now=now))


def _remind_recipients(session: Session, now: datetime, calendars: _Calendars) -> int:
    added = 0
    overdue = ask_service.overdue_unreminded(session=session, now=now, limit=BATCH)
    for team_id, recipient, asks, calendar in _reachable(
        overdue, lambda ask: ask.recipient_id, calendars, now
    ):
        text, blocks = build_recipient_reminder(asks, zone=calendar.zone, now=now)
        added += _direct_message(
            session,
            now,
            team_id=team_id,
            kind="ask_reminder",
            person=recipient,
            asks=asks,
            text=text,
            blocks=blocks,
        )
        for ask in asks:
            ask.reminded_at = now
    return added


def _tell_askers(session: Session, now: datetime, calendars: _Calendars) -> int:
    added = 0
    waiting = ask_service.reminded_but_asker_not_told(session=session, now=now, limit=BATCH)
    for team_id, asker, asks, calendar in _reachable(waiting, lambda ask: ask.asker_id, calendars, now):
        text, blocks = build_asker_notice(asks, zone=calendar.zone)
        added += _direct_message(
            session,
            now,
            team_id=team_id,
            kind="ask_asker_notice",
            person=asker,
            asks=asks,
            text=text,
            blocks=blocks,
        )
        for ask in asks:
            ask.asker_told_at = now
    return added
