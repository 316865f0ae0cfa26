from __future__ import annotations

import json

from bot.home.help import build_help_blocks, build_home_view
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
    blocks = build_help_blocks(unknown_subcommand="<!channel> " + "x" * 500)
    first = blocks[0]["text"]["text"]
    assert "&lt;!channel&gt;" in first
    assert "<!channel>" not in first
    assert len(first) < 200


def test_home_view_is_a_home_view_within_limits() -> None:
    view = build_home_view()
    assert view["type"] == "home"
    assert len(view["blocks"]) <= VIEW_BLOCK_LIMIT
    assert view["blocks"][0]["type"] == "header"
