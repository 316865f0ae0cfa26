"""Property-based: correctly signed but malformed requests never get a 5xx and never stop the server."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.agreement.blocks import AGREEMENT_EDIT_ACTION, AGREEMENT_MODAL_CALLBACK, AGREEMENT_SHARE_ACTION
from bot.asks.blocks import ASK_ACTION_IDS
from bot.decisions.blocks import DECISION_MODAL_CALLBACK, STATUS_ACTIONS
from bot.home.blocks import HOME_ACTIONS, HOME_AWAY_CALLBACK, HOME_HOURS_CALLBACK
from bot.nudges.blocks import NUDGE_GOT_IT_ACTION, NUDGE_NOT_HELPFUL_ACTION, NUDGE_PAUSE_ACTION
from bot.slack.surfaces import COMMANDS, RECORD_DECISION_SHORTCUT
from bot.standups.blocks import STANDUP_ANSWER_CALLBACK, STANDUP_CONFIG_CALLBACK, STANDUP_OPEN_ANSWER_ACTION
from tests.support.bot_process import BotProcess
from tests.support.slack_requests import (
    SlackRequest,
    block_action_payload,
    event_request,
    http_request,
    interactive_request,
    message_shortcut_payload,
    post_signed,
    slash_command_request,
    view_submission_payload,
)

pytestmark = pytest.mark.e2e

HOSTILE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

odd_text = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", " ", "\u202e\u0000\ufeff", "🧨" * 500, "<!channel> " * 100, "a" * 40_000, "by Friday? " * 4_000]),
)  # fmt: skip
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), odd_text)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12
)  # fmt: skip


@st.composite
def mangled(draw: st.DrawFn, template: dict[str, Any]) -> dict[str, Any]:
    """The template with some fields (at any depth) dropped or replaced by arbitrary JSON."""
    result: dict[str, Any] = {}
    for key, value in template.items():
        choice = draw(st.sampled_from(["keep", "keep", "drop", "replace", "descend"]))
        if choice == "drop":
            continue
        if choice == "replace":
            result[key] = draw(json_values)
        elif choice == "descend" and isinstance(value, dict):
            result[key] = draw(mangled(value))
        elif choice == "descend" and isinstance(value, list) and value and isinstance(value[0], dict):
            result[key] = [draw(mangled(value[0]))]
        else:
            result[key] = value
    return result


def event_templates() -> list[dict[str, Any]]:
    message: dict[str, Any] = {
        "type": "message", "channel": "C0GENERAL", "channel_type": "channel", "user": "U0ALICE01",
        "text": "can you review?", "ts": "1700000000.000100",
    }  # fmt: skip
    events: list[dict[str, Any]] = [
        message,
        {"type": "message", "subtype": "message_changed", "channel": "C0GENERAL", "message": dict(message)},
        {"type": "app_home_opened", "user": "U0ALICE01", "tab": "home"},
        {"type": "member_joined_channel", "user": "U0BOT0001", "channel": "C0GENERAL"},
        {"type": "reaction_added", "user": "U0ALICE01", "reaction": "eyes", "item": {"channel": "C0GENERAL"}},
        {
            "type": "reaction_added",
            "user": "U0BOB0001",
            "reaction": "white_check_mark",
            "item": {"type": "message", "channel": "C0GENERAL", "ts": "1700000000.000100"},
        },
        {
            **message,
            "text": "<@U0BOB0001> can you review the RFC? It blocks the launch.",
            "thread_ts": "1700000000.000001",
        },
        {
            "type": "message",
            "subtype": "message_deleted",
            "channel": "C0GENERAL",
            "deleted_ts": "1700000000.000100",
        },
        {"type": "member_left_channel", "user": "U0ALICE01", "channel": "C0GENERAL"},
    ]
    return [json.loads(event_request(event).body) for event in events]


def interactive_templates() -> list[dict[str, Any]]:
    actions = (NUDGE_GOT_IT_ACTION, NUDGE_NOT_HELPFUL_ACTION, NUDGE_PAUSE_ACTION, *STATUS_ACTIONS,
               *ASK_ACTION_IDS.values(), STANDUP_OPEN_ANSWER_ACTION, AGREEMENT_SHARE_ACTION, AGREEMENT_EDIT_ACTION,
               *HOME_ACTIONS)  # fmt: skip
    modals = {
        STANDUP_CONFIG_CALLBACK: "C0GENERAL", STANDUP_ANSWER_CALLBACK: "1", AGREEMENT_MODAL_CALLBACK: "",
        HOME_HOURS_CALLBACK: "", HOME_AWAY_CALLBACK: "",
    }  # fmt: skip
    shortcut = message_shortcut_payload(
        RECORD_DECISION_SHORTCUT,
        message={"ts": "1700000000.000100", "text": "we agreed", "user": "U0ALICE01"},
    )
    submission = view_submission_payload(
        DECISION_MODAL_CALLBACK,
        values={"title": {"title": {"type": "plain_text_input", "value": "Use Postgres"}}},
        private_metadata=json.dumps({"channel_id": "C0GENERAL"}),
    )
    return [
        shortcut,
        submission,
        *(block_action_payload(action, value="1") for action in actions),
        *(
            view_submission_payload(callback, values={"days": {"value": {"type": "checkboxes", "selected_options": []}}},
                                    private_metadata=metadata)
            for callback, metadata in modals.items()
        ),
    ]  # fmt: skip


def command_templates() -> list[dict[str, Any]]:
    templates = []
    for command in COMMANDS:
        body = slash_command_request(command, "help").body
        templates.append({key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()})
    return templates


def assert_handled(bot: BotProcess, request: SlackRequest) -> None:
    result = post_signed(bot.base_url, request)
    assert result.status < 500, (result.status, request.body[:300])


def assert_still_serving(bot: BotProcess) -> None:
    assert bot.process.poll() is None, bot.log()[-2000:]
    assert http_request(bot.base_url + "/healthz").status == 200


@HOSTILE
@given(data=st.data())
def test_malformed_events_are_never_a_server_error(bot: BotProcess, data: st.DataObject) -> None:
    payload = data.draw(st.sampled_from(event_templates()).flatmap(mangled))
    assert_handled(bot, SlackRequest(json.dumps(payload), "application/json"))
    assert_still_serving(bot)


@HOSTILE
@given(data=st.data())
def test_malformed_interactivity_is_never_a_server_error(bot: BotProcess, data: st.DataObject) -> None:
    payload = data.draw(st.sampled_from(interactive_templates()).flatmap(mangled))
    assert_handled(bot, interactive_request(payload))
    assert_still_serving(bot)


@HOSTILE
@given(data=st.data())
def test_malformed_slash_commands_are_never_a_server_error(bot: BotProcess, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(command_templates()).flatmap(mangled))
    body = urlencode(
        {key: value if isinstance(value, str) else json.dumps(value) for key, value in form.items()}
    )
    assert_handled(bot, SlackRequest(body, "application/x-www-form-urlencoded"))
    assert_still_serving(bot)


@HOSTILE
@given(body=st.one_of(st.text(max_size=500), json_values.map(json.dumps)), content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]))  # fmt: skip
def test_arbitrary_signed_bodies_are_never_a_server_error(
    bot: BotProcess, body: str, content_type: str
) -> None:
    assert_handled(bot, SlackRequest(body, content_type))
    assert_still_serving(bot)


def test_a_payload_bolt_cannot_parse_is_400_when_signed_and_401_when_not(bot: BotProcess) -> None:
    unparseable = interactive_request({"type": "block_actions", "channel": False, "actions": "none"})
    assert post_signed(bot.base_url, unparseable).status == 400
    assert post_signed(bot.base_url, unparseable, secret="not-the-signing-secret").status == 401
    assert_still_serving(bot)
