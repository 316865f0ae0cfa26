"""The real server on loopback: signatures, de-duplication, health, commands."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.db import create_db_engine
from models import ProcessedEvent
from tests.support.bot_process import BotProcess
from tests.support.slack_requests import (
    BOT_TOKEN,
    SIGNING_SECRET,
    event_request,
    http_request,
    post_signed,
    slash_command_request,
    unique_id,
    url_verification_request,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def home_opened(user_id: str) -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user_id, "channel": "D0HOME", "tab": "home"}


def publishes_for(stand_in: SlackStandIn, user_id: str) -> int:
    return sum(1 for call in stand_in.calls("views.publish") if call.args.get("user_id") == user_id)


def send_sentinel_and_wait(bot: BotProcess, stand_in: SlackStandIn) -> None:
    """Deliver one valid event and wait for its effect, so earlier requests have had their chance."""
    sentinel = unique_id("USENT")
    assert post_signed(bot.base_url, event_request(home_opened(sentinel))).status == 200
    deadline = time.monotonic() + 5
    while publishes_for(stand_in, sentinel) == 0 and time.monotonic() < deadline:
        stand_in.wait_for("views.publish", count=len(stand_in.calls("views.publish")) + 1, timeout_s=0.2)
    assert publishes_for(stand_in, sentinel) == 1


def stored_event_ids(database_url: str) -> set[str]:
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            return set(connection.scalars(select(ProcessedEvent.event_id)))
    finally:
        engine.dispose()


def test_signed_url_verification_gets_its_challenge_back(bot: BotProcess) -> None:
    result = post_signed(bot.base_url, url_verification_request("challenge-3x4mpl3"))
    assert result.status == 200
    assert result.json() == {"challenge": "challenge-3x4mpl3"}


def test_forged_missing_and_stale_signatures_get_401_and_change_nothing(
    bot: BotProcess, stand_in: SlackStandIn, bot_database_url: str
) -> None:
    forged_user, missing_user, stale_user = unique_id("UFORGED"), unique_id("UMISSING"), unique_id("USTALE")
    forged = event_request(home_opened(forged_user))
    assert post_signed(bot.base_url, forged, secret="not-the-signing-secret").status == 401

    missing = event_request(home_opened(missing_user))
    result = http_request(
        bot.base_url + "/slack/events",
        method="POST",
        body=missing.body,
        headers={"Content-Type": "application/json"},
    )
    assert result.status == 401

    stale = event_request(home_opened(stale_user))
    assert post_signed(bot.base_url, stale, timestamp=int(time.time()) - 5 * 60 - 10).status == 401

    malformed = event_request(home_opened(forged_user))
    result = http_request(
        bot.base_url + "/slack/events",
        method="POST",
        body=malformed.body,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": "soon",
            "X-Slack-Signature": "v0=zz",
        },
    )
    assert result.status == 401

    send_sentinel_and_wait(bot, stand_in)
    for user in (forged_user, missing_user, stale_user):
        assert publishes_for(stand_in, user) == 0
    rejected_ids = {request.body for request in (forged, missing, stale)}
    assert not any(
        event_id in body for body in rejected_ids for event_id in stored_event_ids(bot_database_url)
    )


def test_the_same_event_delivered_twice_has_one_effect(bot: BotProcess, stand_in: SlackStandIn) -> None:
    user = unique_id("UDUP")
    request = event_request(home_opened(user), event_id=unique_id("EvDup"))
    assert post_signed(bot.base_url, request).status == 200
    retry_headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert post_signed(bot.base_url, request, extra_headers=retry_headers).status == 200
    assert post_signed(bot.base_url, request).status == 200
    assert wait_until(lambda: publishes_for(stand_in, user) >= 1)  # the one effect happened...
    send_sentinel_and_wait(bot, stand_in)  # ...and, once later requests have had their chance, only once
    assert publishes_for(stand_in, user) == 1


def test_health_is_ok_while_the_database_answers(bot: BotProcess) -> None:
    result = http_request(bot.base_url + "/healthz")
    assert result.status == 200
    health = result.json()
    assert (health["status"], health["database"], health["inbox"]["state"]) == ("ok", "ok", "ok")
    assert set(health["inbox"]) == {"state", "waiting", "oldest_seconds"}  # the events waiting for workers


def test_norms_help_answers_the_person_ephemerally(bot: BotProcess) -> None:
    result = post_signed(bot.base_url, slash_command_request("/norms", "help"))
    assert result.status == 200
    answer = result.json()
    assert answer["response_type"] == "ephemeral"
    assert any("/decision" in block.get("text", {}).get("text", "") for block in answer["blocks"])


def test_an_unknown_norms_subcommand_says_so_and_shows_what_helps(bot: BotProcess) -> None:
    answer = post_signed(bot.base_url, slash_command_request("/norms", "frobnicate")).json()
    assert "frobnicate" in answer["blocks"][0]["text"]["text"]
    rules = post_signed(bot.base_url, slash_command_request("/norms", "rule nonsense off")).json()
    assert rules["response_type"] == "ephemeral" and len(rules["blocks"]) == 1
    assert "`missing-deadline`" in rules["blocks"][0]["text"]["text"]


def test_unknown_paths_get_404(bot: BotProcess) -> None:
    assert http_request(bot.base_url + "/nothing-here").status == 404
    assert http_request(bot.base_url + "/slack/install").status == 404  # OAuth is not configured here


def test_slack_api_errors_while_handling_an_event_do_not_affect_the_acknowledgement(
    bot: BotProcess, stand_in: SlackStandIn
) -> None:
    stand_in.fail("views.publish", error="not_authed")
    user = unique_id("UERR")
    assert post_signed(bot.base_url, event_request(home_opened(user))).status == 200
    stand_in.wait_for("views.publish", timeout_s=5)
    assert bot.process.poll() is None
    assert http_request(bot.base_url + "/healthz").status == 200


def test_the_debug_log_of_the_whole_run_contains_no_token_or_signing_secret(bot: BotProcess) -> None:
    # Runs after the other tests of this module, so the log covers start-up, commands and events.
    log = bot.log()
    assert "views.publish" in log or "app_home_opened" in log  # the run really logged at DEBUG
    assert BOT_TOKEN not in log
    assert SIGNING_SECRET not in log
    assert "As you gave `client` as well" not in log
