"""Background jobs: the scheduler's tick and housekeeping. APScheduler only wakes the process."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.core.dedup import prune_processed_events
from bot.core.deps import Deps
from bot.core.inbox import Inbox
from bot.core.workspaces import purge_expired
from bot.scheduling.outbox import prune_finished
from bot.scheduling.scheduler import TICK_JOB_ID

T = TypeVar("T")

logger = logging.getLogger(__name__)

PRUNE_EVENTS_JOB_ID = "prune-processed-events"
PRUNE_EVENTS_INTERVAL = timedelta(hours=1)
PURGE_WORKSPACES_JOB_ID = "purge-departed-workspaces"
PURGE_WORKSPACES_INTERVAL = timedelta(hours=6)
PRUNE_OUTBOX_JOB_ID = "prune-finished-scheduled-items"
PRUNE_OUTBOX_INTERVAL = timedelta(hours=6)
MAINTENANCE_START_DELAY = timedelta(seconds=30)  # once the server is up and serving


def build_background_jobs(
    deps: Deps, *, tick: Callable[[], object] | None = None, inbox: Inbox | None = None
) -> BackgroundScheduler:
    """An in-memory APScheduler with fixed job ids (coalesce, one instance of each job at a time).

    The work itself is in the database, so every instance can run these jobs.
    """
    scheduler = BackgroundScheduler(
        timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
    )
    if tick is not None:
        scheduler.add_job(
            _logged(tick),
            "interval",
            seconds=deps.settings.scheduler_tick_seconds,
            id=TICK_JOB_ID,
            replace_existing=True,
            next_run_time=datetime.now(UTC),
        )
    maintenance = (
        (run_workspace_purge, PURGE_WORKSPACES_INTERVAL, PURGE_WORKSPACES_JOB_ID),
        (run_event_pruning, PRUNE_EVENTS_INTERVAL, PRUNE_EVENTS_JOB_ID),
        (run_outbox_pruning, PRUNE_OUTBOX_INTERVAL, PRUNE_OUTBOX_JOB_ID),
    )
    for job, interval, job_id in maintenance:
        scheduler.add_job(
            job,
            "interval",
            seconds=interval.total_seconds(),
            id=job_id,
            kwargs={"deps": deps, "inbox": inbox} if job is run_event_pruning else {"deps": deps},
            replace_existing=True,
            # at start too: an instance that restarts often would otherwise never get to them
            next_run_time=datetime.now(UTC) + MAINTENANCE_START_DELAY,
        )
    return scheduler


def _logged(tick: Callable[[], object]) -> Callable[[], None]:
    def run_tick() -> None:
        try:
            tick()
        except SQLAlchemyError as error:
            logger.error("scheduler tick skipped, the database is unavailable: %s", type(error).__name__)
        except Exception:
            logger.exception("scheduler tick failed")

    return run_tick


def run_workspace_purge(*, deps: Deps) -> int:
    """Delete the data of workspaces that left more than WORKSPACE_RETENTION_DAYS ago."""
    retention = timedelta(days=deps.settings.workspace_retention_days)
    reports = _housekeeping(
        deps,
        "purging departed workspaces",
        lambda session: purge_expired(session=session, now=deps.clock(), retention=retention),
    )
    for report in reports or []:
        logger.info("purged workspace %s: %d rows", report.team_id, report.rows)
    return len(reports or [])


def run_event_pruning(*, deps: Deps, inbox: Inbox | None = None) -> int:
    """Delete event ids older than PROCESSED_EVENT_RETENTION_HOURS, and inbox events given up on as
    long ago (their bodies hold message text)."""
    retention = timedelta(hours=deps.settings.processed_event_retention_hours)
    removed = _housekeeping(
        deps,
        "pruning processed events",
        lambda session: prune_processed_events(session=session, now=deps.clock(), retention=retention),
    )
    if removed:
        logger.info("pruned %d processed event ids older than %s", removed, retention)
    if inbox is not None:
        dead = _logged_if_it_fails(
            "pruning the inbox", lambda: inbox.prune_dead(older_than=deps.clock() - retention)
        )
        if dead:
            logger.info("pruned %d inbox events given up on more than %s ago", dead, retention)
    return removed or 0


def run_outbox_pruning(*, deps: Deps) -> int:
    """Delete scheduled items sent, failed or skipped more than SENT_ITEM_RETENTION_DAYS ago."""
    retention = timedelta(days=deps.settings.sent_item_retention_days)
    removed = _housekeeping(
        deps,
        "pruning finished scheduled items",
        lambda session: prune_finished(session=session, now=deps.clock(), retention=retention),
    )
    if removed:
        logger.info("pruned %d finished scheduled items older than %s", removed, retention)
    return removed or 0


def _housekeeping(deps: Deps, what: str, work: Callable[[Session], T]) -> T | None:
    """Run one housekeeping step in its own transaction; on a database error, log it and return None."""

    def in_a_transaction() -> T:
        with deps.session_factory.begin() as session:
            return work(session)

    return _logged_if_it_fails(what, in_a_transaction)


def _logged_if_it_fails(what: str, work: Callable[[], T]) -> T | None:
    try:
        return work()
    except SQLAlchemyError as error:
        logger.error("%s failed: %s", what, type(error).__name__)
        return None
