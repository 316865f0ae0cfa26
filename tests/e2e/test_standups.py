"""Async standups over the real server and `norms tick --at`: three people in New York, Berlin and
Tokyo, one channel, prompts at 09:30 local, one digest, answers in its thread."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.slack.surfaces import STANDUP_COMMAND
from bot.standups.blocks import (
    BLOCKED_ON,
    DAYS,
    DEFAULT_QUESTIONS,
    DIGEST_HOURS,
    DIGEST_MODE,
    DIGEST_STYLE,
    DIGEST_TIME,
    DIGEST_TZ,
    FIXED_TZ,
    MENTIONS,
    NAME,
    PARTICIPANTS,
    PROMPT_TIME,
    QUESTIONS,
    STANDUP_ANSWER_CALLBACK,
    STANDUP_CONFIG_CALLBACK,
    STANDUP_OPEN_ANSWER_ACTION,
    TZ_MODE,
    question_block,
)
from models import AskState, TrackedAsk, WorkspaceHoliday
from tests.support.bot_process import BotProcess, Ticker
from tests.support.slack_requests import (
    block_action_payload,
    event_request,
    interactive_request,
    post_signed,
    slash_command_request,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import BOT_USER_ID, RecordedCall, SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

NEW_YORK, BERLIN, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")
ZONES = {"ny": NEW_YORK, "berlin": BERLIN, "tokyo": TOKYO}
MONDAY = date(2027, 1, 11)


def config_values(
    participants: list[str], *, prompt_time: str = "09:30", mentions: str = "everyone"
) -> dict[str, dict[str, dict[str, Any]]]:
    """What Slack sends for the configuration modal: weekdays, 09:30 each person's time, digest at noon NY
    (notifying everyone it names, so these tests can read who is named by their mentions)."""

    def value(element: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {"value": element}

    return {
        DAYS: value(
            {
                "type": "checkboxes",
                "selected_options": [{"value": d} for d in ("mon", "tue", "wed", "thu", "fri")],
            }
        ),
        PROMPT_TIME: value({"type": "timepicker", "selected_time": prompt_time}),
        TZ_MODE: value({"type": "radio_buttons", "selected_option": {"value": "own"}}),
        FIXED_TZ: value({"type": "plain_text_input", "value": None}),
        PARTICIPANTS: value({"type": "multi_users_select", "selected_users": participants}),
        QUESTIONS: value({"type": "plain_text_input", "value": "\n".join(DEFAULT_QUESTIONS)}),
        DIGEST_MODE: value({"type": "radio_buttons", "selected_option": {"value": "time"}}),
        DIGEST_TIME: value({"type": "timepicker", "selected_time": "12:00"}),
        DIGEST_TZ: value({"type": "plain_text_input", "value": "America/New_York"}),
        DIGEST_HOURS: value({"type": "plain_text_input", "value": "3"}),
        DIGEST_STYLE: value({"type": "radio_buttons", "selected_option": {"value": "thread"}}),
        MENTIONS: value({"type": "radio_buttons", "selected_option": {"value": mentions}}),
    }


def at(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone)


def dms(stand_in: SlackStandIn, user: str) -> list[RecordedCall]:
    """Standup prompts and reminders sent to the person (not other DMs, such as reminders of asks)."""
    return [
        call
        for call in stand_in.successful_calls("chat.postMessage")
        if call.args.get("channel") == user and "standup update" in str(call.args.get("text"))
    ]


def in_channel(stand_in: SlackStandIn, channel: str) -> list[RecordedCall]:
    return [
        call for call in stand_in.successful_calls("chat.postMessage") if call.args.get("channel") == channel
    ]


def entry_id_of(prompt: RecordedCall) -> int:
    blocks = prompt.args["blocks"]
    return int(
        next(
            element["value"]
            for block in blocks
            if block["type"] == "actions"
            for element in block["elements"]
        )
    )


def answer(
    bot: BotProcess,
    stand_in: SlackStandIn,
    user: str,
    prompt: RecordedCall,
    answers: list[str],
    blocked_on: list[str] | None = None,
) -> dict[str, Any]:
    """Press "Write my update" (the modal opens) and submit it; returns the modal that was opened."""
    before = len(stand_in.calls("views.open"))
    click = block_action_payload(
        STANDUP_OPEN_ANSWER_ACTION, value=str(entry_id_of(prompt)), user_id=user, channel_id=user
    )
    assert post_signed(bot.base_url, interactive_request(click)).status == 200
    opened = stand_in.wait_for("views.open", count=before + 1)[-1].args["view"]
    values: dict[str, dict[str, dict[str, Any]]] = {
        question_block(index): {"value": {"type": "plain_text_input", "value": text}}
        for index, text in enumerate(answers)
    }
    if blocked_on is not None:
        values[BLOCKED_ON] = {"value": {"type": "multi_users_select", "selected_users": blocked_on}}
    submission = view_submission_payload(
        STANDUP_ANSWER_CALLBACK, values=values, private_metadata=opened["private_metadata"], user_id=user
    )
    result = post_signed(bot.base_url, interactive_request(submission))
    assert result.status == 200 and "errors" not in result.body, result.body
    return dict(opened)


class Team:
    def __init__(self, stand_in: SlackStandIn) -> None:
        self.channel = unique_id("CSTAND")[:20]
        self.ny, self.berlin, self.tokyo = (unique_id(f"U{name[:3].upper()}")[:20] for name in ZONES)
        for user, zone in zip((self.ny, self.berlin, self.tokyo), ZONES.values(), strict=True):
            stand_in.add_user(user, tz=str(zone))
        stand_in.channel_members[self.channel] = [self.ny, self.berlin, self.tokyo, BOT_USER_ID]

    @property
    def people(self) -> list[str]:
        return [self.ny, self.berlin, self.tokyo]


def configure(
    bot: BotProcess, stand_in: SlackStandIn, team: Team, *, prompt_time: str = "09:30"
) -> dict[str, Any]:
    before = len(stand_in.calls("views.open"))
    announced = len(announcements(stand_in, team.channel))
    command = slash_command_request(
        STANDUP_COMMAND,
        "",
        user_id=team.ny,
        channel_id=team.channel,
        response_url=stand_in.response_url(unique_id("standup")),
    )
    assert post_signed(bot.base_url, command).status == 200
    modal = stand_in.wait_for("views.open", count=before + 1)[-1].args["view"]
    submission = view_submission_payload(
        STANDUP_CONFIG_CALLBACK,
        values=config_values(team.people, prompt_time=prompt_time),
        private_metadata=team.channel,
        user_id=team.ny,
    )
    result = post_signed(bot.base_url, interactive_request(submission))
    assert result.status == 200 and "errors" not in result.body, result.body
    # Bolt acknowledges the form before its listener saves it: wait for the channel's announcement,
    # posted once the standup is stored, so that what a test sends next meets the saved standup.
    assert wait_until(lambda: len(announcements(stand_in, team.channel)) > announced)
    return dict(modal)


def announcements(stand_in: SlackStandIn, channel: str) -> list[RecordedCall]:
    return [call for call in stand_in.calls("chat.postMessage") if call.args.get("channel") == channel]


def test_three_zones_one_digest_late_answers_holidays_away_edits_and_leavers(  # noqa: PLR0915 (one week, in order)
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, tick: Ticker
) -> None:
    team = Team(stand_in)
    modal = configure(ticked_bot, stand_in, team)
    assert modal["title"]["text"] == "Set up a standup"
    participants_block = next(block for block in modal["blocks"] if block.get("block_id") == PARTICIPANTS)
    assert participants_block["element"]["initial_users"] == team.people  # the channel's members, not the bot
    assert any(
        "set up this channel's async standup" in str(call.args.get("text"))
        for call in stand_in.wait_for("chat.postMessage")
    )

    # The weekend: nobody is asked.
    for zone in ZONES.values():
        tick(at(date(2027, 1, 9), "09:31", zone))
    assert all(dms(stand_in, person) == [] for person in team.people)

    # Monday: each person at 09:30 their own time, and not a minute before.
    tick(at(MONDAY, "09:31", TOKYO))  # Sunday 19:31 in New York
    assert [len(dms(stand_in, p)) for p in team.people] == [0, 0, 1]
    tick(at(MONDAY, "09:29", BERLIN))
    assert len(dms(stand_in, team.berlin)) == 0
    tick(at(MONDAY, "09:31", BERLIN))
    tick(at(MONDAY, "09:31", NEW_YORK))
    assert [len(dms(stand_in, p)) for p in team.people] == [1, 1, 1]
    prompts = {person: dms(stand_in, person)[0] for person in team.people}

    first_modal = answer(
        ticked_bot,
        stand_in,
        team.ny,
        prompts[team.ny],
        ["Shipped the importer", "Billing export", "none", ""],
    )
    assert first_modal["blocks"][1]["element"]["initial_value"] == ""  # nothing planned before: no pre-fill
    answer(
        ticked_bot,
        stand_in,
        team.berlin,
        prompts[team.berlin],
        ["Fixed the login bug", "Release notes", f"waiting on <@{team.ny}> for the API key", "a reviewer"],
    )

    # One reminder, an hour before the digest, to whoever has not answered, within their working
    # hours: for Tokyo that is 01:00, so none.
    tick(at(MONDAY, "11:00", NEW_YORK))
    assert [len(dms(stand_in, p)) for p in team.people] == [1, 1, 1]

    # The digest: one message, blockers on top with the person they need, who has not answered.
    tick(at(MONDAY, "12:00", NEW_YORK))
    [digest] = [
        call for call in in_channel(stand_in, team.channel) if "Standup for" in str(call.args.get("text"))
    ]
    blocks = digest.args["blocks"]
    assert "2 of 3 answered" in blocks[0]["text"]["text"]
    assert "Blockers" in blocks[1]["text"]["text"] and f"needs <@{team.ny}>" in blocks[1]["text"]["text"]
    assert f"Not answered yet:* <@{team.tokyo}>" in json.dumps(blocks)
    tick(at(MONDAY, "12:01", NEW_YORK))
    thread = [
        call
        for call in in_channel(stand_in, team.channel)
        if call.args.get("thread_ts") == digest.response["ts"]
    ]
    assert {team.ny, team.berlin} == {
        user for user in team.people if any(f"<@{user}>" in str(c.args["blocks"]) for c in thread)
    }

    # Tokyo answers late: it goes to the digest's thread. The digest is not posted again.
    answer(ticked_bot, stand_in, team.tokyo, prompts[team.tokyo], ["Translations", "QA", "", ""])
    tick(at(MONDAY, "12:05", NEW_YORK))
    late = [
        call
        for call in in_channel(stand_in, team.channel)
        if "answered after the digest" in json.dumps(call.args.get("blocks"))
    ]
    assert len(late) == 1 and late[0].args["thread_ts"] == digest.response["ts"]
    tick(at(MONDAY, "12:10", NEW_YORK))
    assert (
        len([c for c in in_channel(stand_in, team.channel) if "Standup for" in str(c.args.get("text"))]) == 1
    )

    # The blocker naming New York became a tracked ask for them.
    with Session(ticked_engine) as session:
        blocker_ask = session.scalar(select(TrackedAsk).where(TrackedAsk.recipient_id == team.ny))
    assert (
        blocker_ask is not None and blocker_ask.asker_id == team.berlin and blocker_ask.state is AskState.OPEN
    )

    # Tuesday is a workspace holiday: no prompts anywhere.
    with Session(ticked_engine) as session, session.begin():
        session.add(WorkspaceHoliday(team_id="T0TEST001", day=date(2027, 1, 12), name="Team day"))
    for zone in ZONES.values():
        tick(at(date(2027, 1, 12), "09:31", zone))
    assert [len(dms(stand_in, p)) for p in team.people] == [1, 1, 1]

    # Berlin is away on Wednesday: not asked, and shown as away (not missing) in the digest.
    away = slash_command_request(
        STANDUP_COMMAND,
        "away until 2027-01-13",
        user_id=team.berlin,
        channel_id=team.channel,
        response_url=stand_in.response_url("away"),
    )
    assert post_signed(ticked_bot.base_url, away).status == 200
    assert "away" in str(stand_in.wait_for("response_url")[-1].args.get("text"))
    wednesday = date(2027, 1, 13)
    for zone in ZONES.values():
        tick(at(wednesday, "09:31", zone))
    assert [len(dms(stand_in, p)) for p in team.people] == [2, 1, 2]
    # Wednesday's Progress starts from Monday's Plans.
    wednesday_modal = answer(
        ticked_bot, stand_in, team.ny, dms(stand_in, team.ny)[1], ["Billing export done", "", "", ""]
    )
    assert wednesday_modal["blocks"][1]["element"]["initial_value"] == "Billing export"
    tick(at(wednesday, "12:00", NEW_YORK))
    wednesday_digest = [
        c for c in in_channel(stand_in, team.channel) if "Wednesday" in str(c.args.get("text"))
    ]
    assert f"Away:* <@{team.berlin}>" in json.dumps(wednesday_digest[0].args["blocks"])

    # Editing the configuration takes effect on the next occurrence; someone who left is not asked.
    edited = configure(ticked_bot, stand_in, team, prompt_time="10:00")
    assert edited["title"]["text"] == "Edit standup"
    left = event_request({"type": "member_left_channel", "user": team.tokyo, "channel": team.channel})
    assert post_signed(ticked_bot.base_url, left).status == 200
    thursday = date(2027, 1, 14)
    tick(at(thursday, "10:01", TOKYO))
    tick(at(thursday, "09:31", NEW_YORK))
    assert len(dms(stand_in, team.ny)) == 2 and len(dms(stand_in, team.tokyo)) == 2
    tick(at(thursday, "10:01", NEW_YORK))
    assert len(dms(stand_in, team.ny)) == 3


def test_a_dst_change_does_not_shift_the_local_prompt_time(
    ticked_bot: BotProcess, stand_in: SlackStandIn, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)
    # New York moves to summer time on Sunday 14 March 2027: 09:30 is 14:30 UTC before, 13:30 UTC after.
    tick(datetime(2027, 3, 12, 14, 31, tzinfo=UTC))
    assert len(dms(stand_in, team.ny)) == 1
    tick(datetime(2027, 3, 15, 13, 29, tzinfo=UTC))
    assert len(dms(stand_in, team.ny)) == 1
    tick(datetime(2027, 3, 15, 13, 31, tzinfo=UTC))
    assert len(dms(stand_in, team.ny)) == 2


def test_standup_commands_answer_privately_and_bad_configurations_get_field_errors(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team = Team(stand_in)

    def reply(text: str) -> str:
        before = len(stand_in.calls("response_url"))
        request = slash_command_request(
            STANDUP_COMMAND,
            text,
            user_id=team.ny,
            channel_id=team.channel,
            response_url=stand_in.response_url(unique_id("r")),
        )
        assert post_signed(ticked_bot.base_url, request).status == 200
        return json.dumps(stand_in.wait_for("response_url", count=before + 1)[-1].args)

    assert "no standup yet" in reply("pause")
    assert "history" in reply("help")
    assert "don't know" in reply("dance")
    values = config_values([])
    values[DIGEST_TZ]["value"]["value"] = "Mars/Olympus"
    values[DAYS]["value"]["selected_options"] = []
    bad = view_submission_payload(
        STANDUP_CONFIG_CALLBACK, values=values, private_metadata=team.channel, user_id=team.ny
    )
    errors = json.loads(post_signed(ticked_bot.base_url, interactive_request(bad)).body)["errors"]
    assert set(errors) >= {DAYS, PARTICIPANTS}
    configure(ticked_bot, stand_in, team)
    assert "Paused" in reply("pause")
    assert "paused" in reply("status")
    assert "Resumed" in reply("resume")
    assert "No standup answers" in reply(f"history <@{team.ny}> 30")
    assert "delete confirm" in reply("delete") and "no standup yet" not in reply("status")  # asks first
    assert "Deleted" in reply("delete confirm")
    assert "no standup yet" in reply("status")


def test_someone_who_joins_the_channel_joins_the_standup_at_their_own_time(
    ticked_bot: BotProcess, stand_in: SlackStandIn, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)
    newcomer = unique_id("USYD")[:20]
    stand_in.add_user(newcomer, tz="Australia/Sydney")
    joined = event_request({"type": "member_joined_channel", "user": newcomer, "channel": team.channel})
    assert post_signed(ticked_bot.base_url, joined).status == 200
    assert any(call.args.get("user") == newcomer for call in stand_in.wait_for("users.info", count=4))
    sydney = ZoneInfo("Australia/Sydney")
    tick(at(MONDAY, "09:29", sydney))
    assert dms(stand_in, newcomer) == []
    tick(at(MONDAY, "09:31", sydney))
    assert len(dms(stand_in, newcomer)) == 1


HOSTILE_ANSWER = (
    "<!channel> prod credentials rotated, re-login now at "
    "<https://evil.example/login|https://sso.company.example/billing> and ping <@U0CEO00001>"
)


def test_typed_answers_can_neither_ping_the_channel_nor_disguise_a_link_through_the_digest(
    ticked_bot: BotProcess, stand_in: SlackStandIn, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)
    monday = date(2027, 4, 5)
    for zone in ZONES.values():
        tick(at(monday, "09:31", zone))
    prompt = dms(stand_in, team.berlin)[-1]
    answer(
        ticked_bot,
        stand_in,
        team.berlin,
        prompt,
        [HOSTILE_ANSWER, "<!here> more", "blocked by <!everyone>", ""],
    )
    tick(at(monday, "12:00", NEW_YORK))
    tick(at(monday, "12:01", NEW_YORK))
    posted = in_channel(stand_in, team.channel)
    said = json.dumps([call.args for call in posted])
    assert "Standup for" in said and "prod credentials rotated" in said
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<https://evil.example", "<@U0CEO00001>"):
        assert raw not in said, raw
    assert (
        "&lt;!channel&gt;" in said
        and "&lt;https://evil.example/login|https://sso.company.example/billing&gt;" in said
    )


def test_only_the_creator_admins_and_managers_change_pause_or_delete_a_standup(
    ticked_bot: BotProcess, stand_in: SlackStandIn
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)  # set up by team.ny
    admin = unique_id("UADM")[:20]
    stand_in.add_user(admin, is_admin=True)

    def reply(user: str, text: str) -> str:
        before = len(stand_in.calls("response_url"))
        request = slash_command_request(STANDUP_COMMAND, text, user_id=user, channel_id=team.channel,
                                        response_url=stand_in.response_url(unique_id("r")))  # fmt: skip
        assert post_signed(ticked_bot.base_url, request).status == 200
        return json.dumps(stand_in.wait_for("response_url", count=before + 1)[-1].args)

    for text in ("pause", "delete", "delete confirm"):
        assert "who set up this channel's standup" in reply(team.berlin, text), text
    assert "paused" not in reply(team.berlin, "status")
    opened = len(stand_in.calls("views.open"))
    assert "who set up this channel's standup" in reply(team.berlin, "")  # the form does not open
    assert len(stand_in.calls("views.open")) == opened
    edit = view_submission_payload(STANDUP_CONFIG_CALLBACK, values=config_values(team.people),
                                   private_metadata=team.channel, user_id=team.berlin)  # fmt: skip
    refused = json.loads(post_signed(ticked_bot.base_url, interactive_request(edit)).body)
    assert refused["response_action"] == "update" and "who set up" in json.dumps(refused["view"])
    assert "Paused" in reply(admin, "pause")
    assert "Deleted" in reply(admin, "delete confirm")


LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_a_four_zone_week_across_a_dst_change_and_a_company_holiday(  # noqa: PLR0915 (a week, in order)
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, tick: Ticker
) -> None:
    """New York, Berlin, Tokyo and Los Angeles, the week after the US moved to summer time (14 March
    2027; Europe moves on the 28th), with a company holiday on Wednesday."""
    channel = unique_id("CFOUR")[:20]
    ny, berlin, tokyo, la = (unique_id(f"U{name}")[:20] for name in ("NYC", "BER", "TYO", "LAX"))
    zones = {ny: NEW_YORK, berlin: BERLIN, tokyo: TOKYO, la: LOS_ANGELES}
    for user, zone in zones.items():
        stand_in.add_user(user, tz=str(zone))
    stand_in.channel_members[channel] = [*zones, BOT_USER_ID]
    people = list(zones)

    def submit_config(values: dict[str, dict[str, dict[str, Any]]]) -> str:
        submission = view_submission_payload(STANDUP_CONFIG_CALLBACK, values=values, private_metadata=channel,
                                             user_id=ny)  # fmt: skip
        return post_signed(ticked_bot.base_url, interactive_request(submission)).body

    command = slash_command_request(STANDUP_COMMAND, "", user_id=ny, channel_id=channel,
                                    response_url=stand_in.response_url(unique_id("four")))  # fmt: skip
    assert post_signed(ticked_bot.base_url, command).status == 200
    form = stand_in.wait_for("views.open")[-1].args["view"]
    by_id = {block.get("block_id"): block for block in form["blocks"]}
    assert by_id[DIGEST_MODE]["element"]["initial_option"]["value"] == "after"  # follows its people
    assert by_id[MENTIONS]["element"]["initial_option"]["value"] == "names"

    # A set time of 12:00 New York comes before Los Angeles is asked (09:30 there). Saved the first
    # time (nobody's zone known yet), with a DM saying so once the zones are fetched; refused on the
    # form after that.
    assert "errors" not in submit_config(config_values(people, mentions="names"))

    def told_ny() -> list[RecordedCall]:
        return [call for call in stand_in.calls("chat.postMessage") if call.args.get("channel") == ny]

    assert wait_until(lambda: bool(told_ny()))
    warned = told_ny()
    assert f"User {la} is asked at 12:30 America/New_York, after this digest" in str(warned[0].args["text"])
    refused = json.loads(submit_config(config_values(people, mentions="names")))
    assert refused["response_action"] == "errors"
    assert f"User {la} is asked at 12:30 America/New_York" in refused["errors"][DIGEST_TIME]
    values = config_values(people, mentions="names")
    values[DIGEST_MODE] = {"value": {"type": "radio_buttons", "selected_option": {"value": "after"}}}
    values[DIGEST_HOURS] = {"value": {"type": "plain_text_input", "value": "2"}}
    assert "errors" not in submit_config(values)
    assert wait_until(lambda: len(in_channel(stand_in, channel)) == 2)  # both announcements

    monday = date(2027, 3, 15)
    # Each at 09:30 their time: Tokyo first (Sunday evening in New York), Los Angeles last.
    for user in (tokyo, berlin, ny, la):
        tick(at(monday, "09:31", zones[user]))
    assert [len(dms(stand_in, user)) for user in people] == [1, 1, 1, 1]
    prompt = dms(stand_in, la)[0]
    assert "The digest goes out Mon 11:30 your time." in str(prompt.args["text"])  # 2 hours after hers
    assert "• Blockers" in prompt.args["blocks"][0]["text"]["text"]
    prompts = {user: dms(stand_in, user)[0] for user in people}
    answer(
        ticked_bot,
        stand_in,
        berlin,
        prompts[berlin],
        ["Login fix", "Release notes", f"waiting on <@{la}>", ""],
    )
    answer(ticked_bot, stand_in, la, prompts[la], ["Payments", "Refunds", "No blockers today", ""])

    # The reminder, an hour before the digest (10:30 in Los Angeles): New York (13:30) is working and
    # reminded; Tokyo (02:30) is not.
    tick(at(monday, "10:30", LOS_ANGELES))
    assert [len(dms(stand_in, user)) for user in people] == [2, 1, 1, 1]

    tick(at(monday, "11:30", LOS_ANGELES))
    [digest] = [call for call in in_channel(stand_in, channel) if "Standup for" in str(call.args.get("text"))]
    text = json.dumps(digest.args["blocks"])
    assert "2 of 4 answered" in text
    assert "<@" not in text  # names, and nobody notified
    assert f"User {la}" in text and "Not answered yet" in text  # Los Angeles answered in time

    # Wednesday is a company holiday: no prompts, and no digest for a day nobody was due.
    with Session(ticked_engine) as session, session.begin():
        session.add(WorkspaceHoliday(team_id="T0TEST001", day=date(2027, 3, 17), name="Company day"))
    for user in (tokyo, berlin, ny, la):
        tick(at(date(2027, 3, 17), "09:31", zones[user]))
    tick(at(date(2027, 3, 17), "12:00", LOS_ANGELES))
    assert [len(dms(stand_in, user)) for user in people] == [2, 1, 1, 1]  # nobody asked
    assert not [c for c in in_channel(stand_in, channel) if "Wednesday" in str(c.args.get("text"))]

    # Friday 07:00 in Los Angeles, before her day starts, an urgent ask; Monday is a company holiday.
    # She is nudged an hour into her Friday, not on Tuesday after it is overdue.
    with Session(ticked_engine) as session, session.begin():
        session.add(WorkspaceHoliday(team_id="T0TEST001", day=date(2027, 3, 22), name="Company day"))
    asked = at(date(2027, 3, 19), "07:00", LOS_ANGELES)
    urgent = {"type": "message", "channel": channel, "channel_type": "channel", "user": berlin,
              "text": f"<@{la}> payments are failing for all EU customers right now, can you look?",
              "ts": f"{asked.timestamp():.0f}.000100"}  # fmt: skip
    assert post_signed(ticked_bot.base_url, event_request(urgent, event_id=unique_id("Ev"))).status == 200

    def nudges() -> list[RecordedCall]:
        return [call for call in stand_in.calls("chat.postMessage")
                if call.args.get("channel") == la and "urgent ask" in str(call.args.get("text"))]  # fmt: skip

    assert wait_until(lambda: _asks_of(ticked_engine, la) == 2)  # the blocker's, and this one
    tick(at(date(2027, 3, 19), "09:30", LOS_ANGELES))
    assert nudges() == []
    tick(at(date(2027, 3, 19), "10:00", LOS_ANGELES))
    assert len(nudges()) == 1
    assert f"An urgent ask from <@{berlin}> is waiting on you." in str(nudges()[0].args["text"])


def _asks_of(engine: Engine, recipient: str) -> int:
    with Session(engine) as session:
        return len(session.scalars(select(TrackedAsk).where(TrackedAsk.recipient_id == recipient)).all())


def test_a_reply_in_the_prompts_dm_answers_it_and_skip_skips_the_day(
    ticked_bot: BotProcess, stand_in: SlackStandIn, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)
    for zone in (TOKYO, BERLIN, NEW_YORK):
        tick(at(MONDAY, "09:31", zone))

    monday_morning = at(MONDAY, "10:00", NEW_YORK)

    def dm(user: str, text: str, when: datetime = monday_morning) -> str:
        before = len(stand_in.calls("chat.postMessage"))
        event = {"type": "message", "channel": f"D{user[1:]}"[:20], "channel_type": "im", "user": user,
                 "text": text, "ts": f"{when.timestamp():.0f}.{before:06d}"}  # fmt: skip
        assert post_signed(ticked_bot.base_url, event_request(event, event_id=unique_id("Ev"))).status == 200
        calls = stand_in.wait_for("chat.postMessage", count=before + 1)
        return str(calls[-1].args["text"])

    replied = dm(team.berlin, "Progress: fixed the login bug\nPlans: release notes\nBlockers: none")
    assert "Thanks: that is your update for" in replied
    assert "Skipped: the digest for" in dm(team.tokyo, "skip today")
    stranger = unique_id("USTR")[:20]
    stand_in.add_user(stranger, tz="Europe/Berlin")
    assert "No standup is waiting for your update" in dm(stranger, "hello?")

    tick(at(MONDAY, "12:00", NEW_YORK))
    [digest] = [
        call for call in in_channel(stand_in, team.channel) if "Standup for" in str(call.args.get("text"))
    ]
    text = json.dumps(digest.args["blocks"])
    assert "1 of 2 answered" in text and f"Away:* <@{team.tokyo}>" in text
    tick(at(MONDAY, "12:01", NEW_YORK))
    thread = [
        c for c in in_channel(stand_in, team.channel) if c.args.get("thread_ts") == digest.response["ts"]
    ]
    assert any("fixed the login bug" in json.dumps(call.args["blocks"]) for call in thread)

    # The evening before (Tuesday is a company holiday in this module's workspace): a reply on Tuesday
    # evening answers Wednesday's standup early, and Wednesday's prompt is not sent.
    before = len(dms(stand_in, team.berlin))
    evening = at(date(2027, 1, 12), "19:00", BERLIN)
    early = dm(team.berlin, "Progress: release notes\nPlans: the RC\nBlockers: none", evening)
    assert "ahead of its prompt, so I won't ask you then" in early and "Wed" in early
    wednesday = date(2027, 1, 13)
    tick(at(wednesday, "09:31", BERLIN))
    assert len(dms(stand_in, team.berlin)) == before
    tick(at(wednesday, "12:00", NEW_YORK))
    wednesday_digest = [
        c for c in in_channel(stand_in, team.channel) if "Wednesday" in str(c.args.get("text"))
    ]
    assert wednesday_digest and f"*Answered:* <@{team.berlin}>" in json.dumps(
        wednesday_digest[0].args["blocks"]
    )


def test_a_blocker_picked_in_the_form_opens_an_ask_that_lives_in_the_digest_thread(
    ticked_bot: BotProcess, stand_in: SlackStandIn, ticked_engine: Engine, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)
    for zone in (TOKYO, BERLIN, NEW_YORK):
        tick(at(MONDAY, "09:31", zone))
    prompt = dms(stand_in, team.berlin)[0]
    answer(ticked_bot, stand_in, team.berlin, prompt, ["Login fix", "Release", "the staging creds", ""],
           blocked_on=[team.ny])  # fmt: skip
    assert wait_until(lambda: _asks_of(ticked_engine, team.ny) == 1)
    tick(at(MONDAY, "12:00", NEW_YORK))
    [digest] = [
        call for call in in_channel(stand_in, team.channel) if "Standup for" in str(call.args.get("text"))
    ]
    assert f"the staging creds (needs <@{team.ny}>)" in json.dumps(digest.args["blocks"])
    tick(at(MONDAY, "12:01", NEW_YORK))  # the digest is posted: the ask now lives in its thread
    with Session(ticked_engine) as session:
        ask = session.scalars(select(TrackedAsk).where(TrackedAsk.recipient_id == team.ny)).one()
    assert ask.thread_ts == digest.response["ts"]
    reply = {"type": "message", "channel": team.channel, "channel_type": "channel", "user": team.ny,
             "text": "sent them to you", "ts": f"{at(MONDAY, '12:30', NEW_YORK).timestamp():.0f}.000100",
             "thread_ts": digest.response["ts"]}  # fmt: skip
    assert post_signed(ticked_bot.base_url, event_request(reply, event_id=unique_id("Ev"))).status == 200

    def state() -> AskState:
        with Session(ticked_engine) as session:
            return session.scalars(select(TrackedAsk.state).where(TrackedAsk.recipient_id == team.ny)).one()

    assert wait_until(lambda: state() is AskState.ANSWERED)


def test_several_standups_share_a_channel_each_by_its_name(
    ticked_bot: BotProcess, stand_in: SlackStandIn, tick: Ticker
) -> None:
    team = Team(stand_in)
    configure(ticked_bot, stand_in, team)  # the channel's first standup: no name needed

    def command(text: str) -> str:
        before = len(stand_in.calls("response_url"))
        request = slash_command_request(STANDUP_COMMAND, text, user_id=team.ny, channel_id=team.channel,
                                        response_url=stand_in.response_url(unique_id("several")))  # fmt: skip
        assert post_signed(ticked_bot.base_url, request).status == 200
        if text == "new":
            return ""
        return str(stand_in.wait_for("response_url", count=before + 1)[-1].args.get("text"))

    def submit_new(name: str, metadata: str) -> str:
        values = config_values(team.people, prompt_time="14:00")
        values[NAME] = {"value": {"type": "plain_text_input", "value": name}}
        values[DIGEST_MODE] = {"value": {"type": "radio_buttons", "selected_option": {"value": "after"}}}
        submission = view_submission_payload(STANDUP_CONFIG_CALLBACK, values=values, private_metadata=metadata,
                                             user_id=team.ny)  # fmt: skip
        return post_signed(ticked_bot.base_url, interactive_request(submission)).body

    before = len(stand_in.calls("views.open"))
    command("new")
    form = stand_in.wait_for("views.open", count=before + 1)[-1].args["view"]
    name_block = next(block for block in form["blocks"] if block.get("block_id") == NAME)
    assert name_block["optional"] is False  # the channel has a standup: this one needs a name
    assert "errors" not in submit_new("Design review", form["private_metadata"])
    assert wait_until(
        lambda: any("*Design review*" in str(c.args.get("text")) for c in in_channel(stand_in, team.channel))
    )
    taken = json.loads(submit_new("design review", form["private_metadata"]))
    assert "already" in taken["errors"][NAME]

    status = command("status")
    assert "*Design review*: Standup here" in status and status.count("Standup here") == 2
    assert "Say which" in command("pause") and "`main`" in command("pause")
    assert "Paused" in command("pause Design review")
    tick(at(MONDAY, "09:31", NEW_YORK))
    tick(at(MONDAY, "14:01", NEW_YORK))
    assert [
        str(call.args["text"]).startswith("Time for your standup update") for call in dms(stand_in, team.ny)
    ] == [True]
    assert "Resumed" in command("resume design review")
    tick(at(MONDAY, "14:02", NEW_YORK))
    texts = [str(call.args["text"]) for call in dms(stand_in, team.ny)]
    assert len(texts) == 2 and texts[1].startswith("Time for your Design review standup update")
