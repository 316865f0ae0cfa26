"""Response expectations over the real server and `norms tick --at`: asks opened by messages, closed by
replies, reactions and buttons, reminded once in the recipient's working hours."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.asks.blocks import ASK_ACTION_IDS
from bot.asks.service import AskAction
from models import AskState, DueSource, TrackedAsk
from tests.support.bot_process import BotProcess, Ticker
from tests.support.slack_requests import (
    block_action_payload,
    event_request,
    interactive_request,
    message_shortcut_payload,
    post_signed,
    slash_command_request,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import RecordedCall, SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

NEW_YORK, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin")
FRIDAY_1630_NY = datetime(2027, 1, 8, 16, 30, tzinfo=NEW_YORK)
RFC_ASK = "<@{who}> can you review the RFC? It blocks the Q2 launch."


@pytest.fixture
def people(stand_in: SlackStandIn) -> tuple[str, str]:
    """A fresh asker in New York and a fresh colleague in Berlin, so tests never share asks."""
    asker, colleague = unique_id("UNY")[:20], unique_id("UBER")[:20]
    stand_in.add_user(asker, tz="America/New_York")
    stand_in.add_user(colleague, tz="Europe/Berlin")
    return asker, colleague


def ts_of(moment: datetime, sequence: int = 0) -> str:
    return f"{moment.timestamp():.0f}.{sequence:06d}"


def post(bot: BotProcess, event: dict[str, Any]) -> None:
    result = post_signed(bot.base_url, event_request(event, event_id=unique_id("Ev")))
    assert result.status == 200, result.body


def say(bot: BotProcess, user: str, channel: str, text: str, ts: str, **extra: Any) -> None:
    post(bot, {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text,
               "ts": ts, **extra})  # fmt: skip


def norms_asks(bot: BotProcess, stand_in: SlackStandIn, user: str) -> object:
    """The blocks of the person's `/norms asks`."""
    before = len(stand_in.calls("response_url"))
    request = slash_command_request(
        "/norms", "asks", user_id=user, response_url=stand_in.response_url(unique_id("a"))
    )
    assert post_signed(bot.base_url, request).status == 200
    return stand_in.wait_for("response_url", count=before + 1)[-1].args.get("blocks")


def asks_for(engine: Engine, recipient: str) -> list[TrackedAsk]:
    """The recipient's asks in the order the messages were posted (events may be handled in any order)."""
    with Session(engine) as session:
        query = select(TrackedAsk).where(TrackedAsk.recipient_id == recipient).order_by(TrackedAsk.message_ts)
        return list(session.scalars(query))


def wait_for_asks(engine: Engine, recipient: str, count: int) -> list[TrackedAsk]:
    assert wait_until(lambda: len(asks_for(engine, recipient)) >= count), f"{count} asks for {recipient}"
    return asks_for(engine, recipient)


def wait_for_state(engine: Engine, recipient: str, state: AskState) -> TrackedAsk:
    assert wait_until(lambda: asks_for(engine, recipient)[0].state is state), asks_for(engine, recipient)[
        0
    ].state
    return asks_for(engine, recipient)[0]


def dms_to(stand_in: SlackStandIn, user: str) -> list[RecordedCall]:
    return [
        call for call in stand_in.successful_calls("chat.postMessage") if call.args.get("channel") == user
    ]


def press(
    bot: BotProcess,
    stand_in: SlackStandIn,
    user: str,
    action: AskAction,
    ask_id: int,
    snooze: str = "tomorrow",
) -> str:
    response_url = stand_in.response_url(unique_id("r"))
    payload = block_action_payload(ASK_ACTION_IDS[action], value=str(ask_id), user_id=user, channel_id=user,
                                   response_url=response_url)  # fmt: skip
    if action is AskAction.SNOOZE:  # a menu: how long
        payload["actions"][0] |= {"type": "static_select", "selected_option": {"value": f"{ask_id}:{snooze}"}}
        del payload["actions"][0]["value"]
    before = len(stand_in.calls("response_url"))
    assert post_signed(bot.base_url, interactive_request(payload)).status == 200
    replies = stand_in.wait_for("response_url", count=before + 1)
    return str(replies[-1].args.get("text"))


def test_a_friday_ask_to_berlin_is_reminded_on_tuesday_morning_berlin_time_not_before(
    ticked_bot: BotProcess,
    stand_in: SlackStandIn,
    ticked_engine: Engine,
    tick: Ticker,
    people: tuple[str, str],
) -> None:
    asker, colleague = people
    channel = unique_id("C")[:20]
    say(ticked_bot, asker, channel, RFC_ASK.format(who=colleague), ts_of(FRIDAY_1630_NY))
    [ask] = wait_for_asks(ticked_engine, colleague, 1)
    assert ask.due_at == datetime(2027, 1, 11, 17, 0, tzinfo=BERLIN)  # the end of U2's next business day
    for quiet in (
        datetime(2027, 1, 9, 10, 0, tzinfo=BERLIN),  # Saturday
        datetime(2027, 1, 11, 16, 59, tzinfo=BERLIN),  # not due yet
        datetime(2027, 1, 11, 22, 0, tzinfo=BERLIN),  # due, but night in Berlin
        datetime(2027, 1, 12, 3, 0, tzinfo=BERLIN),
    ):
        tick(quiet)
        assert dms_to(stand_in, colleague) == [], quiet
    tick(datetime(2027, 1, 12, 9, 0, tzinfo=BERLIN))
    [reminder] = dms_to(stand_in, colleague)
    blocks = json.dumps(reminder.args.get("blocks"))
    assert f"<@{asker}>" in blocks and f"/archives/{channel}/p" in blocks
    assert all(label in blocks for label in ("Answered", "Snooze", "Until next week", "Not for me"))
    tick(datetime(2027, 1, 12, 10, 0, tzinfo=BERLIN))
    assert len(dms_to(stand_in, colleague)) == 1  # once
    # The asker hears once too, in New York's morning, with what they can do about it.
    assert dms_to(stand_in, asker) == []
    tick(datetime(2027, 1, 12, 9, 30, tzinfo=NEW_YORK))
    [notice] = dms_to(stand_in, asker)
    assert all(
        label in json.dumps(notice.args.get("blocks")) for label in ("Give a day more", "Escalate", "Cancel")
    )


def answer_in_thread(bot: BotProcess, asker: str, colleague: str, channel: str, asked_ts: str) -> None:
    say(
        bot, asker, channel, "also happy to pair on it", ts_of(FRIDAY_1630_NY, 5), thread_ts=asked_ts
    )  # not an answer
    say(bot, colleague, channel, "On it, comments by Monday.", ts_of(FRIDAY_1630_NY, 9), thread_ts=asked_ts)


def answer_with_a_check_mark(
    bot: BotProcess, asker: str, colleague: str, channel: str, asked_ts: str
) -> None:
    post(bot, {"type": "reaction_added", "user": colleague, "reaction": "white_check_mark",
               "item": {"type": "message", "channel": channel, "ts": asked_ts}, "item_user": asker,
               "event_ts": ts_of(FRIDAY_1630_NY, 20)})  # fmt: skip


@pytest.mark.parametrize(
    "answer", [answer_in_thread, answer_with_a_check_mark], ids=["thread reply", "check mark"]
)
def test_an_answer_from_the_person_asked_closes_it_and_nothing_is_sent(
    ticked_bot: BotProcess,
    stand_in: SlackStandIn,
    ticked_engine: Engine,
    tick: Ticker,
    people: tuple[str, str],
    answer: Callable[[BotProcess, str, str, str, str], None],
) -> None:
    asker, colleague = people
    channel, asked_ts = unique_id("C")[:20], ts_of(FRIDAY_1630_NY)
    say(ticked_bot, asker, channel, RFC_ASK.format(who=colleague), asked_ts)
    wait_for_asks(ticked_engine, colleague, 1)
    answer(ticked_bot, asker, colleague, channel, asked_ts)
    assert wait_for_state(ticked_engine, colleague, AskState.ANSWERED).closed_by == colleague
    tick(datetime(2027, 1, 12, 9, 0, tzinfo=BERLIN))
    assert dms_to(stand_in, colleague) == []


def test_three_overdue_asks_for_one_person_produce_one_dm(
    ticked_bot: BotProcess,
    stand_in: SlackStandIn,
    ticked_engine: Engine,
    tick: Ticker,
    people: tuple[str, str],
) -> None:
    asker, colleague = people
    for number in range(3):
        say(ticked_bot, asker, unique_id("C")[:20], f"<@{colleague}> could you send the Q{number + 1} numbers? The board asks.",
            ts_of(FRIDAY_1630_NY, number))  # fmt: skip
    wait_for_asks(ticked_engine, colleague, 3)
    tick(datetime(2027, 1, 12, 9, 0, tzinfo=BERLIN))
    [digest] = dms_to(stand_in, colleague)
    assert str(digest.args.get("text")).startswith("3 asks")
    assert sum(block["type"] == "actions" for block in digest.args["blocks"]) == 3


def test_the_buttons_work_and_refuse_the_wrong_person(
    ticked_bot: BotProcess,
    stand_in: SlackStandIn,
    ticked_engine: Engine,
    tick: Ticker,
    people: tuple[str, str],
) -> None:
    asker, colleague = people
    channel = unique_id("C")[:20]
    for number in range(3):
        say(ticked_bot, asker, channel, f"<@{colleague}> can you check draft {number}? It blocks the release.",
            ts_of(FRIDAY_1630_NY, number))  # fmt: skip
    first, second, third = (ask.id for ask in wait_for_asks(ticked_engine, colleague, 3))
    assert "Only" in press(ticked_bot, stand_in, asker, AskAction.ANSWERED, first)
    assert "Only" in press(ticked_bot, stand_in, colleague, AskAction.CANCEL, first)
    assert "can't find" in press(ticked_bot, stand_in, colleague, AskAction.ANSWERED, 987_654_321)
    assert "Marked as answered" in press(ticked_bot, stand_in, colleague, AskAction.ANSWERED, first)
    assert "already closed" in press(ticked_bot, stand_in, colleague, AskAction.ANSWERED, first)
    snoozed = press(ticked_bot, stand_in, colleague, AskAction.SNOOZE, second, snooze="next-week")
    assert "Snoozed: I'll remind you again Mon" in snoozed, snoozed
    assert "isn't for you" in press(ticked_bot, stand_in, colleague, AskAction.NOT_FOR_ME, third)
    [told] = [call for call in stand_in.calls("chat.postMessage") if call.args.get("channel") == asker]
    assert (
        f"<@{colleague}> says your ask in <#{channel}>: “<@{colleague}> can you check draft 2? It blocks the "
        "release.” isn't for them"
    ) in str(told.args["text"])  # what was asked, quoted
    asked = json.dumps(norms_asks(ticked_bot, stand_in, asker))
    assert "Declined this week" in asked and f"<@{colleague}> said your ask" in asked
    assert "Extended" in press(ticked_bot, stand_in, asker, AskAction.EXTEND, second)
    assert "Posted in the thread" in press(ticked_bot, stand_in, asker, AskAction.ESCALATE, second)
    [escalation] = [
        call for call in stand_in.successful_calls("chat.postMessage") if call.args.get("channel") == channel
    ]
    assert escalation.args.get("thread_ts") == ts_of(FRIDAY_1630_NY, 1) and f"<@{colleague}>" in str(
        escalation.args["text"]
    )
    assert "Cancelled" in press(ticked_bot, stand_in, asker, AskAction.CANCEL, second)
    states = [ask.state for ask in asks_for(ticked_engine, colleague)]
    assert states == [AskState.ANSWERED, AskState.CANCELLED, AskState.DECLINED]


def test_an_explicit_deadline_overrides_the_norm(
    ticked_bot: BotProcess,
    stand_in: SlackStandIn,
    ticked_engine: Engine,
    tick: Ticker,
    people: tuple[str, str],
) -> None:
    asker, colleague = people
    monday = datetime(2027, 1, 11, 10, 0, tzinfo=NEW_YORK)
    say(ticked_bot, asker, unique_id("C")[:20],
        f"<@{colleague}> can you review the RFC by Thursday 3pm? It blocks the Q2 launch.", ts_of(monday))  # fmt: skip
    [ask] = wait_for_asks(ticked_engine, colleague, 1)
    assert ask.due_at == datetime(2027, 1, 14, 15, 0, tzinfo=NEW_YORK)  # not Tuesday's end, the norm
    tick(datetime(2027, 1, 13, 10, 0, tzinfo=BERLIN))  # the norm's due time has passed: still quiet
    assert dms_to(stand_in, colleague) == []
    tick(datetime(2027, 1, 14, 21, 30, tzinfo=BERLIN))  # due, but night in Berlin
    assert dms_to(stand_in, colleague) == []
    tick(datetime(2027, 1, 15, 9, 0, tzinfo=BERLIN))
    assert len(dms_to(stand_in, colleague)) == 1


def test_fyi_messages_edits_and_deletions(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    channel = unique_id("C")[:20]
    say(ticked_bot, asker, channel, f"FYI <@{colleague}>: the migration finished overnight, no action needed.",
        ts_of(FRIDAY_1630_NY, 1))  # fmt: skip
    asked_ts = ts_of(FRIDAY_1630_NY, 2)
    say(ticked_bot, asker, channel, RFC_ASK.format(who=colleague), asked_ts)
    wait_for_asks(ticked_engine, colleague, 1)
    assert len(asks_for(ticked_engine, colleague)) == 1  # the FYI opened nothing
    post(ticked_bot, {"type": "message", "subtype": "message_changed", "channel": channel,
                    "message": {"type": "message", "user": asker, "ts": asked_ts,
                                "text": "Never mind, I reviewed the RFC myself."}})  # fmt: skip
    wait_for_state(ticked_engine, colleague, AskState.CANCELLED)
    deleted_ts = ts_of(FRIDAY_1630_NY, 3)
    say(
        ticked_bot,
        asker,
        channel,
        f"<@{colleague}> can you approve the budget? Finance needs it.",
        deleted_ts,
    )
    wait_for_asks(ticked_engine, colleague, 2)
    post(
        ticked_bot,
        {"type": "message", "subtype": "message_deleted", "channel": channel, "deleted_ts": deleted_ts},
    )
    assert wait_until(lambda: asks_for(ticked_engine, colleague)[1].state is AskState.CANCELLED)


def test_norms_asks_lists_both_directions(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    say(ticked_bot, asker, unique_id("C")[:20], RFC_ASK.format(who=colleague), ts_of(FRIDAY_1630_NY))
    wait_for_asks(ticked_engine, colleague, 1)
    for user, heading in ((colleague, "Waiting on you (1)"), (asker, "You're waiting on (1)")):
        assert heading in json.dumps(norms_asks(ticked_bot, stand_in, user))


def test_the_home_tab_lists_asks_with_buttons_and_refreshes_after_one(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    say(ticked_bot, asker, unique_id("C")[:20], RFC_ASK.format(who=colleague), ts_of(FRIDAY_1630_NY))
    [ask] = wait_for_asks(ticked_engine, colleague, 1)
    post(ticked_bot, {"type": "app_home_opened", "user": colleague, "tab": "home"})
    [published] = stand_in.wait_for("views.publish")
    view = json.dumps(published.args.get("view"))
    assert "Waiting on you (1)" in view and ASK_ACTION_IDS[AskAction.ANSWERED] in view
    payload = block_action_payload(ASK_ACTION_IDS[AskAction.ANSWERED], value=str(ask.id), user_id=colleague)
    payload["view"] = {"id": "VHOME", "type": "home"}
    assert post_signed(ticked_bot.base_url, interactive_request(payload)).status == 200
    refreshed = stand_in.wait_for("views.publish", count=2)[-1]
    view = json.dumps(refreshed.args.get("view"))
    assert "Marked as answered" in view and "Waiting on you (0)" in view
    assert wait_for_state(ticked_engine, colleague, AskState.ANSWERED).closed_by == colleague


def test_a_message_that_mentions_a_crowd_is_a_broadcast_and_unknown_ids_are_skipped(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    crowd = [f"U0CROWD{index:04d}" for index in range(1000)]
    looked_up = len(stand_in.calls("users.info"))
    channel = unique_id("C")[:20]
    mentions = " ".join(f"<@{user}>" for user in crowd)
    say(ticked_bot, asker, channel, f"{mentions} can you review the RFC by Friday?", ts_of(FRIDAY_1630_NY, 1))
    ghost = "U0NOSUCHONE"
    real_ask = RFC_ASK.format(who=colleague) + f" <@{ghost}>"
    say(ticked_bot, asker, channel, real_ask, ts_of(FRIDAY_1630_NY, 2))
    wait_for_asks(ticked_engine, colleague, 1)
    assert asks_for(ticked_engine, ghost) == []  # Slack has no such user: no ask, nothing stored
    assert all(asks_for(ticked_engine, user) == [] for user in crowd[:5])
    asked_about = {str(call.args.get("user")) for call in stand_in.calls("users.info")[looked_up:]}
    assert not asked_about & set(crowd)  # a crowd is nobody's ask: nobody in it is looked up


def test_track_as_ask_tracks_a_message_that_mentions_nobody(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    channel = unique_id("C")[:20]
    message = {"type": "message", "user": asker, "ts": ts_of(FRIDAY_1630_NY),
               "text": "could someone look at the flaky checkout test? It blocks the release"}  # fmt: skip
    shortcut = message_shortcut_payload(
        "track_as_ask", message=message, channel_id=channel, user_id=colleague
    )
    assert post_signed(ticked_bot.base_url, interactive_request(shortcut)).status == 200
    [opened] = stand_in.wait_for("views.open")
    view = opened.args["view"]
    blocks = {block.get("block_id"): block for block in view["blocks"]}
    assert blocks["track_recipients"]["element"]["initial_users"] == [
        colleague
    ]  # who clicked, not the author
    assert "flaky checkout test" in json.dumps(view["blocks"][0])

    def submit(user: str, recipients: list[str], due: str | None = None) -> dict[str, Any] | None:
        values: dict[str, dict[str, dict[str, Any]]] = {
            "track_recipients": {"value": {"type": "multi_users_select", "selected_users": recipients}},
            "track_urgency": {"value": {"type": "static_select", "selected_option": {"value": "normal"}}},
            "track_due_date": {"value": {"type": "datepicker", "selected_date": due}},
            "track_due_time": {"value": {"type": "timepicker", "selected_time": "15:00" if due else None}},
        }
        payload = view_submission_payload("track_as_ask_form", values=values, user_id=user,
                                          private_metadata=view["private_metadata"])  # fmt: skip
        answer = post_signed(ticked_bot.base_url, interactive_request(payload))
        assert answer.status == 200
        return answer.json() if answer.body else None

    stranger = unique_id("USTR")[:20]
    stand_in.add_user(stranger, tz="Europe/Berlin")
    refused = submit(stranger, [colleague])  # someone else's ask of someone else
    assert refused is not None and refused["response_action"] == "errors"
    assert "include yourself" in refused["errors"]["track_recipients"]
    assert submit(colleague, [colleague], due="2027-01-12") in (None, {})
    [tracked] = wait_for_asks(ticked_engine, colleague, 1)
    assert (tracked.asker_id, tracked.channel_id, tracked.due_source) == (asker, channel, DueSource.STATED)
    assert tracked.due_at == datetime(2027, 1, 12, 15, 0, tzinfo=BERLIN)  # in the clicker's zone
    told = stand_in.wait_for("chat.postMessage")
    assert any(f"Tracking <@{asker}>'s ask of <@{colleague}>" in str(call.args.get("text")) for call in told)


def test_a_small_user_group_is_asked_person_by_person_and_a_big_one_is_a_crowd(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, people: tuple[str, str]
) -> None:
    asker, colleague = people
    other = unique_id("UOPS")[:20]
    stand_in.add_user(other, tz="Asia/Tokyo")
    small, big = unique_id("SSML")[:20], unique_id("SBIG")[:20]
    stand_in.user_groups[small] = [colleague, other, asker]  # the author is in it too: not asked
    stand_in.user_groups[big] = [unique_id("U")[:20] for _ in range(15)]
    channel = unique_id("C")[:20]
    say(ticked_bot, asker, channel, f"<!subteam^{small}|@ops> can you rotate the API key? It blocks the release.",
        ts_of(FRIDAY_1630_NY))  # fmt: skip
    assert wait_until(
        lambda: len(asks_for(ticked_engine, colleague)) == 1 and len(asks_for(ticked_engine, other)) == 1
    )
    assert asks_for(ticked_engine, asker) == []
    say(ticked_bot, asker, channel, f"<!subteam^{big}|@everyone-eng> can you review the RFC? It blocks Q2.",
        ts_of(FRIDAY_1630_NY, 1))  # fmt: skip
    assert wait_until(lambda: len(stand_in.calls("usergroups.users.list")) == 2)
    assert [len(asks_for(ticked_engine, person)) for person in (colleague, other)] == [1, 1]  # no new asks
