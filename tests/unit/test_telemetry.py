"""Counting for /metrics never changes what is counted."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.core import telemetry
from bot.slack.client import metered
from tests.support.slack_stand_in import SlackStandIn


def test_a_post_succeeds_even_when_its_count_cannot_be_kept(
    monkeypatch: pytest.MonkeyPatch, slack: SlackStandIn
) -> None:
    def broken() -> dict[str, object]:
        raise OSError("no space left for the metrics files")

    monkeypatch.setattr(telemetry, "_created_metrics", {})
    monkeypatch.setattr(telemetry, "_create_metrics", broken)
    client = metered(WebClient(token="xoxb-test", base_url=slack.api_url))
    assert client.chat_postMessage(channel="C1", text="hello")["ok"] is True
    assert [call.args["text"] for call in slack.calls("chat.postMessage")] == ["hello"]  # posted once


def test_metrics_are_created_once_however_many_threads_ask_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.concurrency import run_at_once

    created: list[int] = []

    def create() -> dict[str, object]:
        created.append(1)
        return {"made": True}

    monkeypatch.setattr(telemetry, "_created_metrics", {})
    monkeypatch.setattr(telemetry, "_create_metrics", create)
    results, errors = run_at_once(telemetry._metrics, threads=12)
    assert errors == [] and len(created) == 1 and all(result == {"made": True} for result in results)
