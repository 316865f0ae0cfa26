"""What an operator watches: `GET /metrics` in Prometheus' text format.

Counters and histograms are kept by the process that counts (the server, and the inbox worker
process it starts, which share a directory through prometheus_client's multiprocess mode); the
inbox's and the outbox's depth and age are read from the database when /metrics is scraped.
prometheus_client is imported on first use: its multiprocess mode must be chosen (the
PROMETHEUS_MULTIPROC_DIR variable, set by `norms serve`) before it is imported.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, ParamSpec

from sqlalchemy import Engine, func, select

from models import ItemState, ScheduledItem

if TYPE_CHECKING:
    from bot.core.inbox import Inbox

logger = logging.getLogger(__name__)
P = ParamSpec("P")
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
ACK_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


def share_between_processes() -> str:
    """Before anything counts: a fresh directory where this process and the worker process it starts
    keep their counts (an operator's own PROMETHEUS_MULTIPROC_DIR is used as it is)."""
    existing = os.environ.get(MULTIPROCESS_ENV)
    if existing:
        return existing
    directory = tempfile.mkdtemp(prefix="norms-metrics-")
    os.environ[MULTIPROCESS_ENV] = directory
    return directory


def forget_shared(directory: str) -> None:
    if directory.startswith(tempfile.gettempdir()) and "norms-metrics-" in directory:
        shutil.rmtree(directory, ignore_errors=True)


_created = threading.Lock()
_created_metrics: dict[str, Any] = {}


def _metrics() -> dict[str, Any]:
    """The metrics, created once per process (threads may ask for them at the same moment)."""
    if _created_metrics:
        return _created_metrics
    with _created:
        if not _created_metrics:
            _created_metrics.update(_create_metrics())
    return _created_metrics


def _create_metrics() -> dict[str, Any]:
    from prometheus_client import Counter, Histogram

    return {
        "ack": Histogram(
            "asyncnorms_ack_seconds",
            "Time to answer a request from Slack at /slack/events.",
            ["kind"],
            buckets=ACK_BUCKETS,
        ),
        "events": Counter(
            "asyncnorms_events",
            "Events the inbox workers finished, by event type and outcome (done, failed, given_up).",
            ["type", "outcome"],
        ),
        "slack_calls": Counter(
            "asyncnorms_slack_api_calls",
            "Slack Web API calls by method and outcome (ok, error, ratelimited, failed).",
            ["method", "outcome"],
        ),
        "rate_limited": Counter(
            "asyncnorms_slack_rate_limited",
            "429 answers from Slack by method (each one, retried or not).",
            ["method"],
        ),
    }


def _never_raises(count: Callable[P, None]) -> Callable[P, None]:
    """Counting must never change what it counts: a failure here (a full disk under the multiprocess
    directory, say) is logged once and the work goes on."""

    def safely(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            count(*args, **kwargs)
        except Exception as error:
            if not _failures_logged:
                _failures_logged.append(error)
                logger.warning("metrics are not being counted: %s", type(error).__name__)

    return safely


_failures_logged: list[Exception] = []


@_never_raises
def observe_ack(kind: str, seconds: float) -> None:
    _metrics()["ack"].labels(kind=kind).observe(seconds)


@_never_raises
def count_event(event_type: str, outcome: str) -> None:
    _metrics()["events"].labels(type=event_type[:40] or "unknown", outcome=outcome).inc()


@_never_raises
def count_slack_call(method: str, outcome: str) -> None:
    _metrics()["slack_calls"].labels(method=method[:60], outcome=outcome).inc()


@_never_raises
def count_rate_limited(method: str) -> None:
    _metrics()["rate_limited"].labels(method=method[:60]).inc()


def render(*, engine: Engine, inbox: Inbox | None, clock: Callable[[], datetime]) -> tuple[bytes, str]:
    """The /metrics page and its content type."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    _metrics()  # every metric is listed, at zero before anything happened
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROCESS_ENV):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:  # one process: its own counts
        from prometheus_client import REGISTRY

        for collector in list(REGISTRY._collector_to_names):
            registry.register(collector)
    registry.register(_QueueCollector(engine=engine, inbox=inbox, clock=clock))
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _QueueCollector:
    """The inbox and the outbox, read from the database at scrape time."""

    def __init__(self, *, engine: Engine, inbox: Inbox | None, clock: Callable[[], datetime]) -> None:
        self._engine, self._inbox, self._clock = engine, inbox, clock

    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import GaugeMetricFamily

        now = self._clock()
        if self._inbox is not None:
            waiting, oldest = self._inbox.depth()
            yield GaugeMetricFamily("asyncnorms_inbox_waiting", "Events stored and not done yet.", waiting)
            yield GaugeMetricFamily(
                "asyncnorms_inbox_oldest_seconds",
                "Age of the oldest event waiting in the inbox.",
                (now - oldest).total_seconds() if oldest else 0.0,
            )
        states = GaugeMetricFamily("asyncnorms_outbox_items", "Scheduled posts by state.", labels=["state"])
        with self._engine.connect() as connection:
            counts = dict(
                connection.execute(
                    select(ScheduledItem.state, func.count())
                    .where(ScheduledItem.state.in_((ItemState.PENDING, ItemState.SENDING, ItemState.FAILED)))
                    .group_by(ScheduledItem.state)
                ).all()
            )
            oldest_due = connection.scalar(
                select(func.min(ScheduledItem.available_at)).where(
                    ScheduledItem.state == ItemState.PENDING, ScheduledItem.available_at <= now
                )
            )
        for state in (ItemState.PENDING, ItemState.SENDING, ItemState.FAILED):
            states.add_metric([state.value], counts.get(state, 0))
        yield states
        yield GaugeMetricFamily(
            "asyncnorms_outbox_lag_seconds",
            "How long the oldest due scheduled post has been waiting.",
            (now - oldest_due).total_seconds() if oldest_due else 0.0,
        )
