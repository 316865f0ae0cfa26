"""The scheduler in real processes: several instances on PostgreSQL, SIGKILL, and the command line."""

from __future__ import annotations

import itertools
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import create_db_engine, create_session_factory
from bot.scheduling.outbox import NewItem, enqueue
from models import ItemState, ScheduledItem
from tests.support.bot_process import BotProcess, run_norms, start_bot
from tests.support.databases import create_postgres_database, drop_postgres_database, migrate
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

FAST_TICKS = {
    "SCHEDULER_TICK_SECONDS": "0.2",
    "SCHEDULER_CHANNEL_INTERVAL_SECONDS": "0",
    "SCHEDULER_LEASE_SECONDS": "3",
    "SCHEDULER_BATCH_SIZE": "50",
    "LOG_LEVEL": "WARNING",
}


def enqueue_items(database_url: str, count: int, *, due: datetime, channels: int = 50) -> None:
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine).begin() as session:
            for index in range(count):
                item = NewItem(team_id="T0TEST001", kind="test", occurrence_key=f"item-{index}",
                               channel_id=f"C{index % channels:04d}", due_at=due, text=f"item-{index}")  # fmt: skip
                enqueue(session=session, item=item, now=due)
    finally:
        engine.dispose()


def delivered(slack: SlackStandIn) -> Counter[str]:
    return Counter(str(call.args["text"]) for call in slack.successful_calls("chat.postMessage"))


@pytest.fixture
def postgres_database() -> Iterator[str]:
    from tests.conftest import _require_postgres

    admin_url = _require_postgres()
    url = create_postgres_database(admin_url)
    migrate(url)
    yield url
    drop_postgres_database(admin_url, url)


def two_instances(database_url: str, slack: SlackStandIn, tmp_path: Path) -> list[BotProcess]:
    instances = []
    for name in ("a", "b"):
        workdir = tmp_path / name
        workdir.mkdir()
        instances.append(
            start_bot(workdir=workdir, database_url=database_url, api_url=slack.api_url, extra_env=FAST_TICKS)
        )
    return instances


@pytest.mark.postgres
def test_two_instances_deliver_a_thousand_items_exactly_once(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path
) -> None:
    enqueue_items(postgres_database, 1000, due=datetime.now(UTC) - timedelta(seconds=1))
    instances = two_instances(postgres_database, slack, tmp_path)
    try:
        wait_until(lambda: len(delivered(slack)) >= 1000, timeout_s=60)
        time.sleep(1)  # anything sent twice would arrive by now
    finally:
        for instance in instances:
            instance.stop()
    counts = delivered(slack)
    assert len(counts) == 1000
    assert max(counts.values()) == 1
    senders = Counter(call.token for call in slack.successful_calls("chat.postMessage"))
    assert sum(senders.values()) == 1000


@pytest.mark.postgres
def test_killing_an_instance_mid_run_loses_nothing(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path
) -> None:
    enqueue_items(postgres_database, 1000, due=datetime.now(UTC) - timedelta(seconds=1))
    slack.respond_with("chat.postMessage", _slow_post(slack))  # slow sends, so the kill lands mid-run
    victim, survivor = two_instances(postgres_database, slack, tmp_path)
    try:
        wait_until(lambda: len(delivered(slack)) >= 150, timeout_s=60)
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait()
        wait_until(lambda: len(delivered(slack)) >= 1000, timeout_s=90)
    finally:
        victim.stop()
        survivor.stop()
    counts = delivered(slack)
    assert len(counts) == 1000  # none lost
    duplicates = sum(count - 1 for count in counts.values())
    assert duplicates <= 8  # at most the messages in flight when it died (one per delivery worker)


def instances(
    database_url: str, slack: SlackStandIn, tmp_path: Path, count: int, **env: str
) -> list[BotProcess]:
    started = []
    for index in range(count):
        workdir = tmp_path / f"instance-{index}"
        workdir.mkdir(parents=True)
        started.append(
            start_bot(workdir=workdir, database_url=database_url, api_url=slack.api_url,
                      extra_env={**FAST_TICKS, **env})
        )  # fmt: skip
    return started


def item_outcome(database_url: str) -> tuple[ItemState, str | None]:
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            state, error = connection.execute(select(ScheduledItem.state, ScheduledItem.last_error)).one()
            return state, error
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_post_whose_answer_never_came_is_found_and_not_sent_again_by_any_of_three_instances(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path
) -> None:
    slack.fail("chat.postMessage", delay_s=2.5)  # Slack posts it, but answers after the client gave up
    enqueue_items(postgres_database, 1, due=datetime.now(UTC) - timedelta(seconds=1), channels=1)
    running = instances(postgres_database, slack, tmp_path, 3, SLACK_API_TIMEOUT_SECONDS="1")
    try:
        assert wait_until(lambda: item_outcome(postgres_database)[0] is ItemState.SENT, timeout_s=30)
        time.sleep(2 * float(FAST_TICKS["SCHEDULER_LEASE_SECONDS"]))  # a resend would come by now
    finally:
        for instance in running:
            instance.stop()
    assert [call.args["text"] for call in slack.calls("chat.postMessage")] == ["item-0"]
    assert len(slack.calls("conversations.history")) == 1  # looked up once, found


@pytest.mark.postgres
def test_an_instance_killed_while_posting_leaves_an_item_the_others_look_up_and_do_not_resend(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path
) -> None:
    slack.fail("chat.postMessage", delay_s=1.5)  # the post lands; the killed instance never hears back
    enqueue_items(postgres_database, 1, due=datetime.now(UTC) - timedelta(seconds=1), channels=1)
    (victim,) = instances(postgres_database, slack, tmp_path / "victim", 1)
    try:
        assert wait_until(lambda: item_outcome(postgres_database)[0] is ItemState.SENDING, timeout_s=10)
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait()
        slack.wait_for("chat.postMessage", timeout_s=5)
    finally:
        victim.stop()
    survivors = instances(postgres_database, slack, tmp_path / "survivors", 2)
    try:
        assert wait_until(lambda: item_outcome(postgres_database)[0] is ItemState.SENT, timeout_s=30)
        time.sleep(2 * float(FAST_TICKS["SCHEDULER_LEASE_SECONDS"]))
    finally:
        for instance in survivors:
            instance.stop()
    assert [call.args["text"] for call in slack.calls("chat.postMessage")] == ["item-0"]


@pytest.mark.postgres
def test_a_post_rate_limited_twice_is_sent_once_by_three_instances(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path
) -> None:
    slack.fail("chat.postMessage", status=429, retry_after=4, times=2)  # longer than the lease
    enqueue_items(postgres_database, 1, due=datetime.now(UTC) - timedelta(seconds=1), channels=1)
    running = instances(postgres_database, slack, tmp_path, 3)
    try:
        assert wait_until(lambda: len(delivered(slack)) == 1, timeout_s=30)
        time.sleep(2 * float(FAST_TICKS["SCHEDULER_LEASE_SECONDS"]))
    finally:
        for instance in running:
            instance.stop()
    assert delivered(slack) == Counter({"item-0": 1})
    assert [call.status for call in slack.calls("chat.postMessage")] == [429, 429, 200]
    assert item_outcome(postgres_database)[0] is ItemState.SENT


@pytest.mark.postgres
@pytest.mark.parametrize("count", [2, 3])
def test_several_instances_keep_one_post_per_second_in_a_channel(
    postgres_database: str, slack: SlackStandIn, tmp_path: Path, count: int
) -> None:
    enqueue_items(postgres_database, 8, due=datetime.now(UTC) - timedelta(seconds=1), channels=1)
    running = instances(postgres_database, slack, tmp_path, count, SCHEDULER_CHANNEL_INTERVAL_SECONDS="1")
    try:
        assert wait_until(lambda: len(delivered(slack)) == 8, timeout_s=30)
    finally:
        for instance in running:
            instance.stop()
    times = sorted(call.at for call in slack.successful_calls("chat.postMessage"))
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.9, gaps  # Slack's pace for one channel, whichever instance posts


def _slow_post(slack: SlackStandIn) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def answer(args: dict[str, Any]) -> dict[str, Any]:
        time.sleep(0.01)
        return {
            "ok": True,
            "channel": args.get("channel"),
            "ts": slack._next_ts(),
            "message": {"text": args.get("text")},
        }

    return answer


def test_norms_tick_at_delivers_what_is_due_then_and_norms_jobs_lists_the_rest(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    database_url = f"sqlite:///{tmp_path / 'tick.sqlite3'}"
    migrate(database_url)
    due = datetime(2026, 3, 11, 14, 30, tzinfo=UTC)
    enqueue_items(database_url, 2, due=due, channels=2)
    early = run_norms(
        "tick",
        "--at",
        "2026-03-11T14:00:00+00:00",
        cwd=tmp_path,
        database_url=database_url,
        api_url=slack.api_url,
    )
    assert early.returncode == 0, early.stderr
    assert "0 due" in early.stdout
    listed = run_norms("jobs", cwd=tmp_path, database_url=database_url, api_url=slack.api_url)
    assert "pending" in listed.stdout and "item-0" in listed.stdout
    slack.fail("chat.postMessage", error="channel_not_found")
    on_time = run_norms(
        "tick",
        "--at",
        "2026-03-11T14:30:00+00:00",
        cwd=tmp_path,
        database_url=database_url,
        api_url=slack.api_url,
    )
    assert on_time.returncode == 0, on_time.stderr
    assert "2 due, 1 sent" in on_time.stdout and "1 failed" in on_time.stdout
    failed = run_norms("jobs", "--failed", cwd=tmp_path, database_url=database_url, api_url=slack.api_url)
    assert "failed" in failed.stdout and "(channel_not_found)" in failed.stdout
    assert (
        run_norms(
            "tick", "--at", "yesterday", cwd=tmp_path, database_url=database_url, api_url=slack.api_url
        ).returncode
        == 2
    )


def test_a_second_ticking_instance_on_sqlite_is_refused(slack: SlackStandIn, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'single.sqlite3'}"
    serving = start_bot(workdir=tmp_path, database_url=database_url, api_url=slack.api_url)
    try:
        second = run_norms("tick", cwd=tmp_path, database_url=database_url, api_url=slack.api_url)
    finally:
        serving.stop()
    assert second.returncode == 2
    assert "already running the scheduler" in second.stderr
    assert "Traceback" not in second.stderr
