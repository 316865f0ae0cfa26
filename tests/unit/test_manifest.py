"""manifest.yml and the code agree: what the manifest declares is what the app registers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_bolt import App, BoltRequest
from sqlalchemy import Engine

from app import create_bolt_app
from bot.core.deps import build_deps
from bot.core.settings import load_settings
from bot.slack.surfaces import BOT_EVENTS, BOT_SCOPES, COMMANDS, MESSAGE_SHORTCUTS, bolt_event_type
from tests.support.slack_requests import (
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackRequest,
    event_request,
    interactive_request,
    message_shortcut_payload,
    sign,
    slash_command_request,
)
from tests.support.slack_stand_in import SlackStandIn

MANIFEST_PATH = Path(__file__).resolve().parents[2] / "manifest.yml"

SAMPLE_EVENTS: dict[str, dict[str, Any]] = {
    "app_home_opened": {"type": "app_home_opened", "user": "U0ALICE01", "channel": "D1", "tab": "home"},
    "app_uninstalled": {"type": "app_uninstalled"},
    "member_joined_channel": {"type": "member_joined_channel", "user": "U0ALICE01", "channel": "C1"},
    "member_left_channel": {"type": "member_left_channel", "user": "U0ALICE01", "channel": "C1"},
    "message": {
        "type": "message",
        "subtype": "bot_message",
        "bot_id": "B1",
        "channel": "C1",
        "text": "hi",
        "ts": "1.1",
    },
    "reaction_added": {
        "type": "reaction_added",
        "user": "U0ALICE01",
        "reaction": "eyes",
        "item": {"type": "message", "channel": "C1", "ts": "1.1"},
    },
    "tokens_revoked": {"type": "tokens_revoked", "tokens": {"bot": ["U0BOT0001"]}},
    "user_change": {"type": "user_change", "user": {"id": "U0ALICE01", "deleted": False}},
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST_PATH.read_text())
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture
def app(slack: SlackStandIn, sqlite_template: Path, tmp_path: Path) -> Iterator[App]:
    from bot.core.db import create_db_engine
    from tests.support.databases import copy_sqlite_database

    engine: Engine = create_db_engine(copy_sqlite_database(sqlite_template, tmp_path / "app.sqlite3"))
    settings = load_settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
    )
    app = create_bolt_app(build_deps(settings, engine=engine))
    yield app
    # Listeners run on Bolt's thread pool after the acknowledgement: let them finish while the
    # stand-in still answers, so nothing outlives the test.
    app._listener_runner.listener_executor.shutdown(wait=True)
    engine.dispose()


def dispatch(app: App, request: SlackRequest) -> int:
    headers: dict[str, str | Sequence[str]] = {"content-type": request.content_type, **sign(request.body)}
    return app.dispatch(BoltRequest(body=request.body, headers=headers)).status


def test_manifest_parses_with_the_sections_slack_requires(manifest: dict[str, Any]) -> None:
    assert manifest["display_information"]["name"] == "Async Norms"
    assert len(manifest["display_information"]["name"]) <= 35
    assert len(manifest["display_information"]["description"]) <= 140
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert "socket_mode_enabled" in manifest["settings"]


def test_manifest_declares_exactly_the_commands_shortcuts_events_and_scopes_of_the_code(
    manifest: dict[str, Any],
) -> None:
    assert sorted(c["command"] for c in manifest["features"]["slash_commands"]) == sorted(COMMANDS)
    assert sorted(s["callback_id"] for s in manifest["features"]["shortcuts"]) == sorted(MESSAGE_SHORTCUTS)
    assert all(s["type"] == "message" for s in manifest["features"]["shortcuts"])
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(BOT_EVENTS)
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)


def test_every_manifest_url_points_at_the_events_endpoint(manifest: dict[str, Any]) -> None:
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls.append(manifest["settings"]["event_subscriptions"]["request_url"])
    urls.append(manifest["settings"]["interactivity"]["request_url"])
    assert all(url.endswith("/slack/events") for url in urls)
    assert all(url.endswith("/slack/oauth_redirect") for url in manifest["oauth_config"]["redirect_urls"])


def test_every_declared_command_is_handled_by_the_app(app: App, manifest: dict[str, Any]) -> None:
    for command in manifest["features"]["slash_commands"]:
        assert dispatch(app, slash_command_request(command["command"])) == 200, command["command"]


def test_an_undeclared_command_is_not_handled(app: App) -> None:
    assert dispatch(app, slash_command_request("/not-ours")) == 404


def test_every_declared_shortcut_is_handled_by_the_app(app: App, manifest: dict[str, Any]) -> None:
    for shortcut in manifest["features"]["shortcuts"]:
        payload = message_shortcut_payload(shortcut["callback_id"], message={"ts": "1.1", "text": "x"})
        assert dispatch(app, interactive_request(payload)) == 200, shortcut["callback_id"]


def test_every_subscribed_event_is_handled_by_the_app(app: App, manifest: dict[str, Any]) -> None:
    for subscription in manifest["settings"]["event_subscriptions"]["bot_events"]:
        event = SAMPLE_EVENTS[bolt_event_type(subscription)]
        assert dispatch(app, event_request(event)) == 200, subscription
