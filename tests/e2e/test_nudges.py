"""Completeness nudges over the real server: one private tip, restraint, modes, buttons, failures."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import create_db_engine
from bot.nudges.blocks import NUDGE_GOT_IT_ACTION, NUDGE_NOT_HELPFUL_ACTION, NUDGE_PAUSE_ACTION
from models import NudgeOutcome, NudgeRecord, UserProfile
from tests.support.bot_process import BotProcess
from tests.support.slack_requests import (
    block_action_payload,
    event_request,
    interactive_request,
    post_signed,
    slash_command_request,
    unique_id,
)
from tests.support.slack_stand_in import BOT_USER_ID, RecordedCall, SlackStandIn

pytestmark = pytest.mark.e2e

COMPLETE = "<@U0BOB0001> can you review the caching RFC by Friday? It unblocks the Q2 perf work: <https://docs.acme.dev/rfc|RFC>"


@pytest.fixture
def person(stand_in: SlackStandIn) -> str:
    """A fresh person in New York, so restraint state never leaks between tests."""
    user_id = unique_id("UP")[:20]
    stand_in.add_user(user_id, tz="America/New_York")
    return user_id


@pytest.fixture
def channel() -> str:
    return unique_id("C")[:20]


@pytest.fixture
def admin(stand_in: SlackStandIn) -> str:
    user_id = unique_id("UADMIN")[:20]
    stand_in.add_user(user_id, tz="Europe/Berlin", is_admin=True)
    return user_id


def message_event(user: str, channel: str, text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text,
            "ts": f"{time.time():.6f}", **extra}  # fmt: skip


def send(
    bot: BotProcess, event: dict[str, Any], *, event_id: str | None = None, team_id: str = "T0TEST001"
) -> str:
    request = event_request(event, event_id=event_id or unique_id("Ev"), team_id=team_id)
    result = post_signed(bot.base_url, request)
    assert result.status == 200, result.body
    return request.body


def nudges_for(stand_in: SlackStandIn, user: str) -> list[RecordedCall]:
    return [call for call in stand_in.calls("chat.postEphemeral") if call.args.get("user") == user]


def settle(bot: BotProcess, stand_in: SlackStandIn, channel: str, *, team_id: str = "T0TEST001") -> None:
    """Wait until the server has finished with earlier events of the channel: the inbox workers do a
    channel's events in order, so a sentinel nudge in the same channel arrives after them."""
    sentinel = unique_id("USENT")[:20]
    stand_in.add_user(sentinel)
    send(bot, message_event(sentinel, channel, "ping"), team_id=team_id)
    deadline = time.monotonic() + 10
    while not nudges_for(stand_in, sentinel) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert nudges_for(stand_in, sentinel), "the sentinel nudge never arrived"


def records(database_url: str, **where: str) -> list[NudgeRecord]:
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(NudgeRecord).filter_by(**where)
            return [NudgeRecord(**row._mapping) for row in connection.execute(query)]
    finally:
        engine.dispose()


def test_thoughts_gets_exactly_one_private_nudge_and_a_redelivery_gets_nothing_more(
    bot: BotProcess, stand_in: SlackStandIn, person: str, channel: str
) -> None:
    event = message_event(person, channel, "thoughts?")
    event_id = unique_id("EvDup")
    send(bot, event, event_id=event_id)
    send(bot, event, event_id=event_id)  # Slack's retry of the same delivery
    settle(bot, stand_in, channel)
    (nudge,) = nudges_for(stand_in, person)
    assert nudge.args["channel"] == channel
    blocks = nudge.args["blocks"]
    assert "Add a line of context" in blocks[0]["text"]["text"]
    assert "Say by when you need it" in blocks[0]["text"]["text"]
    assert ">thoughts by *" in blocks[1]["text"]["text"]  # their words, plus a concrete by-when
    action_ids = [
        element["action_id"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert action_ids == [NUDGE_GOT_IT_ACTION, NUDGE_NOT_HELPFUL_ACTION, NUDGE_PAUSE_ACTION]


def test_a_complete_request_gets_nothing(
    bot: BotProcess, stand_in: SlackStandIn, person: str, channel: str
) -> None:
    send(bot, message_event(person, channel, COMPLETE))
    settle(bot, stand_in, channel)
    assert nudges_for(stand_in, person) == []


def test_bot_messages_thread_replies_and_direct_messages_get_nothing(
    bot: BotProcess, stand_in: SlackStandIn, person: str, channel: str
) -> None:
    send(bot, message_event(person, channel, "thoughts?", subtype="bot_message", bot_id="B0OTHER01"))
    send(bot, message_event(person, channel, "thoughts?", thread_ts="1700000000.000100"))
    send(bot, {**message_event(person, "D0DIRECT01", "thoughts?"), "channel_type": "im"})
    settle(bot, stand_in, channel)
    assert nudges_for(stand_in, person) == []


def test_observe_mode_records_the_finding_and_sends_nothing(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, admin: str, channel: str
) -> None:
    response_url = stand_in.response_url("observe")
    command = slash_command_request(
        "/norms", "channel observe", user_id=admin, channel_id=channel, response_url=response_url
    )
    assert post_signed(bot.base_url, command).status == 200
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "*observe*" in reply.args["text"]
    event = message_event(person, channel, "thoughts?")
    send(bot, event)
    wait_until(lambda: bool(records(bot_database_url, channel_id=channel, message_ts=event["ts"])))
    assert nudges_for(stand_in, person) == []
    (record,) = records(bot_database_url, channel_id=channel, message_ts=event["ts"])
    assert record.outcome is NudgeOutcome.OBSERVED
    assert set(record.rule_ids) == {"missing-context", "missing-deadline"}


def test_only_admins_change_channel_modes(
    bot: BotProcess, stand_in: SlackStandIn, person: str, channel: str
) -> None:
    command = slash_command_request("/norms", "channel off", user_id=person, channel_id=channel,
                                    response_url=stand_in.response_url("denied"))  # fmt: skip
    assert post_signed(bot.base_url, command).status == 200
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "Only workspace admins" in reply.args["text"]
    send(bot, message_event(person, channel, "thoughts?"))
    settle(bot, stand_in, channel)
    assert len(nudges_for(stand_in, person)) == 1


def test_the_daily_cap_and_the_hourly_rule_quiet_period_hold(
    bot: BotProcess, stand_in: SlackStandIn, person: str, channel: str
) -> None:
    for text in ["hi", "thoughts?", "any update on this?", "<@U0BOB0001> the deploy script failed again on staging.",
                 "URGENT!!! send the numbers"]:  # fmt: skip
        send(bot, message_event(person, channel, text))
        time.sleep(0.05)
    settle(bot, stand_in, channel)
    nudges = nudges_for(stand_in, person)
    assert len(nudges) == 3  # the default cap; "any update on this?" repeats rules nudged minutes ago


def test_got_it_removes_the_nudge(bot: BotProcess, stand_in: SlackStandIn, person: str) -> None:
    payload = block_action_payload(NUDGE_GOT_IT_ACTION, value='{"c":"C1","ts":"1.1","r":["missing-context"]}',
                                   user_id=person, response_url=stand_in.response_url("gotit"))  # fmt: skip
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    (call,) = stand_in.wait_for("response_url", timeout_s=5)
    assert call.args.get("delete_original") is True


def test_not_helpful_records_a_report_with_the_rules(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str
) -> None:
    event = message_event(person, channel, "thoughts?")
    send(bot, event)
    settle(bot, stand_in, channel)
    value = f'{{"c":"{channel}","ts":"{event["ts"]}","r":["missing-context","missing-deadline"]}}'
    payload = block_action_payload(NUDGE_NOT_HELPFUL_ACTION, value=value, user_id=person,
                                   response_url=stand_in.response_url("report"))  # fmt: skip
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    (call,) = stand_in.wait_for("response_url", timeout_s=5)
    assert call.args.get("replace_original") is True
    (record,) = records(bot_database_url, channel_id=channel, message_ts=event["ts"])
    assert record.outcome is NudgeOutcome.REPORTED
    assert record.reported_rule_ids == ["missing-context", "missing-deadline"]


def test_pause_stops_nudges_for_that_person(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str
) -> None:
    payload = block_action_payload(NUDGE_PAUSE_ACTION, value=f'{{"c":"{channel}","ts":"1.1","r":["bare-greeting"]}}',
                                   user_id=person, response_url=stand_in.response_url("pause"))  # fmt: skip
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    (call,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "paused" in call.args["text"]
    send(bot, message_event(person, channel, "thoughts?"))
    settle(bot, stand_in, channel)
    assert nudges_for(stand_in, person) == []
    engine = create_db_engine(bot_database_url)
    try:
        with engine.connect() as connection:
            paused = connection.execute(
                select(UserProfile.nudges_paused_until).filter_by(user_id=person)
            ).scalar_one()
    finally:
        engine.dispose()
    assert paused is not None


def test_an_edit_that_completes_the_message_counts_as_fixed(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str
) -> None:
    event = message_event(person, channel, "can you review the doc?")
    send(bot, event)
    settle(bot, stand_in, channel)
    edited = {"type": "message", "subtype": "message_changed", "channel": channel, "hidden": True,
              "message": {"type": "message", "user": person, "text": COMPLETE, "ts": event["ts"]},
              "ts": f"{time.time():.6f}"}  # fmt: skip
    send(bot, edited)
    settle(bot, stand_in, channel)
    (record,) = records(bot_database_url, channel_id=channel, message_ts=event["ts"])
    assert record.outcome is NudgeOutcome.FIXED


def test_being_added_to_a_channel_posts_one_intro(
    bot: BotProcess, stand_in: SlackStandIn, channel: str
) -> None:
    event = {"type": "member_joined_channel", "user": BOT_USER_ID, "channel": channel, "channel_type": "C"}
    event_id = unique_id("EvJoin")
    send(bot, event, event_id=event_id)
    send(bot, event, event_id=event_id)
    send(bot, {**event, "user": "U0SOMEONE1"})  # a person joining gets no intro
    settle(bot, stand_in, channel)
    intros = [call for call in stand_in.calls("chat.postMessage") if call.args.get("channel") == channel]
    assert len(intros) == 1
    assert "Async Norms" in str(intros[0].args["blocks"])


@pytest.mark.parametrize(
    ("failure", "delivered"),
    [
        ({"error": "not_in_channel"}, 0),
        ({"status": 500, "times": 3}, 0),  # the client retries twice, then gives up
        ({"status": 429, "retry_after": 1}, 1),  # honoured Retry-After, then delivered
    ],
)
def test_slack_failures_while_nudging_never_break_the_server(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str,
    failure: dict[str, Any], delivered: int,
) -> None:  # fmt: skip
    stand_in.fail("chat.postEphemeral", **failure)
    event = message_event(person, channel, "thoughts?")
    send(bot, event)
    stand_in.wait_for(
        "chat.postEphemeral", count=1 + delivered + (2 if failure.get("status") == 500 else 0), timeout_s=10
    )
    settle(bot, stand_in, channel)
    successful = [
        call for call in stand_in.successful_calls("chat.postEphemeral") if call.args.get("user") == person
    ]
    assert len(successful) == delivered
    (record,) = records(bot_database_url, channel_id=channel, message_ts=event["ts"])
    assert record.outcome is (NudgeOutcome.NUDGED if delivered else NudgeOutcome.SEND_FAILED)
    assert bot.process.poll() is None
    if not delivered:
        assert f"nudge not sent (team T0TEST001, channel {channel}, user {person}" in bot.log()


def test_an_unknown_author_is_logged_and_skipped(
    bot: BotProcess, stand_in: SlackStandIn, channel: str
) -> None:
    send(bot, message_event("U0NOBODY99", channel, "thoughts?"))
    settle(bot, stand_in, channel)
    assert nudges_for(stand_in, "U0NOBODY99") == []
    assert "users.info for U0NOBODY99 failed: user_not_found" in bot.log()


def test_admins_can_open_channel_modes_to_everyone(
    bot: BotProcess, stand_in: SlackStandIn, admin: str, person: str, channel: str
) -> None:
    opened = slash_command_request("/norms", "permissions anyone", user_id=admin, team_id="T0OPEN0001",
                                   response_url=stand_in.response_url("open"))  # fmt: skip
    assert post_signed(bot.base_url, opened).status == 200
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "anyone in the channel" in reply.args["text"]
    changed = slash_command_request("/norms", "channel off", user_id=person, channel_id=channel, team_id="T0OPEN0001",
                                    response_url=stand_in.response_url("changed"))  # fmt: skip
    assert post_signed(bot.base_url, changed).status == 200
    replies = stand_in.wait_for("response_url", count=2, timeout_s=5)
    assert "Done." in replies[1].args["text"]
    assert "*off*" in replies[1].args["text"]


def test_a_rule_switched_off_by_an_admin_is_not_nudged(
    bot: BotProcess, stand_in: SlackStandIn, admin: str, person: str, channel: str
) -> None:
    team = "T0RULES001"
    switch = slash_command_request("/norms", "rule missing-deadline off", user_id=admin, team_id=team,
                                   response_url=stand_in.response_url("rule"))  # fmt: skip
    assert post_signed(bot.base_url, switch).status == 200
    (reply,) = stand_in.wait_for("response_url", timeout_s=5)
    assert "`missing-deadline` rule is off" in reply.args["text"]
    send(bot, message_event(person, channel, "can you review the doc?"), team_id=team)
    settle(bot, stand_in, channel, team_id=team)
    (nudge,) = nudges_for(stand_in, person)
    assert "Add a line of context" in nudge.args["blocks"][0]["text"]["text"]
    assert "Say by when" not in nudge.args["blocks"][0]["text"]["text"]


ASK_FOR_WORK = (
    "Could you update the onboarding checklist for the new laptops? IT changed the setup steps last week."
)


def test_a_question_for_information_gets_no_nudge_and_an_ask_for_work_does(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str
) -> None:
    questions = (
        "Is there a way to run only the integration tests for one package?",
        "Has anyone seen this error from the payments sandbox before?",
        "could you send me an example?",
    )
    for question in questions:
        send(bot, message_event(person, channel, question))
    settle(bot, stand_in, channel)
    assert nudges_for(stand_in, person) == []
    assert records(bot_database_url, channel_id=channel, user_id=person) == []  # nothing even observed
    send(bot, message_event(person, channel, ASK_FOR_WORK))
    settle(bot, stand_in, channel)
    (nudge,) = nudges_for(stand_in, person)
    text = nudge.args["blocks"][0]["text"]["text"]
    assert "Say by when you need it" in text and "Add a line of context" not in text
    assert "for the new laptops by *" in nudge.args["blocks"][1]["text"]["text"]  # the by-when in the ask


def test_a_tip_on_a_thread_reply_appears_in_that_thread(
    bot: BotProcess, stand_in: SlackStandIn, admin: str, person: str, channel: str
) -> None:
    switch = slash_command_request("/norms", "channel threads on", user_id=admin, channel_id=channel,
                                   response_url=stand_in.response_url("threads"))  # fmt: skip
    assert post_signed(bot.base_url, switch).status == 200
    stand_in.wait_for("response_url", timeout_s=5)
    send(bot, message_event(person, channel, "thoughts?", thread_ts="1700000000.000100"))
    settle(bot, stand_in, channel)
    (nudge,) = nudges_for(stand_in, person)
    assert nudge.args["thread_ts"] == "1700000000.000100"


def test_not_helpful_reports_pause_a_rule_tell_the_admins_once_and_an_admin_turns_it_back_on(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, admin: str
) -> None:
    team, channel = unique_id("TFEED")[:20], unique_id("C")[:20]
    who = slash_command_request("/norms", "agreement", user_id=admin, team_id=team, channel_id=channel,
                                response_url=stand_in.response_url(unique_id("who")))  # fmt: skip
    assert post_signed(bot.base_url, who).status == 200  # the admin is now someone the bot knows
    stand_in.wait_for("response_url", timeout_s=5)
    for index in range(10):
        author = unique_id(f"UF{index}")[:20]
        stand_in.add_user(author, tz="America/New_York")
        event = message_event(author, channel, ASK_FOR_WORK)
        send(bot, event, team_id=team)
        wait_until(nudged(stand_in, author))
        if index < 3:  # three of ten say it did not help: 30%
            value = json.dumps({"c": channel, "ts": event["ts"], "r": ["missing-deadline"]})
            payload = block_action_payload(NUDGE_NOT_HELPFUL_ACTION, value=value, user_id=author, team_id=team,
                                           response_url=stand_in.response_url(unique_id("nh")))  # fmt: skip
            assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    wait_until(lambda: bool(notices_to(stand_in, admin)))
    (notice,) = notices_to(stand_in, admin)  # told once
    assert "paused tips about *missing by-whens*" in notice.args["blocks"][0]["text"]["text"]
    assert "3 of the last 10" in notice.args["blocks"][0]["text"]["text"]

    latecomer = unique_id("ULATE")[:20]
    stand_in.add_user(latecomer, tz="America/New_York")
    late_event = message_event(latecomer, channel, ASK_FOR_WORK)
    send(bot, late_event, team_id=team)
    wait_until(lambda: bool(records(bot_database_url, channel_id=channel, message_ts=late_event["ts"])))
    (observed,) = records(bot_database_url, channel_id=channel, message_ts=late_event["ts"])
    assert observed.outcome is NudgeOutcome.OBSERVED  # still noticed and counted, nothing sent
    assert nudges_for(stand_in, latecomer) == []

    agreement = slash_command_request("/norms", "agreement", user_id=admin, team_id=team, channel_id=channel,
                                      response_url=stand_in.response_url(unique_id("agr")))  # fmt: skip
    before = len(stand_in.calls("response_url"))
    assert post_signed(bot.base_url, agreement).status == 200
    shown = stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1]
    assert "Paused after feedback" in json.dumps(shown.args["blocks"])
    resume = slash_command_request("/norms", "rule missing-deadline on", user_id=admin, team_id=team,
                                   channel_id=channel, response_url=stand_in.response_url(unique_id("on")))  # fmt: skip
    assert post_signed(bot.base_url, resume).status == 200
    reply = stand_in.wait_for("response_url", count=before + 2, timeout_s=5)[-1]
    assert "on across the workspace again" in reply.args["text"]
    again = unique_id("UAGAIN")[:20]
    stand_in.add_user(again, tz="America/New_York")
    send(bot, message_event(again, channel, ASK_FOR_WORK), team_id=team)
    wait_until(nudged(stand_in, again))
    assert len(notices_to(stand_in, admin)) == 1


def nudged(stand_in: SlackStandIn, user: str) -> Callable[[], bool]:
    return lambda: bool(nudges_for(stand_in, user))


def notices_to(stand_in: SlackStandIn, user: str) -> list[RecordedCall]:
    return [call for call in stand_in.calls("chat.postMessage") if call.args.get("channel") == user]


def wait_until(condition: Callable[[], bool], timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert condition(), "timed out waiting"


def test_an_admin_demoted_in_slack_loses_admin_rights_at_once(
    bot: BotProcess, stand_in: SlackStandIn, admin: str, channel: str
) -> None:
    team = unique_id("TDEMOTE")[:20]

    def norms(text: str) -> str:
        before = len(stand_in.calls("response_url"))
        request = slash_command_request("/norms", text, user_id=admin, team_id=team, channel_id=channel,
                                        response_url=stand_in.response_url(unique_id("dm")))  # fmt: skip
        assert post_signed(bot.base_url, request).status == 200
        return str(stand_in.wait_for("response_url", count=before + 1, timeout_s=5)[-1].args["text"])

    assert "Done" in norms("default observe")  # an admin, and now cached as one for a day
    stand_in.users[admin]["is_admin"] = False  # demoted in Slack
    assert "Only workspace admins" in norms("default nudge")


def test_an_account_deleted_in_slack_is_forgotten(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str, person: str, channel: str
) -> None:
    event = message_event(person, channel, "thoughts?")
    send(bot, event)
    settle(bot, stand_in, channel)
    assert records(bot_database_url, channel_id=channel, message_ts=event["ts"])  # a tip was recorded
    send(bot, {"type": "user_change", "user": {"id": person, "deleted": True}})
    wait_until(lambda: not records(bot_database_url, channel_id=channel, message_ts=event["ts"]))
    engine = create_db_engine(bot_database_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(select(UserProfile).filter_by(user_id=person)).first() is None
    finally:
        engine.dispose()
