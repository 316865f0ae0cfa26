"""The durable inbox on SQLite and PostgreSQL: storing with group commits, channel leases that keep a
channel's events in order across workers, retries and giving up, the backlog limit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.core.inbox import Delivery, Inbox, InboxUnavailableError, delivery_from, inbox_url
from tests.support.concurrency import run_at_once

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def inbox(database_url: str, clock: Clock) -> Iterator[Inbox]:
    opened = Inbox.open(database_url, clock=clock, max_backlog=1_000)
    yield opened
    opened.close()


def delivery(event_id: str, channel: str = "C1", team: str = "T1") -> Delivery:
    body = {"type": "event_callback", "team_id": team, "event_id": event_id,
            "event": {"type": "message", "channel": channel, "text": "hi"}}  # fmt: skip
    found = delivery_from(body, json.dumps(body))
    assert found is not None
    return found


def test_the_inbox_of_a_sqlite_database_is_a_file_of_its_own() -> None:
    assert inbox_url("sqlite:////data/async-norms.sqlite3") == "sqlite:////data/async-norms.inbox.sqlite3"
    assert inbox_url("postgresql://u:p@db/norms") == "postgresql://u:p@db/norms"


def test_a_delivery_is_stored_once_whatever_the_repeats(inbox: Inbox) -> None:
    first = delivery("Ev1")
    assert not inbox.seen_recently(first)
    inbox.put(first)
    inbox.put(delivery("Ev1"))  # Slack's retry, through another process (not in this one's memory)
    assert inbox.seen_recently(first)
    assert inbox.depth() == (1, NOW)


def test_deliveries_arriving_together_are_all_stored(inbox: Inbox) -> None:
    ids = iter(range(1000))

    def put_one() -> None:
        inbox.put(delivery(f"Ev{next(ids)}", channel=f"C{next(ids) % 7}"))

    _results, errors = run_at_once(put_one, threads=24)
    assert errors == []
    assert inbox.depth()[0] == 24


def test_a_channel_is_held_by_one_worker_at_a_time_until_its_lease_runs_out(
    inbox: Inbox, clock: Clock
) -> None:
    for event_id, channel in (("Ev1", "C1"), ("Ev2", "C2"), ("Ev3", "C1")):
        inbox.put(delivery(event_id, channel=channel))
    first = inbox.claim_channels(instance_id="a", lease=LEASE, limit=5)
    assert first == ["T1:C1", "T1:C2"]  # oldest event first
    assert inbox.claim_channels(instance_id="b", lease=LEASE, limit=5) == []
    assert [event.event_id for event in inbox.due_events("T1:C1", limit=10)] == ["Ev1", "Ev3"]
    inbox.release_channel("T1:C2", instance_id="a")
    assert inbox.claim_channels(instance_id="b", lease=LEASE, limit=5) == ["T1:C2"]
    clock.now = NOW + LEASE + timedelta(seconds=1)  # a died holding C1; b's lease on C2 ran out too
    assert inbox.claim_channels(instance_id="c", lease=LEASE, limit=5) == ["T1:C1", "T1:C2"]
    assert not inbox.renew_channel("T1:C1", instance_id="a", lease=LEASE)  # a lost it
    assert inbox.renew_channel("T1:C1", instance_id="c", lease=LEASE)


def test_racing_workers_never_share_a_channel(inbox: Inbox) -> None:
    for index in range(6):
        inbox.put(delivery(f"Ev{index}", channel=f"C{index % 3}"))
    workers = iter(range(100))

    def claim() -> list[str]:
        return inbox.claim_channels(instance_id=f"w{next(workers)}", lease=LEASE, limit=3)

    results, errors = run_at_once(claim, threads=8)
    assert errors == []
    claimed = [channel for taken in results for channel in taken]
    assert sorted(claimed) == ["T1:C0", "T1:C1", "T1:C2"]


def test_a_failed_event_waits_holds_back_its_channel_and_is_given_up_after_its_attempts(
    inbox: Inbox, clock: Clock
) -> None:
    inbox.put(delivery("Ev1"))
    inbox.put(delivery("Ev2"))
    (failing, _later) = inbox.due_events("T1:C1", limit=10)
    assert not inbox.retry_later(
        failing, reason="a listener failed", after=timedelta(seconds=5), give_up_after=2
    )
    assert inbox.due_events("T1:C1", limit=10) == []  # Ev2 waits behind Ev1, to keep the order
    clock.now = NOW + timedelta(seconds=5)
    (again, _later) = inbox.due_events("T1:C1", limit=10)
    assert inbox.retry_later(again, reason="a listener failed", after=timedelta(seconds=5), give_up_after=2)
    assert [event.event_id for event in inbox.due_events("T1:C1", limit=10)] == ["Ev2"]  # Ev1 given up
    assert inbox.depth()[0] == 1
    assert inbox.prune_dead(older_than=NOW + timedelta(seconds=6)) == 1


def test_a_full_inbox_asks_slack_to_retry_later(database_url: str, clock: Clock) -> None:
    inbox = Inbox.open(database_url, clock=clock, max_backlog=100)
    try:
        for index in range(100):
            inbox.put(delivery(f"Ev{index}", channel=f"C{index}"))
        with pytest.raises(InboxUnavailableError):
            inbox.put(delivery("Ev-one-too-many"))
        done = inbox.due_events("T1:C0", limit=1)[0]
        inbox.forget(done)
        inbox.put(delivery("Ev-now-there-is-room"))
    finally:
        inbox.close()


def test_deliveries_name_their_channel_or_person(engine: Engine) -> None:
    del engine  # the parsing needs no database; one run per backend keeps the suite uniform
    home = {"type": "event_callback", "team_id": "T1", "event_id": "Ev9",
            "event": {"type": "app_home_opened", "user": "U1"}}  # fmt: skip
    found = delivery_from(home, "{}")
    assert found is not None and found.channel_key == "T1:U1"
    assert delivery_from({"type": "url_verification"}, "{}") is None
    assert delivery_from({"type": "event_callback", "event_id": "Ev"}, "{}") is None
