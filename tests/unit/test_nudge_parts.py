"""Pure parts of nudging: which messages are linted, the nudge blocks, the rewrite, /norms parsing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.lint import DEFAULT_CONFIG, lint
from bot.lint.rules import GREETING_TO_THE_CHANNEL, QUESTION_ANNOUNCED
from bot.lint.suggest import suggest_rewrite
from bot.nudges.blocks import (
    NUDGE_ACTIONS,
    build_channel_intro,
    build_nudge,
    nudge_button_value,
    parse_nudge_button_value,
)
from bot.nudges.command import NormsAction, parse_norms_command
from bot.nudges.service import parse_message_event, reason_not_to_lint
from bot.slack.block_kit import BUTTON_VALUE_LIMIT
from models import ChannelMode

NOW = datetime(2026, 3, 11, 10, 0, tzinfo=ZoneInfo("America/New_York"))


def event(**fields: object) -> dict[str, object]:
    return {"type": "message", "channel": "C1", "channel_type": "channel", "user": "U1", "text": "thoughts?",
            "ts": "1.1", **fields}  # fmt: skip


def reason(
    fields: dict[str, object], *, mode: ChannelMode = ChannelMode.NUDGE, threads: bool = False
) -> str | None:
    parsed = parse_message_event(event(**fields), team_id="T1")
    assert parsed is not None
    return reason_not_to_lint(parsed, mode=mode, lint_thread_replies=threads)


def test_a_persons_new_top_level_message_is_linted() -> None:
    assert reason({}) is None


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"bot_id": "B1"}, "from a bot"),
        ({"subtype": "bot_message"}, "from a bot"),
        ({"subtype": "channel_join"}, "subtype channel_join"),
        ({"channel_type": "im", "channel": "D1"}, "a direct message"),
        ({"thread_ts": "0.9"}, "a thread reply"),
        ({"text": "   "}, "no text"),
    ],
)
def test_what_is_not_linted(fields: dict[str, object], why: str) -> None:
    assert reason(fields) == why


def test_thread_replies_can_be_linted_and_channels_turned_off() -> None:
    assert reason({"thread_ts": "0.9"}, threads=True) is None
    assert reason({}, mode=ChannelMode.OFF) == "nudges are off in this channel"


def test_malformed_events_are_refused_not_crashed_on() -> None:
    assert parse_message_event({"type": "message"}, team_id="T1") is None
    assert parse_message_event({"channel": 5, "ts": None}, team_id="T1") is None


def test_the_nudge_lists_each_finding_offers_a_rewrite_and_three_buttons_within_limits() -> None:
    text = "thoughts?" + " really" * 2000
    result = lint(text, now=NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    rewrite = suggest_rewrite(text, result.rules, now=NOW)
    fallback, blocks = build_nudge(
        findings=result.findings, rewrite=rewrite, channel_id="C1", message_ts="1.1", daily_cap=3
    )
    assert len(blocks) <= 50
    assert all(len(block["text"]["text"]) <= 3000 for block in blocks if block["type"] == "section")
    (actions,) = [block for block in blocks if block["type"] == "actions"]
    assert [element["action_id"] for element in actions["elements"]] == list(NUDGE_ACTIONS)
    assert all(len(element["value"]) <= BUTTON_VALUE_LIMIT for element in actions["elements"])
    assert fallback.startswith("Async Norms tip:")


def test_button_values_round_trip_and_malformed_ones_are_refused() -> None:
    value = nudge_button_value(channel_id="C1", message_ts="1.1", rules=["missing-context"])
    assert parse_nudge_button_value(value) == ("C1", "1.1", ["missing-context"])
    for bad in (
        None,
        5,
        "not json",
        "[1]",
        json.dumps({"c": "C1"}),
        json.dumps({"c": 1, "ts": "1", "r": []}),
    ):
        assert parse_nudge_button_value(bad) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thoughts?", "thoughts by *Thu 12 Mar, 17:00* because _[why it matters / what it unblocks]_?"),
        (
            "can you review the doc?",
            "can you review the doc by *Thu 12 Mar, 17:00* because _[why it matters / what it unblocks]_?",
        ),
        (
            "<@U2> the deploy failed on staging.",
            "<@U2> the deploy failed on staging. Could you _[what you need]_ by *Thu 12 Mar, 17:00*?",
        ),
        (
            "<!here> please fill the survey by Friday",
            "_[@who needs to act]_ please fill the survey by Friday.",
        ),
        # a question announced, not asked: the question goes where it was announced
        (
            "Hello team, I have a question about the stock sync",
            "Hello team, I have a question about the stock sync: _[the question itself, in full]_",
        ),
        ("Hi, can I ask a syntax question here?", "Hi, _[the question itself, in full]_"),
        ("<@U2> can i ask you something?", "<@U2>, _[the question itself, in full]_"),
        ("hi, is this the right channel to ask about SSO?", "hi, _[the question itself, in full]_"),
    ],
)
def test_the_rewrite_keeps_their_words_and_adds_what_is_missing(text: str, expected: str) -> None:
    result = lint(text, now=NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    assert suggest_rewrite(text, result.rules, now=NOW) == expected


def test_the_intro_says_how_to_turn_it_off() -> None:
    _text, blocks = build_channel_intro(mode="nudge")
    assert "/norms channel off" in blocks[0]["text"]["text"]


@pytest.mark.parametrize(
    ("text", "action", "argument"),
    [
        ("", NormsAction.HELP, ""),
        ("help", NormsAction.HELP, ""),
        ("channel", NormsAction.CHANNEL_SHOW, ""),
        ("channel Observe", NormsAction.CHANNEL_MODE, "observe"),
        ("channel threads on", NormsAction.CHANNEL_THREADS, "on"),
        ("nudges pause", NormsAction.NUDGES, "pause"),
        ("nudges on", NormsAction.NUDGES, "resume"),
        ("nudges off", NormsAction.NUDGES, "off"),
        ("default observe", NormsAction.WORKSPACE_DEFAULT, "observe"),
        ("permissions anyone", NormsAction.PERMISSIONS, "anyone"),
        ("rule wall-of-text off", NormsAction.WORKSPACE_RULE, "wall-of-text off"),
        ("channel rule missing-deadline off", NormsAction.CHANNEL_RULE, "missing-deadline off"),
        ("rule no-such-rule off", NormsAction.UNKNOWN, "rule no-such-rule off"),
        ("channel maybe", NormsAction.UNKNOWN, "channel maybe"),
    ],
)
def test_norms_subcommands_parse(text: str, action: NormsAction, argument: str) -> None:
    parsed = parse_norms_command(text)
    assert (parsed.action, parsed.argument) == (action, argument)


# -- what a walk-through found ----------------------------------------------------------------------


def test_the_by_when_goes_at_the_end_of_the_sentence_that_asks() -> None:
    text = "Can you update the migration guide? It blocks the release."
    rewrite = suggest_rewrite(text, ["missing-deadline"], now=NOW)
    assert rewrite == "Can you update the migration guide by *Thu 12 Mar, 17:00*? It blocks the release."


def test_the_by_when_never_follows_a_code_block() -> None:
    text = "Please fix the flaky import test:\n```\nAssertionError: 3 != 4\n```"
    rewrite = suggest_rewrite(text, ["missing-deadline"], now=NOW)
    assert rewrite.startswith("Please fix the flaky import test by *Thu 12 Mar, 17:00*:")
    assert rewrite.endswith("```")


def test_a_company_holiday_is_never_the_suggested_by_when() -> None:
    holiday = datetime(2026, 3, 12).date()  # the Thursday after NOW
    rewrite = suggest_rewrite(
        "can you review the doc?", ["missing-deadline"], now=NOW, holidays=frozenset({holiday})
    )
    assert "*Fri 13 Mar, 17:00*" in rewrite
    result = lint(
        "can you review the doc?", now=NOW, config=replace(DEFAULT_CONFIG, holidays=frozenset({holiday}))
    )
    (deadline,) = [finding for finding in result.findings if finding.rule.value == "missing-deadline"]
    assert "by *Fri 13 Mar, 17:00*" in deadline.suggestion


def test_placeholders_are_written_so_slack_shows_them() -> None:
    for text, rules in (
        ("<@U2> the deploy failed on staging.", ["missing-request"]),
        ("thoughts?", ["missing-context", "missing-deadline"]),
        ("<@U2> hi", ["bare-greeting"]),
        (" ".join(["word"] * 130), ["wall-of-text"]),
    ):
        rewrite = suggest_rewrite(text, rules, now=NOW)
        assert "_[" in rewrite, rewrite
        assert "<what" not in rewrite and "<why" not in rewrite and "<when" not in rewrite, rewrite
    for finding in lint("thoughts?", now=NOW).findings:
        assert "<" not in finding.suggestion.replace("<@", ""), finding.suggestion


def test_a_social_opener_to_the_channel_gets_a_tip_that_invents_no_ask() -> None:
    for opener in ("morning all", "Happy Friday everyone!"):
        (finding,) = lint(opener, now=NOW).findings
        assert finding.rule.value == "bare-greeting"
        assert "the question" not in finding.message.lower() or "if you need" in finding.message.lower()
        rewrite = suggest_rewrite(opener, ["bare-greeting"], now=NOW)
        assert "could you" not in rewrite.lower() and " by *" not in rewrite, rewrite


def test_an_urgent_incident_told_with_here_is_no_broadcast_misuse() -> None:
    incident = "Prod is down for all customers!!! <!here> rolling back now, hold all deploys"
    assert "broadcast-mention" not in {finding.rule.value for finding in lint(incident, now=NOW).findings}
    lunch = "<!here> lunch is here :pizza:"
    assert "broadcast-mention" in {finding.rule.value for finding in lint(lunch, now=NOW).findings}


def test_a_long_message_that_mentions_nobody_is_not_told_about_the_people_it_mentions() -> None:
    proposal = (
        "I've been thinking about how we run releases. Right now every release is a manual checklist that "
        "takes most of a day and people skip steps when they're in a hurry, so I'd like to propose that we "
        "automate the changelog, the version bump and the tagging, keep a single release captain per week "
        "who owns the checklist, and move the smoke tests into CI so they run on every release candidate "
        "instead of by hand on someone's laptop at the end of the day when everyone wants to go home."
    )
    findings = {finding.rule.value: finding for finding in lint(proposal, now=NOW).findings}
    assert "the people you mention" not in findings["missing-request"].message
    assert "readers" in findings["missing-request"].message


def test_slackbots_own_messages_get_no_tips() -> None:
    event = {"type": "message", "channel": "C1", "channel_type": "channel", "user": "USLACKBOT",
             "text": "Reminder: can you update the status page?", "ts": "1.0"}  # fmt: skip
    message = parse_message_event(event, team_id="T1")
    assert message is not None
    assert reason_not_to_lint(message, mode=ChannelMode.NUDGE, lint_thread_replies=False) == "from Slackbot"


def test_a_question_announced_is_told_to_ask_it_and_a_greeting_to_the_channel_invents_no_ask() -> None:
    announced = lint("I have a question about the export", now=NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    assert [finding.message for finding in announced.findings] == [QUESTION_ANNOUNCED]
    greeting = lint("morning all", now=NOW, tz=NOW.tzinfo)  # type: ignore[arg-type]
    assert [finding.message for finding in greeting.findings] == [GREETING_TO_THE_CHANNEL]
    assert "_[the question itself" not in greeting.findings[0].suggestion
