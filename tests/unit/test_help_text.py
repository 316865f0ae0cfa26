from __future__ import annotations

import json

from bot.home.help import build_help_blocks, build_home_view, build_unknown_command_answer
from bot.lint import Rule
from bot.slack.surfaces import COMMANDS

SECTION_TEXT_LIMIT = 3000
VIEW_BLOCK_LIMIT = 100
MESSAGE_BLOCK_LIMIT = 50


def test_help_mentions_every_command_within_block_kit_limits() -> None:
    blocks = build_help_blocks()
    text = json.dumps(blocks)
    assert all(command in text for command in COMMANDS)
    assert len(blocks) <= MESSAGE_BLOCK_LIMIT
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_TEXT_LIMIT


def test_unknown_subcommand_is_named_escaped_and_shortened() -> None:
    intro, blocks = build_unknown_command_answer("<!channel> " + "x" * 500)
    first = blocks[0]["text"]["text"]
    assert "&lt;!channel&gt;" in first and "&lt;!channel&gt;" in intro
    assert "<!channel>" not in first
    assert "x" * 50 not in first and "x" * 50 not in intro  # shortened


def test_an_unknown_rule_gets_the_rule_names_not_the_whole_help() -> None:
    for command in ("rule nonsense off", "channel rule nonsense on", "rule"):
        _intro, blocks = build_unknown_command_answer(command)
        text = blocks[0]["text"]["text"]
        assert len(blocks) == 1 and all(f"`{rule.value}`" in text for rule in Rule)
        assert "Response norms" not in text and "/standup" not in text
    assert "I don't know the rule `nonsense`" in build_unknown_command_answer("rule nonsense off")[0]


def test_a_mistyped_command_gets_the_commands_it_looks_like() -> None:
    _intro, blocks = build_unknown_command_answer("chanel observe")
    text = blocks[0]["text"]["text"]
    assert "Did you mean" in text and "/norms channel [nudge|observe|off]" in text
    assert "/norms hours" not in text
    _intro, blocks = build_unknown_command_answer("frobnicate")
    assert "Did you mean" not in blocks[0]["text"]["text"] and "/norms help" in blocks[0]["text"]["text"]


def test_home_view_is_a_home_view_within_limits() -> None:
    view = build_home_view()
    assert view["type"] == "home"
    assert len(view["blocks"]) <= VIEW_BLOCK_LIMIT
    assert view["blocks"][0]["type"] == "header"
