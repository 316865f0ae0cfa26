"""The durable scheduler against real databases and the Slack stand-in, with a pinned clock."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.deps import build_deps
from bot.core.settings import ConfigError, Settings, load_settings
from bot.scheduling import outbox
from bot.scheduling.earlier_post import post_metadata
from bot.scheduling.outbox import NewItem
from bot.scheduling.scheduler import Scheduler, SchedulerLock, rate_limit_wait_within_lease
from bot.slack.tokens import InstalledTokens, SingleWorkspaceTokens
from models import ItemState, ScheduledItem
from tests.support.concurrency import run_at_once
from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET, TOKEN_KEY
from tests.support.slack_stand_in import ROTATED_BOT_TOKEN, SlackStandIn

DUE = datetime(2026, 3, 11, 14, 30, tzinfo=UTC)


class PinnedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> PinnedClock:
    return PinnedClock(DUE)


def make_scheduler(engine: Engine, slack: SlackStandIn, clock: PinnedClock, **overrides: object) -> Scheduler:
    values: dict[str, object] = {
        "scheduler_channel_interval_seconds": 0,
        "scheduler_lease_seconds": 60,
        **overrides,
    }
    settings = load_settings(
        _env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url,
        **values,
    )  # fmt: skip
    deps = build_deps(settings, engine=engine, clock=clock)
    return Scheduler(deps, tokens=SingleWorkspaceTokens(BOT_TOKEN), clock=clock)


def add(
    sessions: sessionmaker[Session],
    key: str,
    *,
    due: datetime = DUE,
    channel: str = "C1",
    grace: timedelta = timedelta(hours=1),
    team: str = "T1",
) -> bool:
    with sessions.begin() as session:
        item = NewItem(
            team_id=team,
            kind="test",
            occurrence_key=key,
            channel_id=channel,
            due_at=due,
            text=f"item {key}",
            grace=grace,
        )
        return outbox.enqueue(session=session, item=item, now=due - timedelta(days=1))


def state_of(sessions: sessionmaker[Session], key: str) -> ScheduledItem:
    with sessions() as session:
        return session.scalars(select(ScheduledItem).where(ScheduledItem.occurrence_key == key)).one()


def posted(slack: SlackStandIn) -> list[str]:
    return [str(call.args["text"]) for call in slack.successful_calls("chat.postMessage")]


def test_an_item_is_delivered_once_at_its_time(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "a")
    scheduler = make_scheduler(engine, slack, clock)
    clock.now = DUE - timedelta(minutes=1)
    assert scheduler.tick().claimed == 0
    clock.now = DUE
    assert scheduler.tick().report.sent == 1
    scheduler.tick()
    assert posted(slack) == ["item a"]
    sent = state_of(session_factory, "a")
    assert sent.state is ItemState.SENT
    assert sent.message_ts is not None


def test_enqueueing_the_same_occurrence_twice_is_harmless(session_factory: sessionmaker[Session]) -> None:
    assert add(session_factory, "same") is True
    assert add(session_factory, "same") is False
    assert add(session_factory, "same", team="T2") is True


def test_a_crash_between_claim_and_send_redelivers_after_the_lease(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "crash")
    with session_factory.begin() as session:  # an instance claims, marks it sending, then dies
        (claimed,) = outbox.claim_due(
            session=session, now=DUE, instance_id="dead", lease=timedelta(seconds=60), limit=10
        )
        assert outbox.mark_sending(session=session, item=claimed, now=DUE, lease=timedelta(seconds=60))
    survivor = make_scheduler(engine, slack, clock)
    clock.now = DUE + timedelta(seconds=30)
    assert survivor.tick().claimed == 0  # still leased to the dead instance
    clock.now = DUE + timedelta(seconds=61)
    assert survivor.tick().report.sent == 1
    assert posted(slack) == ["item crash"]
    assert state_of(session_factory, "crash").attempts == 2


def test_an_instance_whose_lease_ran_out_neither_sends_nor_overwrites_the_new_owner(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "stale")
    lease = timedelta(seconds=60)
    with session_factory.begin() as session:  # a slow instance claims the item, then stalls
        (stale,) = outbox.claim_due(session=session, now=DUE, instance_id="slow", lease=lease, limit=10)
    later = DUE + timedelta(seconds=61)
    with session_factory.begin() as session:  # its lease ran out: another instance claims and sends it
        (fresh,) = outbox.claim_due(session=session, now=later, instance_id="fast", lease=lease, limit=10)
        assert outbox.mark_sending(session=session, item=fresh, now=later, lease=lease)
        assert outbox.mark_sent(session=session, item=fresh, now=later, message_ts="1.0")
    with session_factory.begin() as session:  # the slow one wakes up: every state change is refused
        assert not outbox.mark_sending(session=session, item=stale, now=later, lease=lease)
        assert not outbox.retry_later(session=session, item=stale, at=later, reason="timeout")
        assert not outbox.mark_failed(session=session, item=stale, reason="timeout")
    item = state_of(session_factory, "stale")
    assert (item.state, item.attempts, item.message_ts) == (ItemState.SENT, 1, "1.0")


def test_a_claim_that_ran_out_before_sending_is_not_sent_by_its_old_owner(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "expired")
    lease = timedelta(seconds=60)
    with session_factory.begin() as session:
        (claimed,) = outbox.claim_due(session=session, now=DUE, instance_id="slow", lease=lease, limit=10)
    with session_factory.begin() as session:  # nobody took it yet, but the lease is over: do not send
        assert not outbox.mark_sending(
            session=session, item=claimed, now=DUE + timedelta(seconds=61), lease=lease
        )
    assert state_of(session_factory, "expired").state is ItemState.PENDING
    clock.now = DUE + timedelta(seconds=61)
    assert make_scheduler(engine, slack, clock).tick().report.sent == 1  # claimed again and sent once
    assert posted(slack) == ["item expired"]


@pytest.mark.parametrize(
    "error",
    [
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "account_inactive",
        "token_revoked",
    ],
)
def test_permanent_errors_fail_the_item_with_the_reason_and_stop(
    engine: Engine,
    session_factory: sessionmaker[Session],
    slack: SlackStandIn,
    clock: PinnedClock,
    error: str,
) -> None:
    add(session_factory, "perm")
    slack.fail("chat.postMessage", error=error)
    scheduler = make_scheduler(engine, slack, clock)
    assert scheduler.tick().report.failed == 1
    clock.now = DUE + timedelta(hours=2)
    assert scheduler.tick().claimed == 0
    failed = state_of(session_factory, "perm")
    assert (failed.state, failed.last_error) == (ItemState.FAILED, error)
    assert len(slack.calls("chat.postMessage")) == 1


def test_transient_errors_retry_with_backoff_then_succeed(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "flaky")
    slack.fail("chat.postMessage", status=500, times=3)  # the client retries twice within the call
    scheduler = make_scheduler(engine, slack, clock)
    assert scheduler.tick().report.retried == 1
    waiting = state_of(session_factory, "flaky")
    assert waiting.state is ItemState.PENDING
    assert waiting.available_at == DUE + timedelta(seconds=30)
    clock.now = DUE + timedelta(seconds=31)
    assert scheduler.tick().report.sent == 1
    assert posted(slack) == ["item flaky"]


def test_a_post_slack_made_without_answering_is_found_in_the_channel_and_never_sent_again(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "slow")
    slack.fail("chat.postMessage", delay_s=2)  # Slack posts it but answers after the client gave up
    scheduler = make_scheduler(engine, slack, clock, slack_api_timeout_seconds=1)
    assert scheduler.tick().report.retried == 1
    unsure = state_of(session_factory, "slow")
    assert unsure.state is ItemState.SENDING and "may have been posted" in (unsure.last_error or "")
    assert unsure.available_at == DUE + timedelta(seconds=60)  # a lease later: Slack is done by then
    (late,) = slack.wait_for("chat.postMessage", timeout_s=5)  # the stand-in records the late answer
    clock.now = DUE + timedelta(seconds=60)
    assert scheduler.tick().report.sent == 1
    found = state_of(session_factory, "slow")
    assert (found.state, found.message_ts) == (ItemState.SENT, late.response["ts"])
    assert posted(slack) == ["item slow"]  # posted once by Slack, never a second time
    (search,) = slack.calls("conversations.history")
    assert search.args["include_all_metadata"] in (True, "true", "1")


def test_a_post_that_never_reached_slack_is_sent_after_the_channel_shows_it_is_not_there(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "lost")

    def lost_on_the_way(_args: dict[str, object]) -> dict[str, object]:
        time.sleep(2)  # the client gives up; and Slack never posted it
        return {"ok": False, "error": "never_arrived"}

    slack.respond_with("chat.postMessage", lost_on_the_way)
    scheduler = make_scheduler(engine, slack, clock, slack_api_timeout_seconds=1)
    assert scheduler.tick().report.retried == 1
    slack.reset()
    clock.now = DUE + timedelta(seconds=60)
    assert scheduler.tick().report.sent == 1
    assert posted(slack) == ["item lost"]
    assert state_of(session_factory, "lost").state is ItemState.SENT


def test_an_item_whose_instance_died_while_sending_is_looked_up_before_it_is_sent_again(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "killed")
    add(session_factory, "killed-early")
    with session_factory.begin() as session:
        claimed = outbox.claim_due(
            session=session, now=DUE, instance_id="dead", lease=timedelta(seconds=60), limit=5
        )
        for item in claimed:
            outbox.mark_sending(session=session, item=item, now=DUE, lease=timedelta(seconds=60))
    killed = next(item for item in claimed if item.occurrence_key == "killed")
    # The dead instance's post of "killed" reached Slack; "killed-early" died before its call went out.
    posted_before = slack_post(
        slack, channel=killed.channel_id, text="item killed", metadata=post_metadata(killed.id)
    )
    clock.now = DUE + timedelta(seconds=61)
    assert make_scheduler(engine, slack, clock).tick().report.sent == 2
    assert posted(slack) == ["item killed", "item killed-early"]  # each once
    assert state_of(session_factory, "killed").message_ts == posted_before


def test_an_item_that_may_have_been_posted_fails_visibly_when_slack_cannot_be_searched(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "blind")
    slack.fail("chat.postMessage", delay_s=2)
    scheduler = make_scheduler(engine, slack, clock, slack_api_timeout_seconds=1)
    scheduler.tick()
    slack.wait_for("chat.postMessage", timeout_s=5)
    slack.fail("conversations.history", error="missing_scope")
    clock.now = DUE + timedelta(seconds=60)
    assert scheduler.tick().report.failed == 1
    failed = state_of(session_factory, "blind")
    assert failed.state is ItemState.FAILED and "could not be searched" in (failed.last_error or "")
    assert posted(slack) == ["item blind"]


def slack_post(slack: SlackStandIn, *, channel: str, text: str, metadata: dict[str, object]) -> str:
    """Post straight to the stand-in, as a dead instance's call would have."""
    client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)
    return str(client.chat_postMessage(channel=channel, text=text, metadata=metadata)["ts"])


def test_transient_errors_give_up_visibly_after_the_attempt_limit(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "down")
    slack.fail("chat.postMessage", error="internal_error", times=10)
    scheduler = make_scheduler(engine, slack, clock, scheduler_max_attempts=2)
    scheduler.tick()
    clock.now = DUE + timedelta(minutes=5)
    scheduler.tick()
    failed = state_of(session_factory, "down")
    assert failed.state is ItemState.FAILED
    assert failed.last_error == "gave up after 2 attempts: internal_error"


def test_a_rate_limit_is_honoured_within_the_call(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "ratelimited")
    slack.fail("chat.postMessage", status=429, retry_after=1)
    assert make_scheduler(engine, slack, clock).tick().report.sent == 1
    assert [call.status for call in slack.calls("chat.postMessage")] == [429, 200]


def test_a_retry_after_longer_than_the_lease_allows_goes_back_to_the_queue_until_then(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "long-wait")
    slack.fail("chat.postMessage", status=429, retry_after=65)
    scheduler = make_scheduler(
        engine, slack, clock
    )  # lease 60 s: waiting 65 s inside the call would outlive it
    started = time.monotonic()
    assert scheduler.tick().report.retried == 1
    assert time.monotonic() - started < 30  # it did not sit out the 65 s holding the claim
    assert state_of(session_factory, "long-wait").available_at == DUE + timedelta(seconds=65)
    clock.now = DUE + timedelta(seconds=64)
    assert scheduler.tick().claimed == 0
    clock.now = DUE + timedelta(seconds=66)
    assert scheduler.tick().report.sent == 1
    assert posted(slack) == ["item long-wait"]


def test_the_wait_inside_one_delivery_fits_in_half_the_lease() -> None:
    def settings(lease: int, timeout: int) -> Settings:
        return load_settings(
            _env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
            scheduler_lease_seconds=lease, slack_api_timeout_seconds=timeout,
        )  # fmt: skip

    assert rate_limit_wait_within_lease(settings(120, 10)) == 15  # (60 s - 3 tries of 10 s) / 2 waits
    assert rate_limit_wait_within_lease(settings(600, 10)) == 135
    assert rate_limit_wait_within_lease(settings(30, 10)) == 1  # never below Slack's usual one second


def test_after_downtime_items_within_grace_are_sent_late_and_older_ones_skipped(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "recent", due=DUE - timedelta(minutes=30))
    add(session_factory, "old", due=DUE - timedelta(hours=3))
    add(session_factory, "old-but-patient", due=DUE - timedelta(hours=3), grace=timedelta(hours=6))
    result = make_scheduler(engine, slack, clock).tick()
    assert (result.report.sent, result.skipped) == (2, 1)
    assert sorted(posted(slack)) == ["item old-but-patient", "item recent"]
    skipped = state_of(session_factory, "old")
    assert skipped.state is ItemState.SKIPPED
    assert skipped.last_error == "missed by 3h00m (grace 1h00m)"


def test_an_uninstalled_workspace_has_its_work_skipped(session_factory: sessionmaker[Session]) -> None:
    add(session_factory, "one", team="TGONE")
    add(session_factory, "two", team="TGONE")
    add(session_factory, "kept", team="TSTAYS")
    with session_factory.begin() as session:
        assert outbox.skip_workspace(session=session, team_id="TGONE", reason="app uninstalled") == 2
    assert state_of(session_factory, "kept").state is ItemState.PENDING
    with session_factory() as session:
        rows, total = outbox.unsent(session=session, failed_only=True)
    assert total == 2
    assert {row.last_error for row in rows} == {"app uninstalled"}


def test_paced_channels_give_back_what_would_outlive_the_lease(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    for index in range(5):
        add(session_factory, f"paced-{index}", channel="CBUSY")
    scheduler = make_scheduler(
        engine, slack, clock, scheduler_channel_interval_seconds=0.01, scheduler_lease_seconds=0.04
    )
    assert scheduler.tick().report.sent == 2  # 0.04 s lease / (2 x 0.01 s) per channel
    assert len(posted(slack)) == 2
    clock.now = DUE + timedelta(seconds=1)
    assert scheduler.tick().report.sent == 2
    assert len(posted(slack)) == 4


def test_concurrent_claims_never_share_an_item(backend: str, session_factory: sessionmaker[Session]) -> None:
    if backend == "sqlite":
        pytest.skip(
            "SQLite runs one ticking instance by design (SchedulerLock); this is the PostgreSQL guarantee"
        )
    for index in range(200):
        add(session_factory, f"race-{index}", channel=f"C{index % 20}")

    def claim() -> list[int]:
        with session_factory.begin() as session:
            items = outbox.claim_due(
                session=session, now=DUE, instance_id="any", lease=timedelta(seconds=60), limit=60
            )
            return [item.id for item in items]

    results, errors = run_at_once(claim, threads=4)
    assert errors == []
    claimed = [item_id for batch in results for item_id in batch]
    assert len(claimed) == 200
    assert len(set(claimed)) == 200


@pytest.fixture
def sqlite_lock_path(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'locked.sqlite3'}"


def test_sqlite_refuses_a_second_ticking_instance(sqlite_lock_path: str) -> None:
    first, second = SchedulerLock(sqlite_lock_path), SchedulerLock(sqlite_lock_path)
    first.acquire()
    try:
        with pytest.raises(ConfigError, match="already running the scheduler"):
            second.acquire()
    finally:
        first.release()
    second.acquire()  # free again once the first instance stops
    second.release()


def test_postgres_allows_many_ticking_instances() -> None:
    lock = SchedulerLock("postgresql+psycopg://norms@127.0.0.1:5432/norms")
    lock.acquire()
    SchedulerLock("postgresql+psycopg://norms@127.0.0.1:5432/norms").acquire()
    lock.release()


def oauth_settings(slack: SlackStandIn) -> Settings:
    return load_settings(
        _env_file=None, slack_client_id="111.222", slack_client_secret="client-secret-for-tests",
        slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url, token_encryption_key=TOKEN_KEY,
    )  # fmt: skip


def save_bot(
    engine: Engine, *, team_id: str, token: str, refresh_token: str | None, expires_at: int | None
) -> None:
    store = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    store.save_bot(Bot(app_id="A0TESTAPP1", enterprise_id=None, team_id=team_id, bot_token=token, bot_id="B1",
                       bot_user_id="U0BOT0001", bot_scopes="chat:write", bot_refresh_token=refresh_token,
                       bot_token_expires_at=expires_at, installed_at=time.time()))  # fmt: skip


def test_each_workspace_is_sent_to_with_its_own_installed_token(engine: Engine, slack: SlackStandIn) -> None:
    save_bot(engine, team_id="TONE", token="xoxb-one-token", refresh_token=None, expires_at=None)
    tokens = InstalledTokens(oauth_settings(slack), engine)
    assert tokens.token_for("TONE") == "xoxb-one-token"
    assert tokens.token_for("TNEVERINSTALLED") is None


def test_a_rotating_token_near_expiry_is_refreshed_before_use(engine: Engine, slack: SlackStandIn) -> None:
    save_bot(
        engine,
        team_id="TROT",
        token="xoxe.xoxb-old",
        refresh_token="xoxe-1-OLDREFRESH",
        expires_at=int(time.time()) + 60,
    )
    tokens = InstalledTokens(oauth_settings(slack), engine)
    assert tokens.token_for("TROT") == ROTATED_BOT_TOKEN
    assert [call.args.get("grant_type") for call in slack.calls("oauth.v2.access")] == ["refresh_token"]
    assert tokens.token_for("TROT") == ROTATED_BOT_TOKEN  # stored: no second refresh
    assert len(slack.calls("oauth.v2.access")) == 1


def test_work_for_a_workspace_without_an_installation_fails_visibly(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "orphan", team="TGHOST")
    settings = oauth_settings(slack)
    scheduler = Scheduler(
        build_deps(settings, engine=engine, clock=clock),
        tokens=InstalledTokens(settings, engine),
        clock=clock,
    )
    assert scheduler.tick().report.failed == 1
    assert state_of(session_factory, "orphan").last_error == "no installation or token for this workspace"


def test_materialisers_run_each_tick_and_their_occurrences_are_delivered(
    engine: Engine, slack: SlackStandIn, clock: PinnedClock
) -> None:
    def every_tick(session: Session, now: datetime) -> int:
        item = NewItem(
            team_id="T1",
            kind="digest",
            occurrence_key=f"digest-{now:%Y-%m-%d}",
            channel_id="C1",
            due_at=now,
            text="digest",
        )
        return int(outbox.enqueue(session=session, item=item, now=now))

    settings = load_settings(_env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
                             slack_api_url=slack.api_url, scheduler_channel_interval_seconds=0)  # fmt: skip
    scheduler = Scheduler(build_deps(settings, engine=engine, clock=clock), tokens=SingleWorkspaceTokens(BOT_TOKEN),
                          materializers=[every_tick], clock=clock)  # fmt: skip
    first, second = scheduler.tick(), scheduler.tick()
    assert (first.materialised, first.report.sent) == (1, 1)
    assert (second.materialised, second.claimed) == (0, 0)  # the same occurrence is not produced twice
    assert posted(slack) == ["digest"]


def test_enterprise_grid_workspaces_find_their_own_install_or_their_orgs(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn
) -> None:
    store = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    grid = dict(
        app_id="A0TESTAPP1",
        bot_id="B1",
        bot_user_id="U0BOT0001",
        bot_scopes="chat:write",
        installed_at=time.time(),
    )
    store.save_bot(Bot(enterprise_id="E0ORG1", team_id="TGRIDWS", bot_token="xoxb-grid-workspace", **grid))  # type: ignore[arg-type]
    store.save_bot(Bot(enterprise_id="E0ORG2", team_id=None, is_enterprise_install=True,
                       bot_token="xoxb-org-wide", **grid))  # type: ignore[arg-type]  # fmt: skip
    claim_delivery_for(session_factory, team_id="TORGWS", enterprise_id="E0ORG2")  # known from its events
    tokens = InstalledTokens(oauth_settings(slack), engine)
    assert tokens.token_for("TGRIDWS") == "xoxb-grid-workspace"  # installed in the workspace, inside an org
    assert tokens.token_for("TORGWS") == "xoxb-org-wide"  # the org-wide install serves its workspaces
    assert tokens.token_for("TELSEWHERE") is None


def claim_delivery_for(sessions: sessionmaker[Session], *, team_id: str, enterprise_id: str) -> None:
    """What the event middleware does for a workspace's event: its settings exist, then an event."""
    from bot.core.dedup import claim_delivery
    from bot.core.deps import Deps
    from bot.people import settings_store

    with sessions.begin() as session:
        settings_store.workspace_settings(session=session, team_id=team_id, now=datetime.now(UTC))
    deps = Deps(settings=load_settings(_env_file=None), engine=sessions.kw["bind"], session_factory=sessions)
    assert (
        claim_delivery(deps, team_id=team_id, enterprise_id=enterprise_id, event_id=f"Ev-{team_id}") is True
    )


def test_instances_share_one_pace_per_channel(session_factory: sessionmaker[Session]) -> None:
    second = timedelta(seconds=1)

    def reserve(now: datetime = DUE, max_wait: timedelta = timedelta(seconds=10)) -> tuple[datetime, bool]:
        with session_factory.begin() as session:
            return outbox.reserve_slot(
                session=session, team_id="T1", channel_id="C1", now=now, interval=second, max_wait=max_wait
            )

    slots, errors = run_at_once(reserve, threads=6)
    assert errors == []
    assert sorted(slots) == [(DUE + second * index, True) for index in range(6)]
    assert reserve(max_wait=second) == (DUE + second * 6, False)  # too far: not taken...
    assert reserve(max_wait=second * 6) == (DUE + second * 6, True)  # ...so the next post still gets it
    later = DUE + timedelta(minutes=5)
    assert reserve(now=later) == (later, True)  # a quiet channel: the next post may go at once


def test_a_rate_limited_channel_is_held_back_for_every_post_until_retry_after(
    engine: Engine, session_factory: sessionmaker[Session], slack: SlackStandIn, clock: PinnedClock
) -> None:
    add(session_factory, "first")
    add(session_factory, "second")  # same channel: the next wave, a pacing interval later
    slack.fail("chat.postMessage", status=429, retry_after=65)
    scheduler = make_scheduler(engine, slack, clock, scheduler_channel_interval_seconds=0.2)
    scheduler.tick()
    assert posted(slack) == []  # "second" did not go out into Slack's rate limit
    for key in ("first", "second"):
        waiting = state_of(session_factory, key)
        assert (waiting.state, waiting.available_at) == (ItemState.PENDING, DUE + timedelta(seconds=65))
    assert state_of(session_factory, "second").attempts == 0  # waiting for the channel is no attempt
    clock.now = DUE + timedelta(seconds=65)
    scheduler.tick()
    assert posted(slack) == ["item first", "item second"]
