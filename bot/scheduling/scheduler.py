"""The durable scheduler's tick, and the APScheduler job that runs it.

Each tick: materialise due occurrences (idempotent by occurrence key), skip what is overdue beyond
its grace, claim a batch with a lease, deliver it. APScheduler 3 only wakes the process: an
in-memory job store, a fixed job id, coalesce and max_instances=1; the database holds the work.
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import IO

from slack_sdk import WebClient
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot.core.deps import Clock, Deps
from bot.core.settings import ConfigError, Settings
from bot.scheduling import outbox
from bot.scheduling.delivery import Deliverer, DeliveryPolicy, DeliveryReport
from bot.slack.client import MAX_RETRIES, build_web_client
from bot.slack.tokens import TokenSource

logger = logging.getLogger(__name__)

TICK_JOB_ID = "scheduler-tick"
# A feature's materialiser, handed over by the composition root (app.py): given a session and "now",
# it enqueues the occurrences that are due by then (outbox.enqueue is idempotent) and returns how
# many it added.
Materializer = Callable[[Session, datetime], int]


@dataclass(frozen=True)
class TickResult:
    materialised: int
    skipped: int
    claimed: int
    report: DeliveryReport


def instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Scheduler:
    def __init__(
        self,
        deps: Deps,
        *,
        tokens: TokenSource,
        materializers: Sequence[Materializer] = (),
        client_for: Callable[[str], WebClient] | None = None,
        clock: Clock | None = None,
    ) -> None:
        settings = deps.settings
        self._deps = deps
        self._clock = clock or deps.clock
        self._materializers = tuple(materializers)
        self.instance = instance_id()
        self._lease = timedelta(seconds=settings.scheduler_lease_seconds)
        self._batch = settings.scheduler_batch_size
        self._policy = DeliveryPolicy(
            lease=self._lease,
            channel_interval_s=settings.scheduler_channel_interval_seconds,
            workers=settings.scheduler_workers,
            max_attempts=settings.scheduler_max_attempts,
        )
        self._deliverer = Deliverer(
            session_factory=deps.session_factory,
            tokens=tokens,
            client_for=client_for or _client_factory(settings),
            policy=self._policy,
            clock=self._clock,
        )

    def tick(self) -> TickResult:
        """One pass: materialise, skip the overdue, claim, deliver."""
        now = self._clock()
        materialised = 0
        for materialize in self._materializers:
            with self._deps.session_factory.begin() as session:
                materialised += materialize(session, now)
        with self._deps.session_factory.begin() as session:
            claimed = outbox.claim_due(
                session=session, now=now, instance_id=self.instance, lease=self._lease, limit=self._batch
            )
        deliverable, skipped = self._drop_overdue(claimed, now)
        deliverable = self._fit_in_lease(deliverable)
        report = DeliveryReport(skipped=skipped)
        self._deliverer.deliver(deliverable, report)
        if claimed:
            logger.info(
                "tick: %d claimed, %d sent, %d retried, %d failed, %d skipped",
                len(claimed), report.sent, report.retried, report.failed, report.skipped,
            )  # fmt: skip
        return TickResult(materialised, skipped, len(claimed), report)

    def _drop_overdue(
        self, claimed: list[outbox.ClaimedItem], now: datetime
    ) -> tuple[list[outbox.ClaimedItem], int]:
        """After downtime: late within the grace is still sent; older is skipped, never sent days late."""
        keep, skipped = [], 0
        for item in claimed:
            late, grace = now - item.due_at, timedelta(seconds=item.grace_seconds)
            if item.attempts == 0 and late > grace:
                with self._deps.session_factory.begin() as session:
                    outbox.mark_skipped(
                        session=session,
                        item=item,
                        reason=f"missed by {_duration(late)} (grace {_duration(grace)})",
                    )
                skipped += 1
            else:
                keep.append(item)
        return keep, skipped

    def _fit_in_lease(self, items: list[outbox.ClaimedItem]) -> list[outbox.ClaimedItem]:
        """Pacing makes a channel's queue take time: give back what would outlive the lease."""
        interval = self._policy.channel_interval_s
        if not interval:
            return items
        per_channel = max(1, int(self._lease.total_seconds() / (2 * interval)))
        seen: dict[tuple[str, str], int] = defaultdict(int)
        keep: list[outbox.ClaimedItem] = []
        extra: list[outbox.ClaimedItem] = []
        for item in items:
            key = (item.team_id, item.channel_id)
            seen[key] += 1
            (keep if seen[key] <= per_channel else extra).append(item)
        if extra:
            with self._deps.session_factory.begin() as session:
                outbox.release(session=session, ids=[item.id for item in extra], instance_id=self.instance)
        return keep


class SchedulerLock:
    """On SQLite, one ticking instance per database file: a second one is refused with a clear message."""

    def __init__(self, database_url: str) -> None:
        self._file: IO[str] | None = None
        url = make_url(database_url)
        self._path = None
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            self._path = Path(url.database).with_suffix(Path(url.database).suffix + ".scheduler-lock")

    def acquire(self) -> None:
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise ConfigError(
                f"Another Async Norms instance is already running the scheduler against this SQLite database "
                f"({self._path.with_suffix('')}). SQLite supports one ticking instance: stop the other one, "
                "or "
                "use PostgreSQL (DATABASE_URL) to run several instances."
            ) from None
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _client_factory(settings: Settings) -> Callable[[str], WebClient]:
    max_wait_s = rate_limit_wait_within_lease(settings)

    @lru_cache(maxsize=256)
    def client_for(token: str) -> WebClient:
        return build_web_client(settings, token=token, max_rate_limit_wait_s=max_wait_s)

    return client_for


def rate_limit_wait_within_lease(settings: Settings) -> float:
    """The longest Retry-After one delivery waits out inside its call, so that the call (its tries and
    waits) ends within half the lease: another instance never claims an item that is still in flight.
    A longer Retry-After sends the item back to the queue until then."""
    tries = (MAX_RETRIES + 1) * settings.slack_api_timeout_seconds
    spare = settings.scheduler_lease_seconds / 2 - tries
    return max(1.0, spare / MAX_RETRIES)


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
