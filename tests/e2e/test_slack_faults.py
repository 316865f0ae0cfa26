"""Slack Web API faults in each flow: 429 is retried after Retry-After, 500 is retried then given up,
`ok: false` is reported; the acknowledgement never waits for any of it and the server keeps serving.

(The nudge path and the scheduler, which sends reminders, have their own fault tests in test_nudges
and test_scheduler.)
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.asks.blocks import ASK_ACTION_IDS
from bot.asks.service import AskAction
from bot.core.db import create_db_engine
from bot.slack.surfaces import DECISION_COMMAND, RECORD_DECISION_SHORTCUT, STANDUP_COMMAND
from models import TrackedAsk
from tests.support.bot_process import BotProcess, start_bot
from tests.support.slack_requests import (
    SlackRequest,
    block_action_payload,
    event_request,
    http_request,
    interactive_request,
    message_shortcut_payload,
    post_signed,
    slash_command_request,
    unique_id,
)
from tests.support.slack_stand_in import BOT_USER_ID, SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Fault:
    name: str
    injected: dict[str, Any]
    calls: int  # how many calls of the method the client makes in all
    succeeds: bool  # whether the last of them gets through


FAULTS = [
    Fault("429 with Retry-After", {"status": 429, "retry_after": 1}, calls=2, succeeds=True),
    Fault("500 three times", {"status": 500, "times": 3}, calls=3, succeeds=False),
    Fault("ok: false", {"error": "internal_error"}, calls=1, succeeds=False),
]


@dataclass(frozen=True)
class Flow:
    name: str
    method: str  # the outbound call that fails
    request: Callable[[BotProcess, SlackStandIn], SlackRequest]
    after_failure: Callable[
        [BotProcess, SlackStandIn, int], None
    ]  # what the person, or the log after an offset, shows
    ends_with: str | None = None  # a later call the flow always makes, awaited so nothing leaks on


def decision_command(_bot: BotProcess, stand_in: SlackStandIn) -> SlackRequest:
    return slash_command_request(DECISION_COMMAND, "", response_url=stand_in.response_url("decision"))


def told_the_form_did_not_open(bot: BotProcess, stand_in: SlackStandIn, _log_offset: int) -> None:
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "could not open the decision form" in reply.args["text"]


def home_opened(_bot: BotProcess, _stand_in: SlackStandIn) -> SlackRequest:
    return event_request({"type": "app_home_opened", "user": "U0FAULTS01", "tab": "home"})


def logged_the_home_failure(bot: BotProcess, _stand_in: SlackStandIn, log_offset: int) -> None:
    assert wait_for_log(bot, "views.publish for U0FAULTS01 failed", log_offset)


def bot_joined(_bot: BotProcess, _stand_in: SlackStandIn) -> SlackRequest:
    channel = unique_id("CJOIN")[:20]
    return event_request({"type": "member_joined_channel", "user": BOT_USER_ID, "channel": channel})


def logged_the_intro_failure(bot: BotProcess, _stand_in: SlackStandIn, log_offset: int) -> None:
    assert wait_for_log(bot, "not posted", log_offset)


def thread_shortcut(_bot: BotProcess, stand_in: SlackStandIn) -> SlackRequest:
    message = {
        "ts": unique_id("")[:10] + ".000100",
        "text": "Shall we move to Postgres?",
        "user": "U0ALICE01",
    }
    stand_in.add_thread("C0GENERAL", message["ts"], [message])
    return interactive_request(message_shortcut_payload(RECORD_DECISION_SHORTCUT, message=message))


def opened_the_form_from_the_message_alone(bot: BotProcess, stand_in: SlackStandIn, _log_offset: int) -> None:
    (opened,) = stand_in.wait_for("views.open", timeout_s=5)
    assert "Shall we move to Postgres?" in json.dumps(opened.args)


def escalate_button(bot: BotProcess, stand_in: SlackStandIn) -> SlackRequest:
    """An overdue ask exists; its asker presses "Escalate in the thread"."""
    asker, colleague, channel = unique_id("UASK")[:20], unique_id("UCOL")[:20], unique_id("CASK")[:20]
    stand_in.add_user(asker)
    stand_in.add_user(colleague, tz="Europe/Berlin")
    text = f"<@{colleague}> can you review the RFC? It blocks the Q2 launch."
    event = {"type": "message", "channel": channel, "channel_type": "channel", "user": asker, "text": text,
             "ts": f"{time.time():.6f}"}  # fmt: skip
    assert post_signed(bot.base_url, event_request(event)).status == 200
    engine = create_db_engine(bot.database_url)
    try:
        with Session(engine) as session:
            query = select(TrackedAsk.id).where(TrackedAsk.recipient_id == colleague)
            assert wait_until(lambda: session.scalar(query) is not None)
            ask_id = session.scalar(query)
    finally:
        engine.dispose()
    payload = block_action_payload(ASK_ACTION_IDS[AskAction.ESCALATE], value=str(ask_id), user_id=asker,
                                   channel_id=asker, response_url=stand_in.response_url("escalate"))  # fmt: skip
    return interactive_request(payload)


def told_the_escalation_failed(bot: BotProcess, stand_in: SlackStandIn, _log_offset: int) -> None:
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "I couldn't post in" in reply.args["text"], [
        (c.method, c.status, c.response) for c in stand_in.calls()
    ]


def standup_command(_bot: BotProcess, stand_in: SlackStandIn) -> SlackRequest:
    return slash_command_request(STANDUP_COMMAND, "", channel_id=unique_id("CSTAND")[:20],
                                 response_url=stand_in.response_url("standup"))  # fmt: skip


def told_the_standup_form_did_not_open(bot: BotProcess, stand_in: SlackStandIn, _log_offset: int) -> None:
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "could not open the standup form" in reply.args["text"]


FLOWS = [
    Flow("/decision opens the form", "views.open", decision_command, told_the_form_did_not_open),
    Flow("Home tab", "views.publish", home_opened, logged_the_home_failure),
    Flow("intro when added to a channel", "chat.postMessage", bot_joined, logged_the_intro_failure),
    Flow(
        "shortcut reads the thread",
        "conversations.replies",
        thread_shortcut,
        opened_the_form_from_the_message_alone,
        ends_with="views.open",
    ),
    Flow("/standup opens the form", "views.open", standup_command, told_the_standup_form_did_not_open),
    Flow(
        "escalating an ask in its thread",
        "chat.postMessage",
        escalate_button,
        told_the_escalation_failed,
        ends_with="response_url",  # the person is always answered; waited for, so it cannot leak on
    ),
]


def wait_for_log(bot: BotProcess, text: str, offset: int) -> bool:
    """Whether `text` appears in the log after `offset` characters, within five seconds."""
    return wait_until(lambda: text in bot.log()[offset:])


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
@pytest.mark.parametrize("flow", FLOWS, ids=[flow.name for flow in FLOWS])
def test_a_slack_fault_is_retried_or_reported_and_never_delays_the_ack(
    bot: BotProcess, stand_in: SlackStandIn, flow: Flow, fault: Fault
) -> None:
    request = flow.request(bot, stand_in)  # before the fault: preparing may call Slack too
    stand_in.fail(flow.method, **fault.injected)
    log_offset = len(bot.log())
    answer = post_signed(bot.base_url, request)
    assert answer.status == 200
    if fault.injected.get("retry_after"):
        assert stand_in.successful_calls(flow.method) == []  # acknowledged before the retry went out
    calls = stand_in.wait_for(flow.method, count=fault.calls, timeout_s=10)
    assert len(calls) == fault.calls
    assert bool(calls[-1].response.get("ok")) is fault.succeeds
    if not fault.succeeds:
        flow.after_failure(bot, stand_in, log_offset)
    if flow.ends_with is not None:
        assert stand_in.wait_for(flow.ends_with, timeout_s=5)
    assert bot.process.poll() is None
    assert http_request(bot.base_url + "/healthz").status == 200


@pytest.fixture(scope="module")
def impatient_bot(
    module_slack: SlackStandIn, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    """A server whose Web API calls time out after one second."""
    workdir = tmp_path_factory.mktemp("impatient")
    process = start_bot(
        workdir=workdir, database_url=f"sqlite:///{workdir / 'bot.sqlite3'}", api_url=module_slack.api_url,
        extra_env={"SLACK_API_TIMEOUT_SECONDS": "1"},
    )  # fmt: skip
    yield process
    process.stop()


@pytest.mark.parametrize("flow", FLOWS[:2], ids=[flow.name for flow in FLOWS[:2]])
def test_a_slack_call_that_times_out_is_reported_and_never_delays_the_ack(
    impatient_bot: BotProcess, stand_in: SlackStandIn, flow: Flow
) -> None:
    stand_in.fail(flow.method, delay_s=2)
    log_offset = len(impatient_bot.log())
    assert post_signed(impatient_bot.base_url, flow.request(impatient_bot, stand_in)).status == 200
    flow.after_failure(impatient_bot, stand_in, log_offset)
    assert wait_for_log(impatient_bot, "TimeoutError", log_offset)
    assert impatient_bot.process.poll() is None
    assert http_request(impatient_bot.base_url + "/healthz").status == 200


def test_a_long_rate_limit_never_holds_a_listener_and_the_people_still_get_answers(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    """users.info answering 429 with Retry-After 10: listeners do not wait it out (they would hold the
    few listener threads), so a command's form still opens and App Home is still published quickly."""
    newcomers = [unique_id("URATE")[:20] for _ in range(4)]
    stand_in.fail("users.info", status=429, retry_after=10, times=40)
    published_before = len(stand_in.calls("views.publish"))
    opened_before = len(stand_in.calls("views.open"))
    started = time.monotonic()
    for newcomer in newcomers:  # each needs users.info (its zone), which is rate limited for 10 s
        home = event_request(
            {"type": "app_home_opened", "user": newcomer, "tab": "home"}, event_id=unique_id("Ev")
        )
        assert post_signed(bot.base_url, home).status == 200
    form = slash_command_request(DECISION_COMMAND, "Use Postgres", trigger_id=unique_id("trig"),
                                 response_url=stand_in.response_url(unique_id("rate")))  # fmt: skip
    assert post_signed(bot.base_url, form).status == 200
    assert stand_in.wait_for("views.open", count=opened_before + 1, timeout_s=5)
    assert stand_in.wait_for("views.publish", count=published_before + len(newcomers), timeout_s=8)
    assert time.monotonic() - started < 8  # nobody waited out the 10 s
