from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.dedup import claim_event, prune_processed_events
from models import ProcessedEvent
from tests.support.concurrency import run_at_once

NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)


def claim(
    session_factory: sessionmaker[Session], event_id: str, team_id: str = "T1", at: datetime = NOW
) -> bool:
    with session_factory.begin() as session:
        return claim_event(session=session, team_id=team_id, event_id=event_id, received_at=at)


def test_first_delivery_is_claimed_and_a_redelivery_is_not(session_factory: sessionmaker[Session]) -> None:
    assert claim(session_factory, "Ev1") is True
    assert claim(session_factory, "Ev1") is False
    assert claim(session_factory, "Ev2") is True


def test_the_same_event_id_in_another_workspace_is_its_own_event(
    session_factory: sessionmaker[Session],
) -> None:
    assert claim(session_factory, "Ev1", team_id="T1") is True
    assert claim(session_factory, "Ev1", team_id="T2") is True


def test_concurrent_deliveries_of_one_event_claim_it_once(session_factory: sessionmaker[Session]) -> None:
    results, errors = run_at_once(lambda: claim(session_factory, "EvRace"), threads=8)
    assert errors == []
    assert sorted(results) == [False] * 7 + [True]


def test_pruning_removes_only_ids_older_than_the_retention(session_factory: sessionmaker[Session]) -> None:
    claim(session_factory, "EvOld", at=NOW - timedelta(hours=49))
    claim(session_factory, "EvRecent", at=NOW - timedelta(hours=1))
    with session_factory.begin() as session:
        removed = prune_processed_events(session=session, now=NOW, retention=timedelta(hours=48))
    assert removed == 1
    with session_factory() as session:
        remaining = session.scalars(select(ProcessedEvent.event_id)).all()
        assert remaining == ["EvRecent"]
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1


def test_stored_times_come_back_aware_and_in_utc(session_factory: sessionmaker[Session]) -> None:
    berlin = NOW.astimezone(ZoneInfo("Europe/Berlin"))
    claim(session_factory, "EvTz", at=berlin)
    with session_factory() as session:
        stored = session.scalars(select(ProcessedEvent.received_at)).one()
    assert stored == NOW
    assert stored.tzinfo is not None
    assert stored.utcoffset() == timedelta(0)
