"""Acknowledgement latency of the nudge path under a burst of message events.

Run: .venv/bin/python benchmarks/nudge_ack_latency.py [--messages 200] [--concurrency 20]

Starts the real server (`norms serve`, SQLite) against a local Slack Web API stand-in, sends a
burst of signed message events (half of them incomplete, so they take the nudge path) from
`--concurrency` client threads, and reports the time from sending each request to its HTTP
acknowledgement, p50 and p99, as a ratio to Slack's 3-second limit (the reference). It also
reports how long the nudges took to arrive at the stand-in.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.bot_process import start_bot  # noqa: E402
from tests.support.load_driver import percentile  # noqa: E402
from tests.support.slack_requests import event_request, post_signed, unique_id  # noqa: E402
from tests.support.slack_stand_in import SlackStandIn  # noqa: E402

SLACK_ACK_LIMIT_MS = 3000.0
MESSAGES = ("thoughts?", "can you review the doc?", "lgtm, thanks!", "Deployed v2.3 to staging, all green.")


def message_event(user: str, channel: str, text: str, ts: str) -> dict[str, str]:
    return {
        "type": "message",
        "channel": channel,
        "channel_type": "channel",
        "user": user,
        "text": text,
        "ts": ts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, SlackStandIn() as slack:
        users = [f"UBENCH{index:04d}" for index in range(args.messages)]
        for user in users:
            slack.add_user(user)
        bot = start_bot(
            workdir=Path(workdir),
            database_url=f"sqlite:///{workdir}/bench.sqlite3",
            api_url=slack.api_url,
            extra_env={"LOG_LEVEL": "WARNING"},
        )
        try:
            requests = []
            for index, user in enumerate(users):
                text = MESSAGES[index % len(MESSAGES)]
                event = message_event(user, f"CBENCH{index % 10}", text, f"{1_800_000_000 + index}.000100")
                requests.append(event_request(event, event_id=unique_id("EvBench")))

            def send(request: object) -> tuple[int, float]:
                started = time.perf_counter()
                result = post_signed(bot.base_url, request)  # type: ignore[arg-type]
                return result.status, (time.perf_counter() - started) * 1000

            warm_up = message_event(users[0], "CWARM", "hi", "1799999999.000100")
            post_signed(bot.base_url, event_request(warm_up))  # a running server is warm; measure that
            slack.wait_for("chat.postEphemeral", timeout_s=10)
            slack.reset()
            burst_started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                results = list(pool.map(send, requests))
            expected_nudges = sum(1 for index in range(args.messages) if index % len(MESSAGES) < 2)
            slack.wait_for("chat.postEphemeral", count=expected_nudges, timeout_s=60)
            all_nudged_ms = (time.perf_counter() - burst_started) * 1000
        finally:
            bot.stop()
    latencies = [latency for _, latency in results]
    errors = sum(1 for status, _ in results if status != 200)
    nudges = len(slack.successful_calls("chat.postEphemeral"))
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    print(
        f"burst: {args.messages} signed message events from {args.concurrency} concurrent senders, one server"
    )
    print(f"acknowledged: {args.messages - errors} ok, {errors} errors")
    print(
        f"ack latency p50 {p50:7.1f} ms, p99 {p99:7.1f} ms, max {max(latencies):7.1f} ms, "
        f"mean {statistics.mean(latencies):.1f} ms"
    )
    print(f"ratio p99 / Slack's 3 s limit (reference): {p99 / SLACK_ACK_LIMIT_MS:.3f}")
    print(
        f"nudges delivered: {nudges} of {expected_nudges} expected; "
        f"all within {all_nudged_ms:.0f} ms of the burst start"
    )


if __name__ == "__main__":
    main()
