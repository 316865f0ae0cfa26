"""The standup materialiser against real databases: prompts per zone, once; one digest; thread answers."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.people import settings_store
from bot.people.settings_store import PersonFacts
from bot.standups import service as standups
from bot.standups.blocks import DEFAULT_QUESTIONS, StandupConfig
from bot.standups.scheduled import early_entry, standup_work
from models import EntryStatus, ItemState, ScheduledItem, StandupEntry

NEW_YORK, BERLIN, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")
PEOPLE = {"UNY": "America/New_York", "UBER": "Europe/Berlin", "UTYO": "Asia/Tokyo"}
MONDAY = date(2027, 1, 11)


def setup_standup(sessions: sessionmaker[Session], *, in_thread: bool = True) -> None:
    now = datetime(2027, 1, 1, tzinfo=NEW_YORK)
    with sessions.begin() as session:
        for user, tz in PEOPLE.items():
            settings_store.remember_facts(session=session, team_id="T1", user_id=user,
                                          facts=PersonFacts(tz=tz, is_admin=False, is_bot=False), now=now)  # fmt: skip
        config = StandupConfig(
            days=[0, 1, 2, 3, 4], prompt_time=time(9, 30), participants=list(PEOPLE), questions=list(DEFAULT_QUESTIONS),
            digest_time=time(12, 0), digest_tz="America/New_York", digest_in_thread=in_thread,
        )  # fmt: skip
        standups.configure(
            session=session, team_id="T1", channel_id="CSTAND", config=config, user_id="UNY", now=now
        )


def tick(sessions: sessionmaker[Session], at: datetime) -> list[ScheduledItem]:
    with sessions.begin() as session:
        standup_work(session, at)
    with sessions() as session:
        return list(session.scalars(select(ScheduledItem).where(ScheduledItem.created_at == at)))


def test_each_person_is_prompted_once_at_their_local_time(session_factory: sessionmaker[Session]) -> None:
    setup_standup(session_factory)
    tokyo = tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=TOKYO))
    assert [(item.kind, item.channel_id) for item in tokyo] == [("standup_prompt", "UTYO")]
    assert tick(session_factory, datetime(2027, 1, 11, 9, 45, tzinfo=TOKYO)) == []  # once
    berlin = tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=BERLIN))
    new_york = tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=NEW_YORK))
    assert [item.channel_id for item in berlin + new_york] == ["UBER", "UNY"]
    assert tick(session_factory, datetime(2027, 1, 9, 9, 31, tzinfo=NEW_YORK)) == []  # Saturday


def test_one_digest_then_answers_in_its_thread_and_edits_after_it(
    session_factory: sessionmaker[Session],
) -> None:
    setup_standup(session_factory)
    for zone in (TOKYO, BERLIN, NEW_YORK):
        tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=zone))
    with session_factory.begin() as session:
        entry = session.scalars(select(StandupEntry).where(StandupEntry.user_id == "UBER")).one()
        context = standups.entry_context(session=session, team_id="T1", entry_id=entry.id, user_id="UBER")
        assert isinstance(context, standups.EntryContext)
        assert not standups.save_answers(context=context, answers=["a", "b", "<@UNY> has the key", ""],
                                         now=datetime(2027, 1, 11, 10, tzinfo=NEW_YORK))  # fmt: skip
    reminders = tick(session_factory, datetime(2027, 1, 11, 11, 0, tzinfo=NEW_YORK))
    assert [item.channel_id for item in reminders] == ["UNY"]  # Tokyo: 01:00 there, no reminder
    [digest] = tick(session_factory, datetime(2027, 1, 11, 12, 0, tzinfo=NEW_YORK))
    assert digest.kind == "standup_digest" and digest.channel_id == "CSTAND"
    assert "Blockers" in digest.payload and "UTYO" in digest.payload
    assert tick(session_factory, datetime(2027, 1, 11, 12, 1, tzinfo=NEW_YORK)) == []  # not posted yet: wait
    with session_factory.begin() as session:
        session.execute(update(ScheduledItem).where(ScheduledItem.id == digest.id)
                        .values(state=ItemState.SENT, message_ts="1799999999.000100"))  # fmt: skip
    [thread_answer] = tick(session_factory, datetime(2027, 1, 11, 12, 2, tzinfo=NEW_YORK))
    assert json.loads(thread_answer.payload)["thread_ts"] == "1799999999.000100"
    with session_factory.begin() as session:
        entry = session.scalars(select(StandupEntry).where(StandupEntry.user_id == "UBER")).one()
        context = standups.entry_context(session=session, team_id="T1", entry_id=entry.id, user_id="UBER")
        assert isinstance(context, standups.EntryContext)
        assert standups.save_answers(context=context, answers=["a", "b", "none", ""],
                                     now=datetime(2027, 1, 11, 13, tzinfo=NEW_YORK))  # fmt: skip
    [edited] = tick(session_factory, datetime(2027, 1, 11, 13, 1, tzinfo=NEW_YORK))
    assert "edited their update" in edited.payload
    assert tick(session_factory, datetime(2027, 1, 11, 13, 2, tzinfo=NEW_YORK)) == []


def test_paused_standups_and_people_who_left_are_not_prompted(session_factory: sessionmaker[Session]) -> None:
    setup_standup(session_factory)
    now = datetime(2027, 1, 11, 9, 31, tzinfo=TOKYO)
    with session_factory.begin() as session:
        assert standups.member_left(session=session, team_id="T1", channel_id="CSTAND", user_id="UTYO")
        assert not standups.member_left(session=session, team_id="T1", channel_id="CSTAND", user_id="UTYO")
    assert tick(session_factory, now) == []
    with session_factory.begin() as session:
        standups.member_joined(session=session, team_id="T1", channel_id="CSTAND", user_id="UTYO")
        standup = standups.find_standup(session=session, team_id="T1", channel_id="CSTAND")
        assert standup is not None
        standups.set_paused(standup=standup, paused=True, user_id="UNY", now=now)
    assert tick(session_factory, now) == []
    with session_factory.begin() as session:
        standup = standups.find_standup(session=session, team_id="T1", channel_id="CSTAND")
        assert standup is not None
        standups.set_paused(standup=standup, paused=False, user_id="UNY", now=now)
    assert [item.channel_id for item in tick(session_factory, now)] == ["UTYO"]


def test_away_people_get_an_away_entry_and_no_prompt(session_factory: sessionmaker[Session]) -> None:
    setup_standup(session_factory)
    with session_factory.begin() as session:
        profile = settings_store.ensure_profile(session=session, team_id="T1", user_id="UBER")
        profile.away_from, profile.away_until = MONDAY, MONDAY
    assert tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=BERLIN)) == []
    with session_factory() as session:
        entry = session.scalars(select(StandupEntry).where(StandupEntry.user_id == "UBER")).one()
    assert entry.status is EntryStatus.AWAY


def test_an_answer_the_evening_before_takes_the_next_prompts_place(
    session_factory: sessionmaker[Session],
) -> None:
    setup_standup(session_factory)
    tick(session_factory, datetime(2027, 1, 11, 9, 31, tzinfo=BERLIN))
    evening = datetime(2027, 1, 11, 19, 0, tzinfo=BERLIN)
    with session_factory.begin() as session:
        assert (
            early_entry(session, team_id="T1", user_id="UBER", now=datetime(2027, 1, 11, 9, 0, tzinfo=BERLIN))
            is None
        )
        entry = early_entry(session, team_id="T1", user_id="UBER", now=evening)
        assert entry is not None and entry.status is EntryStatus.PROMPTED
        context = standups.entry_context(session=session, team_id="T1", entry_id=entry.id, user_id="UBER")
        assert isinstance(context, standups.EntryContext) and context.run.run_date == date(2027, 1, 12)
        standups.save_answers(context=context, answers=["early", "", "", ""], now=evening)
    tuesday = tick(session_factory, datetime(2027, 1, 12, 9, 31, tzinfo=BERLIN))
    assert [item.kind for item in tuesday if item.channel_id == "UBER"] == []  # not asked again
