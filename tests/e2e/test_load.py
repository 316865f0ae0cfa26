"""The load benchmark's short form: a steady stream of signed requests, none failed, none lost.

Latency, memory and throughput are measured by benchmarks/load.py, not asserted here.
"""

from __future__ import annotations

import pytest

from tests.support.bot_process import BotProcess
from tests.support.load_driver import drive_at_rate, lost_events, mixed_request
from tests.support.slack_requests import http_request

pytestmark = pytest.mark.e2e


def test_a_steady_mixed_load_is_acknowledged_without_errors_or_lost_events(
    bot: BotProcess, bot_database_url: str
) -> None:
    report = drive_at_rate(bot.base_url, per_second=25, seconds=3, make=mixed_request)
    assert report.sent == 75
    assert report.errors == 0
    assert len(report.event_ids) > 60
    assert lost_events(bot_database_url, report) == 0
    assert bot.process.poll() is None
    assert http_request(bot.base_url + "/healthz").status == 200
