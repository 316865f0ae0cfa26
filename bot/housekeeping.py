"""Background housekeeping jobs. APScheduler only wakes the process; the database holds the state."""

from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.exc import SQLAlchemyError

from bot.deps import Deps
from bot.events import prune_processed_events

logger = logging.getLogger(__name__)

PRUNE_EVENTS_JOB_ID = "prune-processed-events"
PRUNE_EVENTS_INTERVAL = timedelta(hours=1)


def build_scheduler(deps: Deps) -> BackgroundScheduler:
    """An in-memory scheduler with fixed job ids; safe to run in every instance."""
    scheduler = BackgroundScheduler(
        timezone="UTC", job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300}
    )
    scheduler.add_job(
        run_event_pruning,
        "interval",
        seconds=PRUNE_EVENTS_INTERVAL.total_seconds(),
        id=PRUNE_EVENTS_JOB_ID,
        kwargs={"deps": deps},
        replace_existing=True,
    )
    return scheduler


def run_event_pruning(*, deps: Deps) -> int:
    retention = timedelta(hours=deps.settings.processed_event_retention_hours)
    try:
        with deps.session_factory.begin() as session:
            removed = prune_processed_events(session=session, now=deps.clock(), retention=retention)
    except SQLAlchemyError as error:
        logger.error("pruning processed events failed: %s", type(error).__name__)
        return 0
    if removed:
        logger.info("pruned %d processed event ids older than %s", removed, retention)
    return removed
