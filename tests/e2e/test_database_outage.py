"""With the database unreachable the server says so, asks Slack to redeliver, and recovers by itself."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from bot.agreement.blocks import AGREEMENT_MODAL_CALLBACK
from bot.agreement.document import WorkingAgreement
from bot.decisions.blocks import DECISION_MODAL_CALLBACK
from bot.standups.blocks import QUESTIONS, STANDUP_CONFIG_CALLBACK
from tests.e2e.test_standups import config_values
from tests.support.bot_process import BotProcess, start_bot
from tests.support.databases import create_postgres_database, drop_postgres_database, migrate
from tests.support.slack_requests import (
    event_request,
    http_request,
    interactive_request,
    post_signed,
    unique_id,
    view_submission_payload,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.support.tcp_proxy import TcpProxy
from tests.unit.test_agreement import modal_values

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


@pytest.fixture
def proxied_postgres(request: pytest.FixtureRequest) -> Iterator[tuple[str, TcpProxy]]:
    from tests.conftest import _require_postgres

    admin_url = _require_postgres()
    database_url = create_postgres_database(admin_url)
    migrate(database_url)
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy
    proxy.close()
    drop_postgres_database(admin_url, database_url)


@pytest.fixture
def bot_on_proxy(
    proxied_postgres: tuple[str, TcpProxy], slack: SlackStandIn, tmp_path: Path
) -> Iterator[BotProcess]:
    process = start_bot(workdir=tmp_path, database_url=proxied_postgres[0], api_url=slack.api_url)
    yield process
    process.stop()


def wait_for_status(url: str, status: int, timeout_s: float = 15) -> int:
    deadline = time.monotonic() + timeout_s
    seen = 0
    while time.monotonic() < deadline:
        seen = http_request(url, timeout_s=10).status
        if seen == status:
            return seen
        time.sleep(0.2)
    return seen


def test_health_and_events_follow_the_database_down_and_back_up(
    bot_on_proxy: BotProcess, proxied_postgres: tuple[str, TcpProxy], slack: SlackStandIn
) -> None:
    _, proxy = proxied_postgres
    health = bot_on_proxy.base_url + "/healthz"
    assert http_request(health).status == 200

    proxy.cut()
    assert wait_for_status(health, 503) == 503
    user = unique_id("UOUTAGE")
    delivery = event_request({"type": "app_home_opened", "user": user, "tab": "home"})
    # Not acknowledged, so Slack will deliver it again; and nothing happened.
    assert post_signed(bot_on_proxy.base_url, delivery).status == 503
    assert not [c for c in slack.calls("views.publish") if c.args.get("user_id") == user]

    proxy.restore()
    assert wait_for_status(health, 200) == 200
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    assert post_signed(bot_on_proxy.base_url, delivery, extra_headers=retry).status == 200
    published = slack.wait_for("views.publish", timeout_s=5)
    assert [c.args.get("user_id") for c in published] == [user]
    assert bot_on_proxy.process.poll() is None


def test_a_decision_form_saved_while_the_database_is_down_stays_open_and_its_text_is_not_logged(
    bot_on_proxy: BotProcess, proxied_postgres: tuple[str, TcpProxy], slack: SlackStandIn
) -> None:
    _, proxy = proxied_postgres
    secret = "Secret outcome: we acquire Initech"
    values: dict[str, dict[str, dict[str, Any]]] = {
        "title": {"value": {"type": "plain_text_input", "value": "Acquisition"}},
        "status": {"value": {"type": "static_select", "selected_option": {"value": "accepted"}}},
        "outcome": {"value": {"type": "plain_text_input", "value": secret}},
    }
    payload = view_submission_payload(DECISION_MODAL_CALLBACK, values=values,
                                      private_metadata='{"c": "C0DECIDE01", "t": null, "p": null}')  # fmt: skip
    proxy.cut()
    assert wait_for_status(bot_on_proxy.base_url + "/healthz", 503) == 503
    answered = post_signed(bot_on_proxy.base_url, interactive_request(payload))
    assert answered.status == 200
    body = json.loads(answered.body)
    assert body["response_action"] == "errors"  # the form stays open, with the person's text
    assert "could not be saved" in body["errors"]["title"] and "still here" in body["errors"]["title"]
    problems = [line for line in bot_on_proxy.log().splitlines() if " ERROR " in line or " WARNING " in line]
    assert problems and not any(secret in line for line in problems)  # logged, without what was typed
    proxy.restore()
    assert wait_for_status(bot_on_proxy.base_url + "/healthz", 200) == 200
    again = post_signed(bot_on_proxy.base_url, interactive_request(payload))
    assert again.status == 200 and "errors" not in again.body
    assert any("Acquisition" in str(call.args.get("text")) for call in slack.wait_for("chat.postMessage"))


SECRET_QUESTION = "Which customer (Initech) is leaving?"


@pytest.mark.parametrize(
    ("callback_id", "values", "metadata"),
    [
        (
            STANDUP_CONFIG_CALLBACK,
            {**config_values(["U0ALICE01"]), QUESTIONS: {"value": {"type": "plain_text_input",
                                                                    "value": SECRET_QUESTION}}},
            "C0STANDUP1",
        ),
        (
            AGREEMENT_MODAL_CALLBACK,
            modal_values(WorkingAgreement(), holidays={"value": "2026-12-24 Initech offsite"}),
            "",
        ),
    ],
    ids=["standup form", "agreement editor"],
)  # fmt: skip
def test_a_standup_or_agreement_form_saved_while_the_database_is_down_stays_open_untold_nothing_logged(
    bot_on_proxy: BotProcess,
    proxied_postgres: tuple[str, TcpProxy],
    slack: SlackStandIn,
    callback_id: str,
    values: dict[str, dict[str, dict[str, Any]]],
    metadata: str,
) -> None:
    _, proxy = proxied_postgres
    slack.add_user("U0ALICE01", is_admin=True)
    payload = view_submission_payload(callback_id, values=values, private_metadata=metadata)
    proxy.cut()
    assert wait_for_status(bot_on_proxy.base_url + "/healthz", 503) == 503
    answered = post_signed(bot_on_proxy.base_url, interactive_request(payload))
    assert answered.status == 200
    body = json.loads(answered.body)
    assert body["response_action"] == "errors"  # the form stays open, with what was entered
    ((block, error),) = body["errors"].items()
    assert block == next(iter(values)) and "could not be saved" in error
    problems = [line for line in bot_on_proxy.log().splitlines() if " ERROR " in line or " WARNING " in line]
    assert problems and not any("Initech" in line for line in problems)
    assert slack.calls("chat.postMessage") == [] and slack.calls("views.publish") == []
    proxy.restore()
    assert wait_for_status(bot_on_proxy.base_url + "/healthz", 200) == 200
    again = post_signed(bot_on_proxy.base_url, interactive_request(payload))
    assert again.status == 200 and "errors" not in again.body
    if callback_id == STANDUP_CONFIG_CALLBACK:
        (announced,) = slack.wait_for("chat.postMessage")
        assert "set up this channel's async standup" in str(announced.args.get("text"))
    else:
        (home,) = slack.wait_for("views.publish")
        assert "Saved the working agreement" in json.dumps(home.args)
