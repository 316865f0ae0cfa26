"""What an operator watches: /metrics in Prometheus' format, from the server and its worker process,
and LOG_FORMAT=json."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.bot_process import NORMS_SCRIPT, clean_environment, free_port, start_bot
from tests.support.slack_requests import (
    BOT_TOKEN,
    SIGNING_SECRET,
    event_request,
    http_request,
    post_signed,
    slash_command_request,
    unique_id,
)
from tests.support.slack_stand_in import SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e


def sample(page: str, name: str, **labels: str) -> float:
    """One sample's value on a metrics page (0 when it is not there)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in page.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match is None or match.group(1) != name:
            continue
        found = ",".join(sorted((match.group(2) or "").split(","))) if match.group(2) else ""
        if found == wanted:
            return float(match.group(3))
    return 0.0


def test_metrics_count_acknowledgements_events_done_by_the_worker_process_and_slack_calls(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    person = unique_id("UMET")[:20]
    slack.add_user(person)
    slack.fail("users.info", status=429, retry_after=1)  # one rate limit, retried by the client
    bot = start_bot(workdir=tmp_path, database_url=f"sqlite:///{tmp_path / 'metrics.sqlite3'}",
                    api_url=slack.api_url, extra_env={"LOG_FORMAT": "json"})  # fmt: skip
    try:
        message = {"type": "message", "channel": "C0METRICS", "channel_type": "channel", "user": person,
                   "text": "thoughts?", "ts": f"{time.time():.6f}"}  # fmt: skip
        assert post_signed(bot.base_url, event_request(message)).status == 200
        slack.wait_for("chat.postEphemeral", timeout_s=10)  # the worker process sent the tip
        command = slash_command_request("/norms", "help", response_url=slack.response_url("m"))
        assert post_signed(bot.base_url, command).status == 200

        def page() -> str:
            answer = http_request(bot.base_url + "/metrics")
            assert answer.status == 200 and answer.headers.get("Content-Type", "").startswith("text/plain")
            return answer.body

        assert wait_until(
            lambda: sample(page(), "asyncnorms_events_total", type="message", outcome="done") == 1
        )
        metrics = page()
        assert sample(metrics, "asyncnorms_ack_seconds_count", kind="event") == 1
        assert sample(metrics, "asyncnorms_ack_seconds_count", kind="bolt") == 1
        assert (
            sample(metrics, "asyncnorms_slack_api_calls_total", method="chat.postEphemeral", outcome="ok")
            == 1
        )
        assert sample(metrics, "asyncnorms_slack_rate_limited_total", method="users.info") == 1
        assert sample(metrics, "asyncnorms_inbox_waiting") == 0
        assert "asyncnorms_outbox_items" in metrics and "asyncnorms_outbox_lag_seconds" in metrics
    finally:
        bot.stop()
    lines = [line for line in bot.log().splitlines() if line.startswith("{")]
    assert lines, "LOG_FORMAT=json wrote no JSON lines"
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "logger", "message"} <= set(entry)
    assert BOT_TOKEN not in bot.log() and SIGNING_SECRET not in bot.log()


def test_a_worker_of_its_own_serves_its_counts_on_worker_metrics_port(
    slack: SlackStandIn, tmp_path: Path
) -> None:
    person = unique_id("UWRK")[:20]
    slack.add_user(person)
    database_url = f"sqlite:///{tmp_path / 'workers.sqlite3'}"
    bot = start_bot(workdir=tmp_path, database_url=database_url, api_url=slack.api_url,
                    extra_env={"INBOX_WORKERS": "none"})  # fmt: skip
    worker_port = free_port()
    env = clean_environment(
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url, HOST="127.0.0.1", WORKER_METRICS_PORT=str(worker_port), LOG_LEVEL="INFO",
    )  # fmt: skip
    with (tmp_path / "worker.log").open("wb") as log:
        worker = subprocess.Popen([str(NORMS_SCRIPT), "worker"], cwd=tmp_path, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)  # fmt: skip
    worker_url = f"http://127.0.0.1:{worker_port}"
    try:

        def worker_page() -> str:
            try:
                answer = http_request(worker_url + "/metrics")
            except OSError:
                return ""  # not listening yet
            return answer.body if answer.status == 200 else ""

        assert wait_until(lambda: "asyncnorms_events_total" in worker_page(), timeout_s=30), (
            tmp_path / "worker.log"
        ).read_text()
        message = {"type": "message", "channel": "C0WORKER", "channel_type": "channel", "user": person,
                   "text": "thoughts?", "ts": f"{time.time():.6f}"}  # fmt: skip
        assert post_signed(bot.base_url, event_request(message)).status == 200
        slack.wait_for("chat.postEphemeral", timeout_s=15)  # done by the worker: the server has none
        assert wait_until(
            lambda: sample(worker_page(), "asyncnorms_events_total", type="message", outcome="done") == 1
        )
        counts = worker_page()
        assert (
            sample(counts, "asyncnorms_slack_api_calls_total", method="chat.postEphemeral", outcome="ok") == 1
        )
        assert (
            sample(counts, "asyncnorms_inbox_waiting") == 0
        )  # the shared queues, as every instance sees them
        server_counts = http_request(bot.base_url + "/metrics").body
        assert sample(server_counts, "asyncnorms_events_total", type="message", outcome="done") == 0
        assert sample(server_counts, "asyncnorms_ack_seconds_count", kind="event") == 1
        health = http_request(worker_url + "/healthz")
        assert health.status == 200 and json.loads(health.body)["inbox"]["waiting"] == 0
        assert http_request(worker_url + "/slack/events").status == 404  # it takes no Slack requests
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        bot.stop()
