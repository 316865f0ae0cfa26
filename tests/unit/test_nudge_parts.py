"""Pure parts of nudging: which messages are linted, the nudge blocks, the rewrite, /norms parsing."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.lint import lint
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
