"""The durable inbox under a crash: events acknowledged, the server SIGKILLed, then restarted and every
event delivered again as Slack's retry. Each effect happens exactly as often as without the crash."""

from __future__ import annotations

import signal
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.db import create_db_engine
from models import LintTally, NudgeRecord, ProcessedEvent, TrackedAsk
from models.inbox import InboxEvent
from tests.support.bot_process import BotProcess, start_bot
from tests.support.slack_requests import SlackRequest, event_request, http_request, post_signed
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

PEOPLE = [f"UCRASH{index:02d}" for index in range(10)]
EVENTS = 240
SHORT_LEASES = {"INBOX_LEASE_SECONDS": "3"}  # the dead server's channels are free again soon
RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}


def deliveries() -> list[SlackRequest]:
    """Messages that get tips, asks addressed to people, and chatter, over five channels."""
    requests = []
    for index in range(EVENTS):
        author, asked = PEOPLE[index % len(PEOPLE)], PEOPLE[(index + 1) % len(PEOPLE)]
        text = (
            "thoughts?",
            f"<@{asked}> can you review the rollout doc by Friday 3pm? It blocks the release.",
            "Deployed v2 to staging, all green.",
        )[index % 3]
        event = {"type": "message", "channel": f"CCRASH{index % 5}", "channel_type": "channel", "user": author,
                 "text": text, "ts": f"{1_800_000_000 + index}.000100"}  # fmt: skip
        requests.append(event_request(event, event_id=f"EvCrash{index:05d}"))
    return requests


def deliver(bot: BotProcess, requests: list[SlackRequest], *, headers: dict[str, str] | None = None) -> None:
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(
            pool.map(lambda r: post_signed(bot.base_url, r, extra_headers=headers).status, requests)
        )
    assert statuses == [200] * len(requests)


@dataclass(frozen=True)
class Effects:
    nudge_records: int
    asks: int
    tallied_requests: int


def effects_once_done(bot: BotProcess, database_url: str) -> Effects:
    engine = create_db_engine(database_url)
    try:

        def all_done() -> bool:
            with engine.connect() as connection:
                done = connection.scalar(select(func.count()).select_from(ProcessedEvent)) or 0
            return done >= EVENTS and http_request(bot.base_url + "/healthz").json()["inbox"]["waiting"] == 0

        assert wait_until(all_done, timeout_s=60), "the workers did not finish the inbox"
        with engine.connect() as connection:
            return Effects(
                nudge_records=connection.scalar(select(func.count()).select_from(NudgeRecord)) or 0,
                asks=connection.scalar(select(func.count()).select_from(TrackedAsk)) or 0,
                tallied_requests=connection.scalar(select(func.sum(LintTally.requests))) or 0,
            )
    finally:
        engine.dispose()


def waiting_in_inbox(inbox_file: Path) -> int:
    engine = create_db_engine(f"sqlite:///{inbox_file}")
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(InboxEvent)) or 0
    finally:
        engine.dispose()


def tips_per_message(slack: SlackStandIn) -> Counter[str]:
    return Counter(
        f"{call.args.get('channel')}/{call.args.get('user')}/{call.args.get('text')}"
        for call in slack.calls("chat.postEphemeral")
    )


def test_a_crash_after_acknowledging_loses_and_repeats_nothing(slack: SlackStandIn, tmp_path: Path) -> None:
    for person in PEOPLE:
        slack.add_user(person)
    requests = deliveries()

    calm_url = f"sqlite:///{tmp_path / 'calm.sqlite3'}"
    (tmp_path / "calm").mkdir()
    calm = start_bot(workdir=tmp_path / "calm", database_url=calm_url, api_url=slack.api_url)
    try:
        deliver(calm, requests)
        expected = effects_once_done(calm, calm_url)
    finally:
        calm.stop()
    assert expected.nudge_records > 0 and expected.asks > 0 and expected.tallied_requests > 0
    calm_tips = len(slack.calls("chat.postEphemeral"))
    slack.reset()

    crash_url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    (tmp_path / "first").mkdir()
    victim = start_bot(workdir=tmp_path / "first", database_url=crash_url, api_url=slack.api_url,
                       extra_env=SHORT_LEASES)  # fmt: skip
    try:
        deliver(victim, requests)  # every one acknowledged...
        victim.process.send_signal(signal.SIGKILL)  # ...and the server dies at once, mid-work
        victim.process.wait()
    finally:
        victim.stop()
    assert 0 < waiting_in_inbox(tmp_path / "crash.inbox.sqlite3") <= EVENTS  # acknowledged, not yet done
    (tmp_path / "second").mkdir()
    restarted = start_bot(workdir=tmp_path / "second", database_url=crash_url, api_url=slack.api_url,
                          extra_env=SHORT_LEASES)  # fmt: skip
    try:
        deliver(restarted, requests, headers=RETRY)  # and Slack delivers them all again
        assert effects_once_done(restarted, crash_url) == expected
    finally:
        restarted.stop()
    tips = tips_per_message(slack)
    assert max(tips.values()) == 1  # no tip twice for one message
    assert len(slack.calls("chat.postEphemeral")) <= calm_tips
