"""Small Block Kit builders shared by every surface (sections, headers, buttons, modal inputs).

Each caps its text at Slack's limit, so a long value can never make Slack reject a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.slack.modal_state import VALUE

# Slack's Block Kit limits, in one table (api.slack.com/reference/block-kit). Builders cap to these,
# and tests/support/block_kit.py checks every built surface against them.
SECTION_TEXT_LIMIT = 3000  # a section's text, and a context element's
HEADER_TEXT_LIMIT = 150
HINT_LIMIT = 2000  # an input's hint
BUTTON_VALUE_LIMIT = 2000
MODAL_TITLE_LIMIT = 24
PRIVATE_METADATA_LIMIT = 3000
MESSAGE_BLOCK_LIMIT = 50
VIEW_BLOCK_LIMIT = 100  # a modal's or App Home's blocks


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_TEXT_LIMIT]}}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text[:HEADER_TEXT_LIMIT]}}


def button(action_id: str, text: str, value: str = "1", *, primary: bool = False) -> dict[str, Any]:
    built: dict[str, Any] = {"type": "button", "action_id": action_id, "value": value}
    built["text"] = {"type": "plain_text", "text": text}
    if primary:
        built["style"] = "primary"
    return built


def option(value: str, text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text}, "value": value}


def radio(options: Sequence[tuple[str, str]], initial: str) -> dict[str, Any]:
    built = [option(value, text) for value, text in options]
    return {
        "type": "radio_buttons",
        "options": built,
        "initial_option": next(o for o in built if o["value"] == initial),
    }


def input_block(
    block_id: str, label: str, element: dict[str, Any], *, optional: bool = False, hint: str = ""
) -> dict[str, Any]:
    """A modal input whose element answers to the action id every modal parser reads (VALUE)."""
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": {**element, "action_id": VALUE},
        "optional": optional,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint[:HINT_LIMIT]}
    return block


def modal(
    title: str,
    blocks: list[dict[str, Any]],
    *,
    callback_id: str | None = None,
    submit: str | None = "Save",
    metadata: str = "",
) -> dict[str, Any]:
    """A modal view; without `submit` it only shows something (and its button says Close)."""
    view: dict[str, Any] = {
        "type": "modal",
        "title": {"type": "plain_text", "text": title[:MODAL_TITLE_LIMIT]},
    }
    view["blocks"] = blocks
    if callback_id:
        view["callback_id"] = callback_id
    if metadata:
        view["private_metadata"] = metadata[:PRIVATE_METADATA_LIMIT]
    if submit:
        view["submit"] = {"type": "plain_text", "text": submit}
    view["close"] = {"type": "plain_text", "text": "Cancel" if submit else "Close"}
    return view
