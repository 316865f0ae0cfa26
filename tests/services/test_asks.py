"""Tracked asks against real databases: opening, closing, reminders in working time, buttons, isolation."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.asks.detection import detect_ask
from bot.asks.scheduled import ask_reminders
from bot.asks.service import (
    AskAction,
    AskedMessage,
    Outcome,
    SnoozeFor,
    act_on_ask,
    cancel_message_asks,
    open_asks,
    open_asks_of,
    record_reaction,
    record_thread_reply,
)
from bot.calendar.work_calendars import calendar_for
from bot.core.workspaces import mark_uninstalled
from bot.metrics.responses import response_report
from bot.people import settings_store
from bot.people.settings_store import PersonFacts
from models import AskState, DueSource, ScheduledItem, TrackedAsk, WorkspaceHoliday

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
FRIDAY_1630_NY = datetime(2027, 1, 8, 16, 30, tzinfo=NEW_YORK)
MONDAY_END_BERLIN = datetime(2027, 1, 11, 17, 0, tzinfo=BERLIN)
TUESDAY_0900_BERLIN = datetime(2027, 1, 12, 9, 0, tzinfo=BERLIN)
TUESDAY_0900_NY = datetime(2027, 1, 12, 9, 0, tzinfo=NEW_YORK)
PEOPLE = {"UASKER": "America/New_York", "UBERLIN": "Europe/Berlin", "UTOKYO": "Asia/Tokyo"}


def meet(session: Session, team: str = "T1") -> None:
    for user, tz in PEOPLE.items():
        settings_store.remember_facts(
            session=session, team_id=team, user_id=user,
            facts=PersonFacts(tz=tz, is_admin=False, is_bot=False), now=FRIDAY_1630_NY,
        )  # fmt: skip


def ask(
    sessions: sessionmaker[Session],
    text: str,
    *,
    ts: str,
    at: datetime = FRIDAY_1630_NY,
    team: str = "T1",
    thread_ts: str | None = None,
) -> int:
    with sessions.begin() as session:
        meet(session, team)
        workspace = settings_store.workspace_settings(session=session, team_id=team, now=at)
        detected = detect_ask(text, author_id="UASKER", asked_at=at, author_tz=NEW_YORK)
        assert detected is not None, text
        calendars = {
            user: calendar_for(session=session, workspace=workspace, user_id=user)
            for user in detected.recipients
        }
        return open_asks(
            session=session,
            workspace=workspace,
            message=AskedMessage(team, "CENG", ts, thread_ts or ts, "UASKER", at),
            detected=detected,
            calendars=calendars,
        )


def asks_in(sessions: sessionmaker[Session], team: str = "T1") -> list[TrackedAsk]:
    with sessions() as session:
        return list(
            session.scalars(select(TrackedAsk).where(TrackedAsk.team_id == team).order_by(TrackedAsk.id))
        )


def tick(sessions: sessionmaker[Session], at: datetime) -> list[ScheduledItem]:
    with sessions.begin() as session:
        ask_reminders(session, at)
    with sessions() as session:
        return list(session.scalars(select(ScheduledItem).where(ScheduledItem.created_at == at)))


def test_a_friday_ask_to_berlin_is_due_at_the_end_of_monday_berlin_time(
    session_factory: sessionmaker[Session],
) -> None:
    assert ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0") == 1
    [tracked] = asks_in(session_factory)
    assert (tracked.recipient_id, tracked.asker_id, tracked.state) == ("UBERLIN", "UASKER", AskState.OPEN)
    assert tracked.due_at == MONDAY_END_BERLIN and tracked.due_source is DueSource.NORM
    assert tracked.urgency == "normal"


def test_a_stated_deadline_overrides_the_norm_but_the_norm_is_kept_for_metrics(
    session_factory: sessionmaker[Session],
) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC by Thursday 3pm? It blocks the launch.", ts="1.0")
    [tracked] = asks_in(session_factory)
    assert tracked.due_at == datetime(2027, 1, 14, 15, 0, tzinfo=NEW_YORK)
    assert tracked.due_source is DueSource.STATED and tracked.norm_due_at == MONDAY_END_BERLIN


def test_the_reminder_waits_for_working_hours_and_goes_once(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    saturday = datetime(2027, 1, 9, 11, 0, tzinfo=BERLIN)
    monday_night = datetime(2027, 1, 11, 23, 0, tzinfo=BERLIN)
    for moment in (saturday, MONDAY_END_BERLIN - timedelta(minutes=1), MONDAY_END_BERLIN, monday_night):
        assert tick(session_factory, moment) == [], moment
    [reminder] = tick(session_factory, TUESDAY_0900_BERLIN)
    assert (reminder.kind, reminder.channel_id) == ("ask_reminder", "UBERLIN")
    payload = json.loads(reminder.payload)
    assert "slack.com/archives/CENG/p10" in json.dumps(payload["blocks"])
    assert tick(session_factory, TUESDAY_0900_BERLIN + timedelta(minutes=5)) == []
    # The asker (New York) is told once, in their own morning, not at 03:00.
    [notice] = tick(session_factory, TUESDAY_0900_NY)
    assert (notice.kind, notice.channel_id) == ("ask_asker_notice", "UASKER")
    assert tick(session_factory, TUESDAY_0900_NY + timedelta(hours=1)) == []


def test_holidays_and_away_days_hold_the_reminder(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    with session_factory.begin() as session:
        session.add(WorkspaceHoliday(team_id="T1", day=TUESDAY_0900_BERLIN.date(), name="Team day"))
    assert tick(session_factory, TUESDAY_0900_BERLIN) == []
    assert len(tick(session_factory, TUESDAY_0900_BERLIN + timedelta(days=1))) == 1


def test_three_overdue_asks_for_one_person_make_one_dm(session_factory: sessionmaker[Session]) -> None:
    for number in range(3):
        ask(
            session_factory,
            f"<@UBERLIN> can you check invoice {number}? Finance is waiting on it.",
            ts=f"{number + 1}.0",
        )
    [reminder] = tick(session_factory, TUESDAY_0900_BERLIN)
    payload = json.loads(reminder.payload)
    assert payload["text"].startswith("3 asks")
    assert sum(block["type"] == "actions" for block in payload["blocks"]) == 3
    assert len(payload["blocks"]) <= 50


def test_replies_reactions_and_deletions_close_asks(session_factory: sessionmaker[Session]) -> None:
    ask(
        session_factory,
        "<@UBERLIN> <@UTOKYO> could you both review the rollout plan? It blocks the launch.",
        ts="1.0",
    )
    ask(session_factory, "<@UBERLIN> can you approve the budget? Finance needs it.", ts="2.0")
    ask(session_factory, "<@UBERLIN> can you send the numbers? The board asks.", ts="3.0")
    with session_factory.begin() as session:
        # Someone else's reply, and the asker's own, answer nothing.
        assert (
            record_thread_reply(
                session=session,
                team_id="T1",
                channel_id="CENG",
                thread_ts="1.0",
                user_id="UASKER",
                reply_ts="5.0",
            )
            == 0
        )
        assert (
            record_thread_reply(
                session=session,
                team_id="T1",
                channel_id="CENG",
                thread_ts="1.0",
                user_id="UBERLIN",
                reply_ts="6.0",
            )
            == 1
        )
        workspace = settings_store.workspace_settings(session=session, team_id="T1", now=FRIDAY_1630_NY)
        assert record_reaction(
            session=session, workspace=workspace, channel_id="CENG", message_ts="2.0", user_id="UBERLIN",
            reaction="thumbsup", at=FRIDAY_1630_NY,
        ) == 0  # fmt: skip
        assert record_reaction(
            session=session, workspace=workspace, channel_id="CENG", message_ts="2.0", user_id="UBERLIN",
            reaction="white_check_mark::skin-tone-3", at=FRIDAY_1630_NY,
        ) == 1  # fmt: skip
        assert (
            cancel_message_asks(
                session=session, team_id="T1", channel_id="CENG", message_ts="3.0", at=FRIDAY_1630_NY
            )
            == 1
        )
    states = {(a.message_ts, a.recipient_id): a.state for a in asks_in(session_factory)}
    assert states == {
        ("1.0", "UBERLIN"): AskState.ANSWERED,
        ("1.0", "UTOKYO"): AskState.OPEN,
        ("2.0", "UBERLIN"): AskState.ANSWERED,
        ("3.0", "UBERLIN"): AskState.CANCELLED,
    }
    answered = next(
        a for a in asks_in(session_factory) if a.message_ts == "1.0" and a.recipient_id == "UBERLIN"
    )
    assert answered.first_response_at is not None and answered.closed_by == "UBERLIN"


def test_buttons_work_for_the_right_person_only(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    [tracked] = asks_in(session_factory)
    now = TUESDAY_0900_BERLIN

    def press(user: str, action: AskAction, ask_id: int = tracked.id, team: str = "T1") -> Outcome:
        with session_factory.begin() as session:
            return act_on_ask(
                session=session, team_id=team, ask_id=ask_id, user_id=user, action=action, now=now
            ).outcome

    assert press("UASKER", AskAction.ANSWERED) is Outcome.NOT_YOURS
    assert press("UBERLIN", AskAction.CANCEL) is Outcome.NOT_YOURS
    assert press("UBERLIN", AskAction.ANSWERED, ask_id=999_999) is Outcome.UNKNOWN
    assert press("UBERLIN", AskAction.ANSWERED, team="T2") is Outcome.UNKNOWN
    assert press("UBERLIN", AskAction.SNOOZE) is Outcome.DONE
    [snoozed] = asks_in(session_factory)
    assert snoozed.remind_after == datetime(2027, 1, 13, 9, 0, tzinfo=BERLIN)
    assert press("UASKER", AskAction.EXTEND) is Outcome.DONE
    [extended] = asks_in(session_factory)
    assert extended.due_at == datetime(2027, 1, 13, 17, 0, tzinfo=BERLIN)
    assert press("UBERLIN", AskAction.NOT_FOR_ME) is Outcome.DONE
    assert press("UASKER", AskAction.RESOLVE) is Outcome.ALREADY_CLOSED
    assert asks_in(session_factory)[0].state is AskState.DECLINED


def test_a_snoozed_ask_is_reminded_again_the_next_working_day(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    assert len(tick(session_factory, TUESDAY_0900_BERLIN)) == 1
    [tracked] = asks_in(session_factory)
    with session_factory.begin() as session:
        act_on_ask(session=session, team_id="T1", ask_id=tracked.id, user_id="UBERLIN", action=AskAction.SNOOZE,
                   now=TUESDAY_0900_BERLIN)  # fmt: skip
    assert tick(session_factory, TUESDAY_0900_BERLIN + timedelta(hours=3)) == []
    again = tick(session_factory, TUESDAY_0900_BERLIN + timedelta(days=1))
    assert [item.kind for item in again] == ["ask_reminder"]


@pytest.mark.parametrize(
    ("choice", "until"),
    [
        (SnoozeFor.TWO_HOURS, datetime(2027, 1, 12, 15, 0, tzinfo=BERLIN)),
        (SnoozeFor.TOMORROW, datetime(2027, 1, 13, 9, 0, tzinfo=BERLIN)),
        (SnoozeFor.NEXT_WEEK, datetime(2027, 1, 18, 9, 0, tzinfo=BERLIN)),  # Monday
    ],
)
def test_snooze_choices_count_in_the_recipients_working_time(
    session_factory: sessionmaker[Session], choice: SnoozeFor, until: datetime
) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    [tracked] = asks_in(session_factory)
    tuesday_1300 = datetime(2027, 1, 12, 13, 0, tzinfo=BERLIN)
    with session_factory.begin() as session:
        result = act_on_ask(session=session, team_id="T1", ask_id=tracked.id, user_id="UBERLIN",
                            action=AskAction.SNOOZE, now=tuesday_1300, snooze=choice)  # fmt: skip
    assert result.until == until


def test_lists_are_per_person_and_per_workspace(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    ask(session_factory, "<@UTOKYO> can you review the RFC? It blocks the Q2 launch.", ts="1.0", team="T2")
    with session_factory() as session:
        mine = open_asks_of(session=session, team_id="T1", user_id="UBERLIN", now=TUESDAY_0900_BERLIN)
        theirs = open_asks_of(session=session, team_id="T1", user_id="UASKER", now=TUESDAY_0900_BERLIN)
        other = open_asks_of(session=session, team_id="T2", user_id="UBERLIN", now=TUESDAY_0900_BERLIN)
    assert [a.recipient_id for a in mine.waiting_on_me] == ["UBERLIN"] and mine.i_am_waiting_on == []
    assert [a.recipient_id for a in theirs.i_am_waiting_on] == ["UBERLIN"]
    assert other.total_waiting_on_me == 0


def test_an_uninstalled_workspace_gets_no_reminders(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    with session_factory.begin() as session:
        mark_uninstalled(session=session, team_id="T1", reason="app uninstalled", now=FRIDAY_1630_NY)
    assert tick(session_factory, TUESDAY_0900_BERLIN) == []


def test_urgent_overdue_asks_are_surfaced_in_the_thread_when_the_workspace_wants_it(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        settings_store.workspace_settings(
            session=session, team_id="T1", now=FRIDAY_1630_NY
        ).surface_overdue_urgent = True
    ask(session_factory, "<@UBERLIN> checkout is down for all customers, can you look?", ts="1.0")
    [tracked] = asks_in(session_factory)
    assert tracked.urgency == "urgent"
    items = tick(session_factory, TUESDAY_0900_BERLIN)
    escalation = next(item for item in items if item.kind == "ask_escalation")
    assert escalation.channel_id == "CENG" and json.loads(escalation.payload)["thread_ts"] == "1.0"


def test_an_urgent_ask_is_nudged_within_the_recipients_same_working_day(
    session_factory: sessionmaker[Session],
) -> None:
    wednesday_0800_berlin = datetime(2027, 1, 13, 8, 0, tzinfo=BERLIN)  # before her working day starts
    ask(session_factory, "<@UBERLIN> payments are failing for all EU customers right now, can you look?",
        ts="1.0", at=wednesday_0800_berlin)  # fmt: skip
    [tracked] = asks_in(session_factory)
    assert tracked.urgency == "urgent" and tracked.due_at == datetime(2027, 1, 13, 17, 0, tzinfo=BERLIN)
    assert tick(session_factory, datetime(2027, 1, 13, 9, 30, tzinfo=BERLIN)) == []
    [nudge] = tick(session_factory, datetime(2027, 1, 13, 10, 0, tzinfo=BERLIN))  # an hour into her day
    assert (nudge.kind, nudge.channel_id) == ("ask_reminder", "UBERLIN")
    assert "An urgent ask from <@UASKER> is waiting on you." in nudge.payload
    # The asker hears only once it is overdue (and then in their own working time).
    assert tick(session_factory, datetime(2027, 1, 13, 9, 0, tzinfo=NEW_YORK)) == []
    [notice] = tick(session_factory, datetime(2027, 1, 13, 11, 0, tzinfo=NEW_YORK))  # 17:00 in Berlin
    assert notice.kind == "ask_asker_notice"


def test_an_urgent_ask_before_a_holiday_waits_for_the_next_working_hour(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        session.add(WorkspaceHoliday(team_id="T1", day=date(2027, 1, 18), name="Company day"))  # a Monday
    friday_evening = datetime(2027, 1, 15, 18, 0, tzinfo=BERLIN)
    ask(session_factory, "<@UBERLIN> checkout is down for all customers, can you look?", ts="1.0",
        at=friday_evening)  # fmt: skip
    [tracked] = asks_in(session_factory)
    assert tracked.remind_after == datetime(2027, 1, 19, 10, 0, tzinfo=BERLIN)
    assert tick(session_factory, datetime(2027, 1, 18, 10, 0, tzinfo=BERLIN)) == []
    assert [item.kind for item in tick(session_factory, datetime(2027, 1, 19, 10, 0, tzinfo=BERLIN))] == [
        "ask_reminder"
    ]


def test_response_metrics_from_a_seeded_history(session_factory: sessionmaker[Session]) -> None:
    """Ten asks answered after 1..10 hours under a 24-hour norm, one open past it, one cancelled."""
    now = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
    asked = now - timedelta(days=3)
    with session_factory.begin() as session:
        for hours in range(1, 11):
            session.add(seeded_ask(f"{hours}.0", asked, channel="CA" if hours <= 5 else "CB",
                                   answered=asked + timedelta(hours=hours * (3 if hours == 10 else 1))))  # fmt: skip
        session.add(seeded_ask("20.0", asked, channel="CA", answered=None))
        session.add(seeded_ask("21.0", asked, channel="CA", answered=None, state=AskState.CANCELLED))
        session.add(seeded_ask("22.0", now - timedelta(days=20), channel="CA", answered=None))
    with session_factory() as session:
        week = response_report(session=session, team_id="T1", now=now, days=7)
        month = response_report(session=session, team_id="T1", now=now, days=30)
        other = response_report(session=session, team_id="T2", now=now, days=30)
    assert (week.workspace.asks, week.workspace.answered, week.workspace.open_overdue) == (11, 10, 1)
    assert week.workspace.median_response_hours == 5.0 and week.workspace.p90_response_hours == 9.0
    assert week.workspace.answered_within_norm == 9  # the 30-hour answer missed the 24-hour norm
    assert week.workspace.share_within_norm == round(9 / 11, 3)
    assert week.workspace.median_norm_hours == 24.0
    assert week.channels["CA"].asks == 6 and week.channels["CB"].median_response_hours == 8.0
    assert month.workspace.asks == 12 and month.workspace.open_overdue == 2
    assert other.workspace.asks == 0 and other.workspace.share_within_norm is None


def seeded_ask(
    ts: str, asked: datetime, *, channel: str, answered: datetime | None, state: AskState | None = None
) -> TrackedAsk:
    return TrackedAsk(
        team_id="T1", channel_id=channel, message_ts=ts, thread_ts=ts, asker_id="UASKER", recipient_id="UBERLIN",
        urgency="normal", due_source=DueSource.NORM, norm_due_at=asked + timedelta(hours=24),
        due_at=asked + timedelta(hours=24), asked_at=asked, first_response_at=answered, closed_at=answered,
        state=state or (AskState.ANSWERED if answered else AskState.OPEN),
    )  # fmt: skip


def test_a_declined_ask_stays_in_the_askers_list_for_a_week(session_factory: sessionmaker[Session]) -> None:
    ask(session_factory, "<@UBERLIN> can you review the RFC? It blocks the Q2 launch.", ts="1.0")
    [tracked] = asks_in(session_factory)
    with session_factory.begin() as session:
        act_on_ask(session=session, team_id="T1", ask_id=tracked.id, user_id="UBERLIN",
                   action=AskAction.NOT_FOR_ME, now=TUESDAY_0900_BERLIN)  # fmt: skip
    with session_factory() as session:
        soon = open_asks_of(session=session, team_id="T1", user_id="UASKER", now=TUESDAY_0900_BERLIN)
        later = open_asks_of(session=session, team_id="T1", user_id="UASKER",
                             now=TUESDAY_0900_BERLIN + timedelta(days=8))  # fmt: skip
        theirs = open_asks_of(session=session, team_id="T1", user_id="UBERLIN", now=TUESDAY_0900_BERLIN)
    assert soon.i_am_waiting_on == [] and [a.recipient_id for a in soon.declined] == ["UBERLIN"]
    assert later.declined == [] and theirs.declined == [] and theirs.waiting_on_me == []
