"""Drive a server with signed Slack requests: at a fixed rate (open loop) or as fast as it answers.

Used by benchmarks/load.py (the full run) and by tests/e2e/test_load.py (a short run in CI).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bot.core.db import create_db_engine
from models import ProcessedEvent
from tests.support.slack_requests import (
    SlackRequest,
    event_request,
    post_signed,
    slash_command_request,
    unique_id,
)

# A realistic mix: messages that get a nudge, asks that are fine, chatter, and slash commands.
NUDGING = ("thoughts?", "can you review the doc?", "URGENT!!! need this now", "hi")
COMPLETE_ASKS = (
    "Could you review the pricing doc by Friday 3pm? It decides the Q3 launch price.",
    "Can you approve the staging deploy by tomorrow noon? QA needs it for the release test.",
)
CHATTER = ("lgtm, thanks!", "Deployed v2.3 to staging, all green.", "FYI: the office is closed on Monday.")


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0 for no values)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


@dataclass(frozen=True)
class Outcome:
    status: int
    latency_ms: float
    event_id: str | None


@dataclass(frozen=True)
class LoadReport:
    sent: int
    errors: int
    latencies_ms: list[float]
    event_ids: list[str]
    elapsed_s: float

    def percentile(self, fraction: float) -> float:
        return percentile(self.latencies_ms, fraction)

    @property
    def throughput(self) -> float:
        return self.sent / self.elapsed_s if self.elapsed_s else 0.0


def mixed_request(index: int) -> tuple[SlackRequest, str | None]:
    """The index-th request of the mix: 6 in 10 nudging or complete asks, 3 chatter, 1 slash command."""
    if index % 10 == 9:
        return slash_command_request("/norms", "help", user_id=f"ULOAD{index % 97:04d}"), None
    texts = NUDGING + COMPLETE_ASKS + CHATTER
    event = {
        "type": "message",
        "channel": f"CLOAD{index % 20:02d}",
        "channel_type": "channel",
        "user": f"ULOAD{index % 97:04d}",
        "text": texts[index % len(texts)],
        "ts": f"{1_800_000_000 + index}.{index % 1_000_000:06d}",
    }
    event_id = unique_id("EvLoad")
    return event_request(event, event_id=event_id), event_id


def _send(base_url: str, request: SlackRequest, event_id: str | None) -> Outcome:
    started = time.perf_counter()
    try:
        status = post_signed(base_url, request).status
    except OSError:
        status = 0  # connection refused or reset: an error, not a crash of the driver
    return Outcome(status, (time.perf_counter() - started) * 1000, event_id)


def _report(outcomes: list[Outcome], elapsed_s: float) -> LoadReport:
    return LoadReport(
        sent=len(outcomes),
        errors=sum(1 for outcome in outcomes if outcome.status != 200),
        latencies_ms=[outcome.latency_ms for outcome in outcomes],
        event_ids=[outcome.event_id for outcome in outcomes if outcome.event_id is not None],
        elapsed_s=elapsed_s,
    )


def drive_at_rate(
    base_url: str,
    *,
    per_second: float,
    seconds: float,
    make: Callable[[int], tuple[SlackRequest, str | None]],
) -> LoadReport:
    """Send request i at start + i/per_second whatever the server does (open loop), and wait for all."""
    total = int(per_second * seconds)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = []
        for index in range(total):
            delay = started + index / per_second - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(_send, base_url, *make(index)))
        outcomes = [future.result() for future in futures]
    return _report(outcomes, time.perf_counter() - started)


def drive_flat_out(
    base_url: str, *, clients: int, seconds: float, make: Callable[[int], tuple[SlackRequest, str | None]]
) -> LoadReport:
    """`clients` senders, each sending its next request as soon as the previous one is answered."""
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    outcomes: list[Outcome] = []

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                index = next(counter)
            outcome = _send(base_url, *make(index))
            with lock:
                outcomes.append(outcome)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _report(outcomes, time.perf_counter() - started)


def rss_mib(pid: int) -> float:
    """Resident memory of a process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_pids(pid: int) -> list[int]:
    """The processes `pid` started (Linux /proc): `norms serve`'s inbox worker."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children.extend(int(child) for child in task.read_text().split())
    return children


def lost_events(database_url: str, report: LoadReport, *, wait_s: float = 15.0) -> int:
    """Acknowledged event ids the server never recorded as done (its inbox workers record each when its
    listeners finished), after waiting up to `wait_s` for the workers to catch up."""
    engine = create_db_engine(database_url)
    deadline = time.monotonic() + wait_s
    try:
        while True:
            with engine.connect() as connection:
                recorded = set(connection.scalars(select(ProcessedEvent.event_id)))
            missing = sum(1 for event_id in report.event_ids if event_id not in recorded)
            if not missing or time.monotonic() > deadline:
                return missing
            time.sleep(0.1)
    finally:
        engine.dispose()


def seconds_until_done(database_url: str, report: LoadReport, *, wait_s: float = 600.0) -> float | None:
    """How long, from now, until the workers recorded every event of `report` as done (None: not within
    `wait_s`)."""
    started = time.monotonic()
    missing = lost_events(database_url, report, wait_s=wait_s)
    return None if missing else time.monotonic() - started
